"""Reading a saved e-mail (.eml) as the message its recipient would see.

The text checked is « Objet : <Subject> », a blank line, then the body: the text/plain part,
or the HTML part turned into text when that is all there is. Transfer encodings
(base64, quoted-printable) and charsets are decoded by Python's `email` package. Quoted
history is kept as "> " lines so that structure.py leaves it out of the analysis, as it
does for a pasted reply. Line numbers in reports count in this text, not in the raw file.
"""
from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser

from .errors import InputError
from .decodage import Source, check_length, decode

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr"}
_SKIP = {"script", "style", "head", "title"}


class _HtmlText(HTMLParser):
    """Visible text with line breaks at block boundaries; <blockquote> and Gmail quotes become "> " lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = [(0, "")]
        self.quote = 0
        self.skip = 0
        self.stack: list[bool] = []  # for each open div: did it open a quote?

    def _newline(self) -> None:
        if self.lines[-1][1].strip():
            self.lines.append((self.quote, ""))
        else:
            self.lines[-1] = (self.quote, "")

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag in _SKIP:
            self.skip += 1
        elif tag == "blockquote" or (tag == "div" and ("gmail_quote" in cls or "moz-cite-prefix" in cls)):
            self.quote += 1
            if tag == "div":
                self.stack.append(True)
            self._newline()
        elif tag == "div":
            self.stack.append(False)
            self._newline()
        elif tag in _BLOCKS:
            if tag == "br":
                self.lines.append((self.quote, ""))
            else:
                self._newline()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote" or (tag == "div" and self.stack and self.stack.pop()):
            self.quote = max(0, self.quote - 1)
            self._newline()
        elif tag in _BLOCKS:
            self._newline()

    def handle_data(self, data):
        if self.skip:
            return
        depth, line = self.lines[-1]
        text = " ".join(data.split()) if "\n" in data or "  " in data else data
        if not line and text.startswith(" "):
            text = text.lstrip()
        self.lines[-1] = (max(depth, self.quote), line + text)

    def text(self) -> str:
        out: list[str] = []
        for depth, line in self.lines:
            line = line.strip()
            if not line and (not out or not out[-1]):
                continue  # collapse runs of blank lines
            out.append(("> " * depth + line) if line else "")
        return "\n".join(out).strip() + "\n"


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text()


def parse_eml(data: bytes, path: str) -> Source:
    try:
        msg = email.message_from_bytes(data, policy=policy.default)
    except Exception:  # the parser is lenient; anything raised here means the file is not an e-mail
        raise InputError(path, "ce fichier .eml n'est pas un e-mail lisible.") from None
    assert isinstance(msg, EmailMessage)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputError(path, "cet e-mail n'a aucune partie texte (ni texte brut ni HTML) à vérifier.")
    charset = part.get_content_charset() or "us-ascii"
    try:
        body = part.get_content()
    except (LookupError, UnicodeError):
        # Unknown or wrong declared charset: detect it as for a plain file.
        body = decode(part.get_payload(decode=True) or b"", path).text
    if not isinstance(body, str):
        raise InputError(path, "la partie texte de cet e-mail n'est pas du texte.")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        body = html_to_text(body)
    subject = " ".join(str(msg.get("Subject", "") or "").split())
    text = f"Objet : {subject}\n\n{body.lstrip(chr(10))}" if subject else body
    if not body.strip():
        raise InputError(path, "le corps de cet e-mail est vide.")
    # A corrupt base64 body decodes to bytes that are no text: not a message to analyse.
    garbage = sum(1 for c in body if c == "\ufffd" or (ord(c) < 32 and c not in "\n\t\f") or 0x7f <= ord(c) < 0xa0)
    if garbage > max(2, len(body) // 100):
        raise InputError(path, "la partie texte de cet e-mail n'est pas du texte lisible (contenu corrompu ou binaire).")

    check_length(path, text)
    return Source(path, text, f"eml ({charset})", sent=_sent(msg))


def _sent(msg: EmailMessage):
    """The Date: header as the sender's wall clock (the interview's time in the text is theirs too);
    None when absent or unreadable: the rule delai then reads only the words of the text."""
    from email.utils import parsedate_to_datetime

    from .dates import Moment

    raw = msg.get("Date")
    if not raw:
        return None
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        return None
    return Moment(when.replace(tzinfo=None), True) if when is not None else None
