"""Applying fixes: the corrected message (`ton reecrire`), a message from templates
(`ton modele`), and how well rewriting does on the labelled corpus.

Edits never overlap: when two fixes touch the same words, the first by priority wins and
the other waits for the next pass (the rewritten text is checked again, up to MAX_PASSES).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from .batch import check_sources
from .check import UNDECIDED, FileReport, Options
from .errors import InputError
from .fixes import agree, artefacts, pick_template, sentences, tidy, writer_gender
from .lexicon import Lexicon
from .model import WRITERS_CALL, Edit, Finding, Fix, Safety, Severity
from .reading import Source
from .rules import BY_ID, CRITERIA, CRITERIA_RULES

MAX_PASSES = 3
APPLIED_SAFETIES = (Safety.SAFE, Safety.UNSAFE)  # suggestion-only fixes are shown, never applied
# Several insertions at one place follow the checklist order (thanks, decision, apology…).
_ORDER = {cid: i for i, cid in enumerate(CRITERIA)}
_PLACEHOLDER = re.compile(r"\[([^\]\n]{1,60})\]")


def checklist_errors(report: FileReport) -> list[Finding]:
    return [f for f in report.findings if f.rule in CRITERIA and f.severity == Severity.ERREUR]


def _conflict(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return False
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_fixes(text: str, findings: Iterable[Finding], safeties=APPLIED_SAFETIES,
                skip_rules: set[str] = frozenset()) -> tuple[str, list[Finding]]:
    """The text with every non-conflicting fix applied, and the findings whose fix was applied."""
    todo = [f for f in findings if f.fix is not None and f.fix.edits and f.fix.safety in safeties
            and not (f.rule in skip_rules and f.start == f.end)]
    # Whole-sentence fixes first (each rule's fix_priority), so that word fixes inside a replaced sentence give way.
    todo.sort(key=lambda f: (BY_ID[f.rule].fix_priority if f.rule in BY_ID else 5, f.start))
    accepted: list[tuple[Edit, int]] = []
    applied: list[Finding] = []
    for f in todo:
        new = [e for e in f.fix.edits if all(e != a for a, _ in accepted)]
        if any(_conflict(e, a) for e in new for a, _ in accepted):
            continue
        accepted.extend((e, _ORDER.get(f.rule, len(_ORDER))) for e in new)
        applied.append(f)
    accepted.sort(key=lambda x: (x[0].start, x[0].end, x[1]))
    out, pos = [], 0
    for e, _ in accepted:
        out.append(text[pos:e.start])
        rep = e.replacement
        if rep.startswith(". ") and "".join(out).rstrip()[-1:] in (".", "!", "?", "…"):
            rep = rep[1:]  # an earlier edit already ended the sentence
        out.append(rep)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), applied


@dataclass
class Rewrite:
    before: FileReport
    after: FileReport
    text: str
    applied: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.before.text

    @property
    def placeholders(self) -> list[str]:
        out: list[str] = []
        for f in self.after.findings:
            p = self.text[f.start:f.end]
            if f.rule == "gabarit_non_rempli" and p not in out:
                out.append(p)
        return out

    @property
    def remaining(self) -> list[Finding]:
        return checklist_errors(self.after)

    @property
    def manual(self) -> list[Finding]:
        """Problems left for the candidate: fixes not applied automatically, or none known."""
        return [f for f in self.after.findings if f.severity == Severity.ERREUR and f.rule != "gabarit_non_rempli"]

    def edits(self) -> list[Edit]:
        """The whole rewrite as edits on the original text (several passes folded into one)."""
        a, b = self.before.text, self.text
        ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)  # word-level: readable edits, not letter soup
        oa, ob = _offsets(ta), _offsets(tb)
        sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        spans: list[list[int]] = []
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                continue
            # Changes separated only by spaces are one edit.
            if spans and not "".join(ta[spans[-1][1]:i1]).strip():
                spans[-1][1], spans[-1][3] = i2, j2
            else:
                spans.append([i1, i2, j1, j2])
        return [Edit(oa[i1], oa[i2], b[ob[j1]:ob[j2]]) for i1, i2, j1, j2 in spans]

    def diff(self, path: str) -> str:
        return "".join(difflib.unified_diff(self.before.text.splitlines(keepends=True),
                                            _ensure_nl(self.text).splitlines(keepends=True),
                                            fromfile=path, tofile=f"{path} (réécrit)"))


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.S)


def _offsets(tokens: list[str]) -> list[int]:
    out, pos = [0], 0
    for t in tokens:
        pos += len(t)
        out.append(pos)
    return out


def _ensure_nl(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def rewrite_sources(sources: list[Source], options: Options | None = None) -> Iterator[Rewrite | InputError]:
    options = options or Options()
    for item in check_sources(sources, options):
        if isinstance(item, InputError):
            yield item
        else:
            yield rewrite_report(item, options)


def rewrite_report(report: FileReport, options: Options) -> Rewrite:
    """Apply fixes, check again, repeat while it helps. The type stays the original one."""
    opts = replace(options, forced_type=report.type)
    current, text, applied = report, report.text, []
    inserted: set[str] = set()
    if any(f.rule == UNDECIDED for f in report.findings):
        # The type is unknown: inserting the points of the strictest list would put a cancellation in the
        # writer's mouth. Only what is there is corrected (register, remarks, length).
        inserted = set(CRITERIA)
    for n in range(MAX_PASSES + 1):
        # First the words already there (register, remarks, hesitations, length), and only then the
        # missing points: an SMS draft normalised shows where its sentences, decision and closing formula
        # are ("bonne continuation !" becomes a closing formula that an insertion must precede).
        words_first = n == 0 and any(f.fix is not None and f.start < f.end and f.fix.safety in APPLIED_SAFETIES
                                     for f in current.findings)
        skip = inserted | set(CRITERIA) if words_first else inserted
        new_text, done = apply_fixes(text, current.findings, skip_rules=skip)
        new_text = tidy(new_text)
        if new_text == text:
            if words_first:
                continue
            break
        (checked,) = list(check_sources([Source(report.path, new_text, report.encoding)], opts))
        if isinstance(checked, InputError):
            # These edits left nothing the checker can read as a message (its body emptied or taken for
            # a signature): keep the text as it was before them, never a broken one.
            break
        applied.extend(done)
        inserted |= {f.rule for f in done if f.start == f.end}  # never insert the same element twice
        text, current = new_text, checked
    from .nlp import lexicon

    if too_familiar(report, lexicon(options.lexicon_dir).settings["reecriture"]["part_familiere"]):
        whole = _whole_template(report, current, text, options)
        if whole is not None:
            return whole
    return Rewrite(report, current, text, applied)


# --- too little usable: the whole template of the type, with the writer's facts -------------------

_REGISTER = ("registre_familier", "negation_orale", "tutoiement")


def too_familiar(report: FileReport, share: float) -> bool:
    """`share` (reglages.yaml reecriture.part_familiere): the part of the body's words written in SMS or
    familiar French from which correcting word by word leaves too little to send."""
    found = [f for f in report.findings if f.rule in _REGISTER and f.end > f.start]
    covered = sum(max(1, len(re.findall(r"\w+", report.text[f.start:f.end]))) for f in found)
    return report.words > 0 and covered / report.words >= share


_DAY = (r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: \d{1,2}(?: (?:janvier|février|mars|avril|"
        r"mai|juin|juillet|août|septembre|octobre|novembre|décembre))?)?(?: (?:matin|midi|après-midi|soir))?"
        r"|après-demain|demain(?: (?:matin|midi|après-midi|soir))?|aujourd'hui|ce (?:matin|midi|soir)"
        r"|cet après-midi|la semaine prochaine)")
_TIME = r"\d{1,2} ?h(?: ?\d{2})?\b"
_SLOT = re.compile(rf"\b(?:{_DAY}(?: (?:à )?{_TIME})?|{_TIME}(?: {_DAY})?)", re.I)
_PROPOSED = re.compile(rf"\b(?:pour|libre|disponible|à|avant|après) ({_DAY})\b", re.I)
_JOB = re.compile(r"\bposte d(?:e |'|’)([\w'’\- ]{2,40}?)(?=\s*(?:[,.;:!?\n(]|$| chez | à | au | pour | et | dans ))", re.I)
_TITLE = re.compile(r"\b(Madame|Monsieur|Mme|Mr|M\.)\s+([A-ZÀ-Ý][\w\-]+)")
_SELF = re.compile(r"\b(?:c'est|c|ici|je suis|moi c'est)\s+([A-ZÀ-Ý][a-zà-ÿ\-]+(?: [A-ZÀ-Ý][a-zà-ÿ\-]+)?)")
_NAME = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ\-]+(?: [A-ZÀ-Ý][\w\-.]*){0,2}")


def writer_facts(text: str, st) -> dict[str, str | None]:
    """What the writer said of the interview and of themselves, word for word: the day and time, the
    job, the recipient, the writer's name, a day the writer offers. Nothing is guessed; what is not found
    stays a visible placeholder of the template."""
    body = text[st.body[0]:st.body[1]] if st is not None else text
    head = text[st.salutation[0]:st.salutation[1]] if st is not None and st.salutation else body[:80]
    facts: dict[str, str | None] = {}
    slots = [m for m in _SLOT.finditer(body)]
    offered = _PROPOSED.search(body)
    # The interview's own slot: the first one the writer gives that is not the day they offer instead.
    interview = next((m for m in slots if not (offered and m.start() <= offered.start(1) < m.end())), None)
    if interview:
        day = re.search(_DAY, interview.group(0), re.I)
        hour = re.search(_TIME, interview.group(0))
        facts["date"] = " à ".join(x.group(0) for x in (day, hour) if x)
    if offered and (interview is None or offered.group(1).lower() not in interview.group(0).lower()):
        facts["date proposée"] = offered.group(1)
    job = _JOB.search(body)
    facts["poste"] = job.group(1).strip() if job else None
    title = _TITLE.search(head) or _TITLE.search(body)
    if title:
        facts["destinataire"] = {"Mme": "Madame", "Mr": "Monsieur", "M.": "Monsieur"}.get(title.group(1), title.group(1)) \
            + " " + title.group(2)
    sign = text[st.signature[0]:st.signature[1]].strip() if st is not None and st.signature else ""
    if sign and _NAME.fullmatch(sign):
        facts["nom"] = sign
    else:
        me = _SELF.search(body)
        facts["nom"] = me.group(1) if me else None
    return facts


def _whole_template(report: FileReport, current: FileReport, text: str, options: Options) -> Rewrite | None:
    """The template of the type, filled with the writer's facts, in place of a draft too familiar to be
    corrected word by word: when its SMS forms hid even its type (the points inserted were the wrong
    type's), or when the word-by-word correction (`current`) still leaves familiar words or a missing point.
    The type is read on the draft in standard French (imposed with --type, it stays); a type ton cannot
    tell gets no template (it would put a decision in the writer's mouth)."""
    from .nlp import lexicon

    (normal,) = list(check_sources([Source(report.path, text, report.encoding)], options))
    if isinstance(normal, InputError) or any(f.rule == UNDECIDED for f in normal.findings):
        return None
    mtype = normal.type
    # Corrected word by word with nothing left, under the draft's type and under the type read in standard
    # French (they may differ on a borderline draft: « j'ai trouvé un autre travail… merci pour la
    # proposition »): the writer's own words are better than a template.
    if not [f for f in current.findings if f.rule in _REGISTER] and not checklist_errors(current) \
            and (mtype == report.type or not checklist_errors(normal)):
        return None
    lex = lexicon(options.lexicon_dir)
    skip = {"proposition_report"} if re.search("|".join(lex.replacements.get("retrait", [])) or "(?!)", text, re.I) else set()
    # A point left to the writer (a door they shut, a report they rule out, a decision still to come:
    # model.WRITERS_CALL) is not put back by the template.
    skip |= {f.rule for f in normal.findings if f.kind == WRITERS_CALL}
    # « jsais pas si jserai rentré pr demain, jvous redis ça ce soir » : a decision still to come is the point of
    # the message; a template without it says nothing of what the writer wrote (nor may it decide for them).
    if "decision_claire" in skip:
        return None
    facts = writer_facts(text, normal.structure)
    new = build_message(lex, mtype, facts, skip=skip, gender=writer_gender(text, normal.structure, lex))
    if new == report.text:
        return None
    opts = replace(options, forced_type=mtype)
    (after,) = list(check_sources([Source(report.path, new, report.encoding)], opts))
    if isinstance(after, InputError):
        return None
    given = ", ".join(v for v in facts.values() if v)
    fix = Fix((Edit(0, len(report.text), new),), Safety.UNSAFE,
              "Brouillon trop familier pour être corrigé mot à mot : remplacé par le modèle complet du type "
              f"({mtype}), avec vos faits" + (f" ({given})" if given else "") + " ; complétez les espaces réservés")
    done = Finding("registre_familier", Severity.ERREUR, fix.description, 0, len(report.text), fix=fix)
    return Rewrite(report, after, new, [done])


def kept_sentences(before: FileReport, after_text: str) -> tuple[int, int]:
    """(kept, total): the candidate's body sentences found unchanged, negative remarks excluded."""
    st = before.structure
    if st is None:
        return 0, 0
    critiques = [(f.start, f.end) for f in before.findings if f.rule == "sans_critique"]
    kept = total = 0
    for s, e in sentences(before.text, *st.body):
        if any(s < ce and cs < e for cs, ce in critiques):
            continue
        total += 1
        kept += before.text[s:e] in after_text
    return kept, total


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Non-overlapping edits on `text` (the hunks kept in `ton reecrire --interactif`)."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return tidy("".join(out))


def hunk_view(text: str, e: Edit) -> str:
    """The lines an edit touches, before (-) and after (+), like a diff hunk."""
    a = text.rfind("\n", 0, e.start) + 1
    b = text.find("\n", e.end)
    b = len(text) if b < 0 else b
    old = text[a:b]
    new = text[a:e.start] + e.replacement + text[e.end:b]
    return "\n".join([f"-{line}" for line in old.split("\n")] + [f"+{line}" for line in new.split("\n")])


# --- writing the file back ------------------------------------------------------------------

# --- a whole message from the templates (ton modele) -----------------------------------------

def fill_placeholders(text: str, lex: Lexicon, values: dict[str, str | None]) -> str:
    """Fill the [placeholders] given a value; the others stay visible."""
    labels: dict[str, str] = {}
    for option, names in lex.replacements.get("espaces_reserves", {}).items():
        if values.get(option):
            for n in names:
                labels[n.lower()] = values[option]
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        label = m.group(1).strip().lower()
        value = labels.get(label)
        start = m.start()
        if value is None:
            value = m.group(0)
        elif label == "titre du poste" and not text[:m.start()].lower().endswith("poste de "):
            value = f"le poste de {value}"  # "prévu pour [Titre du poste]" wants a noun phrase
        elif label == "date et heure" and text[:start].endswith(" le ") and not _WEEKDAY.match(value):
            start -= 3  # "prévu le [Date et heure]" with "demain à 10 h": "prévu demain à 10 h"
        out.append(text[pos:start])
        out.append(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


_WEEKDAY = re.compile(r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)", re.I)


def build_message(lex: Lexicon, mtype: str, values: dict[str, str | None], skip: Iterable[str] = (),
                  gender: str | None = None) -> str:
    """Every inserted point the type requires, each where its rule puts it (thanks always). `skip`: points
    left out (a withdrawal asks for no new date). `gender`: the writer's, when their draft shows it (else the
    templates' neutral wording)."""
    required = lex.requirements.get(mtype, {})
    by_where: dict[str, list[str]] = {"debut": [], "apres_decision": [], "fin": []}
    for rule in CRITERIA_RULES:
        if rule.id in skip:
            continue
        if rule.insert and (rule.id in required or rule.id == "remerciement"):
            # A whole message names the interview: the decision template with its [placeholders].
            full = [t for t in lex.suggestions(mtype, rule.id) if "[" in t] if rule.id == "decision_claire" else []
            by_where[rule.where].append(agree(lex, full[0], gender) if full else pick_template(lex, mtype, rule.id, gender))
            if rule.id == "proposition_report" and values.get("date proposée"):
                # The day the writer offers, in the writer's words.
                by_where[rule.where] += (lex.templates.get("commun", {}).get("disponibilite") or [])[:1]
    # No reason is given: one would claim a fact the candidate did not state.
    first = by_where["debut"] + by_where["apres_decision"]
    second = by_where["fin"]
    common = lex.templates.get("commun", {})
    parts = [(common.get("salutation") or ["Bonjour [Nom du responsable du recrutement],"])[0], "",
             " ".join(s for s in first if s)]
    if any(second):
        parts += ["", " ".join(s for s in second if s)]
    parts += ["", (common.get("formule_finale") or ["Cordialement,"])[0], "[Votre nom]"]
    return fill_placeholders("\n".join(parts) + "\n", lex, values)


# --- measured on the corpus -----------------------------------------------------------------

@dataclass
class RewriteEvaluation:
    total: int  # messages in the corpus
    needing: int  # messages with at least one checklist « erreur » before rewriting (type decided)
    passing: int  # of those, rewritten messages with none left (type detected again, like `ton verifier`)
    kept: int
    sentences: int
    failures: list[str] = field(default_factory=list)
    # Messages with a gap: an applicable criterion not met, concision included.
    gaps: int = 0
    complete: int = 0  # every applicable criterion met after rewriting, with the original type detected again
    same_type: int = 0
    clean_grammar: int = 0  # no more grammar errors than before (None engine: not measured)
    clean_assembly: int = 0  # no more assembly marks than before (fixes.ARTEFACTS)
    paragraphs_kept: int = 0
    grammar_measured: bool = False
    problems: list[str] = field(default_factory=list)
    undecided: int = 0  # messages of undetermined type (type_indetermine), left out of the figures above
    writers_call: int = 0  # messages whose decision is still to come (model.WRITERS_CALL), left out too
    familiar: int = 0  # messages with SMS or familiar wording (registre_familier, negation_orale) before
    familiar_fixed: int = 0  # of those, rewritten messages where ton finds none left
    rewrites: list[Rewrite] = field(default_factory=list, repr=False)

    @property
    def pass_rate(self) -> float:
        return self.passing / self.needing if self.needing else 1.0

    @property
    def kept_rate(self) -> float:
        return self.kept / self.sentences if self.sentences else 1.0

    def rate(self, n: int) -> float:
        return n / self.gaps if self.gaps else 1.0


def unmet(report: FileReport) -> list[str]:
    return [c.id for c in report.criteria if c.applicable and not c.met]


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if p.strip()]


def paragraphs_kept(before: str, after: str) -> bool:
    """No paragraph break of the original is lost: sentences of two different paragraphs that are both
    still in the rewrite (unchanged) are still in two different paragraphs."""
    out = _paragraphs(after)
    paras = _paragraphs(before)

    def home(sentence: str) -> int | None:
        found = [i for i, q in enumerate(out) if sentence in q]
        # A sentence that several paragraphs hold ("Andrzej Nowak" signs and opens "Je suis Andrzej Nowak,
        # …") tells nothing about where its paragraph went.
        if len(found) != 1 or sum(sentence in p for p in paras) != 1:
            return None
        return found[0]

    homes = []
    for p in paras:
        found = [home(p[s:e]) for s, e in sentences(p, 0, len(p)) if e - s >= 12]
        homes.append({h for h in found if h is not None})
    seen = [h for h in homes if h]
    return all(not (a & b) for i, a in enumerate(seen) for b in seen[i + 1:])


def new_artefacts(before: str, after: str) -> list[str]:
    a, b = artefacts(before), artefacts(after)
    return [k for k in b if b[k] > a[k]]


def evaluate_rewrite(corpus: Path, options: Options | None = None, grammar=None) -> RewriteEvaluation:
    """`grammar`: an engine to count grammar errors before and after (None: not measured)."""
    from .evaluation import load_labels
    from .reading import read_path

    options = options or Options()
    labels = load_labels(corpus)
    rewrites = []
    for rw in rewrite_sources([read_path(str(label.path)) for label in labels], options):
        if isinstance(rw, InputError):
            raise rw
        rewrites.append(rw)
    # A message whose type ton cannot tell (type_indetermine) asks the writer for --type first: the
    # rewrite corrects what is there but completes nothing, so it is counted apart, not as a gap.
    undecided = [rw for rw in rewrites if any(f.rule == UNDECIDED for f in rw.before.findings)]
    # A decision the writer says is still to come is theirs to make: counted apart too.
    writers = [rw for rw in rewrites if rw not in undecided and any(f.kind == WRITERS_CALL for f in rw.before.findings)]
    todo = [rw for rw in rewrites if rw not in undecided and rw not in writers
            and (checklist_errors(rw.before) or unmet(rw.before) or _familiar(rw.before))]
    # Checked again from scratch, type detected anew: exactly what `ton verifier` would say.
    rechecked = check_sources([Source(rw.before.path, rw.text, rw.before.encoding) for rw in todo], options)
    ev = RewriteEvaluation(len(rewrites), 0, 0, 0, 0, grammar_measured=grammar is not None, rewrites=rewrites)
    ev.undecided, ev.writers_call = len(undecided), len(writers)
    for rw, again in zip(todo, rechecked):
        name = Path(rw.before.path).name
        if _familiar(rw.before):
            ev.familiar += 1
            left = _familiar(again)
            ev.familiar_fixed += not left
            if left:
                ev.problems.append(f"{name} : forme familière restée ({', '.join(left)})")
        if checklist_errors(rw.before):
            ev.needing += 1
            left = checklist_errors(again)
            if left:
                ev.failures.append(f"{name} : " + ", ".join(sorted({f.rule for f in left})))
            else:
                ev.passing += 1
            k, n = kept_sentences(rw.before, rw.text)
            ev.kept += k
            ev.sentences += n
        if not unmet(rw.before):
            continue
        ev.gaps += 1
        why = []
        same = again.type == rw.before.type
        ev.same_type += same
        if not same:
            why.append(f"type {rw.before.type} → {again.type}")
        missing = unmet(again)
        if missing:
            why.append("manque " + ", ".join(missing))
        ev.complete += same and not missing
        marks = new_artefacts(rw.before.text, rw.text)
        ev.clean_assembly += not marks
        why += marks
        paras = paragraphs_kept(rw.before.text, rw.text)
        ev.paragraphs_kept += paras
        if not paras:
            why.append("paragraphes")
        if grammar is not None:
            g0 = len([f for f in grammar.check(rw.before.text) if f.severity == Severity.ERREUR])
            g1 = len([f for f in grammar.check(rw.text) if f.severity == Severity.ERREUR])
            ev.clean_grammar += g1 <= g0
            if g1 > g0:
                why.append(f"grammaire {g0} → {g1}")
        if why:
            ev.problems.append(f"{name} : " + " ; ".join(why))
    return ev


_FAMILIAR_RULES = ("registre_familier", "negation_orale")


def _familiar(report) -> list[str]:
    """The SMS or familiar words ton finds in a checked message (issue 11: « SMS forms left »)."""
    return [report.text[f.start:f.end] for f in report.findings if f.rule in _FAMILIAR_RULES]


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %".replace(".", ",")


def format_rewrite_evaluation(ev: RewriteEvaluation, verbose: bool = False) -> str:
    def line(label: str, n: int) -> str:
        return f"  {label} : {n}/{ev.gaps} ({_pct(ev.rate(n))})"

    lines = [
        f"Corpus : {ev.total} messages, dont {ev.needing} avec au moins une erreur de la liste des sept points "
        f"({ev.undecided} de type indéterminé, à préciser avec --type, et {ev.writers_call} dont la décision est "
        "encore à prendre par le candidat, comptés à part)",
        f"réécrits sans erreur de la liste : {ev.passing}/{ev.needing} ({_pct(ev.pass_rate)})",
        f"phrases du candidat gardées telles quelles : {ev.kept}/{ev.sentences} ({_pct(ev.kept_rate)}), "
        "remarques négatives exclues",
        f"messages avec un manque (un critère de leur type non respecté, concision comprise) : {ev.gaps}",
        line("complets pour leur type après réécriture (concision comprise, type inchangé)", ev.complete),
        line("type inchangé", ev.same_type),
        (line("sans nouvelle erreur de grammaire", ev.clean_grammar) if ev.grammar_measured
         else "  sans nouvelle erreur de grammaire : non mesuré (moteur de grammaire indisponible)"),
        line("sans artefact d'assemblage", ev.clean_assembly),
        line("paragraphes gardés", ev.paragraphs_kept),
        f"messages en langage SMS ou familier : {ev.familiar}",
        f"  sans forme SMS ou familière restante après réécriture : {ev.familiar_fixed}/{ev.familiar} "
        f"({_pct(ev.familiar_fixed / ev.familiar if ev.familiar else 1.0)})",
    ]
    if verbose:
        lines += [f"  encore en erreur — {f}" for f in ev.failures]
        lines += [f"  à revoir — {p}" for p in ev.problems]
    return "\n".join(lines)
