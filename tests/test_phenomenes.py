"""The phenomena behind the errors studied on the batches that were blind until 2 December (K, L, M):
who is judged, what a hedge governs, what counts as the writer's story. Each message is new wording."""
from pathlib import Path

import pytest
from conftest import criterion

HELLO, BYE = "Bonjour Madame Roux,\n\n", "\n\nCordialement,\nNadia Benali"


def _checked(text: str, mtype: str, gestes: dict):
    """The report of `text` (type imposed), with the sentence layer's thresholds set to `gestes`."""
    from ton.batch import check_sources
    from ton.check import Options
    from ton.reading import Source

    (r,) = list(check_sources([Source("<test>", text, "utf-8")], Options(config={"gestes": gestes}, forced_type=mtype)))
    return r


def _flagged(text: str, mtype: str, gestes: dict) -> list[str]:
    """The sentences reported as criticism."""
    r = _checked(text, mtype, gestes)
    return [r.text[f.start:f.end] for f in r.findings if f.rule == "sans_critique"]


def _marked(text: str, mtype: str, at: float = 0.0) -> list[str]:
    """The sentences reported when only an announced remark counts (critique.marques, comparisons), the
    layer's reading required at `at`."""
    return _flagged(text, mtype, {"critique_certaine": 1.1, "critique_probable": 1.1, "critique_marquee": at})


