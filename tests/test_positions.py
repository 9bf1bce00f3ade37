"""The offset indexes rules use to compare a match only with its neighbours (positions.py, fixes.py,
check._evidence) give exactly what scanning every item gave, on random spans (nested, overlapping,
empty, repeated) and on real messages."""
import random
from dataclasses import dataclass

from ton.positions import Covering, Nearby


@dataclass(frozen=True)
class Item:
    start: int
    end: int


def _spans(rng: random.Random, n: int, length: int = 200) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(length)
        out.append((s, s + rng.choice((0, 1, 2, 5, 30, 120))))
    return out


def test_nearby_holds_every_item_that_overlaps_or_touches_in_order():
    rng = random.Random(14)
    for _ in range(300):
        items = [Item(s, e) for s, e in _spans(rng, rng.randrange(0, 25))]
        near = Nearby(items)
        for _ in range(20):
            lo = rng.randrange(-5, 210)
            hi = lo + rng.choice((0, 1, 3, 40))
            got = near.around(lo, hi)
            assert [x for x in items if x in got] == got  # the items' own order
            # Every test the rules make on the candidates finds what a scan of all items finds.
            for test in (lambda x: x.start <= lo < x.end, lambda x: lo <= x.start < hi,
                         lambda x: x.start < hi and lo < x.end, lambda x: x.start <= lo < x.end or lo <= x.start < hi):
                assert [x for x in items if test(x)] == [x for x in got if test(x)]


def test_covering_is_any_range_holding_the_position():
    rng = random.Random(41)
    for _ in range(300):
        ranges = _spans(rng, rng.randrange(0, 25))
        cover = Covering(ranges)
        for pos in range(-3, 330):
            assert (pos in cover) == any(s <= pos < e for s, e in ranges)


def test_evidence_drops_what_overlaps_an_earlier_span_as_a_scan_did():
    from ton.check import _evidence

    def scan(items, text):
        out, seen = [], []
        for s, e in items:
            if any(s < e2 and s2 < e for s2, e2 in seen):
                continue
            seen.append((s, e))
            out.append((s, e, text[s:e]))
        return out

    rng = random.Random(7)
    text = "".join(rng.choice("abc \n") for _ in range(400))
    for _ in range(300):
        items = _spans(rng, rng.randrange(0, 30))
        assert [(ev.start, ev.end, ev.text) for ev in _evidence(items, text)] == scan(items, text)


def test_fix_context_finds_sentences_as_a_scan_did():
    from ton.fixes import FixContext
    from ton.nlp import lexicon
    from ton.reading import expand_paths, read_path
    from ton.structure import parse
    from conftest import CORPUS

    class Report:
        type = "annulation"
        criteria: list = []
        findings: list = []

        def __init__(self, text, st):
            self.text, self.structure = text, st

    lex = lexicon()
    paths = expand_paths([str(CORPUS / "messages")])[:60]
    for p in paths:
        text = read_path(p).text
        ctx = FixContext(Report(text, parse(text, lex.structure)), lex)
        for pos in range(-1, len(text) + 2, 3):
            scan = next(((s, e) for s, e in ctx.sents if s <= pos < e), (pos, pos))
            assert ctx.sentence_at(pos) == scan
            for end in (pos, pos + 1, pos + 40, pos + 400):
                assert ctx.sentences_touching(pos, end) == [(s, e) for s, e in ctx.sents if pos <= s < end or s <= pos < e]
