"""Songnuan's Telegram side: handlers, the command line and the Bot API stand-in."""

import os

# Opt in to python-telegram-bot's coming behaviour now: durations such as a 429's
# ``retry_after`` are ``timedelta``s, and reading them raises no deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")
