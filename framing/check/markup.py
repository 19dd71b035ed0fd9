"""Which parts of a Markdown, HTML or plain-text file are prose to check, every offset kept.

Each function returns a `Masked`: a copy of the file's text of the same length in which every
character that is not prose is a space (line breaks, `\\n` and `\\r`, stay where they are, so
lines and columns stay true), with the spans of code and of HTML comments. Every character of
the masked text is the original character or a space: nothing is deleted, decoded or moved.

Markdown (markdown-it-py, CommonMark with tables and strikethrough): prose is the inline text of
paragraphs, headings, list items, block quotes and table cells: link text, emphasis text, image
alt text, struck-out text. Masked: front matter (before body_start), fenced and indented code
blocks, inline code, HTML comments, raw HTML tags (text between tags stays, but not between
<code>/<pre>, which is code, or <script>/<style>/<noscript>/<template>; HTML blocks go through
the HTML rules below), autolinks and bare `http(s)://` / `www.` URLs, link targets and
titles (`[text](target "title")`, `[text][id]`: only `text` stays), reference definitions, image
paths and titles, character references (`&amp;`), and the syntax around prose: heading `#`s, list
bullets, block-quote `>`, table pipes and delimiter rows, emphasis and strikethrough markers
(except markers inside a word, `un*believ*able`, which stay so as not to split the word).
Backslash escapes (`\\*`) stay as written: masking the backslash could split a word.

The parser gives line maps for blocks but no offsets inside them. Inline offsets come from the
parser itself: the inline rules of a private MarkdownIt instance are wrapped so that each code
span, link, image, autolink, HTML tag, entity and emphasis marker records where the parser
found it in the block's inline content (so backticks in a fenced block, an escaped backtick or a
bracket inside code are exactly what the parser made of them); the content's lines are then
matched to the block's source lines (containers' `>`, bullets and indentation stripped).

HTML (html.parser): prose is text between tags, except inside <script>, <style>, <noscript>,
<template> and <head> (whose <title> stays), and inside <pre> and <code>, which are code.
Tags, comments, declarations, processing instructions and character references (`&amp;`,
`&rsquo;`) are masked: a reference inside a word (`don&rsquo;t`) splits it, as it would split
any word matcher's view of it. Bare URLs in text are masked, as in Markdown.

Plain text: only front matter and HTML comments (`<!-- ... -->`, as in Markdown) are masked, so
that a suppression comment's own words are not checked.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Masked", "mask_markdown", "mask_html", "mask_text"]


@dataclass(frozen=True)
class Masked:
    """A file's text with only its prose left: same length, everything else a space, line breaks kept."""

    text: str
    code: tuple[tuple[int, int], ...] = ()  # (start, end) of code blocks, inline code, <pre>/<code>
    comments: tuple[tuple[int, int], ...] = ()  # (start, end) of each `<!-- ... -->` outside code


_BREAK = re.compile(r"\r\n?|\n")  # what markdown-it (and a line count) takes for a line break
_NOT_BREAKS = re.compile(r"[^\r\n]+")
# A comment as CommonMark reads it: `<!-->`, `<!--->`, or `<!--` up to the first `-->`.
_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.DOTALL)
# In HTML: also closed by `--!>`; unclosed, it runs to the end. <script> and <style> are raw text
# whose `<!--` opens no comment, so the scan steps over them.
_HTML_SCAN = re.compile(r"<!--(?:-?>|.*?(?:--!?>|\Z))|<(script|style)\b.*?(?:</\1\s*>|\Z)",
                        re.DOTALL | re.IGNORECASE)
_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)", re.IGNORECASE)
# A character reference as a browser reads one (a named one needs its `;` here).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_URL = re.compile(r"(?<![\w@./\-])(?:https?://|www\.)[^\s<>\"“”‘’«»]+", re.IGNORECASE)
_URL_HINT = re.compile(r"://|www\.", re.IGNORECASE)
_URL_TRAILING = "?!.,:;*_~'\""


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def _blank(text: str) -> str:
    """The text with every character but line breaks a space."""
    return _NOT_BREAKS.sub(_spaces, text)


