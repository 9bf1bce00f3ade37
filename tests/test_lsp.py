"""« ton lsp »: a real exchange with the language server over stdio (JSON-RPC with Content-Length)."""
import json
import os
import subprocess
import sys

from conftest import ROOT

DRAFT = ("Bonjour Madame Durand,\nMerci pour votre invitation. Je dois annuler l'entretien de jeudi, dsl.\n"
         "Seriez-vous disponible lundi ?\nCordialement,\nPaul Martin\n")


class Client:
    def __init__(self, cwd):
        env = {**os.environ, "TON_SERVEUR": "non", "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen([sys.executable, "-m", "ton", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.next_id = 0

    def send(self, method, params, request=True):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def read(self):
        headers = {}
        while True:
            line = self.proc.stdout.readline()
            assert line, self.proc.stderr.read().decode("utf-8", "replace")[-3000:]
            line = line.strip()
            if not line:
                break
            k, _, v = line.decode("ascii").partition(":")
            headers[k.lower()] = v.strip()
        return json.loads(self.proc.stdout.read(int(headers["content-length"])))

    def wait(self, pred):
        while True:
            msg = self.read()
            if pred(msg):
                return msg


def test_language_server_diagnostics_and_quick_fixes(tmp_path):
    (tmp_path / "ton.toml").write_text('grammaire = "aucune"\n', encoding="utf-8")
    uri = (tmp_path / "brouillon.txt").as_uri()
    c = Client(tmp_path)
    try:
        rid = c.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        init = c.wait(lambda m: m.get("id") == rid)
        assert init["result"]["serverInfo"]["name"] == "ton"
        assert init["result"]["capabilities"]["codeActionProvider"]
        c.send("initialized", {}, request=False)
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                         "text": DRAFT}}, request=False)
        diag = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert diag["params"]["uri"] == uri
        by_code = {d["code"]: d for d in diag["params"]["diagnostics"]}
        fam = by_code["registre_familier"]
        assert fam["severity"] == 1 and fam["source"] == "ton"
        assert fam["range"]["start"] == {"line": 1, "character": DRAFT.splitlines()[1].index("dsl")}
        rid = c.send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": fam["range"],
                                                 "context": {"diagnostics": [fam]}})
        actions = c.wait(lambda m: m.get("id") == rid)["result"]
        assert actions and actions[0]["kind"] == "quickfix"
        edits = actions[0]["edit"]["changes"][uri]
        assert edits and all("range" in e and "newText" in e for e in edits)
        rid = c.send("shutdown", None)
        c.wait(lambda m: m.get("id") == rid)
        c.send("exit", None, request=False)
        assert c.proc.wait(timeout=30) == 0
    finally:
        if c.proc.poll() is None:
            c.proc.kill()
