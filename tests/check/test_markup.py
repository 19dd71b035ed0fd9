"""framing.check.markup: the prose of Markdown, HTML and text files, every offset kept.

The checks read the masked text at the original's offsets: a word that is prose reads the same
there (`kept`), a construct that is not reads as blanks (`blank`)."""

from __future__ import annotations

import re
import time

import pytest

from framing.check.markup import Masked, mask_html, mask_markdown, mask_text


def spans_of(original: str, snippet: str, after: int = 0) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(snippet), original) if m.start() >= after]
    assert found, f"{snippet!r} is not in the fixture"
    return found


def kept(original: str, masked: Masked, *snippets: str, after: int = 0) -> None:
    """Each occurrence of each snippet (from `after` on) reads the same in the masked text."""
    for snippet in snippets:
        for start, end in spans_of(original, snippet, after):
            assert masked.text[start:end] == original[start:end], (snippet, masked.text[start:end])


def blank(original: str, masked: Masked, *snippets: str, after: int = 0) -> None:
    """Each occurrence of each snippet (from `after` on) is only spaces and line breaks in the masked text."""
    for snippet in snippets:
        for start, end in spans_of(original, snippet, after):
            assert masked.text[start:end].strip() == "", (snippet, masked.text[start:end])


def texts(original: str, spans) -> list[str]:
    return [original[start:end] for start, end in spans]


def well_formed(original: str, masked: Masked) -> None:
    """Same length; line breaks where they were; every other character itself or a space; spans in order."""
    assert len(masked.text) == len(original)
    for i, (was, now) in enumerate(zip(original, masked.text)):
        if was in "\r\n":
            assert now == was, i
        else:
            assert now == was or now == " ", (i, was, now)
    for spans in (masked.code, masked.comments):
        assert list(spans) == sorted(spans)
        assert all(0 <= start < end <= len(original) for start, end in spans)
    for start, end in masked.comments:
        assert original.startswith("<!--", start)


MARKDOWN = """\
---
title: "The so-called plan"
tags: [a, b]
---
# Council *vote* ##

The **so-called** reform passed, said [the mayor](https://example.org/mayor "Mayor's page").
See <https://auto.example/x> and https://bare.example/path?q=1, or www.example.com.
Inline `rm -rf thugs` code and <span class="x">spanned words</span> here.
Photo: ![a crowd of protesters](img/crowd.png "Crowd") today.

- first bullet
- second *item*
  1. nested **strong**

> A quote with *emphasis* and [a link](http://q.example).

| Who | What |
|-----|:----:|
| **bold** [cell link](http://t.example) | `code cell` and _em_ |

Refer to [the report][rep] and [rep].

[rep]: https://reports.example/1 "The report title"

```python
thugs = "slaughtered"  # <!-- framing-disable -->
```

    indented code regime

<!-- framing-disable-next-line emotive -- quoted -->
Final paragraph.
"""
BODY = MARKDOWN.index("# Council")


@pytest.fixture(scope="module")
def doc() -> Masked:
    return mask_markdown(MARKDOWN, BODY)


# ------------------------------------------------------------------------- the shape of it

SAMPLES = [
    MARKDOWN,
    MARKDOWN.replace("\n", "\r\n"),
    MARKDOWN.replace("\n", "\r"),
    "",
    "\n\n",
    "plain line without newline",
    "<p>html &amp; <b>tags</b></p>\r\n<!-- c -->\n",
    "tabs\tand\ttabs\n\t- item\n\n\t\tcode\n",
    "“Curly” café, naïve 😀 *émoji 😀* [lien 😀](u) `😀`\n",
    "| a | b |\n|---|---|\n| x \\| y | `p|q` |\n",
    "```\nunclosed fence\n",
    "<!--\nunclosed comment\n\nstill comment\n",
    "a\0b *c*\n",
]


@pytest.mark.parametrize("function", [mask_markdown, mask_html, mask_text])
@pytest.mark.parametrize("sample", SAMPLES)
def test_length_line_breaks_and_characters_are_kept(function, sample):
    well_formed(sample, function(sample))


