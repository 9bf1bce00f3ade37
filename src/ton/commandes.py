"""The commands (typer): where a message enters, and where the exit code is decided.

Reached through cli.main, which first tries the warm service without importing this module.

Exit codes: 0 every file passes; 1 some finding of severity « erreur »;
2 usage or input error (missing file, empty, binary, undecodable, too large, not French…).
"""
from __future__ import annotations

from . import _francais  # noqa: F401,I001  (must precede typer/click: French help and errors)

import os
import re
import sys
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Optional

import typer  # noqa: E402

from ._systeme import system_error
from .errors import InputError, TonError
from .model import MESSAGE_TYPES

app = typer.Typer(
    name="ton",
    help="ton : vérifie le ton d'un message d'annulation, de report ou de refus d'entretien, avant envoi.",
    add_completion=False,
    no_args_is_help=True,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    texte = "texte"
    concis = "concis"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class Echec(str, Enum):
    erreur = "erreur"
    avertissement = "avertissement"


# The message types, from the one list the detector and the type table share (model.MESSAGE_TYPES).
TypeMessage = Enum("TypeMessage", {t: t for t in MESSAGE_TYPES}, type=str)


class Grammaire(str, Enum):
    grammalecte = "grammalecte"
    languagetool = "languagetool"
    aucune = "aucune"


def _err(message: str) -> None:
    from .echappement import terminal

    # One line, whatever a file name holds: no escape sequence, no forged CI log line.
    typer.echo(f"ton : {terminal(message, newlines=False)}", err=True)


# The system's reasons, in French (exc.strerror is English whatever the locale).
_ERRNO_FR = {
    "ENOENT": "dossier introuvable", "EACCES": "permission refusée", "EPERM": "opération non permise",
    "EISDIR": "c'est un dossier", "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENOSPC": "plus de place sur le disque", "EROFS": "système de fichiers en lecture seule",
}


def french_oserror(exc: OSError) -> str:
    import errno

    return _ERRNO_FR.get(errno.errorcode.get(exc.errno or 0, ""), "erreur du système")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"ton {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="Affiche la version de ton et quitte.")) -> None:
    """ton : vérifie le ton d'un message d'annulation, de report ou de refus d'entretien, avant envoi."""


def _rule_list(values: Optional[list[str]]) -> tuple[str, ...]:
    """« --ignore a,b --ignore c » -> (a, b, c); unknown ids are a usage error (exit 2)."""
    from .check import UNDECIDED
    from .rules import BY_ID

    out = tuple(x.strip() for v in values or () for x in v.split(",") if x.strip())
    for x in out:
        if x not in BY_ID and x != UNDECIDED and not (x == "grammaire" or x.startswith("grammaire/")):
            _err(f"règle inconnue « {x} » (voir « ton regles » ; « grammaire » désigne toutes les règles de grammaire).")
            raise typer.Exit(2)
    return out


def _read_all(fichiers: list[str], include=None, exclude=(), follow_links: bool = False, stdin_name: str | None = None):
    from .reading import DEFAULT_INCLUDE, expand_paths, read_path, read_stdin

    sources, errors, notes = [], [], []
    paths: list[str] = []
    for raw in fichiers:
        if raw == "-" and "-" in paths:
            continue  # standard input can only be read once
        try:
            paths.extend(expand_paths([raw], include or DEFAULT_INCLUDE, exclude, follow_links=follow_links,
                                      notes=notes, errors=errors) if raw != "-" else ["-"])
        except InputError as e:
            errors.append(e)
    for note in notes:
        _err(note)
    for p in paths:
        try:
            sources.append(read_stdin(stdin_name or "<entrée standard>") if p == "-" else read_path(p))
        except InputError as e:
            errors.append(e)
    return sources, errors


def _grammar_engine(name: Grammaire, typographie: bool, url: Optional[str]):
    """The engine, or None with a French notice saying how to enable it."""
    if name == Grammaire.aucune:
        return None, None
    from .grammar import GrammarUnavailable, get_engine

    try:
        return get_engine(name.value, typographie=typographie, languagetool_url=url), None
    except GrammarUnavailable as exc:
        return None, f"vérification grammaticale désactivée : {exc}"


@app.command("verifier")
def verifier(
    fichiers: list[str] = typer.Argument(..., help="Messages à vérifier : fichiers, dossiers, ou « - » pour l'entrée standard.", show_default=False, metavar="FICHIER..."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", metavar="FORMAT", show_default=False,
                                            help="Format du rapport : texte (défaut), concis, json, sarif, junit, github, csv, markdown, html."),
    type_: Optional[TypeMessage] = typer.Option(None, "--type", "-t", metavar="TYPE", help="Impose le type de message au lieu de le détecter : annulation, report, declinaison, refus_offre, appel_manque, reponse_refus, relance, autre."),
    grammaire: Optional[Grammaire] = typer.Option(None, "--grammaire", metavar="MOTEUR", help="Moteur de grammaire et d'orthographe : grammalecte (défaut), languagetool, aucune.", show_default=False),
    typographie: Optional[bool] = typer.Option(None, "--typographie/--sans-typographie", help="Signale aussi les règles typographiques (espaces insécables, apostrophes…).", show_default=False),
    languagetool_url: Optional[str] = typer.Option(None, "--languagetool-url", envvar="TON_LANGUAGETOOL_URL", metavar="URL",
                                                   help="Adresse d'un serveur LanguageTool (le message y est envoyé)."),
    sortie: Optional[list[Path]] = typer.Option(None, "--sortie", "-o", metavar="FICHIER", readable=False,
                                                help="Écrit le rapport dans ce fichier (répétable ; le format suit l'extension : .sarif, .json, .xml, .csv, .md, .html, .txt)."),
    couleur: Optional[bool] = typer.Option(None, "--couleur/--sans-couleur", help="Couleurs dans le rapport texte (par défaut : si terminal)."),
    echec_a: Optional[Echec] = typer.Option(None, "--echec-a", metavar="SEVERITE", help="Sévérité à partir de laquelle un fichier échoue : erreur (défaut) ou avertissement.", show_default=False),
    config: Optional[Path] = typer.Option(None, "--config", "-c", metavar="FICHIER", readable=False,
                                          help="Fichier de configuration (par défaut : ton.toml ou [tool.ton] de pyproject.toml, cherché en remontant depuis le dossier courant)."),
    inclure: Optional[list[str]] = typer.Option(None, "--inclure", metavar="MOTIF", help="Motif des fichiers à lire dans les dossiers (répétable ; remplace inclure de la configuration)."),
    exclure: Optional[list[str]] = typer.Option(None, "--exclure", metavar="MOTIF", help="Motif des fichiers ou dossiers à ignorer (répétable ; s'ajoute à exclure de la configuration)."),
    suivre_liens: bool = typer.Option(False, "--suivre-liens", help="Dans les dossiers, suit aussi les liens symboliques qui mènent hors du dossier parcouru."),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="REGLES", help="Ne vérifie que ces règles (identifiants séparés par des virgules ; « grammaire » pour toute la grammaire)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="REGLES", help="Ne vérifie pas ces règles (identifiants séparés par des virgules)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NOM", help="Nom donné à l'entrée standard dans le rapport (pour les éditeurs)."),
    date_envoi: Optional[str] = typer.Option(None, "--date-envoi", metavar="AAAA-MM-JJ[THH:MM]", help="Date (et heure) d'envoi du message, pour juger du moment par rapport à l'entretien (par défaut : l'en-tête Date: d'un .eml)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="N'affiche que les constats et le verdict des fichiers à revoir (ni liste des points ni récapitulatif)."),
) -> None:
    """Vérifie un ou plusieurs messages selon la liste des sept points, plus grammaire et orthographe."""
    from ._spacy_cli import defer

    defer()  # spaCy's command line, unused here, is imported only if something asks for it
    from . import config as configuration
    from . import marqueurs
    from .batch import check_sources
    from .check import FileReport, Options
    from .emitters import FORMATS
    from .model import Severity
    selected, ignored = _rule_list(select), _rule_list(ignore)
    sent = _send_date(date_envoi)
    outputs = _outputs(sortie or [], format)
    try:
        cfg = configuration.load(config)
    except configuration.ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    with _progress_phase() as progress:
        sources, errors = _read_all(fichiers, tuple(inclure) if inclure else cfg.include, (*cfg.exclude, *(exclure or ())),
                                    suivre_liens, stdin_filename)
        bad_bytes = {s.path: s.bad_bytes for s in sources if s.bad_bytes}
        inline = {}
        for i, src in enumerate(sources):
            text, rules = marqueurs.extract(src.text)
            if rules:
                sources[i] = replace(src, text=text)
                inline[src.path] = rules
        languagetool_url = languagetool_url or cfg.languagetool_url
        if grammaire is None:
            default = Grammaire.languagetool if languagetool_url else Grammaire.grammalecte
            grammaire = Grammaire(cfg.grammar) if cfg.grammar else default
        typographie = cfg.typographie if typographie is None else typographie
        engine, notice = _grammar_engine(grammaire, bool(typographie), languagetool_url)
        if notice:
            _err(notice)
        forced = type_.value if type_ else cfg.type
        options = Options(
            forced_type=forced, grammar=engine, config={"concision": cfg.concision} if cfg.concision else {},
            rules=cfg.rules, fail_level=Severity(echec_a.value if echec_a else cfg.fail_level),
            select=selected, ignore=ignored, inline=inline, send_date=sent,
        )
        reports: list[FileReport] = []
        if sources:
            advance = progress(len(sources))
            for item in check_sources(sources, options):
                advance()
                if isinstance(item, InputError):
                    errors.append(item)
                else:
                    if notice:
                        item.notices.append(notice)
                    _report_bad_bytes(item, bad_bytes.get(item.path, ()))
                    reports.append(item)
    from .echappement import safe_error, safe_report

    for path, fmt in outputs:
        emit = FORMATS[fmt]
        # Control and bidi characters of a draft never reach a terminal raw (texte only: the other
        # formats escape for their own readers).
        shown, shown_errors = ([safe_report(r) for r in reports], [safe_error(e) for e in errors]) \
            if fmt == "texte" else (reports, errors)
        if path is None:
            use_color = couleur if couleur is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
            if fmt == "texte":
                FORMATS["texte"](shown, shown_errors, sys.stdout, bool(use_color), quiet=quiet)
            else:
                emit(shown, shown_errors, sys.stdout, False)
            continue
        try:
            from . import acces

            with os.fdopen(acces.open_write(str(path)), "w", encoding="utf-8", newline="") as out:
                emit(shown, shown_errors, out, False)
        except OSError as exc:
            _err(f"{path} : écriture du rapport impossible ({system_error(exc)}).")
            raise typer.Exit(2) from None
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and reports:
        # GitHub shows this Markdown on the run's page: the class view at a glance.
        try:
            with open(summary, "a", encoding="utf-8") as out:
                FORMATS["markdown"](reports, errors, out, False)
        except OSError as exc:
            _err(f"{summary} : écriture du résumé GitHub impossible ({system_error(exc)}).")
    for e in errors:
        _err(str(e))
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.passed for r in reports) else 1)