def _assemble(text: str, keeps: list[tuple[int, int]]) -> str:
    """The text with only the kept (start, end) spans left, all else blanked."""
    blank = _blank(text)
    if not keeps:
        return blank
    keeps.sort()
    parts = []
    previous = 0
    for start, end in keeps:
        if start < previous:
            start = previous
        if start >= end:
            continue
        parts.append(blank[previous:start])
        parts.append(text[start:end])
        previous = end
    parts.append(blank[previous:])
    return "".join(parts)


def _trim_url(url: str) -> str:
    """A bare URL without the sentence's punctuation after it (GFM's rule, roughly)."""
    end = len(url)
    unopened = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    while end:
        last = url[end - 1]
        if last in _URL_TRAILING:
            end -= 1
        elif last in unopened and unopened[last] > 0:  # a `)` that closes a bracket the URL never opened
            unopened[last] -= 1
            end -= 1
        else:
            break
    return url[:end]


def _mask_urls(masked: str) -> str:
    if _URL_HINT.search(masked) is None:
        return masked

    def blank(match: re.Match) -> str:
        url = match.group()
        kept = len(_trim_url(url))
        return " " * kept + url[kept:]

    return _URL.sub(blank, masked)


# --------------------------------------------------------------------------- plain text


def mask_text(text: str, body_start: int = 0, *, mask_comments: bool = True) -> Masked:
    """Plain text: everything is prose but the front matter (before body_start) and HTML comments,
    which are found as in Markdown (`<!-- ... -->`, closed) and, unless mask_comments is False,
    masked too: a `<!-- framing-disable-next-line ... -->` names rules whose words would be found."""
    body_start = max(0, min(body_start, len(text)))
    # Every comment ends with a `-->`: none is looked for past the last one (each unclosed `<!--`
    # would be matched to the end of the text, in quadratic time).
    last = text.rfind("-->") + 3
    comments = [m.span() for m in _COMMENT.finditer(text, body_start, last)] if last > 2 else []
    keeps = []
    previous = body_start
    for start, end in comments if mask_comments else ():
        keeps.append((previous, start))
        previous = end
    keeps.append((previous, len(text)))
    return Masked(_assemble(text, keeps), (), tuple(comments))


# --------------------------------------------------------------------------- HTML

_HIDDEN = frozenset({"script", "style", "noscript", "template"})
_CODE_TAGS = frozenset({"pre", "code"})


