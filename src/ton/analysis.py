"""Linguistic analysis of one message: lexicon matches with their polarity.

This is where negation scope, hedging and quotes are decided, once, for every rule:
- a match's polarity comes from the dependency parse (ne/pas… on the match's head or on
  the verbs that govern it through xcomp/obj/obl…, stopping at clause boundaries);
- matches in quoted replies never exist (quotes are blanked before parsing), and
  matches in the subject line or signature are set aside.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from .gestes import SentenceMoves, moves
from .lexicon import Expression, Lexicon
from .positions import Covering
from .structure import Structure

# Leaving a clause: negation above these links does not reach the match.
_CLAUSE_LINKS = {"ROOT", "conj", "ccomp", "advcl", "parataxis", "acl:relcl", "csubj", "appos",
                 "dislocated", "vocative", "list", "orphan", "root"}
_NEG_CORE = {"ne", "n'", "pas", "jamais", "aucun", "aucune", "nullement", "guère", "rien"}


@dataclass
class Match:
    expr: Expression
    span: Span
    literal: frozenset[int]  # token indices matched by words of the motif (not by « ... »)
    negated: bool
    own: bool  # in the candidate's own body text (not subject, signature or quote)
    by_candidate: bool = True  # the candidate is the one who acts (see candidate_acts)

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def valid(self) -> bool:
        """The match says what its expression means, given its polarity."""
        if (self.expr.subject == "candidat" and not self.by_candidate) or \
                (self.expr.subject == "autre" and self.by_candidate):
            return False
        pol = self.expr.polarity
        if pol == "affirmative":
            return not self.negated
        if pol == "negative":
            return self.negated
        return True


@dataclass
class Analysis:
    doc: Doc
    structure: Structure
    lexicon: Lexicon
    matches: list[Match] = field(default_factory=list)
    moves: list[SentenceMoves] = field(default_factory=list)  # the sentence layer's scores (gestes.py)

    def scored(self, label: str, threshold: float) -> list[SentenceMoves]:
        """The candidate's own sentences that the sentence layer gives `label` at `threshold` or more."""
        st = self.structure
        b0 = st.body[0]
        # A unit that opens on an inline greeting (« Bonjour Mme Carré, merci… ») is the candidate's from
        # where the body starts.
        return [s for s in self.moves if s[label] >= threshold
                and (st.own_sentence(s.start) or (s.start < b0 < s.end and st.own_sentence(b0)))]

    def group(self, name: str, *, own: bool = True, valid: bool = True) -> list[Match]:
        return [m for m in self._by_group.get(name, ()) if (m.own or not own) and (m.valid or not valid)]

    @property
    def _by_group(self) -> dict[str, list[Match]]:
        # Indexed once (rules ask for groups per match: rescanning all matches made long messages quadratic);
        # rebuilt if the list was replaced or grown.
        key = (id(self.matches), len(self.matches))
        if getattr(self, "_group_key", None) != key:
            index: dict[str, list[Match]] = {}
            for m in self.matches:
                index.setdefault(m.expr.group, []).append(m)
            self._group_index, self._group_key = index, key
        return self._group_index

    def group_in_sentence(self, name: str, sent_start: int) -> list[Match]:
        """`group(name)` restricted to the sentence starting at token `sent_start`, in the same order."""
        key = (id(self.matches), len(self.matches), name)
        cache = self.__dict__.setdefault("_sentence_index", {})
        if key not in cache:
            index: dict[int, list[Match]] = {}
            starts = self._sent_starts
            for m in self.group(name):
                index.setdefault(starts[m.span.start], []).append(m)
            cache[key] = index
        return cache[key].get(sent_start, [])

    @cached_property
    def body_sentences(self) -> list[Span]:
        b0, b1 = self.structure.body
        return [s for s in self.doc.sents if s.start_char < b1 and s.end_char > b0 and s.text.strip()]

    @cached_property
    def body_sentence_starts(self) -> list[int]:
        """The character offsets where `body_sentences` start, in order (looked up by bisection)."""
        return [s.start_char for s in self.body_sentences]

    @cached_property
    def body_words(self) -> list[Token]:
        b0, b1 = self.structure.body
        return [t for t in self.doc if b0 <= t.idx < b1 and not t.is_punct and not t.is_space]

    def same_sentence(self, a: Match | Span, b: Match) -> bool:
        # Rules compare matches pairwise: one lookup each in the table of sentence starts.
        return self._sent_start(a.span if isinstance(a, Match) else a) == self._sent_starts[b.span.start]

    def _sent_start(self, span) -> int:
        """`span.sent.start` (a Span or a Token), from the table instead of walking the sentence."""
        return self._sent_starts[span.start if isinstance(span, Span) else span.i]

    @cached_property
    def _sent_starts(self) -> list[int]:
        return sentence_starts(self.doc)


def sentence_starts(doc: Doc) -> list[int]:
    """For each token, the start of its sentence, as `Span.sent` finds it (the nearest token at or
    before it whose `sent_start` is 1, else 0), for the whole doc in one pass."""
    if not len(doc):
        return []
    import numpy
    from spacy.attrs import SENT_START

    flags = doc.to_array(SENT_START).astype("int64")
    return numpy.maximum.accumulate(numpy.where(flags == 1, numpy.arange(len(doc)), 0)).tolist()


def doc_text(doc: Doc) -> str:
    """doc.text, built once per doc (spaCy rebuilds it from every token at each access)."""
    text = doc.user_data.get("ton_texte")
    if text is None:
        text = doc.user_data["ton_texte"] = doc.text
    return text


