"""HTML → visible text with an offset map into the raw HTML (used by ``loaders.read``).

The standard library's tolerant :class:`html.parser.HTMLParser` tokenises; character
references are kept unconverted so every data chunk is a verbatim slice of the source and
its offset is exact. Page chrome (``nav``, ``header``, ``footer``, ``aside``, scripts, styles,
forms and elements whose id/class/role names a menu, cookie banner, breadcrumb or skip link)
is skipped with its whole subtree. Block elements become line breaks so headings and
paragraphs stay separate lines, as in the plain-text corpus.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from loaders.offsets import OffsetMap, TextBuilder

# Page headers/footers are chrome, except inside an article (its title and byline).
_CHROME_TAGS = frozenset({"header", "footer"})
_CONTENT_TAGS = frozenset({"article", "main"})
_SKIP_TAGS = frozenset(
    [
        "nav",
        "aside",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "form",
        "button",
        "select",
        "object",
        "canvas",
        "dialog",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "title",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "dl",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "body",
        "html",
    ]
)
_LINE_TAGS = frozenset(["br", "li", "tr", "dt", "dd", "caption", "hr"])
_NOISE_ATTR = re.compile(
    r"cookie|consent|breadcrumb|skip|menu|navigation|\bnav\b|navbar|sidebar|share|social",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def _is_noise(tag: str, attrs: list[tuple[str, str | None]], in_content: bool) -> bool:
    if tag in _SKIP_TAGS or (tag in _CHROME_TAGS and not in_content):
        return True
    for key, value in attrs:
        if key in {"id", "class", "role", "aria-label"} and value and _NOISE_ATTR.search(value):
            return True
        if key == "hidden" or (key == "aria-hidden" and value == "true"):
            return True
    return False


class _VisibleText(HTMLParser):
    """Collects visible text; ``self.out`` records original offsets per character."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._stack: list[tuple[str, bool]] = []
        self._pending = ""  # a break waiting to be written before the next visible text
        self._pending_at = 0
        self._at_line_start = True
        self.out_has_text = False
        self._last_char = " "
        self._source = source
        self.out = TextBuilder(len(source))

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def _break(self, kind: str) -> None:
        # Keep the strongest break asked for since the last text ("\n\n" beats "\n").
        if len(kind) > len(self._pending):
            self._pending, self._pending_at = kind, self._offset()

    def _emit(self, text: str, at: int, *, verbatim: bool) -> None:
        if self._pending:
            if self.out_has_text:
                self.out.insert(self._pending, self._pending_at)
            self._pending = ""
            self._at_line_start = True
        if verbatim:
            self.out.copy(text, at)
        else:
            self.out.insert(text, at)
        self._at_line_start = False
        self._last_char = text[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self.handle_startendtag(tag, attrs)
            return
        in_content = any(name in _CONTENT_TAGS for name, _ in self._stack)
        skip = self._skipping() or _is_noise(tag, attrs, in_content)
        self._stack.append((tag, skip))
        if not skip:
            self._block_break(tag)
        if tag == "li" and not skip:
            self._emit("• ", self._offset(), verbatim=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping():
            self._block_break(tag)

    def handle_endtag(self, tag: str) -> None:
        names = [name for name, _ in self._stack]
        if tag not in names:
            return
        while self._stack:
            name, skip = self._stack.pop()
            if not skip:
                self._block_break(name)
            if name == tag:
                break

    def _block_break(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self._break("\n\n")
        elif tag in _LINE_TAGS:
            self._break("\n")

    def handle_data(self, data: str) -> None:
        if self._skipping() or (self._stack and self._stack[-1][0] in {"head"}):
            return
        self._write_words(data, self._offset())

    def _write_words(self, data: str, at: int) -> None:
        """Copy the words of ``data`` verbatim, collapsing whitespace runs to one space."""
        pos = 0
        for match in _SPACE.finditer(data):
            if match.start() > pos:
                self._emit(data[pos : match.start()], at + pos, verbatim=True)
                self.out_has_text = True
            if not self._at_line_start and not self._pending:
                self._emit(" ", at + match.start(), verbatim=False)
            pos = match.end()
        if pos < len(data):
            self._emit(data[pos:], at + pos, verbatim=True)
            self.out_has_text = True

    def _reference(self, raw: str) -> None:
        """A character reference becomes its character, anchored inside the reference.

        One derived character maps to one original offset, so a reference cannot map to
        its whole ``&auml;``: a letter that continues a word is anchored at the final
        ``;`` (spans ending in "Lule&aring;" keep the whole reference), a letter that
        starts a word at the ``&`` (spans starting at "&Aring;sele" do).
        """
        if self._skipping():
            return
        at = self._offset()
        if self._source.startswith(";", at + len(raw)):
            raw += ";"
        char = unescape(raw if raw.endswith(";") else raw + ";")
        if char == raw or len(char) != 1:  # unknown reference: keep it as written
            self._write_words(raw, at)
        elif char.isspace():
            self._write_words(" ", at)
        else:
            # "&amp" without its ";" has no end mark to anchor at: use the "&".
            inside_word = self._last_char.isalnum() and not self._pending and raw.endswith(";")
            self._emit(char, at + len(raw) - 1 if inside_word else at, verbatim=False)
            self.out_has_text = True

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")


def html_to_text(source: str) -> tuple[str, OffsetMap]:
    """Visible text of ``source`` and the map from its characters to offsets in ``source``.

    >>> html_to_text("<nav>Meny</nav><h1>Rubrik</h1><p>Text&nbsp;h&auml;r</p>")[0]
    'Rubrik\\n\\nText här'
    """
    parser = _VisibleText(source)
    parser.feed(source)
    parser.close()
    text, offsets = parser.out.build()
    return _trim_lines(text, offsets)


def _trim_lines(text: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """Drop spaces at line ends/starts left by markup; the map follows the kept characters."""
    keep = TextBuilder(offsets.original_length)
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(" ")
        lead = len(line) - len(line.lstrip(" "))
        for i, char in enumerate(stripped):
            keep.insert(char, offsets.positions[pos + lead + i])
        pos += len(line) + 1
        if pos <= len(text):
            keep.insert("\n", offsets.positions[pos - 1])
    out, omap = keep.build()
    return out.strip("\n"), _strip_map(out, omap)


def _strip_map(text: str, omap: OffsetMap) -> OffsetMap:
    lead = len(text) - len(text.lstrip("\n"))
    end = len(text.rstrip("\n"))
    return OffsetMap(omap.positions[lead:end], omap.original_length)
