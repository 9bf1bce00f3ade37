"""Command line: where a message enters, and where the exit code is decided.

Exit codes: 0 every file passes; 1 some finding of severity « erreur »;
2 usage or input error (missing file, empty, binary, undecodable, too large, not French…).
"""
from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import _francais  # noqa: F401  (must precede typer/click: French help and errors)
from .errors import InputError, TonError

app = typer.Typer(
    name="ton",
    help="ton : vérifie le ton d'un message d'annulation, de report ou de refus d'entretien, avant envoi.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    texte = "texte"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    csv = "csv"


class Echec(str, Enum):
    erreur = "erreur"
    avertissement = "avertissement"


class TypeMessage(str, Enum):
    annulation = "annulation"
    report = "report"
    declinaison = "declinaison"
    refus_offre = "refus_offre"
    autre = "autre"


class Grammaire(str, Enum):
    grammalecte = "grammalecte"
    languagetool = "languagetool"
    aucune = "aucune"


def _err(message: str) -> None:
    typer.echo(f"ton : {message}", err=True)


def _read_all(fichiers: list[str], include=None, exclude=()):
    from .reading import DEFAULT_INCLUDE, decode, expand_paths, read_path

    sources, errors = [], []
    paths: list[str] = []
    for raw in fichiers:
        if raw == "-" and "-" in paths:
            continue  # standard input can only be read once
        try:
            paths.extend(expand_paths([raw], include or DEFAULT_INCLUDE, exclude) if raw != "-" else ["-"])
        except InputError as e:
            errors.append(e)
    for p in paths:
        try:
            if p == "-":
                sources.append(decode(sys.stdin.buffer.read(), "<entrée standard>"))
            else:
                sources.append(read_path(p))
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
    format: Format = typer.Option(Format.texte, "--format", "-f", help="Format du rapport."),
    type_: Optional[TypeMessage] = typer.Option(None, "--type", "-t", help="Impose le type de message au lieu de le détecter."),
    grammaire: Optional[Grammaire] = typer.Option(None, "--grammaire", help="Moteur de grammaire et d'orthographe (par défaut : grammalecte).", show_default=False),
    typographie: Optional[bool] = typer.Option(None, "--typographie/--sans-typographie", help="Signale aussi les règles typographiques (espaces insécables, apostrophes…).", show_default=False),
    languagetool_url: Optional[str] = typer.Option(None, "--languagetool-url", envvar="TON_LANGUAGETOOL_URL", metavar="URL",
                                                   help="Adresse d'un serveur LanguageTool (le message y est envoyé)."),
    sortie: Optional[Path] = typer.Option(None, "--sortie", "-o", metavar="FICHIER", help="Écrit le rapport dans ce fichier au lieu de la sortie standard."),
    couleur: Optional[bool] = typer.Option(None, "--couleur/--sans-couleur", help="Couleurs dans le rapport texte (par défaut : si terminal)."),
    echec_a: Optional[Echec] = typer.Option(None, "--echec-a", help="Sévérité à partir de laquelle un fichier échoue (par défaut : erreur).", show_default=False),
    config: Optional[Path] = typer.Option(None, "--config", "-c", metavar="FICHIER",
                                          help="Fichier de configuration (par défaut : ton.toml ou [tool.ton] de pyproject.toml, cherché en remontant depuis le dossier courant)."),
    inclure: Optional[list[str]] = typer.Option(None, "--inclure", metavar="MOTIF", help="Motif des fichiers à lire dans les dossiers (répétable ; remplace inclure de la configuration)."),
    exclure: Optional[list[str]] = typer.Option(None, "--exclure", metavar="MOTIF", help="Motif des fichiers ou dossiers à ignorer (répétable ; s'ajoute à exclure de la configuration)."),
) -> None:
    """Vérifie un ou plusieurs messages selon la liste des sept points, plus grammaire et orthographe."""
    from . import config as configuration
    from .batch import check_sources
    from .check import FileReport, Options
    from .emitters import FORMATS
    from .model import Severity

    try:
        cfg = configuration.load(config)
    except configuration.ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    sources, errors = _read_all(fichiers, tuple(inclure) if inclure else cfg.include, (*cfg.exclude, *(exclure or ())))
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
    )
    reports: list[FileReport] = []
    if sources:
        with _progress(len(sources)) as advance:
            for item in check_sources(sources, options):
                advance()
                if isinstance(item, InputError):
                    errors.append(item)
                else:
                    if notice:
                        item.notices.append(notice)
                    reports.append(item)
    emit = FORMATS[format.value]
    if sortie:
        try:
            with open(sortie, "w", encoding="utf-8", newline="") as out:
                emit(reports, errors, out, False)
        except OSError as exc:
            _err(f"{sortie} : écriture du rapport impossible ({exc.strerror}).")
            raise typer.Exit(2) from None
    else:
        use_color = couleur if couleur is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        emit(reports, errors, sys.stdout, bool(use_color) and format == Format.texte)
    for e in errors:
        _err(str(e))
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(0 if all(r.passed for r in reports) else 1)


# Below this many files a run is quick enough that a bar would only flicker.
PROGRESS_MIN_FILES = 20


