"""The school calendar file: reading it row by row, and writing a calendar back out.

The layout is published in docs/school-calendars.md: a heading row
``calendar,type,name,first_day,last_day``, then one row per term or closure day. Reading
finds every problem it can before anything is saved, each with its row (as a spreadsheet
numbers it) and column; ``casework.school_calendars`` adds the checks that need the
database (school URNs, overlaps with what is kept) and saves.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.calendars import COUNCIL
from casework.models import SchoolClosure, SchoolTerm
from casework.school_calendars import Entry, Kind, Problem, check_name

COLUMNS = ("calendar", "type", "name", "first_day", "last_day")
# A council's whole file (every school's own calendar, three years) is a few hundred KB.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FILE_SIZE = "2MB"
MAX_ROWS = 20_000
# Excel's "CSV UTF-8" starts with a byte order mark; it opens a file without one as ANSI.
BOM = "\ufeff"
SAVE_AS = 'In Excel, choose "Save as" and "CSV UTF-8 (Comma delimited) (*.csv)"'

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class Reading:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Calendars with a term row too broken to read: their closure days are not checked
    # against terms, or each would be reported as outside a term as well.
    unreadable_terms: frozenset[str] = frozenset()
    # A problem with the whole file (not CSV, not UTF-8, wrong headings, empty, too big).
    file_problem: Problem | None = None


def parse_date(value: str) -> date:
    """A date written YYYY-MM-DD or DD/MM/YYYY; ValueError with the plain reason if not."""
    iso, uk = _ISO.match(value), _UK.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    else:
        raise ValueError(
            f"{value} is not a date we can read. Write dates as YYYY-MM-DD or DD/MM/YYYY, "
            "like 2026-09-03 or 03/09/2026"
        )
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(f"{value} is not a real date") from None
    if not 2000 <= parsed.year <= 2099:
        raise ValueError(f"Check the year in {value}: dates must be in the years 2000 to 2099")
    return parsed


def _file_problem(message: str) -> Reading:
    return Reading(file_problem=Problem(message))


def _text(data: bytes) -> str | Reading:
    if not data.strip():
        return _file_problem("The file is empty")
    if len(data) > MAX_FILE_BYTES:
        return _file_problem(f"The file must be smaller than {MAX_FILE_SIZE}")
    if data.startswith(b"PK\x03\x04"):
        return _file_problem(f"The file is an Excel workbook, not a CSV file. {SAVE_AS}")
    if b"\x00" in data:
        return _file_problem(f"The file must be a CSV file. {SAVE_AS}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _file_problem(f"The file must be saved as UTF-8. {SAVE_AS}")


def _headings(cells: list[str]) -> str | None:
    """What is wrong with the heading row, or None."""
    given = [cell.strip().lower() for cell in cells]
    expected = ", ".join(COLUMNS)
    first = ",".join(cells)
    if len(given) == 1 and given[0].count(";") >= 2:
        return (
            f"The columns must be separated by commas, not semicolons. The first row must be "
            f"the headings {expected}"
        )
    missing = [column for column in COLUMNS if column not in given]
    unknown = [cell for cell in given if cell and cell not in COLUMNS]
    repeated = sorted({cell for cell in given if cell and given.count(cell) > 1})
    if not (missing or unknown or repeated):
        return None
    details = []
    if missing:
        details.append(f"it has no {_list(missing)} column{'s' if len(missing) > 1 else ''}")
    if unknown:
        verb = "is not a heading" if len(unknown) == 1 else "are not headings"
        details.append(f"{_list(unknown)} {verb} in the layout")
    if repeated:
        details.append(f"{_list(repeated)} {'is' if len(repeated) == 1 else 'are'} there twice")
    return (
        f"The first row must be the headings {expected}. The file's first row is {first}: "
        f"{'; '.join(details)}"
    )


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def read(data: bytes) -> Reading:
    """Every well-formed row as an Entry, and every problem with the others."""
    decoded = _text(data)
    if isinstance(decoded, Reading):
        return decoded
    try:
        rows = list(csv.reader(io.StringIO(decoded, newline="")))
    except csv.Error as exc:
        return _file_problem(f"The file must be a CSV file. It could not be read: {exc}")
    numbered = [
        (number, row) for number, row in enumerate(rows, start=1) if any(c.strip() for c in row)
    ]
    if not numbered:
        return _file_problem("The file is empty")
    heading_row, headings = numbered[0]
    wrong = _headings(headings)
    if wrong:
        return _file_problem(wrong)
    body = numbered[1:]
    if not body:
        return _file_problem("The file has the headings but no terms or closure days")
    if len(body) > MAX_ROWS:
        return _file_problem(
            f"The file has {len(body):,} rows. It can have at most {MAX_ROWS:,}: split it into "
            "several files (by calendar)"
        )
    positions = {cell.strip().lower(): index for index, cell in enumerate(headings)}
    reading = Reading()
    unreadable: set[str] = set()
    for number, cells in body:
        entry, problems, calendar = _read_row(number, cells, positions, len(headings))
        if entry is not None:
            reading.entries.append(entry)
        reading.problems += problems
        if problems and calendar and entry is None and _cell(cells, positions, "type") != "closure":
            unreadable.add(calendar)
    reading.unreadable_terms = frozenset(unreadable)
    return reading


def _cell(cells: list[str], positions: dict[str, int], column: str) -> str:
    index = positions[column]
    value = cells[index].strip() if index < len(cells) else ""
    return value.lower() if column in ("type",) else value


def _read_row(
    number: int, cells: list[str], positions: dict[str, int], width: int
) -> tuple[Entry | None, list[Problem], str]:
    extra = [cell for cell in cells[width:] if cell.strip()]
    if extra:
        problem = Problem(
            f"The row has {width + len(extra)} cells or more, but there are {width} headings. "
            "Check for a comma in a name: put the name in double quotes",
            number,
        )
        return None, [problem], ""
    problems: list[Problem] = []
    raw_calendar = _cell(cells, positions, "calendar")
    calendar = COUNCIL if raw_calendar.lower() == COUNCIL else raw_calendar
    if not calendar:
        problems.append(Problem(f"Enter {COUNCIL} or a school's URN", number, "calendar"))
    kind_text = _cell(cells, positions, "type")
    kind: Kind | None = None
    if kind_text in ("term", "closure"):
        kind = "term" if kind_text == "term" else "closure"
    elif not kind_text:
        problems.append(Problem("Enter the type: term or closure", number, "type"))
    else:
        problems.append(
            Problem(f'The type must be term or closure, not "{kind_text}"', number, "type")
        )
    name, name_problem = check_name(_cell(cells, positions, "name"), kind or "term", number)
    if name_problem and kind is not None:
        problems.append(name_problem)
    first_day = _date(cells, positions, "first_day", number, problems, required=True)
    last_day = _date(cells, positions, "last_day", number, problems, required=kind == "term")
    if problems or kind is None or first_day is None:
        return None, problems, calendar
    entry = Entry(calendar, kind, name, first_day, last_day or first_day, number)
    return entry, [], calendar


def _date(
    cells: list[str],
    positions: dict[str, int],
    column: str,
    number: int,
    problems: list[Problem],
    required: bool,
) -> date | None:
    value = _cell(cells, positions, column)
    if not value:
        if required:
            what = "first day" if column == "first_day" else "term's last day"
            problems.append(Problem(f"Enter the {what}", number, column))
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        problems.append(Problem(str(exc), number, column))
        return None


def write(session: Session, calendar: str) -> str:
    """A calendar's own terms and closure days in the published layout, each term followed
    by its closure days, so the download can be edited and imported again."""
    rows: list[tuple[date, int, list[str]]] = []
    for term in session.scalars(select(SchoolTerm).where(SchoolTerm.calendar == calendar)):
        rows.append(
            (
                term.starts_on,
                0,
                [calendar, "term", term.name, term.starts_on.isoformat(), term.ends_on.isoformat()],
            )
        )
    for closure in session.scalars(select(SchoolClosure).where(SchoolClosure.calendar == calendar)):
        rows.append(
            (closure.day, 1, [calendar, "closure", closure.reason, closure.day.isoformat(), ""])
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for _, _, cells in sorted(rows, key=lambda row: (row[0], row[1])):
        writer.writerow(cells)
    return BOM + out.getvalue()
