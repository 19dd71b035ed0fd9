"""Events from the text: a small corpus of three outlets on four stories, with no event field,
clustered back into its stories; the date window; the component split is exact; the CLI."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from typer.testing import CliRunner

from framing import events
from framing.cli import app

STORIES = {
    "flood": ("2026-04-03", [
        "The Dravna river burst its banks at Ostrel on Friday, flooding hundreds of homes.",
        "Rescue crews in boats carried residents from rooftops in the lower town of Ostrel.",
        "Mayor Ilse Varga said the flood barrier on the Dravna had failed near the old mill.",
        "Engineers had warned in March that the barrier needed repairs costing four million.",
        "Shelters opened in the Ostrel sports hall, where volunteers handed out blankets.",
        "Forecasters expect the Dravna to fall slowly over the weekend as the rain eases.",
    ]),
    "strike": ("2026-04-05", [
        "Tram drivers in Kessenburg walked out on Monday in a dispute over night shifts.",
        "The drivers' union says the Kessenburg transit authority cut rest breaks without talks.",
        "Commuters crowded onto buses as trams stood idle in the Kessenburg depots.",
        "Transit director Paul Anker said the new rota was needed to keep night services running.",
        "Union leader Mira Solte said drivers would return only if the old rota was restored.",
        "Talks between the union and the transit authority are due to resume on Wednesday.",
    ]),
    "vaccine": ("2026-04-04", [
        "Health regulators in Ardova approved a new measles vaccine made by Lintera Pharma.",
        "The Ardova medicines agency said trials in four thousand children showed strong protection.",
        "Clinics will offer the Lintera vaccine from June to children under five.",
        "Health minister Tomas Reyl said the approval would help end recent measles outbreaks.",
        "Some parents' groups asked for more data on side effects before the rollout.",
        "Lintera Pharma said it could deliver two million doses by the end of the summer.",
    ]),
    "court": ("2026-04-06", [
        "The supreme court in Vellmar struck down a law limiting street protests on Thursday.",
        "Judges ruled that the protest law gave police too much power to ban gatherings.",
        "The Vellmar interior ministry had argued the law was needed to keep roads open.",
        "Civil liberties lawyer Ana Brisk, who brought the case, called the ruling a relief.",
        "Interior minister Karl Dunne said the government would draft a narrower protest law.",
        "Protest organisers in Vellmar said they would hold a march to mark the decision.",
    ]),
}
OUTLETS = {
    "Herald": "Critics slammed the shameful chaos, and outraged citizens demanded answers.",
    "Wire": "Officials said more details would be released later in the week.",
    "Courier": "Observers said the coming days would show whether the plans hold.",
}


def write_corpus(folder, dates=None):
    """Twelve Markdown articles: each outlet tells each story in its own order, with its own line."""
    folder.mkdir(exist_ok=True)
    truth = {}
    for s, (story, (date, facts)) in enumerate(STORIES.items()):
        for o, (outlet, line) in enumerate(OUTLETS.items()):
            picked = [facts[(o + k) % len(facts)] for k in range(5)]
            name = f"{story}-{outlet.lower()}.md"
            when = (dates or {}).get(name, date)
            body = " ".join(picked[:3]) + "\n\n" + line + " " + " ".join(picked[3:])
            (folder / name).write_text(f"---\noutlet: {outlet}\ndate: {when}\n---\n{body}\n", "utf-8")
            truth[name] = story
    return truth


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_events_recovered_from_the_text(tmp_path):
    truth = write_corpus(tmp_path / "news")
    result = run("events", tmp_path / "news", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["id", "source", "outlet", "date", "event"] and len(rows) == 12
    found: dict[str, set] = {}
    for row in rows:
        found.setdefault(row["event"], set()).add(truth[row["source"].rsplit("/", 1)[-1]])
    assert len(found) == 4 and all(len(stories) == 1 for stories in found.values())
    data = json.loads(run("events", tmp_path / "news", "-f", "json").stdout)
    assert data["schema"] == "framing/events@1" and [e["size"] for e in data["events"]] == [3, 3, 3, 3]
    flood = next(e for e in data["events"] if "dravna" in e["terms"])
    assert {m["outlet"] for m in flood["members"]} == set(OUTLETS)
    table = run("events", tmp_path / "news").stdout
    assert table.startswith("4 event(s) in 12 document(s)") and "flood-herald.md (Herald, 2026-04-03)" in table


def test_compare_within_events_clusters_them_first(tmp_path):
    write_corpus(tmp_path / "news")
    data = json.loads(run("compare", tmp_path / "news", "--by", "outlet", "--within", "event",
                          "--min-documents", "3", "-f", "json").stdout)
    assert data["within"] == "event" and len(data["groups"]) == 3
    assert {p["events"] for p in data["pairwise"]} == {4}
    assert data["notes"][0] == ("12 document(s) without an event field clustered into 4 event(s) from their text "
                                "(framing events shows them)")
    assert data["groups"][0]["key"] == {"outlet": "Herald"}  # the loaded one
    by_event = json.loads(run("compare", tmp_path / "news", "--by", "event", "-f", "json").stdout)
    assert [g["documents"] for g in by_event["groups"]] == [3, 3, 3, 3]
    # Without an explicit need for events, outlets are compared article by article.
    assert json.loads(run("compare", tmp_path / "news", "--by", "outlet", "-f", "json").stdout)["within"] is None


def test_the_same_bytes_twice(tmp_path):
    write_corpus(tmp_path / "news")
    args = ("compare", tmp_path / "news", "--by", "outlet", "--within", "event", "--min-documents", "3",
            "-f", "json")
    assert run(*args).stdout == run(*args).stdout
    assert run(*args).stdout != run(*args, "--seed", "1").stdout


def test_the_date_window_keeps_stories_apart_in_time(tmp_path):
    # The Wire tells the flood story a month later: a different event within a 7-day window.
    truth = write_corpus(tmp_path / "news", dates={"flood-wire.md": "2026-05-04"})
    texts, dates, names = [], [], []
    for path in sorted((tmp_path / "news").iterdir()):
        text = path.read_text("utf-8")
        texts.append(events.features(text.split("---\n", 2)[2]))
        dates.append(text.split("date: ")[1].split("\n")[0])
        names.append(path.name)
    windowed = events.cluster(texts, dates)
    label = dict(zip(names, windowed.labels))
    assert label["flood-wire.md"] not in (label["flood-herald.md"], label["flood-courier.md"])
    assert len(windowed.events) == 5
    unlimited = dict(zip(names, events.cluster(texts, dates, window=None).labels))
    assert unlimited["flood-wire.md"] == unlimited["flood-herald.md"] == unlimited["flood-courier.md"]
    assert len(set(truth.values())) == 4


def test_components_give_the_clusters_of_the_whole_corpus():
    """Clustering each component of the close-pair graph on its own is exact: the same partition
    as average linkage over the whole distance matrix."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(0)
    vocabulary = [f"word{i}" for i in range(60)]
    texts = []
    for topic in range(8):
        for _ in range(5):
            words = rng.choice(vocabulary[topic * 6:topic * 6 + 12], size=10)  # topics overlap a little
            texts.append(" ".join(words) + " " + " ".join(rng.choice(vocabulary, size=3)))
    for threshold in (0.5, 0.7, 0.8, 0.9):
        ours = events.cluster(texts, None, threshold=threshold, window=None)
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectors = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform(texts)
        distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0, None)
        np.fill_diagonal(distance, 0)
        whole = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold, metric="precomputed",
                                        linkage="average").fit_predict(distance)
        assert adjusted_rand_score(whole, ours.labels) == pytest.approx(1.0), threshold


