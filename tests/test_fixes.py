"""Fixes as data: each correctable finding carries edits and a safety level."""
import json

import pytest

from ton.lexicon import load
from ton.model import Safety
from ton.rewrite import apply_fixes


def _fixed(checker, text, mtype=None):
    report = checker(text, mtype)
    return report, apply_fixes(report.text, report.findings)[0]


def test_missing_thanks_inserted_after_salutation(checker):
    report, out = _fixed(checker, "Bonjour Madame Durand,\nJe dois annuler notre entretien de jeudi. "
                                  "Veuillez m'en excuser. Seriez-vous disponible mardi prochain ? "
                                  "J'espère rester en contact.\nCordialement,\nLéa", "annulation")
    fix = next(f.fix for f in report.findings if f.rule == "remerciement")
    assert fix.safety == Safety.UNSAFE and fix.edits[0].start == fix.edits[0].end
    assert out.startswith("Bonjour Madame Durand,\nJe vous remercie pour votre invitation à cet entretien.\nJe dois annuler")


def test_apology_right_after_decision_and_offer_before_closing(checker):
    _, out = _fixed(checker, "Bonjour,\nMerci pour votre invitation. Je dois annuler notre entretien de jeudi. "
                             "J'espère rester en contact.\nCordialement,\nLéa", "annulation")
    assert "annuler notre entretien de jeudi. Je vous prie de m'en excuser." in out
    assert out.index("Malgré cette annulation, serait-il possible de convenir d'une autre date ?") < out.index("Cordialement,")
    assert out.index("J'espère rester en contact.") < out.index("Malgré cette annulation")


def test_critique_removed_but_decision_kept_with_neutral_reason(checker):
    report, out = _fixed(checker, "Bonjour,\nMerci pour votre offre. Je décline votre offre : le salaire proposé est "
                                  "ridicule.\nCordialement,\nLéa", "refus_offre")
    assert any(f.rule == "sans_critique" and f.fix for f in report.findings)
    assert "ridicule" not in out
    assert "Je décline votre offre." in out
    # No reason is put in the candidate's mouth; a neutral one is only suggested.
    fix = next(f.fix for f in report.findings if f.rule == "sans_critique")
    assert fix.edits[0].replacement == "Je décline votre offre."
    assert "raison neutre" in fix.description


def test_familiar_words_and_spoken_negation(checker):
    report, out = _fixed(checker, "slt, dsl jpeux pas venir demain pour l'entretien 😅 Merci bcp")
    assert "excusez-moi, je ne peux pas venir demain" in out
    assert "beaucoup" in out and "😅" not in out
    emoji = next(f for f in report.findings if report.text[f.start:f.end] == "😅")
    assert emoji.fix.safety == Safety.SAFE


def test_a_run_of_emoji_is_removed_whole(checker):
    """« trop plu 🌱😊 Je suis… » : the run of emoji (and the variation selector of « ❤️ ») ended the sentence;
    removing each emoji on its own glued the two sentences (« trop pluJe suis »)."""
    for run in ("🌱😊", "❤️"):
        _, out = _fixed(checker, f"Bonjour Julie,\nMerci pour la visite, les serres m'ont trop plu {run} Je suis "
                                 "motivée pour vous rejoindre.\nLéa", "relance")
        assert "trop plu. Je suis" in out and "\ufe0f" not in out, out


def test_a_remark_removed_keeps_the_subject_of_the_decision(checker):
    """« Il s'agit du troisième aménagement en dix jours ; je dois donc me résoudre à annuler » : « donc »
    inside the decision clause left « Me résoudre à annuler ce rendez-vous. », a sentence without subject."""
    report, out = _fixed(checker, "Madame,\nVotre message déplace encore l'entretien. Il s'agit du troisième "
                                  "aménagement en dix jours ; je dois donc me résoudre à annuler ce rendez-vous.\n"
                                  "Bertrand", "annulation")
    assert "Je dois donc me résoudre à annuler ce rendez-vous." in out, out
    assert "troisième aménagement" not in out


def test_hedge_removed_from_decision(checker):
    _, out = _fixed(checker, "Bonjour,\nMerci pour votre invitation. Je vais peut-être annuler notre entretien de "
                             "jeudi.\nCordialement,\nLéa", "annulation")
    assert "Je vais annuler notre entretien de jeudi." in out


