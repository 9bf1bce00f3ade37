"""The linguistic phenomena, on sentences written for these tests (not taken from the corpus)."""
import pytest
from conftest import criterion

SALUT = "Bonjour Madame Lambert,\n"
FIN = "\nCordialement,\nNoé Girard\n"


def msg(body):
    return SALUT + body + FIN


@pytest.mark.parametrize("body,cid,met", [
    # Negation scope
    ("Je dois annuler l'entretien de lundi. Je ne souhaite pas reporter.", "proposition_report", False),
    ("Je ne pourrai pas venir lundi, mais je vous propose mercredi à 11 h.", "proposition_report", True),
    ("Je ne pourrai pas venir lundi, mais je vous propose mercredi à 11 h.", "decision_claire", True),
    ("Pas besoin de trouver une autre date, je retire ma candidature.", "proposition_report", False),
    ("Je n'ai absolument rien à reprocher à votre équipe, je préfère simplement me retirer.", "sans_critique", True),
    ("Je ne souhaite plus être contacté par votre cabinet.", "porte_ouverte", False),
    ("N'hésitez surtout pas à revenir vers moi si un autre poste s'ouvre : je reste joignable.", "porte_ouverte", True),
    ("Je ne regrette pas ce choix.", "excuses", False),
    # Hedging
    ("Il est probable que je doive annuler notre rendez-vous de mardi.", "decision_claire", False),
    ("Je ne suis pas certaine de pouvoir être présente mardi.", "decision_claire", False),
    ("Je devrais sans doute décliner votre invitation.", "decision_claire", False),
    ("Je me vois contraint d'annuler notre rendez-vous de mardi.", "decision_claire", True),
    # Irony
    ("Merci pour rien, je retire ma candidature.", "remerciement", False),
    ("Merci pour rien, je retire ma candidature.", "sans_critique", False),
    ("Je vous remercie de m'avoir fait patienter un mois pour rien.", "remerciement", False),
    ("Je vous remercie sincèrement pour le temps accordé.", "remerciement", True),
    # "Malheureusement" is no apology
    ("Je dois malheureusement annuler notre entretien.", "excuses", False),
    ("Je suis navrée de devoir annuler notre entretien.", "excuses", True),
    # Critique needs a target; a neutral reason is fine
    ("Le poste ne correspond plus à mon projet professionnel.", "sans_critique", True),
    ("Votre grille salariale est franchement indécente.", "sans_critique", False),
    ("Ma semaine a été catastrophique, je dois annuler.", "sans_critique", True),
    ("L'annonce ne mentionnait pas les déplacements fréquents, ce qui est regrettable.", "sans_critique", False),
    ("Je me trouve dans l'incapacité d'assister à notre rendez-vous.", "decision_claire", True),
    ("Il est peu probable que je puisse venir.", "decision_claire", False),
    ("Je reste flexible pour une autre date.", "proposition_report", True),
    ("Il ne me semble pas utile de fixer une nouvelle date.", "proposition_report", False),
    ("Je reste à l'écoute de vos futures offres.", "porte_ouverte", True),
    ("Je vous souhaite une bonne fin de journée.", "porte_ouverte", False),
    ("Le trajet serait trop long pour moi.", "sans_critique", True),
])
def test_phenomenon(checker, body, cid, met):
    assert criterion(checker(msg(body)), cid).met is met


def test_quoted_reply_is_not_the_candidates():
    from conftest import criterion as crit

    from ton.batch import check_sources
    from ton.check import Options
    from ton.reading import Source

    text = msg("Je dois annuler notre entretien.") + (
        "\nLe lun. 3 mars 2025 à 10:00, Paul Roy <p.roy@exemple.fr> a écrit :\n"
        "> Merci pour votre candidature, nous sommes désolés du délai.\n"
        "> Au plaisir de vous rencontrer, nous pourrons reporter si besoin.\n")
    (rep,) = list(check_sources([Source("<t>", text, "utf-8")], Options()))
    for cid in ("remerciement", "excuses", "proposition_report", "porte_ouverte"):
        assert not crit(rep, cid).met, cid
    assert rep.structure.quoted and text[rep.structure.quoted[0][0]:].startswith("Le lun.")


def test_quote_marks_only(checker):
    rep = checker(msg("Je dois annuler notre entretien.") + "\n> Merci et au plaisir de vous rencontrer.\n")
    assert not criterion(rep, "remerciement").met and not criterion(rep, "porte_ouverte").met


def test_signature_linkedin_placeholder_is_no_open_door(checker):
    rep = checker("Bonjour,\nJe décline l'invitation à l'entretien. Merci pour votre temps.\nCordialement,\n"
                  "Noé Girard\n[Votre profil LinkedIn]\n")
    assert not criterion(rep, "porte_ouverte").met


