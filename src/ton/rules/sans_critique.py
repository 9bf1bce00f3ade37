from spacy.tokens import Token

from ..model import Severity
from .base import Context, Rule, Verdict, finding, quote

ID = "sans_critique"
# A judgment and its target must sit in the same clause: these links leave it.
_CLAUSAL = {"xcomp", "ccomp", "advcl", "acl:relcl", "conj", "parataxis", "csubj"}


def _attached(judgment, target, max_dist: int = 3) -> bool:
    """Is the target within a few dependency links of the judgment, without leaving its clause?"""
    up: dict[int, int] = {}
    node: Token = judgment.span.root
    for d in range(max_dist + 1):
        up[node.i] = d
        # The judgment may be the predicate of "paraître / sembler / trouver" (xcomp): allow that one link.
        if node.head.i == node.i or (node.dep_ in _CLAUSAL and not (d == 0 and node.dep_ == "xcomp")):
            break
        node = node.head
    for t in target.span:
        node, d = t, 0
        while d <= max_dist:
            if node.i in up and up[node.i] + d <= max_dist:
                return True
            if node.head.i == node.i or node.dep_ in _CLAUSAL:
                break
            node, d = node.head, d + 1
    return False


def _demonstrative(judgment) -> bool:
    """"Trois entretiens plus un test, c'est excessif": "c'" stands for what came before in the sentence."""
    root = judgment.span.root
    doc = root.doc
    for node in (root, root.head):
        for c in node.children:
            if not c.dep_.startswith("nsubj"):
                continue
            if c.lower_ in ("c'", "c’", "ce", "ça", "cela"):
                return True
            if c.lower_ == "qui" and c.i > 0 and doc[c.i - 1].lower_ == "ce":  # "…, ce qui est regrettable"
                return True
    return False


def check(ctx: Context) -> Verdict:
    a = ctx.analysis
    targets = a.group("critique.cibles", valid=False)
    # Irony ("merci pour rien", "merci du peu") is a reproach too.
    remarks = list(a.group("critique.directes")) + a.group("remerciement.exclusions", valid=False)
    for j in a.group("critique.jugements"):
        if any(a.same_sentence(j, t) and not (t.start < j.end and j.start < t.end)
               and (_attached(j, t) or (_demonstrative(j) and t.start < j.start)) for t in targets):
            remarks.append(j)
    if not remarks:
        return Verdict(True, [])
    # One finding per sentence, quoting every remark in it ("merci pour rien" is one remark, not two).
    findings, by_sentence = [], {}
    for m in sorted(remarks, key=lambda m: (m.start, -(m.end - m.start))):
        sent = m.span.sent
        quoted = by_sentence.setdefault(sent.start, (sent, []))[1]
        if not any(q.start <= m.start and m.end <= q.end for q in quoted):
            quoted.append(m)
    for sent, quoted in by_sentence.values():
        words = ", ".join(quote(m) for m in quoted)
        findings.append(finding(
            ID, Severity.ERREUR,
            f"Remarque négative sur l'entreprise, le poste ou le processus : {words}. "
            "Restez neutre : une raison factuelle suffit.",
            sent.start_char, sent.end_char))
    return Verdict(False, remarks, findings, "Le message contient une critique.")


RULE = Rule(
    id=ID, kind="critere", title="Ne rien dire de négatif",
    explanation=(
        "Le message ne dit rien de négatif ou de désobligeant sur l'entreprise, le poste, le salaire ou les "
        "conditions, ses employés, le recruteur, le processus, ni sur les avis à leur sujet. Un jugement négatif "
        "ne compte que s'il porte sur l'une de ces cibles dans la même proposition ; un jugement nié (« je n'ai rien "
        "à reprocher à votre équipe ») n'est pas une critique. Une raison neutre (« le poste ne correspond plus à "
        "mes objectifs ») est la bonne manière de s'expliquer."
    ),
    good="Bonjour,\nAprès réflexion, je décline votre offre : le poste ne correspond plus à mes objectifs.\nCordialement,\nLéa",
    bad="Bonjour,\nJe décline votre offre : le salaire proposé est ridicule et votre processus interminable.\nCordialement,\nLéa",
    severity=Severity.ERREUR, check=check,
)
