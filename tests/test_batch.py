"""Batches: the whole corpus in one run, .eml e-mails, stdin mixed with files, progress, process count."""
import base64
import json

from conftest import CORPUS

GOOD_BODY = ("Bonjour Madame Durand,\n"
             "Je vous remercie pour votre invitation. Un imprévu m'oblige à annuler notre entretien de jeudi. "
             "Veuillez m'en excuser. Seriez-vous disponible mardi ou mercredi prochain pour le reporter ? "
             "J'espère que nous resterons en contact pour de futures opportunités.\n"
             "Cordialement,\nLéa Martin\n")


def files_of(r):
    return {f["path"]: f for f in json.loads(r.out)["files"]}


def test_whole_corpus_in_one_run_with_the_summary_table(run):
    from ton.reading import expand_paths

    paths = expand_paths([str(CORPUS)])
    assert len(paths) > 90
    r = run("verifier", str(CORPUS), "--grammaire", "aucune")
    assert r.code == 1, r.err
    from rich.cells import cell_len

    from ton.classe import short_name

    table = r.out[r.out.index("Récapitulatif"):r.out.index("Problèmes les plus fréquents")]
    # A coach's class of any size fits 100 columns (issue 12: it was 175).
    assert max(cell_len(line) for line in table.splitlines()) <= 100
    # Names are shortened further when the columns are numbered (many points failed).
    # (12 characters, fewer if the columns still do not fit: texte.class_view)
    widths = (12, 10, 8, 6, 5, 4) if "colonnes : " in table else (16,)
    firsts = {line.split()[0] for line in table.splitlines() if line.split()}
    width = next(w for w in widths if short_name(paths[0], w) in firsts)
    names = [short_name(p, width) for p in paths]
    rows = [line for line in table.splitlines() if line.split() and line.split()[0] in set(names)]
    assert [row.split()[0] for row in rows] == names
    total = next(line for line in table.splitlines() if line.startswith(("en échec", "échecs", "éch."))).split()
    assert all(cell.isdigit() for cell in total[2 if total[0] == "en" else 1:])
    assert r.err == ""  # no progress bar when stderr is not a terminal


def eml(tmp_path, name, raw: str) -> str:
    p = tmp_path / name
    p.write_bytes(raw.encode("latin-1") if "iso-8859-1" in raw else raw.encode("utf-8"))
    return str(p)


def test_eml_quoted_printable_with_subject_and_quoted_history(run, tmp_path):
    body = GOOD_BODY.encode("iso-8859-1")
    import quopri

    qp = quopri.encodestring(body).decode("ascii")
    raw = ("From: Lea <lea@example.org>\nTo: rh@example.com\n"
           "Subject: =?iso-8859-1?q?Annulation_de_l=27entretien_de_jeudi?=\n"
           "MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n"
           "Content-Transfer-Encoding: quoted-printable\n\n" + qp +
           "\nLe lun. 12 mai 2025 à 09:14, RH <rh@example.com> a écrit :\n> Votre entretien est nul et votre CV médiocre.\n")
    path = eml(tmp_path, "lea.eml", raw)
    r = run("verifier", path, "--grammaire", "aucune", "-f", "json")
    f = files_of(r)[path]
    assert r.code == 0, f["findings"]
    assert f["type"] == "annulation" and f["score"] == 100
    assert not any(x["rule"] == "sans_critique" for x in f["findings"])  # the quoted reply is left out


def test_eml_html_only_base64_utf8_positions_point_into_the_shown_text(run, tmp_path):
    html = ("<html><body><p>Bonjour Madame Durand,</p><p>Un imprévu m'oblige à annuler notre entretien de jeudi. "
            "Veuillez m'en excuser. Seriez-vous disponible mardi prochain&nbsp;?</p><p>Cordialement,<br>Léa</p>"
            "<blockquote>Nous sommes ravis.</blockquote></body></html>")
    raw = ("From: lea@example.org\nSubject: Entretien\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
           "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(html.encode("utf-8")).decode("ascii"))
    path = eml(tmp_path, "html.eml", raw)
    r = run("verifier", path, "--grammaire", "aucune", "-f", "json")
    f = files_of(r)[path]
    assert r.code == 1  # no thanks
    thanks = next(x for x in f["findings"] if x["rule"] == "remerciement")
    assert thanks["line"] >= 3  # after « Objet : Entretien » and the blank line: in the body
    from ton.reading import read_path

    src = read_path(path)
    assert src.text.startswith("Objet : Entretien\n\nBonjour Madame Durand,\n")
    assert "> Nous sommes ravis." in src.text and "<p>" not in src.text and "\u00a0" in src.text
    line_start = sum(len(x) for x in src.text.splitlines(keepends=True)[:thanks["line"] - 1])
    assert thanks["start"] == line_start + thanks["column"] - 1  # offsets, lines and columns agree on the shown text
    assert src.text.splitlines()[2] == "Bonjour Madame Durand,"


def test_eml_without_text_part_is_exit_2_and_others_still_checked(run, tmp_path):
    raw = ("From: a@example.org\nSubject: photo\nMIME-Version: 1.0\nContent-Type: image/png\n"
           "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n")
    bad = eml(tmp_path, "photo.eml", raw)
    good = tmp_path / "lea.txt"
    good.write_text(GOOD_BODY, encoding="utf-8")
    r = run("verifier", bad, str(good), "--grammaire", "aucune", "-f", "json")
    assert r.code == 2
    assert "aucune partie texte" in r.err and "Traceback" not in r.err
    assert list(files_of(r)) == [str(good)]
    assert json.loads(r.out)["errors"][0]["path"] == bad


def test_folder_mixes_txt_md_eml_and_stdin(run, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD_BODY, encoding="utf-8")
    (tmp_path / "c.eml").write_text("Subject: Entretien\nContent-Type: text/plain; charset=utf-8\n\n" + GOOD_BODY, encoding="utf-8")
    (tmp_path / "d.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "vide.txt").write_text("", encoding="utf-8")
    r = run("verifier", str(tmp_path), "-", "--grammaire", "aucune", "-f", "json", stdin=GOOD_BODY.encode("utf-8"))
    paths = list(files_of(r))
    assert paths == [str(tmp_path / n) for n in ("a.txt", "b.md", "c.eml")] + ["<entrée standard>"]
    assert r.code == 2 and "vide.txt : le fichier est vide." in r.err


def test_results_do_not_depend_on_the_number_of_processes():
    from ton.batch import check_sources
    from ton.check import Options
    from ton.emitters.json_ import report_dict
    from ton.reading import expand_paths, read_path

    sources = [read_path(p) for p in expand_paths([str(CORPUS / "messages")])[:12]]
    one = [report_dict(r) for r in check_sources(sources, Options(n_process=1))]
    two = [report_dict(r) for r in check_sources(sources, Options(n_process=2))]
    assert one == two and [r["path"] for r in two] == [s.path for s in sources]