@contextmanager
def _progress(total: int):
    """A progress bar on stderr for large batches in a terminal; silent otherwise (CI logs, pipes)."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("vérification"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)
        yield lambda: bar.advance(task)


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

    r = BY_ID.get(regle)
    if r is None:
        _err(f"règle inconnue « {regle} ». Règles : {', '.join(BY_ID)}.")
        raise typer.Exit(2)
    typer.echo(f"{r.id} — {r.title}  [{r.severity.value}]\n")
    typer.echo(r.explanation + "\n")
    typer.echo("Bon exemple :\n" + _indent(r.good) + "\n")
    typer.echo("Mauvais exemple :\n" + _indent(r.bad))


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
    from .reading import decode, read_path

    try:
        if fichier == "-":
            return decode(sys.stdin.buffer.read(), "<entrée standard>")
        return read_path(fichier)
    except InputError as e:
        _err(str(e))
        raise typer.Exit(2) from None


@app.command("reecrire")
def reecrire(
    fichier: str = typer.Argument(..., help="Message à réécrire, ou « - » pour l'entrée standard.", metavar="FICHIER"),
    diff: bool = typer.Option(False, "--diff", help="Affiche les changements (diff unifié) au lieu du message réécrit."),
    ecrire: bool = typer.Option(False, "--ecrire", help="Remplace le fichier par le message réécrit (l'original est gardé dans FICHIER.bak)."),
    format: FormatReecriture = typer.Option(FormatReecriture.texte, "--format", "-f", help="texte : le message réécrit ; json : les modifications."),
    type_: Optional[TypeMessage] = typer.Option(None, "--type", "-t", help="Impose le type de message au lieu de le détecter."),
    grammaire: Grammaire = typer.Option(Grammaire.grammalecte, "--grammaire", help="Moteur de grammaire (seules ses corrections sûres sont appliquées)."),
    interactif: bool = typer.Option(False, "--interactif", "-i", help="Propose chaque modification une à une (accepter, refuser, modifier), puis écrit le fichier."),
) -> None:
    """Réécrit un message : ajoute les points manquants, retire les critiques, corrige le registre."""
    import json

    from .check import Options
    from .rewrite import rewrite_sources, write_atomic

    if (ecrire or interactif) and fichier == "-":
        _err("--ecrire et --interactif demandent un fichier : impossible de réécrire l'entrée standard sur place.")
        raise typer.Exit(2)
    source = _read_one(fichier)
    engine, notice = _grammar_engine(grammaire, False, None)
    if notice:
        _err(notice)
    (rw,) = list(rewrite_sources([source], Options(forced_type=type_.value if type_ else None, grammar=engine)))
    if isinstance(rw, InputError):
        _err(str(rw))
        raise typer.Exit(2)
    if interactif:
        _interactive(fichier, source, rw)
        return
    written = None
    if ecrire and rw.changed:
        try:
            written = write_atomic(fichier, rw.text, source.encoding)
        except OSError as exc:
            _err(f"{fichier} : écriture impossible ({exc.strerror}) ; le fichier n'a pas été modifié.")
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
        typer.echo(rw.diff(fichier), nl=False)
        # Risky fixes (a sentence cut, a remark removed…) are named so that the diff is read with care.
        for f in rw.applied:
            if f.fix.safety.value == "risquee":
                _err(f"correction risquée, à relire : {f.fix.description}")
    elif not ecrire:
        typer.echo(rw.text, nl=not rw.text.endswith("\n"))
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


def _interactive(fichier: str, source, rw) -> None:
    """Like `git add -p`: each change on the original, accepted (o), refused (n) or edited (m);
    q stops and keeps the answers given. The result is written with the atomic write (FICHIER.bak kept)."""
    from .rewrite import apply_edits, hunk_view, write_atomic

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
        backup, _ = write_atomic(fichier, result, source.encoding)
    except OSError as exc:
        _err(f"{fichier} : écriture impossible ({exc.strerror}) ; le fichier n'a pas été modifié.")
        raise typer.Exit(2) from None
    typer.echo(f"{fichier} réécrit ({len(chosen)}/{len(edits)} modification(s)) ; original gardé dans {backup}.")


@app.command("modele")
def modele(
    type_: TypeMessage = typer.Argument(..., help="Type de message : annulation, report, declinaison, refus_offre, autre.", metavar="TYPE"),
    destinataire: Optional[str] = typer.Option(None, "--destinataire", help="Nom du destinataire (« Madame Durand »)."),
    poste: Optional[str] = typer.Option(None, "--poste", help="Intitulé du poste."),
    entreprise: Optional[str] = typer.Option(None, "--entreprise", help="Nom de l'entreprise."),
    date: Optional[str] = typer.Option(None, "--date", help="Date et heure de l'entretien prévu."),
    nom: Optional[str] = typer.Option(None, "--nom", help="Votre nom, pour la signature."),
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
    raise typer.Exit(service.serve(inactivite))


def _guarded(fn):
    """Run fn; an interrupt or a closed pipe ("ton verifier … | head") ends quietly, like other tools."""
    try:
        return fn()
    except KeyboardInterrupt:
        _err("interrompu.")
        sys.exit(130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


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


def main() -> None:
    if sys.argv[1:2] == ["verifier"]:
        # The warm service, if any (docs/performance.md); None means: check here, as always.
        from .serveur import run_client

        code = _guarded(lambda: run_client(sys.argv[2:]))
        if code is not None:
            sys.exit(code)
    sys.exit(_guarded(_run_app))