# (message type, criterion, whether it is met, body): each row one phenomenon, in new wording.
CASES = [
    # « vous » is who judged (experiencer of « sembler »), the thing judged is the writer's own application.
    ("annulation", "sans_critique", True,
     "Je comprends votre choix. Pourriez-vous me dire quels aspects de mon dossier vous ont paru trop "
     "faibles ? Cela m'aiderait pour la suite."),
    # The writer's own workplace, named through a relative clause.
    ("annulation", "sans_critique", True,
     "Je dois annuler notre entretien de jeudi : la plateforme où je travaille vit un chaos complet depuis "
     "l'incendie de lundi. Je vous prie de m'en excuser."),
    # A relative clause with « je » does not make the thing judged the writer's: « que j'ai rencontrée ».
    ("declinaison", "sans_critique", False,
     "Je préfère ne pas donner suite : l'équipe que j'ai rencontrée m'a semblé franchement désorganisée."),
    ("declinaison", "sans_critique", False,
     "Je ne garde pas un bon souvenir de notre échange de mardi, je préfère donc en rester là."),
    # Sentence-initial « Peut-être » was split into « Peut » + « -être » and read as a decision.
    (None, "decision_claire", False,
     "Peut-être vaudrait-il mieux annuler notre rendez-vous de vendredi ? Je vous redis ça demain."),
    # SMS spelling: the hedge still governs the clause after its « que ».
    (None, "decision_claire", False,
     "Merci pour l'offre mais jcrois que jvais la refuser, c'est un peu loin pour moi."),
    # Questions, availability and what the writer sends are not a personal justification.
    ("autre", "concision", True,
     "Je vous confirme ma venue lundi 7 à 9 h pour le poste de magasinier. Comme convenu, je joins mon "
     "attestation de formation et mon permis cariste. Pourriez-vous me dire à quelle porte me présenter ? "
     "Faut-il prévoir des chaussures de sécurité ? Je serai joignable toute la journée de vendredi."),
    ("annulation", "concision", False,
     "Je dois malheureusement annuler notre entretien de demain. Mon fils s'est cassé le bras ce matin à "
     "l'école pendant la récréation. Les urgences nous ont gardés toute la journée pour une radio et un "
     "plâtre. Mon mari est en mission à Lyon jusqu'à dimanche et ma mère habite trop loin pour venir. "
     "Je vous prie de m'en excuser."),
    # A sentence cut at « ; » or « : » by the sentence recogniser is still one sentence of the writer's.
    ("appel_manque", "concision", True,
     "Nous avions prévu un entretien téléphonique ce matin à 9 h 30 pour le poste d'assistante de gestion. "
     "Je n'ai reçu aucun appel ; le numéro indiqué sur mon CV comporte peut-être une erreur : le bon est le "
     "06 12 34 56 78. Je reste disponible demain matin ou jeudi après-midi. Merci d'avance."),
    # « si jamais » is « if ever »: the slot offered is not negated.
    ("appel_manque", "proposition_report", True,
     "Personne ne s'est connecté à la visio de 10 h, sans doute un contretemps. Si jamais mon dossier refait "
     "surface dans votre planning, je suis libre mardi matin."),
    # A slot in wording the lexicon has no verb for, which the sentence layer reads as a proposal.
    ("appel_manque", "proposition_report", True,
     "Toutes mes excuses pour l'appel manqué de 11 h, j'étais en réunion. Je peux me reconnecter mardi entre "
     "9 h et 11 h si vous le souhaitez."),
    # The passive infinitive is a wish for the future; the past infinitive tells what happened.
    ("reponse_refus", "porte_ouverte", True,
     "Merci pour votre réponse. Je serais ravie d'être recontactée lorsqu'un poste similaire s'ouvrira dans "
     "votre agence."),
    ("reponse_refus", "porte_ouverte", False, "Merci de m'avoir recontactée si vite pour me donner votre réponse."),
    # A phrase set off by a comma before the verb escapes the negation of the clause.
    ("appel_manque", "excuses", True,
     "Toutes mes excuses, je n'ai pas pu répondre à votre appel de 14 h : j'étais en salle de cours. "
     "Je peux vous rappeler demain matin."),
    # Idiomatic refusals, whatever sits between their words.
    ("refus_offre", "decision_claire", True,
     "Merci pour la proposition. Je vais devoir vous dire non : le trajet quotidien serait trop long."),
    ("refus_offre", "decision_claire", True, "Merci mais c non pour moi, trop loin de chez moi."),
    ("declinaison", "decision_claire", True,
     "Je préfère laisser cette place de conducteur à un candidat plus disponible que moi."),
    # An object clitic before an infinitive is no subject: the writer asks to move the interview.
    ("report", "decision_claire", True,
     "Une formation obligatoire tombe jeudi, je dois donc vous prier de déplacer notre rendez-vous. "
     "Lundi ou mardi matin me conviendraient."),
    # A decision under « si » or « quitte à » is a hypothesis; the hedged one is the announcement.
    ("declinaison", "decision_claire", False,
     "Je pense que je vais me retirer du processus pour le moment. Recontactez-moi si d'autres postes "
     "se libèrent dans votre équipe."),
    ("annulation", "decision_claire", False,
     "Il se peut que je ne puisse pas venir mardi. Je vous le dis dès maintenant, quitte à annuler pour rien."),
    # … but « savoir s'il serait possible de décaler » asks for it.
    ("report", "decision_claire", True,
     "Mon train est supprimé demain, je voulais savoir s'il serait possible de décaler notre entretien à "
     "vendredi."),
    # A hedge bears on its own clause: a reason or a concession does not make the decision hesitant…
    ("annulation", "decision_claire", True,
     "Je ne pourrai pas venir à l'entretien de mardi parce que je crois avoir attrapé la grippe."),
    ("refus_offre", "decision_claire", True,
     "Après avoir longuement hésité, je refuse votre proposition. Merci pour votre confiance."),
    ("annulation", "decision_claire", True,
     "Je dois annuler notre rendez-vous de jeudi, ma fille est probablement contagieuse."),
    # … but a hedge that governs the decision, or is a parenthesis on it, does.
    ("annulation", "decision_claire", False, "J'annule notre rendez-vous de jeudi, je pense."),
    ("annulation", "decision_claire", False, "Je vais sûrement devoir annuler notre rendez-vous de jeudi."),
    # A hedge with an object of its own bears on that object, not on the decision; so does someone
    # else's opinion.
    ("annulation", "decision_claire", True,
     "Je dois annuler notre rendez-vous de lundi : je pense m'être cassé le poignet."),
    ("refus_offre", "decision_claire", True,
     "Je refuse votre offre, je crois que vous trouverez sans mal un meilleur profil."),
    ("annulation", "decision_claire", True,
     "Je suis contraint d'annuler notre entretien : mon kiné pense que je dois rester immobile."),
    # Another offer given as the reason is no announcement when the decision itself is hedged.
    ("declinaison", "decision_claire", False,
     "Je crois que je ne vais peut-être pas poursuivre, parce qu'on m'a fait une autre proposition."),
    # « penser » before the infinitive of the decision hedges it.
    ("annulation", "decision_claire", False,
     "Ma mère est hospitalisée depuis hier. Je pense annuler notre rendez-vous de lundi."),
    # A participle that qualifies a noun is not under the clause's negation.
    ("annulation", "decision_claire", True,
     "Je ne pourrai pas me rendre au rendez-vous fixé jeudi : ma fille est malade. Je vous prie de m'en excuser."),
    # Thanks for a thing pointed at with a demonstrative, in a sentence leaning to reproach: sarcasm.
    ("reponse_refus", "remerciement", False,
     "J'ai bien reçu votre décision. Merci quand même pour ce message automatique."),
    ("reponse_refus", "remerciement", True,
     "Merci pour cet échange et pour le temps consacré ces dernières semaines à ma candidature."),
    # A capitalised imperative at the start of a sentence is tagged as a name: its lemma is restored.
    ("declinaison", "porte_ouverte", True,
     "Merci pour votre message, mais je décline : je viens de signer ailleurs. Recontactez-moi dans deux ans, qui sait !"),
    ("reponse_refus", "porte_ouverte", True,
     "Merci pour votre réponse, c'est dommage mais je comprends. Vous pouvez garder mon CV."),
    # « ne … que » before an infinitive restricts, it does not negate.
    ("relance", "interet_reitere", True,
     "Merci encore pour la visite de l'entrepôt. Cette journée n'a fait que confirmer mon intérêt pour le "
     "poste."),
    # Interest told by what it stirs.
    ("appel_manque", "interet_reitere", True,
     "Désolée d'avoir manqué votre appel ce matin. Votre proposition a vraiment éveillé ma curiosité ; je suis "
     "joignable demain dès 9 h."),
    # Waiting for the answer about what follows is asking about the next steps.
    ("relance", "prochaines_etapes", True,
     "Merci encore pour notre entretien du 3 mars. J'attends votre retour sur la suite donnée à ma candidature."),
    # A verbless negative phrase set off by a comma does not negate the clause after it.
    ("appel_manque", "proposition_report", True,
     "Je n'ai pas pu décrocher à 11 h, toutes mes excuses. Pas de souci de mon côté, on peut tout à fait "
     "trouver un autre moment."),
    # A negated comparison asked as a question suggests the new date, it does not rule it out.
    ("report", "proposition_report", True,
     "Avec la grève annoncée, je me demande s'il ne serait pas plus sage de décaler notre rendez-vous. "
     "Je vous prie de m'excuser pour ce changement."),
    # A neutral reason measured against the writer's own expectations is the advised one, not a reproach.
    ("refus_offre", "sans_critique", True,
     "Merci pour votre proposition. La rémunération proposée ne correspond pas à mes attentes, je dois donc "
     "la décliner."),
    # Unsolicited advice, being put off, a failing tool: remarks on the recipient's side.
    ("declinaison", "sans_critique", False,
     "Je retire ma candidature. Vos bureaux mériteraient franchement d'être rénovés."),
    ("declinaison", "sans_critique", False, "Je ne donnerai pas suite : l'accueil m'a franchement refroidie."),
    ("relance", "sans_critique", False,
     "Merci encore pour l'entretien. Votre formulaire en ligne plante à chaque envoi de pièce jointe."),
    # The writer's own lateness is no remark, and does not turn the thanks into irony.
    ("relance", "sans_critique", True,
     "Merci de m'avoir reçue hier malgré mes dix minutes de retard ; le poste me plaît beaucoup."),
    ("relance", "remerciement", True,
     "Merci de m'avoir reçue hier malgré mes dix minutes de retard ; le poste me plaît beaucoup."),
    # Asking whether the file has been read, or the date of the decision, is asking about what comes next.
    ("relance", "prochaines_etapes", True,
     "Merci encore pour notre échange du 4. Je me demandais si vous aviez pu examiner mon dossier."),
    ("relance", "prochaines_etapes", True,
     "Merci pour l'entretien de la semaine dernière. Pourriez-vous m'indiquer le jour auquel vous comptez "
     "trancher ?"),
    # What is judged is the writer's own (subject of a passive or copula judgment).
    ("reponse_refus", "sans_critique", True,
     "Merci pour votre réponse. Je me demande si mon niveau en comptabilité analytique a été jugé trop faible "
     "pour votre équipe ; un mot à ce sujet m'aiderait."),
    # A negative noun that is the object of an activity is job vocabulary.
    ("reponse_refus", "sans_critique", True,
     "Merci de votre retour. J'ai sans doute trop parlé du suivi des plaintes des usagers et de la prévention des "
     "litiges, au détriment du management."),
    # « faire attendre » is a reproach only when someone else does it.
    ("relance", "sans_critique", True,
     "Merci encore pour l'entretien de mardi. Désolée de vous faire patienter pour les justificatifs, je "
     "vous les envoie lundi."),
    ("relance", "sans_critique", False,
     "Votre standard m'a fait attendre vingt minutes avant de raccrocher. J'attends toujours votre rappel."),
    # A charitable explanation of the recipient's absence, unless a contrast turns it into a reproach.
    ("appel_manque", "sans_critique", True,
     "J'étais bien devant mon ordinateur à 15 h mais personne ne s'est connecté. Sans doute un empêchement "
     "de dernière minute, ça arrive. Je suis libre jeudi ou vendredi matin."),
    ("appel_manque", "sans_critique", False,
     "Personne ne s'est connecté à 15 h. Sans doute un empêchement, même si c'est déjà la deuxième fois "
     "que cela se produit. Je suis libre jeudi."),
    # « toujours pas »: what still has not come is the recipient's answer, not the writer's own lack.
    ("refus_offre", "sans_critique", True,
     "Merci pour votre proposition. Je dois la refuser : je n'ai toujours pas mon diplôme d'État et je ne "
     "pourrai pas exercer avant l'automne. Je vous prie de m'en excuser."),
    ("relance", "sans_critique", False,
     "Je reviens vers vous après notre entretien du 12. Trois semaines plus tard, je suis toujours sans "
     "nouvelles de votre part."),
    # What the recruiter thought « chez moi » is about the writer.
    ("reponse_refus", "sans_critique", True,
     "Merci d'avoir pris le temps de m'expliquer ce qui vous a freiné et ce qui vous a gêné chez moi."),
    # A tool of the recipient's that failed the writer.
    ("annulation", "sans_critique", False,
     "Je dois annuler l'entretien de mardi, je vous prie de m'en excuser. Au passage, votre portail "
     "a perdu mes pièces jointes deux fois."),
    # Decisions said without the usual verbs.
    ("annulation", "decision_claire", True,
     "Bonjour, je ne serai pas au rendez-vous de jeudi 14 h, ma mère est hospitalisée. Désolée."),
    ("refus_offre", "decision_claire", True,
     "Merci pour votre offre. Après réflexion, j'ai choisi de rester dans mon entreprise actuelle, qui "
     "m'a proposé un nouveau poste."),
    ("declinaison", "decision_claire", True,
     "Je viens d'accepter une offre dans un autre cabinet, je libère donc le créneau de lundi. Merci."),
    ("refus_offre", "decision_claire", True,
     "Merci pour votre offre. Je ne rejoindrai pas votre équipe en janvier : mon conjoint est muté à Lille."),
    # « Je suis au regret de ne pas pouvoir… »: the infinitive completes a noun whose copula has the writer
    # as subject.
    ("declinaison", "decision_claire", True,
     "Merci pour votre invitation. Je suis au regret de ne pas pouvoir y donner une suite favorable."),
    # « la décision » that something makes hard is no decision: the hedged refusal stays hedged.
    ("refus_offre", "decision_claire", False,
     "Merci pour votre offre. Je crois que je vais devoir la refuser, c'est ce qui rend la décision si difficile."),
    # A slot that « ne tiendra pas » is cancelled.
    ("report", "decision_claire", True,
     "Merci pour l'invitation. Mardi 9 h ne tiendra pas de mon côté ; jeudi après-midi vous irait-il ?"),
    # « créneau » is both a proposal word and a time: it does not meet itself.
    ("annulation", "proposition_report", False,
     "Je dois annuler l'entretien de jeudi, je vous prie de m'en excuser. Je préfère vous prévenir tôt plutôt "
     "que de laisser votre créneau vide."),
    # Being reachable on a given day offers a new slot (seed 002).
    ("appel_manque", "proposition_report", True,
     "Désolé d'avoir manqué votre appel ce matin. Je suis joignable demain après-midi de 14 h à 17 h."),
    # Others who « se désisteront » are no decision of the writer's.
    ("declinaison", "decision_claire", False,
     "Je crois que je vais renoncer. Préciser les horaires dans l'annonce éviterait des candidats qui se "
     "désisteront ensuite."),
    # Thanks for something put between quotation marks: the writer's distance, irony.
    ("refus_offre", "remerciement", False,
     "Merci pour cette proposition « très motivante », comme disait votre chargée de recrutement. Je la refuse."),
    # « en reparler » later leaves the door open.
    ("declinaison", "porte_ouverte", True,
     "Je me retire du processus pour le moment. Si ma situation change, j'espère que nous pourrons en reparler."),
    # A slot given with « revenir » is a slot; only a deadline for the writer's own answer is not.
    ("report", "proposition_report", True,
     "Je dois décaler l'entretien, désolée. Je reviendrai mardi à 10 h si cela vous convient."),
    # A job title between quotation marks is no irony.
    ("refus_offre", "remerciement", True,
     "Merci pour votre proposition pour le poste « Chargé de communication ». Je la décline, désolé."),
    ("annulation", "decision_claire", True,
     "Je suis au regret de ne pas pouvoir venir à l'entretien de jeudi. Je vous prie de m'en excuser."),
    # An obligation put to the recipient asks too (« faut me dire où on en est »).
    ("relance", "prochaines_etapes", True,
     "Deux semaines depuis l'entretien du 3 pour le poste de vendeur. Il faut me dire où en est le "
     "recrutement, j'ai une autre piste."),
]