def _send_date(value: Optional[str]):
    """--date-envoi as a Moment, or exit 2 with the format expected."""
    if value is None:
        return None
    from .dates import parse_iso

    moment = parse_iso(value)
    if moment is None:
        _err(f"--date-envoi : « {value} » n'est pas une date valide ; format attendu AAAA-MM-JJ ou "
             "AAAA-MM-JJTHH:MM (par exemple 2026-12-01 ou 2026-12-01T09:30).")
        raise typer.Exit(2)
    return moment


def _report_bad_bytes(report, bad: tuple[tuple[int, int], ...]) -> None:
    """Invalid bytes in a UTF-8 draft (reading.py): one finding each, where the recipient would see « � »."""
    if not bad:
        return
    from .model import Finding, Severity

    for offset, byte in bad:
        report.findings.append(Finding(
            "grammaire/ton/octet_invalide", Severity.AVERTISSEMENT,
            f"Octet {byte:#04x} invalide en UTF-8 : le destinataire verrait « \ufffd » à cet endroit ; "
            "retapez ce caractère ou réenregistrez le fichier en UTF-8.", offset, offset + 1))
    report.findings.sort(key=lambda f: (f.start, f.end, f.rule))


def _outputs(sortie: list[Path], fmt: Optional[Format]) -> list[tuple[Optional[Path], str]]:
    """Where each report goes, and in which format: each -o file by its extension (--format if the
    extension says nothing, or if it is the only file, as before); --format or texte on the standard
    output when no -o is given, or when --format was given and not used by a file."""
    from .emitters import format_for

    if not sortie:
        return [(None, fmt.value if fmt else "texte")]
    if len(sortie) == 1 and fmt is not None and format_for(sortie[0]) in (None, fmt.value):
        return [(sortie[0], fmt.value)]
    out: list[tuple[Optional[Path], str]] = [(p, format_for(p) or (fmt.value if fmt else "texte")) for p in sortie]
    if fmt is not None and all(f != fmt.value or format_for(p) for p, f in out) and fmt.value not in {f for _, f in out}:
        out.insert(0, (None, fmt.value))
    return out


