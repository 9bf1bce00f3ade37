"""Every expression of lexicons/ is tested on its own examples, and bad data is refused with file and key."""
import re
import shutil

import pytest

from ton.errors import LexiconError
from ton.lexicon import lexicon_dir, load

LEX = load()

# Which criterion a group of expressions serves, to judge its examples at criterion level
# (an ironic "merci pour rien" matches « merci » but must not meet « remerciement »).
GROUP_CRITERION = {
    "remerciement.expressions": "remerciement",
    "decision.expressions": "decision_claire",
    "excuses.expressions": "excuses",
    "report.expressions": "proposition_report",
    "report.verbes": "proposition_report",
    "report.demandes": "proposition_report",
    "porte_ouverte.expressions": "porte_ouverte",
}
CASES = [(e.key, e.group, kind, s) for e in LEX.expressions for kind in ("oui", "non") for s in getattr(e.examples, kind)]


def test_every_expression_group_has_examples():
    groups = {e.group for e in LEX.expressions}
    for g in groups:
        assert any(e.examples.oui for e in LEX.expressions if e.group == g), g


@pytest.mark.parametrize("key,group,kind,sentence", CASES, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_expression_examples(key, group, kind, sentence, checker):
    from conftest import criterion

    report = checker(sentence)
    if group in GROUP_CRITERION:
        met = criterion(report, GROUP_CRITERION[group]).met
        assert met == (kind == "oui"), f"{key}: « {sentence} »"
    elif group.startswith("critique.") and group not in ("critique.indulgence", "critique.neutre", "critique.eloge", "critique.marques", "critique.comparaisons"):  # matched as themselves
        if group == "critique.cibles":
            return  # targets are tested through the judgments they anchor
        # An example tests its expression: the sentence layer's own reading of an isolated sentence is
        # measured where it belongs (corpus/, phrases-validation), not here.
        from ton.batch import check_sources
        from ton.check import Options
        from ton.reading import Source

        off = {"gestes": {"critique_certaine": 1.1, "critique_probable": 1.1}}
        (report,) = list(check_sources([Source("<test>", sentence, "utf-8")], Options(config=off)))
        met = criterion(report, "sans_critique").met
        assert met == (kind == "non"), f"{key}: « {sentence} »"
    elif group == "familier.expressions":
        fired = any(f.rule == "registre_familier" for f in report.findings)
        assert fired == (kind == "oui"), f"{key}: « {sentence} »"
    else:
        # hesitation, exclusions, types: the expression itself must (not) match with its polarity.
        from ton.analysis import analyse
        from ton.nlp import get_matcher, get_nlp
        from ton.structure import parse

        st = parse(sentence, LEX.structure)
        doc = get_nlp()(st.analysis_text())
        LEX.fix_lemmas(doc)
        a = analyse(doc, st, LEX, get_matcher())
        hit = any(m.expr.key == key and m.valid for m in a.matches)
        assert hit == (kind == "oui"), f"{key}: « {sentence} »"


@pytest.mark.parametrize("name", ["objet", "salutation", "formule_finale", "citation"])
def test_structure_examples(name):
    rx = getattr(LEX.structure, name)
    ex = LEX.structure.examples[name]
    assert ex.oui
    for s in ex.oui:
        assert rx.search(s), s
    for s in ex.non:
        assert not rx.search(s), s


def test_regex_examples():
    for family, items in LEX.regexes.items():
        for rid, rx, ex in items:
            assert ex.oui, f"{family}/{rid}"
            for s in ex.oui:
                assert rx.search(s), f"{family}/{rid}: {s}"
            for s in ex.non:
                assert not rx.search(s), f"{family}/{rid}: {s}"


def test_templates_cover_each_type_and_missing_criterion():
    from ton.rules import BY_ID

    for mtype, crits in LEX.requirements.items():
        for cid in crits:
            if BY_ID[cid].insert:
                assert LEX.suggestions(mtype, cid), (mtype, cid)


@pytest.fixture
def broken_lexicons(tmp_path):
    dst = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), dst)
    return dst


@pytest.mark.parametrize("edit,file,key", [
    (lambda t: t.replace('polarite: negative', 'polarite: peut-etre', 1), "decision.yaml", "polarite"),
    (lambda t: t.replace('motif: "=merci|=mercis"', 'motif: "@inconnue"', 1), "remerciement.yaml", "expressions[0].motif"),
    (lambda t: t.replace('exemples:', 'exemple:', 1), "excuses.yaml", "exemple"),
    (lambda t: t + "\n  - [ouvert\n", "report.yaml", "ligne"),
])
def test_invalid_lexicon_names_file_and_key(broken_lexicons, edit, file, key):
    path = broken_lexicons / "expressions" / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load(str(broken_lexicons))
    msg = str(info.value)
    assert file in msg and key in msg, msg


