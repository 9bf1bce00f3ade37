"""French for the command-line framework's own texts (help headings, usage errors).

typer vendors its copy of click with English strings; we translate the few that a user sees:
section titles through gettext (imported before typer), the usage prefix and the help option,
and usage-error messages by pattern (see `usage_error`).
"""
from __future__ import annotations

import gettext
import re

_HEADINGS = {
    "Commands": "Commandes", "Arguments": "Arguments", "Options": "Options", "Error": "Erreur",
    "default: {default}": "défaut : {default}", "env var: {var}": "variable : {var}", "required": "obligatoire",
    "Aborted!": "Interrompu.", "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue {name!r}.", "(dynamic)": "(dynamique)",
}
_gettext = gettext.gettext
gettext.gettext = lambda m: _HEADINGS.get(m) or _gettext(m)

_ERRORS = [
    (r"^No such option: (\S+?)(?:\s+Did you mean (\S+?)\?)?(?:\s+\(Possible options: (.*)\))?$",
     lambda m: f"option inconnue « {m[1]} »" + (f" ; vouliez-vous dire « {m[2]} » ?" if m[2] else "")
     + (f" (options possibles : {m[3]})" if m[3] else "") + "."),
    (r"^Missing argument '([^']+)'\.?(.*)$", lambda m: f"argument manquant « {m[1]} ».{m[2]}"),
    (r"^Missing option '([^']+)'\.?(.*)$", lambda m: f"option manquante « {m[1]} ».{m[2]}"),
    (r"^Invalid value for '([^']+)'(?: / '[^']+')?: (?:Value error, )?'?(.*?)'? is not one of (.*)\.$",
     lambda m: f"valeur invalide pour « {m[1]} » : « {m[2]} » n'est pas permise (choix : {m[3]})."),
    (r"^Invalid value for '([^']+)'(?: / '[^']+')?: (.*)$", lambda m: f"valeur invalide pour « {m[1]} » : {_path_error(m[2])}"),
    (r"^Got unexpected extra arguments? \((.*)\)$", lambda m: f"argument en trop ({m[1]})."),
    (r"^(?:No such command|Commande inconnue) '([^']+)'\.?$", lambda m: f"commande inconnue « {m[1]} »."),
    (r"^Option '([^']+)' requires an argument\.?$", lambda m: f"l'option « {m[1]} » demande une valeur."),
    (r"^Missing command\.?$", lambda m: "commande manquante."),
]


_PATH_KINDS = {"Path": "le chemin", "File": "le fichier", "Directory": "le dossier"}
_PATH_PROBLEMS = {
    "does not exist": "n'existe pas", "is a file": "est un fichier", "is a directory": "est un dossier",
    "is not readable": "n'est pas lisible (droits insuffisants)", "is not writable": "n'est pas modifiable (droits insuffisants)",
}


def _path_error(message: str) -> str:
    """typer's checks of a path option (« Path 'x' is not readable. »), in French."""
    m = re.match(r"^(Path|File|Directory) '(.*)' (does not exist|is a file|is a directory|is not readable|is not writable)\.?$",
                 message.strip(), re.S)
    if not m:
        return message
    return f"{_PATH_KINDS[m[1]]} « {m[2]} » {_PATH_PROBLEMS[m[3]]}."


def usage_error(message: str) -> str:
    for pattern, fr in _ERRORS:
        m = re.match(pattern, message.strip(), re.S)
        if m:
            return fr(m)
    return message


def install() -> None:
    from typer._click import core, formatting

    write_usage = formatting.HelpFormatter.write_usage

    def _write_usage(self, prog, args="", prefix=None):
        return write_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = _write_usage

    get_help_option = core.Command.get_help_option

    def _get_help_option(self, ctx):
        opt = get_help_option(self, ctx)
        if opt is not None:
            opt.help = "Affiche cette aide et quitte."
        return opt

    core.Command.get_help_option = _get_help_option


install()
