from framing.document import Document


def test_line_and_column_are_one_based_code_point_positions():
    doc = Document(id="d", text="first line\nsecond «line»\n\nfourth")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(11) == (2, 1)
    assert doc.line_col(doc.text.index("line»")) == (2, 9)
    assert doc.line_col(doc.text.index("fourth")) == (4, 1)


def test_sentence_index_and_context():
    text = "A calm first sentence. The regime said nothing at all today. Third one."
    doc = Document(id="d", text=text)
    start = text.index("regime")
    assert doc.sentence_index(start) == 1
    assert doc.context(start, start + 6) == "The regime said nothing at all today."
    assert doc.context(start, start + 6, width=5) == "The regime said…"
    assert doc.context(start, start + 6, width=2) == "…e regime s…"


def test_body_start_excludes_front_matter_from_sentences_and_words():
    text = "---\ntitle: T\n---\nBody one. Body two.\n"
    doc = Document(id="d", text=text, body_start=text.index("Body"))
    assert doc.sentences() == ["Body one.", "Body two."]
    assert doc.word_count == 4


def test_tokens_come_from_nltk_without_downloaded_data():
    doc = Document(id="d", text="The U.S.-led coalition didn't stop. It went on.")
    tokens = doc.tokens()
    assert tokens == ["The", "U.S.", "-", "led", "coalition", "didn't", "stop", ".", "It", "went", "on", "."]
    for (start, end), token in zip(doc.token_spans, tokens):
        assert doc.text[start:end] == token


def test_documents_pickle_without_cached_geometry():
    import pickle

    doc = Document(id="d", text="One. Two.")
    doc.sentence_spans
    clone = pickle.loads(pickle.dumps(doc))
    assert clone._sentences is None
    assert clone.sentences() == ["One.", "Two."]