def test_praise_of_the_recipient_is_not_a_likely_reproach():
    """Every sentence made a « likely » reproach (threshold 0): one that praises the recipient, even by
    contrast with others (« peu de recruteurs prennent la peine »), is not reported; the others are."""
    body = ("Je ne donnerai pas suite à votre offre. Rares sont les employeurs qui prennent le temps de "
            "rappeler un candidat. Votre annonce parlait d'un poste à pourvoir en mars.")
    # (The second opinion's doubt set aside: what is tested here is the praise, not its reading.)
    flagged = _flagged(HELLO + body + BYE, "refus_offre", {"critique_certaine": 1.1, "critique_probable": 0.0,
                                                         "second_avis_doute": 0.0})
    assert not any("Rares sont" in t for t in flagged), flagged
    assert any("Votre annonce" in t for t in flagged), flagged


def test_a_likely_reproach_naming_only_the_writers_side_is_not_reported():
    """Every sentence made a « likely » reproach (threshold 0): those that name the writer's side and
    nothing of the recipient's are not reported; one naming the recipient's side is."""
    body = ("Je dois annuler notre rendez-vous de lundi. Mon père a fait une chute dans l'escalier et mes frères "
            "vivent à l'étranger. Votre annonce parlait d'un poste à pourvoir en mars.")
    flagged = _flagged(HELLO + body + BYE, "annulation", {"critique_certaine": 1.1, "critique_probable": 0.0,
                                                        "second_avis_doute": 0.0})
    assert not any("Mon père" in t for t in flagged), flagged
    assert any("Votre annonce" in t for t in flagged), flagged