@pytest.mark.parametrize("function", [mask_markdown, mask_text])
def test_body_start_masks_the_front_matter(function):
    body_start = MARKDOWN.index("# Council")
    masked = function(MARKDOWN, body_start)
    well_formed(MARKDOWN, masked)
    assert masked.text[:body_start].strip() == ""
    assert masked.text[:body_start].count("\n") == 4


def test_a_document_that_is_all_front_matter():
    text = "---\ntitle: Only metadata\n---\n"
    for function in (mask_markdown, mask_text):
        masked = function(text, len(text))
        assert masked.text == "   \n                    \n   \n"
        assert masked.code == masked.comments == ()
    assert mask_markdown("", 0).text == ""


def test_masked_is_frozen():
    masked = mask_markdown("text")
    with pytest.raises(AttributeError):
        masked.text = "other"


# ------------------------------------------------------------------------- Markdown: masked

def test_markdown_code_is_masked_and_listed(doc):
    blank(MARKDOWN, doc, "`rm -rf thugs`", "`code cell`", "thugs = \"slaughtered\"", "```python",
          "indented code regime")
    assert texts(MARKDOWN, doc.code) == [
        "`rm -rf thugs`",
        "`code cell`",
        '```python\nthugs = "slaughtered"  # <!-- framing-disable -->\n```',
        "    indented code regime",
    ]


def test_a_comment_in_a_fenced_block_is_code_not_a_comment(doc):
    assert texts(MARKDOWN, doc.comments) == ["<!-- framing-disable-next-line emotive -- quoted -->"]
    blank(MARKDOWN, doc, "<!-- framing-disable -->", "<!-- framing-disable-next-line emotive -- quoted -->")


def test_a_comment_in_inline_code_is_not_a_comment():
    text = "Write `<!-- framing-disable -->` to turn it off, or ``a <!-- b --> c``.\n"
    masked = mask_markdown(text)
    assert masked.comments == ()
    assert texts(text, masked.code) == ["`<!-- framing-disable -->`", "``a <!-- b --> c``"]
    kept(text, masked, "Write", "to turn it off, or")


def test_html_comments_inline_and_block():
    text = ("Before <!-- inline\nacross lines --> after.\n\n<!-- block one -->\n\n"
            "<div>\n<!-- inside a block --> shown\n</div>\n\n<!--->\ntail\n")
    masked = mask_markdown(text)
    assert texts(text, masked.comments) == ["<!-- inline\nacross lines -->", "<!-- block one -->",
                                           "<!-- inside a block -->", "<!--->"]
    blank(text, masked, "<!-- inline", "across lines -->", "<!-- block one -->", "<!-- inside a block -->")
    kept(text, masked, "Before", "after.", "shown")


def test_raw_html_tags_are_masked_and_the_text_between_them_stays():
    text = ('Some <span class="x">spanned <em>words</em></span> and<br/>more.\n\n'
            '<div class="note">\nThe <b>so-called</b> plan.\n</div>\n')
    masked = mask_markdown(text)
    blank(text, masked, '<span class="x">', "<em>", "</em>", "</span>", "<br/>", '<div class="note">', "<b>",
          "</b>", "</div>")
    kept(text, masked, "Some", "spanned", "words", "and", "more.", "The", "so-called", "plan.")


def test_script_and_style_in_an_html_block_are_masked():
    text = "<script>\nvar regime = 1;\n</script>\n\n<pre>\npre thugs\n</pre>\n\nProse.\n"
    masked = mask_markdown(text)
    blank(text, masked, "var regime = 1;", "pre thugs")
    assert texts(text, masked.code) == ["<pre>\npre thugs\n</pre>"]
    kept(text, masked, "Prose.")


