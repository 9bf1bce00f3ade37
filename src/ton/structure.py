"""Finding the parts of a message: subject, salutation, body, closing, signature, quotes.

All spans are offsets into the original text. Quoted replies and forwarded parts are
`quoted`: the analysis never looks at them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import StructureLexicon

Range = tuple[int, int]


@dataclass
class Structure:
    text: str
    subject: Range | None = None
    salutation: Range | None = None
    body: Range = (0, 0)
    closing: Range | None = None
    signature: Range | None = None
    quoted: list[Range] = field(default_factory=list)
    holes: list[Range] = field(default_factory=list)  # template placeholders, found by check.placeholder_spans
    breaks: list[int] = field(default_factory=list)  # spaces read as line breaks (one-line messages)
    postscript: Range | None = None  # "P.S. : …" after the signature: the candidate's own text again

    def own_sentence(self, start: int) -> bool:
        """A sentence of the candidate's own text: in the body or in a P.S., not in a quote."""
        b0, b1 = self.body
        ps = self.postscript
        return (b0 <= start < b1 or (ps is not None and ps[0] <= start < ps[1])) and not self.outside_body(start)

    def analysis_text(self) -> str:
        """Same length as the text, quoted parts blanked, so offsets map 1:1; the inline breaks of a
        one-line message become line breaks, so that sentences end there too."""
        chars = list(self.text)
        for i in self.breaks:
            chars[i] = "\n"
        for start, end in self.quoted:
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def in_quote(self, pos: int) -> bool:
        # Asked for every match and word: the quotes are indexed once (again if the list was replaced or grown).
        key = (id(self.quoted), len(self.quoted))
        if self.__dict__.get("_quotes_key") != key:
            from .positions import Covering

            self.__dict__["_quotes"], self.__dict__["_quotes_key"] = Covering(self.quoted), key
        return pos in self.__dict__["_quotes"]

    def outside_body(self, start: int) -> bool:
        """Subject and signature are not where the checklist points are made."""
        for r in (self.subject, self.signature):
            if r and r[0] <= start < r[1]:
                return True
        return self.in_quote(start)


_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for m in _LINE.finditer(text):
        if not m.group(0):
            break
        raw = m.group(0)
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content), content))
        pos += len(raw)
    return out


_WORD_START = re.compile(r"(?<=[ \t])\S")


def is_emoji(text: str) -> bool:
    """One emoji (the pictographs and symbol blocks; not « ° », « © », « ™ », symbols of ordinary text)."""
    return len(text) == 1 and (ord(text) >= 0x1F000 or 0x2600 <= ord(text) <= 0x27BF)


def inline_breaks(text: str, lex: StructureLexicon) -> list[int]:
    """« Objet : … Bonjour Madame, … Cordialement, Hugo » written on one line: the spaces before the
    salutation that follows a subject, and before a closing formula that follows a full stop near the
    end of the line, are where the lines of a normal e-mail would break."""
    out = []
    for s, e, line in _lines(text):
        if len(line.split()) < 12:
            continue
        m = lex.objet.search(line)
        if m:
            for w in _WORD_START.finditer(line, m.end()):
                if w.group(0)[0].isupper() and lex.salutation.match(line[w.start():]):
                    out.append(s + w.start() - 1)
                    break
        starts = [w.start() for w in _WORD_START.finditer(line)]
        for p in reversed(starts[-12:]):
            # (An emoji ends a sentence too: « … très généreux 🙃 Bonne continuation ».)
            end = line[:p].rstrip()[-1:]
            if (end in ".!?" or (is_emoji(end) and line[p].isupper())) \
                    and lex.formule_finale.match(line[p:]):
                out.append(s + p - 1)
                break
    return sorted(out)


