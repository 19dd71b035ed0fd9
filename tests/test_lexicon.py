from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon import load_lexicon, validate_path

from conftest import LEXICON, ROOT


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in validate_path(path)]


def test_a_good_lexicon_has_no_problems(lexicon_file):
    assert validate_path(lexicon_file) == []
    lexicon = load_lexicon([lexicon_file], include_defaults=False)
    assert list(lexicon.categories) == ["test-cat"]
    assert [e.rule for e in lexicon.entries][:2] == ["test-cat/so-called", "test-cat/any-backed"]


def test_toml_syntax_error_names_file_and_line(tmp_path):
    (problem,) = problems_of(tmp_path, LEXICON.replace('term = "regime"', 'term = "regime'))
    assert problem.startswith(f"{tmp_path / 'broken.toml'}:")
    line = LEXICON.splitlines().index('term = "regime"') + 1
    assert f":{line}: invalid TOML" in problem


def test_every_entry_problem_is_reported_with_its_line(tmp_path):
    text = LEXICON.replace('explanation = "Label."\n', "").replace('severity = "error"', 'severity = "fatal"')
    text = text.replace('term = "damage"', 'term = "(a+)+$"')
    problems = problems_of(tmp_path, text)
    lines = text.splitlines()
    regime_header = max(i for i, l in enumerate(lines[: lines.index('term = "regime"')]) if l == "[[entry]]") + 1
    assert any(f":{regime_header}: missing required key 'explanation'" in p for p in problems)
    severity_line = lines.index('severity = "fatal"') + 1
    assert any(f":{severity_line}: severity must be one of info, warning, error" in p for p in problems)
    assert any("'(a+)+$' may contain only letters" in p for p in problems)
    assert len(problems) == 3


def test_category_and_structure_problems(tmp_path):
    text = LEXICON.replace('id = "test-cat"', 'id = "Test Cat"').replace('references = ["Test reference."]', "colour = 1")
    problems = problems_of(tmp_path, text)
    assert any(":2: category id 'Test Cat'" in p for p in problems)
    assert any("unknown key 'colour' in [category]" in p for p in problems)
    assert any("at least one entry in 'references'" in p for p in problems)
    assert problems_of(tmp_path, "[[entry]]\nterm = 'x'\n")[0].endswith(":1: missing [category] table")


def test_duplicate_terms_and_bad_wildcards(tmp_path):
    dup = LEXICON + '\n[[entry]]\nterm = "Regime"\nid = "regime-2"\nexplanation = "e"\nsuggestion = "s"\n'
    assert any("term 'Regime' already appears at line" in p for p in problems_of(tmp_path, dup))  # as written
    # An entry with another problem is still checked for repeats.
    both = LEXICON + '\n[[entry]]\nterm = "regime"\nid = "regime-3"\nexplanation = "e"\nsuggestion = "s"\nexceptions = ["nope"]\n'
    problems = problems_of(tmp_path, both)
    assert any("term 'regime' already appears at line" in p for p in problems)
    assert any("exception 'nope' must contain the term" in p for p in problems)
    wild = LEXICON.replace('term = "*-backed"', 'term = "back*ed"')
    assert any("may use '*' only as the whole first or last part" in p for p in problems_of(tmp_path, wild))


def test_terms_repeated_across_files_in_a_folder(tmp_path, lexicon_file):
    other = tmp_path / "other.toml"
    other.write_text(LEXICON.replace('id = "test-cat"', 'id = "other-cat"'), encoding="utf-8")
    problems = [str(p) for p in validate_path(tmp_path)]
    assert any("term 'regime' is also defined at" in p for p in problems)


