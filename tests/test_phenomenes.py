"""The phenomena behind the errors studied on the batches that were blind until 2 December (K, L, M):
who is judged, what a hedge governs, what counts as the writer's story. Each message is new wording."""
import pytest
from conftest import criterion

HELLO, BYE = "Bonjour Madame Roux,\n\n", "\n\nCordialement,\nNadia Benali"


@pytest.mark.parametrize("body", [
    # « vous » is who judged (experiencer of « sembler »), the thing judged is the writer's own application.
    "Je comprends votre choix. Pourriez-vous me dire quels aspects de mon dossier vous ont paru trop "
    "faibles ? Cela m'aiderait pour la suite.",
    # The writer's own workplace, named through a relative clause.
    "Je dois annuler notre entretien de jeudi : la plateforme où je travaille vit un chaos complet depuis "
    "l'incendie de lundi. Je vous prie de m'en excuser.",
])
def test_no_remark_on_the_writers_side(checker, body):
    assert criterion(checker(HELLO + body + BYE, "annulation"), "sans_critique").met


@pytest.mark.parametrize("body", [
    # A relative clause with « je » does not make the thing judged the writer's: « que j'ai vue ».
    "Je préfère ne pas donner suite : l'équipe que j'ai rencontrée m'a semblé franchement désorganisée.",
    "Je ne garde pas un bon souvenir de notre échange de mardi, je préfère donc en rester là.",
])
def test_remark_on_the_recipients_side_stays(checker, body):
    assert not criterion(checker(HELLO + body + BYE, "declinaison"), "sans_critique").met


@pytest.mark.parametrize("body", [
    # Sentence-initial « Peut-être » was split into « Peut » + « -être » and read as a decision.
    "Peut-être vaudrait-il mieux annuler notre rendez-vous de vendredi ? Je vous redis ça demain.",
    # SMS spelling: the hedge still governs the clause after its « que ».
    "Merci pour l'offre mais jcrois que jvais la refuser, c'est un peu loin pour moi.",
])
def test_hedged_decision(checker, body):
    assert not criterion(checker(HELLO + body + BYE), "decision_claire").met


def test_logistics_is_not_a_story(checker):
    """Questions, availability and what the writer sends are not a personal justification."""
    body = ("Je vous confirme ma venue lundi 7 à 9 h pour le poste de magasinier. Comme convenu, je joins mon "
            "attestation de formation et mon permis cariste. Pourriez-vous me dire à quelle porte me présenter ? "
            "Faut-il prévoir des chaussures de sécurité ? Je serai joignable toute la journée de vendredi.")
    assert criterion(checker(HELLO + body + BYE, "autre"), "concision").met


def test_a_long_personal_story_is_not_concise(checker):
    body = ("Je dois malheureusement annuler notre entretien de demain. Mon fils s'est cassé le bras ce matin à "
            "l'école pendant la récréation. Les urgences nous ont gardés toute la journée pour une radio et un "
            "plâtre. Mon mari est en mission à Lyon jusqu'à dimanche et ma mère habite trop loin pour venir. "
            "Je vous prie de m'en excuser.")
    assert not criterion(checker(HELLO + body + BYE, "annulation"), "concision").met


@pytest.mark.parametrize("body", [
    # « si jamais » is « if ever »: the slot offered is not negated.
    "Personne ne s'est connecté à la visio de 10 h, sans doute un contretemps. Si jamais mon dossier refait "
    "surface dans votre planning, je suis libre mardi matin.",
    # A slot in wording the lexicon has no verb for, which the sentence layer reads as a proposal.
    "Toutes mes excuses pour l'appel manqué de 11 h, j'étais en réunion. Je peux me reconnecter mardi entre "
    "9 h et 11 h si vous le souhaitez.",
])
def test_slot_offered_after_a_missed_call(checker, body):
    assert criterion(checker(HELLO + body + BYE, "appel_manque"), "proposition_report").met


@pytest.mark.parametrize("sentence,word,negated", [
    ("Si jamais mon dossier refait surface dans votre planning, je suis libre mardi matin.", "libre", False),
    ("Je ne serai jamais libre jeudi.", "libre", True),
])
def test_si_jamais_is_no_negation(sentence, word, negated):
    from ton.analysis import is_negated
    from ton.nlp import get_nlp, lexicon

    neg = lexicon().settings["negation"]
    doc = get_nlp()(sentence)
    tok = next(t for t in doc if t.text == word)
    assert is_negated(tok, frozenset({tok.i}), set(neg["marqueurs"]), set(neg["inverseurs"])) is negated


@pytest.mark.parametrize("body,met", [
    # The passive infinitive is a wish for the future; the past infinitive tells what happened.
    ("Merci pour votre réponse. Je serais ravie d'être recontactée lorsqu'un poste similaire s'ouvrira dans votre agence.", True),
    ("Merci de m'avoir recontactée si vite pour me donner votre réponse.", False),
])
def test_passive_infinitive_is_a_wish(checker, body, met):
    assert criterion(checker(HELLO + body + BYE, "reponse_refus"), "porte_ouverte").met is met


def test_a_phrase_set_off_by_a_comma_escapes_the_negation_of_the_clause(checker):
    body = ("Toutes mes excuses, je n'ai pas pu répondre à votre appel de 14 h : j'étais en salle de cours. "
            "Je peux vous rappeler demain matin.")
    assert criterion(checker(HELLO + body + BYE, "appel_manque"), "excuses").met
