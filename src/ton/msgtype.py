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

These rules give the evidence; the decision is then taken by a small statistical model
(src/ton/modeles/type/, trained by scripts/entrainer_type.py on the tuned batches of corpus/):
a multinomial logistic regression over the rules' answer, the cues found, the sentence layer's
strongest moves and the lemmas of the candidate's own text. Writers phrase the same intention in
ways no cue list foresees (« je vais passer mon tour », « l'issue de ma candidature »); the
lemmas and the moves carry what the cues miss, the rules' answer anchors the rest.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from .analysis import Analysis, Match

MODEL_FILE = Path(__file__).resolve().parent / "modeles" / "type" / "modele.json"
CUE_GROUPS = ("offre_destinataire", "acceptation", "refus", "retrait", "annulation", "absence", "deplacement", "appel_manque",
              "appel_recruteur", "refus_recu", "refus_recu_faible", "relance", "relance_suivi", "relance_forte")
# The word lists of lexicons/mots.yaml read here (checked at load by rules.validate).
WORD_LISTS = ("type.mots_outils_gardes", "type.rendez_vous", "type.ailleurs", "type.acceptation",
              "type.offre_destinataire")


def _cues(a: Analysis, name: str) -> list[Match]:
    subject = a.structure.subject
    # The analysis' index by group, not a scan of every match (called for each cue group, twice per message).
    return [
        m for m in a.group(f"types.{name}", own=False)
        if m.own or (subject is not None and subject[0] <= m.start < subject[1])
    ]


def _offer_to_candidate(a: Analysis) -> list[Match]:
    """"votre offre", not "votre proposition d'entretien"."""
    interview, elsewhere = a.lexicon.words["type.rendez_vous"], a.lexicon.words["type.ailleurs"]
    out = []
    for m in _cues(a, "offre_destinataire"):
        around = list(a.doc[max(0, m.span.start - 4) : m.span.start]) + list(a.doc[m.span.end : m.span.end + 3])
        if any(t.lemma_.lower() in interview for t in around):
            continue
        # "la proposition d'un autre groupe" is the offer the candidate took elsewhere.
        if any(t.lemma_.lower() in elsewhere for t in m.span.root.subtree):
            continue
        out.append(m)
    return out


def _elsewhere(m: Match, a: Analysis) -> bool:
    """"J'accepte votre offre" accepts this offer: it is no sign of a job found elsewhere."""
    words = a.lexicon.words
    # The expression's first word (its first alternative), as the coach wrote it in types.yaml.
    if re.split(r"[|\s]", m.expr.motif, maxsplit=1)[0] not in words["type.acceptation"]:
        return True
    return not any(t.lower_ in words["type.offre_destinataire"] for t in m.span.root.subtree)


def by_rules(a: Analysis, proposes_date: bool = False) -> str:
    offer = _offer_to_candidate(a)
    # "Faute de réponse, je retirerai ma candidature" is an ultimatum in a follow-up, not a withdrawal.
    pushy = {m.span.sent.start for m in a.group("insistance.expressions")}
    refusal = [m for m in _cues(a, "refus") if m.span.sent.start not in pushy]
    withdrawal = [m for m in _cues(a, "retrait") if _elsewhere(m, a) and m.span.sent.start not in pushy]
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


def features(a: Analysis, proposes_date: bool = False) -> dict[str, float]:
    """What the type model reads (the same function at training and at use)."""
    st = a.structure
    f: dict[str, float] = {f"regle={by_rules(a, proposes_date)}": 1.0, "biais": 1.0}
    for g in CUE_GROUPS:
        n = len(_offer_to_candidate(a)) if g == "offre_destinataire" else len(_cues(a, g))
        if n:
            f[f"indice={g}"] = min(n, 2) / 2
    for s in a.scored("remerciement", 0.0):
        for label, v in s.scores.items():
            key = f"geste={label}"
            f[key] = max(f.get(key, 0.0), v)
    if proposes_date:
        f["propose_date"] = 1.0
    if st.quoted:
        f["citation"] = 1.0
    b0, b1 = st.body
    subject = st.subject
    kept = a.lexicon.words["type.mots_outils_gardes"]
    for t in a.doc:
        if not t.is_alpha:
            continue
        lemma = t.lemma_.lower()
        if t.is_stop and lemma not in kept:
            continue
        pos = t.idx
        if subject and subject[0] <= pos < subject[1]:
            f[f"objet={lemma}"] = 1.0
        elif b0 <= pos < b1 and not st.outside_body(pos):
            f[f"mot={lemma}"] = 1.0
    return f


@lru_cache(maxsize=1)
def _model() -> dict | None:
    try:
        return json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def probabilities(feats: dict[str, float]) -> dict[str, float] | None:
    model = _model()
    if model is None:
        return None
    types, weights = model["types"], model["poids"]
    z = [0.0] * len(types)
    for name, v in feats.items():
        w = weights.get(name)
        if w is not None:
            for i, wi in enumerate(w):
                z[i] += wi * v
    top = max(z)
    e = [math.exp(x - top) for x in z]
    total = sum(e)
    return {t: x / total for t, x in zip(types, e)}


def detect(a: Analysis, proposes_date: bool = False, feats: dict[str, float] | None = None) -> str:
    """The model's type when it is shipped, else the rules' (a checkout without the model still works)."""
    feats = feats if feats is not None else features(a, proposes_date)
    probs = probabilities(feats)
    if probs is None:
        return by_rules(a, proposes_date)
    # A message that accepts the recipient's offer, and that the rules find nothing else in, is none of the
    # seven: the model has almost no such message to learn from, and its words (« offre », « équipe ») are
    # those of refusals.
    if feats.get("regle=autre") and _cues(a, "acceptation"):
        return "autre"
    return max(probs, key=lambda t: (probs[t], t))
