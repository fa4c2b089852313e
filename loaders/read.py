"""Read a source file into text: bytes → decoded original + visible text with an offset map.

Stage 1 of the pipeline. :func:`read_source` (a path) and :func:`read_bytes` (an upload)
return a :class:`SourceText`:

- ``original`` is the decoded file text; every provenance offset indexes into it;
- ``text`` is what extraction reads: HTML stripped of tags and page chrome, web navigation
  noise lines removed (``patterns/web_noise.txt``), CRLF folded to LF;
- ``offsets`` maps ``text`` back to ``original`` (identity when nothing changed).

Encodings: UTF-8 (with or without BOM), UTF-16/32 with a BOM, BOM-less UTF-16 (detected
from the NUL-byte pattern), and Windows-1252 (the usual non-UTF-8 Swedish legacy encoding;
detected when UTF-8 fails and the bytes decode as clean cp1252 text, else left to
charset-normalizer). Non-UTF-8 decodings are reported in ``notes``. PDF (pypdf) and DOCX
(python-docx) become extracted text, which then serves as their ``original``.

Every failure is a :class:`~loaders.errors.ReadError` naming the file and the problem.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from loaders.errors import ReadError
from loaders.offsets import OffsetMap, TextBuilder
from loaders.read_binary import docx_text, pdf_text
from loaders.read_html import html_to_text
from ontology.ids import document_id

Format = Literal["text", "markdown", "html", "pdf", "docx"]

MAX_BYTES = 60 * 1024 * 1024  # a PDF or DOCX with images may be large
# Text read from one file, after decoding or PDF/DOCX extraction: 25 times the largest report
# of the corpus. Extraction is linear, but a bigger text would hold a build for minutes.
MAX_TEXT_CHARS = 10_000_000
# Damaged UTF-8 stays UTF-8 when it has this many valid non-ASCII characters and at most
# this share of invalid sequences among them.
MIN_UTF8_EVIDENCE = 20
MAX_BAD_UTF8_SHARE = 0.05
NOISE_PATTERNS = Path(__file__).parent / "patterns" / "web_noise.txt"
# Above this share of control characters a "text" is really binary data.
MAX_CONTROL_SHARE = 0.01
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SUFFIX_FORMAT: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
}
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
# Unicode category Cc minus tab, line breaks and form feed, plus lone surrogates (Cs).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class SourceText:
    """One read document: the original text, the visible text and the map between them."""

    path: str
    doc_id: str
    original: str
    text: str
    offsets: OffsetMap
    encoding: str
    format: Format
    notes: list[str] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the ``text`` span ``[start, end)``."""
        return self.offsets.to_original(start, end)


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read the file at ``path``; :class:`ReadError` names it when it cannot be used."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(name, "is a directory, not a file")
        if size > max_bytes:
            raise ReadError(name, f"file too large ({size} bytes, limit {max_bytes})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except PermissionError:
        raise ReadError(name, "cannot read file (permission denied)") from None
    except OSError as exc:
        raise ReadError(name, f"cannot read file ({exc.strerror or exc})") from None
    return read_bytes(data, name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read an in-memory file called ``name`` (its suffix picks the format)."""
    if len(data) > max_bytes:
        raise ReadError(name, f"file too large ({len(data)} bytes, limit {max_bytes})")
    if not data.strip():
        raise ReadError(name, "empty file" if not data else "file holds only whitespace")
    kind = _binary_format(data, name)
    if kind == "pdf":
        return _from_extracted(name, pdf_text(data, name), "pdf")
    if kind == "docx":
        return _from_extracted(name, docx_text(data, name), "docx")
    if len(data) > MAX_TEXT_CHARS * 4:  # more bytes than any accepted encoding needs
        raise ReadError(name, _too_long(len(data), "bytes"))
    original, encoding, notes = decode(data, name)
    if len(original) > MAX_TEXT_CHARS:
        raise ReadError(name, _too_long(len(original), "characters"))
    if not original.strip():
        raise ReadError(name, "file holds no text")
    fmt = _text_format(original, name)
    if fmt == "html":
        text, offsets = html_to_text(original)
        notes.append("converted HTML to text")
    else:
        text, offsets = original, OffsetMap.identity(len(original))
    # Links first: "[Läs mer om X](/x)" is a noise line only as the text a reader sees.
    text, offsets = _unlink_markdown(text, offsets, notes)
    text, offsets = _drop_noise_lines(text, offsets, notes)
    if not text.strip():
        raise ReadError(name, f"no visible text in this {fmt} file")
    return SourceText(name, document_id(name), original, text, offsets, encoding, fmt, notes)


def _binary_format(data: bytes, name: str) -> Format | None:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(name, "a ZIP archive, not a text, HTML, PDF or DOCX file")
    return None


def _text_format(original: str, name: str) -> Format:
    by_suffix = _SUFFIX_FORMAT.get(Path(name).suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if _HTML_START.match(original[:4096]):
        return "html"
    return "markdown" if _MD_HEADING.search(original) else "text"


def _too_long(size: int, unit: str) -> str:
    return f"text too large ({size} {unit}, limit {MAX_TEXT_CHARS} characters)"


def _from_extracted(name: str, extracted: str, fmt: Format) -> SourceText:
    """PDF/DOCX: the extracted text is the original that offsets point into."""
    if len(extracted) > MAX_TEXT_CHARS:
        raise ReadError(name, _too_long(len(extracted), "characters"))
    offsets = OffsetMap.identity(len(extracted))
    notes = [f"extracted text from {fmt.upper()}"]
    text, offsets = _drop_noise_lines(extracted, offsets, notes)
    return SourceText(name, document_id(name), extracted, text, offsets, "utf-8", fmt, notes)


# --- decoding ----------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode ``data``: (text, encoding name, notes). Binary data raises :class:`ReadError`."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec, name)
            label = codec if codec != "utf-16" else _utf16_label(bom)
            return (
                _checked(text, name),
                label,
                ([] if codec == "utf-8-sig" else [f"decoded as {label}"]),
            )
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _checked(_strict(data, utf16, name), name), utf16, [f"decoded as {utf16} (no BOM)"]
    if b"\x00" in data:
        raise ReadError(name, "binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), name), "utf-8", []
    except UnicodeDecodeError as exc:
        damaged = _damaged_utf8(data, exc)
    if damaged is not None:
        return _checked(damaged[0], name), "utf-8", [damaged[1]]
    return _legacy(data, name)


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str] | None:
    """UTF-8 with a cut-off last character or a few stray bytes: (text, note), else None.

    Decoding such a file as Windows-1252 would garble every å, ä and ö in it ("VÃ¤st"), so
    a file whose non-ASCII text is overwhelmingly valid UTF-8 stays UTF-8.
    """
    if exc.end == len(data) and exc.reason == "unexpected end of data":
        return data[: exc.start].decode("utf-8"), "dropped an incomplete UTF-8 character at the end"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F) - bad
    if multibyte >= MIN_UTF8_EVIDENCE and bad <= multibyte * MAX_BAD_UTF8_SHARE:
        return text, f"replaced {bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''}"
    return None


def _utf16_label(bom: bytes) -> str:
    return "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(
            name, f"not valid {codec} text ({exc.reason} at byte {exc.start})"
        ) from None


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in every other byte, as in ASCII-heavy UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(sample) // 2
    if odd.count(0) > 0.4 * pairs and even.count(0) < 0.05 * pairs:
        return "utf-16-le"
    if even.count(0) > 0.4 * pairs and odd.count(0) < 0.05 * pairs:
        return "utf-16-be"
    return None


def _legacy(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Not UTF-8: Windows-1252 when it decodes cleanly, else charset-normalizer's guess."""
    try:
        text = data.decode("cp1252")
        if _control_share(text) <= MAX_CONTROL_SHARE:
            return text, "windows-1252", ["decoded as windows-1252 (not valid UTF-8)"]
    except UnicodeDecodeError:
        pass
    guess = _normalizer_guess(data)
    if guess is None:
        raise ReadError(name, "binary or undecodable file (not UTF-8, UTF-16 or Windows-1252)")
    text, encoding = guess
    return _checked(text, name), encoding, [f"decoded as {encoding} (detected)"]


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported lazily: only legacy files need it

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _checked(text: str, name: str) -> str:
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        raise ReadError(name, "binary file (control characters), not text")
    return text


# --- web noise lines ---------------------------------------------------------------------


@cache
def _noise_line() -> re.Pattern[str]:
    raw = NOISE_PATTERNS.read_text("utf-8")
    phrases = [
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    ]
    alternatives = "|".join(f"(?:{p})" for p in phrases)
    return re.compile(rf"(?:[\s|·•,.:]*(?:{alternatives}))+[\s|·•,.:]*", re.IGNORECASE)


def _drop_noise_lines(text: str, offsets: OffsetMap, notes: list[str]) -> tuple[str, OffsetMap]:
    """Remove navigation-noise lines and fold CRLF; the map keeps pointing at the original."""
    noise = _noise_line()
    lines = text.splitlines(keepends=True)
    dropped = sum(1 for line in lines if line.strip() and noise.fullmatch(line.rstrip("\r\n")))
    if not dropped and "\r" not in text:
        return text, offsets
    out = TextBuilder(offsets.original_length)
    pos = 0
    for line in lines:
        body = line.rstrip("\r\n")
        if not (body.strip() and noise.fullmatch(body)):
            _copy_mapped(out, body, pos, offsets)
            if len(body) < len(line):
                out.insert("\n", offsets.positions[pos + len(body)])
        pos += len(line)
    if dropped:
        notes.append(f"stripped {dropped} navigation line{'s' if dropped > 1 else ''}")
    new_text, new_map = out.build()
    return new_text, OffsetMap(new_map.positions, offsets.original_length)


# "[Läs mer om Partnerskap Norrbotten](/partnerskap)" → its visible text; "![bild](x.png)"
# → nothing. The link target is never part of a name.
_MD_LINK = re.compile(
    r"(!?)\[([^\[\]\n]{0,300})\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\))?)"
    r"(?:[ \t]+\"[^\"\n]*\")?\)"
)


def _unlink_markdown(text: str, offsets: OffsetMap, notes: list[str]) -> tuple[str, OffsetMap]:
    """Markdown links and images as the text a reader sees; the map keeps the original."""
    links = list(_MD_LINK.finditer(text))
    if not links:
        return text, offsets
    out = TextBuilder(offsets.original_length)
    pos = 0
    for m in links:
        _copy_mapped(out, text[pos : m.start()], pos, offsets)
        if not m.group(1):  # an image shows nothing
            _copy_mapped(out, m.group(2), m.start(2), offsets)
        pos = m.end()
    _copy_mapped(out, text[pos:], pos, offsets)
    notes.append(f"unwrapped {len(links)} markdown link{'s' if len(links) > 1 else ''}")
    new_text, new_map = out.build()
    return new_text, OffsetMap(new_map.positions, offsets.original_length)


def _copy_mapped(out: TextBuilder, body: str, pos: int, offsets: OffsetMap) -> None:
    """Copy ``body`` (at ``pos`` in the mapped text) keeping each character's original offset."""
    positions = offsets.positions
    run_start = 0
    for i in range(1, len(body) + 1):
        # Copy contiguous runs in one call; break the run where the map jumps.
        if i == len(body) or positions[pos + i] != positions[pos + i - 1] + 1:
            out.copy(body[run_start:i], positions[pos + run_start])
            run_start = i