def test_an_oversized_component_is_split_and_said(monkeypatch, tmp_path):
    write_corpus(tmp_path / "news")
    monkeypatch.setattr(events, "MAX_COMPONENT", 2)
    texts = [events.features(p.read_text("utf-8")) for p in sorted((tmp_path / "news").iterdir())]
    found = events.cluster(texts, None, window=None)
    assert found.notes and "clustered in runs of 2" in found.notes[0]
    assert max(len(e.members) for e in found.events) <= 2


def test_features_are_content_words_and_names():
    assert events.features("The Mayor of Ostrel said 42 homes were flooded.") == \
        "mayor @mayor ostrel @ostrel said homes flooded"
    assert events.cluster([], None).events == []
    assert len(events.cluster(["", ""], None).events) == 2  # no words: each article on its own


def test_windowed_blocks_give_the_clusters_of_the_whole_corpus(monkeypatch):
    """Dated articles compared a block of days at a time (tiny blocks here), undated ones with
    everyone: the same events as average linkage over the whole matrix with the window applied."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(1)
    vocabulary = [f"w{i}" for i in range(40)]
    texts, dates = [], []
    for topic in range(6):
        for _ in range(8):
            texts.append(" ".join(rng.choice(vocabulary[topic * 5:topic * 5 + 10], size=8)))
            day = int(rng.integers(1, 28))
            dates.append(None if rng.random() < 0.1 else f"2026-02-{day:02d}")
    monkeypatch.setattr(events, "BLOCK_CELLS", 40)
    ours = events.cluster(texts, dates, threshold=0.8, window=5)
    vectors = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform(texts)
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0, None)
    np.fill_diagonal(distance, 0)
    days = np.array([np.nan if d is None else int(d[-2:]) for d in dates])
    distance[np.abs(days[:, None] - days[None, :]) > 5] = events.FAR
    whole = AgglomerativeClustering(n_clusters=None, distance_threshold=0.8, metric="precomputed",
                                    linkage="average").fit_predict(distance)
    assert adjusted_rand_score(whole, ours.labels) == pytest.approx(1.0)
    assert len(ours.events) > 6  # the window does split topics


def test_saved_events_are_used_as_the_documents_events(tmp_path):
    """`framing events -f csv`, corrected by hand, given back to compare with --events."""
    write_corpus(tmp_path / "news")
    saved = run("events", tmp_path / "news", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(saved)))
    flood = rows[[r["source"].endswith("flood-herald.md") for r in rows].index(True)]["event"]
    corrected = saved.replace(f",{flood}\n", ",flood\n")
    (tmp_path / "events.csv").write_text(corrected, "utf-8")
    data = json.loads(run("compare", tmp_path / "news", "--by", "event", "--events", tmp_path / "events.csv",
                          "-f", "json").stdout)
    assert "flood" in {g["key"]["event"] for g in data["groups"]}
    assert not any("clustered" in note for note in data["notes"])  # every document had its saved event
    (tmp_path / "bad.csv").write_text("id,event\na.md,\n", "utf-8")
    bad = run("compare", tmp_path / "news", "--by", "event", "--events", tmp_path / "bad.csv")
    assert bad.exit_code == 2 and f"{tmp_path / 'bad.csv'}:2: no event" in bad.stderr