def test_sms_apology_counts_and_is_flagged(checker):
    rep = checker("Bonjour, dsl je ne pourrai pas venir demain à l'entretien. Merci.\nNoé")
    assert criterion(rep, "excuses").met
    assert any(f.rule == "registre_familier" and "dsl" in f.message for f in rep.findings)


@pytest.mark.parametrize("body,expected", [
    ("Je dois annuler l'entretien prévu jeudi : j'ai accepté un poste ailleurs.", "declinaison"),
    ("Je vous remercie pour votre offre d'emploi, mais j'ai décidé de ne pas l'accepter.", "refus_offre"),
    ("Serait-il possible de décaler notre entretien à la semaine prochaine ?", "report"),
    ("Je dois annuler notre entretien de jeudi pour raison de santé.", "annulation"),
    ("Je vous confirme ma présence à l'entretien de jeudi.", "autre"),
    ("Après réflexion, je préfère ne pas poursuivre le processus de recrutement.", "declinaison"),
    ("Après mûre réflexion, je décline le poste que vous m'avez proposé.", "refus_offre"),
    ("J'accepte avec plaisir votre offre et serai ravi de rejoindre l'équipe.", "autre"),
    ("Je souhaiterais déplacer notre rendez-vous de mardi à jeudi, si cela vous convient.", "report"),
    ("J'ai bien reçu votre promesse d'embauche, mais j'ai choisi de rejoindre une autre entreprise.", "refus_offre"),
])
def test_message_type(checker, body, expected):
    assert checker(msg(body)).type == expected


def test_missing_elements_are_placed_where_they_belong(checker):
    rep = checker(msg("Je dois annuler notre entretien de jeudi."))
    text = rep.text
    by_rule = {f.rule: f for f in rep.findings}
    assert by_rule["remerciement"].start == text.index("Je dois")
    assert by_rule["excuses"].start == text.index("jeudi.") + len("jeudi.")
    assert by_rule["proposition_report"].start == text.index("Cordialement")
    assert by_rule["proposition_report"].suggestions


def test_outlook_reply_header_starts_a_quote(checker):
    rep = checker("Bonjour Madame Martin,\nJe dois annuler notre entretien de jeudi, veuillez m'en excuser.\n"
                  "Cordialement,\nLéa Dubois\n\nDe : Sophie Martin\nEnvoyé : lundi 2 juin 2025 10:14\nÀ : Léa Dubois\n"
                  "Objet : Entretien\n\nBonjour Léa, merci pour votre candidature, au plaisir de vous rencontrer.\n")
    assert not criterion(rep, "remerciement").met and not criterion(rep, "porte_ouverte").met
    assert criterion(rep, "excuses").met


def test_postscript_after_signature_is_the_candidates(checker):
    rep = checker("Bonjour,\nJe décline votre offre, le poste ne correspondant plus à mon projet. Merci pour votre "
                  "confiance.\nCordialement,\nLéa\nPS : j'espère que nous resterons en contact.\n")
    assert criterion(rep, "porte_ouverte").met


def test_a_sentence_right_after_the_closing_is_the_candidates_a_footer_is_not(checker):
    """« Merci ! » then a whole sentence: the candidate adds something (read like a P.S.), it is no signature;
    a boilerplate sentence under the name is the e-mail's footer."""
    rep = checker("Salut Camille, jeudi 14h ça va pas le faire, on peut caler vendredi ? Merci !\nAu fait, t'as "
                  "vraiment des missions en réa ou c'était juste pour faire joli dans l'annonce ?\n", "report")
    assert rep.structure.signature is None and rep.structure.postscript is not None
    assert not criterion(rep, "sans_critique").met
    rep = checker("Bonjour,\nJe ne pourrai pas venir jeudi, toutes mes excuses.\nCordialement,\nStéphane Guérin\n"
                  "Merci de penser à l'environnement avant d'imprimer ce courriel.\n")
    assert rep.structure.postscript is None and "Guérin" in rep.text[slice(*rep.structure.signature)]


def test_a_thanks_line_at_the_end_is_a_closing_not_a_name(checker):
    """« Merci et bonne journée » or « Merci » alone on the last line closes the message (and thanks): it is no
    signature, and the name under it is; a message that is only « Merci bcp » stays a message."""
    rep = checker("Bonjour Monsieur Garnier,\n\nJe ne pourrai pas venir jeudi à l'entretien, désolé. Le poste "
                  "m'intéresse toujours.\n\nMerci et bonne journée\n")
    assert criterion(rep, "remerciement").met
    rep = checker("Bonjour, je pourrai pas venir demain dsl. Je peux passer jeudi ?\nMerci\nKevin\n")
    assert criterion(rep, "remerciement").met and rep.structure.signature is not None
    assert "Kevin" in rep.text[slice(*rep.structure.signature)]
    rep = checker("Merci bcp")
    assert criterion(rep, "remerciement").met


