"""Reading: encodings, HTML, PDF, DOCX and bad files, on real corpus excerpts."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from loaders.errors import ReadError
from loaders.read import SourceText, read_bytes, read_source

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
# Real excerpt with å/ä/ö (vasterbotten-resultat-2024.txt, Region 10 paragraph).
EXCERPT = (
    "Region 10 är en sammanslutning av tio kommuner inom Norrbotten och Västerbottens län "
    "och syftar bland annat till att stärka kommunernas roll och utveckling. De regioner som "
    "ingår i samverkansmodellen är Åsele, Vilhelmina, Storumans, Sorsele, Norsjö, Malå."
)


def assert_consistent(source: SourceText) -> None:
    """Every visible character maps to the same character of the original (or a break)."""
    assert len(source.offsets) == len(source.text)
    for i, char in enumerate(source.text):
        start, end = source.span(i, i + 1)
        assert 0 <= start < end <= len(source.original)
        if not char.isspace() and char != "•":
            # An HTML character reference is anchored at its "&" or its ";".
            assert source.original[start:end] in {char, "&", ";"}


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_corpus_files_read_with_consistent_offsets(path: Path) -> None:
    source = read_source(path)
    assert source.doc_id == path.stem
    assert source.encoding == "utf-8"
    assert source.original == path.read_text("utf-8")
    assert_consistent(source)


def test_navigation_noise_is_removed_from_text_not_original() -> None:
    source = read_source(CORPUS / "vasterbotten-rus-kickoff-2012.txt")
    lines = set(source.text.splitlines())
    assert not lines & {"Gå till sidans huvudinnehåll", "Lyssna", "Skriv ut", "Kommentarer"}
    assert "Lyssna" in source.original
    assert any("stripped 5 navigation lines" in note for note in source.notes)
    green = read_source(CORPUS / "norrbotten-north-sweden-green-deal.txt")
    assert "huvudnavigering" not in green.text
    assert green.text.lstrip().startswith("North Sweden Green Deal")


def test_noise_phrase_inside_a_sentence_is_kept() -> None:
    data = "Kontakt\nKontakt för mer information\nVi vill att du ska Lyssna.\n".encode()
    source = read_bytes(data, "page.txt")
    assert source.text.splitlines() == ["Kontakt för mer information", "Vi vill att du ska Lyssna."]


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("cp1252", b"", "windows-1252"),
    ],
)
def test_encodings_are_detected(encoding: str, bom: bytes, expected: str) -> None:
    data = bom + EXCERPT.encode(encoding)
    source = read_bytes(data, "rapport.txt")
    assert source.original == EXCERPT
    assert source.encoding == expected
    if expected != "utf-8-sig":
        assert any(expected in note for note in source.notes)
    assert_consistent(source)


def test_crlf_is_folded_in_text_only() -> None:
    source = read_bytes("Energi\r\n\r\nMål 7: Hållbar energi för alla\r\n".encode(), "a.txt")
    assert "\r" not in source.text
    assert "\r\n" in source.original
    start, end = source.span(source.text.index("Mål"), len(source.text.rstrip()))
    assert source.original[start:end] == "Mål 7: Hållbar energi för alla"


HTML_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><title>North Sweden Green Deal</title>
<script>var x = "<p>nope</p>";</script><style>p { color: red }</style></head>
<body>
<div class="cookie-banner">Vi använder kakor. <button>Godkänn</button></div>
<a class="skip-link" href="#main">Hoppa till sidans innehåll</a>
<header><nav><ul><li>Start</li><li>Regional utveckling</li></ul></nav></header>
<main id="main"><article>
<h1>North Sweden Green Deal</h1>
<p>Projektet fokuserar p&aring; att st&auml;rka kapaciteten hos Region Norrbotten,
   Region V&#228;sterbotten samt de involverade kommunerna.</p>
<p>Lyssna</p>
<ul><li>Norrbottens Kommuner</li><li>Lule&aring; tekniska universitet</li></ul>
</article></main>
<footer>Region Norrbotten, Box 940, 971 28 Luleå</footer>
</body></html>"""


