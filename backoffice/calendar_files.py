"""Term dates as files: uploading a CSV in the published layout (docs/school-calendars.md)
and downloading a calendar in the same layout, to edit and upload again.

An upload is checked whole before anything is saved: every problem is listed in the error
summary by row and column, and nothing changes until the file has none. The result is shown
after a redirect, so reloading the page never sends the file again.
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from backoffice.calendar_forms import BASE, MOUNTED, mounted, require_editor
from backoffice.pages import page
from casework import db
from casework import school_calendars as calendars
from casework.school_calendar_csv import MAX_FILE_BYTES, MAX_FILE_SIZE, MAX_ROWS, write
from casework.workflow import Actor
from portal.auth import require_officer
from portal.csrf import checked_form

UPLOAD = BASE + "/upload"
TEMPLATE = "backoffice/calendars/upload.html"
RESULT_KEY = "calendar_import"
# The error summary lists this many problems; a file with more is likely wrong throughout.
SHOWN = 50


def _render(
    request: Request,
    officer: Actor,
    problems: list[str],
    *,
    file_read: bool = False,
    status_code: int = 200,
    imported: dict | None = None,
) -> Response:
    context = {
        "file_read": file_read,
        "problems": problems[:SHOWN],
        "more": max(0, len(problems) - SHOWN),
        "count": len(problems),
        "imported": imported,
        "max_size": MAX_FILE_SIZE,
        "max_rows": f"{MAX_ROWS:,}",
        "errors": bool(problems),
        "back_link": BASE,
    }
    return page(request, TEMPLATE, context, officer=officer, status_code=status_code)


async def upload(request: Request) -> Response:
    officer = require_editor(request)
    if request.method == "GET":
        return _render(request, officer, [], imported=request.session.pop(RESULT_KEY, None))
    form = await checked_form(request)
    chosen = form.get("file")
    problems: list[str] = []
    file_read = False
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        problems = ["Select a CSV file"]
    elif not chosen.filename.lower().endswith((".csv", ".txt")):
        problems = ["The selected file must be a CSV file"]
    else:
        data = await chosen.read(MAX_FILE_BYTES + 1)
        await chosen.close()
        try:
            with db.transaction() as session:
                imported = calendars.import_csv(session, data)
        except calendars.CalendarProblems as exc:
            problems = [str(problem) for problem in exc.problems]
            file_read = True
    if problems:
        return _render(request, officer, problems, file_read=file_read, status_code=400)
    request.session[RESULT_KEY] = {"lines": imported.summary(), "moved": imported.clocks_moved}
    return RedirectResponse(UPLOAD, status_code=303)


async def download(request: Request) -> Response:
    require_officer(request)
    key = request.path_params["calendar"]
    with db.transaction() as session:
        if calendars.calendar_label(session, key) is None:
            raise HTTPException(404)
        body = write(session, key)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="term-dates-{key}.csv"'},
    )


routes = [
    Route(mounted(UPLOAD), upload, methods=["GET", "POST"]),
    Route(MOUNTED + "/{calendar}/download", download, methods=["GET"]),
]
