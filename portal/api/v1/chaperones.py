"""The chaperone register: ``GET /chaperones/{approval_number}?surname=…&date_of_birth=…``.

Other councils and licence holders confirm a chaperone's approval with the number on the
approval card and the chaperone's surname and date of birth. The answer is the number, the
status and the last valid day, nothing else (``casework.services.chaperones.register``). A
wrong surname or date of birth gets the same 404 as an unknown number, and, like the
application status look-up, only so many wrong tries an hour per number, per API client
and per client address (the same limits), so the register cannot be used to find out
people's details by trying them.
"""

from __future__ import annotations

from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from casework import clocks, db
from casework import fields as f
from casework.accounts import ApiPrincipal
from casework.services.chaperones import register
from portal.api.bodies import answer
from portal.api.errors import ApiError, InvalidAnswers
from portal.api.routing import ApiRoute, Param
from portal.api.schemas import ChaperoneRegisterEntry, Error, ValidationErrors
from portal.api.wrong_attempts import WrongAttempts, too_many

SCOPE = "chaperones:read"
# Longer than any approval number we issue; anything longer is looked up as unknown.
MAX_NUMBER_LENGTH = 20
MAX_SURNAME_LENGTH = 100
NOT_FOUND = "No approved chaperone matches that approval number and those details"


def _details(request: Request) -> tuple[str, date]:
    """The surname and date of birth asked with, or 422: the same whether or not the number
    exists, so a badly typed detail says nothing about it."""
    errors: dict[str, str] = {}
    surname = f.clean_text(request.query_params.get("surname"))
    if not surname:
        errors["surname"] = "Enter the chaperone's surname"
    elif len(surname) > MAX_SURNAME_LENGTH:
        errors["surname"] = f"Surname must be {MAX_SURNAME_LENGTH} characters or fewer"
    born = request.query_params.get("date_of_birth") or ""
    parsed: date | None = None
    try:
        parsed = date.fromisoformat(born.strip()) if born.strip() else None
    except ValueError:
        errors["date_of_birth"] = "Enter the date of birth as YYYY-MM-DD, like 1985-03-27"
    if parsed is None and "date_of_birth" not in errors:
        errors["date_of_birth"] = "Enter the chaperone's date of birth, like 1985-03-27"
    if errors:
        raise InvalidAnswers(errors)
    assert parsed is not None
    return surname, parsed


def _lookup(number: str, surname: str, born: date) -> ChaperoneRegisterEntry | None:
    with db.transaction() as session:
        entry = register.lookup(session, number, surname, born, clocks.today())
    return ChaperoneRegisterEntry.model_validate(entry.as_dict()) if entry else None


# Wrong guesses at a number's surname and date of birth (``portal.api.wrong_attempts``).
REGISTER_GUESSES = WrongAttempts("chaperone-wrong", "Register look-up")


async def register_entry(request: Request, principal: ApiPrincipal | None) -> Response:
    typed: str = request.path_params["approval_number"]
    # Too long to be a number we issue: looked up (and counted) as an unknown one.
    number = register.normalise_number(typed) if len(typed) <= MAX_NUMBER_LENGTH else ""
    limits = REGISTER_GUESSES.limits(request, principal, number or typed[:MAX_NUMBER_LENGTH])
    wait = await run_in_threadpool(REGISTER_GUESSES.wait_before_trying, limits)
    if wait > 0:
        raise too_many(wait)
    surname, born = _details(request)
    entry = await run_in_threadpool(_lookup, number, surname, born)
    if entry is None:
        wait = await run_in_threadpool(REGISTER_GUESSES.count_wrong, limits)
        raise too_many(wait) if wait > 0 else ApiError(404, NOT_FOUND)
    return answer(entry)


ROUTES = [
    ApiRoute(
        "GET",
        "/chaperones/{approval_number}",
        register_entry,
        scope=SCOPE,
        operation_id="getChaperoneApproval",
        summary="Confirm a chaperone's approval",
        description="For other councils and licence holders: whether the chaperone with this "
        "approval number, surname and date of birth is approved, and until when. Answers "
        "only the approval number, its status (approved, expired, suspended or revoked) and "
        "its last valid day. The surname is compared without regard to capitals, accents or "
        "spaces around it. An unknown number and a wrong surname or date of birth get the "
        "same 404; too many of them get 429.",
        params=(
            Param(
                "approval_number", "path", 'The number on the approval card, like "CH-2026-0042".'
            ),
            Param("surname", "query", "The chaperone's surname, as on their approval card."),
            Param(
                "date_of_birth",
                "query",
                "The chaperone's date of birth, as YYYY-MM-DD.",
                schema={"type": "string", "format": "date"},
            ),
        ),
        responses={
            200: ("What the register says about the approval.", ChaperoneRegisterEntry),
            404: ("No approval matches that number, surname and date of birth.", Error),
            422: ("The surname or date of birth is missing or not a date.", ValidationErrors),
            429: (
                "Too many wrong attempts for this number or from this client; wait the "
                "Retry-After header's seconds. The same whether or not the number exists.",
                Error,
            ),
        },
    ),
]