# Below this many files a run is quick enough that a bar would only flicker.
PROGRESS_MIN_FILES = 20


@contextmanager
def _progress_phase():
    """A labelled bar on stderr for large batches in a terminal (« chargement du modèle… », then the
    files); silent otherwise (CI logs, pipes). Yields start(total) -> advance()."""
    state: dict = {}

    def start(total: int):
        if total < PROGRESS_MIN_FILES or not _stderr_is_terminal():
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True, force_terminal=True), transient=True)
        bar.start()
        state["bar"] = bar
        # The model loads before the first file comes back: say so instead of showing 0/N.
        task = bar.add_task("chargement du modèle…", total=total)
        done = [0]

        def advance():
            if not done[0]:
                bar.update(task, description="vérification")
            done[0] += 1
            bar.advance(task)

        return advance

    try:
        yield start
    finally:
        if "bar" in state:
            state["bar"].stop()


def _stderr_is_terminal() -> bool:
    # The warm server runs this code with pipes; the client tells it whether its stderr is a terminal.
    return sys.stderr.isatty() or os.environ.get("TON_STDERR_TERMINAL") == "1"


@app.command("regles")
def regles() -> None:
    """Liste les règles : identifiant, sévérité par défaut et explication en une ligne."""
    from .rules import ALL_RULES

    for r in ALL_RULES:
        kind = "critère" if r.kind == "critere" else "règle"
        typer.echo(f"{r.id:<22} {r.severity.value:<14} {kind:<8} {r.title}")
    typer.echo(f"{'grammaire/…':<22} {'selon le moteur':<14} {'règle':<8} Grammaire et orthographe (Grammalecte ou LanguageTool)")


