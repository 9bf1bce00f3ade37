"""Where ton opens a user's file (a draft, a configuration, the -o report).

In-process this is os.open. Through the warm service (serveur.py) the service's child replaces
`opener` so that the client opens the file, with its own rights (groups, mount namespace,
umask), and passes the descriptor back: the service never opens a path for a client.
"""
from __future__ import annotations

import os
from typing import Callable, Optional

opener: Optional[Callable[[str, bool], int]] = None  # (path, for_writing) -> descriptor


def open_read(path: str) -> int:
    """A descriptor for reading; O_NONBLOCK so that a FIFO without a writer never blocks the open."""
    if opener is not None:
        return opener(path, False)
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)


def open_write(path: str) -> int:
    """A descriptor for writing a report (created with the umask, truncated)."""
    if opener is not None:
        return opener(path, True)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
