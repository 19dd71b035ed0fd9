"""The parsed-lexicon cache: same lexicon with or without it, keyed by content, never trusted blindly."""

from __future__ import annotations

from framing.lexicon import cache, load_lexicon
import json

from framing.lexicon import compile as compiled
from framing.lexicon.compile import entry_phrases


def test_a_cached_lexicon_equals_a_parsed_one(tmp_path, monkeypatch, lexicon_file):
    monkeypatch.setenv("FRAMING_CACHE_DIR", "")
    parsed = load_lexicon([lexicon_file], include_defaults=False)
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    first = load_lexicon([lexicon_file], include_defaults=False)  # parses and writes the cache
    (written,) = tmp_path.glob("lexicon-*.json")
    expected = [sorted(entry_phrases(e)) for e in parsed.entries]
    compiled.forget()
    second = load_lexicon([lexicon_file], include_defaults=False)  # read from the cache
    assert parsed.entries == first.entries == second.entries and parsed.categories == second.categories
    assert [sorted(entry_phrases(e)) for e in second.entries] == expected
    # The phrases come from the file: what it holds is what is used.
    data = json.loads(written.read_text())
    data["phrases"] = [[*item[:-1], ["zzz"]] for item in data["phrases"]]
    written.write_text(json.dumps(data))
    compiled.forget()
    tampered = load_lexicon([lexicon_file], include_defaults=False)
    assert {p for e in tampered.entries for p in entry_phrases(e)} == {"zzz"}
    compiled.forget()
    # An edited file is another key: parsed again, never served stale.
    lexicon_file.write_text(lexicon_file.read_text().replace('term = "regime"', 'term = "junta"'))
    edited = load_lexicon([lexicon_file], include_defaults=False)
    assert "junta" in {e.term for e in edited.entries} and "regime" not in {e.term for e in edited.entries}
    assert len(list(tmp_path.glob("lexicon-*.json"))) == 2
    # A corrupt or foreign cache file is ignored.
    written.write_text("{not json")
    lexicon_file.write_text(lexicon_file.read_text().replace('term = "junta"', 'term = "regime"'))
    assert load_lexicon([lexicon_file], include_defaults=False).entries == parsed.entries


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker / "sub"))
    assert cache.cache_dir() == blocker / "sub"
    assert len(load_lexicon().entries) > 1000
