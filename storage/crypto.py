"""Encryption of personal data at rest, and keyed hashes for looking it up.

One 32-byte master key (from the settings, or a key file made on first run) is split with HKDF
into an AES-GCM key for ciphertexts and an HMAC key for blind indexes, so that the lookup hash of
a resident ID reveals nothing even to someone who holds the database alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.private import private_dir

log = logging.getLogger(__name__)

KEY_FILE_NAME = "secret.key"
_NONCE_BYTES = 12
_FORMAT_PREFIX = b"\x01"


class Vault:
    """Encrypts and decrypts values and computes blind indexes with one master key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"songnuan/aes-gcm"))
        self._index_key = _derive(master_key, b"songnuan/blind-index")

    def encrypt(self, plaintext: bytes, *, context: bytes = b"") -> bytes:
        """AES-GCM ciphertext with its nonce; ``context`` binds it to where it is stored."""
        nonce = os.urandom(_NONCE_BYTES)
        return _FORMAT_PREFIX + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, token: bytes, *, context: bytes = b"") -> bytes:
        """The plaintext of :meth:`encrypt`'s output; raises if it was tampered with."""
        if token[:1] != _FORMAT_PREFIX:
            raise ValueError("unknown ciphertext format")
        nonce = token[1 : 1 + _NONCE_BYTES]
        return self._aead.decrypt(nonce, token[1 + _NONCE_BYTES :], context)

    def seal_json(self, value: Any, *, context: bytes = b"") -> bytes:
        """Encrypt a JSON-serialisable value; any ``str`` comes back as it went in.

        Written as ASCII with ``\\u`` escapes: a lone surrogate (``"\\ud800"``, which Telegram's
        JSON can carry) has no UTF-8 form, but its escape does, and :meth:`open_json` reads it
        back. Values sealed before as UTF-8 are read the same way.
        """
        return self.encrypt(json.dumps(value, ensure_ascii=True).encode("ascii"), context=context)

    def open_json(self, token: bytes, *, context: bytes = b"") -> Any:
        """Decrypt a value sealed by :meth:`seal_json`."""
        return json.loads(self.decrypt(token, context=context))

    def blind_index(self, value: str) -> str:
        """A keyed hash (HMAC-SHA256) for equality lookups without storing the value."""
        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()


def _derive(master_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master_key)


def load_master_key(configured: str | None, data_dir: Path) -> bytes:
    """The configured key (base64), or the data directory's key file, made on first use."""
    if configured:
        return base64.b64decode(configured)
    key_path = data_dir / KEY_FILE_NAME
    if key_path.exists():
        return base64.b64decode(key_path.read_text().strip())
    private_dir(data_dir)
    key = secrets.token_bytes(32)
    # O_EXCL and mode 0600 at creation: the key is never readable by others, not even briefly.
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(base64.b64encode(key).decode() + "\n")
    log.warning(
        "Created a new encryption key at %s: back it up, without it the personal data "
        "in the database cannot be read",
        key_path,
    )
    return key
