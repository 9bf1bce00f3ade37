from bisect import bisect_left

from ..model import Severity
from .base import Context, Rule, Verdict, finding

ID = "concision"
# Lexicon files whose expressions make a sentence part of the checklist, not of the story.
_CHECKLIST_GROUPS = {"remerciement.expressions", "decision.expressions", "excuses.expressions", "report.expressions",
                     "report.demandes", "porte_ouverte.expressions", "critique.jugements",
                     "critique.directes", "courtoisie.expressions"}


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    conf = ctx.config.get("concision", {})
    max_words = int(conf.get("max_mots", 180))
    max_sentence = int(conf.get("max_mots_phrase", 45))
    max_just = int(conf.get("max_justification", 3))
    findings = []
    words = a.body_words
    b0, b1 = a.structure.body
    if len(words) > max_words:
        findings.append(finding(ID, Severity.AVERTISSEMENT,
                                f"Message trop long : {len(words)} mots (maximum conseillé : {max_words}). "
                                "Une brève raison suffit.", words[0].idx, words[-1].idx + len(words[-1])))
    # A sentence that carries none of the checklist's elements tells the story behind the message.
    checklist = [m for m in a.matches if m.own and m.valid and m.expr.group in _CHECKLIST_GROUPS]
    # Sentences holding a checklist match, found once (not one scan of the matches per sentence).
    starts = sorted(m.start for m in checklist)
    justification = []
    for sent in a.body_sentences:
        n = sum(1 for t in sent if not t.is_punct and not t.is_space and b0 <= t.idx < b1)
        if n > max_sentence:
            findings.append(finding(ID, Severity.AVERTISSEMENT,
                                    f"Phrase trop longue : {n} mots (maximum conseillé : {max_sentence}).",
                                    max(sent.start_char, b0), min(sent.end_char, b1)))
        k = bisect_left(starts, sent.start_char)
        if n >= 4 and not (k < len(starts) and starts[k] < sent.end_char):
            justification.append(sent)
    if len(justification) > max_just:
        findings.append(finding(ID, Severity.AVERTISSEMENT,
                                f"Justification personnelle trop longue ({len(justification)} phrases) : "
                                "vous n'êtes pas obligé d'entrer dans les détails.",
                                justification[0].start_char, justification[-1].end_char))
    if findings:
        return Verdict(False, [], findings, "Le message n'est pas assez concis.")
    return Verdict(True, [(b0, b1)] if b1 > b0 else [])


RULE = Rule(
    id=ID, kind="critere", title="Rester bref",
    explanation=(
        "Le message va droit au but. Par défaut : au plus 180 mots dans le corps du message (hors objet, salutation, "
        "formule finale, signature et citations), aucune phrase de plus de 45 mots, et au plus 3 phrases de "
        "justification personnelle, c'est-à-dire de phrases qui ne portent aucun des points de la liste (récit, détails "
        "de santé, de famille, de transport…). Ces seuils se règlent "
        "dans lexicons/reglages.yaml (section concision)."
    ),
    good="Bonjour,\nUn imprévu m'oblige à annuler notre entretien de jeudi. Veuillez m'en excuser.\nCordialement,\nLéa",
    bad=("Bonjour,\nJe dois annuler. Mon fils est malade depuis lundi. Ma mère ne peut pas le garder car elle travaille. "
         "Mon mari est en déplacement pour son travail. La crèche refuse les enfants malades. "
         "Ma voiture est aussi en panne depuis hier.\nCordialement,\nLéa"),
    severity=Severity.AVERTISSEMENT, check=check,
    label="concision", short="concision",
)
