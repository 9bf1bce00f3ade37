"""Character offsets to 1-based line and column."""
from __future__ import annotations

import bisect
import itertools


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


class Nearby:
    """Items with character offsets (`.start`, `.end`), found by position without scanning them all.

    `around(lo, hi)` gives, in the items' own order, every item that starts in [lo - longest, hi]: a
    superset of those that overlap or touch [lo, hi]. Rules keep their own exact test on these few
    candidates, so the result is the same as scanning every item (long messages stay linear)."""

    def __init__(self, items) -> None:
        self.items = list(items)
        order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self._order = order
        self._starts = [self.items[i].start for i in order]
        self._longest = max((x.end - x.start for x in self.items), default=0)

    def around(self, lo: int, hi: int) -> list:
        i = bisect.bisect_left(self._starts, lo - self._longest)
        j = bisect.bisect_right(self._starts, hi)
        return [self.items[k] for k in sorted(self._order[i:j])]


def by_sentence(analysis, items) -> dict[int, list]:
    """Matches (or anything with a `.span`) grouped by their sentence, in their own order: the key is
    what `Analysis.same_sentence` compares, so `index.get(analysis._sent_start(x.span), [])` is exactly
    the items `same_sentence(x, item)` accepts."""
    index: dict[int, list] = {}
    for m in items:
        index.setdefault(analysis._sent_start(m.span), []).append(m)
    return index


class Covering:
    """Does one of these ranges (start, end) hold a position? Same answer as
    `any(s <= pos < e for s, e in ranges)`, by bisection (ranges sorted by start, running maximum of ends)."""

    def __init__(self, ranges) -> None:
        rs = sorted(ranges)
        self._starts = [s for s, _ in rs]
        self._reach = list(itertools.accumulate((e for _, e in rs), max))

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