def test_invalid_regex_names_file_and_key(broken_lexicons):
    path = broken_lexicons / "regex" / "gabarits.yaml"
    path.write_text(re.sub(r"regex: '\\\[", "regex: '(\\\\[", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load(str(broken_lexicons))
    assert "gabarits.yaml" in str(info.value) and "motifs[0].regex" in str(info.value)


# --- word lists read by the rules' code (mots.yaml) ---------------------------------------------

WORD_CASES = [(name, kind, s) for name, wl in LEX.words.items() for kind in ("oui", "non") for s in getattr(wl.examples, kind)]


@pytest.fixture(scope="module")
def read_without(tmp_path_factory):
    """How ton reads a sentence with the shipped lexicons, and with one list of mots.yaml emptied
    (its words replaced by one that never occurs): what the list changes is what it is for."""
    import yaml

    from ton.batch import check_sources
    from ton.check import Options
    from ton.reading import Source

    dirs: dict[str | None, str | None] = {None: None}

    def folder(name: str | None) -> str | None:
        if name not in dirs:
            dst = tmp_path_factory.mktemp("lexiques") / "lexicons"
            shutil.copytree(lexicon_dir(), dst)
            data = yaml.safe_load((dst / "mots.yaml").read_text(encoding="utf-8"))
            data[name][LEX.words[name].kind] = ["zzzzzz"]
            (dst / "mots.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            dirs[name] = str(dst)
        return dirs[name]

    def reading(sentence: str, name: str | None):
        (r,) = list(check_sources([Source("<test>", sentence, "utf-8")], Options(lexicon_dir=folder(name))))
        return (r.type, r.type_features, [(c.id, c.met, c.message) for c in r.criteria],
                [(f.rule, f.message) for f in r.findings])

    return reading


@pytest.mark.parametrize("name,kind,sentence", WORD_CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(WORD_CASES)])
def test_word_list_examples(name, kind, sentence, read_without):
    changed = read_without(sentence, None) != read_without(sentence, name)
    assert changed == (kind == "oui"), f"{name}: « {sentence} »"


def test_word_lists_read_by_the_code_exist():
    """A list the code reads but the data lacks is refused at load, naming mots.yaml and the list."""
    import yaml

    from ton.rules import validate

    data = yaml.safe_load((lexicon_dir() / "mots.yaml").read_text(encoding="utf-8"))
    for missing in ("report.causes", "type.ailleurs"):
        lex = load.__wrapped__()
        del lex.words[missing]
        with pytest.raises(LexiconError) as info:
            validate(lex)
        assert "mots.yaml" in str(info.value) and missing in str(info.value)
    lex = load.__wrapped__()
    lex.regexes["reecriture"] = [r for r in lex.regexes["reecriture"] if r[0] != "condition"]
    with pytest.raises(LexiconError) as info:
        validate(lex)
    assert "reecriture.yaml" in str(info.value) and "condition" in str(info.value)
    assert set(data) == set(LEX.words)


@pytest.mark.parametrize("edit,key", [
    (lambda t: t.replace("formes: [car,", "mots: [car,", 1), "report.causes"),
    (lambda t: t.replace("lemmes: [avoir, être]", "lemmes: []", 1), "porte_ouverte.auxiliaires.lemmes"),
    (lambda t: t.replace('oui: ["Merci de m\'avoir recontactée."]', "oui: []", 1), "porte_ouverte.auxiliaires.exemples.oui"),
])
def test_invalid_word_list_names_file_and_key(broken_lexicons, edit, key):
    path = broken_lexicons / "mots.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit(text) != text
    path.write_text(edit(text), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load(str(broken_lexicons))
    msg = str(info.value)
    assert "mots.yaml" in msg and key in msg, msg


@pytest.mark.parametrize("value", ["1.5", "0", "trois", "~"])
def test_familiar_share_setting_is_validated(broken_lexicons, value):
    """reglages.yaml reecriture.part_familiere (drafts too familiar for a word-by-word rewrite) is a share."""
    path = broken_lexicons / "reglages.yaml"
    text = path.read_text(encoding="utf-8")
    assert "part_familiere: 0.3" in text
    path.write_text(text.replace("part_familiere: 0.3", f"part_familiere: {value}"), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load(str(broken_lexicons))
    assert "reglages.yaml" in str(info.value) and "reecriture.part_familiere" in str(info.value)


def test_a_word_mixing_lemmas_and_exact_forms_matches_either_way():
    """« nouvelle|=nouvelles »: each alternative keeps its own kind (the first one used to decide for all,
    so « =décidé » was sought as a lemma and never found)."""
    from spacy.matcher import Matcher

    from ton.lexicon import Expression, compile_motif
    from ton.matcher import LexiconMatcher
    from ton.nlp import get_nlp

    expr = Expression(key="t.t[0]", group="t.t", motif="", tokens=compile_motif("=sans réponse|=nouvelles", {}, "t", "t"))
    assert len(expr.patterns) == 2
    nlp = get_nlp()
    ours = LexiconMatcher([expr])
    theirs = Matcher(nlp.vocab)
    theirs.add(expr.key, [list(p) for p in expr.patterns])
    for text, found in (("Toujours sans nouvelles de vous.", True), ("Je reste sans réponses.", True),
                        ("Je suis sans nouvelle idée.", False)):
        doc = nlp(text)
        got = ours(doc)
        assert bool(got) == found, text
        assert got == [(doc.vocab.strings[k], s, e, list(a)) for k, s, e, a in theirs(doc, with_alignments=True)]