def test_a_certain_reading_of_the_writers_story_is_not_reported():
    """Every sentence made a « certain » reproach that the second opinion confirms (thresholds 0): in a paragraph the
    writer opens on their own side, a sentence naming nothing of the recipient's goes on with the story; a sentence
    naming the recipient's side in another paragraph is reported."""
    body = ("Merci pour votre invitation.\n\nMon mari attend depuis mai la réponse de son administration à sa demande "
            "de mutation. Nous pensions l'avoir en septembre, puis en octobre, et on nous parle maintenant du printemps.\n\n"
            "Votre annonce parlait d'un poste à pourvoir en mars.")
    flagged = _flagged(HELLO + body + BYE, "declinaison", {"critique_certaine": 0.0, "critique_probable": 0.0,
                                                         "second_avis_doute": 0.0, "second_avis_rejet": 0.0,
                                                         "second_avis_rejet_nomme": 0.0})
    assert not any("Nous pensions" in t for t in flagged), flagged
    assert any("Votre annonce" in t for t in flagged), flagged


def test_an_act_judged_before_it_and_a_doubted_step_are_remarks_without_the_layer():
    """The sentence layer off (thresholds above 1): « c'est pas sérieux de laisser les gens sans réponse » judges
    an act of the recipient's put after the judgment; « Est-il vraiment nécessaire de passer par un questionnaire
    de 90 questions… ? » doubts a step of their process, named by a target of their side. Not « il serait plus
    simple de reporter de mon côté », nor a practical question on the writer's own papers."""
    off = {"critique_certaine": 1.1, "critique_probable": 1.1, "critique_marquee": 1.1}
    body = ("Quatrième message depuis l'entretien et toujours rien. C'est vraiment pas sérieux de laisser les gens "
            "comme ça sans réponse. Est-il vraiment nécessaire de passer par un questionnaire de 90 questions pour "
            "un remplacement de trois semaines ?")
    flagged = _flagged(HELLO + body + BYE, "relance", off)
    assert any("pas sérieux" in t for t in flagged), flagged
    assert any("questionnaire" in t for t in flagged), flagged
    body = ("Je confirme ma venue jeudi. Faut-il vraiment apporter l'original de mon diplôme ? Il serait peut-être "
            "plus simple de décaler d'une heure, de mon côté.")
    assert not _flagged(HELLO + body + BYE, "autre", off)
    # An infinitive that completes a verb before it is no act put first as a topic.
    body = ("Ma voiture est tombée en panne ce matin. Ensuite il a fallu rappeler le garage, ce qui a été franchement "
            "pénible. Je dois donc annuler notre rendez-vous.")
    assert not _flagged(HELLO + body + BYE, "annulation", off)


