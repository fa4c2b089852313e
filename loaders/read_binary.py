"""PDF (pypdf) and DOCX (python-docx) → plain text (used by ``loaders.read``).

Pages and paragraphs are separated by blank lines, the shape the cleaning and structure
stages expect from the corpus's PDF-extracted text. Both libraries parse untrusted bytes
and raise many unrelated exception types on damaged files (``KeyError``, ``ValueError``,
``AssertionError``, their own errors …), so each parse is wrapped once here and every
failure becomes one :class:`ReadError` naming the file.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from loaders.errors import ReadError

PAGE_BREAK = "\n\n"


def pdf_text(data: bytes, name: str) -> str:
    """The text of every page of the PDF ``data``, pages separated by a blank line."""
    from pypdf import PdfReader

    if not data.startswith(b"%PDF-"):
        raise ReadError(name, "not a PDF file (no %PDF header)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported by us
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(name, "encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # third-party parser on untrusted input: see module docstring
        raise ReadError(name, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = PAGE_BREAK.join(page.strip("\n") for page in pages)
    if not text.strip():
        raise ReadError(name, f"PDF with {len(pages)} page(s) but no extractable text (scanned?)")
    return text


def docx_text(data: bytes, name: str) -> str:
    """The paragraphs and table rows of the DOCX ``data``, in document order."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
    except Exception as exc:  # third-party parser on untrusted input: see module docstring
        raise ReadError(name, f"not a readable DOCX ({type(exc).__name__}: {exc})") from None
    text = PAGE_BREAK.join(block for block in blocks if block.strip())
    if not text.strip():
        raise ReadError(name, "DOCX without text")
    return text


def _docx_blocks(document: object) -> Iterator[str]:
    from docx.table import Table

    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                yield " | ".join(_unique(cells))
        else:
            yield block.text.strip()


def _unique(cells: list[str]) -> list[str]:
    """Merged cells repeat their text in python-docx; keep each once, in order."""
    seen: list[str] = []
    for cell in cells:
        if cell and cell not in seen:
            seen.append(cell)
    return seen
