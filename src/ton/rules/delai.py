from dataclasses import dataclass
from datetime import timedelta

from ..analysis import Analysis
from ..dates import FUTURE, PAST, DateWords, Moment, nearest, resolve
from ..model import Finding, Severity
from .base import Context, Rule, finding, quote

ID = "delai"
_LATE_NOTICE = ("annulation", "report", "declinaison")
# The seeds' advice, quoted in the findings (documents 000 and 004).
_ADVICE_NOTICE = ("Les guides conseillent « un préavis d'au moins 24 à 48 heures » et, « la méthode la plus "
                  "professionnelle », d'appeler aussi.")
_ADVICE_THANKS = "Les guides conseillent d'envoyer le mot de remerciement « le jour suivant votre entrevue »."
_ADVICE_FOLLOW_UP = ("Les guides conseillent de relancer quand « une semaine a passé » sans nouvelles ; avant, un "
                     "simple remerciement suffit.")


def check(ctx: Context) -> list[Finding]:
    """When the message is sent relative to the interview: from the dates when the send date is known
    (an e-mail's Date: header, --date-envoi) and the text dates the interview; else, or when the dates
    leave it open, from what the text says (lexicons/expressions/delai.yaml): a cancellation the day
    before or the same day, a thank-you note days later, a follow-up the next day."""
    mtype = ctx.meta.get("type")
    sent = ctx.meta.get("date_envoi")
    if sent is not None and mtype in (*_LATE_NOTICE, "relance"):
        decided = _from_dates(ctx, mtype, sent)
        if decided is not None:
            return decided
    return _from_words(ctx, mtype)


def _from_dates(ctx: Context, mtype: str, sent: Moment) -> list[Finding] | None:
    """The findings the two dates call for; None when the text gives no interview date, or when the
    dates cannot tell (a day without its hour, an interview on the wrong side of the send date)."""
    a = ctx.analysis
    late_notice = mtype in _LATE_NOTICE
    found = interview_date(a, sent, FUTURE if late_notice else PAST)
    if found is None:
        return None
    conf = ctx.config.get("delai", {})
    words = a.lexicon.dates
    when = words.french(found.moment, sent.day.year)
    sent_at = words.french(sent, found.moment.day.year)
    if late_notice:
        lo_i, hi_i = found.moment.bounds()
        lo_s, hi_s = sent.bounds()
        limit = timedelta(hours=float(conf.get("preavis_heures", 24)))
        if hi_i < lo_s:
            return None  # the interview would be over: a misread date, the words decide
        if hi_i - lo_s < limit:
            return [finding(ID, Severity.INFO,
                            f"Vous prévenez moins de {_hours(limit)} heures avant l'entretien (message envoyé le "
                            f"{sent_at}, entretien le {when}). {_ADVICE_NOTICE}", found.start, found.end)]
        return [] if lo_i - hi_s >= limit else None
    days = (sent.day - found.moment.day).days
    if days < 0:
        return None  # a follow-up before the interview: a misread date
    if a.group("types.relance_forte") or a.group("types.relance_suivi"):
        if days < int(conf.get("relance_jours", 7)):
            return [finding(ID, Severity.INFO,
                            f"Relance envoyée {_after(days)} l'entretien (entretien le {when}, message envoyé le "
                            f"{sent_at}). {_ADVICE_FOLLOW_UP}", found.start, found.end)]
        return []
    if days > int(conf.get("remerciement_jours", 2)):
        return [finding(ID, Severity.INFO,
                        f"Remerciement envoyé {_after(days)} l'entretien (entretien le {when}, message envoyé le "
                        f"{sent_at}). {_ADVICE_THANKS}", found.start, found.end)]
    return []


@dataclass(frozen=True)
class InterviewDate:
    moment: Moment
    start: int  # the date's words in the text
    end: int
    text: str


