"""Reading rule questions typed in words: a child's age, term or holidays, which day, a job,
and what kind of performance.

"what hours can a 14 year old work on a Saturday?", "my 15yo, in the summer holidays",
"can my son work in a kitchen", "does my daughter need a licence for a school play?"

Only reading: the limits, which jobs are allowed and whether a licence is needed come from
the portal's rule checks. How people name the jobs and kinds of performance on the
portal's lists (a code each) is in bot/services/<slug>.yml, passed in here.

No Rasa imports, so it is tested without the bot's environment
(tests/assistant/test_rule_reading.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TERM, HOLIDAY = "term", "holiday"
# What an hours question asks about ("day" slot values).
SCHOOL_DAY, SATURDAY, SUNDAY, WEEKEND, WEEK = "school_day", "saturday", "sunday", "weekend", "week"

_NUMBERS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER = r"(\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
# "14 year old", "14-year-old", "14 yr old", "14yo", "14 y/o", "14 yrs", "fourteen years old"
_AGE_AFTER = re.compile(
    _NUMBER + r"\s*-?\s*(?:years?|yrs?|yr|y)\s*-?\s*(?:old|o|/o)?\b|" + _NUMBER + r"\s*yo\b",
    re.I,
)
# "aged 14", "age 14", "he's 14", "she is 14", "they're 14", "is 14", "turned 14"
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age|is|hes|shes|theyre|are|turned|im|i am)\s+(?:only\s+|just\s+)?"
    + _NUMBER
    + r"\b(?!\s*(?:hours?|hrs?|days?|weeks?|am|pm|:|\.\d))",
    re.I,
)
_YEAR_GROUP = re.compile(r"\b(?:year|yr|y)\s*(\d{1,2})\b(?!\s*(?:-?\s*olds?|o\b))", re.I)


def _number(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def age(text: str, *, asked: bool = False) -> int | None:
    """The child's age if the message says it ("a 14 year old", "14yo", "aged fourteen").
    When the age is what was asked, a number on its own counts too ("14", "he's 14")."""
    text = text or ""
    if match := _AGE_AFTER.search(text):
        return _number(match.group(1) or match.group(2))
    if match := _AGE_BEFORE.search(text.replace("'", "").replace("\u2019", "")):
        return _number(match.group(1))
    if asked:
        numbers = re.findall(_NUMBER, text, re.I)
        if len(numbers) == 1 and not _YEAR_GROUP.search(text):
            return _number(numbers[0])
    return None


def year_group(text: str) -> int | None:
    """ "year 9", "yr 10", "Y8": a school year, which is not an age (a year 9 child is 13
    or 14), so the assistant asks for the age instead."""
    match = _YEAR_GROUP.search(text or "")
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 13 else None


_HOLIDAY_WORDS = re.compile(
    r"\b(holidays?|hols|half[ -]?term|summer|easter|christmas|xmas|school'?s out|"
    r"out of term|outside term|not (?:in )?term)\b",
    re.I,
)
_TERM_WORDS = re.compile(r"\b(term[ -]?time|in term|during term|term|termtime)\b", re.I)


def period(text: str) -> str | None:
    """ "term" or "holiday" if the message says which ("half term" is a holiday)."""
    if _HOLIDAY_WORDS.search(text or ""):
        return HOLIDAY
    if _TERM_WORDS.search(text or ""):
        return TERM
    return None


_DAY_PATTERNS = (
    (WEEKEND, r"\bweek-?ends?\b"),
    (SATURDAY, r"\bsat(urday)?s?\b"),
    (SUNDAY, r"\bsun(day)?s?\b"),
    (
        SCHOOL_DAY,
        r"\b(school ?days?|school nights?|week ?days?|weekday|after school|before school|"
        r"mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?)s?\b",
    ),
    (WEEK, r"\b(a|per|each|every|in a|the) week\b|\bweekly\b|\bhours a week\b"),
)


def day(text: str) -> str | None:
    """Which day an hours question is about: a school day (a weekday), Saturday, Sunday,
    the weekend, or the whole week."""
    for name, pattern in _DAY_PATTERNS:
        if re.search(pattern, text or "", re.I):
            return name
    return None


def words(text: str) -> str:
    """Lower case, apostrophes and accents plain, one space between words."""
    plain = (text or "").lower().replace("é", "e").replace("’", "'")
    return " " + re.sub(r"[^a-z0-9&']+", " ", plain).strip() + " "


def _found(text: str, phrase: str) -> int:
    return words(text).find(words(phrase))


@dataclass(frozen=True)
class Named:
    """A code on one of the portal's lists, and what people call it."""

    code: str
    said: tuple[str, ...]