@pytest.mark.parametrize("mtype,cid,met,body", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_phenomenon(checker, mtype, cid, met, body):
    assert criterion(checker(HELLO + body + BYE, mtype), cid).met is met


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


@pytest.mark.parametrize("mtype,rule,fired,body", [
    # The call that never came (« sans appel ni message ») is the recruiter's: no apology is due, and the
    # rewrite must not put one in the writer's mouth.
    ("appel_manque", "excuses", False,
     "Nous avions rendez-vous à 9 h 30. J'ai gardé mon téléphone près de moi jusqu'à 10 h 15, sans appel ni "
     "message. Je reste disponible vendredi matin pour reprogrammer."),
    # Counting one's own follow-ups is pushy; counting the recruiter's changes is a remark, not pushiness.
    ("relance", "insistance", True,
     "Bonjour, c'est la quatrième fois que je vous écris au sujet du poste de vendeur. Où en êtes-vous ?"),
    ("report", "insistance", False,
     "C'est la deuxième fois que notre rendez-vous change d'heure. Pourrions-nous le fixer à mardi 10 h ?"),
    ("relance", "insistance", True,
     "Sans nouvelles de votre part avant mercredi, je considérerai que le poste est pourvu."),
    # The answer the writer will give is no deadline set to the recruiter.
    ("declinaison", "insistance", False,
     "Je vous remercie pour l'invitation. Je pourrai vous apporter une réponse ferme d'ici jeudi."),
    # Saying one called twice when the call did not happen is what seed 002 advises.
    ("appel_manque", "insistance", False,
     "Je vous ai appelée deux fois à 10 h sans réussir à vous joindre. Je reste disponible cet après-midi."),
    # « genre » is familiar as a filler, not as a noun with its determiner.
    ("report", "registre_familier", False,
     "Ce genre de contretemps arrive rarement, mais je dois décaler notre entretien de mardi à jeudi."),
    ("report", "registre_familier", True,
     "J'ai genre trois rendez-vous mardi, on peut décaler l'entretien à jeudi ?"),
    # What the writer hopes for is no deadline (seed 002's template: « j'espère avoir de vos nouvelles d'ici là »).
    ("relance", "insistance", False,
     "Merci encore pour l'entretien de mardi. J'espère avoir de vos nouvelles d'ici la fin du mois."),
    ("relance", "insistance", True,
     "J'attends de vos nouvelles d'ici la fin du mois, faute de quoi je chercherai ailleurs."),
    # A hoped-for deadline followed by a threat, or the count of one's follow-ups, stays pushy.
    ("relance", "insistance", True,
     "J'espère recevoir une réponse d'ici vendredi, faute de quoi je considérerai ma candidature rejetée."),
    ("relance", "insistance", True, "J'espère que c'est la dernière fois que je dois vous relancer."),
    # A condition told in the past (the writer's story) is no threat to the recipient.
    ("report", "insistance", False,
     "Je dois décaler l'entretien : notre bailleur a exigé l'état des lieux jeudi, faute de quoi nous perdions "
     "l'appartement."),
    # The recipient's failure counted (a no-show again) is pushy; a moment told in passing, the writer's own
    # request counted, or the count excused in the same sentence is not.
    ("appel_manque", "insistance", True,
     "J'ai attendu votre appel hier de 14 h à 15 h. C'est la deuxième fois que cela se produit."),
    ("appel_manque", "insistance", True,
     "Pour la deuxième fois, la visio prévue n'a pas eu lieu. Je peux me libérer jeudi."),
    ("report", "insistance", False,
     "C'est la deuxième fois que je dois vous demander de décaler, j'en suis sincèrement désolée."),
    ("refus_offre", "insistance", False,
     "Lors de ma visite, la deuxième fois, j'ai rencontré toute l'équipe. Je dois pourtant refuser votre offre."),
    ("relance", "insistance", False,
     "Merci pour notre échange de mardi. C'est la deuxième fois que nous nous rencontrons, et j'en suis ravie."),
    ("report", "insistance", False,
     "Je serai ravie de revenir dans vos locaux jeudi à 10 h, ce sera la deuxième fois !"),
    ("appel_manque", "insistance", True,
     "Je peux encore me libérer jeudi à 10 h. Après, j'arrêterai les frais."),
    ("appel_manque", "insistance", True,
     "Appelez-moi demain matin avant 10 h si le poste vous intéresse toujours. Sinon je passerai à autre chose."),
    # A gap in an expression does not run over a sentence end.
    ("refus_offre", "insistance", False,
     "Je vous écris aujourd'hui pour refuser votre offre. Plusieurs raisons personnelles m'y conduisent."),
])
def test_rule_phenomenon(checker, mtype, rule, fired, body):
    assert any(f.rule == rule for f in checker(HELLO + body + BYE, mtype).findings) is fired


def test_an_announced_remark_about_the_recipient_is_a_likely_reproach():
    """Below the likely reading (threshold 0 here), only a sentence where the writer announces a remark or
    irony (« j'avoue », « visiblement », « franchement, ») about the recipient's side is reported; not the
    manner of saying (« vous le dire franchement »), not the writer's own side, not « je vous avoue » alone."""
    body = ("Je dois décliner votre invitation. Visiblement, votre planning change toutes les semaines. "
            "Franchement, ma semaine est très chargée. Je préfère vous le dire franchement plutôt que d'hésiter. "
            "Je vous avoue que j'ai beaucoup réfléchi.")
    flagged = _marked(HELLO + body + BYE, "declinaison")
    assert any("Visiblement" in t for t in flagged), flagged
    assert not any("ma semaine" in t or "vous le dire" in t or "avoue" in t for t in flagged), flagged


@pytest.mark.parametrize("mtype,body,met", [
    # Other employers, quantified, are named to compare: not the recipient.
    ("declinaison", "Je décline votre invitation. Plusieurs recruteurs ont été désagréables avec moi cette année.", True),
    ("declinaison", "Je décline votre invitation. Vos recruteurs ont été désagréables avec moi.", False),
    # A remark inside the writer's own apology or hypothesis is about the writer.
    ("appel_manque", "Je suis vraiment navrée de vous avoir fait patienter pour rien hier à 10 h.", True),
    ("annulation", "Je préfère annuler dès maintenant, quitte à vous prévenir pour rien.", True),
    ("annulation", "Je suis désolé, mais je me suis déplacé pour rien la dernière fois.", False),
    # A sentence about the writer's own workplace (« mon chef ») and nothing of the recipient's: a bare
    # « bureau » there is the writer's.
    ("report", "Je dois décaler l'entretien : mon chef m'a confié une urgence et c'est le chaos au bureau.", True),
    ("report", "Je dois décaler l'entretien. Mon chef est malade, et c'est le chaos dans votre service.", False),
    # What is regretted in a clause of its own is the recipient's, not the writer's fault.
    ("declinaison", "Je décline votre invitation. Je regrette que votre processus ait été aussi désorganisé.", False),
    # Only a bare workplace noun is the writer's in a sentence about his own workplace.
    ("declinaison", "Je décline. Mon chef m'a appelé pendant l'entretien, et l'accueil à l'entrée était désagréable.", False),
    # « Pas d'inquiétude » (verbless): the noun hangs on « Pas » and is negated.
    ("declinaison", "Je me retire du processus. Pas d'inquiétude pour vos délais, je comprends tout à fait.", True),
    # A negative adjective on the object of an activity is job vocabulary (« créances douteuses »).
    ("refus_offre", "Nos échanges sur le suivi des créances douteuses m'ont plu, mais je décline votre offre.", True),
    # « la visite de la réserve »: the place visited, not a reservation.
    ("relance", "Merci pour l'entretien. La visite de la réserve du musée m'a beaucoup plu.", True),
    # What the writer fears to seem, under a negated « vouloir » of his own, is about the writer.
    ("annulation", "Je dois annuler jeudi, et je ne voudrais pas que vous y voyiez de la désinvolture.", True),
    ("annulation", "Je dois annuler jeudi. Je voudrais que votre recruteur soit moins désinvolte.", False),
    # « le service des créances douteuses »: a department's name is job vocabulary.
    ("refus_offre", "Je décline votre offre pour le pôle des créances douteuses, pour raisons familiales.", True),
    # An outcome measured for the writer (« pour moi ») is the neutral reason the seeds advise.
    ("reponse_refus", "Merci pour votre réponse, même si elle n'est pas bonne pour moi.", True),
    # The writer's own apology, or what he would make the recipient do, is about the writer.
    ("refus_offre", "Pardon de vous faire patienter. Je décline votre offre.", True),
    ("annulation", "Je préfère annuler plutôt que de vous faire attendre pour rien.", True),
    # What was lost is the writer's papers (« perdu mon dossier »), not his composure.
    ("reponse_refus", "J'ai eu le sentiment de perdre mes moyens à l'oral. Merci pour votre retour.", True),
    ("reponse_refus", "Votre service a égaré mon dossier deux fois.", False),
    # So many steps doubted for what the recipient does (« recruter »), the question opened by an adverb and a comma;
    # not the writer's own practical doubt.
    ("declinaison", "Vous me proposez un cinquième entretien. Sincèrement, faut-il vraiment cinq rendez-vous pour "
     "recruter quelqu'un qui tiendra un comptoir de nuit ?", False),
    ("autre", "Je confirme ma venue jeudi. Faut-il vraiment deux copies de mon diplôme pour m'inscrire ?", True),
    # A rhetorical question answers itself, whatever it praises to make its point (« sans le moindre souci »).
    ("annulation", "J'annule ma venue au second entretien. Était-il vraiment indispensable de faire venir les "
     "candidats sur place pour vingt minutes, quand le premier tour s'est tenu en visio sans le moindre souci ?", False),
    # What the writer, its subject, did badly (« mal » and a participle) is their own conduct.
    ("relance", "Merci pour l'entretien. Je me suis aperçu en rentrant que j'avais mal prononcé le nom de votre "
     "directrice pendant tout l'entretien.", True),
])
def test_lexical_phenomenon_without_the_sentence_layer(mtype, body, met):
    """Lexicon and parse alone (the sentence layer switched off): who and what the judgment is about."""
    r = _checked(HELLO + body + BYE, mtype, {"critique_certaine": 1.1, "critique_probable": 1.1, "critique_marquee": 1.1})
    assert criterion(r, "sans_critique").met is met, [r.text[f.start:f.end] for f in r.findings]


def test_a_one_line_message_opening_on_the_greeting_is_read_by_the_sentence_layer():
    """« Bonjour Mme Carré, merci…, mais… » on one line: the layer's unit starts in the greeting, yet the
    candidate's words in it are read (they were skipped as not the candidate's own)."""
    text = ("Bonjour Mme Carré, merci pour l'invitation, mais je passe mon tour : un autre journal paie bien "
            "mieux que chez vous. Hugo")
    flagged = _flagged(text, "declinaison", {"critique_certaine": 1.1, "critique_probable": 0.0})
    assert any("autre journal" in t for t in flagged), flagged


def test_praise_of_another_employer_set_against_the_recipient_is_no_praise_of_the_recipient():
    """« Le cabinet Durand, lui, a pris la peine de me rappeler »: the praise goes to another employer, set
    against the recipient; the likely reading (threshold 0 here) is reported, unlike praise of the recipient."""
    body = ("Je prends acte de votre refus. Le cabinet Durand, lui, a pris la peine de me rappeler pour "
            "m'expliquer sa décision. Peu de recruteurs prennent la peine de rappeler un candidat.")
    flagged = _flagged(HELLO + body + BYE, "reponse_refus", {"critique_certaine": 1.1, "critique_probable": 0.0})
    assert any("lui, a pris la peine" in t for t in flagged), flagged
    assert not any("Peu de recruteurs" in t for t in flagged), flagged


def test_the_recipient_as_the_standard_of_a_comparison_is_an_announced_remark():
    """« mieux organisé que ce que j'ai vu chez vous »: another does better than the recipient, a remark
    announced like « visiblement » (likely reading at threshold 0.3 here); not a cleft (« c'est pour un
    entrepôt plus moderne que j'avais postulé chez vous »), not a comparison the recipient wins on a
    negative word (« plus compliqué que chez vous »)."""
    body = ("Je décline votre offre. J'ai rejoint une clinique où le planning est bien mieux tenu que ce que "
            "j'ai constaté chez vous. C'est pour un entrepôt plus moderne que j'avais postulé chez vous. "
            "Le trajet jusqu'à Lyon serait plus compliqué que chez vous.")
    flagged = _marked(HELLO + body + BYE, "refus_offre")
    assert any("mieux tenu" in t for t in flagged), flagged
    assert not any("entrepôt" in t or "trajet" in t for t in flagged), flagged


def test_a_unit_of_a_few_words_is_not_read_as_a_reproach_by_the_layer_alone():
    """« Ah mince. » or « Bien reçu. »: too short for the sentence layer (threshold 0 here) to make a reproach
    of it; a longer sentence is still read."""
    body = "Ah mince. Bien reçu. Votre processus a duré quatre mois pour une réponse de deux lignes."
    flagged = _flagged(HELLO + body + BYE, "reponse_refus", {"critique_certaine": 1.1, "critique_probable": 0.0})
    assert not any("mince" in t or "reçu" in t for t in flagged), flagged
    assert any("quatre mois" in t for t in flagged), flagged


def test_the_writers_object_through_an_infinitive_is_not_the_recipients():
    """« j'ai passé la nuit à retourner la question » : « la question » is what the writer turns over,
    so « j'avoue » announces nothing about the recipient (threshold 0 here)."""
    body = "Je vous avoue que j'ai passé la nuit à retourner la question. Je décline votre offre."
    flagged = _marked(HELLO + body + BYE, "refus_offre")
    assert not any("question" in t for t in flagged), flagged


def _criterion_cases() -> list:
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "phenomenes-criteres.yaml").read_text(encoding="utf-8"))
    # « regression: … » : a case the shipped models no longer read as written, kept visible (strict xfail: the
    # test fails as soon as it passes again, so that the note goes).
    keys = {"pourquoi", "type", "critere", "texte", "respecte", "regression"}
    unknown = [(i, sorted(set(c) - keys)) for i, c in enumerate(data) if set(c) - keys]
    assert not unknown, f"phenomenes-criteres.yaml : clés inconnues {unknown}"
    return [pytest.param(c["type"], c["critere"], c["texte"], c["respecte"],
                         marks=[pytest.mark.xfail(strict=True, reason=c["regression"])] if c.get("regression") else [])
            for c in data]


