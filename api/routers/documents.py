"""Documents: ``GET /documents`` lists the sources, ``POST /documents`` adds or replaces one.

An upload needs the API key (``X-API-Key``, compared in constant time). The file arrives as
``multipart/form-data`` (field ``file``) or as the raw body with its name in ``?filename=``
(or ``Content-Disposition``). ``samverkan.build.add_document`` keeps it under
``settings.upload_dir`` and rebuilds the store aside; readers keep the old snapshot until the
swap. A file that cannot be read or extracted is a 422 naming the file, and the served store
stays as it was. Uploads are serialised (one rebuild at a time, also across worker processes),
so two concurrent uploads never lose each other's document.
"""

from __future__ import annotations

import contextlib
import hmac
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Final
from urllib.parse import unquote

from fastapi import APIRouter, Header, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader
from starlette.datastructures import UploadFile

from api.deps import RuntimeDep, SettingsDep, SnapshotDep
from api.problems import Problem
from api.schemas import DocumentInfo, UploadReport
from api.state import Runtime, Snapshot
from graph.store import file_lock
from ontology.ids import document_graph_iri, document_id
from samverkan import build
from samverkan.settings import Settings

router = APIRouter(tags=["documents"])

API_KEY_HEADER: Final = "X-API-Key"
UPLOAD_LOCK: Final = ".upload.lock"
_MULTIPART: Final = "multipart/form-data"
# RFC 6266: filename*=UTF-8''<percent-encoded> wins over a plain filename="…".
_FILENAME_EXT: Final = re.compile(r"filename\*\s*=\s*UTF-8''([^;\s]+)", re.IGNORECASE)
_FILENAME: Final = re.compile(r'filename\s*=\s*(?:"([^"]*)"|([^;\s]+))', re.IGNORECASE)
_RAW_TYPES: Final = (
    "text/plain",
    "text/markdown",
    "text/html",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
)
_UPLOAD_BODY: Final[dict[str, Any]] = {
    "requestBody": {
        "required": True,
        "content": {
            _MULTIPART: {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            **{t: {"schema": {"type": "string", "format": "binary"}} for t in _RAW_TYPES},
        },
    }
}

api_key_scheme = APIKeyHeader(
    name=API_KEY_HEADER, auto_error=False, description="the operator's API key (uploads)"
)
_thread_lock = threading.Lock()


def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(api_key_scheme)] = None
) -> None:
    """401 without the right key; 403 when the server has no key (uploads switched off)."""
    expected = settings.api_key
    if expected is None:
        raise Problem(
            403,
            "Uploads disabled",
            "this server has no API key configured (SAMVERKAN_API_KEY), so uploads are off",
            "uploads-disabled",
        )
    given = (key or "").encode("utf-8")
    if not hmac.compare_digest(given, expected.get_secret_value().encode("utf-8")):
        raise Problem(
            401,
            "Unauthorized",
            f"uploading needs a valid {API_KEY_HEADER} header",
            "unauthorized",
        )


# --- GET /documents -----------------------------------------------------------------------


def document_infos(snap: Snapshot) -> list[DocumentInfo]:
    """One row per source document of the served snapshot."""
    entities: dict[str, int] = {}
    for ent in snap.extraction.entities:
        for doc in {m.document for m in ent.mentions}:
            entities[doc] = entities.get(doc, 0) + 1
    relations: dict[str, int] = {}
    for rel in snap.extraction.relations:
        for doc in {e.document for e in rel.evidence}:
            relations[doc] = relations.get(doc, 0) + 1
    stored = snap.manifest.documents
    return [
        DocumentInfo(
            id=d.id,
            title=d.title,
            region=d.region,
            path=d.path,
            sha256=stored[d.id].sha256 if d.id in stored else d.sha256,
            published_year=d.published_year,
            graph=document_graph_iri(d.id),
            entities=entities.get(d.id, 0),
            relations=relations.get(d.id, 0),
        )
        for d in sorted(snap.extraction.documents, key=lambda d: d.id)
    ]