def test_invalid_utf8_and_missing_path(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_bytes(b"[category]\nid = \"x\xff\"\n")
    (problem,) = validate_path(path)
    assert str(problem) == f"{path}:2: lexicon is not valid UTF-8"
    (missing,) = validate_path(tmp_path / "nope.toml")
    assert "no such file or folder" in str(missing)


def test_loading_a_broken_user_lexicon_raises_one_clear_error(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[category\n", encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon([path])
    assert str(info.value).startswith(f"{path}:1: invalid TOML")


# ---------------------------------------------------------------------- the default lexicons


def test_default_lexicons_are_valid():
    problems = validate_path(ROOT / "lexicons")
    assert [str(p) for p in problems] == []


def test_default_lexicons_cover_the_required_categories_and_size():
    lexicon = load_lexicon()
    required = {
        "distancing", "legitimacy", "foreign-agency", "actor-labels", "emotive",
        "euphemism", "hedges", "attribution-verbs",
    }
    assert required <= set(lexicon.categories)
    assert len(lexicon.categories) >= 8
    assert len(lexicon.entries) >= 600
    for category in lexicon.categories.values():
        assert category.references, category.id
    for entry in lexicon.entries:
        assert len(entry.explanation) > 20 and len(entry.suggestion) > 3, entry.rule


def test_the_mission_examples_are_in_the_default_lexicons():
    from framing.detectors.lexicon import LexiconDetector

    detector = LexiconDetector(load_lexicon())
    text = "the so-called US-led coalition; foreign-backed militancy; their unauthorized presence"
    categories = {e.category: text[s:t] for s, t, e in detector.matches(text)}
    assert categories["distancing"] == "so-called"
    assert categories["foreign-agency"].startswith("foreign-backed")
    assert categories["legitimacy"].startswith("unauthorized")


def test_inflect_modes_and_their_defaults(tmp_path):
    text = LEXICON + (
        '\n[[entry]]\nterm = "police state"\nexplanation = "e"\nsuggestion = "s"\n'
        '\n[[entry]]\nterm = "critics say"\ninflect = true\nexplanation = "e"\nsuggestion = "s"\n'
        '\n[[entry]]\nterm = "purge"\ninflect = "plural"\nexplanation = "e"\nsuggestion = "s"\n'
    )
    path = tmp_path / "modes.toml"
    path.write_text(text, encoding="utf-8")
    modes = {e.term: e.inflect for e in load_lexicon([path], include_defaults=False).entries}
    assert modes["regime"] == "all" and modes["collateral damage"] == "plural"  # the defaults
    assert modes["police state"] == "plural" and modes["critics say"] == "all" and modes["purge"] == "plural"
    bad = text.replace('inflect = "plural"', 'inflect = "verbs"')
    (problem,) = problems_of(tmp_path, bad)
    line = bad.splitlines().index('inflect = "verbs"') + 1
    assert f":{line}: 'inflect' must be true, false or \"plural\"" in problem


def test_exceptions_must_contain_the_term(tmp_path):
    good = LEXICON.replace('term = "regime"\n', 'term = "regime"\nexceptions = ["tax regime", "sanctions regimes"]\n')
    assert problems_of(tmp_path, good) == []
    bad = LEXICON.replace('term = "regime"\n', 'term = "regime"\nexceptions = ["regimen", "regime"]\n')
    problems = problems_of(tmp_path, bad)
    line = bad.splitlines().index('exceptions = ["regimen", "regime"]') + 1
    assert [p.split(": ", 1)[1] for p in problems] == [
        "exception 'regimen' must contain the term (or a variant or form) inside a longer phrase",
        "exception 'regime' must contain the term (or a variant or form) inside a longer phrase",
    ]
    assert all(f":{line}:" in p for p in problems)


def _regime_with(tmp_path, rule_line):
    """The test lexicon with `rule_line` added to its "regime" entry: (the texts of a sentence's
    "regime" findings, the analyzer)."""
    from framing.document import Document
    from framing.pipeline import Analyzer

    text = LEXICON.replace('term = "regime"\n', f'term = "regime"\n{rule_line}\n')
    assert problems_of(tmp_path, text) == []
    path = tmp_path / "context.toml"
    path.write_text(text, encoding="utf-8")
    analyzer = Analyzer.from_options(lexicons=[path], default_lexicons=False, detectors=["lexicon"])

    def found(sentence):
        return [f.text for f in analyzer.analyze(Document(id="t", text=sentence)).findings if f.rule == "test-cat/regime"]

    return found, analyzer


def test_unless_next_drops_a_match_by_the_word_after_it(tmp_path):
    found, _ = _regime_with(tmp_path, 'unless_next = ["#", "change", "Change’s"]')

    assert found("The regime fell.") == ["regime"]
    assert found("Talk of regime change grew.") == []  # the next word is listed
    assert found("Talk of regime Change grew.") == []  # compared in lower case
    assert found("The regime (change) was noted.") == []  # one opening bracket may come between
    assert found("The regime 20 years ago.") == []  # '#': any number
    assert found("The regime, change came later.") == ["regime"]  # punctuation in between: a new clause
    assert found("The regime changed.") == ["regime"]  # a whole word, not a prefix
    assert found("The regime change’s critics.") == []  # curly apostrophes as straight


def test_unless_prev_drops_a_match_by_the_word_before_it(tmp_path):
    from framing.explain import describe_entry

    found, analyzer = _regime_with(tmp_path, 'unless_prev = ["#", "tax", "Fiscal’s"]')

    assert found("The regime fell.") == ["regime"]
    assert found("Regime change.") == ["Regime"]  # nothing before it
    assert found("A new tax regime.") == []  # the word before is listed
    assert found("A new TAX regime.") == []  # compared in lower case
    assert found("The (tax) regime.") == []  # one closing bracket may come between
    assert found("The “tax” regime.") == []  # or quotation mark
    assert found("A 1,200 regime.") == []  # '#': any number
    assert found("Tax, regime and all.") == ["regime"]  # punctuation in between: no word before
    assert found("A syntax regime.") == ["regime"]  # a whole word, not a suffix
    assert found("The fiscal’s regime.") == []  # curly apostrophes as straight
    assert found("A taxregime.") == []  # no word boundary: no match at all
    (entry,) = [e for e in analyzer.detectors[0].lexicon.entries if e.term == "regime"]
    assert "unless prev: #, tax, fiscal's" in describe_entry(entry)


def test_unless_prev_holds_single_words(tmp_path):
    bad = LEXICON.replace('term = "regime"\n', 'term = "regime"\nunless_prev = ["the tax"]\n')
    (problem,) = problems_of(tmp_path, bad)
    assert "'unless_prev' holds single words or '#' (any number), not 'the tax'" in problem


def test_unless_next_holds_single_words(tmp_path):
    bad = LEXICON.replace('term = "regime"\n', 'term = "regime"\nunless_next = ["regime change"]\n')
    (problem,) = problems_of(tmp_path, bad)
    assert "'unless_next' holds single words or '#' (any number), not 'regime change'" in problem
    line = bad.splitlines().index('unless_next = ["regime change"]') + 1
    assert f":{line}:" in problem
