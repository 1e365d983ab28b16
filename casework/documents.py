"""Documents people send: checked by content, not by the name they were given."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy.orm import Session

from casework.models import Case, Document
from casework.workflow import Actor, record_event

MAX_BYTES = 10 * 1024 * 1024

# What the first bytes must be for each type we accept; a renamed .exe is not a PDF.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
# The extension a stored file is given for its detected type, whatever it was sent with:
# "payslip.html" holding a PDF is kept (and downloaded) as "payslip.pdf".
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def content_type_of(content: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if content.startswith(signature):
            return content_type
    return None


def problem_with(filename: str, content: bytes) -> str | None:
    if not content:
        return "The selected file is empty"
    if len(content) > MAX_BYTES:
        return "The selected file must be smaller than 10MB"
    if content_type_of(content) is None:
        return "The selected file must be a PDF, JPG or PNG"
    return None


def safe_filename(filename: str, content_type: str) -> str:
    """The name to keep a file under: the sender's name without its folder, odd characters
    or extension (a stem's other dots become "_", so only one extension is left), then the
    extension of the type its content was found to be."""
    name = re.sub(r"[^\w.\- ]", "_", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name.lstrip(".")
    stem = stem.replace(".", "_").strip(" _-") or "document"
    return stem[:190] + EXTENSIONS[content_type]


def store(session: Session, case: Case, filename: str, content: bytes, actor: Actor) -> Document:
    content_type = content_type_of(content)
    if content_type is None or len(content) > MAX_BYTES:
        raise ValueError(problem_with(filename, content))
    document = Document(
        case_id=case.id,
        filename=safe_filename(filename, content_type),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=actor.label,
    )
    session.add(document)
    session.flush()
    record_event(
        session,
        case,
        actor,
        "evidence_uploaded",
        data={"document_id": document.id, "filename": document.filename},
    )
    return document