def test_inline_code_and_script_tags_hide_what_they_hold():
    text = "Run <code>rm thugs</code> or <script>var regime</script>, <b>bold</b> <code>never closed\n"
    masked = mask_markdown(text)
    assert texts(text, masked.code) == ["<code>rm thugs</code>"]
    blank(text, masked, "<code>rm thugs</code>", "<script>var regime</script>", "<code>")
    kept(text, masked, "Run", "or", "bold", "never closed")


def test_urls_are_masked(doc):
    blank(MARKDOWN, doc, "<https://auto.example/x>", "https://bare.example/path?q=1", "www.example.com",
          "(https://example.org/mayor \"Mayor's page\")")
    kept(MARKDOWN, doc, "See", " and ", ", or ", ".\nInline")  # the sentence's punctuation stays


def test_bare_urls_keep_the_punctuation_after_them():
    text = "Read https://x.example/a_(b) (or http://y.example/c), then www.z.example/d! Done.\n"
    masked = mask_markdown(text)
    blank(text, masked, "https://x.example/a_(b)", "http://y.example/c", "www.z.example/d")
    kept(text, masked, "Read", "(or", "), then", "! Done.")


def test_link_targets_titles_and_reference_definitions_are_masked(doc):
    kept(MARKDOWN, doc, "the mayor", "the report", "a link", "cell link")
    blank(MARKDOWN, doc, "[rep]: https://reports.example/1 \"The report title\"", "][rep]", "(http://q.example)")
    start = MARKDOWN.index("and [rep].")
    assert doc.text[start:start + len("and [rep].")] == "and  rep ."


def test_images_keep_their_alt_text_only(doc):
    kept(MARKDOWN, doc, "a crowd of protesters", "Photo:", "today.")
    blank(MARKDOWN, doc, "![", '](img/crowd.png "Crowd")')


def test_markdown_syntax_is_replaced_by_spaces(doc):
    start = MARKDOWN.index("# Council")
    assert doc.text[start:start + 19] == "  Council  vote    "
    start = MARKDOWN.index("- first")
    assert doc.text[start:start + 14] == "  first bullet"
    start = MARKDOWN.index("> A quote")
    assert doc.text[start:start + 9] == "  A quote"
    row = MARKDOWN.index("| **bold**")
    line = MARKDOWN[row:MARKDOWN.index("\n", row)]
    assert doc.text[row:row + len(line)] == "    bold    cell link                                  and  em   "
    delimiter = MARKDOWN.index("|-----|")
    assert doc.text[delimiter:delimiter + 14].strip() == ""


def test_no_word_is_glued_or_split():
    text = "un*believ*able **bold**word a\\*b co_op snake_case_name ~~struck~~\n"
    masked = mask_markdown(text)
    kept(text, masked, "un*believ*able", "a\\*b", "co_op", "snake_case_name", "word", "struck")
    assert masked.text.split() == ["un*believ*able", "bold**word", "a\\*b", "co_op", "snake_case_name", "struck"]


def test_escaped_backticks_are_not_code():
    text = "Not \\`code\\` here, but `this` is.\n"
    masked = mask_markdown(text)
    assert texts(text, masked.code) == ["`this`"]
    kept(text, masked, "Not \\`code\\` here, but", "is.")


def test_entities_are_masked():
    text = "Smith &amp; Wesson &#169; 2024\n"
    masked = mask_markdown(text)
    blank(text, masked, "&amp;", "&#169;")
    kept(text, masked, "Smith", "Wesson", "2024")


# ------------------------------------------------------------------------- Markdown: prose

def test_prose_constructs_stay(doc):
    kept(MARKDOWN, doc, "Council", "vote", "\nThe ", "so-called", "reform passed, said", "first bullet",
         "second", "item", "nested", "strong", "A quote with", "emphasis", "Who", "What", "bold",
         "Refer to", "Final paragraph.", after=BODY)