@app.command("expliquer")
def expliquer(regle: str = typer.Argument(..., help="Identifiant de la règle (voir « ton regles »).", metavar="REGLE")) -> None:
    """Explique une règle, avec un bon et un mauvais exemple."""
    from .rules import BY_ID

    from .check import UNDECIDED

    if regle == UNDECIDED:
        typer.echo(f"{UNDECIDED} — type de message indéterminé  [erreur]\n")
        typer.echo("Aucun indice ne dit si le message annule, reporte, décline… : plutôt que de le laisser passer, "
                   "ton le vérifie selon la liste la plus exigeante (celle d'une annulation). Précisez le type "
                   "avec --type (ou « type » dans ton.toml).\n")
        typer.echo("Faire taire cette règle pour un seul message : écrivez dans le brouillon\n"
                   f"    <!-- ton: ignorer {UNDECIDED} -->")
        return
    r = BY_ID.get(regle)
    if r is None:
        _err(f"règle inconnue « {regle} ». Règles : {', '.join(BY_ID)}.")
        raise typer.Exit(2)
    typer.echo(f"{r.id} — {r.title}  [{r.severity.value}]\n")
    typer.echo(r.explanation + "\n")
    typer.echo("Bon exemple :\n" + _indent(r.good) + "\n")
    typer.echo("Mauvais exemple :\n" + _indent(r.bad) + "\n")
    typer.echo("Faire taire cette règle pour un seul message : écrivez dans le brouillon (la ligne n'est pas analysée)\n"
               f"    <!-- ton: ignorer {r.id} -->\n"
               f"ou, pour toute une exécution : ton verifier --ignore {r.id} …")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


