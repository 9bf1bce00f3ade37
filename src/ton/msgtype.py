"""Deciding the message type from the cues of lexicons/expressions/types.yaml.

Order matters and is the documented policy:
1. an offer made to the candidate, refused (even hesitantly)  -> refus_offre
2. a withdrawal or a refusal of the interview / process        -> declinaison
   (including "j'annule car j'ai accepté un autre poste")
3. an explicit cancellation                                     -> annulation
4. a request to move the interview, or "I cannot come" with a new date offered -> report
5. "I cannot come" without a new date                           -> annulation
6. otherwise                                                    -> autre
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
    refusal = _cues(a, "refus")
    withdrawal = [m for m in _cues(a, "retrait") if _elsewhere(m)]
    if offer and (refusal or withdrawal):
        return "refus_offre"
    if withdrawal or refusal:
        return "declinaison"
    if _cues(a, "annulation"):
        return "annulation"
    absence = _cues(a, "absence")
    if _cues(a, "deplacement") or (absence and proposes_date):
        return "report"
    if absence:
        return "annulation"
    return "autre"