def analyse(doc: Doc, structure: Structure, lex: Lexicon, matcher) -> Analysis:
    neg = lex.settings.get("negation", {})
    markers = set(neg.get("marqueurs", [])) | {"ne", "n'", "pas"}
    inverters = set(neg.get("inverseurs", []))
    volition = frozenset(neg.get("volonte", []))
    opinion = frozenset(neg.get("opinion", []))
    by_key = {e.key: e for e in lex.expressions}
    out = Analysis(doc=doc, structure=structure, lexicon=lex, moves=moves(doc))
    feelings = lex.words[FEELINGS].words
    seen: set[tuple[str, int, int]] = set()
    # Words inside a template placeholder ("[Votre profil LinkedIn]") are not the candidate's words.
    holes = Covering(structure.holes)  # looked up by bisection for each match
    for match_id, start, end, alignments in matcher(doc, with_alignments=True):
        expr = by_key[match_id if isinstance(match_id, str) else doc.vocab.strings[match_id]]
        if (expr.key, start, end) in seen:
            continue
        seen.add((expr.key, start, end))
        span = doc[start:end]
        if not span.text.strip():
            continue
        if expr.after_pause and start > 0 and not doc[start].is_sent_start and not _pause(doc[start - 1]):
            continue
        # A gap (« ... ») may not run over a sentence end: « je vous écris aujourd'hui. Après plusieurs… »
        if any(t.is_sent_start for t in span[1:]):
            continue
        gap_ids = {i for i, t in enumerate(expr.tokens) if t.get("OP") == "{0,3}"}
        literal = frozenset(start + k for k, a in enumerate(alignments) if a not in gap_ids)
        if not expr.pronominal and any(reflexive_use(doc[i]) for i in literal):
            continue
        negated = is_negated(span.root, literal, markers, inverters, volition, opinion)
        own = not structure.outside_body(span.start_char) and span.start_char not in holes
        by_candidate = candidate_acts(span.root, feelings) if expr.subject else True
        out.matches.append(Match(expr, span, literal, negated, own, by_candidate))
    negators: dict[int, list[Match]] = {}  # by sentence, so that each match only looks at its own sentence
    sent_of = out.__dict__["_sent_starts"] = sentence_starts(doc)  # the cached_property, filled here
    for m in out.matches:
        if m.expr.group == "negation.expressions":
            negators.setdefault(sent_of[m.span.start], []).append(m)
    for m in out.matches:
        if m.expr.group != "negation.expressions" and negators and \
                lexical_negation(m.span, negators.get(sent_of[m.span.start], [])):
            m.negated = True  # the parse may already see the same negation: no double count
    out.matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return out


_FIRST_PERSON = {"je", "j'", "j’", "nous", "moi", "on"}
_OTHERS_POSSESSIVE = {"votre", "vos", "leur", "leurs", "son", "sa", "ses"}
_SMS_FIRST_PERSON = {"chui", "chuis", "g", "jai"}


def first_person(word: str) -> bool:
    """"je", and its SMS contractions glued to the verb ("jpeux", "jsuis", "jvais", "chui"): no French
    word starts with j and a consonant."""
    w = word.lower().lstrip("-")
    return w in _FIRST_PERSON or w in _SMS_FIRST_PERSON or (
        len(w) > 2 and w[0] == "j" and w[1].isalpha() and w[1] not in "aeiouyéèêàâîôû'’")


_REFLEXIVE = {"se": "", "s'": "", "s’": "", "me": "je", "m'": "je", "m’": "je", "nous": "nous", "vous": "vous",
               "te": "tu", "t'": "tu", "t’": "tu"}