@app.command("evaluer")
def evaluer(
    corpus: Path = typer.Argument(Path("corpus"), help="Dossier du corpus étiqueté (fichiers etiquettes*.yaml).", metavar="DOSSIER"),
    detail: bool = typer.Option(False, "--detail", help="Liste chaque fausse alerte et chaque oubli."),
) -> None:
    """Mesure la qualité de détection sur un corpus étiqueté : précision et rappel par critère."""
    from .evaluation import evaluate_groups, format_evaluation

    typer.echo("\n\n".join(format_evaluation(ev, verbose=detail) for ev in evaluate_groups(corpus)))


class FormatReecriture(str, Enum):
    texte = "texte"
    json = "json"


def _read_one(fichier: str):
    """One message (file or « - »), or exit 2 with the French reason."""
    from .reading import read_path, read_stdin

    try:
        return read_stdin() if fichier == "-" else read_path(fichier)
    except InputError as e:
        _err(str(e))
        raise typer.Exit(2) from None


@app.command("reecrire")
def reecrire(
    fichier: str = typer.Argument(..., help="Message à réécrire, ou « - » pour l'entrée standard.", metavar="FICHIER"),
    diff: bool = typer.Option(False, "--diff", help="Affiche les changements (diff unifié) au lieu du message réécrit."),
    ecrire: bool = typer.Option(False, "--ecrire", help="Remplace le fichier par le message réécrit (l'original est gardé dans FICHIER.bak, ou FICHIER.1.bak… si elle existe)."),
    format: FormatReecriture = typer.Option(FormatReecriture.texte, "--format", "-f", metavar="FORMAT", help="texte : le message réécrit ; json : les modifications."),
    type_: Optional[TypeMessage] = typer.Option(None, "--type", "-t", metavar="TYPE", help="Impose le type de message au lieu de le détecter."),
    grammaire: Grammaire = typer.Option(Grammaire.grammalecte, "--grammaire", metavar="MOTEUR", help="Moteur de grammaire (seules ses corrections sûres sont appliquées)."),
    interactif: bool = typer.Option(False, "--interactif", "-i", help="Propose chaque modification une à une (accepter, refuser, modifier), puis écrit le fichier (même écriture sûre que --ecrire)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", metavar="FICHIER", readable=False,
                                          help="Fichier de configuration (par défaut : ton.toml ou [tool.ton] de pyproject.toml, cherché en remontant depuis le dossier courant)."),
) -> None:
    """Réécrit un message : ajoute les points manquants, retire les critiques, corrige le registre."""
    from . import config as configuration

    try:
        # The same project settings as `ton verifier`: the rewrite meets the limits the check applies.
        cfg = configuration.load(config)
    except configuration.ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if (ecrire or interactif) and fichier == "-":
        _err("--ecrire et --interactif demandent un fichier : impossible de réécrire l'entrée standard sur place.")
        raise typer.Exit(2)
    draft = None
    if ecrire or interactif:
        from . import surplace

        try:
            # Locked and read once, before the analysis: the backup is made from these bytes.
            draft = surplace.open_draft(fichier)
        except InputError as e:
            _err(str(e))
            raise typer.Exit(2) from None
        source = draft.source
    else:
        source = _read_one(fichier)
    try:
        _reecrire(fichier, source, draft, diff, ecrire, format, type_, grammaire, interactif, cfg)
    finally:
        if draft is not None:
            draft.close()