def test_tutoiement_becomes_vouvoiement(checker):
    _, out = _fixed(checker, "Bonjour Julie,\nMerci pour ta proposition et pour le temps que tu m'as consacré. "
                             "Je refuse l'offre.\nNicolas", "refus_offre")
    assert "pour votre proposition et pour le temps que vous m'avez consacré" in out


def test_replacement_table_examples(checker):
    """Each example of lexicons/remplacements.yaml is detected in a message and rewritten as shown."""
    lex = load()
    table = lex.replacements["familier_formes"]
    for item in lex.replacements["familier"]:
        if "exemple" not in item:
            continue
        before, after = item["exemple"]
        assert any(table[f.lower()] == item["par"] for f in item["formes"])
        report = checker(f"Bonjour Madame,\nJe vous remercie. {before}\nLéa", None)
        assert any(f.rule == "registre_familier" for f in report.findings), before
        out = apply_fixes(report.text, [f for f in report.findings if f.rule in ("registre_familier", "negation_orale")])[0]
        assert f"Je vous remercie. {after[:1].upper() + after[1:]}" in out, (before, out)


def test_replacement_table_errors_name_file_and_key(tmp_path):
    import shutil

    from ton.errors import LexiconError
    from ton.lexicon import lexicon_dir

    shutil.copytree(lexicon_dir(), tmp_path / "lex")
    path = tmp_path / "lex" / "remplacements.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('par: "Bonsoir"', "par: [Bonsoir]"), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"remplacements\.yaml, clé « familier\[1\]\.par »"):
        load(str(tmp_path / "lex"))


def test_json_report_shows_fixes(run, tmp_path):
    f = tmp_path / "m.txt"
    f.write_text("Bonjour,\nJe dois annuler notre entretien de jeudi.\nCordialement,\nLéa\n", encoding="utf-8")
    r = run("verifier", str(f), "--format", "json", "--grammaire", "aucune", "--type", "annulation")
    findings = json.loads(r.out)["files"][0]["findings"]
    fixes = [x["fix"] for x in findings if x["rule"] == "remerciement"]
    assert fixes and fixes[0]["safety"] == "risquee" and fixes[0]["edits"][0]["replacement"].strip()


@pytest.mark.parametrize("body, gender", [
    ("Je suis vraiment désolée pour ce contretemps.", "feminin"),
    ("Désolée, je ne pourrai pas venir jeudi.", "feminin"),
    ("Je me suis trompé de jour, je ne pourrai pas venir.", "masculin"),
    ("J'ai été retenu au travail et je ne pourrai pas venir.", "masculin"),
    # A signature, a first name or a title is no clue; an inclusive form neither; two contrary clues cancel out.
    ("Je ne pourrai pas venir jeudi.", None),
    ("Je suis désolé(e), je ne pourrai pas venir.", None),
    ("Je me suis permis de vous écrire : je ne pourrai pas venir.", None),
    ("Je suis désolée, je me suis trompé de jour.", None),
])
def test_writer_gender_read_on_the_writers_own_agreed_words(checker, body, gender):
    from ton.fixes import writer_gender

    report = checker(f"Bonjour Madame,\n{body}\nCordialement,\nMadame Léa Martin")
    assert writer_gender(report.text, report.structure, load()) == gender


def test_template_that_agrees_with_the_writer_is_refused(tmp_path):
    """A template sentence that agrees with the writer (« heureux ») must be neutral, its agreed forms in
    « accords »: the file and the key are named."""
    import shutil

    from ton.errors import LexiconError
    from ton.lexicon import lexicon_dir

    shutil.copytree(lexicon_dir(), tmp_path / "lex")
    path = tmp_path / "lex" / "modeles.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    - "Ce serait un plaisir de rester en contact pour de prochaines occasions."\n',
                                 '    - "Je serais ravi de rester en contact."\n', 1), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"modeles\.yaml, clé « reponse_refus\.porte_ouverte »"):
        load(str(tmp_path / "lex"))


def test_apology_follows_a_decision_the_sentence_layer_found(checker):
    """A decision the lexicon misses but the sentence layer reads (its evidence is the sentence's span):
    the apology still goes right after it, not at the top of the body."""
    from ton.check import place_missing
    from ton.rules.base import Verdict

    text = "Bonjour,\n\nMerci pour tout, je passe mon tour sur ce poste. Bonne continuation.\n\nLéa"
    st = checker(text, "declinaison").structure
    end = text.index("poste.") + len("poste.")
    at = place_missing("apres_decision", st, {"decision_claire": Verdict(True, [(text.index("Merci"), end)])})
    assert at == end
