"""An officer adds a document to a case: a photo or a statement from a visit, a letter that
came by post. Checked by its content like anyone's upload, kept with the officer's name on
the case's documents and timeline, and never sent to anyone.
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.case_page import load_case, render_case
from casework import db, documents
from portal.auth import require_officer
from portal.csrf import checked_form

FIELD = "document"


async def add_document(request: Request) -> Response:
    officer = require_officer(request)
    reference = request.path_params["reference"]
    with db.transaction() as session:
        load_case(session, officer, reference)  # 404 or 403 before anything is read
    form = await checked_form(request)
    upload = form.get(FIELD)
    error: str | None = "Select a file"
    name, content = "", b""
    if isinstance(upload, UploadFile) and upload.filename:
        name = upload.filename
        content = await upload.read(documents.MAX_BYTES + 1)
        error = documents.problem_with(name, content)
    if error is not None:
        return render_case(request, officer, reference, errors={FIELD: error}, status_code=400)
    with db.transaction() as session:
        case, _ = load_case(session, officer, reference)
        stored = documents.store(session, case, name, content, officer)
        filename = stored.filename
    request.session["flash"] = {
        "title": "Success",
        "text": f"{filename} is added to case {reference}.",
        "type": "success",
    }
    return RedirectResponse(f"/backoffice/cases/{reference}#documents", status_code=303)


routes = [
    Route("/cases/{reference}/documents", add_document, methods=["POST"]),
]