def _reecrire(fichier, source, draft, diff, ecrire, format, type_, grammaire, interactif=False, cfg=None) -> None:
    import json

    from .check import Options
    from .rewrite import rewrite_sources

    engine, notice = _grammar_engine(grammaire, False, None)
    if notice:
        _err(notice)
    options = Options(forced_type=type_.value if type_ else (cfg.type if cfg else None), grammar=engine)
    if cfg is not None:
        options.config = {"concision": cfg.concision} if cfg.concision else {}
        options.rules = cfg.rules
    (rw,) = list(rewrite_sources([source], options))
    if isinstance(rw, InputError):
        _err(str(rw))
        raise typer.Exit(2)
    if interactif:
        _interactive(fichier, source, rw, draft)
        return
    written = None
    if ecrire and rw.changed:
        from . import surplace

        try:
            written = surplace.commit(draft, rw.text, source.encoding)
        except InputError as e:
            _err(str(e))
            raise typer.Exit(2) from None
    if format == FormatReecriture.json:
        doc = {
            "path": fichier, "type": rw.before.type, "changed": rw.changed, "text": rw.text,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in rw.edits()],
            "fixes": [{"rule": f.rule, "safety": f.fix.safety.value, "description": f.fix.description} for f in rw.applied],
            "placeholders": rw.placeholders,
            "remaining": [{"rule": f.rule, "message": f.message} for f in rw.manual],
            "backup": str(written[0]) if written else None,
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    elif diff:
        typer.echo(_shown(rw.diff(fichier)), nl=False)
        # Risky fixes (a sentence cut, a remark removed…) are named so that the diff is read with care.
        for f in rw.applied:
            if f.fix.safety.value == "risquee":
                _err(f"correction risquée, à relire : {f.fix.description}")
    elif not ecrire:
        typer.echo(_shown(rw.text), nl=not rw.text.endswith("\n"))
    if format == FormatReecriture.texte:
        if written:
            _err(f"{fichier} réécrit ({len(rw.applied)} correction(s)) ; original gardé dans {written[0]}.")
        elif ecrire:
            _err(f"{fichier} : rien à corriger, fichier inchangé.")
        if rw.placeholders:
            _err("espaces réservés à compléter avant l'envoi : " + ", ".join(rw.placeholders))
        for f in rw.manual:
            if f.rule != "gabarit_non_rempli":
                _err(f"à revoir à la main : {f.message}")


def _shown(text: str) -> str:
    """The rewritten text as is into a pipe or a file; escape sequences made visible on a terminal."""
    if not sys.stdout.isatty():
        return text
    from .echappement import terminal

    return terminal(text)


def _interactive(fichier: str, source, rw, draft) -> None:
    """Like `git add -p`: each change on the original, accepted (o), refused (n) or edited (m);
    q stops and keeps the answers given. The result is written like --ecrire (surplace.py: locked,
    backup from the bytes read, refused if the file changed meanwhile)."""
    from . import surplace
    from .rewrite import apply_edits, hunk_view

    edits = rw.edits()
    if not edits:
        typer.echo("Rien à modifier.")
        return
    chosen = []
    for n, e in enumerate(edits, 1):
        typer.echo(f"\n— modification {n}/{len(edits)}")
        typer.echo(hunk_view(rw.before.text, e))
        answer = ""
        while answer not in ("o", "n", "m", "q"):
            answer = typer.prompt("Appliquer ? [o]ui, [n]on, [m]odifier, [q]uitter", default="o").strip().lower()[:1]
        if answer == "q":
            break
        if answer == "o":
            chosen.append(e)
        elif answer == "m":
            text = typer.prompt("Nouveau texte", default=e.replacement.strip("\n") or " ")
            chosen.append(type(e)(e.start, e.end, text if e.replacement == e.replacement.strip("\n")
                                  else e.replacement.replace(e.replacement.strip("\n"), text)))
    result = apply_edits(rw.before.text, chosen)
    if result == rw.before.text:
        typer.echo("Aucune modification retenue ; fichier inchangé.")
        return
    try:
        backup, _ = surplace.commit(draft, result, source.encoding)
    except InputError as e:
        _err(str(e))
        raise typer.Exit(2) from None
    typer.echo(f"{fichier} réécrit ({len(chosen)}/{len(edits)} modification(s)) ; original gardé dans {backup}.")