def test_nested_emphasis_and_links_in_table_cells_and_block_quotes():
    text = ("| Side | Claim |\n| --- | --- |\n"
            "| ***very* loud** | [the **so-called** *“reform”*](http://x.example \"t\") |\n"
            "\n"
            "> Officials said **[*the* regime](http://r.example)** fell.\n"
            "> > Nested *quote with [link **text**][ref]*.\n"
            "\n[ref]: http://ref.example\n")
    masked = mask_markdown(text)
    well_formed(text, masked)
    kept(text, masked, "Side", "Claim", "very", "loud", "the", "so-called", "“reform”", "Officials said",
         "regime", "fell.", "Nested", "quote with", "link", "text")
    blank(text, masked, "(http://x.example \"t\")", "(http://r.example)", "][ref]", "[ref]: http://ref.example")
    cell = text.index("| ***very*")
    assert masked.text[cell:text.index("\n", cell)] == (
        "     very  loud      the   so-called    “reform”                          ")


def test_setext_headings_lists_and_lazy_lines():
    text = "Setext *title*\n==============\n\n1. one\n2. 1\n   continued\nlazy line\n\n> quoted\nlazy\n"
    masked = mask_markdown(text)
    kept(text, masked, "Setext", "title", "one", "continued", "lazy line", "quoted", "lazy")
    blank(text, masked, "==============", "1.", "2.")
    start = text.index("2. 1")
    assert masked.text[start:start + 4] == "   1"  # the item's text, not its number


def test_crlf_line_endings():
    text = MARKDOWN.replace("\n", "\r\n")
    body = text.index("# Council")
    masked = mask_markdown(text, body)
    well_formed(text, masked)
    kept(text, masked, "so-called", "the mayor", "a crowd of protesters", "cell link", "Final paragraph.", after=body)
    blank(text, masked, "`rm -rf thugs`", "https://bare.example/path?q=1", "thugs = \"slaughtered\"")
    assert texts(text, masked.comments) == ["<!-- framing-disable-next-line emotive -- quoted -->"]
    assert texts(text, masked.code)[2] == '```python\r\nthugs = "slaughtered"  # <!-- framing-disable -->\r\n```'
    assert mask_markdown("a\r\n\r\nb *c*\r\n").text == "a\r\n\r\nb  c \r\n"


def test_non_ascii_text():
    text = "“Scare” quotes — café naïve Ærø 😀 *émoji 😀 inside* [lien 😀](u) `😀 code` 𝒳\n"
    masked = mask_markdown(text)
    well_formed(text, masked)
    kept(text, masked, "“Scare” quotes — café naïve Ærø 😀", "émoji 😀 inside", "lien 😀", "𝒳")
    assert texts(text, masked.code) == ["`😀 code`"]
    blank(text, masked, "](u)")


# ------------------------------------------------------------------------- HTML

HTML = """\
<!DOCTYPE html>
<html><head><title>The so-called plan</title>
<meta name="description" content="regime thugs">
<style>p.regime { color: red }</style>
<script>var thugs = "<b>slaughtered</b>";</script>
</head>
<body>
<h1>Council vote</h1>
<p>The <b>so-called</b> reform &amp; the mayor&rsquo;s plan.</p>
<!-- framing-disable-next-line emotive -->
<p>See https://example.org/x for <a href="http://y.example">the report</a>.</p>
<pre>code regime</pre><p>Use <code>rm thugs</code> now.</p>
<noscript>enable scripts regime</noscript><template><p>template regime</p></template>
</body></html>
"""


def test_html_prose_and_what_is_masked():
    masked = mask_html(HTML)
    well_formed(HTML, masked)
    kept(HTML, masked, "The so-called plan", "Council vote", "reform", "the mayor", "plan.", "See", "for",
         "the report", "Use", "now.")
    blank(HTML, masked, "<!DOCTYPE html>", "<title>", 'content="regime thugs"', "p.regime { color: red }",
          'var thugs = "<b>slaughtered</b>";', "&amp;", "&rsquo;", "https://example.org/x", "code regime",
          "rm thugs", "enable scripts regime", "template regime", "<b>", "</b>")
    assert texts(HTML, masked.comments) == ["<!-- framing-disable-next-line emotive -->"]
    assert texts(HTML, masked.code) == ["<pre>code regime</pre>", "<code>rm thugs</code>"]


