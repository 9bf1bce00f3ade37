"""LanguageTool adapter against a local fake server speaking LanguageTool's HTTP API."""
from __future__ import annotations

import json
import os
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ton.grammar import GrammarUnavailable, get_engine
from ton.grammar.languagetool import ENV_URL, _find_local_install
from ton.model import Safety, Severity

LANGUAGES = [
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "French", "code": "fr", "longCode": "fr-FR"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
]

# (word to find, rule) in LanguageTool's real /v2/check JSON shape.
RULES = {
    "doit": {
        "message": "Le verbe « doit » n'est pas conjugué correctement avec le sujet « Je ».",
        "shortMessage": "Erreur de conjugaison",
        "replacements": [{"value": "dois"}],
        "rule": {
            "id": "CONJ_JE",
            "subId": "1",
            "description": "Accord sujet-verbe",
            "issueType": "grammar",
            "category": {"id": "GRAMMAR", "name": "Grammaire"},
        },
    },
    "comprehension": {
        "message": "Faute de frappe possible trouvée.",
        "shortMessage": "Faute de frappe",
        "replacements": [{"value": "compréhension"}, {"value": "compréhensions"}],
        "rule": {
            "id": "FR_SPELLING_RULE",
            "description": "Faute de frappe possible",
            "issueType": "misspelling",
            "category": {"id": "TYPOS", "name": "Faute de frappe possible"},
        },
    },
    "Tartempion": {
        "message": "Faute de frappe possible trouvée.",
        "shortMessage": "Faute de frappe",
        "replacements": [{"value": "Tampon"}],
        "rule": {
            "id": "FR_SPELLING_RULE",
            "description": "Faute de frappe possible",
            "issueType": "misspelling",
            "category": {"id": "TYPOS", "name": "Faute de frappe possible"},
        },
    },
    " :": {
        "message": "Il manque une espace insécable.",
        "shortMessage": "Espace insécable",
        "replacements": [{"value": "\u202f:"}],
        "rule": {
            "id": "FRENCH_WHITESPACE",
            "description": "Insertion des espaces insécables",
            "issueType": "whitespace",
            "category": {"id": "TYPOGRAPHY", "name": "Typographie"},
        },
    },
    "l'": {
        "message": "Apostrophe typographique.",
        "shortMessage": "",
        "replacements": [{"value": "l’"}],
        "rule": {
            "id": "APOS_TYP",
            "description": "Apostrophe typographique",
            "issueType": "typographical",
            "category": {"id": "CAT_TYPOGRAPHIE", "name": "Typographie"},
        },
    },
    "au jour d'aujourd'hui": {
        "message": "Pléonasme.",
        "shortMessage": "",
        "replacements": [{"value": "aujourd'hui"}, {"value": "à ce jour"}],
        "rule": {
            "id": "AU_JOUR_D_AUJOURD_HUI",
            "description": "Pléonasmes",
            "issueType": "style",
            "category": {"id": "REDUNDANCY", "name": "Pléonasmes"},
        },
    },
}


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    requests: list[tuple[str, dict]] = []

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, payload, status=200):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        self.requests.append(("GET " + path, {}))
        if path == "/v2/languages":
            self._send(LANGUAGES)
        else:
            self._send({"error": "not found"}, 404)

    def do_POST(self):
        path = urllib.parse.urlparse(self.path).path
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
        self.requests.append(("POST " + path, form))
        if path != "/v2/check":
            return self._send({"error": "not found"}, 404)
        text = form["text"]
        matches = []
        for needle, rule in RULES.items():
            i = text.find(needle)
            while i != -1:
                # Like the Java server: offsets and lengths in UTF-16 units.
                offset, length = _utf16_len(text[:i]), _utf16_len(needle)
                matches.append(
                    {
                        **rule,
                        "offset": offset,
                        "length": length,
                        "context": {"text": text[max(0, i - 20) : i + 40], "offset": min(i, 20), "length": length},
                        "sentence": text,
                        "type": {"typeName": "Other"},
                        "ignoreForIncompleteSentence": False,
                        "contextForSureMatch": 0,
                    }
                )
                i = text.find(needle, i + 1)
        self._send(
            {
                "software": {"name": "LanguageTool", "version": "6.4", "apiVersion": 1, "status": ""},
                "language": {"name": "French", "code": "fr"},
                "matches": sorted(matches, key=lambda m: m["offset"]),
            }
        )


@pytest.fixture
def server():
    FakeLanguageTool.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


TEXT = "Bonjour : 🙂 Je doit annuler l'entretien. Merci pour votre comprehension.\nJean Tartempion"