@app.command("modele")
def modele(
    type_: TypeMessage = typer.Argument(..., help="Type de message : annulation, report, declinaison, refus_offre, appel_manque, reponse_refus, relance, autre.", metavar="TYPE"),
    destinataire: Optional[str] = typer.Option(None, "--destinataire", metavar="NOM", help="Nom du destinataire (« Madame Durand »)."),
    poste: Optional[str] = typer.Option(None, "--poste", metavar="INTITULE", help="Intitulé du poste."),
    entreprise: Optional[str] = typer.Option(None, "--entreprise", metavar="NOM", help="Nom de l'entreprise."),
    date: Optional[str] = typer.Option(None, "--date", metavar="DATE", help="Date et heure de l'entretien prévu."),
    nom: Optional[str] = typer.Option(None, "--nom", metavar="NOM", help="Votre nom, pour la signature."),
) -> None:
    """Écrit un message complet à partir des modèles des guides ; les espaces réservés non fournis restent visibles."""
    from .nlp import lexicon
    from .rewrite import build_message

    values = {"destinataire": destinataire, "poste": poste, "entreprise": entreprise, "date": date, "nom": nom}
    text = build_message(lexicon(None), type_.value, values)
    typer.echo(text, nl=False)
    left = sorted(set(re.findall(r"\[[^\]\n]+\]", text)), key=text.index)
    if left:
        _err("espaces réservés à compléter : " + ", ".join(left))


@app.command("evaluer-reecriture")
def evaluer_reecriture(
    corpus: Path = typer.Argument(Path("corpus"), help="Dossier du corpus étiqueté (fichiers etiquettes*.yaml).", metavar="DOSSIER"),
    detail: bool = typer.Option(False, "--detail", help="Liste les messages encore en erreur après réécriture."),
) -> None:
    """Mesure la réécriture sur le corpus : messages réécrits sans erreur, phrases du candidat gardées."""
    from .check import Options
    from .grammar import GrammarUnavailable, get_engine
    from .rewrite import evaluate_rewrite, format_rewrite_evaluation

    try:
        engine = get_engine("grammalecte")  # to count grammar errors before and after, not to fix them
    except GrammarUnavailable as exc:
        _err(f"grammaire non mesurée : {exc}")
        engine = None
    typer.echo(format_rewrite_evaluation(evaluate_rewrite(corpus, Options(), grammar=engine), verbose=detail))


@app.command("lsp")
def lsp_() -> None:
    """Serveur de langage (LSP) sur l'entrée et la sortie standard, pour les éditeurs (voir le README)."""
    from .lsp import run

    run()


@app.command("serveur")
def serveur(
    inactivite: float = typer.Option(900, "--inactivite", metavar="SECONDES", help="Arrêt après ce temps sans requête."),
    arreter: bool = typer.Option(False, "--arreter", help="Arrête le serveur en cours au lieu d'en lancer un."),
) -> None:
    """Garde le modèle chargé pour que « ton verifier » réponde tout de suite (lancé seul au premier usage)."""
    from . import serveur as service

    if arreter:
        typer.echo("serveur arrêté." if service.stop() else "aucun serveur en cours.")
        return
    raise typer.Exit(service.serve(inactivite, entry=run))


def _run_app() -> int:
    from typer._click import exceptions as cx

    try:
        rv = app(standalone_mode=False)
    except cx.UsageError as e:
        ctx = e.ctx
        if ctx is not None:
            typer.echo(ctx.get_usage(), err=True)
            typer.echo(f"Essayez « {ctx.command_path} --help » pour l'aide.", err=True)
        _err(_francais.usage_error(e.format_message()))
        return 2
    except cx.ClickException as e:
        _err(_francais.usage_error(e.format_message()))
        return 2
    except TonError as e:
        _err(str(e))
        return 2
    return rv if isinstance(rv, int) else 0


def run() -> None:
    """The command line in this process (cli.main, once the warm service is out of the question)."""
    from .interruption import guarded

    sys.exit(guarded(_run_app))
