"""Reading a week of working hours typed in words: "Saturdays 9 till 1 and Sundays 10-12",
"mon-fri 4pm to 6pm", "weekends 10am till noon".

The result is the shape the hours check takes (``{"sat": [["09:00", "13:00"]], ...}``);
whether the hours are legal is for the portal to say. This only reads: days (names, short
names, plurals, ranges such as "mon-fri" or "Monday to Friday", "weekdays", "weekends",
"every day") and time ranges ("9 till 1", "4pm to 6pm", "10-12", "9:30am-1.30pm",
"17:00-18:30", "noon", "midday", "half 4"), each range belonging to the days before it (or,
when no day comes before, the days after it: "9 till 1 on Saturdays").

A time without am or pm is read the way people mean it for a child's job: 1 to 6 are
afternoon ("4 to 6" is 4pm to 6pm), 7 to 11 are morning, 12 is midday, and a finish earlier
than the start is in the afternoon ("9 till 1" is 9am to 1pm). What was read is said back
(``describe``), so a wrong guess is seen before anything is checked.

No Rasa imports, so it is tested without the bot's environment (tests/assistant/test_shifts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_DAY_WORDS = {
    "mon": ("monday", "mon"),
    "tue": ("tuesday", "tues", "tue"),
    "wed": ("wednesday", "weds", "wed", "wednsday", "wensday"),
    "thu": ("thursday", "thurs", "thur", "thu"),
    "fri": ("friday", "fri"),
    "sat": ("saturday", "sat"),
    "sun": ("sunday", "sun"),
}
_GROUPS = {
    "weekdays": DAYS[:5],
    "weekday": DAYS[:5],
    "week days": DAYS[:5],
    "week day": DAYS[:5],
    "school days": DAYS[:5],
    "school day": DAYS[:5],
    "weekends": DAYS[5:],
    "weekend": DAYS[5:],
    "every day": DAYS,
    "everyday": DAYS,
    "each day": DAYS,
    "daily": DAYS,
    "all week": DAYS,
}

# One day: a name, optionally plural ("Saturdays", "sats"); the short forms only whole.
_ONE_DAY = "|".join(
    sorted(
        {re.escape(word) for words in _DAY_WORDS.values() for word in words},
        key=len,
        reverse=True,
    )
)
_DAY = rf"(?:{_ONE_DAY})(?:'?s)?"
_RANGE_WORD = r"\s*(?:-|to|till|til|until|thru|through)\s*"
_GROUP = "|".join(re.escape(g) for g in sorted(_GROUPS, key=len, reverse=True))

# A time: "9", "9am", "9.30", "9:30 pm", "0930", "17:00", "noon", "half 4", "half past 4".
_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?|\d{3,4})\s*(?:am|pm|a\.m\.?|p\.m\.?)?"
_WORDED = (
    r"(?:noon|midday|mid-day|midnight|12\s*noon|12\s*midday|"
    r"(?:half|quarter)\s+(?:past\s+)?\d{1,2}\s*(?:am|pm)?|quarter\s+to\s+\d{1,2}\s*(?:am|pm)?)"
)
_TIME = rf"(?:{_WORDED}|{_CLOCK})"
_TIME_RANGE = rf"(?:from\s+)?(?P<start>{_TIME}){_RANGE_WORD}(?P<finish>{_TIME})"

_TOKEN = re.compile(
    rf"(?P<group>\b(?:{_GROUP})\b)"
    rf"|(?P<dayrange>\b(?P<first>{_DAY}){_RANGE_WORD}(?P<last>{_DAY})\b)"
    rf"|(?P<day>\b{_DAY}\b)"
    rf"|(?P<times>(?<![\w:.]){_TIME_RANGE}(?![\w:]))",
    re.I,
)


class ShiftsNotRead(ValueError):
    """What could not be read, in words to say to the person."""


@dataclass
class _Group:
    days: list[str] = field(default_factory=list)
    times: list[tuple[int, int]] = field(default_factory=list)


def _day_code(word: str) -> str:
    word = word.lower().rstrip("s").rstrip("'") if len(word) > 3 else word.lower()
    for code, words in _DAY_WORDS.items():
        if word in words or word + "s" in words:
            return code
    raise ShiftsNotRead(f"I couldn't read {word!r} as a day")


def _day_range(first: str, last: str) -> list[str]:
    start, end = DAYS.index(_day_code(first)), DAYS.index(_day_code(last))
    if end < start:  # "sat-mon" wraps round the week
        return list(DAYS[start:] + DAYS[: end + 1])
    return list(DAYS[start : end + 1])


@dataclass(frozen=True)
class _Time:
    minutes: int  # after midnight as typed: "9" is 540, whatever was meant
    # Settled by how it was said: am or pm, the 24-hour clock (17:00, 09:00), or a word
    # (midday, midnight). An unsettled time is 1 to 12 and may be morning or afternoon.
    settled: bool

    def candidates(self) -> list[int]:
        """Morning and afternoon readings of an unsettled time, earliest first."""
        if self.settled:
            return [self.minutes]
        hours, mins = divmod(self.minutes, 60)
        return [(hours % 12) * 60 + mins, (hours % 12 + 12) * 60 + mins]


_NOON = ("noon", "midday", "mid-day", "12 noon", "12 midday", "12noon", "12midday")


def _time(text: str) -> _Time:
    said = re.sub(r"\s+", " ", text.lower()).strip()
    said = re.sub(r"([ap])\.m\.?", r"\1m", said).replace(".", ":")
    meridiem = said[-2:] if said.endswith(("am", "pm")) else ""
    said = said.removesuffix(meridiem).strip()
    if said in _NOON:
        return _Time(12 * 60, settled=True)
    if said == "midnight":
        return _Time(24 * 60, settled=True)
    if match := re.fullmatch(r"(half|quarter) (?:past )?(\d{1,2})", said):
        hours, minutes, clock24 = int(match[2]), 30 if match[1] == "half" else 15, False
    elif match := re.fullmatch(r"quarter to (\d{1,2})", said):
        hours, minutes, clock24 = int(match[1]) - 1, 45, False
    elif match := re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", said):
        hours, minutes = int(match[1]), int(match[2] or 0)
        clock24 = said.startswith("0") or hours == 0 or hours >= 13
    elif match := re.fullmatch(r"(\d{1,2})(\d{2})", said):  # 0930, 1730
        hours, minutes, clock24 = int(match[1]), int(match[2]), True
    else:
        raise ShiftsNotRead(f"I couldn't read {text.strip()!r} as a time")
    if hours > 24 or minutes > 59 or (meridiem and not 1 <= hours <= 12):
        raise ShiftsNotRead(f"I couldn't read {text.strip()!r} as a time")
    if meridiem:
        return _Time(((hours % 12) + (12 if meridiem == "pm" else 0)) * 60 + minutes, True)
    return _Time(hours * 60 + minutes, settled=clock24)


def _guess(time: _Time) -> int:
    """A start said without am or pm: 1 to 6 is the afternoon, 7 to 11 the morning, 12
    midday (children's jobs are after school or in the day, never in the small hours)."""
    if time.settled:
        return time.minutes
    hours = time.minutes // 60
    morning, afternoon = time.candidates()
    return afternoon if hours <= 6 or hours == 12 else morning


def _shift(start_text: str, finish_text: str) -> tuple[int, int]:
    """A range in minutes after midnight. What one side settles decides the other: "4-6pm"
    is 4pm to 6pm, "10-2pm" 10am to 2pm, "9am till 1" 9am to 1pm, "9 till 1" 9am to 1pm."""
    start, finish = _time(start_text), _time(finish_text)
    if not start.settled and finish.settled:
        # The latest reading of the start that is before the finish.
        before = [c for c in start.candidates() if c < finish.minutes]
        return (before[-1] if before else _guess(start)), finish.minutes
    begin = _guess(start)
    # The earliest reading of the finish that is after the start.
    after = [c for c in finish.candidates() if c > begin]
    return begin, (after[0] if after else finish.candidates()[-1])


def read(text: str) -> dict[str, list[list[str]]]:
    """Each day's shifts as ``[["HH:MM", "HH:MM"], ...]`` in time order; days without work
    are left out. Raises ShiftsNotRead, in words, when a day has no times or times no day."""
    groups: list[_Group] = [_Group()]
    for match in _TOKEN.finditer(text or ""):
        current = groups[-1]
        if match["times"]:
            current.times.append(_shift(match["start"], match["finish"]))
            continue
        if current.times:
            current = _Group()
            groups.append(current)
        if match["group"]:
            days = list(_GROUPS[re.sub(r"\s+", " ", match["group"].lower())])
        elif match["dayrange"]:
            days = _day_range(match["first"], match["last"])
        else:
            days = [_day_code(match["day"])]
        current.days += [day for day in days if day not in current.days]
    groups = _joined(groups)
    if not any(group.times for group in groups):
        raise ShiftsNotRead(
            "I couldn't find any times in that. Give each day and its start and finish "
            "times, like 'Saturdays 9am till 1pm and Sundays 10am to 12pm'"
        )
    week: dict[str, list[list[str]]] = {}
    for group in groups:
        if not group.days:
            raise ShiftsNotRead(
                f"Which days are the hours {_said(*group.times[0])}? Give the days too, "
                "like 'Saturdays 9am till 1pm'"
            )
        if not group.times:
            names = " and ".join(DAY_NAMES[day] for day in group.days)
            raise ShiftsNotRead(f"What times on {names}? Give a start and a finish time")
        for day in group.days:
            for begin, end in group.times:
                week.setdefault(day, []).append([_hhmm(begin), _hhmm(end)])
    return {day: sorted(week[day]) for day in DAYS if day in week}


def _joined(groups: list[_Group]) -> list[_Group]:
    """Times said before their days ("9 till 1 on Saturdays") join the days that follow."""
    joined: list[_Group] = []
    for group in groups:
        if not group.days and not group.times:
            continue
        previous = joined[-1] if joined else None
        if previous and not previous.days and previous.times and not group.times:
            previous.days = group.days
            continue
        joined.append(group)
    return joined


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock(minutes: int) -> str:
    """9am, 4:30pm, midday, midnight: as GOV.UK writes times."""
    if minutes == 12 * 60:
        return "midday"
    if minutes in (0, 24 * 60):
        return "midnight"
    hours, mins = divmod(minutes, 60)
    suffix = "am" if hours < 12 else "pm"
    hours = hours % 12 or 12
    return f"{hours}{suffix}" if not mins else f"{hours}:{mins:02d}{suffix}"


def _said(begin: int, end: int) -> str:
    return f"{clock(begin)} to {clock(end)}"


def minutes(time: str) -> int:
    hours, mins = time.split(":")
    return int(hours) * 60 + int(mins)


def describe(week: dict[str, list[list[str]]]) -> str:
    """ "Saturday 9am to 1pm; Sunday 10am to midday", to read back what was understood.
    Days with the same times are said together: "Monday to Friday 4pm to 6pm", "Tuesday
    and Thursday 5pm to 7pm"."""
    by_times: dict[tuple[tuple[str, ...], ...], list[str]] = {}
    for day in DAYS:
        if week.get(day):
            by_times.setdefault(tuple(tuple(shift) for shift in week[day]), []).append(day)
    parts = []
    for times, days in by_times.items():
        said = " and ".join(_said(minutes(start), minutes(finish)) for start, finish in times)
        parts.append(f"{_days(days)} {said}")
    return "; ".join(parts)


def _days(days: list[str]) -> str:
    """ "Monday to Friday", "Tuesday and Thursday", "Every day"."""
    if len(days) == len(DAYS):
        return "Every day"
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names: list[str] = []
    for run in runs:
        if len(run) > 2:
            names.append(f"{DAY_NAMES[run[0]]} to {DAY_NAMES[run[-1]]}")
        else:
            names += [DAY_NAMES[day] for day in run]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
