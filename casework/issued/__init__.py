"""Documents the council issues on a case (permits, licences, approval cards): described as
data by a service (``document``), laid out as a PDF the same way for every service
(``pdf``), and kept on the case for the applicant's account and the officer's case page
(``issuing``)."""

from casework.issued.document import (
    Block,
    CardFace,
    IssuedDocument,
    Paragraphs,
    Row,
    Section,
    Table,
)
from casework.issued.errors import DocumentError, PhotoError
from casework.issued.issuing import issue, issued_document, issued_documents
from casework.issued.pdf import PageFormat, render_pdf, unprintable_characters
from casework.issued.photos import Photo, photo_problem

__all__ = [
    "Block",
    "CardFace",
    "DocumentError",
    "IssuedDocument",
    "PageFormat",
    "Paragraphs",
    "Photo",
    "PhotoError",
    "Row",
    "Section",
    "Table",
    "issue",
    "issued_document",
    "issued_documents",
    "photo_problem",
    "render_pdf",
    "unprintable_characters",
]
