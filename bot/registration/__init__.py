"""The registration conversation on Telegram: updates become events of the pure machine
(:mod:`flows.registration`), drafts are stored before any reply, screens become messages."""