class _Prose(HTMLParser):
    """The prose of an HTML string: (start, end) of the text shown to readers, and of code."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)  # raw data: its length is its length in the source
        self.source = source
        self.line_starts = [0]
        self.line_starts += [m.end() for m in re.finditer("\n", source)]  # getpos() counts "\n" only
        self.keeps: list[tuple[int, int]] = []
        self.code: list[tuple[int, int]] = []
        self.hidden: dict[str, int] = {}
        self.head = 0
        self.title = 0
        self.code_depth = 0
        self.code_start = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
        elif tag in _CODE_TAGS:
            if not self.code_depth:
                self.code_start = self._offset()
            self.code_depth += 1
        elif tag == "head":
            self.head += 1
        elif tag == "title":
            self.title += 1
        elif tag == "body":  # an unclosed <head> ends where the body starts
            self.head = 0

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # `<br/>`, `<img/>`: nothing opens

    def handle_endtag(self, tag: str) -> None:
        if self.hidden.get(tag):
            self.hidden[tag] -= 1
            if not self.hidden[tag]:
                del self.hidden[tag]
        elif tag in _CODE_TAGS and self.code_depth:
            self.code_depth -= 1
            if not self.code_depth:
                start = self._offset()
                close = self.source.find(">", start)
                self.code.append((self.code_start, close + 1 if close >= 0 else len(self.source)))
        elif tag == "head" and self.head:
            self.head -= 1
        elif tag == "title" and self.title:
            self.title -= 1

    def handle_data(self, data: str) -> None:
        if self.code_depth or self.hidden or (self.head and not self.title):
            return
        start = self._offset()
        if self.source.startswith(data, start):
            self.keeps.append((start, start + len(data)))

    def finish(self) -> None:
        self.close()
        if self.code_depth:  # <pre> never closed: code to the end
            self.code.append((self.code_start, len(self.source)))


def _html_spans(source: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(prose, comments, code) spans of an HTML string.

    html.parser is fed a copy of the same length that it cannot misread or stall on: comments
    (found here, its own reading of them varies across Python versions) blanked; every `&`
    a space (character references are found here too, and its handling of a broken one ends the
    document in some versions); a `<` that no `>` follows, and a `<![` that is not a CDATA section
    or that no `]]>` follows, a space (html.parser raises on the first, and would look for the end
    of the others from each of them, in quadratic time). The prose it
    finds, less comments and character references, is taken from the source as written."""
    comments: list[tuple[int, int]] = []
    fed = source
    if "<!--" in source:
        comments = [m.span() for m in _HTML_SCAN.finditer(source) if m.group(1) is None]
        if comments:
            parts, previous = [], 0
            for start, end in comments:
                parts += [source[previous:start], _blank(source[start:end])]
                previous = end
            parts.append(source[previous:])
            fed = "".join(parts)
    references = []
    if "&" in source:
        references = [m.span() for m in _REFERENCE.finditer(source)]
        fed = fed.replace("&", " ")
    last = fed.rfind(">") + 1
    if fed.find("<", last) >= 0:
        fed = fed[:last] + fed[last:].replace("<", " ")
    if "<![" in fed:
        # Only a CDATA section is read as one (html.parser raises on `<![` and any other word).
        fed = _MARKED_SECTION.sub(" ![", fed)
        last = fed.rfind("]]>") + 1
        if fed.find("<![", last) >= 0:
            fed = fed[:last] + fed[last:].replace("<![", " ![")
    parser = _Prose(fed)
    parser.feed(fed)
    parser.finish()
    keeps = parser.keeps
    if comments or references:
        keeps = _without(keeps, _union(comments + references))
    return keeps, comments, parser.code


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans merged where they overlap, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _without(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans less the holes (both sorted, the holes disjoint)."""
    result = []
    for start, end in spans:
        i = max(bisect_right(holes, (start, end)) - 1, 0)  # from the last hole starting at or before start
        while start < end and i < len(holes):
            hole_start, hole_end = holes[i]
            if hole_start >= end:
                break
            if hole_end > start:
                if hole_start > start:
                    result.append((start, hole_start))
                start = max(start, hole_end)
            i += 1
        if start < end:
            result.append((start, end))
    return result


def mask_html(text: str) -> Masked:
    """HTML: the text between tags, outside <script>, <style>, <noscript>, <template>, <head> (but
    <title>'s text stays) and <pre>/<code> (code); tags, comments, character references and bare
    URLs masked."""
    keeps, comments, code = _html_spans(text)
    return Masked(_mask_urls(_assemble(text, keeps)), tuple(sorted(code)), tuple(comments))


# --------------------------------------------------------------------------- Markdown

_KEY = "framing.check.markup"  # env key: the inline records of each token list, by id
_MASK, _CODE, _COMMENT_KIND = 0, 1, 2
_DELIMITED = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})
_md = None


def _records(state) -> list[tuple[int, int, int]]:
    """The (start, end, kind) spans found so far in this inline state's source (its block's inline
    content), kept on the state while it lives."""
    try:
        return state.framing_records
    except AttributeError:
        state.framing_records = records = []
        return records


def _grew(state, before: int, kind: str) -> bool:
    return len(state.tokens) > before and state.tokens[-1].type == kind


def _wrap_backticks(rule):
    def backticks(state, silent):
        start, before = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and _grew(state, before, "code_inline"):  # an unmatched run is only text
            _records(state).append((start, state.pos, _CODE))
        return True
    return backticks


_INLINE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def _wrap_html_inline(rule):
    """A tag is masked; so is what is between an inline <script>, <style>, <noscript> or <template>
    and its end tag, and what is between <code> or <pre> and its end tag is code, as in HTML."""
    def html_inline(state, silent):
        start, before = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and _grew(state, before, "html_inline"):
            content = state.tokens[-1].content
            records = _records(state)
            if content.startswith("<!--"):
                records.append((start, state.pos, _COMMENT_KIND))
                return True
            records.append((start, state.pos, _MASK))
            tag = _INLINE_TAG.match(content)
            name = tag.group(2).lower() if tag else ""
            if name in _HIDDEN or name in _CODE_TAGS:
                try:
                    opened = state.framing_open_tags
                except AttributeError:
                    opened = state.framing_open_tags = {}
                if not tag.group(1):
                    opened.setdefault(name, start)
                elif name in opened:
                    records.append((opened.pop(name), state.pos, _CODE if name in _CODE_TAGS else _MASK))
        return True
    return html_inline


def _wrap_whole(rule):
    """Autolinks and entities: masked whole."""
    def whole(state, silent):
        start, before = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent and len(state.tokens) > before:
            _records(state).append((start, state.pos, _MASK))
        return True
    return whole


def _wrap_link(rule):
    def link(state, silent):
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            end = state.pos
            # Where the label ends: asked again, with the state as the rule had it (cached by the parser).
            state.pos = start
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            state.pos = end
            records = _records(state)
            records.append((start, start + 1, _MASK))  # `[`
            if start < label_end < end:
                records.append((label_end, end, _MASK))  # `](target "title")`, `][id]`, `]`
        return True
    return link


def _wrap_image(rule):
    def image(state, silent):
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent and state.tokens and state.tokens[-1].type == "image":
            token = state.tokens[-1]
            label_start = start + 2
            label_end = label_start + len(token.content)  # the content is the label, as written
            records = _records(state)
            records.append((start, label_start, _MASK))  # `![`
            records.append((label_end, state.pos, _MASK))  # `](src "title")`
            if token.children:  # the alt text was parsed on its own: its spans, moved into ours
                inner = state.env.get(_KEY, {}).pop(id(token.children), ())
                records.extend((a + label_start, b + label_start, kind) for a, b, kind in inner)
        return True
    return image


def _wrap_delimiters(rule):
    """Emphasis and strikethrough: each marker is its own text token until the pairs are matched;
    remember where each was, decide once matched (_finish)."""
    def delimiters(state, silent):
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            end = state.pos
            tokens = state.tokens
            try:
                found = state.framing_delimiters
            except AttributeError:
                found = state.framing_delimiters = []
            index, position = len(tokens), end
            while position > start and index > 0:
                index -= 1
                token = tokens[index]
                length = len(token.content)
                if not length:
                    break
                position -= length
                found.append((token, position, length, start, end))
        return True
    return delimiters


def _finish(state) -> None:
    """After emphasis is matched, before text tokens are merged: the markers that became tags
    (or were swallowed by a `**`) are masked; then this state's spans go to env by token list."""
    found = getattr(state, "framing_delimiters", None)
    if found:
        records = _records(state)
        source = state.src
        for token, position, length, run_start, run_end in found:
            if token.type in _DELIMITED or (token.type == "text" and not token.content):
                inside_word = (run_start > 0 and run_end < len(source)
                               and source[run_start - 1].isalnum() and source[run_end].isalnum())
                if not inside_word:
                    records.append((position, position + length, _MASK))
    records = getattr(state, "framing_records", None)
    if records:
        state.env.setdefault(_KEY, {})[id(state.tokens)] = records


def _inline_blocks(state) -> None:
    """The core rule that parses each block's inline content, keeping each block's spans on it."""
    md, env = state.md, state.env
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, env, token.children)
            spans = env.get(_KEY)
            token.meta[_KEY] = spans.pop(id(token.children), None) if spans else None


