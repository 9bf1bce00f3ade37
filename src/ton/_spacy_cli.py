"""spaCy's command line, left unimported until something asks for it (cold start, issue 14).

`import spacy` runs `from .cli.info import info`, which imports the whole of spaCy's command line
(requests, weasel, httpx, rich, jinja2, every command): about a third of `import spacy`, none of
which a check uses. `defer()`, called before the first `import spacy`, places two stand-ins in
sys.modules: the package `spacy.cli`, created from its own file but not executed, and
`spacy.cli.info`, whose `info` executes the real package and calls the real `info`. Any name asked
of `spacy.cli` (spacy/__main__'s `setup_cli`, a command) executes the real package first, in the
same module object; its submodules import as always. Nothing in spaCy's loading or parsing reads
`spacy.cli`: the pipeline, the docs and the reports are the same.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import types


def defer() -> None:
    """Before the first `import spacy` (else nothing to do)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules or "spacy.cli.info" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("spacy")
    except (ImportError, ValueError):
        return
    if spec is None or not spec.submodule_search_locations:
        return
    cli_dir = os.path.join(list(spec.submodule_search_locations)[0], "cli")
    init = os.path.join(cli_dir, "__init__.py")
    if not (os.path.isfile(init) and os.path.isfile(os.path.join(cli_dir, "info.py"))):
        return
    cli_spec = importlib.util.spec_from_file_location("spacy.cli", init, submodule_search_locations=[cli_dir])
    if cli_spec is None or cli_spec.loader is None:
        return
    state = {"executed": False}

    def execute() -> types.ModuleType:
        module = sys.modules.get("spacy.cli", cli)
        if not state["executed"]:
            state["executed"] = True
            if sys.modules.get("spacy.cli.info") is info_stub:
                del sys.modules["spacy.cli.info"]  # the real package imports the real one
            cli_spec.loader.exec_module(module)
        return module

    class _Deferred(types.ModuleType):
        def __getattr__(self, name: str):  # only names not set yet: the real package, once
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            execute()
            return self.__dict__[name] if name in self.__dict__ else object.__getattribute__(self, name)

    cli = importlib.util.module_from_spec(cli_spec)
    cli.__class__ = _Deferred
    info_stub = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        execute()
        return sys.modules["spacy.cli.info"].info(*args, **kwargs)

    info_stub.info = info
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info_stub


def bind() -> None:
    """After `import spacy`: `spacy.cli` as an attribute, as the import system binds a loaded submodule."""
    spacy = sys.modules.get("spacy")
    cli = sys.modules.get("spacy.cli")
    if spacy is not None and cli is not None and "cli" not in vars(spacy):
        spacy.cli = cli
