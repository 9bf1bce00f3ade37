"""Deciding the message type from the cues of lexicons/expressions/types.yaml.

Order matters and is the documented policy:
1. an offer made to the candidate, refused (even hesitantly)  -> refus_offre
2. the candidate's application was turned down                -> reponse_refus
3. a phone / video interview that did not take place           -> appel_manque
   a request for news after the interview, with no absence, cancellation or move -> relance
4. a withdrawal or a refusal of the interview / process        -> declinaison
   (including "j'annule car j'ai accepté un autre poste")
5. an explicit cancellation                                     -> annulation
6. a request to move the interview, or "I cannot come" with a new date offered -> report
7. "I cannot come" without a new date                           -> annulation
8. a word after the interview: thanks for it, or news asked     -> relance
9. thanks for a reply, disappointment (weak signs of a rejection) -> reponse_refus
10. otherwise                                                   -> autre
"""
from __future__ import annotations

from .analysis import Analysis, Match


def _cues(a: Analysis, name: str) -> list[Match]:
    subject = a.structure.subject
    return [
        m for m in a.matches
        if m.expr.group == f"types.{name}" and m.valid
        and (m.own or (subject is not None and subject[0] <= m.start < subject[1]))
    ]


def _offer_to_candidate(a: Analysis) -> list[Match]:
    """"votre offre", not "votre proposition d'entretien"."""
    interview = {"entretien", "entrevue", "rendez-vous", "rencontre", "échange", "appel", "visio", "rdv"}
    out = []
    for m in _cues(a, "offre_destinataire"):
        around = list(a.doc[max(0, m.span.start - 4) : m.span.start]) + list(a.doc[m.span.end : m.span.end + 3])
        if any(t.lemma_.lower() in interview for t in around):
            continue
        # "la proposition d'un autre groupe" is the offer the candidate took elsewhere.
        if any(t.lemma_.lower() in ("autre", "ailleurs") for t in m.span.root.subtree):
            continue
        out.append(m)
    return out


def _elsewhere(m: Match) -> bool:
    """"J'accepte votre offre" accepts this offer: it is no sign of a job found elsewhere."""
    if not m.expr.motif.startswith("accepter"):
        return True
    return not any(t.lower_ in ("votre", "vos", "cette") for t in m.span.root.subtree)


def detect(a: Analysis, proposes_date: bool = False) -> str:
    offer = _offer_to_candidate(a)
    # "Faute de réponse, je retirerai ma candidature" is an ultimatum in a follow-up, not a withdrawal.
    pushy = {m.span.sent.start for m in a.group("insistance.expressions")}
    refusal = [m for m in _cues(a, "refus") if m.span.sent.start not in pushy]
    withdrawal = [m for m in _cues(a, "retrait") if _elsewhere(m) and m.span.sent.start not in pushy]
    if offer and (refusal or withdrawal):
        return "refus_offre"
    if _cues(a, "refus_recu"):
        return "reponse_refus"
    if _cues(a, "appel_manque") or _cues(a, "appel_recruteur"):
        return "appel_manque"
    absence = _cues(a, "absence")
    cancel = _cues(a, "annulation")
    move = _cues(a, "deplacement")
    # Asking for news after the interview ("où en est le processus", "toujours sans réponse") is a
    # follow-up, even when it tells what the candidate turned down meanwhile or threatens to withdraw.
    if _cues(a, "relance_forte") and not (absence or cancel or move):
        return "relance"
    if withdrawal or refusal:
        return "declinaison"
    if cancel:
        return "annulation"
    if move or (absence and proposes_date):
        return "report"
    if absence:
        return "annulation"
    if _cues(a, "relance"):
        return "relance"
    if _cues(a, "refus_recu_faible"):
        return "reponse_refus"
    return "autre"