@pytest.mark.parametrize("mtype,rule,body,met", _criterion_cases())
def test_point_phenomenon(checker, mtype, rule, body, met):
    """Each case of tests/phenomenes-criteres.yaml: one phenomenon, in new wording."""
    assert criterion(checker(HELLO + body + BYE, mtype), rule).met is met


def test_a_postscript_and_hearsay_announce_a_remark():
    """« P.S. : votre standard ne répond jamais » and « un ancien salarié m'a raconté que… »: a remark slipped in
    after the signature, or told by someone else, is announced like « visiblement » (threshold 0.3 here);
    a P.S. that only sends a document, and what the writer himself explained, are not."""
    body = ("Je dois annuler l'entretien de mardi, toutes mes excuses. Une ancienne collègue m'a raconté que "
            "vos équipes changent de planning chaque semaine. Plusieurs intérimaires passés par votre agence m'ont "
            "parlé de salaires versés avec deux mois de retard.\n\nCordialement,\nNadia\n\n"
            "P.S. : votre standard téléphonique ne répond jamais, j'ai essayé cinq fois.")
    flagged = _marked(HELLO + body, "annulation", 0.3)
    assert any("standard" in t for t in flagged), flagged
    assert any("raconté" in t for t in flagged), flagged
    assert any("m'ont parlé" in t for t in flagged), flagged
    body = ("Je dois annuler l'entretien de mardi, toutes mes excuses. Je vous ai expliqué que mon fils est "
            "malade.\n\nCordialement,\nNadia\n\nP.S. : je joins mon attestation de formation.")
    flagged = _marked(HELLO + body, "annulation", 0.3)
    assert not flagged, flagged


