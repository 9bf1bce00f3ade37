"""Rule delai from real dates: the send date (an e-mail's Date: header, --date-envoi) against the
interview's date read in the text (lexicons/dates.yaml); the words of the text when no date decides."""
import json

import pytest

from ton.lexicon import load

LEX = load()

CANCEL = ("Bonjour Madame Durand,\n\nJe dois malheureusement annuler notre entretien du jeudi 3 décembre à 10 h, "
          "suite à un imprévu familial. Je vous prie de m'excuser pour ce désagrément. Seriez-vous disponible la "
          "semaine suivante ?\n\nMerci de votre compréhension.\nCordialement,\nLéa Martin\n")
THANKS = ("Bonjour Monsieur Petit,\n\nJe vous remercie pour notre entretien du mardi 1er décembre. Notre échange "
          "m'a conforté dans mon envie de rejoindre votre équipe.\n\nBien cordialement,\nLéa Martin\n")
FOLLOW_UP = ("Bonjour Monsieur Petit,\n\nSuite à notre entretien du mardi 1er décembre, je me permets de revenir vers "
             "vous pour savoir où en est le processus de recrutement. Le poste m'intéresse toujours beaucoup.\n\n"
             "Merci d'avance,\nLéa Martin\n")


def _delai(run, text: str, *args: str) -> list[dict]:
    r = run("verifier", "-", "--grammaire", "aucune", "-f", "json", *args, stdin=text.encode())
    assert r.code in (0, 1), r.err
    (f,) = json.loads(r.out)["files"]
    return [x for x in f["findings"] if x["rule"] == "delai"]


@pytest.mark.parametrize("i", range(len(LEX.dates.examples)))
def test_dates_yaml_examples(i):
    """Each example of dates.yaml: the passage, sent at « envoi », dates the interview as it says."""
    from ton.analysis import analyse
    from ton.dates import parse_iso
    from ton.rules.delai import interview_date
    from ton.nlp import get_matcher, get_nlp
    from ton.structure import parse

    ex = LEX.dates.examples[i]
    st = parse(f"Je vous écris au sujet de {ex['texte']}.", LEX.structure)
    a = analyse(get_nlp()(st.analysis_text()), st, LEX, get_matcher())
    found = interview_date(a, parse_iso(ex["envoi"]), ex["sens"])
    expected = parse_iso(ex["date"]) if ex["date"] else None
    assert (found.moment if found else None) == expected, ex["texte"]


def test_cancellation_ten_hours_before_is_an_info_quoting_the_advice(run):
    (f,) = _delai(run, CANCEL, "--date-envoi", "2026-12-03T00:00", "--type", "annulation")
    assert f["severity"] == "info"
    assert "moins de 24 heures" in f["message"] and "jeudi 3 décembre à 10 h" in f["message"]
    assert "24 à 48 heures" in f["message"] and "appeler" in f["message"]


def test_cancellation_three_days_before_is_fine(run):
    assert _delai(run, CANCEL, "--date-envoi", "2026-11-30T10:00", "--type", "annulation") == []


def test_dates_take_precedence_over_words(run):
    """« demain » alone says short notice; with the dates, 3 days' notice is enough, 18 h is not."""
    text = CANCEL.replace("du jeudi 3 décembre à 10 h", "de demain à 9h30")
    assert _delai(run, text, "--type", "annulation")  # no send date: the words, as before
    (f,) = _delai(run, text, "--date-envoi", "2026-12-01T15:00", "--type", "annulation")
    assert "mercredi 2 décembre à 9 h 30" in f["message"]


def test_weekday_only_is_resolved_from_the_send_date(run):
    text = CANCEL.replace("du jeudi 3 décembre à 10 h", "de ce jeudi à 9 h")
    (f,) = _delai(run, text, "--date-envoi", "2026-12-02T17:30", "--type", "annulation")  # a Wednesday
    assert "jeudi 3 décembre à 9 h" in f["message"]
    assert _delai(run, text, "--date-envoi", "2026-11-28T17:30", "--type", "annulation") == []


