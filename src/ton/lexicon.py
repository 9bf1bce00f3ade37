"""Loading and validating the language knowledge kept as data in `lexicons/`.

A coach adds an expression by editing a YAML file; any mistake is reported with the
file and the key, before anything is analysed.

Pattern syntax (`motif`), one element per word, separated by spaces:
  mot          the word's lemma (« remercier » matches « remercie », « remerciions »…)
  a|b|c        one of several lemmas
  =forme       the exact form, lower-cased (« =dsl », « =merci »)
  ?mot         optional word (same syntax after the « ? »)
  ...          zero to three words of any kind
  @liste       one of the words of a list defined in `listes.yaml` (lemmas)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .chemins import lexicon_folder
from .dates import DateWords, load_words
from .errors import LexiconError

POLARITIES = ("affirmative", "negative", "indifferente")


def lexicon_dir() -> Path:
    return Path(lexicon_folder())  # chemins.py: also read by the warm client, which imports no YAML


@dataclass(frozen=True)
class Examples:
    oui: tuple[str, ...] = ()
    non: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expression:
    key: str  # "<file stem>.<group>[<index>]", unique, used as Matcher key
    group: str  # "<file stem>.<group>"
    motif: str
    tokens: tuple[dict, ...]
    polarity: str = "affirmative"
    subject: str = ""  # « sujet: candidat » / « sujet: autre » : who must be the one who acts
    examples: Examples = Examples()
    note: str = ""
    after_pause: bool = False  # motif « ^ … »: only at a sentence start or after punctuation
    pronominal: bool = True  # « pronominal: non »: a verb of the motif used pronominally (« on se déplace ») does not count

    @property
    def patterns(self) -> list[tuple[dict, ...]]:
        """The motif as spaCy Matcher patterns: a word whose alternatives mix lemmas and exact forms
        (« nouvelle|=nouvelles ») matches either way, one pattern per way (a spaCy token pattern can only
        AND its attributes)."""
        out: list[tuple[dict, ...]] = [()]
        for tok in self.tokens:
            if not tok.get("OR"):
                out = [p + (tok,) for p in out]
                continue
            op = {"OP": tok["OP"]} if "OP" in tok else {}
            ways = [{"LEMMA": tok["LEMMA"], **op}, {"LOWER": tok["LOWER"], **op}]
            out = [p + (w,) for p in out for w in ways]
        return out


# How a word list of mots.yaml is compared: to the lemma, to the lower-case form, or as a piece of text.
WORD_KINDS = ("lemmes", "formes", "fragments")


@dataclass(frozen=True)
class WordList:
    name: str
    kind: str  # one of WORD_KINDS
    words: frozenset[str]
    examples: Examples = Examples()
    note: str = ""

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def in_text(self, text: str) -> bool:
        """A fragment of the list occurs in `text` (lower-cased)."""
        low = text.lower()
        return any(w in low for w in self.words)


@dataclass
class StructureLexicon:
    objet: re.Pattern
    salutation: re.Pattern
    formule_finale: re.Pattern
    citation: re.Pattern
    examples: dict[str, Examples] = field(default_factory=dict)


@dataclass
class Lexicon:
    expressions: list[Expression]
    structure: StructureLexicon
    regexes: dict[str, list[tuple[str, re.Pattern, Examples]]]  # e.g. gabarits
    templates: dict[str, dict[str, list[str]]]  # type -> criterion -> sentences
    settings: dict[str, Any]  # small scalar data: word lists for language check, etc.
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # lower-case form -> lemma
    replacements: dict[str, Any] = field(default_factory=dict)  # remplacements.yaml, for `ton reecrire`
    regex_extra: dict[str, dict[str, dict]] = field(default_factory=dict)  # family -> id -> other keys
    requirements: dict[str, dict[str, str]] = field(default_factory=dict)  # exigences.yaml: type -> criterion -> severity
    words: dict[str, WordList] = field(default_factory=dict)  # mots.yaml: name -> list read by the rules' code
    dates: DateWords | None = None  # dates.yaml: the words of dates (rule delai)
    lists: dict[str, list[str]] = field(default_factory=dict)  # listes.yaml, also read by code (@entretien)
    # modeles.yaml accords: neutral template sentence -> {"masculin": …, "feminin": …}
    agreements: dict[str, dict[str, str]] = field(default_factory=dict)
    # « risque/VERB: risquer »: only where the parser tags the form so (« un risque » stays a noun).
    lemma_fixes_by_pos: dict[tuple[str, str], str] = field(default_factory=dict)
    # « ~18h|~9h30 » style keys: forms matched whole by a pattern (« 18h » is an hour, lemma « heure »).
    # Only for forms that start with a digit: the patterns are tried on those alone.
    lemma_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)

    def fix_lemmas(self, doc) -> None:
        """lemmes.yaml: the forms the spaCy model lemmatises wrongly, by form, by form and tag, or by pattern."""
        fixes, by_pos, patterns = self.lemma_fixes, self.lemma_fixes_by_pos, self.lemma_patterns
        for tok in doc:
            low = tok.lower_
            lemma = fixes.get(low) or (by_pos and by_pos.get((low, tok.pos_)))
            if not lemma and patterns and low[:1].isdigit():
                lemma = next((lem for rx, lem in patterns if rx.fullmatch(low)), None)
            if lemma:
                tok.lemma_ = lemma

    @cached_property
    def lemmas(self) -> frozenset[str]:
        """Every lemma a motif of the lexicons names (accent restoration keeps to these: nlp.accentless_lemmas)."""
        return frozenset(w for e in self.expressions for t in e.tokens for w in t.get("LEMMA", {}).get("IN", ()))

    def group(self, name: str) -> list[Expression]:
        return [e for e in self.expressions if e.group == name]

    @property
    def groups(self) -> set[str]:
        return {e.group for e in self.expressions}

    def regex(self, family: str, rid: str) -> re.Pattern:
        """One pattern of lexicons/regex/<family>.yaml by its id (the ids the code reads are checked at load)."""
        return next(rx for i, rx, _ex in self.regexes.get(family, ()) if i == rid)

    def suggestions(self, mtype: str, cid: str) -> list[str]:
        """Template sentences for a criterion: the type's own, else the common ones, else the cancellation's."""
        t = self.templates
        return list(t.get(mtype, {}).get(cid) or t.get("commun", {}).get(cid) or t.get("annulation", {}).get(cid) or [])[:3]


# libyaml's safe loader when PyYAML has it: ~10× faster at start-up, same data (tests/test_lexicons.py).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"ligne {mark.line + 1}" if mark else "(inconnue)"
        raise LexiconError(path.name, where, f"YAML invalide : {getattr(exc, 'problem', exc)}") from None


def _require(cond: bool, file: str, key: str, reason: str) -> None:
    if not cond:
        raise LexiconError(file, key, reason)


def _examples(raw: Any, file: str, key: str) -> Examples:
    if raw is None:
        return Examples()
    _require(isinstance(raw, dict), file, f"{key}.exemples", "doit contenir « oui » et/ou « non »")
    unknown = set(raw) - {"oui", "non"}
    _require(not unknown, file, f"{key}.exemples", f"clés inconnues : {', '.join(sorted(unknown))}")
    out = {}
    for k in ("oui", "non"):
        vals = raw.get(k) or []
        _require(
            isinstance(vals, list) and all(isinstance(v, str) and v.strip() for v in vals),
            file,
            f"{key}.exemples.{k}",
            "doit être une liste de phrases",
        )
        out[k] = tuple(vals)
    return Examples(**out)


def compile_motif(motif: str, lists: dict[str, list[str]], file: str, key: str) -> tuple[dict, ...]:
    _require(isinstance(motif, str) and motif.strip(), file, f"{key}.motif", "motif vide")
    tokens: list[dict] = []
    for word in motif.split():
        if word in ("...", "…"):
            tokens.append({"OP": "{0,3}"})
            continue
        tok: dict = {}
        if word.startswith("?") and len(word) > 1:
            tok["OP"] = "?"
            word = word[1:]
        # Each alternative is a lemma or, with « = », an exact form: « nouvelle|=nouvelles » is either.
        lemmas: list[str] = []
        forms: list[str] = []
        for alt in word.split("|"):
            exact = alt.startswith("=")
            alt = alt.lstrip("=")
            _require(bool(alt), file, f"{key}.motif", f"alternative vide dans « {motif} »")
            if alt.startswith("@"):
                _require(alt[1:] in lists, file, f"{key}.motif", f"liste inconnue « {alt} » (voir listes.yaml)")
                words = lists[alt[1:]]
            else:
                words = [alt]
            (forms if exact else lemmas).extend(words)
        if forms:
            tok["LOWER"] = {"IN": [a.lower() for a in forms]}
        if lemmas:
            tok["LEMMA"] = {"IN": _lemma_variants(lemmas)}
        if forms and lemmas:
            tok["OR"] = True
        tokens.append(tok)
    _require(any("OP" not in t or t["OP"] != "{0,3}" for t in tokens), file, f"{key}.motif", "motif sans mot")
    _require(tokens[0].get("OP") is None and tokens[-1].get("OP") is None, file, f"{key}.motif",
             "un motif ne peut ni commencer ni finir par un mot facultatif ou « ... »")
    return tuple(tokens)


def _lemma_variants(words: list[str]) -> list[str]:
    # Lemmas are lower-case except for proper nouns and sentence-initial oddities.
    out: list[str] = []
    for w in words:
        for v in (w, w.lower(), w.capitalize()):
            if v not in out:
                out.append(v)
    return out


# Universal POS tags a lemma correction may be restricted to (lemmes.yaml « risque/VERB »).
_POS_TAGS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PRON", "PROPN", "SCONJ", "VERB"}
_EXPR_KEYS = {"id", "motif", "polarite", "sujet", "pronominal", "exemples", "note"}


def _expressions(data: Any, file: str, stem: str, lists: dict[str, list[str]]) -> list[Expression]:
    out: list[Expression] = []
    _require(isinstance(data, dict), file, "(racine)", "doit être un dictionnaire de groupes d'expressions")
    for group, items in data.items():
        if group in ("description", "listes"):
            continue
        _require(isinstance(items, list) and items, file, group, "doit être une liste non vide d'expressions")
        for i, item in enumerate(items):
            key = f"{group}[{i}]"
            if isinstance(item, str):
                item = {"motif": item}
            _require(isinstance(item, dict), file, key, "doit être un motif ou un dictionnaire avec « motif »")
            unknown = set(item) - _EXPR_KEYS
            _require(not unknown, file, key, f"clés inconnues : {', '.join(sorted(unknown))}")
            _require("motif" in item, file, key, "clé « motif » manquante")
            pol = item.get("polarite", "affirmative")
            _require(pol in POLARITIES, file, f"{key}.polarite", f"valeur « {pol} » : attendu {', '.join(POLARITIES)}")
            subject = item.get("sujet")
            _require(subject in (None, "candidat", "autre"), file, f"{key}.sujet",
                     f"valeur « {subject} » : attendu « candidat » ou « autre »")
            pronominal = item.get("pronominal", "oui")
            _require(pronominal in ("oui", "non", True, False), file, f"{key}.pronominal",
                     f"valeur « {pronominal} » : attendu « oui » ou « non »")
            motif = item["motif"]
            # « ^ » first: the motif opens a sentence or follows a punctuation mark (« Un conseil : … »,
            # not « je serais preneur d'un conseil : … »).
            after_pause = isinstance(motif, str) and motif.split()[:1] == ["^"]
            _require(not (after_pause and len(motif.split()) == 1), file, f"{key}.motif", "« ^ » seul : il faut des mots après")
            tokens = compile_motif(motif.split(None, 1)[1] if after_pause and len(motif.split()) > 1 else motif,
                                   lists, file, key)
            out.append(
                Expression(
                    key=f"{stem}.{group}[{i}]",
                    group=f"{stem}.{group}",
                    motif=motif,
                    tokens=tokens,
                    polarity=pol,
                    subject=subject or "",
                    examples=_examples(item.get("exemples"), file, key),
                    note=str(item.get("note", "")),
                    after_pause=after_pause,
                    pronominal=pronominal in ("oui", True),
                )
            )
    return out


def _structure(data: Any, file: str) -> StructureLexicon:
    parts, examples = {}, {}
    for name in ("objet", "salutation", "formule_finale", "citation"):
        _require(isinstance(data, dict) and name in data, file, name, "section manquante")
        sec = data[name]
        _require(isinstance(sec, dict) and isinstance(sec.get("motifs"), list) and sec["motifs"], file,
                 f"{name}.motifs", "doit être une liste d'expressions régulières")
        for j, rx in enumerate(sec["motifs"]):
            try:
                re.compile(rx)
            except (re.error, TypeError) as exc:
                raise LexiconError(file, f"{name}.motifs[{j}]", f"expression régulière invalide : {exc}") from None
        parts[name] = re.compile("|".join(f"(?:{rx})" for rx in sec["motifs"]), re.IGNORECASE)
        examples[name] = _examples(sec.get("exemples"), file, name)
    return StructureLexicon(**parts, examples=examples)


def _regexes(data: Any, file: str) -> list[tuple[str, re.Pattern, Examples]]:
    out = []
    _require(isinstance(data, dict) and isinstance(data.get("motifs"), list), file, "motifs", "liste manquante")
    for j, item in enumerate(data["motifs"]):
        key = f"motifs[{j}]"
        _require(isinstance(item, dict) and "regex" in item, file, key, "clé « regex » manquante")
        try:
            rx = re.compile(item["regex"])
        except (re.error, TypeError) as exc:
            raise LexiconError(file, f"{key}.regex", f"expression régulière invalide : {exc}") from None
        out.append((item.get("id", key), rx, _examples(item.get("exemples"), file, key)))
    return out


def _templates(data: Any, file: str) -> dict[str, dict[str, list[str]]]:
    """Shape only: criterion names are checked against the rule registry (rules.validate)."""
    from .model import MESSAGE_TYPES

    _require(isinstance(data, dict), file, "(racine)", "doit associer un type de message à ses modèles")
    for mtype, crits in data.items():
        _require(mtype in MESSAGE_TYPES or mtype == "commun", file, mtype, "type de message inconnu")
        _require(isinstance(crits, dict), file, mtype, "doit associer un critère à des phrases")
        for crit, sentences in crits.items():
            _require(isinstance(sentences, list) and all(isinstance(s, str) for s in sentences) and sentences,
                     file, f"{mtype}.{crit}", "doit être une liste de phrases")
    return data


GENDERS = ("masculin", "feminin")


def _agreements(data: Any, templates: dict[str, dict[str, list[str]]], file: str) -> dict[str, dict[str, str]]:
    """modeles.yaml accords: the template sentences are neutral (none holds a word that agrees with the writer);
    the agreed forms of some, for a writer whose draft shows their gender."""
    if data is None:
        return {}
    _require(isinstance(data, dict) and set(data) == {"adjectifs", "phrases"}, file, "accords",
             "doit contenir « adjectifs » et « phrases »")
    words = data["adjectifs"]
    _require(isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words), file,
             "accords.adjectifs", "doit être une liste de mots")
    agreeing = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    for mtype, crits in templates.items():
        for cid, sentences in crits.items():
            for s in sentences:
                m = agreeing.search(s)
                _require(m is None, file, f"{mtype}.{cid}",
                         f"« {m and m.group(0)} » s'accorde avec le candidat : écrivez une phrase neutre et mettez ses "
                         "formes accordées dans « accords »")
    every = {s for crits in templates.values() for sentences in crits.values() for s in sentences}
    out: dict[str, dict[str, str]] = {}
    _require(isinstance(data["phrases"], list), file, "accords.phrases", "doit être une liste")
    for i, item in enumerate(data["phrases"]):
        key = f"accords.phrases[{i}]"
        _require(isinstance(item, dict) and set(item) == {"neutre", *GENDERS}
                 and all(isinstance(v, str) and v.strip() for v in item.values()), file, key,
                 "doit donner « neutre », « masculin » et « feminin »")
        _require(item["neutre"] in every, file, f"{key}.neutre", "n'est pas une phrase des modèles")
        _require(item["masculin"] != item["feminin"], file, key, "les deux formes accordées sont identiques")
        out[item["neutre"]] = {g: item[g] for g in GENDERS}
    return out


SEVERITIES = ("erreur", "avertissement", "info")


def _requirements(data: Any, file: str) -> dict[str, dict[str, str]]:
    """exigences.yaml: every message type, each with criterion -> severity (names checked by rules.validate)."""
    from .model import MESSAGE_TYPES

    _require(isinstance(data, dict), file, "(racine)", "doit associer un type de message à ses critères")
    for mtype in MESSAGE_TYPES:
        _require(mtype in data, file, mtype, "type de message manquant")
    for mtype, crits in data.items():
        _require(mtype in MESSAGE_TYPES, file, mtype, f"type de message inconnu (attendu : {', '.join(MESSAGE_TYPES)})")
        _require(isinstance(crits, dict) and crits, file, mtype, "doit associer un critère à une sévérité")
        for crit, sev in crits.items():
            _require(sev in SEVERITIES, file, f"{mtype}.{crit}", f"sévérité « {sev} » : attendu {', '.join(SEVERITIES)}")
    return data


def _replacements(data: Any, file: str) -> dict[str, Any]:
    """remplacements.yaml: familiar words, tu -> vous, removable hedges, template placeholders."""
    _require(isinstance(data, dict), file, "(racine)", "doit être un dictionnaire")
    for name in ("familier", "tutoiement", "hesitations_supprimables", "espaces_reserves"):
        _require(name in data, file, name, "section manquante")
    _require(isinstance(data["familier"], list) and data["familier"], file, "familier", "doit être une liste non vide")
    familiar: dict[str, str] = {}
    agreeing: dict[str, dict[str, str]] = {}
    for i, item in enumerate(data["familier"]):
        key = f"familier[{i}]"
        _require(isinstance(item, dict), file, key, "doit contenir « formes » et « par »")
        unknown = set(item) - {"formes", "par", "exemple", "accords"}
        _require(not unknown, file, key, f"clés inconnues : {', '.join(sorted(unknown))}")
        forms, by = item.get("formes"), item.get("par")
        _require(isinstance(forms, list) and forms and all(isinstance(f, str) and f.strip() for f in forms),
                 file, f"{key}.formes", "doit être une liste de mots")
        _require(isinstance(by, str), file, f"{key}.par", "doit être un texte (vide pour supprimer)")
        ex = item.get("exemple")
        _require(ex is None or (isinstance(ex, list) and len(ex) == 2 and all(isinstance(e, str) for e in ex)),
                 file, f"{key}.exemple", "doit être une paire [avant, après]")
        agree = item.get("accords")
        _require(agree is None or (isinstance(agree, dict) and agree and set(agree) <= _AGREEMENTS
                                   and all(isinstance(v, str) and v for v in agree.values())),
                 file, f"{key}.accords", f"doit associer {', '.join(sorted(_AGREEMENTS))} à un texte")
        for f in forms:
            _require(f.lower() not in familiar, file, f"{key}.formes", f"forme « {f} » déjà présente")
            familiar[f.lower()] = by
            if agree:
                agreeing[f.lower()] = agree
    tu = data["tutoiement"]
    _require(isinstance(tu, dict) and set(tu) == {"pronoms", "verbes", "imperatifs"}, file, "tutoiement",
             "doit contenir « pronoms », « verbes » et « imperatifs »")
    for sec in ("pronoms", "verbes", "imperatifs"):
        _require(isinstance(tu[sec], dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in tu[sec].items()),
                 file, f"tutoiement.{sec}", "doit associer un mot à son remplacement")
    hedges = data["hesitations_supprimables"]
    _require(isinstance(hedges, list) and all(isinstance(h, str) and h.strip() for h in hedges), file,
             "hesitations_supprimables", "doit être une liste d'expressions")
    slots = data["espaces_reserves"]
    _require(isinstance(slots, dict) and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in slots.values()),
             file, "espaces_reserves", "doit associer une option à des libellés d'espaces réservés")
    return {**data, "familier_formes": familiar, "familier_accords": agreeing}


# Gender and number of the word that follows a familiar form (remplacements.yaml familier[].accords).
_AGREEMENTS = {"ms", "mp", "fs", "fp"}


def _word_lists(data: Any, file: str) -> dict[str, WordList]:
    """mots.yaml: name -> {lemmes | formes | fragments: [...], note, exemples}."""
    _require(isinstance(data, dict), file, "(racine)", "doit associer un nom à une liste de mots")
    out: dict[str, WordList] = {}
    for name, item in data.items():
        _require(isinstance(item, dict), file, name, f"doit contenir l'une des clés {', '.join(WORD_KINDS)}")
        kinds = [k for k in WORD_KINDS if k in item]
        _require(len(kinds) == 1, file, name, f"doit contenir une et une seule des clés {', '.join(WORD_KINDS)}")
        unknown = set(item) - {*WORD_KINDS, "note", "exemples"}
        _require(not unknown, file, name, f"clés inconnues : {', '.join(sorted(unknown))}")
        kind = kinds[0]
        words = item[kind]
        _require(isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words),
                 file, f"{name}.{kind}", "doit être une liste non vide de mots")
        examples = _examples(item.get("exemples"), file, name)
        _require(bool(examples.oui), file, f"{name}.exemples.oui", "au moins un exemple est attendu")
        # Forms and fragments are compared lower-cased; lemmas as the model gives them.
        norm = frozenset(words) if kind == "lemmes" else frozenset(w.lower() for w in words)
        out[name] = WordList(name, kind, norm, examples, str(item.get("note", "")))
    return out


# The shape of reglages.yaml: section -> key -> expected type.
_SETTINGS_SHAPE = {
    "negation": {"marqueurs": list, "inverseurs": list, "volonte": list},
    "hesitation": {"conditionnel": list, "evenement_a_venir": list, "cas": list, "objet_date": list, "comme_prevu": list},
    "demande": {"marques": list},
    "gestes": {"critique_certaine": (int, float), "critique_probable": (int, float), "presence": (int, float),
               "second_avis_doute": (int, float), "critique_accord": (int, float), "second_avis_accord": (int, float),
               "second_avis_rejet": (int, float), "second_avis_rejet_nomme": (int, float),
               "accord_moyen": (int, float)},
    "concision": {"max_mots": int, "max_mots_phrase": int, "max_justification": int, "min_mots_recit": int,
                  "adresse": list, "geste_point": (int, float), "recit_adresse_min_mots": int},
    "reecriture": {"part_familiere": (int, float)},
    "tutoiement": {"formes": list},
    "langue": {"francais": list, "autres": list, "min_mots": int, "min_ratio": (int, float)},
    "critique": {"experienceur": list, "interlocuteur": list, "cote_candidat": list, "moment_du_candidat": list,
                 "eloge_creux": list, "question_rhetorique": list, "emoji_moqueur": list, "emoji_rire": list},
    "polarite": {"seuil_negatif": (int, float), "seuil_positif_nie": (int, float), "geste_min": (int, float),
                 "exclusions": list, "ajouts": dict},
    "delai": {"preavis_heures": (int, float), "remerciement_jours": int, "relance_jours": int},
    "decoupage": {"mots_entiers": list, "points_detaches": list},
}
# Shares: a value outside (0, 1] would silently switch the behaviour off or on for every message.
_SETTINGS_SHARES = {("reecriture", "part_familiere")}


def _check_settings(settings: Any) -> None:
    _require(isinstance(settings, dict), "reglages.yaml", "(racine)", "doit être un dictionnaire")
    for section, keys in _SETTINGS_SHAPE.items():
        _require(isinstance(settings.get(section), dict), "reglages.yaml", section, "section manquante")
        for key, kind in keys.items():
            value = settings[section].get(key)
            ok = isinstance(value, kind) and not isinstance(value, bool)
            _require(ok, "reglages.yaml", f"{section}.{key}", "valeur manquante ou d'un mauvais type")
            if (section, key) in _SETTINGS_SHARES:
                _require(0 < value <= 1, "reglages.yaml", f"{section}.{key}", "une part entre 0 (exclu) et 1 est attendue")
    for pol, forms in settings["polarite"]["ajouts"].items():
        _require(isinstance(pol, (int, float)) and not isinstance(pol, bool) and -1 <= pol <= 1, "reglages.yaml",
                 f"polarite.ajouts.{pol}", "une polarité entre -1 et 1 est attendue")
        _require(isinstance(forms, list) and all(isinstance(w, str) and w.strip() for w in forms), "reglages.yaml",
                 f"polarite.ajouts.{pol}", "doit être une liste de formes")


@lru_cache(maxsize=4)
def load(directory: str | None = None) -> Lexicon:
    base = Path(directory) if directory else lexicon_dir()
    lists_raw = _load_yaml(base / "listes.yaml") or {}
    _require(isinstance(lists_raw, dict), "listes.yaml", "(racine)", "doit associer un nom à une liste de mots")
    lists: dict[str, list[str]] = {}
    for name, words in lists_raw.items():
        _require(isinstance(words, list) and words and all(isinstance(w, str) for w in words), "listes.yaml", name,
                 "doit être une liste de mots")
        lists[name] = words
    expressions: list[Expression] = []
    for path in sorted((base / "expressions").glob("*.yaml")):
        expressions.extend(_expressions(_load_yaml(path), path.name, path.stem, lists))
    structure = _structure(_load_yaml(base / "structure.yaml"), "structure.yaml")
    regexes, regex_extra = {}, {}
    for path in sorted((base / "regex").glob("*.yaml")):
        data = _load_yaml(path)
        regexes[path.stem] = _regexes(data, path.name)
        regex_extra[path.stem] = {item.get("id", f"motifs[{j}]"): item for j, item in enumerate(data["motifs"])}
    raw_templates = _load_yaml(base / "modeles.yaml")
    accords = raw_templates.pop("accords", None) if isinstance(raw_templates, dict) else None
    templates = _templates(raw_templates, "modeles.yaml")
    agreements = _agreements(accords, templates, "modeles.yaml")
    settings = _load_yaml(base / "reglages.yaml") or {}
    _check_settings(settings)
    fixes = _load_yaml(base / "lemmes.yaml") or {}
    _require(isinstance(fixes, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in fixes.items()),
             "lemmes.yaml", "(racine)", "doit associer une forme à un lemme")
    replacements = _replacements(_load_yaml(base / "remplacements.yaml"), "remplacements.yaml")
    for j, item in enumerate(regex_extra.get("confusions", {}).values()):
        for key in ("correction", "message"):
            _require(isinstance(item.get(key), str) and item[key], "confusions.yaml", f"motifs[{j}].{key}", "texte manquant")
    requirements = _requirements(_load_yaml(base / "exigences.yaml"), "exigences.yaml")
    words = _word_lists(_load_yaml(base / "mots.yaml"), "mots.yaml")
    dates = load_words(_load_yaml(base / "dates.yaml"), "dates.yaml")
    patterns = []
    for key in [k for k in fixes if k.startswith("~")]:
        try:
            rx = re.compile(key[1:])
        except re.error as e:
            raise LexiconError("lemmes.yaml", key, f"motif invalide : {e}") from None
        _require(key[1:2].isdigit() or key[1:3] == r"\d", "lemmes.yaml", key,
                 "un motif « ~… » ne s'applique qu'aux formes qui commencent par un chiffre")
        patterns.append((rx, fixes.pop(key)))
    by_pos = {}
    for key in [k for k in fixes if "/" in k]:
        form, _, pos = key.partition("/")
        _require(pos in _POS_TAGS and form, "lemmes.yaml", key,
                 f"« forme/CATÉGORIE » attend l'une des catégories {', '.join(sorted(_POS_TAGS))}")
        by_pos[(form.lower(), pos)] = fixes.pop(key)
    return Lexicon(expressions, structure, regexes, templates, settings, {k.lower(): v for k, v in fixes.items()},
                   replacements, regex_extra, requirements, words, dates, lists, agreements, by_pos, patterns)
