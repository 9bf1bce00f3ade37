"""Errors that reach the user as a French message and exit code 2."""
from __future__ import annotations


class TonError(Exception):
    """Base class: str(exc) is a French message for the user."""


class InputError(TonError):
    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path} : {reason}")


class LexiconError(TonError):
    """A data file in lexicons/ is invalid; the message names the file and the key."""

    def __init__(self, file: str, key: str, reason: str) -> None:
        super().__init__(f"lexique {file}, clé « {key} » : {reason}")