def named(text: str, names: Iterable[Named]) -> list[str]:
    """The codes a message names, in the order it names them. A longer phrase wins over a
    shorter one inside it: "coffee shop" is a café, not a shop."""
    spoken = words(text)
    places: list[tuple[int, int, str]] = []  # start, end, code
    phrases = sorted(
        ((words(phrase), item.code) for item in names for phrase in item.said),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    taken: list[tuple[int, int]] = []
    for phrase, code in phrases:
        start = spoken.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                taken.append((start, end))
                places.append((start, end, code))
            start = spoken.find(phrase, start + 1)
    codes: list[str] = []
    for _start, _end, code in sorted(places):
        if code not in codes:
            codes.append(code)
    return codes


def exact(text: str, choices: Mapping[str, str]) -> str | None:
    """The code whose name the text is exactly (a button's words, typed or pressed)."""
    said = words(text).strip()
    for code, name in choices.items():
        if words(name).strip() == said:
            return code
    return None


# --- Performances -----------------------------------------------------------------------

_NOT_PAID = re.compile(
    r"\b(not paid|unpaid|no pay|isn'?t paid|aren'?t paid|won'?t be paid|not getting paid|"
    r"only expenses|just expenses|expenses only|only get expenses|just get expenses|"
    r"for free|voluntary|volunteer(ing)?)\b",
    re.I,
)
_PAID = re.compile(r"\b(paid|pays?|fee|wages?|earn(s|ing)?|money)\b|£\s?\d+", re.I)
_ABSENT = re.compile(
    r"\b(miss(es|ing)? (some )?school|time off school|off school|out of school|"
    r"during school( hours| time)?|in school hours|take (him|her|them) out of school)\b",
    re.I,
)
_NOT_ABSENT = re.compile(
    r"\b(no time off|won'?t miss|wont miss|not miss|doesn'?t miss|without missing|"
    r"no school missed|(only )?(at )?weekends? only|only (at )?weekends?|after school only|"
    r"in the holidays only|only in the holidays)\b",
    re.I,
)


def paid(text: str) -> bool | None:
    """Whether the child is paid more than expenses, if the message says."""
    if _NOT_PAID.search(text or ""):
        return False
    if _PAID.search(text or ""):
        return True
    return None


def misses_school(text: str) -> bool | None:
    if _NOT_ABSENT.search(text or ""):
        return False
    if _ABSENT.search(text or ""):
        return True
    return None


def yes_no(text: str) -> bool | None:
    """A yes or a no typed in words, when the model did not say (the start of the text)."""
    said = words(text).strip()
    if re.match(
        r"^(yes|yeah|yep|yup|y|ya|aye|correct|he is|she is|they are|he does|she does|"
        r"they do|he will|she will|it does|it is|definitely|sure)\b",
        said,
    ):
        return True
    if re.match(
        r"^(no|nope|nah|n|not|never|none|he isn't|she isn't|he doesnt|she doesnt|"
        r"he won't|she won't|they won't|it isn't|it doesn't)\b",
        said,
    ):
        return False
    return None


def count(text: str) -> int | None:
    """A number of days: "3", "three", "about 2", "none" (0)."""
    said = words(text)
    if re.search(r"\b(none|no days|never|not at all|not any|zero)\b", said):
        return 0
    numbers = re.findall(_NUMBER, said, re.I)
    return _number(numbers[0]) if len(numbers) == 1 else None
