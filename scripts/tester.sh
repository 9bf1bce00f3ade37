#!/usr/bin/env bash
# Met l'installation à jour, affiche les chiffres de qualité du corpus, puis lance les tests
# (le résumé de pytest reste la dernière ligne, comme l'attend la CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --sans-exemple
.venv/bin/ton evaluer corpus
echo
.venv/bin/python -m pytest -q "$@"