def parse(text: str, lex: StructureLexicon) -> Structure:
    st = Structure(text=text)
    st.breaks = inline_breaks(text, lex)
    lined = list(text)
    for i in st.breaks:
        lined[i] = "\n"
    lines = _lines("".join(lined))

    # Quoted replies: "> " lines, and everything after a reply or forward header.
    quote_start = None
    for i, (s, e, content) in enumerate(lines):
        joined = content + (" " + lines[i + 1][2] if i + 1 < len(lines) else "")
        # Headers may wrap: "Le …\na écrit :", "De : X\nEnvoyé : …" (the joined line is tested too).
        if lex.citation.search(content) or (content.strip().lower().startswith(("le ", "de ", "de:", "from"))
                                            and lex.citation.search(joined)):
            quote_start = s
            break
    for s, e, content in lines:
        if quote_start is not None and s >= quote_start:
            break
        if content.lstrip().startswith(">"):
            st.quoted.append((s, min(e + 1, len(text))))
    if quote_start is not None:
        st.quoted.append((quote_start, len(text)))
    own_end = quote_start if quote_start is not None else len(text)
    own = [(s, e, c) for s, e, c in lines if s < own_end and not st.in_quote(s) and c.strip()]
    if not own:
        st.body = (0, 0)
        return st

    idx = 0
    s, e, c = own[idx]
    m = lex.objet.search(c)
    if m:
        st.subject = (s, e)
        idx += 1

    if idx < len(own):
        s, e, c = own[idx]
        if lex.salutation.search(c):
            # One-line messages: "Cher [Nom], J'espère…", "Bonjour ! je ne pourrai pas…" — the salutation
            # stops at the first comma or "!", if what comes before is short enough to be a greeting.
            cut = min((i for i in (c.find(","), c.find("!")) if i >= 0), default=-1)
            if 0 <= cut and len(c[:cut].split()) <= 6 and cut < len(c.rstrip()) - 1:
                st.salutation = (s, s + cut + 1)
            elif 0 <= cut < len(c.rstrip()) - 1 or len(c.split()) > 8:
                st.salutation = None  # a whole sentence that happens to start with "Bonjour"
            else:
                st.salutation = (s, e)
                idx += 1

    body_start = (_next_nonspace(text, st.salutation[1]) if st.salutation
                  else own[idx][0] if idx < len(own) else own[-1][1])

    # Closing formula: the last line that opens one, in the last lines of the message.
    for j in range(len(own) - 1, idx - 1, -1):
        s, e, c = own[j]
        if len(own) - j > 6:
            break
        m = lex.formule_finale.search(c)
        # (A thanking closing with nothing before it, « Merci bcp » alone, is the message itself.)
        if m and (s > body_start or not c.lstrip().lower().startswith("merci")):
            st.closing = (s + len(c) - len(c.lstrip()), e)
            # A "PS :" after the signature is the candidate's own text again.
            tail_end = own[-1][1]
            for k, (ps_s, _ps_e, ps_c) in enumerate(own[j + 1:]):
                # (« Merci ! » then « Au fait, t'as vraiment des missions en réa ou c'était pour faire joli ? » :
                # a whole sentence right after the closing is the candidate's own text again, not a signature;
                # after the name, it is a footer: « Merci de penser à l'environnement avant d'imprimer… ».)
                if _PS.match(ps_c) or (k == 0 and c.lstrip().lower().startswith("merci") and _afterthought(ps_c)):
                    tail_end = max((x_e for x_s, x_e, _ in own if x_e <= ps_s), default=e)
                    st.postscript = (ps_s + len(ps_c) - len(ps_c.lstrip()), own[-1][1])
                    break
            if e < tail_end:
                st.signature = (_next_nonspace(text, e), tail_end)
            else:
                # "Cordialement, Marie Dupont" on one line: the name is the signature.
                comma = c.find(",", m.end())
                if 0 <= comma < len(c.rstrip()) - 1:
                    st.closing = (s, s + comma + 1)
                    st.signature = (_next_nonspace(text, s + comma + 1), e)
            break
    body_end = st.closing[0] if st.closing else own[-1][1]
    if not st.closing:
        # A bare name on the last line is a signature.
        s, e, c = own[-1]
        if len(own) > 1 and _looks_like_name(c) and s >= body_start:
            st.signature = (s, e)
            body_end = s
    st.body = (body_start, max(body_start, body_end))
    return st


def _afterthought(line: str) -> bool:
    """A sentence, not a signature line (a name, a title, a phone number): eight words or more, ending
    on a stop, a question or an exclamation mark (an emoji may follow)."""
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    # (« Marie Dupont, infirmière diplômée d'État, dix ans en réanimation. » is a signature all the same.)
    first = line.split(",")[0].split()
    named = 2 <= len(first) <= 4 and all(w[:1].isupper() for w in first)
    return len(words) >= 8 and not named and bool(re.search(r"[.?!…]\W*$", line.strip()))


def _next_nonspace(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


_PS = re.compile(r"^\s*(p\.?\s*-?\s*s\.?|ps)\s*[:.\-–]", re.IGNORECASE)
_NAME = re.compile(r"^\s*[\[A-ZÉÈ][\w\-'’\]\[ .]{0,40}$")


def _looks_like_name(line: str) -> bool:
    words = line.split()
    if 1 <= len(words) <= 4 and bool(_NAME.match(line)) and not line.rstrip().endswith((".", "!", "?")):
        return True
    # « Sophie Arnaud, IDE », « Paul Martin, technicien » : a full name, then a short title after a comma.
    name, _, title = line.partition(",")
    first = name.split()
    return 2 <= len(first) <= 4 and all(w[:1].isupper() for w in first) and bool(_NAME.match(name)) \
        and 1 <= len(title.split()) <= 5 and not re.search(r"[.!?…]\W*$", title.strip())
