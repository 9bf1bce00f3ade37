"""Issue 12: what a new user, a coach with a class and a CI job read (terminal, scores, control, class view, CI)."""
import json
import os
import re

import pytest
from conftest import CORPUS
from rich.cells import cell_len

GOOD = str(CORPUS / "messages" / "a01_annulation_grippe.txt")
BAD = str(CORPUS / "messages" / "a03_annulation_sans_remerciement.txt")
LONG_LINE = ("Bonjour Madame Durand, " + "je tiens à vous dire que la situation est compliquée et que " * 9
             + "je dois annuler l'entretien de jeudi, c'est la vie, dsl. ")
LONG = "Objet : entretien\n" + LONG_LINE + "\nCordialement,\nPaul Martin\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


# --- 1. terminal -----------------------------------------------------------------------------

def test_excerpts_are_cropped_to_the_terminal_width(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    path = write(tmp_path, "long.txt", LONG)
    r = run("verifier", path, "--grammaire", "aucune")
    assert len(LONG_LINE) > 500
    excerpt = [line for line in r.out.splitlines() if re.match(r"^\s*\d* \| ", line)]
    assert excerpt and all(cell_len(line) <= 80 for line in excerpt), max(excerpt, key=cell_len)
    assert any("…" in line for line in excerpt)
    # One excerpt line (and one caret line) per finding, never the whole paragraph.
    heads = [line for line in r.out.splitlines() if line.startswith(path + ":")]
    assert len([line for line in excerpt if line.startswith("2 | ")]) <= len(heads)
    dsl = next(i for i, line in enumerate(r.out.splitlines()) if "registre_familier" in line and line.startswith(path))
    lines = r.out.splitlines()
    shown, carets = lines[dsl + 2], lines[dsl + 3]
    start = carets.index("^")
    assert shown[start:start + 3] == "dsl"


def test_crop_keeps_the_span_and_counts_wide_characters():
    from ton.emitters.texte import crop, display_column

    line = "😀 " * 50 + "cible" + " fin" * 40
    s = line.index("cible")
    shown, pad, caret = crop(line, s, s + 5, 40)
    assert cell_len(shown) <= 40 and shown.startswith("…") and shown.endswith("…")
    assert caret == 5 and shown[len(shown[:0]):]  # the span is inside
    assert display_column("😀 cible", 3) == 4  # an emoji takes two columns on screen
    assert display_column("éte", 2) == 2  # an accented letter is one


def test_concis_version_quiet_and_french_errors(run, tmp_path):
    r = run("verifier", BAD, "--grammaire", "aucune", "-f", "concis")
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines and all(re.match(rf"^{re.escape(BAD)}:\d+:\d+: [\w/]+ \[(erreur|avertissement|info)\] .+", x) for x in lines)
    from ton import __version__

    v = run("--version")
    assert v.code == 0 and v.out.strip() == f"ton {__version__}"
    q = run("verifier", GOOD, BAD, "--grammaire", "aucune", "-q")
    assert "Récapitulatif" not in q.out and "a01_annulation_grippe" not in q.out and "✓" not in q.out
    assert "a03_annulation_sans_remerciement" in q.out and q.code == 1
    o = run("verifier", GOOD, "--grammaire", "aucune", "-o", "/nonexistent/x.csv")
    assert o.code == 2 and "écriture du rapport impossible (fichier ou dossier introuvable)" in o.err
    assert "No such file" not in o.err
    h = run("verifier", "--help")
    assert not re.search(r"\b(TEXT|PATH|INTEGER|FLOAT)\b", h.out), h.out
    for cmd in ("modele", "reecrire"):
        assert "TEXT" not in run(cmd, "--help").out
    import subprocess
    import sys

    top = subprocess.run([sys.executable, "-m", "ton", "--help"], capture_output=True, text=True).stdout
    assert "Commandes" in top and "COMMANDE" in top and "Commands" not in top


# --- 2. honest scores ------------------------------------------------------------------------

def test_score_and_verdict_never_disagree(run):
    r = run("verifier", str(CORPUS / "messages"), "--grammaire", "aucune", "-f", "json")
    files = json.loads(r.out)["files"]
    assert len(files) > 50
    for f in files:
        assert f["passed"] == (f["score"] >= 60), (f["path"], f["score"], f["passed"])
        assert f["passed"] == (not any(x["severity"] == "erreur" for x in f["findings"]))


def test_undecided_type_is_an_error_checked_against_the_strictest_list(run, tmp_path):
    path = write(tmp_path, "flou.txt", "Bonjour,\nVoici le document que vous attendiez pour le dossier.\nCordialement,\nPaul\n")
    doc = json.loads(run("verifier", path, "--grammaire", "aucune", "-f", "json").out)["files"][0]
    assert doc["type"] == "autre" and doc["passed"] is False
    assert any(f["rule"] == "type_indetermine" and f["severity"] == "erreur" and "--type" in f["message"]
               for f in doc["findings"])
    applicable = {c["id"] for c in doc["criteria"] if c["applicable"]}
    assert {"remerciement", "decision_claire", "excuses", "proposition_report"} <= applicable
    forced = json.loads(run("verifier", path, "--grammaire", "aucune", "-f", "json", "--type", "autre").out)["files"][0]
    assert not any(f["rule"] == "type_indetermine" for f in forced["findings"])


def test_grammar_ids_are_readable():
    from ton.grammar import readable_rule_id

    assert readable_rule_id("g0__virg_virgules_manquantes__b2_a1_1") == "virgules_manquantes"
    assert readable_rule_id("orthographe") == "orthographe"


def test_familiar_word_costs_once():
    from ton.check import deduplicate
    from ton.model import Finding, Severity

    found = [Finding("registre_familier", Severity.ERREUR, "dsl", 10, 13),
             Finding("grammaire/grammalecte/orthographe", Severity.AVERTISSEMENT, "dsl ?", 10, 13),
             Finding("grammaire/grammalecte/orthographe", Severity.AVERTISSEMENT, "autre", 20, 25)]
    assert [f.rule for f in deduplicate(found)] == ["registre_familier", "grammaire/grammalecte/orthographe"]


@pytest.mark.skipif(not os.path.exists("/usr/lib/python3/dist-packages/grammalecte"), reason="Grammalecte absent")
def test_dsl_costs_once_with_grammalecte(run, tmp_path):
    path = write(tmp_path, "dsl.txt", "Bonjour Madame,\nMerci pour votre invitation. dsl, je dois annuler l'entretien "
                                      "de jeudi. Pourrions-nous le fixer lundi ?\nCordialement,\nPaul\n")
    doc = json.loads(run("verifier", path, "-f", "json").out)["files"][0]
    at = open(path, encoding="utf-8").read().index("dsl")
    on_dsl = [f["rule"] for f in doc["findings"] if f["start"] < at + 3 and at < f["end"]]
    assert on_dsl == ["registre_familier"], on_dsl
    assert not any(re.search(r"grammalecte/g\d+__", f["rule"]) for f in doc["findings"])


# --- 3. control ------------------------------------------------------------------------------

def test_select_ignore_and_inline_marker(run, tmp_path):
    ig = json.loads(run("verifier", BAD, "--grammaire", "aucune", "-f", "json", "--ignore", "remerciement,porte_ouverte").out)
    f = ig["files"][0]
    assert not any(x["rule"] in ("remerciement", "porte_ouverte") for x in f["findings"]) and f["passed"]
    sel = json.loads(run("verifier", BAD, "--grammaire", "aucune", "-f", "json", "--select", "porte_ouverte").out)
    assert {x["rule"] for x in sel["files"][0]["findings"]} == {"porte_ouverte"}
    assert run("verifier", BAD, "--ignore", "nimporte").code == 2
    text = open(BAD, encoding="utf-8").read()
    marked = write(tmp_path, "marque.txt", "<!-- ton: ignorer remerciement -->\n" + text)
    doc = json.loads(run("verifier", marked, "--grammaire", "aucune", "-f", "json").out)["files"][0]
    assert not any(x["rule"] == "remerciement" for x in doc["findings"])
    assert any(x["rule"] == "porte_ouverte" for x in doc["findings"])  # only the named rule is silenced
    assert "<!-- ton: ignorer sans_critique -->" in run("expliquer", "sans_critique").out


def test_exclure_adds_to_the_default_exclusions(run, tmp_path, monkeypatch):
    d = tmp_path / "classe"
    (d / "archives").mkdir(parents=True)
    (d / "README.md").write_text("Consignes de l'exercice : écrivez une annulation.\n", encoding="utf-8")
    (d / "archives" / "vieux.txt").write_text(open(BAD, encoding="utf-8").read(), encoding="utf-8")
    (d / "lea.txt").write_text(open(GOOD, encoding="utf-8").read(), encoding="utf-8")
    (tmp_path / "ton.toml").write_text('exclure = ["archives"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("verifier", "classe", "--grammaire", "aucune", "-f", "json")
    assert [f["path"] for f in json.loads(r.out)["files"]] == [os.path.join("classe", "lea.txt")]


def test_stdin_filename(run):
    r = run("verifier", "-", "--stdin-filename", "brouillons/lea.txt", "--grammaire", "aucune", "-f", "concis",
            stdin=open(BAD, "rb").read())
    assert r.out.startswith("brouillons/lea.txt:")


# --- 4. class view ---------------------------------------------------------------------------

def test_class_view_has_columns_for_familiar_language_and_placeholders(run, tmp_path):
    fam = write(tmp_path, "sam.txt", open(GOOD, encoding="utf-8").read().replace("Bonjour", "Slt", 1))
    hole = write(tmp_path, "zoe.txt", open(GOOD, encoding="utf-8").read().replace("Bonjour", "Bonjour [Nom]", 1))
    r = run("verifier", GOOD, fam, hole, "--grammaire", "aucune")
    table = r.out[r.out.index("Récapitulatif"):]
    header = next(line for line in table.splitlines() if line.startswith("élève")).split()
    assert "familier" in header and "réservé" in header
    sam = next(line for line in table.splitlines() if line.startswith("sam ")).split()
    assert sam[3] == "à" and "✗" in sam
    assert "langage familier ou SMS" in table and "espace réservé oublié" in table


def _chromium():
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="chromium absent (scripts/installer.sh l'installe)")
def test_html_report_renders_in_headless_chromium(run, tmp_path):
    import subprocess

    out = tmp_path / "classe.html"
    r = run("verifier", GOOD, BAD, str(CORPUS / "messages" / "a18_annulation_avis_glassdoor.txt"),
            "--grammaire", "aucune", "-o", str(out))
    assert r.code == 1 and out.exists()
    html = out.read_text(encoding="utf-8")
    # Self-contained: nothing is fetched from the network.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    proc = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                           f"--user-data-dir={tmp_path / 'profil'}", "--dump-dom", out.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'data-pret="oui"' in dom and 'data-eleves="3"' in dom  # the script ran to its end
    assert '<svg id="graphique"' in dom and dom.count('class="barre"') >= 2
    assert "<mark>" in dom and "suggestion :" in dom
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console


# --- 5. CI -----------------------------------------------------------------------------------

def test_github_keeps_ten_per_kind_with_a_totals_notice(run, tmp_path):
    bad = open(BAD, encoding="utf-8").read()
    paths = [write(tmp_path, f"e{i:02}.txt", bad) for i in range(12)]
    r = run("verifier", *paths, "--grammaire", "aucune", "-f", "github")
    lines = r.out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    notice = [line for line in lines if line.startswith("::notice title=ton %3A totaux::")]
    assert len(notice) == 1 and "12 erreurs" in notice[0] and "12 avertissements" in notice[0]
    # Every finding is still in the log, one line each.
    assert sum(1 for line in lines if ": remerciement [erreur]" in line) == 12


def test_step_summary_and_several_outputs_from_one_run(run, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = run("verifier", GOOD, BAD, "--grammaire", "aucune", "-f", "github",
            "-o", str(tmp_path / "rapport.sarif"), "-o", str(tmp_path / "resume.md"), "-o", str(tmp_path / "classe.csv"))
    assert r.code == 1
    assert r.out.startswith("::")  # --format still goes to the standard output
    assert json.loads((tmp_path / "rapport.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "classe.csv").read_text(encoding="utf-8").startswith("fichier,type,score")
    md = (tmp_path / "resume.md").read_text(encoding="utf-8")
    assert "| élève |" in md and "Problèmes les plus fréquents" in md
    assert summary.read_text(encoding="utf-8") == md


# --- 6. packaging ----------------------------------------------------------------------------

def test_pre_commit_and_ci_leave_no_server(monkeypatch):
    from ton import serveur

    for var in ("CI", "GITHUB_ACTIONS", "PRE_COMMIT"):
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.delenv("PRE_COMMIT", raising=False)
        monkeypatch.setenv("TON_SERVEUR", "auto")
        monkeypatch.setenv(var, "1")
        assert serveur.mode() == "existant"


def test_wheel_ships_lexicons_and_models(tmp_path):
    """A non-editable install (pip install ., pre-commit) finds the lexicons with no variable."""
    import subprocess
    import sys
    import zipfile

    from conftest import ROOT

    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("ton-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ton/lexicons/exigences.yaml" in names and "ton/lexicons/expressions/remerciement.yaml" in names
    assert "ton/modeles/gestes/manifeste.json" in names and any(n.startswith("ton/modeles/gestes/textcat") for n in names)
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = {k: v for k, v in os.environ.items() if k != "TON_LEXIQUES"}
    env["PYTHONPATH"] = str(target)
    code = "import ton.lexicon as l; d = l.lexicon_dir(); print(d); l.load(None)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().startswith(str(target))


# --- 8. progress -----------------------------------------------------------------------------

def test_progress_bar_is_labelled_and_only_for_a_terminal(run, tmp_path, monkeypatch):
    good = open(GOOD, encoding="utf-8").read()
    paths = [write(tmp_path, f"m{i:02}.txt", good) for i in range(20)]
    assert run("verifier", *paths, "--grammaire", "aucune", "-q").err == ""  # stderr is not a terminal
    monkeypatch.setenv("TON_STDERR_TERMINAL", "1")  # what the warm server's client says of its terminal
    r = run("verifier", *paths, "--grammaire", "aucune", "-q")
    assert "chargement du modèle…" in r.err and "20/20" in r.err
    assert run("verifier", *paths[:19], "--grammaire", "aucune", "-q").err == ""


# --- 9. docs ---------------------------------------------------------------------------------

def test_docs_formats_examples_are_real_and_up_to_date():
    import subprocess
    import sys

    from conftest import ROOT

    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "generer_formats.py"), "--verifier"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for fmt in ("texte", "concis", "json", "sarif", "junit", "github", "csv", "markdown"):
        assert f"<!-- exemple:{fmt} -->" in text


def test_languagetool_failure_reason_is_french_and_whole():
    from ton.grammar.languagetool import _short

    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except ConnectionRefusedError as inner:
            raise RuntimeError("HTTPConnectionPool(host='127.0.0.1', port=8081): Max retries exceeded with url: "
                               "/v2/check (Caused by NewConnectionError(...))" * 3) from inner
    except RuntimeError as exc:
        reason = _short(exc)
    assert reason == "connexion refusée"
    assert _short(ValueError("x" * 300)) == "erreur inattendue"
