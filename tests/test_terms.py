"""Distinctive terms (framing.terms, `framing terms`): the log-odds math by hand, n-gram rules,
labels an outlet prefers surfacing, chunking and determinism, the JSON schema, bad options."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.document import Document
from framing.errors import ConfigError
from framing.lexicon import load_lexicon
from framing.readers import read_paths
from framing.terms import TermCounts, distinctive_terms, group_key, log_odds_z, parse_by, phrases
from framing.terms import _stop_words

STOP = _stop_words()


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_log_odds_z_matches_a_hand_computation():
    # Two terms; the group has counts (3, 1), the rest (1, 5); prior = corpus counts (4, 6).
    group, other, prior = [3, 1], [1, 5], [4, 6]
    n_i, n_j, a0 = 4, 6, 10

    def z(y_i, y_j, a):
        delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
        return delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))

    # By hand for the first term: log(7/7) - log(5/11) = 0.78846; var = 1/7 + 1/5 = 0.34286.
    assert z(3, 1, 4) == pytest.approx(0.78846 / math.sqrt(0.34286), abs=1e-4)
    got = log_odds_z(group, other, prior)
    assert got[0] == pytest.approx(z(3, 1, 4)) and got[1] == pytest.approx(z(1, 5, 6))
    assert got[0] > 0 > got[1]  # the group prefers the first term, the rest the second
    assert list(log_odds_z([2, 2], [2, 2], [4, 4])) == [0.0, 0.0]  # same usage: no difference
    # Computed on part of the vocabulary with the totals given, a term's z is the same.
    assert log_odds_z([1], [5], [6], n_group=4, n_other=6, a0=10)[0] == pytest.approx(got[1])


def test_phrases_drop_stop_words_numbers_and_cross_no_punctuation():
    grams = phrases("The so-called regime's thugs, 3,400 of them, attacked the town. Hospitals filled", STOP)
    assert "so-called" in grams and "so-called regime" in grams and "so-called regime thugs" in grams
    assert "regime" in grams and "regime's" not in grams  # the possessive is dropped
    assert not any(g.split()[0] in STOP or g.split()[-1] in STOP for g in grams)
    assert not any(any(ch.isdigit() for ch in g) for g in grams)
    assert "thugs attacked" not in grams  # a comma breaks phrases
    assert "town hospitals" not in grams  # so does a full stop
    assert "attacked the town" in grams  # a stop word inside a phrase stays
    assert phrases("Critics’ claims", STOP) == phrases("critics' claims", STOP)  # folded like the lexicons


def _corpus(extra_herald: int = 0) -> list[Document]:
    """Two outlets on the same stories; the Herald calls people thugs and the government a regime."""
    herald = [
        "The regime sent its thugs to break up the march. Regime officials blamed the thugs of the opposition.",
        "Witnesses said regime forces fired on the crowd while thugs looted shops near the square.",
        "The regime denied the report. Thugs were seen near the station as the regime cut the power.",
        "Fuel prices rose again, and the regime blamed foreign thugs for the shortages at the port.",
        "The regime closed the bridge after thugs blocked the road to the harbour on Monday.",
    ] + ["The regime and its thugs marched on the bridge at dawn."] * extra_herald
    ledger = [
        "The government sent police to the march. Government officials blamed protesters for the damage.",
        "Witnesses said government forces fired on the crowd while protesters gathered near the square.",
        "The government denied the report. Protesters were seen near the station as the power was cut.",
        "Fuel prices rose again, and the government blamed importers for the shortages at the port.",
        "The government closed the bridge after protesters blocked the road to the harbour on Monday.",
    ]
    docs = [Document(id=f"h{i}", text=t, outlet="Herald", metadata={"desk": "world"}) for i, t in enumerate(herald)]
    docs += [Document(id=f"l{i}", text=t, outlet="Ledger", metadata={"desk": "home"}) for i, t in enumerate(ledger)]
    return docs


def test_an_outlet_that_uses_loaded_labels_gets_them_among_its_top_terms():
    report = distinctive_terms(TermCounts(("outlet",)).add_all(_corpus()), load_lexicon(), min_count=3, top=5)
    herald, ledger = report.groups
    assert herald.key == {"outlet": "Herald"} and ledger.key == {"outlet": "Ledger"}
    top = {t.term: t for t in herald.terms}
    assert {"regime", "thugs"} <= set(top)
    assert top["regime"].lexicon == "actor-labels/regime" and top["regime"].lexicon is not None
    assert top["thugs"].lexicon == "actor-labels/thug"  # the plural matches the entry, as in articles
    assert top["regime"].count == 7 and top["regime"].other_count == 0 and top["regime"].documents == 5
    assert "government" in {t.term for t in ledger.terms} and "regime" not in {t.term for t in ledger.terms}
    zs = [t.z for t in herald.terms]
    assert zs == sorted(zs, reverse=True) and zs[0] > 1.0 and zs[-1] > 0
    assert not herald.small and not ledger.small  # five documents each: not small


def test_chunked_counts_equal_one_pass_and_output_is_deterministic():
    lexicon = load_lexicon()
    whole = distinctive_terms(TermCounts(("outlet",)).add_all(_corpus()), lexicon, min_count=2, top=0)
    # One document at a time merges ten partial matrices with their own vocabularies.
    chunked = TermCounts(("outlet",))
    for document in _corpus():
        chunked.add_chunk([document])
    assert distinctive_terms(chunked, lexicon, min_count=2, top=0) == whole
    counts, frequencies = chunked.matrices()
    assert (counts.indptr == frequencies.indptr).all() and (counts.indices == frequencies.indices).all()
    assert (frequencies.data <= counts.data).all() and counts.shape == (2, len(chunked.vocabulary))
    again = distinctive_terms(TermCounts(("outlet",)).add_all(_corpus()), lexicon, min_count=2, top=0)
    assert json.dumps(again.to_dict()) == json.dumps(whole.to_dict())
    for group in whole.groups:  # ties broken by term
        pairs = [(-t.z, t.term) for t in group.terms]
        assert pairs == sorted(pairs)


def test_counts_of_parts_merge_into_the_counts_of_the_whole():
    docs = _corpus()
    whole = distinctive_terms(TermCounts(("outlet",)).add_all(docs), None, min_count=2, top=0)
    # Two parts with different groups first and different vocabularies, counted apart, then merged.
    first, second = TermCounts(("outlet",)).add_all(docs[5:8]), TermCounts(("outlet",)).add_all(docs[:5] + docs[8:])
    merged = first.merge(second)
    assert merged.documents == [5, 5] and [k["outlet"] for k in merged.keys] == ["Ledger", "Herald"]
    assert distinctive_terms(merged, None, min_count=2, top=0) == whole
    assert TermCounts(("outlet",)).merge(TermCounts(("outlet",))).documents == []
    with pytest.raises(ConfigError, match="cannot merge"):
        TermCounts(("outlet",)).merge(TermCounts(("desk",)))


def test_small_groups_vs_and_metadata_keys():
    counts = TermCounts(("desk",)).add_all(_corpus()[:7])  # world: 5 documents, home: 2
    report = distinctive_terms(counts, None, min_count=2, top=3)
    assert [(g.key["desk"], g.documents, g.small) for g in report.groups] == [("home", 2, True), ("world", 5, False)]
    assert all(t.lexicon is None for g in report.groups for t in g.terms)  # no lexicon loaded
    versus = distinctive_terms(TermCounts(("outlet",)).add_all(_corpus()), None, vs="Ledger", min_count=2)
    assert [g.key for g in versus.groups] == [{"outlet": "Herald"}] and versus.vs == {"outlet": "Ledger"}
    with pytest.raises(ConfigError, match="no group"):
        distinctive_terms(TermCounts(("outlet",)).add_all(_corpus()), None, vs="Gazette")
    assert group_key(Document(id="x", text=""), ("outlet", "desk")) == {"outlet": "(unknown outlet)", "desk": "unknown"}
    # The comparison's grouping: date periods and the event metadata too.
    dated = Document(id="y", text="", date="2026-03-04", metadata={"event": "e7"})
    assert group_key(dated, ("month", "week", "event")) == {"month": "2026-03", "week": "2026-W10", "event": "e7"}
    assert parse_by("outlet, desk") == ("outlet", "desk")
    for bad in ("", "outlet,", "document,outlet", "outlet,outlet"):
        with pytest.raises(ConfigError):
            parse_by(bad)


def test_terms_command_json_schema_and_errors(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text, "outlet": d.outlet}) + "\n" for d in _corpus()),
                      "utf-8")
    result = run("terms", corpus, "--by", "outlet", "-f", "json", "--min-count", "3", "--top", "4")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["schema", "by", "groups"] and data["schema"] == "framing/terms@1"
    assert data["by"] == ["outlet"]
    group = data["groups"][0]
    assert list(group) == ["key", "documents", "small", "terms"] and group["key"] == {"outlet": "Herald"}
    assert list(group["terms"][0]) == ["term", "z", "count", "other_count", "documents", "lexicon"]
    assert "actor-labels/regime" in {t["lexicon"] for t in group["terms"]}
    assert run("terms", corpus, "-f", "json", "--min-count", "3").stdout == run(
        "terms", corpus, "-f", "json", "--min-count", "3").stdout
    table = run("terms", corpus, "--min-count", "3", "--top", "3", "--vs", "Ledger")
    assert table.exit_code == 0 and "Herald vs Ledger: 5 document(s)" in table.stdout and "Ledger vs" not in table.stdout
    bad = run("terms", corpus, "--vs", "Gazette")
    assert bad.exit_code == 2 and "--vs 'Gazette' is no group" in bad.stderr
    assert run("terms", corpus, "--min-count", "0").exit_code == 2
    assert run("terms", corpus, "-f", "sarif").exit_code == 2
    missing = run("terms", corpus, tmp_path / "missing.txt", "--min-count", "3")
    assert missing.exit_code == 2 and "missing.txt" in missing.stderr and "Herald" in missing.stdout


def test_counts_that_spill_to_disk_rank_exactly_as_in_memory():
    """Past max_terms distinct terms the counts go to sorted runs on disk, merged when ranked:
    memory follows the cap, not the corpus, and the ranking (z, counts, documents, order) is the
    one the in-memory counts give, one group against the rest or against --vs."""
    from framing.lexicon import load_lexicon

    docs = list(read_paths(["corpora/demo"]))
    lexicon = load_lexicon()
    whole = TermCounts(("outlet",)).add_all(docs)
    assert not whole.spilled
    spilling = TermCounts(("outlet",), max_terms=300).add_all(docs, chunk=3)
    assert spilling.spilled and len(spilling.vocabulary) <= 300 + 3 * 2000
    assert distinctive_terms(spilling, lexicon, min_count=2, top=10).to_dict() == \
        distinctive_terms(whole, lexicon, min_count=2, top=10).to_dict()
    against = TermCounts(("outlet",), max_terms=200).add_all(docs, chunk=2)
    assert distinctive_terms(against, lexicon, vs="Meridian Wire", min_count=3, top=0).to_dict() == \
        distinctive_terms(whole, lexicon, vs="Meridian Wire", min_count=3, top=0).to_dict()
    with pytest.raises(ConfigError, match="spilled"):
        whole.merge(spilling)