@pytest.mark.parametrize("body,fired", [
    # One's own follow-ups counted, a threat, the silence reproached: pushy.
    ("Malgré mes trois messages, je n'ai reçu aucune réponse. Où en est le processus ?", True),
    ("Quatre mails, aucune réponse. Pouvez-vous me dire où vous en êtes ?", True),
    ("Je vous écris pour la deuxième fois au sujet du poste de comptable. Où en êtes-vous ?", True),
    ("Faute d'un retour, j'en tirerai mes propres conclusions.", True),
    ("Un petit signe de vie serait apprécié. Où en est ma candidature ?", True),
    # A consequence the writer will draw if nobody answers is an ultimatum, whichever clause the parser
    # hangs on the other; a condition that demands nothing is not.
    ("Si personne ne me rappelle avant lundi, j'estimerai que ma candidature n'intéresse plus personne.", True),
    ("Faute de retour de votre part cette semaine, je retirerai ma candidature.", True),
    ("Si le poste a déjà été pourvu, je retirerai simplement ma candidature.", False),
    ("Si vous ne pouvez pas me recevoir jeudi, je considérerai volontiers une autre date.", False),
    # The writer's own follow-ups counted; not the recruiter's automatic reminders.
    ("Après quatre relances de ma part, je me permets de vous écrire une dernière fois.", True),
    ("Votre plateforme m'a envoyé trois relances automatiques pour compléter mon dossier. Où en est-il ?", False),
    # The recruiter's actions counted are not the writer's insistence.
    ("J'ai vu que l'annonce a été republiée pour la troisième fois. Où en est ma candidature ?", False),
    ("Merci encore pour l'entretien de mardi. Pourriez-vous me dire où en est le processus ?", False),
    # Ninth session: the previous follow-up recalled, the silence that lasts, an ultimatum in the present after
    # « si »; not one's own answer promised by a date, nor a « si » that demands nothing.
    ("Un mois plus tard, rien, malgré mon message du 3. Où en est le recrutement ?", True),
    ("Je vous ai relancée le 12 et je n'ai toujours aucune nouvelle. Où en êtes-vous ?", True),
    ("Si je n'ai pas de réponse d'ici jeudi, je considère que le poste est pourvu.", True),
    ("Si le poste est pourvu, je considère la chose comme close, sans rancune.", False),
    ("Je vous donne ma réponse définitive d'ici lundi, si cela vous convient.", False),
])
def test_insistence_phenomenon(checker, body, fired):
    assert any(f.rule == "insistance" for f in checker(HELLO + body + BYE, "relance").findings) is fired


