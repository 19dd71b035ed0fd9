from framing.document import Document
from framing.pipeline import Analyzer
from framing.records import IDENTITY, measures, record


def test_records_have_the_same_columns_whatever_the_document():
    analyzer = Analyzer.from_options(detectors=["lexicon", "quotes", "agency"])
    names = measures(analyzer)
    assert names[:4] == ["words", "sentences", "weight", "framing_index"]
    assert "emotive.per_1000_words" in names and "agency.agentless_share" in names
    loaded = analyzer.analyze(Document(id="a", text="The regime's thugs slammed the so-called \"peace\" plan.",
                                       outlet="X", metadata={"event": "e1"}))
    empty = analyzer.analyze(Document(id="b", text=""))
    rows = [record(loaded, names), record(empty, names)]
    assert list(rows[0]) == list(rows[1]) == [*IDENTITY, "metadata", *names]
    assert rows[0]["outlet"] == "X" and rows[0]["metadata"] == {"event": "e1"}
    assert rows[0]["framing_index"] > 0 and rows[0]["actor-labels.count"] >= 1
    assert rows[1]["framing_index"] == 0 and rows[1]["actor-labels.count"] == 0
