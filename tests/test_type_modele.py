"""The type model: trained on the data in the repository, read the same way it was trained."""
import importlib.util
import json
import sys
from pathlib import Path

from conftest import CORPUS

from ton import msgtype
from ton.evaluation import load_labels

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("entrainer_type", ROOT / "scripts" / "entrainer_type.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["entrainer_type"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_model_is_trained_on_the_tuned_batches_in_the_repository():
    model = json.loads(msgtype.MODEL_FILE.read_text(encoding="utf-8"))
    labels = load_labels(CORPUS, blind=False)
    files, digest = _script()._digest(CORPUS, labels)
    assert model["donnees"] == files, "lots de réglage ajoutés ou retirés sans réentraînement (scripts/entrainer_type.py)"
    assert model["sha256"] == digest, "étiquettes ou messages modifiés sans réentraînement (scripts/entrainer_type.py)"
    assert model["messages"] == len(labels)
    # Never a blind batch: those measure what ton does on messages nobody tuned on.
    blind = {f"etiquettes-{lab.lot}.yaml" for lab in load_labels(CORPUS, blind=True)}
    assert not blind & set(files)


def test_model_weighs_only_features_the_extractor_produces():
    model = json.loads(msgtype.MODEL_FILE.read_text(encoding="utf-8"))
    prefixes = ("regle=", "indice=", "geste=", "mot=", "objet=")
    odd = [k for k in model["poids"] if not k.startswith(prefixes) and k not in ("biais", "propose_date", "citation")]
    assert not odd, odd
    assert all(len(w) == len(model["types"]) for w in model["poids"].values())


def test_without_the_model_the_rules_decide(monkeypatch, tmp_path):
    feats = {"regle=report": 1.0, "biais": 1.0}
    assert msgtype.probabilities(feats) is not None
    monkeypatch.setattr(msgtype, "MODEL_FILE", tmp_path / "absent.json")
    msgtype._model.cache_clear()
    try:
        assert msgtype.probabilities(feats) is None
    finally:
        monkeypatch.undo()
        msgtype._model.cache_clear()