@router.get("/documents", response_model=list[DocumentInfo], summary="The source documents")
def documents(snap: SnapshotDep) -> list[DocumentInfo]:
    return document_infos(snap)


# --- POST /documents ----------------------------------------------------------------------


def _too_large(limit: int) -> Problem:
    return Problem(
        413, "Content too large", f"uploads are limited to {limit} bytes", "content-too-large"
    )


def filename_from_disposition(header: str | None) -> str | None:
    """The file name of a ``Content-Disposition`` header, or None."""
    if extended := _FILENAME_EXT.search(header or ""):
        return unquote(extended.group(1))
    if plain := _FILENAME.search(header or ""):
        return (plain.group(1) or plain.group(2)).strip()
    return None


async def _read_upload(
    request: Request, filename: str | None, disposition: str | None, limit: int
) -> tuple[str, bytes]:
    """(file name, bytes) from a multipart form (field ``file``) or the raw body."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media == _MULTIPART:
        async with request.form(max_files=1, max_fields=4) as form:
            part = form.get("file")
            if not isinstance(part, UploadFile):
                raise Problem(
                    422, "No file", "the multipart form needs a 'file' part", "invalid-request"
                )
            data = await part.read(limit + 1)
            name = filename or part.filename
    else:
        data = await request.body()
        name = filename or filename_from_disposition(disposition)
    if len(data) > limit:
        raise _too_large(limit)
    if not name:
        raise Problem(
            422,
            "No file name",
            "name the file with ?filename=report.txt (or a multipart 'file' part)",
            "invalid-request",
        )
    if not data:
        raise Problem(422, "Empty document", f"{name}: the upload is empty", "unreadable-document")
    return name, data


@contextlib.contextmanager
def _one_upload_at_a_time(upload_dir: Path) -> Iterator[None]:
    """A thread lock plus a file lock, so concurrent uploads rebuild one after the other."""
    with _thread_lock, file_lock(upload_dir / UPLOAD_LOCK):
        yield


def _served_documents(runtime: Runtime) -> set[str]:
    """Document ids of the served snapshot (none before the first build)."""
    try:
        return {d.id for d in runtime.snapshot().extraction.documents}
    except Problem:
        return set()


def _add(runtime: Runtime, settings: Settings, name: str, data: bytes) -> UploadReport:
    """Store and rebuild (in a worker thread), then report on the snapshot now served."""
    doc = document_id(name)
    with _one_upload_at_a_time(settings.upload_dir):
        before = _served_documents(runtime)
        try:
            report = build.add_document(settings, name, data)
        except build.BuildError as exc:
            raise Problem(422, "Document refused", str(exc), "unreadable-document") from exc
    snap = runtime.snapshot()  # the new version (or the same one when nothing changed)
    runtime.warm()  # load it into the embedded Cypher engine while the client reads on
    info = next((d for d in document_infos(snap) if d.id == doc), None)
    return UploadReport(
        document=doc,
        filename=Path(name).name,
        graph=document_graph_iri(doc),
        version=report.version,
        changed=report.changed,
        replaced=doc in before,
        entities=info.entities if info else 0,
        relations=info.relations if info else 0,
        counts=report.counts,
        seconds=round(report.seconds, 3),
    )


@router.post(
    "/documents",
    response_model=UploadReport,
    status_code=201,
    openapi_extra=_UPLOAD_BODY,
    dependencies=[Security(require_api_key)],
    summary="Upload a report (text, Markdown, HTML, PDF, DOCX); re-upload replaces it",
)
async def upload(
    request: Request,
    settings: SettingsDep,
    runtime: RuntimeDep,
    filename: Annotated[
        str | None, Query(max_length=200, description="file name for a raw-body upload")
    ] = None,
    content_disposition: Annotated[str | None, Header(max_length=400)] = None,
) -> UploadReport:
    name, data = await _read_upload(
        request, filename, content_disposition, settings.max_upload_bytes
    )
    return await run_in_threadpool(_add, runtime, settings, name, data)
