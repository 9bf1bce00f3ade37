"""« ton lsp »: a language server over stdio (pygls) for drafts opened in an editor (plain text,
Markdown, e-mail being written). Each opened or changed document is checked like « ton verifier »
(same rules, ton.toml, grammar engine loaded once); findings become diagnostics and their fixes
become quick fixes (code actions). Positions are converted to LSP's UTF-16 code units."""
from __future__ import annotations

from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from . import __version__

_SEVERITY = {"erreur": lsp.DiagnosticSeverity.Error, "avertissement": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}


class _Positions:
    """Character offsets -> LSP positions (line, UTF-16 column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, offset: int) -> lsp.Position:
        import bisect

        line = bisect.bisect_right(self.starts, offset) - 1
        chunk = self.text[self.starts[line]:offset]
        return lsp.Position(line=line, character=len(chunk.encode("utf-16-le")) // 2)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.at(start), end=self.at(max(start, end)))


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


class TonServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("ton", __version__)
        self.reports: dict[str, object] = {}
        self._options = None

    def options(self):
        """Options as for « ton verifier » in the current folder (ton.toml), built once."""
        if self._options is None:
            from . import config as configuration
            from .check import Options
            from .grammar import GrammarUnavailable, get_engine
            from .model import Severity

            cfg = configuration.load(None)
            name = cfg.grammar or "grammalecte"
            # The engine as « ton verifier » chooses it (cli._grammar_engine), without importing cli.
            try:
                engine = None if name == "aucune" else get_engine(
                    name, typographie=bool(cfg.typographie), languagetool_url=cfg.languagetool_url)
            except GrammarUnavailable:
                engine = None
            self._options = Options(forced_type=cfg.type, grammar=engine,
                                    config={"concision": cfg.concision} if cfg.concision else {},
                                    rules=cfg.rules, fail_level=Severity(cfg.fail_level))
        return self._options

    def check(self, uri: str, text: str) -> None:
        from . import marqueurs
        from .batch import check_sources
        from .errors import InputError
        from .reading import Source

        blanked, rules = marqueurs.extract(text)
        options = self.options()
        options.inline = {uri: rules} if rules else {}
        diagnostics: list[lsp.Diagnostic] = []
        pos = _Positions(text)
        if blanked.strip():
            (report,) = list(check_sources([Source(uri, blanked, "utf-8")], options))
            if isinstance(report, InputError):
                diagnostics.append(lsp.Diagnostic(range=pos.range(0, 0), message=report.reason, source="ton",
                                                  severity=lsp.DiagnosticSeverity.Information))
                self.reports.pop(uri, None)
            else:
                self.reports[uri] = (report, pos)
                for f in report.findings:
                    diagnostics.append(lsp.Diagnostic(
                        range=pos.range(f.start, f.end), message=f.message, source="ton", code=f.rule,
                        severity=_SEVERITY[f.severity.value]))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))


server = TonServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: TonServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri, params.text_document.text)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: TonServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    ls.check(doc.uri, doc.source)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: TonServer, params: lsp.DidSaveTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    ls.check(doc.uri, doc.source)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: TonServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.reports.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def _code_actions(ls: TonServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    if uri not in ls.reports:
        return []
    report, pos = ls.reports[uri]
    want = params.range
    actions = []
    for f in report.findings:
        if f.fix is None:
            continue
        r = pos.range(f.start, f.end)
        # Only the findings under the cursor or the selection.
        if (r.end.line, r.end.character) < (want.start.line, want.start.character) or \
                (r.start.line, r.start.character) > (want.end.line, want.end.character):
            continue
        edits = [lsp.TextEdit(range=pos.range(e.start, e.end), new_text=e.replacement) for e in f.fix.edits]
        actions.append(lsp.CodeAction(
            title=f"ton : {f.fix.description or f.message}", kind=lsp.CodeActionKind.QuickFix,
            is_preferred=f.fix.safety.value == "sure",
            edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return actions


def run() -> None:
    server.start_io()
