"""Times, lengths of time and ages in the words GOV.UK style uses: 7am, 5:30pm, midday,
"2 hours 30 minutes", "a 14-year-old"."""

from __future__ import annotations


def clock(minutes: int) -> str:
    """Minutes after midnight as a time: 7am, 5:30pm, midday, midnight."""
    if minutes % (24 * 60) == 0:
        return "midnight"
    if minutes == 12 * 60:
        return "midday"
    hour, minute = divmod(minutes, 60)
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{suffix}" if minute == 0 else f"{hour}:{minute:02d}{suffix}"


def duration(minutes: int) -> str:
    """A length of time: "1 hour", "2 hours 30 minutes", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours != 1 else ""))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def a_child_aged(age: int) -> str:
    """ "a 14-year-old", "an 8-year-old", "an 11-year-old", "an 18-year-old"."""
    article = "an" if age in (8, 11, 18) or 80 <= age <= 89 else "a"
    return f"{article} {age}-year-old"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