def test_html_is_stripped_with_offsets_into_raw_html() -> None:
    source = read_bytes(HTML_PAGE.encode(), "green-deal.html")
    assert source.format == "html"
    lines = [line for line in source.text.splitlines() if line]
    assert lines == [
        "North Sweden Green Deal",
        "North Sweden Green Deal",
        "Projektet fokuserar på att stärka kapaciteten hos Region Norrbotten, "
        "Region Västerbotten samt de involverade kommunerna.",
        "• Norrbottens Kommuner",
        "• Luleå tekniska universitet",
    ]
    at = source.text.index("Region Norrbotten")
    start, end = source.span(at, at + len("Region Norrbotten"))
    assert source.original[start:end] == "Region Norrbotten"
    at = source.text.index("kommunerna")
    start, end = source.span(source.text.index("Region Västerbotten"), at + len("kommunerna"))
    assert source.original[start:end] == "Region V&#228;sterbotten samt de involverade kommunerna"
    at = source.text.index("Luleå")
    start, end = source.span(at, at + len("Luleå"))
    assert source.original[start:end] == "Lule&aring;"
    assert_consistent(source)


def test_html_reference_starting_a_word_maps_from_its_ampersand() -> None:
    source = read_bytes(b"<p>&Aring;sele och &Ouml;rnsk&ouml;ldsvik &amp c</p>", "a.html")
    assert source.text == "Åsele och Örnsköldsvik & c"
    start, end = source.span(source.text.index("Ö"), source.text.index(" &"))
    assert source.original[start:end] == "&Ouml;rnsk&ouml;ldsvik"
    start, end = source.span(0, 5)
    assert source.original[start:end] == "&Aring;sele"


def test_html_detected_without_suffix() -> None:
    source = read_bytes(b"<!doctype html><p>Region 10</p>", "upload")
    assert (source.format, source.text) == ("html", "Region 10")


def test_markdown_is_kept_as_text_even_when_malformed() -> None:
    text = "# Älvsbyn 29/5 2024\n\n## MEST PRIORITERADE\n```\nunclosed fence\n* [länk(\n"
    source = read_bytes(text.encode(), "dialog.md")
    assert (source.format, source.text, source.original) == ("markdown", text, text)
    assert read_bytes(text.encode(), "dialog.txt").format == "markdown"