def test_no_interview_date_no_finding(run):
    text = CANCEL.replace("notre entretien du jeudi 3 décembre à 10 h", "notre entretien")
    assert _delai(run, text, "--date-envoi", "2026-12-03T08:00", "--type", "annulation") == []


def test_a_new_slot_offered_is_not_the_interview_date(run):
    text = CANCEL.replace("notre entretien du jeudi 3 décembre à 10 h", "notre entretien").replace(
        "Seriez-vous disponible la semaine suivante ?", "Je vous propose un nouvel entretien le jeudi 3 décembre à 10 h.")
    assert _delai(run, text, "--date-envoi", "2026-12-03T08:00", "--type", "annulation") == []


def test_late_thank_you_note(run):
    (f,) = _delai(run, THANKS, "--date-envoi", "2026-12-05", "--type", "relance")
    assert "Remerciement envoyé 4 jours après" in f["message"] and "mardi 1er décembre" in f["message"]
    assert "jour suivant" in f["message"]
    assert _delai(run, THANKS, "--date-envoi", "2026-12-02T09:00", "--type", "relance") == []


def test_early_follow_up(run):
    (f,) = _delai(run, FOLLOW_UP, "--date-envoi", "2026-12-04", "--type", "relance")
    assert "Relance envoyée 3 jours après" in f["message"] and "une semaine" in f["message"]
    assert _delai(run, FOLLOW_UP, "--date-envoi", "2026-12-10", "--type", "relance") == []


@pytest.mark.parametrize("value", ["03/12/2026", "2026-02-30", "demain", "2026-12-01T25:00"])
def test_bad_send_date_is_a_french_error(run, value):
    r = run("verifier", "-", "--grammaire", "aucune", "--date-envoi", value, stdin=CANCEL.encode())
    assert r.code == 2
    assert "--date-envoi" in r.err and "AAAA-MM-JJ" in r.err and value in r.err


def _eml(date_header: str | None) -> bytes:
    head = "From: lea@example.org\nTo: rh@example.org\nSubject: Entretien du jeudi 3 decembre\n"
    if date_header:
        head += f"Date: {date_header}\n"
    body = CANCEL.replace("\n", "\r\n")
    return (head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n").encode() \
        + body.encode("utf-8")


def test_eml_date_header_is_the_send_date(run, tmp_path):
    p = tmp_path / "annulation.eml"
    p.write_bytes(_eml("Wed, 02 Dec 2026 22:15:00 +0100"))
    r = run("verifier", str(p), "--grammaire", "aucune", "-f", "json", "--type", "annulation")
    (f,) = [x for x in json.loads(r.out)["files"][0]["findings"] if x["rule"] == "delai"]
    assert "mercredi 2 décembre à 22 h 15" in f["message"]
    # --date-envoi says when it will really be sent: it wins over the header.
    r = run("verifier", str(p), "--grammaire", "aucune", "-f", "json", "--type", "annulation",
            "--date-envoi", "2026-11-28")
    assert not [x for x in json.loads(r.out)["files"][0]["findings"] if x["rule"] == "delai"]


@pytest.mark.parametrize("header", [None, "pas une date"])
def test_eml_without_usable_date_header_reads_the_words(run, tmp_path, header):
    p = tmp_path / "annulation.eml"
    p.write_bytes(_eml(header))
    r = run("verifier", str(p), "--grammaire", "aucune", "-f", "json", "--type", "annulation")
    assert r.code in (0, 1), r.err
    assert not [x for x in json.loads(r.out)["files"][0]["findings"] if x["rule"] == "delai"]


def test_invalid_dates_yaml_names_file_and_key(tmp_path):
    import shutil

    from ton.errors import LexiconError
    from ton.lexicon import lexicon_dir

    dst = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), dst)
    path = dst / "dates.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  mars: [mars]\n", ""), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load(str(dst))
    assert "dates.yaml" in str(info.value) and "mois" in str(info.value)