def test_one_line_sms_with_greeting(checker):
    rep = checker("Bonjour ! je ne pourrai pas venir à l'entretien de demain, vraiment désolé. Jeudi vous irait ?")
    assert criterion(rep, "decision_claire").met and criterion(rep, "proposition_report").met


def test_closing_after_an_emoji_on_a_one_line_message_is_no_body(checker):
    """« … très généreux 🙃 Bonne continuation » on one line: the emoji ends the sentence, the closing formula
    after it is the close of the message, not part of the sentence."""
    text = ("Bsr, je vais pas donner suite à l'offre. 1650 brut pour des nuits et des astreintes, c'est vraiment "
            "très généreux 🙃 Bonne continuation")
    rep = checker(text)
    assert rep.structure.body[1] <= text.index("Bonne continuation")


def test_an_emoji_before_a_capitalised_word_ends_the_sentence(checker):
    """« … mon tel était en silencieux 😕 Je peux vous rappeler demain » on one line: two sentences, so that the
    offer to call back is read as one (the proposal is found in its own sentence)."""
    rep = checker("Bonjour Mme Durand, désolée j'ai raté votre appel ce matin, mon tel était en silencieux 😕 Je peux "
                  "vous rappeler cet aprem après 16h ou demain toute la journée. Merci bcp !! Inès", "appel_manque")
    assert criterion(rep, "proposition_report").met


def test_reproach_after_mais_leaves_thanks_sincere(checker):
    rep = checker(msg("Je vous remercie pour votre invitation, mais votre processus est vraiment trop long. "
                      "Je retire ma candidature."))
    assert criterion(rep, "remerciement").met and not criterion(rep, "sans_critique").met


def test_one_critique_finding_per_sentence(checker):
    rep = checker(msg("Merci pour rien, je retire ma candidature."))
    assert len([f for f in rep.findings if f.rule == "sans_critique"]) == 1


def test_good_wishes_note_only_when_wished(checker):
    rep = checker(msg("Je dois annuler notre entretien. Quel serait le meilleur moment pour vous ?"))
    assert "bonne continuation" not in criterion(rep, "porte_ouverte").message


def test_table_of_sentence_starts_is_what_span_sent_finds():
    """analysis.sentence_starts (one pass) gives, for every token, the `.sent.start` spaCy walks to."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from empreinte_vitesse import sources

    from ton.analysis import sentence_starts
    from ton.nlp import get_nlp

    n = 0
    for doc in get_nlp().pipe(s.text for s in sources()[:120]):
        starts = sentence_starts(doc)
        assert len(starts) == len(doc)
        for t in doc:
            assert starts[t.i] == t.sent.start == doc[t.i : t.i + 2].sent.start
            n += 1
    assert n > 5000


def test_a_name_and_a_title_on_the_last_line_is_a_signature(checker):
    """« Sophie Arnaud, IDE » under the last sentence, with no closing formula: the signature, which a template
    is never glued to (the door left open goes above it); « Merci, Paul » stays thanks."""
    rep = checker("Madame,\nJe ne me présenterai pas à l'entretien du 15 octobre. Je retire donc ma candidature.\n"
                  "Sophie Arnaud, IDE\n", "declinaison")
    assert rep.text[slice(*rep.structure.signature)] == "Sophie Arnaud, IDE"
    assert rep.structure.body[1] <= rep.text.index("Sophie")
    rep = checker("Bonjour,\nJe ne pourrai pas venir jeudi, toutes mes excuses.\nMerci, Paul\n")
    assert criterion(rep, "remerciement").met


def test_a_demonstrative_taken_for_an_infinitives_subject_is_the_impersonal_frame():
    """« Est-ce que ce serait possible de décaler l'entretien ? » : the parser may make « ce » the subject of the
    infinitive; the request is the writer's, as in « serait-il possible de décaler »."""
    from ton.analysis import candidate_acts
    from ton.nlp import get_nlp

    doc = get_nlp()("Est-ce que ce serait possible de décaler l'entretien à la semaine du 20 ?")
    verb = next(t for t in doc if t.lower_ == "décaler")
    assert any(c.lower_ == "ce" and c.dep_.startswith("nsubj") for c in verb.children), "the parse this guards changed"
    assert candidate_acts(verb)
