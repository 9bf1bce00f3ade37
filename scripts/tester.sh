#!/usr/bin/env bash
# Lance les tests (après avoir mis l'installation à jour), puis affiche les chiffres du corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --sans-exemple
.venv/bin/python -m pytest -q "$@"
echo
.venv/bin/ton evaluer corpus