def interview_date(a: Analysis, ref: Moment, direction: str | None) -> InterviewDate | None:
    """The date of the scheduled interview, when the candidate's text ties one to a word of the interview
    (listes.yaml @entretien) in the same sentence, subject line included: « notre entretien du jeudi 14 mai
    à 10 h », « demain pour l'entretien », not « un nouvel entretien jeudi »."""
    lex = a.lexicon
    words: DateWords = lex.dates
    interview = {w.lower() for w in lex.lists.get("entretien", ())}
    definite = lex.words["report.determinants_definis"]
    st = a.structure
    text = st.text  # the analysis' offsets are this text's
    for tok in a.doc:
        if tok.lemma_.lower() not in interview and tok.lower_ not in interview:
            continue
        in_subject = st.subject is not None and st.subject[0] <= tok.idx < st.subject[1]
        if not in_subject and (st.outside_body(tok.idx) or any(h0 <= tok.idx < h1 for h0, h1 in st.holes)):
            continue
        if not _scheduled(tok, definite, words):
            continue
        sent = tok.sent
        found = nearest(text, sent.start_char, sent.end_char, tok.idx, tok.idx + len(tok.text), words)
        moment = resolve(found, words, ref, direction) if found else None
        if moment is not None:
            return InterviewDate(moment, found.start(), found.end(), found.group(0).strip())
    return None


def _scheduled(tok, definite, words: DateWords) -> bool:
    """« notre entretien », « l'appel », not « un entretien » nor « un nouvel entretien »."""
    near = [c for c in tok.children if c.i < tok.i] + list(tok.doc[max(0, tok.i - 2):tok.i])
    if any(t.lower_ in words.new_words for t in near):
        return False
    return any(t.lower_ in definite for t in near if t.dep_ in ("det", "case") or t.i == tok.i - 1)


def _hours(limit: timedelta) -> str:
    h = limit.total_seconds() / 3600
    return str(int(h)) if h == int(h) else f"{h:g}".replace(".", ",")


def _after(days: int) -> str:
    if days == 0:
        return "le jour même de"
    if days == 1:
        return "le lendemain de"
    return f"{days} jours après"


def _from_words(ctx: Context, mtype: str | None) -> list[Finding]:
    a = ctx.analysis
    if mtype in _LATE_NOTICE:
        for m in a.group("delai.proche"):
            return [finding(ID, Severity.INFO,
                            f"Vous prévenez moins de 24 heures avant l'entretien ({quote(m)}). Les guides conseillent "
                            "un préavis d'au moins 24 à 48 heures : si c'est possible, appelez aussi.", m.start, m.end)]
    if mtype == "relance":
        follow_up = a.group("types.relance_forte") or a.group("types.relance_suivi")
        if follow_up:
            for m in a.group("delai.recent"):
                return [finding(ID, Severity.INFO,
                                f"Relance envoyée tôt ({quote(m)}) : les guides conseillent d'attendre une semaine sans "
                                "nouvelles avant de relancer ; le lendemain, un simple remerciement suffit.", m.start, m.end)]
        else:
            for m in a.group("delai.ancien"):
                return [finding(ID, Severity.INFO,
                                f"Remerciement tardif ({quote(m)}) : les guides conseillent de remercier le jour suivant "
                                "l'entretien.", m.start, m.end)]
    return []


RULE = Rule(
    id=ID, kind="regle", title="Moment de l'envoi",
    explanation=(
        "Le moment de l'envoi par rapport à l'entretien : une annulation, un report ou une déclinaison envoyés "
        "moins de 24 heures avant l'entretien (les guides conseillent un préavis d'au moins 24 à 48 heures, et "
        "d'appeler aussi), un mot de remerciement envoyé plus de deux jours après l'entretien (il s'envoie le "
        "jour suivant), une relance envoyée moins d'une semaine après (on relance après une semaine sans "
        "nouvelles). Quand la date d'envoi est connue (en-tête « Date: » d'un .eml, ou --date-envoi "
        "AAAA-MM-JJ[THH:MM]) et que le texte date l'entretien dans la phrase qui en parle (« notre entretien du "
        "jeudi 14 mai à 10 h », « l'entretien de demain à 9 h 30 », « notre échange de jeudi dernier »), les "
        "dates décident ; sinon, les mots du texte (« l'entretien de demain », « la semaine dernière »). Les "
        "seuils sont dans lexicons/reglages.yaml (delai). Information seulement."
    ),
    good="Bonjour,\nJe dois annuler notre entretien de jeudi prochain. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    bad="Bonjour,\nJe dois annuler notre entretien de demain matin. Je vous prie de m'en excuser.\nCordialement,\nLéa",
    severity=Severity.INFO, check=check,
    label="moment de l'envoi", groups=("delai.proche", "delai.ancien", "delai.recent", "types.relance_forte",
                                      "types.relance_suivi"),
    words=("report.determinants_definis",),
)