def test_what_the_writer_enjoyed_doing_is_praise_not_a_reproach():
    """« J'ai beaucoup apprécié de découvrir… » : what the writer enjoyed doing at the recipient's (critique.eloge) is
    praise, which no likely reading (threshold 0 here) makes a reproach; « j'aurais apprécié d'être prévenu », the
    conditional, still is one."""
    body = ("Merci pour l'entretien d'hier. J'ai beaucoup apprécié de découvrir l'organisation des tournées de "
            "collecte. J'aurais apprécié d'être prévenu du changement de salle, un simple message aurait suffi.")
    flagged = _flagged(HELLO + body + BYE, "relance", {"critique_certaine": 1.1, "critique_probable": 0.0})
    assert not any("découvrir" in t for t in flagged), flagged
    assert any("prévenu" in t for t in flagged), flagged


# The layer's readings forced (thresholds at or near 0): what the writer's own account says stays clear, what someone
# does to the writer, or a sentence with a mark of a remark, stays flagged. (type, thresholds, body, clear, flagged)
_LOW = {"critique_certaine": 1.1, "critique_probable": 0.0, "second_avis_doute": 0.0, "critique_accord": 1.1,
        "accord_moyen": 1.1}
_ZERO = {"critique_certaine": 0.0, "critique_probable": 0.0, "second_avis_doute": 0.0, "second_avis_rejet": 0.0,
         "second_avis_rejet_nomme": 0.0}
OWN_ACCOUNTS = [
    # « on », « nous » subject of every main clause, nobody acting on the writer: what the writer's team did.
    ("relance", _LOW, "Vous m'aviez interrogée sur la réduction des pertes. En un an on est passé de 12 % à 3 %, et on "
     "a évité deux arrêts de ligne qui auraient coûté très cher. On m'avait promis une réponse sous huit jours, on en "
     "est à vingt et un.", "on a évité", "on en est"),
    # The paragraph opened on what happened to the writer (« je » subject of a past verb) goes on with the story.
    ("appel_manque", _ZERO, "Je suis désolé d'avoir manqué votre appel d'hier.\n\nHier, j'étais d'astreinte à la "
     "station d'épuration où je travaille. La panne a duré près de quatre heures, puis il a fallu gérer le débordement "
     "du bassin.\n\nJe suis disponible demain matin.", "La panne", None),
    # Someone acting on the writer is no longer their own story.
    ("annulation", _ZERO, "Je dois annuler.\n\nHier, je suis venu à l'heure pour la visite. Personne ne m'a accueilli "
     "pendant une heure.\n\nCordialement.", None, "Personne ne m'a"),
    # Nor is a sentence with a mark of a remark (« J'imagine que, pour une entreprise qui… »).
    ("appel_manque", _ZERO, "J'étais connecté sur le lien à 14 h comme convenu, et j'y suis resté quarante minutes. "
     "J'imagine que, pour une entreprise qui fait de la réactivité sa marque de fabrique, il s'agit d'un simple "
     "contretemps.\n\nJe reste disponible jeudi.", None, "J'imagine"),
]


@pytest.mark.parametrize("mtype,gestes,body,clear,flagged", OWN_ACCOUNTS, ids=[f"recit-{i}" for i in range(len(OWN_ACCOUNTS))])
def test_the_writers_own_account_is_no_remark_however_the_layer_reads_it(mtype, gestes, body, clear, flagged):
    got = _flagged(HELLO + body + BYE, mtype, gestes)
    if clear is not None:
        assert not any(clear in t for t in got), got
    if flagged is not None:
        assert any(flagged in t for t in got), got
