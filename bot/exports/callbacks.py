"""The /export buttons' data now lives with the wizard in :mod:`flows.exports.callbacks`."""

from flows.exports.callbacks import ALL, PREFIX, Choice, decode

__all__ = ["ALL", "PREFIX", "Choice", "decode"]