def _at(findings, span, text=TEXT):
    hits = [f for f in findings if text[f.start : f.end] == span]
    assert hits, [(text[f.start:f.end], f.rule) for f in findings]
    return hits[0]


def test_maps_matches_to_findings(server):
    engine = get_engine("languagetool", languagetool_url=server)
    assert engine.name == "languagetool"
    findings = engine.check(TEXT)

    doit = _at(findings, "doit")  # offset given in UTF-16, after an emoji
    assert doit.rule == "grammaire/languagetool/CONJ_JE"
    assert doit.severity is Severity.ERREUR
    assert doit.suggestions == ["dois"]
    assert "conjugué" in doit.message
    assert doit.fix.safety is Safety.SAFE
    assert doit.fix.edits[0].replacement == "dois"

    typo = _at(findings, "comprehension")
    assert typo.rule == "grammaire/languagetool/FR_SPELLING_RULE"
    assert typo.severity is Severity.ERREUR
    assert typo.suggestions[0] == "compréhension"
    assert typo.fix.safety is Safety.UNSAFE

    # Language requested, typography disabled server-side too.
    posted = [form for what, form in FakeLanguageTool.requests if what == "POST /v2/check"]
    assert posted[-1]["language"] == "fr"
    assert posted[-1]["disabledCategories"] == "TYPOGRAPHY"


def test_typography_dropped_by_default(server):
    findings = get_engine("languagetool", languagetool_url=server).check(TEXT)
    spans = {TEXT[f.start : f.end] for f in findings}
    assert " :" not in spans and "l'" not in spans


def test_typography_kept_on_demand(server):
    findings = get_engine("languagetool", typographie=True, languagetool_url=server).check(TEXT)
    colon = _at(findings, " :")
    assert colon.rule == "grammaire/languagetool/FRENCH_WHITESPACE"
    assert colon.severity is Severity.INFO
    assert _at(findings, "l'").severity is Severity.INFO


def test_proper_nouns_and_excluded_ranges(server):
    engine = get_engine("languagetool", languagetool_url=server)
    # "Tartempion" is a capitalised word mid-sentence: a name, not a typo.
    assert not any(TEXT[f.start : f.end] == "Tartempion" for f in engine.check(TEXT))
    quoted = (TEXT.index("Je doit"), TEXT.index("Merci"))
    spans = {TEXT[f.start : f.end] for f in engine.check(TEXT, [quoted])}
    assert "doit" not in spans and "comprehension" in spans


def test_style_rule_is_info_and_multiple_suggestions_unsafe(server):
    text = "Au jour d'aujourd'hui, au jour d'aujourd'hui je décline."
    f = _at(get_engine("languagetool", languagetool_url=server).check(text), "au jour d'aujourd'hui", text)
    assert f.severity is Severity.INFO
    assert f.fix.safety is Safety.UNSAFE


def test_env_var_gives_the_url(server, monkeypatch):
    monkeypatch.setenv(ENV_URL, server)
    assert _at(get_engine("languagetool").check(TEXT), "doit")


def test_closed_port_gives_french_error(monkeypatch):
    monkeypatch.delenv(ENV_URL, raising=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends
    with pytest.raises(GrammarUnavailable) as info:
        get_engine("languagetool", languagetool_url=f"http://127.0.0.1:{port}")
    msg = str(info.value)
    assert "injoignable" in msg and f"127.0.0.1:{port}" in msg
    assert "--grammaire grammalecte" in msg


def test_no_server_no_local_install_never_downloads(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_URL, raising=False)
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "cache-vide"))

    def refuse(*args, **kwargs):
        raise AssertionError("accès réseau tenté")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(GrammarUnavailable) as info:
        get_engine("languagetool")
    assert "ne télécharge jamais" in str(info.value)
    assert not (tmp_path / "cache-vide").exists()


# --- real engine, only where one exists ------------------------------------------


def _real_languagetool_reason() -> str | None:
    if os.environ.get(ENV_URL):
        return None
    if _find_local_install() is not None:
        return None
    return (
        f"aucun LanguageTool réel ici : définissez {ENV_URL} (serveur LanguageTool) "
        "ou installez LanguageTool dans le cache de language_tool_python"
    )


@pytest.mark.skipif(_real_languagetool_reason() is not None, reason=_real_languagetool_reason() or "")
def test_real_languagetool():
    engine = get_engine("languagetool")
    try:
        text = "Je doit malheureusement annuler notre entretien. Merci pour votre comprehension."
        findings = engine.check(text)
        spans = {text[f.start : f.end] for f in findings}
        assert "doit" in spans
        assert all(f.rule.startswith("grammaire/languagetool/") for f in findings)
        assert _at(findings, "doit", text).severity is Severity.ERREUR
    finally:
        engine.close()
