"""How the performance checks write ages, times and lengths of time in their messages."""

from __future__ import annotations

from datetime import date

from casework.clocks import long_date


def a_child_of(age: int) -> str:
    """ "A 9-year-old", as a sentence starts."""
    return "A child under 1" if age < 1 else f"A {age}-year-old"


def ages(from_age: int, to_age: int) -> str:
    return f"{from_age} to {to_age}" if from_age != to_age else str(from_age)


def clock(time: str) -> str:
    """ "07:00" → "7am", "18:30" → "6:30pm", "12:00" → "midday", "24:00" → "midnight"."""
    hours, minutes = int(time[:2]), int(time[3:])
    if minutes == 0 and hours in (0, 24):
        return "midnight"
    if minutes == 0 and hours == 12:
        return "midday"
    suffix = "am" if hours % 24 < 12 else "pm"
    shown = hours % 12 or 12
    return f"{shown}{suffix}" if minutes == 0 else f"{shown}:{minutes:02d}{suffix}"


def duration(minutes: int) -> str:
    """ "2 hours 30 minutes", "1 hour", "45 minutes"."""
    hours, rest = divmod(max(int(round(minutes)), 0), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def day(on: date) -> str:
    return long_date(on)