def reflexive_use(tok: Token) -> bool:
    """A verb used pronominally: « on se déplace », « je dois me déplacer », « le planning s'est décalé ».
    « me », « nous », « vous » are reflexive only with the same person as subject (« pourriez-vous me décaler ? »
    is no pronominal verb); the subject of an infinitive is its governing verb's (« je dois me déplacer »)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    clitics = [c for c in tok.children if c.lower_ in _REFLEXIVE and c.i < tok.i and c.dep_ in ("expl:comp", "expl:pv", "expl", "obj", "iobj")]
    if not clitics:
        return False
    if any(_REFLEXIVE[c.lower_] == "" for c in clitics):
        return True
    node = tok
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subj:
            person = subj[0].lower_.lstrip("-")
            person = "je" if person in ("j'", "j’") else person
            return any(_REFLEXIVE[c.lower_] == person for c in clitics)
        # « je serai en état de me déplacer » : an infinitive completing a noun or an adjective takes the
        # subject of the clause it hangs on.
        # So does an infinitive of an adverbial clause (« avant de me déplacer », « pour me rendre »).
        if node.dep_ != "xcomp" and not (node.dep_ in ("acl", "nmod", "obl", "obl:arg") and node.head.pos_ in ("NOUN", "ADJ")
                                         and "Inf" in node.morph.get("VerbForm")) and node.pos_ not in ("NOUN", "ADJ") \
                and not (node.dep_ == "advcl" and "Inf" in node.morph.get("VerbForm")):
            break
        node = node.head
    return False


_OBJECT_CLITICS = {"vous", "nous", "te", "t'", "t’", "me", "m'", "m’", "se", "s'", "s’", "lui", "leur"}
_GREETINGS = {"bonjour", "bonsoir", "salut", "madame", "monsieur", "hello", "coucou"}


FEELINGS = "sujet.ressentis"  # mots.yaml: « (je suis) désolé de… », said by the writer


def candidate_acts(tok: Token, feelings: frozenset[str] = frozenset()) -> bool:
    """Is the candidate the agent? "je ne viendrai pas" yes; "les choses ne se présentent plus",
    "votre décision", "mon rendez-vous a été déplacé", "pas d'autre moyen de me rendre" no."""
    if tok.pos_ in ("NOUN", "PROPN"):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")]  # "l'offre est une déception"
        if subj:
            return first_person(subj[0].lower_)
        return not any(c.lower_ in _OTHERS_POSSESSIVE for c in tok.children)
    node = tok
    for _ in range(4):
        # A greeting glued to the sentence ("Bonjour ! jvais pas pouvoir venir") is no subject.
        # A subject after its verb is only real when inverted ("pourrions-nous"); otherwise it is a
        # misparse, as is a number ("ma fille a 39 de fièvre").
        # A word set off by a comma ("Désolée, je ne pourrai pas venir") is no subject either.
        doc = node.doc
        if node.pos_ in ("VERB", "AUX") and node.lower_ not in _FIRST_PERSON and first_person(node.lower_):
            return True  # "jpeux pas venir": the subject is glued to the verb (whatever the parser took for one)
        # An infinitive has no subject of its own: an object clitic right before it taken for one
        # (« je dois vous demander de décaler ») is a misparse.
        infinitive = "Inf" in node.morph.get("VerbForm")
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")
                and c.lower_ not in _GREETINGS and c.pos_ != "NUM" and (c.i < node.i or c.text.startswith("-"))
                and not (c.i + 1 < len(doc) and doc[c.i + 1].text == ",")
                and not (infinitive and c.i == node.i - 1 and c.lower_ in _OBJECT_CLITICS)]
        if subj:
            if any(c.dep_ == "expl:subj" for c in subj):
                return True  # impersonal "serait-il possible de décaler", "il m'est impossible de venir"
            # « Est-ce que ce serait possible de décaler l'entretien ? » : a demonstrative the parser gives an
            # infinitive for subject is the impersonal frame's, as above.
            if infinitive and all(c.lower_ in ("ce", "c'", "c’", "ça", "cela") for c in subj):
                return True
            # « Pourriez-vous décaler notre entretien ? » : a request the writer makes, asking the recipient.
            if node.lemma_ in ("pouvoir", "vouloir") and any(c.lower_ == "-vous" for c in subj) \
                    and any(t.text == "?" for t in node.sent):
                return True
            # « on m'a fait une autre proposition » : « on » with « me » as object is someone else.
            me_object = any(c.lower_ in ("me", "m'", "m’") and c.dep_ in ("obj", "iobj") for c in node.children)
            return any(first_person(c.lower_) and not (c.lower_ == "on" and me_object) for c in subj)  # "pourrions-nous"
        # (A capitalised « Pourriez » is tagged as a proper noun; its lemma is fixed: capitalised_verb_lemmas.)
        if node.dep_ == "xcomp" and (node.head.pos_ in ("VERB", "AUX", "ADJ") or node.head.lemma_ in ("pouvoir", "vouloir")):
            # "un imprévu m'oblige à décaler": the candidate, object of the governing verb, acts.
            if any(c.lower_ in ("me", "m'", "m’") and c.dep_ in ("obj", "iobj") for c in node.head.children):
                return True
            node = node.head  # "je dois annuler", "je serais ravi de reporter"
            continue
        if node.dep_ in ("acl", "nmod") and infinitive and node.head.pos_ in ("NOUN", "ADJ") \
                and any(c.dep_ == "cop" for c in node.head.children):
            # « je suis au regret de ne pas pouvoir venir », « je suis dans l'obligation d'annuler »: the
            # subject of the copula that the infinitive completes (« elle n'est pas certaine de pouvoir se
            # libérer » : a colleague's).
            node = node.head
            continue
        # « ma décision de ne pas poursuivre », « mon choix de décliner » : the infinitive completes a noun
        # that is the writer's own.
        if node.dep_ == "acl" and infinitive and node.head.pos_ == "NOUN" \
                and any(c.dep_ == "det" and c.lower_ in ("mon", "ma", "mes") for c in node.head.children):
            return True
        # « Mon frère vit au Canada et ne peut pas venir » : a coordinated verb shares the subject of the first —
        # when its own form is a third person's (« peut », « pourra »): a writer who drops « je » (« ma fille est
        # malade et dois annuler ») keeps a first person's form, which the tagger does not tell apart.
        if node.dep_ == "conj" and not infinitive and node.head.i < node.i and node.head.pos_ in ("VERB", "AUX", "ADJ") \
                and node.lower_.endswith(("t", "a")):
            node = node.head
            continue
        break
    # « Désolé de vous faire attendre »: the elided « je suis » (the parser often takes a capitalised
    # « Désolé » for a noun or a pronoun).
    if node.head.i != node.i and node.head.lower_ in feelings:
        return True
    # No subject (imperative, ellipsis, SMS "jvais pas pouvoir venir"): the writer acts, except for
    # an infinitive that only completes a noun ("pas d'autre moyen de me rendre à Vélizy").
    return not ("Inf" in node.morph.get("VerbForm") and node.head.pos_ in ("NOUN", "PRON", "PROPN")
                and node.head.i != node.i)


def _pause(tok: Token) -> bool:
    """A punctuation mark that pauses the sentence: not the hyphen of an inversion split from its verb
    (« suffisent-elles ? » : « elles » opens nothing)."""
    return tok.is_punct and not (tok.text in ("-", "‑") and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_)


def modal_imperfect(word: str) -> bool:
    """« pouvais », « devais », « arrivait » : a modal's imperfect, not its conditional (« pourrais ») nor a present
    (« vais ») — the tagger often reads « devais » as a conditional."""
    return word.startswith(("pouv", "voul", "dev", "sav", "arriv", "parven")) \
        and word.endswith(("ais", "ait", "aient")) and not word.endswith(("rais", "rait", "raient"))


def in_past(tok: Token, copula: bool = False) -> bool:
    """The verb is in a past tense: compound (« j'ai choisi », « nous avions décidé ») or simple (« je pensais »).
    A participle alone (« ravie », « rien n'est décidé ») is no past. `copula`: the tense of its copula counts
    (« j'étais ravie de vous rencontrer »)."""
    if any(c.dep_ == "aux:tense" for c in tok.children):
        return True
    if tok.morph.get("Tense") in (["Past"], ["Imp"]) and "Part" not in tok.morph.get("VerbForm"):
        return True
    return copula and any(c.dep_ == "cop" and c.morph.get("Tense") in (["Past"], ["Imp"]) for c in tok.children)


def imperative(tok: Token) -> bool:
    """A verb in the imperative (« tenez-moi informée »); the tagger may miss « dites-moi », « dis-moi » (a
    verb read as an adjective), whose « -moi » tells it."""
    return "Imp" in tok.morph.get("Mood") or tok.lower_ in ("-moi", "-nous")


def conditional(tok: Token) -> bool:
    """The tagger confuses future and conditional (« je ne serai pas », « je pourrai » tagged Cnd) and
    often calls « je serais » indicative: the ending tells."""
    return tok.pos_ not in ("NOUN", "ADJ", "ADV") and tok.lower_.endswith(("rais", "rait", "rions", "riez", "raient"))


# Negative words that pair with a « ne » on the verb above them (« je n'ai reçu aucun message ») : one negation.
_PAIRED = {"aucun", "aucune", "rien", "personne", "nul", "nulle"}


def _negations(node: Token, literal: frozenset[int], markers: set[str], info: dict | None = None) -> int:
    core = sans = 0
    ne_only = True
    paired = False
    # « je ne serai pas en état de me déplacer » : the parser may hang the negation on the copula.
    children = [*node.children, *(g for c in node.children if c.dep_ == "cop" for g in c.children)]
    # « je sais pas encore », « c'est pas vraiment possible » : without « ne », the parser may hang « pas » on the
    # adverb right after it.
    # (Not « pas mal », « pas loin » : « quite », « nearly ».)
    children += [g for c in node.children if c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in ("mal", "loin")
                 for g in c.children if g.lower_ in ("pas", "plus", "jamais") and g.i == c.i - 1]
    # « N'importe quel jour me va » : « n'importe » is « any », no negation.
    children = [c for c in children if not (c.lower_ in ("n'", "n’") and c.i + 1 < len(c.doc) and c.nbor(1).lower_ == "importe")]
    # « …, pourquoi pas lorsque vous chercherez des partenaires » : « why not », no negation.
    children = [c for c in children if not (c.lower_ == "pas" and c.i and c.nbor(-1).lower_ == "pourquoi")]
    has_ne = any(c.lower_ in ("ne", "n'", "n’") for c in children)
    if has_ne and _rhetorical(node):
        return 0
    if _superlative_never(node, children):
        return 0
    for child in children:
        if child.i in literal:
            continue
        low = child.lower_
        # « Pas d'inquiétude, on peut trouver un autre moment » : a verbless phrase set off by a comma.
        if not has_ne and child.i < node.i and any(t.text == "," for t in node.doc[child.right_edge.i + 1 : node.i]):
            continue
        lem = child.lemma_.lower()
        # « la crèche Les Petits Pas », « à deux pas », « un point fort » : a noun, not the particle.
        if any(g.dep_ in ("det", "nummod", "amod") for g in child.children):
            continue
        if low == "jamais" and child.i > 0 and child.doc[child.i - 1].lower_ in ("si", "s'", "s’", "que", "qu'", "qu’"):
            continue  # « si jamais vous avez un créneau » : « if ever » ; « plus que jamais » : a comparison
        if low in ("sans",) or lem == "sans":
            if "sans" in markers:
                sans = 1
        elif (low in markers or lem in markers) and (low in _NEG_CORE or lem in _NEG_CORE):
            # "plus", "point" only negate together with "ne", already counted then.
            if lem == "rien" and child.dep_ not in ("obj", "nsubj", "advmod"):
                continue
            core = 1
            ne_only = ne_only and low in ("ne", "n'", "n’")
            paired = paired or low in _PAIRED or lem in _PAIRED
        elif low in markers or lem in markers:
            ne_only = False  # "ne … plus", "ne … point"
    if core and ne_only and (restrictive(node) or _expletive(node)):
        core = 0
    if info is not None:
        info["ne_only"], info["paired"] = bool(core) and ne_only and not sans, bool(core) and paired
    return core + sans


_EXPLETIVE_AFTER = {"moins", "avant", "peur", "crainte"}


def _expletive(verb: Token) -> bool:
    """« à moins que je ne parvienne à me libérer », « avant qu'il ne soit trop tard » : a lone « ne » in a clause
    opened by « à moins que », « avant que », « de peur / crainte que » negates nothing."""
    que = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("que", "qu'", "qu’")), None)
    return que is not None and que.i > 0 and verb.doc[que.i - 1].lower_ in _EXPLETIVE_AFTER


_DEGREE = {"autant", "aussi", "si", "tant", "tellement"}


def _superlative_never(node: Token, children: list[Token]) -> bool:
    """« Jamais un entretien ne m'avait donné autant envie de vous rejoindre », « je n'ai jamais vu une équipe
    aussi accueillante » : « jamais » with a degree word in the clause is a superlative, not a negation."""
    near = [*children, *(g for c in children if c.dep_ in ("obj", "nsubj", "xcomp", "obl", "obl:arg") for g in c.children)]
    # (« Jamais une visite ne m'avait… » : the parser may hang « jamais » on the subject.)
    if not any(c.lower_ == "jamais" for c in near):
        return False
    return any(t.lower_ in _DEGREE and t.dep_ in ("advmod", "det", "amod") and t.i != node.i for t in near)


def if_clause(tok: Token) -> bool:
    """The word's clause is opened by « si » (« si vous pouvez… », « s'il y avait un poste… »)."""
    return any(c.dep_ == "mark" and c.lower_ in ("si", "s'", "s’") for c in tok.children)


def _rhetorical(node: Token) -> bool:
    """« Je me demande s'il ne serait pas plus raisonnable de décaler », « ne serait-il pas préférable… ? » :
    a negated comparison asked as a question suggests, it does not deny."""
    # (« il ne vaudrait pas mieux décaler » : the parser may hang « mieux » on the infinitive.)
    near = [*node.children, *(g for c in node.children if c.dep_ == "xcomp" for g in c.children)]
    if not any(c.lower_ in ("plus", "mieux", "préférable") and c.dep_ in ("advmod", "xcomp") for c in near) \
            and node.lower_ != "préférable":
        return False
    asked = if_clause(node) or any(
        c.text.startswith("-") and c.dep_ in ("nsubj", "expl:subj", "dep") for c in node.children)
    return asked or "?" in node.sent.text


def restrictive(verb: Token) -> bool:
    """"Je n'ai rejoint la visio qu'à 14 h", "je ne vois que vous": "ne … que" restricts, it does not negate
    (a "que" after the verb that does not open a clause of its own)."""
    sent = verb.sent
    # After the « ne » (« ce n'est que partie remise » : the « que » comes before the noun it restricts).
    start = min([c.i for c in verb.children if c.lower_ in ("ne", "n'", "n’")] or [verb.i])
    # « n'a fait que renforcer ma motivation » : a « que » before an infinitive or a participle opens no
    # clause either (a clause needs a finite verb).
    return any(t.lower_ in ("que", "qu'", "qu’") and (t.dep_ == "advmod" or (t.dep_ == "mark" and (
               t.head.pos_ != "VERB" or set(t.head.morph.get("VerbForm")) & {"Inf", "Part", "Ger"})))
               for t in sent if t.i > start)


# Links through which a clause's negation reaches a word ("je ne souhaite pas reporter",
# "je n'ai rien de désorganisé"). Not "amod" ("mon projet professionnel" is not negated by
# "ne correspond plus"), nor loose attachments ("dsl je ne pourrai pas venir").
_CLIMB = {"xcomp", "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "acl", "case", "mark", "det",
          "fixed", "flat", "flat:name", "compound", "cop", "aux", "aux:tense", "aux:pass", "nsubj:pass", "expl:comp"}


_MODALS = {"pouvoir", "devoir", "vouloir"}  # not « je ne saurais trop vous remercier »
_POSSIBLE = {"possible", "envisageable", "faisable", "impossible"}
_ABLE = {"mesure", "état"}  # « (ne pas) être en mesure / en état de »


def _able(tok: Token) -> bool:
    return tok.lower_ in _ABLE and any(k.dep_ == "case" and k.lower_ == "en" for k in tok.children)


def is_negated(anchor: Token, literal: frozenset[int], markers: set[str], inverters: set[str],
               volition: frozenset[str] = frozenset(), opinion: frozenset[str] = frozenset()) -> bool:
    # « Je ne suis pas sûr de… » parsed with « sûr » fixed to « pas »: the word is the negated predicate.
    if anchor.dep_ == "fixed" and anchor.head.lower_ in ("pas", "jamais", "plus") and anchor.head.i < anchor.i:
        return True
    # « Votre proposition n'était en rien décevante » : the parser may take « rien » for the predicate and hang
    # the adjective on it.
    if anchor.dep_ == "amod" and anchor.head.lower_ == "rien" and anchor.head.i < anchor.i \
            and any(c.lower_ in ("ne", "n'", "n’") for c in anchor.head.children):
        return True
    # « Pas d'inquiétude pour les délais » (verbless): the noun hangs on « Pas » itself.
    if anchor.dep_ == "nmod" and anchor.head.lower_ in ("pas", "aucun", "aucune") and anchor.head.i < anchor.i:
        return True
    # « jpourrai pas venir », « jsuis pas dispo » : an SMS verb glued to its « je » is often parsed as a
    # noun, and its « pas » hung on the next word; the particle right after it is its negation.
    doc = anchor.doc
    if anchor.lower_ not in _FIRST_PERSON and first_person(anchor.lower_) and anchor.i + 1 < len(doc) \
            and doc[anchor.i + 1].lower_ in ("pas", "plus", "jamais"):
        return True
    # … and the word it governs, whatever the parser made of the rest (« jvais pas pouvoir venir »).
    if anchor.i > 1 and doc[anchor.i - 1].lower_ in ("pas", "plus", "jamais") \
            and doc[anchor.i - 2].lower_ not in _FIRST_PERSON and first_person(doc[anchor.i - 2].lower_):
        return True
    count = 0
    node = anchor
    first = True
    pairing = False  # an « aucun » below waits for its « ne » (« je n'ai reçu aucun message d'excuse »)
    for _ in range(8):  # depth guard; real chains are short
        info: dict = {}
        n = _negations(node, literal, markers, info)
        # « Jvais pas re-bloquer une demi-journée pour un autre créneau » : the « pas » after a glued SMS verb is
        # that verb's, wherever the parser hung it; what the verb governs is denied too.
        if not first and not n and node.pos_ in ("VERB", "AUX") and node.lower_ not in _FIRST_PERSON \
                and first_person(node.lower_) and node.i + 1 < len(doc) and doc[node.i + 1].lower_ in ("pas", "plus", "jamais"):
            n = 1
        if pairing and info.get("ne_only"):
            n, pairing = 0, False
        elif info.get("paired") and not any(c.lower_ in ("ne", "n'", "n’") for c in node.children):
            pairing = True
        # « Je ne suis pas en mesure, à ce jour, de vous proposer une date » : the parser may hang the negated
        # « en mesure » (« en état ») under the verb it governs; its negation is the verb's.
        if "Inf" in node.morph.get("VerbForm") and any(k.dep_ == "mark" and k.lower_ in ("de", "d'", "d’") for k in node.children):
            # (… or beside it, both under a verb of another clause: « Mon employeur m'ayant accordé un congé, je
            # ne suis pas en mesure, à ce jour, de vous proposer une nouvelle date ».)
            # (Not across another verb: « N'étant pas en mesure de me libérer jeudi, je me permets de vous proposer
            # mardi ».)
            beside = [c for c in node.head.children if c.i < node.i and not any(
                t.pos_ in ("VERB", "AUX") for t in node.doc[c.i + 1 : node.i])] if node.head.i != node.i else []
            n += sum(max(_negations(c, literal, markers), *(_negations(k, literal, markers) for k in c.children if k.dep_ == "case"))
                     for c in {*node.children, *beside}
                     if c.lower_ in _ABLE and c.i < node.i and any(k.dep_ == "case" and k.lower_ == "en" for k in c.children))
        # … or hang the verb under « en mesure », with the negation on « en » (« je ne suis pas en mesure,
        # pour l'instant, de vous proposer une autre date »).
        if not first and _able(node):
            n += sum(_negations(k, literal, markers) for k in node.children if k.dep_ == "case")
        # « Je ne peux malheureusement pas, pour l'instant, vous proposer… » : the parser may even make the
        # infinitive the root, with the negated modal before it as its clause.
        if "Inf" in node.morph.get("VerbForm"):
            n += sum(_negations(c, literal, markers) for c in node.children
                     if c.dep_ == "advcl" and c.lemma_ in _MODALS and c.i < node.i and "Fin" in c.morph.get("VerbForm")
                     # (Not a clause of its own: « Comme je ne pourrai pas être là lundi, vous proposer mardi… ».)
                     and not any(k.dep_ == "mark" for k in c.children))
        if n and not (not first and node.lemma_ in inverters):
            count += n
        wish = node.dep_ == "ccomp" and (node.head.lemma_ in volition  # "je ne souhaite pas que vous…"
                                         # « je crois pas que je vais pouvoir venir » : the writer's own doing.
                                         # (The writer's opinion: not « pour que vous ne pensiez pas que je… ».)
                                         or (node.head.lemma_ in opinion and all(any(
                                             c.dep_.startswith("nsubj") and c.lower_ in _FIRST_PERSON for c in v.children)
                                             for v in (node, node.head))))
        able = "Inf" in node.morph.get("VerbForm") and node.dep_ in ("advcl", "acl") and _able(node.head)
        # An adjective shares its noun's negation only under "pas de" ("je n'ai pas de mauvais souvenir"),
        # not "ne correspond plus à mon projet professionnel".
        partitive = node.dep_ == "amod" and any(
            c.dep_ == "det" and c.lower_ in ("de", "d'", "d’", "aucun", "aucune") for c in node.head.children)
        # « Je ne peux donc pas, à ce stade, vous proposer de nouvelle date », « il ne m'est pas possible, à ce
        # jour, de vous proposer une autre date » : past the inserted phrase, the parser may take the infinitive
        # a modal or « possible » governs for a clause of its own (not « pour », « afin de »: a purpose).
        governed = node.dep_ == "advcl" and "Inf" in node.morph.get("VerbForm") and (
            node.head.lemma_ in _MODALS or (node.head.pos_ == "ADJ" and node.head.lemma_ in _POSSIBLE)) \
            and not any(c.dep_ == "mark" and c.lower_ not in ("de", "d'", "d’") for c in node.children)
        # « Je ne veux pas vous déranger pour fixer un nouveau rendez-vous » : the purpose of an infinitive a negated
        # modal or wish governs is denied with it.
        purpose = node.dep_ == "advcl" and "Inf" in node.morph.get("VerbForm") \
            and any(c.dep_ == "mark" and c.lower_ == "pour" for c in node.children) \
            and node.head.dep_ == "xcomp" and "Inf" in node.head.morph.get("VerbForm") \
            and (node.head.head.lemma_ in _MODALS or node.head.head.lemma_ in volition) \
            and node.head.lemma_ not in inverters  # (« je ne veux pas tarder pour vous proposer… » : soon.)
        if (node.dep_ not in _CLIMB and not wish and not partitive and not able and not governed and not purpose) \
                or node.head.i == node.i:
            break
        # « je ne pourrai pas venir jeudi mais vendredi » : a word opened by its own « mais » is set against the
        # denied one, whatever link the parser gave it (here « obl:mod » instead of « conj »).
        if set_against_denied(node):
            break
        # « je ne pourrai pas être présent à l'entretien fixé lundi » : a participle that qualifies a noun
        # is not under the clause's negation (an infinitive is: « pas d'autre moyen de venir »).
        if node.dep_ == "acl" and "Part" in node.morph.get("VerbForm") and node.head.pos_ in ("NOUN", "PROPN"):
            break
        # « Toutes mes excuses, je n'ai pas pu décrocher » : a phrase set off by a comma before its head
        # stands apart from that clause, and so does its negation.
        if node.i < node.head.i and any(t.text == "," for t in node.doc[node.right_edge.i + 1 : node.head.i]):
            break
        # « Cinq mois sans accusé de réception, malgré mes deux relances » : so does a prepositional phrase
        # added after a comma (« je ne viendrai pas, à mon grand regret »).
        if node.i > node.head.i and node.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and node.left_edge.pos_ == "ADP" \
                and any(t.text == "," for t in node.doc[node.head.i + 1 : node.left_edge.i]):
            break
        # … and a bare phrase tacked on after a single comma (« je ne pourrai donc pas venir ce matin, toutes mes
        # excuses », « … venir demain, désolé du dérangement »); not the object past an inserted phrase (« je ne peux pas vous proposer, pour l'instant,
        # une autre date »), two commas.
        if node.i > node.head.i and (node.dep_ in ("obl:mod", "nmod", "appos", "dislocated")
                                     or (node.dep_ == "xcomp" and node.pos_ == "ADJ")) \
                and node.left_edge.pos_ != "ADP" and node.left_edge.lower_ not in _FOCUS \
                and [t.text for t in node.doc[node.head.i + 1 : node.left_edge.i]].count(",") == 1 \
                and node.doc[node.left_edge.i - 1].text == ",":
            break
        node = node.head
        first = False
    return count % 2 == 1


# « Je ne reviendrai pas vers vous, même pour de futures opportunités » : a phrase after the comma opened by one of
# these goes on with the negation.
_FOCUS = {"même", "ni", "surtout"}


def lexical_negation(span: Span, negators: list[Match]) -> bool:
    """"Inutile de reporter", "pas besoin de trouver une autre date": a negating phrase earlier in
    the sentence, with no comma or "mais" in between, negates what follows it."""
    for n in negators:
        # (Itself denied, it denies nothing: « je préfère ne pas attendre plus longtemps avant de vous répondre ».)
        if n.span.sent.start != span.sent.start or n.end > span.start_char \
                or (n.negated and not any(t.lower_ == "non" for t in n.span)):
            continue
        between = span.doc[n.span.end : span.start]
        # (Nor past a clause of the writer's own: « … non plus en mesure de venir vendredi et je vous propose lundi ».)
        if not any(t.text in (",", ";", ":") or t.lower_ == "mais"
                   or (t.lower_ in _FIRST_PERSON and t.dep_.startswith("nsubj")) for t in between):
            return True
    return False


def set_against_denied(node: Token) -> bool:
    """« … jeudi mais vendredi (oui) » : a word opened by its own « mais », not denied itself (« mais pas
    vendredi »), is set against the denied one before it."""
    return any(c.dep_ == "cc" and c.lower_ == "mais" and c.i < node.i for c in node.children) \
        and not any(c.lower_ in ("pas", "plus", "jamais", "non", "ni") for c in node.children)


def clause_root(tok: Token) -> Token:
    """The head of the clause a word belongs to, counting "que"-clauses and infinitives as part of
    the verb that governs them ("je pense que je vais annuler") but not coordinated or juxtaposed
    clauses ("je dois annuler : … et je ne sais pas encore quand")."""
    node = tok
    for _ in range(10):
        if node.dep_ in ("conj", "parataxis", "ROOT", "root") or node.head.i == node.i:
            return node
        node = node.head
    return node


# Links that open a clause of its own: a hedge inside one (« parce que je pense avoir la grippe »,
# « même si j'ai hésité ») bears on that clause, not on the decision it depends on.
_OWN_CLAUSE = {"advcl", "ccomp", "csubj", "acl", "acl:relcl", "parataxis", "conj", "appos", "dislocated", "list"}
# How a clause is the complement of the one above it (« je pense que… », « il se peut que… »).
_COMPLEMENT = {"ccomp", "csubj", "acl", "xcomp"}
# What a parenthetical hedge (« …, je pense. », « on verra ») may carry besides itself.
_PARENTHETICAL = {"nsubj", "expl:subj", "punct", "advmod", "aux", "aux:tense", "cop", "dep"}


def _local_head(tok: Token) -> Token:
    """The verb (or predicate) of the word's own clause: up through modals, infinitives, adverbs."""
    node = tok
    for _ in range(10):
        if node.dep_ in _OWN_CLAUSE or node.dep_ in ("ROOT", "root") or node.head.i == node.i:
            return node
        node = node.head
    return node


def _scopes_over(hedge: Token, decision: Token) -> bool:
    """Does the hedge bear on the decision? Same clause (« je vais peut-être annuler »), a hedging verb
    that governs the decision's clause (« je pense que je vais annuler », « il se peut que je doive
    annuler »), or a bare parenthetical on it (« j'annule, je pense »). Not a hedge in a clause of its own
    that the decision does not depend on: a reason (« car je serai peut-être hospitalisée »), a
    concession (« même si j'ai hésité »), a sentence juxtaposed after it (« je crois que le poste ne
    me correspond pas »)."""
    h, d = _local_head(hedge), _local_head(decision)
    if h.i == d.i:
        return True
    node = d
    for _ in range(10):  # the hedge's clause governs the decision's, as its complement
        # An infinitive or an unmarked clause parsed as adverbial is a complement too (« je penche pour
        # la refuser », « je viendrai pas jeudi, on verra » read as one clause under « verra »).
        # (Not when the verb above has an object clause of its own: « je décline, je pense que vous trouverez ».)
        # « je pense que je vais me retirer et ne pas venir lundi » : a verb coordinated without a subject
        # of its own shares the hedged clause.
        if node.dep_ == "conj" and node.head.i != node.i and not any(c.dep_.startswith("nsubj") for c in node.children):
            node = _local_head(node.head)
            if node.i == h.i:
                return True
            continue
        adverbial = node.dep_ == "advcl" and ("Inf" in node.morph.get("VerbForm")
                                              or not any(c.dep_ == "mark" for c in node.children)) \
            and not any(c.dep_ in ("ccomp", "csubj") for c in node.head.children)
        if node.head.i == node.i or not (node.dep_ in _COMPLEMENT or adverbial):
            break
        node = _local_head(node.head)
        if node.i == h.i:
            return True
    # « J'annule notre entretien, je pense. » (often parsed as a coordinated clause)
    # The hedging word is that clause's own verb (not « ma fille est probablement contagieuse »).
    return h.i == hedge.i and h.head.i == d.i and h.i > d.i and h.dep_ in ("parataxis", "dep", "conj", "advcl") \
        and all(c.dep_ in _PARENTHETICAL for c in h.children)


_CAUSAL = {"parce", "car", "puisque"}


def _in_reason(hedge: Token, decision: Token) -> bool:
    """A hedge inside the reason given for the decision (« parce que je pense avoir la grippe », « car je
    serai peut-être hospitalisée ») or inside a hesitation already over (« après avoir hésité ») bears
    on that, not on the decision. (A concession, « même si j'hésite encore », still hedges it.)"""
    node = hedge
    for _ in range(10):
        if node.i == decision.i or node.head.i == node.i:
            return False
        if node.dep_ in _OWN_CLAUSE:
            marks = {c.lower_ for c in node.children if c.dep_ in ("mark", "cc")}
            if marks & _CAUSAL or "après" in marks or any(c.lower_ == "après" for c in node.children):
                return True
            return False
        node = node.head
    return False


def _bears_elsewhere(hedge: Token, decision: Token) -> bool:
    """A hedge with an object of its own bears on that object: « je pense avoir une angine », « je ne suis
    pas certaine de trouver mieux », « je pense que vous trouverez quelqu'un » (the decision is not in
    it); a hedge that is someone else's (« le médecin pense que… »); an adverb on a noun phrase
    (« je dois annuler, probablement jusqu'à la fin du mois »)."""
    if hedge.pos_ in ("ADV", "ADJ") and hedge.head.pos_ in ("NOUN", "PROPN", "NUM") and hedge.dep_ == "advmod":
        return True
    subjects = [c for c in hedge.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if subjects and not any(first_person(c.lower_) or c.lower_ in ("il", "ce", "c'", "cela", "ça") for c in subjects):
        return True
    own = [c for c in hedge.children if c.dep_ in ("ccomp", "xcomp", "acl", "csubj")]
    if own and not any(c.left_edge.i <= decision.i <= c.right_edge.i for c in own):
        return True
    return False


def recipient_made_to(tok: Token) -> bool:
    """« vous faire venir », « vous faire attendre pour rien » : an infinitive right after a causative
    « faire » whose object is the recipient: the recipient would act, the writer would make him."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].lemma_ != "faire" or "Inf" not in tok.morph.get("VerbForm"):
        return False
    return any(c.dep_ in ("obj", "iobj") and c.lower_ in ("vous", "te", "t'", "t’")
               for c in (*doc[tok.i - 1].children, *tok.children))


def _opens_sentence(hedge: Span, decision: Span) -> bool:
    """« Peut-être que le plus honnête serait de décliner », « Sans doute que je viendrai pas » : a hedge
    that opens the sentence with « que » bears on all that follows, however the parser attached it."""
    doc, first = hedge.doc, hedge[0]
    return hedge.end < len(doc) and doc[hedge.end].lower_ in ("que", "qu'", "qu’") and decision.start > hedge.end \
        and (first.is_sent_start or (first.i > 0 and doc[first.i - 1].is_punct))


def hedged(m: Match, analysis: Analysis) -> Match | None:
    """The hedge that makes a decision unclear, if any (same sentence, or a conditional "je devrais")."""
    times = {w for k in ("jour", "moment", "mois") for w in analysis.lexicon.lists.get(k, ())}
    for h in analysis.group_in_sentence("hesitation.expressions", analysis._sent_start(m.span)):
        # « n'importe quel jour sauf le jeudi » : « sauf » before a time excepts it from the writer's availability
        # (not « sauf miracle demain », « sauf un élément nouveau »: the first word after it, articles aside).
        if h.span.text.lower() == "sauf":
            nxt = next((t for t in analysis.doc[h.span.end : h.span.end + 3] if t.lower_ not in ("le", "la", "les", "l'", "l’")), None)
            if nxt is not None and (nxt.lemma_.lower() in times or nxt.text.isdigit()):
                continue
        if _opens_sentence(h.span, m.span):
            return h
        # « Je ne suis pas sûre d'avoir ce courage : je laisse donc la place » : a clause of its own after
        # « : » or « ; » (with its own subject) concludes; the parser may still hang it under the hedge.
        if h.span.end <= m.span.start and any(t.text in (":", ";") for t in analysis.doc[h.span.end:m.span.start]) \
                and any(c.dep_.startswith("nsubj") for c in m.span.root.children):
            continue
        # « Je ne sais pas si votre agenda le permet, mais pourrions-nous envisager un autre moment ? » : « mais »
        # between them sets the doubt aside; what follows is said.
        if h.span.end <= m.span.start and any(t.lower_ == "mais" for t in analysis.doc[h.span.end:m.span.start]):
            continue
        # « Je dois annuler, ma femme accouche cette semaine, le docteur a dit peut-être jeudi » : a hedge after
        # the decision, past a comma, in a clause whose subject is someone else, is that person's doubt.
        if h.span.start > m.span.end and any(t.text in (",", ";", ":") for t in analysis.doc[m.span.end:h.span.start]) \
                and any(c.dep_.startswith("nsubj") and c.pos_ in ("NOUN", "PROPN")
                        for c in _local_head(h.span.root).children):
            continue
        # « Je vais la refuser : un contrat de six mois au SMIC…, c'est sans doute magique pour les visiteurs » :
        # after « : », a clause with its own subject (not « je ») gives the reason; its hedge is the reason's.
        # (A noun subject, or « c' » resuming a noun group: not « : ce n'est pas encore sûr », « : il est possible
        # que je change d'avis », which hedge the decision itself.)
        colon = next((t.i for t in analysis.doc[m.span.end:h.span.start] if t.text == ":"), None)
        if colon is not None and any(
                t.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and (t.pos_ in ("NOUN", "PROPN") or (
                    t.lower_ in ("c'", "c’", "ce", "ça", "cela")
                    and any(u.pos_ in ("NOUN", "PROPN") for u in analysis.doc[colon + 1:t.i])))
                for t in analysis.doc[colon + 1:h.span.start]):
            continue
        # « je ne pourrai sans doute pas donner suite » : a hedge in the gap of the decision's own words hedges it
        # (a hedge that is the match's first or last word is part of what the expression says).
        if m.start < h.start and h.end < m.end:
            return h
        if not (h.start >= m.start and h.end <= m.end) and not _bears_elsewhere(h.span.root, m.span.root) and (
                _scopes_over(h.span.root, m.span.root)
                or (clause_root(h.span.root).i == clause_root(m.span.root).i and not _in_reason(h.span.root, m.span.root))):
            return h
        # « jcrois que jvais la refuser »: a hedge that ends with its « que » governs the clause right
        # after it, whatever the parser attached that clause to (SMS spellings derail it).
        gap = analysis.doc[h.span.end:m.span.start]
        if h.span[-1].lower_.startswith("qu") and len(gap) <= 4 and not any(t.is_punct for t in gap) \
                and m.span.start >= h.span.end:
            return h
        # « Je crois donc, à contrecœur, que je vais devoir refuser » : an aside without a verb between the
        # hedge and its « que ».
        que = next((t for t in gap if t.lower_ in ("que", "qu'", "qu’")), None)
        if que is not None and m.span.start >= h.span.end \
                and not any(t.pos_ in ("VERB", "AUX") for t in analysis.doc[h.span.end:que.i]) \
                and len(analysis.doc[que.i + 1:m.span.start]) <= 4 \
                and not any(t.is_punct for t in analysis.doc[que.i + 1:m.span.start]):
            return h
    modals = set(analysis.lexicon.settings.get("hesitation", {}).get("conditionnel", []))
    node = m.span.root
    for _ in range(6):
        # The tagger confuses future and conditional ("je ne pourrai" tagged Cnd): trust the ending.
        if node.lemma_ in modals and conditional(node):
            subj = [c for c in node.children if c.dep_.startswith("nsubj")]
            # « je ne pourrais pas venir ce jour-là » : a negated « pouvoir » says the writer cannot, the
            # conditional only softens it (« je pourrais ne pas venir » still hesitates).
            if node.lemma_ == "pouvoir" and any(c.lower_ in ("pas", "plus", "jamais") and c.i > node.i for c in node.children):
                break
            if subj and subj[0].lower_ in ("je", "j'"):
                return Match(m.expr, analysis.doc[node.i : node.i + 1], frozenset(), False, True)
        if node.dep_ in _CLAUSE_LINKS or node.head.i == node.i:
            break
        node = node.head
    return None
