"""What an issued document says, as data: a service describes its permit, licence or card
with these, and ``casework.issued.pdf`` lays any of them out the same way.

A service never draws: it says "a section of rows", "a table", "numbered conditions",
"a photo", "a card", and the council's documents look alike whoever wrote the service.
Every value is text the service has already worded (dates as "3 December 2026", times as
"5pm"), so what the PDF says is what the service's tests can read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.issued.errors import DocumentError
from casework.issued.photos import Photo

# A label and its value, shown as a GOV.UK summary list row ("Name", "Zoë Łukasz-Nguyễn").
Row = tuple[str, str]


@dataclass(frozen=True)
class Section:
    """A heading over label-and-value rows: the child, the employer, the licence holder."""

    heading: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    """A heading over a table with column headings, repeated on each page it runs onto:
    the permitted hours by day, the performance dates."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        if not self.columns:
            raise DocumentError(f"The table “{self.heading}” needs at least one column")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise DocumentError(
                    f"Each row of the table “{self.heading}” needs {len(self.columns)} "
                    f"values, one for each column; a row has {len(row)}"
                )


@dataclass(frozen=True)
class Paragraphs:
    """Running text under an optional heading; ``numbered`` for conditions people refer to
    by number ("condition 3")."""

    heading: str | None
    paragraphs: tuple[str, ...]
    numbered: bool = False


Block = Section | Table | Paragraphs


@dataclass(frozen=True)
class CardFace:
    """A wallet card (ID-1, the size of a bank card): the council, the document's title, the
    photo and these rows on the front; ``back`` is printed on its reverse."""

    rows: tuple[Row, ...]
    back: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssuedDocument:
    """One document the council issues on a case.

    With a ``card``, the first page carries the card at its real size to cut out (the
    holder prints it at home) and the blocks follow as the covering letter; the same
    document renders on a card-sized page for a card printer (``PageFormat.CARD``). Without
    one, ``photo`` stands in a fixed box beside the title.
    """

    title: str
    reference: str
    issued_on: date
    blocks: tuple[Block, ...] = ()
    photo: Photo | None = None
    card: CardFace | None = None
    # Printed small at the foot of every page, e.g. how to check the document is genuine.
    footer: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise DocumentError("An issued document needs a title")
        if not self.reference.strip():
            raise DocumentError("An issued document needs a reference")
