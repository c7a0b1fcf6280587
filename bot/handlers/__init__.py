"""Telegram handlers: each parses an update, calls the domain, saves, and renders the answer."""
