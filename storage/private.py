"""Files only the installation's own user may read: folders 0700, files 0600.

The data directory holds the database, the key and the sealed documents; none of it is for
other accounts on the machine. The command line sets a umask of 0o077 at start (so that even
files made by others on its behalf, such as SQLite's ``-wal`` and ``-shm``, are private);
these helpers make the modes explicit where the program creates files itself, so that they
hold also when the code runs under another program's umask (a test runner, a service manager).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

PRIVATE_DIR: Final = 0o700
PRIVATE_FILE: Final = 0o600
UMASK: Final = 0o077


def private_dir(path: Path) -> Path:
    """Make the folder and its missing parents, each readable by its owner only.

    A folder that exists is left as it is: it may be one the operator chose and shares.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.is_dir()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        folder.chmod(PRIVATE_DIR)  # mkdir's mode passes through the umask; this does not
    return path


def write_private(path: Path, content: bytes) -> None:
    """Write ``content`` to a file only its owner can read (an existing file is tightened)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as stream:
        os.fchmod(stream.fileno(), PRIVATE_FILE)
        stream.write(content)


def private_file(path: Path) -> Path:
    """Make the file empty if it is missing, and make it (new or old) readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
    finally:
        os.close(descriptor)
    return path


def private_sqlite(database: Path) -> None:
    """An SQLite database and its ``-wal`` and ``-shm`` files readable by their owner only.

    The database is made (empty) before SQLite opens it, so it is never readable by others,
    and one made 0644 by an earlier version is tightened. SQLite gives the ``-wal`` and ``-shm``
    files the database file's mode when it makes them; those that exist are tightened too.
    """
    private_dir(database.parent)
    private_file(database)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.chmod(PRIVATE_FILE)