def _text_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose content stream shows ``lines`` (WinAnsi text)."""
    body = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    stream = body.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_text_pdf(["Fasta samverkansytor", "Energikontor Norr"]))
    source = read_source(path)
    assert source.format == "pdf"
    assert "Fasta samverkansytor" in source.text
    assert "Energikontor Norr" in source.text
    assert source.original == source.text
    assert_consistent(source)


def test_blank_pdf_is_reported(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "blank.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ReadError, match=r"blank\.pdf: PDF with 1 page\(s\) but no extractable"):
        read_source(path)


@pytest.mark.parametrize("keep", [30, 200])
def test_truncated_pdf_is_reported(tmp_path: Path, keep: int) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(_text_pdf(["Fasta samverkansytor"])[:keep])
    with pytest.raises(ReadError, match=r"trasig\.pdf: "):
        read_source(path)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Fasta samverkansytor", level=2)
    document.add_paragraph("Energikontor Norr samordnar arbetet i Västerbotten.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Skellefteå kommun"
    table.rows[0].cells[1].text = "Umeå kommun"
    path = tmp_path / "insatser.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.format == "docx"
    assert source.text.split("\n\n") == [
        "Fasta samverkansytor",
        "Energikontor Norr samordnar arbetet i Västerbotten.",
        "Skellefteå kommun | Umeå kommun",
    ]


def test_truncated_docx_is_reported(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Region Västerbotten")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "halv.docx"
    path.write_bytes(buffer.getvalue()[:500])
    with pytest.raises(ReadError, match=r"halv\.docx: not a readable DOCX"):
        read_source(path)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("tom.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\n", "only whitespace"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("arkiv.txt", b"PK\x03\x04" + b"\x14\x00" * 20, "ZIP archive"),
        ("kontroll.txt", b"Region\x01\x02\x03\x04\x05\x06 10" * 3, "binary"),
        ("nav.html", b"<html><body><nav>Meny</nav></body></html>", "no visible text"),
    ],
)
def test_bad_files_raise_one_clear_error(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_missing_directory_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_source(tmp_path / "saknas.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read_source(tmp_path)
    big = tmp_path / "stor.txt"
    big.write_bytes(EXCERPT.encode() * 10)
    with pytest.raises(ReadError, match=r"stor\.txt: file too large"):
        read_source(big, max_bytes=100)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "hemlig.txt"
    path.write_text(EXCERPT)
    path.chmod(0)
    with pytest.raises(ReadError, match=r"hemlig\.txt: cannot read file \(permission denied\)"):
        read_source(path)


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=400)
    | st.text(max_size=200).map(str.encode)
    | st.text(max_size=100).map(lambda t: t.encode("utf-16")),
    name=st.sampled_from(["a.txt", "a.html", "a.md", "a.pdf", "a.docx", "upload"]),
)
def test_arbitrary_bytes_read_or_raise_read_error(data: bytes, name: str) -> None:
    try:
        source = read_bytes(data, name)
    except ReadError as error:
        assert str(error).startswith(f"{name}: ")
        return
    assert source.text.strip()
    assert_consistent(source)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_os_error_while_reading_is_reported() -> None:
    # /proc/self/mem fails to read at offset 0 with EIO, even for root.
    with pytest.raises(ReadError, match=r"^/proc/self/mem: cannot read file \(.+\)$"):
        read_source(Path("/proc/self/mem"))


_HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='x'>",
        "</div>",
        "<nav>",
        "</nav>",
        "<li>",
        "</li>",
        "<h2>",
        "</h2>",
        "<br>",
        "<br/>",
        "<script>",
        "</script>",
        "<header>",
        "</header>",
        "<article>",
        "</article>",
        "<!-- kommentar -->",
        "<",
        ">",
        "&",
        "&auml;",
        "&Aring;",
        "&amp;",
        "&#229;",
        "&#xE5;",
        "&nbsp;",
        "&bogus;",
        "&amp",
        "Umeå kommun",
        "Lyssna",
        "Region 10",
        "  ",
        "\n",
        "\r\n",
        "\t",
        "Mål 7: Hållbar energi",
        "•",
    ]
)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_HTML_PIECES | st.text(max_size=8), max_size=40))
def test_arbitrary_html_reads_with_consistent_offsets(pieces: list[str]) -> None:
    html = "<html><body>" + "".join(pieces)
    try:
        source = read_bytes(html.encode(), "sida.html")
    except ReadError as error:
        assert str(error).startswith("sida.html: ")
        return
    assert_consistent(source)
    assert "<script" not in source.text.lower()


def test_damaged_utf8_stays_utf8() -> None:
    text = "Region Västerbotten och Umeå kommun samverkar i Skellefteå och Lycksele. " * 10
    data = text.encode("utf-8")
    cut = read_bytes(data[:-2] + "ö".encode()[:1], "avklippt.txt")  # last character cut off
    assert cut.encoding == "utf-8" and cut.original == text[:-2]
    assert cut.notes == ["dropped an incomplete UTF-8 character at the end"]
    stray = read_bytes(data[:40] + b"\xff" + data[40:], "skadad.txt")
    assert stray.encoding == "utf-8" and "Västerbotten" in stray.original
    assert stray.original.count("\ufffd") == 1 and "1 invalid UTF-8" in stray.notes[0]
    legacy = read_bytes(text.encode("cp1252"), "gammal.txt")  # no valid UTF-8 at all
    assert legacy.encoding == "windows-1252" and legacy.original == text


def test_text_longer_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("loaders.read.MAX_TEXT_CHARS", 1_000)
    with pytest.raises(ReadError, match=r"lång\.txt: text too large \(1200 characters"):
        read_bytes(("å" * 1_200).encode("utf-8"), "lång.txt")
    with pytest.raises(ReadError, match=r"större\.txt: text too large \(4004 bytes"):
        read_bytes(b"a" * 4_004, "större.txt")
