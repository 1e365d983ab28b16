"""Issuing a document: rendered once, kept on the case as the exact bytes sent, and recorded.

An issued document is a ``Document`` like an upload, marked with what it is
(``issued_kind``, e.g. "permit"): the officer's case page lists it with the rest, and the
applicant can download it from their account (only issued documents: what other people
sent about a case is not theirs to download). The PDF is stored rather than drawn again
on each download, so what someone downloads next year is what was issued, whatever the
layout or the rule data have become since.
"""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.documents import safe_filename
from casework.issued.document import IssuedDocument
from casework.issued.errors import DocumentError
from casework.issued.pdf import render_pdf
from casework.models import Case, Document
from casework.workflow import SYSTEM, Actor, record_event

PDF = "application/pdf"
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def issue(
    session: Session,
    case: Case,
    doc: IssuedDocument,
    *,
    kind: str,
    filename: str,
    issued_by: Actor = SYSTEM,
) -> Document:
    """Render ``doc`` and keep it on ``case`` as an issued document of ``kind`` (a name the
    service chooses, e.g. "permit", "licence", "approval_card"), named ``filename`` (made
    safe, ending .pdf). ``issued_by`` is who the case page says issued it: the officer
    whose decision it follows, or the portal when it is issued automatically. Raises
    ``DocumentError`` when the document cannot be printed as described."""
    if not _KIND.match(kind):
        raise DocumentError(f"An issued document's kind is a lower-case name, not {kind!r}")
    content = render_pdf(doc)
    document = Document(
        case_id=case.id,
        filename=safe_filename(filename, PDF),
        content_type=PDF,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        uploaded_by=issued_by.label,
        issued_kind=kind,
    )
    session.add(document)
    session.flush()
    record_event(
        session,
        case,
        issued_by,
        "document_issued",
        data={
            "document_id": document.id,
            "filename": document.filename,
            "kind": kind,
            # What the applicant's account calls it: "Child employment permit".
            "title": doc.title,
            "reference": doc.reference,
        },
    )
    return document


def issued_documents(session: Session, case_id: int, kind: str | None = None) -> list[Document]:
    """The documents issued on a case (of one kind, if given), newest first."""
    query = select(Document).where(Document.case_id == case_id, Document.issued_kind.is_not(None))
    if kind is not None:
        query = query.where(Document.issued_kind == kind)
    return list(session.scalars(query.order_by(Document.id.desc())))


def issued_document(session: Session, case_id: int, document_id: int) -> Document | None:
    """One document issued on the case, or None (also for an upload, which is not issued)."""
    return session.scalars(
        select(Document).where(
            Document.id == document_id,
            Document.case_id == case_id,
            Document.issued_kind.is_not(None),
        )
    ).first()