_WRAPPERS = {
    "backticks": _wrap_backticks,
    "html_inline": _wrap_html_inline,
    "autolink": _wrap_whole,
    "entity": _wrap_whole,
    "link": _wrap_link,
    "image": _wrap_image,
    "emphasis": _wrap_delimiters,
    "strikethrough": _wrap_delimiters,
}


def _as_written(url: str) -> str:
    return url


def _markdown():
    """The parser, built once: CommonMark with tables and strikethrough, inline rules recording."""
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        ruler = md.inline.ruler
        for rule in list(ruler.__rules__):
            if rule.name in _WRAPPERS:
                ruler.at(rule.name, _WRAPPERS[rule.name](rule.fn))
        if "fragments_join" in md.inline.ruler2.get_all_rules():
            md.inline.ruler2.before("fragments_join", "framing_finish", _finish)
        else:
            md.inline.ruler2.push("framing_finish", _finish)
        md.core.ruler.at("inline", _inline_blocks)
        md.disable("text_join", ignoreInvalid=True)  # joins children's text, which is never read here
        # Link targets are masked, never read: not worth normalising (a sixth of the parse). The
        # check that refuses `javascript:` targets stays, as it decides what is a link.
        md.normalizeLink = md.normalizeLinkText = _as_written
        _md = md
    return _md


