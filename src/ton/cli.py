"""Entry point of the `ton` command.

`ton verifier` first tries the warm service (serveur.py) and imports nothing else before it has
connected: no typer, no lexicons, no spaCy. Everything else, and the check in this process, is
commandes.py, imported only then.
"""
from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["verifier"]:
        # The warm service, if any (docs/performance.md); None means: check here, as always.
        from .interruption import guarded
        from .serveur import run_client

        code = guarded(lambda: run_client(sys.argv[2:]))
        if code is not None:
            sys.exit(code)
    from .commandes import run

    run()


def __getattr__(name: str):
    """ton.cli.app and the other names of the commands, as before they moved to commandes.py."""
    if name.startswith("__"):  # __path__, __file__…: asked by the import system, never a command's name
        raise AttributeError(name)
    from . import commandes

    try:
        return getattr(commandes, name)
    except AttributeError:
        raise AttributeError(f"module 'ton.cli' has no attribute {name!r}") from None
