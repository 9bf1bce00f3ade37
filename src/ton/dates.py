"""The interview's date as the candidate's text gives it, resolved against the send date (rule delai).

The words of dates are data (lexicons/dates.yaml); only the shape of a date is here: a weekday,
a day and a month, a numeric date, a word relative to the send date (« demain »), then an optional
time. Which date is the interview's (next to a word of listes.yaml @entretien) is decided by the
rule (rules/delai.py), which reads the analysis.

dateparser (1.5) was tried first and left out: on these messages it reads « Je » as « jeudi »,
drops « à 10 h », puts « jeudi 14 mai » in 2110 and does not know « ce jeudi » or « jeudi dernier »;
the sentence-level anchoring had to be written anyway.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from .errors import LexiconError

FUTURE, PAST = "futur", "passe"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


@dataclass(frozen=True)
class Moment:
    """A day, with its time when known (wall clock of the sender: no time zone arithmetic)."""

    when: datetime
    has_time: bool = True

    @property
    def day(self) -> date:
        return self.when.date()

    def bounds(self) -> tuple[datetime, datetime]:
        """The earliest and latest instants it may stand for (the whole day when no time is said)."""
        if self.has_time:
            return self.when, self.when
        start = datetime.combine(self.day, time(0, 0))
        return start, start + timedelta(hours=23, minutes=59)


def parse_iso(value: str) -> Moment | None:
    """« AAAA-MM-JJ » or « AAAA-MM-JJTHH:MM » (--date-envoi, the examples of dates.yaml); None if invalid."""
    m = _ISO.fullmatch(value.strip())
    if not m:
        return None
    y, mo, d, h, mi = m.groups()
    try:
        when = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0))
    except ValueError:
        return None
    return Moment(when, h is not None)


@dataclass(frozen=True)
class DateWords:
    """lexicons/dates.yaml, compiled: names to write, forms to read, and the regex of a date."""

    months: tuple[str, ...]  # the name ton writes, January first
    weekdays: tuple[str, ...]  # Monday first
    regex: re.Pattern
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    relative: dict[str, int]
    next_words: frozenset[str]
    last_words: frozenset[str]
    new_words: frozenset[str]
    first_words: frozenset[str]  # « 1er », « premier »
    destination: frozenset[str]
    examples: tuple[dict, ...]

    def french(self, m: Moment, ref_year: int | None = None) -> str:
        """« mardi 3 décembre à 10 h », « lundi 1er juin 2027 à 9 h 30 »."""
        d = m.day
        out = f"{self.weekdays[d.weekday()]} {'1er' if d.day == 1 else d.day} {self.months[d.month - 1]}"
        if ref_year is not None and d.year != ref_year:
            out += f" {d.year}"
        if m.has_time:
            out += f" à {m.when.hour} h" + (f" {m.when.minute:02d}" if m.when.minute else "")
        return out


def _alt(forms) -> str:
    # Longest first, so that « après-demain » wins over « demain ».
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _names(data: Any, file: str, key: str, count: int) -> tuple[tuple[str, ...], dict[str, int]]:
    if not (isinstance(data, dict) and len(data) == count):
        raise LexiconError(file, key, f"doit associer {count} noms, dans l'ordre, à leurs formes")
    names, index = [], {}
    for i, (name, forms) in enumerate(data.items()):
        if not (isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() for f in forms)):
            raise LexiconError(file, f"{key}.{name}", "doit être une liste non vide de formes")
        names.append(str(name))
        for f in forms:
            index[f.lower()] = i
    return tuple(names), index


def _words(data: dict, file: str, key: str) -> list[str]:
    words = data.get(key)
    if not (isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words)):
        raise LexiconError(file, key, "doit être une liste non vide de mots")
    return [w.lower() for w in words]


def load_words(data: Any, file: str = "dates.yaml") -> DateWords:
    """Checks dates.yaml (errors name the file and the key) and compiles the regex of a date."""
    if not isinstance(data, dict):
        raise LexiconError(file, "(racine)", "doit être un dictionnaire")
    months, month_of = _names(data.get("mois"), file, "mois", 12)
    weekdays, weekday_of = _names(data.get("jours"), file, "jours", 7)
    rel = data.get("relatifs")
    if not (isinstance(rel, dict) and rel and all(isinstance(v, int) and not isinstance(v, bool) for v in rel.values())):
        raise LexiconError(file, "relatifs", "doit associer un mot à un nombre de jours")
    relative = {str(k).lower(): v for k, v in rel.items()}
    w = {k: _words(data, file, k) for k in ("prochain", "dernier", "ce", "articles", "moments", "avant_heure",
                                            "heure", "midi", "nouveau", "destination", "premier")}
    examples = data.get("exemples") or []
    if not isinstance(examples, list):
        raise LexiconError(file, "exemples", "doit être une liste")
    for i, ex in enumerate(examples):
        ok = isinstance(ex, dict) and set(ex) == {"envoi", "sens", "texte", "date"} \
            and ex["sens"] in (FUTURE, PAST) and parse_iso(str(ex["envoi"])) is not None \
            and (ex["date"] is None or parse_iso(str(ex["date"])) is not None)
        if not ok:
            raise LexiconError(file, f"exemples[{i}]", "attendu : envoi, sens (futur ou passe), texte et date "
                                                       "(AAAA-MM-JJ ou AAAA-MM-JJTHH:MM, ou null)")
    month, day = _alt(month_of), rf"{_alt(w['premier'])}|[0-3]?\d"
    weekday, art = _alt(weekday_of), _alt(w["articles"])
    qualifier = _alt(w["prochain"] + w["dernier"])
    unit = rf"(?:{_alt(w['heure'])})(?![^\W\d_])"  # « 10 h », « 9h30 »: no letter right after
    hour = (rf"(?:\s*,?\s*(?:(?:{_alt(w['avant_heure'])})\s+)?(?:(?P<h>[0-2]?\d)\s*(?:{unit}|:)"
            rf"\s*(?P<mi>[0-5]\d)?|(?P<midi>{_alt(w['midi'])})\b))?")
    moment = rf"(?:\s+(?:{_alt(w['moments'])})\b)?"
    shape = (
        rf"(?<![\w-])(?:"
        rf"(?P<rel>{_alt(relative)})"
        rf"|(?:(?:{_alt(w['ce'])})\s+)?(?:(?P<wd>{weekday})\s+)?(?:(?:{art})\s*)?(?P<d>{day})\s+(?P<m>{month})(?:\s+(?P<y>\d{{4}}))?"
        rf"|(?P<nd>[0-3]?\d)/(?P<nm>[01]?\d)(?:/(?P<ny>\d{{4}}|\d{{2}}))?"
        rf"|(?:(?P<ce>{_alt(w['ce'])})\s+)?(?P<wd2>{weekday})(?:\s+(?P<d2>{day})\b(?!\s*{unit}|:))?(?:\s+(?P<q>{qualifier}))?"
        # « du 22 », but not « de 10 h » nor « de 30 minutes »: a word after it must be a time's or a moment's.
        rf"|(?:{art})\s*(?P<d3>{day})(?![\d/:]|[.,]\d|\s*{unit})"
        rf"(?!\s+(?!(?:{_alt(w['avant_heure'] + w['moments'] + w['midi'])})(?![^\W\d_]))[^\W\d_])"
        rf"){moment}{hour}(?![\w/])"
    )
    return DateWords(months, weekdays, re.compile(shape, re.IGNORECASE), month_of, weekday_of, relative,
                     frozenset(w["prochain"]), frozenset(w["dernier"]), frozenset(w["nouveau"]),
                     frozenset(w["premier"]), frozenset(w["destination"]), tuple(examples))


def _day_number(s: str, words: DateWords) -> int:
    return 1 if s.lower() in words.first_words else int(s)


def _pick(candidates: list[date], ref: date, direction: str | None) -> date | None:
    """The candidate in the message's direction nearest to the send day (within a year), else the nearest."""
    if not candidates:
        return None
    if direction == FUTURE:
        ahead = [c for c in candidates if 0 <= (c - ref).days <= 330]
        if ahead:
            return min(ahead)
    elif direction == PAST:
        behind = [c for c in candidates if 0 <= (ref - c).days <= 330]
        if behind:
            return max(behind)
    return min(candidates, key=lambda c: (abs((c - ref).days), c))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(m: re.Match, words: DateWords, ref: Moment, direction: str | None) -> Moment | None:
    """The day (and time) a date expression means, for a message sent at `ref`."""
    g = {k: v for k, v in m.groupdict().items() if v}
    today = ref.day
    day: date | None = None
    if "rel" in g:
        day = today + timedelta(days=words.relative[g["rel"].lower()])
    elif "m" in g:
        d, mo = _day_number(g["d"], words), words.month_of[g["m"].lower()] + 1
        if "y" in g:
            day = _safe(int(g["y"]), mo, d)
        else:
            cands = [c for y in (today.year - 1, today.year, today.year + 1) if (c := _safe(y, mo, d))]
            # « jeudi 14 mai »: the weekday tells the year when it can.
            if "wd" in g:
                cands = [c for c in cands if c.weekday() == words.weekday_of[g["wd"].lower()]] or cands
            day = _pick(cands, today, direction)
    elif "nm" in g:
        d, mo = int(g["nd"]), int(g["nm"])
        if "ny" in g:
            y = int(g["ny"])
            day = _safe(y + 2000 if y < 100 else y, mo, d)
        else:
            day = _pick([c for y in (today.year - 1, today.year, today.year + 1) if (c := _safe(y, mo, d))],
                        today, direction)
    elif "wd2" in g:
        wd = words.weekday_of[g["wd2"].lower()]
        q = g.get("q", "").lower()
        span = range(-70, 71) if "d2" in g else range(-7, 8)
        cands = [today + timedelta(days=k) for k in span if (today + timedelta(days=k)).weekday() == wd]
        if "d2" in g:  # « vendredi 5 »: that weekday falling on that day of a month
            cands = [c for c in cands if c.day == _day_number(g["d2"], words)]
        if q in words.next_words:
            cands, direction = [c for c in cands if c > today], FUTURE
        elif q in words.last_words:
            cands, direction = [c for c in cands if c < today], PAST
        day = _pick(cands, today, direction or FUTURE)
    elif "d3" in g:
        d = _day_number(g["d3"], words)
        cands = []
        for k in (-1, 0, 1):
            y, mo = divmod(today.month - 1 + k, 12)
            if (c := _safe(today.year + y, mo + 1, d)):
                cands.append(c)
        day = _pick(cands, today, direction)
    if day is None:
        return None
    if "midi" in g:
        return Moment(datetime.combine(day, time(12, 0)), True)
    if "h" in g and int(g["h"]) < 24:
        return Moment(datetime.combine(day, time(int(g["h"]), int(g.get("mi", 0)))), True)
    return Moment(datetime.combine(day, time(0, 0)), False)


# Words between the interview and its date: « notre entretien téléphonique prévu le 3 décembre ».
_MAX_GAP_AFTER, _MAX_GAP_BEFORE = 4, 3


def nearest(text: str, s0: int, s1: int, start: int, end: int, words: DateWords) -> re.Match | None:
    """The date right after the interview's word at [start, end) (« notre entretien du 3 décembre »), else
    right before it (« demain pour l'entretien »), in the sentence [s0, s1)."""
    after = before = None
    for d in words.regex.finditer(text, s0, s1):
        if d.start() >= end and after is None:
            gap = text[end:d.start()].split()
            # « décaler l'entretien au jeudi 15 », « à la semaine du 30 juin »: where it goes, not when it was.
            if len(gap) <= _MAX_GAP_AFTER and not re.search(r"[.;!?]", " ".join(gap)) \
                    and not (gap and gap[0].lower() in words.destination):
                after = d
        elif d.end() <= start:
            gap = text[d.end():start]
            if len(gap.split()) <= _MAX_GAP_BEFORE and not re.search(r"[.;!?,]", gap):
                before = d
    return after or before