def _lines(text: str, body_start: int) -> tuple[list[int], list[int]]:
    """Offsets where each of the body's lines starts and ends (before its line break)."""
    starts, ends = [body_start], []
    for match in _BREAK.finditer(text, body_start):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


_MAX_MISSES = 16


def _greedy(text: str, core: str, c0: int, lo: int, hi: int, backwards: bool,
            segments: list[tuple[int, int, int]]) -> None:
    """A content line that is not a slice of its source line (a table cell's escaped `\\|` is `|` in
    its content): match it character by character, in order. A character not found is left out (it
    stays masked); after a few, the rest of the line too (each one not found costs a scan)."""
    matched: list[tuple[int, int]] = []  # (content offset, source offset)
    misses = 0
    if backwards:
        position = hi
        for k in range(len(core) - 1, -1, -1):
            found = text.rfind(core[k], lo, position)
            if found >= 0:
                matched.append((c0 + k, found))
                position = found
            else:
                misses += 1
                if misses > _MAX_MISSES:
                    break
        matched.reverse()
    else:
        position = lo
        for k, char in enumerate(core):
            found = text.find(char, position, hi)
            if found >= 0:
                matched.append((c0 + k, found))
                position = found + 1
            else:
                misses += 1
                if misses > _MAX_MISSES:
                    break
    run = None
    for c, s in matched:
        if run is not None and c == run[1] and s == run[2] + (run[1] - run[0]):
            run[1] += 1
        else:
            if run is not None:
                segments.append((run[0], run[1], run[2]))
            run = [c, c + 1, s]
    if run is not None:
        segments.append((run[0], run[1], run[2]))


def _align(text: str, content: str, line_map, starts: list[int], ends: list[int],
           cursor: dict[int, int] | None) -> list[tuple[int, int, int]]:
    """Where a block's content lies in the file: (content start, content end, file offset) for each
    run. Content line k is source line map[0] + k without its containers' markers and indentation,
    so it ends the source line (blanks aside): found from the right. Table cells (cursor given) share
    their row: found left to right from the end of the previous cell."""
    first, last = line_map
    last = min(last, len(starts))
    segments: list[tuple[int, int, int]] = []
    offset = 0
    line = first
    for piece in content.split("\n"):
        if line >= last:
            break
        core = piece.strip()
        if core:
            lead = len(piece) - len(piece.lstrip())
            lo, hi = starts[line], ends[line]
            if cursor is None:
                found = text.rfind(core, lo, hi)
            else:
                lo = cursor.get(line, lo)
                found = text.find(core, lo, hi)
            c0 = offset + lead
            if found >= 0:
                segments.append((c0, c0 + len(core), found))
                if cursor is not None:
                    cursor[line] = found + len(core)
            else:
                before = len(segments)
                _greedy(text, core, c0, lo, hi, cursor is None, segments)
                if cursor is not None and len(segments) > before:
                    last_run = segments[-1]
                    cursor[line] = last_run[2] + last_run[1] - last_run[0]
        offset += len(piece) + 1
        line += 1
    return segments


