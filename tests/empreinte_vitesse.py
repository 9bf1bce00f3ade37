"""A digest of everything the speed work must not change, message by message, on the whole corpus.

    .venv/bin/python tests/empreinte_vitesse.py   # rewrites tests/empreinte-vitesse.json

Per message: the parsed doc (tokens, lemmas, tags, morphology, parse, sentence starts), the lexicon
matches with their polarity, the sentence layer's scores, and the JSON report. Long messages
(corpus messages glued together) are added so that the paths that only matter at length are covered.
tests/test_speed_equivalence.py compares with the stored digest; it was written before any speed-up.
"""
from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORED = Path(__file__).resolve().parent / "empreinte-vitesse.json"
LONG_SIZES = (5, 25, 60)  # messages glued together into one long message


def _h(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def sources():
    from ton.reading import Source, expand_paths, read_path

    srcs = [read_path(p) for p in expand_paths([str(ROOT / "corpus" / "messages")])]
    for n in LONG_SIZES:
        # Bodies only (first and last lines dropped), so that the result stays one message.
        bodies = ["\n".join(s.text.strip().splitlines()[1:-1]) for s in srcs[:n]]
        srcs.append(Source(f"long-{n}.txt", "Bonjour,\n" + "\n".join(b for b in bodies if b) + "\nCordialement,\nLéa\n",
                           "utf-8"))
    return srcs


def compute() -> dict[str, dict[str, str]]:
    from ton import check
    from ton.batch import check_sources
    from ton.check import Options
    from ton.emitters import FORMATS
    from ton.errors import InputError

    captured = []
    real = check.analyse

    def spy(doc, st, lex, matcher):
        a = real(doc, st, lex, matcher)
        captured.append(a)
        return a

    check.analyse = spy
    out = {}
    try:
        for item in check_sources(sources(), Options(n_process=1)):
            if isinstance(item, InputError):
                continue
            a = captured.pop()
            doc = a.doc
            toks = [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i,
                     bool(t.is_sent_start)) for t in doc]
            matches = [(m.expr.key, m.span.start, m.span.end, sorted(m.literal), m.negated, m.own, m.by_candidate)
                       for m in a.matches]
            buf = io.StringIO()
            FORMATS["json"]([item], [], buf, False)
            out[item.path.rsplit("/", 1)[-1]] = {"doc": _h(toks), "matches": _h(matches), "moves": _h(doc.user_data.get("ton_gestes")),
                                                 # where the clone lives is no part of the result
                                                 "report": _h(json.loads(buf.getvalue().replace(str(ROOT), "")))}
    finally:
        check.analyse = real
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    STORED.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"écrit : {STORED}")