def test_html_head_without_its_end_tag_ends_at_the_body():
    text = "<html><head><title>T</title><meta x='head words'>\n<body><p>Body words</p>"
    masked = mask_html(text)
    kept(text, masked, "T", "Body words")


def test_html_comment_forms_and_crlf():
    text = ("<p>alpha</p>\r\n<!-- one\r\nline two -->\r\n<p>bravo<!-->charlie<!-- x --!>delta</p>\r\n"
            "<!-- never closed\r\n<p>echo</p>")
    masked = mask_html(text)
    well_formed(text, masked)
    assert texts(text, masked.comments) == ["<!-- one\r\nline two -->", "<!-->", "<!-- x --!>",
                                           "<!-- never closed\r\n<p>echo</p>"]
    kept(text, masked, "alpha", "bravo", "charlie", "delta")
    blank(text, masked, "echo")


def test_html_comments_inside_script_are_not_comments():
    text = "<script><!-- framing-disable-file --></script><p>Words</p>"
    masked = mask_html(text)
    assert masked.comments == ()
    kept(text, masked, "Words")


def test_malformed_html_keeps_its_text():
    text = "<p>a < b and 3<4 &#x; &bogus <i>it</i> ends < here"
    masked = mask_html(text)
    well_formed(text, masked)
    kept(text, masked, "a < b and 3<4", "&#x;", "&bogus", "it", "ends < here")
    blank(text, masked, "<p>", "<i>", "</i>")


# ------------------------------------------------------------------------- plain text

def test_plain_text_is_all_prose_but_front_matter_and_comments():
    text = "---\nt: x\n---\n# Not a heading *really*\nSee https://x.example `code`.\n<!-- framing-disable-file -->\nEnd"
    body_start = text.index("# Not")
    masked = mask_text(text, body_start)
    well_formed(text, masked)
    kept(text, masked, "# Not a heading *really*\nSee https://x.example `code`.\n", "End")
    blank(text, masked, "<!-- framing-disable-file -->")
    assert texts(text, masked.comments) == ["<!-- framing-disable-file -->"]
    assert masked.code == ()
    unmasked = mask_text(text, body_start, mask_comments=False)
    assert unmasked.text[body_start:] == text[body_start:] and unmasked.comments == masked.comments


def test_plain_text_comments_need_their_end():
    text = "a <!-- b <!-- c --> d <!--> e <!-- open"
    masked = mask_text(text)
    assert texts(text, masked.comments) == ["<!-- b <!-- c -->", "<!-->"]
    kept(text, masked, "d", "e <!-- open")


# ------------------------------------------------------------------------- pathological input

PATHOLOGICAL = {
    "10,000 backticks": "`" * 10_000,
    "10,000 backtick spans": "`a` " * 10_000,
    "backtick runs of every length": " ".join("`" * (i % 7 + 1) for i in range(10_000)),
    "deeply nested brackets": "[" * 10_000 + "x" + "](u)" * 10_000,
    "unbalanced brackets": "[" * 20_000 + "a",
    "nested images": "![" * 5_000 + "x" + "](u)" * 5_000,
    "a 1 MB single line": ("The so-called reform, said the *mayor*, passed on Tuesday after a `long` debate. "
                           * 13_000)[:1_000_000],
    "1 MB of unclosed comments": "<!-- " * 200_000,
    "unclosed tags": "<a " * 50_000,
    "deep block quotes": "> " * 5_000 + "x",
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_finishes_quickly(name):
    text = PATHOLOGICAL[name]
    for function in (mask_markdown, mask_html, mask_text):
        began = time.perf_counter()
        masked = function(text)
        elapsed = time.perf_counter() - began
        assert len(masked.text) == len(text)
        assert elapsed < 5, f"{function.__name__} took {elapsed:.1f}s on {name}"