def _to_file(segments: list[tuple[int, int, int]], seg_starts: list[int], start: int, end: int) -> tuple[int, int] | None:
    """A content span (start, end) as a file span: from its first to its last mapped character."""
    i = bisect_right(seg_starts, start) - 1
    if i < 0 or segments[i][1] <= start:  # starts in a gap: from the next run
        i += 1
        if i >= len(segments):
            return None
        file_start = segments[i][2]
    else:
        file_start = segments[i][2] + start - segments[i][0]
    j = bisect_left(seg_starts, end) - 1
    if j < i:
        return None
    c0, c1, s0 = segments[j]
    file_end = s0 + min(end, c1) - c0
    return (file_start, file_end) if file_end > file_start else None


def _place(content_length: int, segments: list[tuple[int, int, int]], records, keeps: list[tuple[int, int]],
           code: list[tuple[int, int]], comments: list[tuple[int, int]]) -> None:
    """The content's prose (all but the recorded spans) as file spans in keeps; code and comments
    as file spans too."""
    if not segments:
        return
    prose: list[tuple[int, int]] = []
    previous = 0
    if records:
        records = sorted(records)
        seg_starts = [s[0] for s in segments]
        for start, end, kind in records:
            if start > previous:
                prose.append((previous, start))
            if end > previous:
                previous = end
            if kind != _MASK:
                span = _to_file(segments, seg_starts, start, end)
                if span is not None:
                    (code if kind == _CODE else comments).append(span)
    if previous < content_length:
        prose.append((previous, content_length))
    _place_pieces(prose, segments, keeps)


def mask_markdown(text: str, body_start: int = 0) -> Masked:
    """Markdown: the prose of paragraphs, headings, list items, block quotes and table cells (link
    text, emphasis, image alt text included); everything else masked (see the module's docstring)."""
    body_start = max(0, min(body_start, len(text)))
    if body_start == len(text):
        return Masked(_blank(text))
    env: dict = {}
    tokens = _markdown().parse(text[body_start:], env)
    starts, ends = _lines(text, body_start)
    # Where the content is looked for: the parser reads a NUL as U+FFFD; nothing else changes length.
    source = text.replace("\0", "\ufffd") if "\0" in text else text
    keeps: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    cursor: dict[int, int] = {}
    previous_type = ""
    for token in tokens:
        kind = token.type
        if kind == "inline" and token.content and token.map:
            cell = previous_type in ("th_open", "td_open")
            segments = _align(source, token.content, token.map, starts, ends, cursor if cell else None)
            _place(len(token.content), segments, token.meta.get(_KEY), keeps, code, comments)
        elif kind in ("fence", "code_block") and token.map:
            first, last = token.map
            last = min(last, len(starts))
            if last > first:
                code.append((starts[first], ends[last - 1]))
        elif kind == "html_block" and token.map:
            segments = _align(source, token.content, token.map, starts, ends, None)
            if segments:
                prose, found, html_code = _html_spans(token.content)
                seg_starts = [s[0] for s in segments]
                masked = [(a, b, _COMMENT_KIND) for a, b in found] + [(a, b, _CODE) for a, b in html_code]
                for start, end, what in masked:
                    span = _to_file(segments, seg_starts, start, end)
                    if span is not None:
                        (comments if what == _COMMENT_KIND else code).append(span)
                _place_pieces(sorted(prose), segments, keeps)
        previous_type = kind
    return Masked(_mask_urls(_assemble(text, keeps)), tuple(sorted(code)), tuple(sorted(comments)))


def _place_pieces(pieces: list[tuple[int, int]], segments: list[tuple[int, int, int]],
                  keeps: list[tuple[int, int]]) -> None:
    """Content spans to keep, sorted, as file spans."""
    i = j = 0
    while i < len(pieces) and j < len(segments):
        a, b = pieces[i]
        c0, c1, s0 = segments[j]
        lo, hi = max(a, c0), min(b, c1)
        if lo < hi:
            keeps.append((s0 + lo - c0, s0 + hi - c0))
        if b < c1:
            i += 1
        else:
            j += 1
