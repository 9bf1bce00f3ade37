"""The lexicon matcher: spaCy's Matcher algorithm, replayed in one pass over lemmas.

spaCy's Matcher evaluates every `{"LEMMA": {"IN": [...]}}` through a Python predicate, for every
pattern at every token (13 M calls per 1,000 messages), and compiling the 238 patterns costs
about 2 s at start-up. Our motifs use a small subset (one word, `?` optional word, `{0,3}` gap,
always starting and ending with a required word), so this module replays spaCy's own state
machine (spacy/matcher/matcher.pyx: find_matches, transition_states, get_action) on that
subset, but only starts a state where the motif's first word is present (a dict lookup): a
state spaCy starts elsewhere is rejected on its first token and leaves no trace. Same matches,
same order, same alignments (tests/test_speed_equivalence.py compares with spaCy's Matcher).
"""
from __future__ import annotations

ONE, ZERO_ONE = 1, 2
REJECT, MATCH, ADVANCE, RETRY, RETRY_ADVANCE = 0, 1, 2, 3, 4


def _nodes(tokens: tuple[dict, ...]) -> list[tuple[int, int, frozenset | None, int]]:
    """(quantifier, attribute 0 lemma / 1 lower / -1 any, values, index in the motif), as spaCy expands them."""
    out = []
    for idx, tok in enumerate(tokens):
        op = tok.get("OP")
        quants = {None: (ONE,), "?": (ZERO_ONE,), "{0,3}": (ZERO_ONE,) * 3}.get(op)
        if quants is None or set(tok) - {"OP", "LEMMA", "LOWER"} or ("LEMMA" in tok and "LOWER" in tok):
            raise ValueError(f"motif non pris en charge : {tok}")
        if "LEMMA" in tok:
            attr, values = 0, frozenset(tok["LEMMA"]["IN"])
        elif "LOWER" in tok:
            attr, values = 1, frozenset(tok["LOWER"]["IN"])
        else:
            attr, values = -1, None
        out.extend((q, attr, values, idx) for q in quants)
    if not out or out[0][0] != ONE or out[-1][0] != ONE or out[0][1] < 0:
        raise ValueError("un motif commence et finit par un mot obligatoire")
    return out


class LexiconMatcher:
    """Called like spaCy's `matcher(doc, with_alignments=True)`; match ids are the expression keys."""

    def __init__(self, expressions) -> None:
        from spacy.strings import get_string_id

        self.keys: list[str] = []
        self.patterns: list[list[tuple]] = []
        # First word -> patterns that start with it, by attribute; pattern order is spaCy's state order.
        self.first: tuple[dict, dict] = ({}, {})
        for expr in expressions:
            for pattern in expr.patterns:  # one per way of reading a word that mixes lemmas and forms
                # Words are compared by their string ids, as spaCy's Matcher compares them (`IN` sets of
                # hashes), read for the whole doc at once (Doc.to_array) instead of one Token at a time.
                nodes = [(q, attr, frozenset(map(get_string_id, values)) if values is not None else None, idx)
                         for q, attr, values, idx in _nodes(pattern)]
                j = len(self.patterns)
                self.keys.append(expr.key)
                self.patterns.append(nodes)
                q, attr, values, _ = nodes[0]
                for v in values:
                    self.first[attr].setdefault(v, []).append(j)

    def __call__(self, doc, with_alignments: bool = True) -> list[tuple]:
        from spacy.attrs import LEMMA, LOWER

        patterns, first_lemma, first_lower = self.patterns, self.first[0], self.first[1]
        states: list[list] = []  # [pattern index, node index, start, length, alignment]
        raw: list[tuple] = []
        for i, vals in enumerate(doc.to_array([LEMMA, LOWER]).tolist() if len(doc) else ()):
            a = first_lemma.get(vals[0])
            b = first_lower.get(vals[1])
            if a or b:
                starts = sorted(set(a or ()) | set(b or ())) if (a and b) else (a or b)
                states.extend([j, 0, i, 0, []] for j in starts)
            if states:
                states = _transition(states, patterns, vals, raw)
        out, seen = [], set()
        for j, start, length, align in raw:
            key = (self.keys[j], start, start + length)  # spaCy dedupes by match key, not by pattern
            if key in seen:
                continue
            seen.add(key)
            out.append((self.keys[j], start, start + length, _alignment(align, length) if with_alignments else None))
        return out


def _transition(states, patterns, vals, raw) -> list[list]:
    # spaCy's transition_states and get_action in one loop (it runs for every live state at every word);
    # a ZERO_ONE node is never final in our motifs (they end with a required word).
    kept, new = [], []
    for st in states:
        nodes = patterns[st[0]]
        pos = st[1]
        q, attr, values, idx = nodes[pos]
        if q == ONE:
            if attr >= 0 and vals[attr] not in values:
                continue  # REJECT
            action = MATCH if pos + 1 == len(nodes) else ADVANCE
        else:
            action = RETRY_ADVANCE if attr < 0 or vals[attr] in values else RETRY
        align = st[4]
        while action >= RETRY:  # RETRY or RETRY_ADVANCE
            align.append((idx, st[3]))
            if action == RETRY_ADVANCE:
                new.append([st[0], pos + 1, st[2], st[3] + 1, list(align)])
            pos += 1
            q, attr, values, idx = nodes[pos]
            ok = attr < 0 or vals[attr] in values
            if q == ONE:
                action = (MATCH if pos + 1 == len(nodes) else ADVANCE) if ok else REJECT
            else:
                action = RETRY_ADVANCE if ok else RETRY
        if action == REJECT:
            continue
        align.append((idx, st[3]))
        if action == ADVANCE:
            st[1] = pos + 1
            st[3] += 1
            kept.append(st)
        else:  # MATCH
            raw.append((st[0], st[2], st[3] + 1, list(align)))
    kept.extend(new)
    return kept


def _alignment(align, length) -> list[int]:
    # spaCy's conversion: for each matched token, the largest motif index recorded at that length.
    out = [0] * length
    for token_idx, n in sorted(align, key=lambda x: (x[1], x[0])):
        if n < length:
            out[n] = token_idx
    return out
