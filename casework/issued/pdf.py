"""Lays out an ``IssuedDocument`` as a PDF (fpdf2): the council's documents look alike,
whichever service issues them.

The page follows the GOV.UK style in print: the council's name over a black rule, one big
heading, plain sans-serif type at 11pt, summary-list rows and tables with grey rules. The
text is real text in an embedded Unicode font (DejaVu Sans, shipped in ``fonts/`` so a fresh
machine needs nothing installed), so names like "Zoë Łukasz-Nguyễn" print as typed, can be
searched, copied and read aloud. For screen readers and search the PDF also carries its
title (shown in the viewer's title bar), language (en-GB), author (the council) and a
bookmark outline following the headings.

A wallet card is drawn at its real size (ID-1, 85.6 × 54mm, a bank card's size) on the A4
page, with a dashed line to cut along and, when it has a back, a fold line: the holder prints
it at home and it needs no special printer. ``PageFormat.CARD`` draws the same card on
card-sized pages (front, then back) for a council's card printer.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Iterator
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF, FontFace, TextStyle
from fpdf.enums import MethodReturnValue, TableBordersLayout, TableHeadingsDisplay, XPos, YPos
from fpdf.prefs import ViewerPreferences

from casework.clocks import long_date
from casework.issued.document import (
    Block,
    CardFace,
    IssuedDocument,
    Paragraphs,
    Row,
    Section,
    Table,
)
from casework.issued.errors import DocumentError
from casework.settings import get_settings

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "Sans"
FONT_FILES = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}

# GOV.UK's text, secondary text and border colours.
TEXT = (11, 12, 12)
SECONDARY = (80, 90, 95)
BORDER = (177, 180, 182)
WHITE = (255, 255, 255)

# A4, in millimetres.
MARGIN = 20.0
BODY_PT = 11.0
LINE = 5.6  # line height for 11pt text
SMALL_PT = 8.5
SMALL_LINE = 4.2
ROW_PADDING = 2.2
LABEL_SHARE = 0.35  # of the text width, for a row's label
PHOTO_BOX = (35.0, 45.0)  # a UK passport photo's size
# A heading keeps at least this much of what follows it on its page.
KEEP_WITH_NEXT = 22.0

# ID-1 (ISO/IEC 7810), the size of a bank card, in millimetres.
CARD = (85.6, 54.0)
CARD_CORNER = 3.18
CARD_BAND = 11.5
CARD_INSET = 3.0
CARD_PHOTO = (24.0, 30.9)  # the passport photo's shape, scaled down
# The card's value size shrinks from the first to the last of these to fit its rows.
CARD_VALUE_PT = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)

PT = 25.4 / 72  # millimetres in a point


class PageFormat(StrEnum):
    A4 = "a4"  # every document; a card is drawn at its real size to cut out
    CARD = "card"  # a card only, on ID-1 pages (front, then back) for a card printer


# --- Text ----------------------------------------------------------------------------------


@lru_cache
def _printable_characters() -> frozenset[int]:
    # Every character both faces can draw; anything else would silently vanish from the PDF.
    maps = [TTFont(path, lazy=True).getBestCmap() for path in FONT_FILES.values()]
    return frozenset(maps[0]).intersection(*maps[1:])


def _clean(text: str) -> str:
    """One form of each accented letter (a decomposed "e" + "¨" becomes "ë", which the font
    draws as one letter); no control characters (tabs and returns become spaces) and no
    invisible formatting ones pasted with a name (zero-width spaces, byte order marks)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc" and ch != "\n":
            kept.append(" ")
        elif category != "Cf":
            kept.append(ch)
    return "".join(kept)


def unprintable_characters(text: str) -> list[str]:
    """The characters of ``text`` the council's documents cannot print, each once, in order,
    so a form can ask for a name in letters the permit will show."""
    printable = _printable_characters()
    found: list[str] = []
    for ch in _clean(text):
        if ch != "\n" and ord(ch) not in printable and ch not in found:
            found.append(ch)
    return found


def _texts(doc: IssuedDocument) -> Iterator[str]:
    yield from (doc.title, doc.reference, doc.footer)
    if doc.photo is not None:
        yield doc.photo.description
    if doc.card is not None:
        for label, value in doc.card.rows:
            yield from (label, value)
        yield from doc.card.back
    for block in doc.blocks:
        if isinstance(block, Section):
            yield block.heading
            for label, value in block.rows:
                yield from (label, value)
        elif isinstance(block, Table):
            yield block.heading
            yield from block.columns
            for row in block.rows:
                yield from row
        else:
            yield block.heading or ""
            yield from block.paragraphs


def _check_characters(texts: Iterable[str]) -> None:
    missing: list[str] = []
    for text in texts:
        missing += [ch for ch in unprintable_characters(text) if ch not in missing]
    if missing:
        shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing)
        raise DocumentError(f"The document cannot print these characters: {shown}")


# --- The PDF -------------------------------------------------------------------------------


class _Pdf(FPDF):
    def __init__(self, doc: IssuedDocument, council: str, page: PageFormat) -> None:
        super().__init__(unit="mm", format="A4" if page is PageFormat.A4 else CARD)
        self.doc = doc
        self.council = council
        self.is_card_page = page is PageFormat.CARD
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))
        self.set_font(FONT, "", BODY_PT)
        self.set_text_color(*TEXT)
        self.set_draw_color(*BORDER)
        self.set_lang("en-GB")
        self.set_title(f"{_clean(doc.title)} {_clean(doc.reference)}")
        # Viewers show that title in their title bar rather than the file's name.
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_subject(_clean(doc.title))
        self.set_author(council)
        self.set_creator(council)
        self.set_section_title_styles(
            TextStyle(font_family=FONT, font_style="B", font_size_pt=22, color=TEXT, b_margin=3),
            TextStyle(
                font_family=FONT,
                font_style="B",
                font_size_pt=15,
                color=TEXT,
                t_margin=5,
                b_margin=2,
            ),
        )
        self.footer_lines: list[str] = []
        if self.is_card_page:
            self.set_margins(0, 0, 0)
            self.set_auto_page_break(False)
        else:
            self.set_margins(MARGIN, 18, MARGIN)

    def start(self) -> None:
        """The first page; on A4, with the foot of each page kept clear for the footer."""
        self.add_page()
        if self.is_card_page:
            return
        if self.doc.footer:
            self.set_font(FONT, "", SMALL_PT)
            self.footer_lines = self.multi_cell(
                self.epw,
                SMALL_LINE,
                _clean(self.doc.footer),
                dry_run=True,
                output=MethodReturnValue.LINES,
            )
            self.set_font(FONT, "", BODY_PT)
        self.set_auto_page_break(True, margin=self._footer_height() + 6)

    def _footer_height(self) -> float:
        return 10 + SMALL_LINE * (len(self.footer_lines) + 1)

    # Small text at the foot of each A4 page: the service's footer, then where this page is.
    def footer(self) -> None:
        if self.is_card_page:
            return
        lines = self.footer_lines
        top = self.h - self._footer_height()
        self.set_draw_color(*BORDER)
        self.set_line_width(0.2)
        self.line(self.l_margin, top, self.w - self.r_margin, top)
        self.set_xy(self.l_margin, top + 2)
        self.set_font(FONT, "", SMALL_PT)
        self.set_text_color(*SECONDARY)
        for line in lines:
            self.cell(self.epw, SMALL_LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        where = f"{_clean(self.doc.title)}, {_clean(self.doc.reference)}"
        self.cell(self.epw * 0.75, SMALL_LINE, where)
        self.cell(
            self.epw * 0.25,
            SMALL_LINE,
            f"Page {self.page_no()} of {{nb}}",
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(*TEXT)
        self.set_font(FONT, "", BODY_PT)

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        # Left-aligned, ragged right (fpdf2 justifies by default): even word spacing reads
        # more easily, for people with dyslexia especially, as GOV.UK's type does.
        kwargs.setdefault("align", "L")
        return super().multi_cell(*args, **kwargs)

    def height_of(self, width: float, line: float, text: str) -> float:
        return float(
            self.multi_cell(width, line, text, dry_run=True, output=MethodReturnValue.HEIGHT)
        )


def render_pdf(doc: IssuedDocument, *, page: PageFormat = PageFormat.A4) -> bytes:
    """The document as PDF bytes. Raises ``DocumentError`` (a ValueError) with a message
    saying what to change when it cannot be printed as described."""
    _check_characters([*_texts(doc), get_settings().council_name])
    council = _clean(get_settings().council_name)
    pdf = _Pdf(doc, council, page)
    if page is PageFormat.CARD:
        if doc.card is None:
            raise DocumentError("Only a document with a card can be printed on a card")
        pdf.start()
        _card_front(pdf, 0, 0, doc, doc.card)
        if doc.card.back:
            pdf.add_page()
            _card_back(pdf, 0, 0, doc.card)
        return bytes(pdf.output())

    pdf.start()
    _masthead(pdf, doc)
    if doc.card is not None:
        _card_to_cut_out(pdf, doc, doc.card)
    for block in doc.blocks:
        _block(pdf, block)
    return bytes(pdf.output())


def _masthead(pdf: _Pdf, doc: IssuedDocument) -> None:
    """The council's name over a black rule, the title, the reference and the date; with a
    photo (and no card to hold it), the photo in a fixed box to the right."""
    pdf.set_font(FONT, "B", 13)
    pdf.cell(pdf.epw, 7, pdf.council, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*TEXT)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*BORDER)
    pdf.set_y(pdf.get_y() + 7)
    top = pdf.get_y()

    photo = doc.photo if doc.card is None else None
    if photo is not None:
        box_x = pdf.w - pdf.r_margin - PHOTO_BOX[0]
        _photo(pdf, box_x, top, PHOTO_BOX, photo.printable, photo.description)
        # The title and its details wrap short of the photo.
        pdf.set_right_margin(MARGIN + PHOTO_BOX[0] + 6)

    pdf.start_section(_clean(doc.title), level=0)
    _detail(pdf, "Reference", _clean(doc.reference))
    _detail(pdf, "Issued", long_date(doc.issued_on))

    pdf.set_right_margin(MARGIN)
    bottom = top + PHOTO_BOX[1] if photo is not None else pdf.get_y()
    pdf.set_xy(pdf.l_margin, max(pdf.get_y(), bottom) + 4)


def _detail(pdf: _Pdf, label: str, value: str) -> None:
    pdf.set_font(FONT, "", BODY_PT)
    pdf.set_text_color(*SECONDARY)
    pdf.write(LINE, f"{label}: ")
    pdf.set_text_color(*TEXT)
    pdf.set_font(FONT, "B", BODY_PT)
    pdf.write(LINE, value)
    pdf.set_font(FONT, "", BODY_PT)
    pdf.ln(LINE)


def _photo(
    pdf: _Pdf, x: float, y: float, box: tuple[float, float], jpeg: bytes, description: str
) -> None:
    """The photo fitted (not stretched) and centred in a fixed box with a thin frame, so
    every document and card has the same shape whatever photo was sent."""
    pdf.set_draw_color(*BORDER)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, box[0], box[1])
    pdf.image(
        io.BytesIO(jpeg),
        x=x,
        y=y,
        w=box[0],
        h=box[1],
        keep_aspect_ratio=True,
        alt_text=_clean(description),
    )


def _heading(pdf: _Pdf, text: str | None) -> None:
    if not text:
        return
    # A heading never ends a page: it moves over with what it heads.
    if pdf.will_page_break(KEEP_WITH_NEXT):
        pdf.add_page()
    pdf.start_section(_clean(text), level=1)
    pdf.set_font(FONT, "", BODY_PT)
    pdf.set_text_color(*TEXT)


def _block(pdf: _Pdf, block: Block) -> None:
    if isinstance(block, Section):
        _heading(pdf, block.heading)
        pdf.set_draw_color(*BORDER)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        for row in block.rows:
            _summary_row(pdf, row)
    elif isinstance(block, Table):
        _heading(pdf, block.heading)
        _table(pdf, block)
    else:
        _heading(pdf, block.heading)
        _paragraphs(pdf, block)
    pdf.ln(3)


def _summary_row(pdf: _Pdf, row: Row) -> None:
    """A label and its value side by side, with a rule under them (the GOV.UK summary list).
    A value too long for one page runs on under its label across the pages instead."""
    label, value = _clean(row[0]), _clean(row[1])
    label_w = pdf.epw * LABEL_SHARE
    value_w = pdf.epw - label_w - 4
    pdf.set_font(FONT, "B", BODY_PT)
    label_h = pdf.height_of(label_w, LINE, label)
    pdf.set_font(FONT, "", BODY_PT)
    value_h = pdf.height_of(value_w, LINE, value)
    height = max(label_h, value_h) + 2 * ROW_PADDING
    usable = pdf.h - pdf.t_margin - pdf.b_margin
    if height <= usable:
        if pdf.will_page_break(height):
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_auto_page_break(False, margin=pdf.b_margin)
        pdf.set_xy(pdf.l_margin, top + ROW_PADDING)
        pdf.set_font(FONT, "B", BODY_PT)
        pdf.multi_cell(label_w, LINE, label)
        pdf.set_xy(pdf.l_margin + label_w + 4, top + ROW_PADDING)
        pdf.set_font(FONT, "", BODY_PT)
        pdf.multi_cell(value_w, LINE, value)
        pdf.set_auto_page_break(True, margin=pdf.b_margin)
        pdf.set_xy(pdf.l_margin, top + height)
    else:
        pdf.set_y(pdf.get_y() + ROW_PADDING)
        pdf.set_font(FONT, "B", BODY_PT)
        pdf.multi_cell(pdf.epw, LINE, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", BODY_PT)
        pdf.multi_cell(pdf.epw, LINE, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(pdf.get_y() + ROW_PADDING)
    pdf.set_draw_color(*BORDER)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())


def _table(pdf: _Pdf, table: Table) -> None:
    pdf.set_font(FONT, "", BODY_PT)
    pdf.set_draw_color(*BORDER)
    try:
        with pdf.table(
            width=pdf.epw,
            text_align="LEFT",
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=FontFace(emphasis="BOLD", color=TEXT),
            # The column headings again at the top of every page the table runs onto.
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
            line_height=LINE,
            padding=(ROW_PADDING, 2, ROW_PADDING, 0),
            v_align="TOP",
        ) as drawn:
            heading_row = drawn.row()
            for column in table.columns:
                heading_row.cell(_clean(column))
            for values in table.rows:
                drawn_row = drawn.row()
                for value in values:
                    drawn_row.cell(_clean(value))
    except ValueError as exc:
        # fpdf2 cannot split one row across pages; tables hold short values, so say which.
        if "too high" not in str(exc):
            raise
        raise DocumentError(
            f"A row of the table “{table.heading}” is too long to fit on one page"
        ) from None


def _paragraphs(pdf: _Pdf, block: Paragraphs) -> None:
    pdf.set_font(FONT, "", BODY_PT)
    indent = 8.0 if block.numbered else 0.0
    for number, paragraph in enumerate(block.paragraphs, start=1):
        if pdf.will_page_break(LINE * 2):
            pdf.add_page()
        if block.numbered:
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, LINE, f"{number}.")
        # A raised left margin keeps a numbered paragraph's hanging indent on a new page.
        pdf.set_left_margin(MARGIN + indent)
        pdf.set_x(MARGIN + indent)
        pdf.multi_cell(pdf.epw, LINE, _clean(paragraph), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_left_margin(MARGIN)
        pdf.set_x(MARGIN)
        pdf.ln(2)


# --- The card ------------------------------------------------------------------------------


def _card_to_cut_out(pdf: _Pdf, doc: IssuedDocument, card: CardFace) -> None:
    """The card at its real size, centred, with a dashed line to cut along; its back beside
    it, joined along a solid line to fold on, so one cut and one fold make a two-sided card."""
    pdf.set_font(FONT, "", BODY_PT)
    how = (
        "Print this page at actual size (100%, not “fit to page”). Cut around the dashed "
        "line"
        + (", fold along the solid line so the back is behind the front" if card.back else "")
        + ", and keep the card with you."
    )
    pdf.multi_cell(pdf.epw, LINE, how, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    width = CARD[0] * (2 if card.back else 1)
    x = (pdf.w - width) / 2
    y = pdf.get_y()
    pdf.set_auto_page_break(False, margin=pdf.b_margin)
    _card_front(pdf, x, y, doc, card)
    if card.back:
        _card_back(pdf, x + CARD[0], y, card)
        pdf.set_draw_color(*TEXT)
        pdf.set_line_width(0.2)
        pdf.line(x + CARD[0], y, x + CARD[0], y + CARD[1])  # the fold
    pdf.set_draw_color(*TEXT)
    pdf.set_line_width(0.3)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=1.5)
        pdf.rect(x, y, width, CARD[1], round_corners=True, corner_radius=CARD_CORNER)
    pdf.set_auto_page_break(True, margin=pdf.b_margin)
    pdf.set_draw_color(*BORDER)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, y + CARD[1] + 8)


def _card_front(pdf: _Pdf, x: float, y: float, doc: IssuedDocument, card: CardFace) -> None:
    # A black band with the council and the title in white, as a lanyard card reads at a glance.
    pdf.set_fill_color(*TEXT)
    pdf.rect(x, y, CARD[0], CARD_BAND, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_font(FONT, "B", 6.5)
    pdf.set_xy(x + CARD_INSET, y + 1.6)
    pdf.cell(CARD[0] - 2 * CARD_INSET, 3.2, _fit(pdf, pdf.council, CARD[0] - 2 * CARD_INSET))
    pdf.set_font(FONT, "B", 8.5)
    pdf.set_xy(x + CARD_INSET, y + 5.4)
    title = _fit(pdf, _clean(doc.title), CARD[0] - 2 * CARD_INSET)
    pdf.cell(CARD[0] - 2 * CARD_INSET, 4.4, title)
    pdf.set_text_color(*TEXT)

    top = y + CARD_BAND + 2.5
    left = x + CARD_INSET
    if doc.photo is not None:
        _photo(pdf, left, top, CARD_PHOTO, doc.photo.printable, doc.photo.description)
        left += CARD_PHOTO[0] + 3
    width = x + CARD[0] - CARD_INSET - left
    height = y + CARD[1] - 2.5 - top
    rows = [(_clean(label), _clean(value)) for label, value in card.rows]
    for value_pt in CARD_VALUE_PT:
        if _card_rows_height(pdf, rows, width, value_pt) <= height:
            _card_rows(pdf, rows, left, top, width, value_pt)
            return
    raise DocumentError("The card's details do not fit on the card: use fewer or shorter rows")


def _label_pt(value_pt: float) -> float:
    return max(5.0, round(value_pt * 0.7, 1))


def _card_rows_height(pdf: _Pdf, rows: list[tuple[str, str]], width: float, pt: float) -> float:
    total = 0.0
    for label, value in rows:
        pdf.set_font(FONT, "", _label_pt(pt))
        total += pdf.height_of(width, _label_pt(pt) * PT * 1.15, label)
        pdf.set_font(FONT, "B", pt)
        total += pdf.height_of(width, pt * PT * 1.2, value) + 0.8
    return total


def _card_rows(
    pdf: _Pdf, rows: list[tuple[str, str]], x: float, y: float, width: float, pt: float
) -> None:
    pdf.set_xy(x, y)
    for label, value in rows:
        pdf.set_font(FONT, "", _label_pt(pt))
        pdf.set_text_color(*SECONDARY)
        pdf.set_x(x)
        pdf.multi_cell(width, _label_pt(pt) * PT * 1.15, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", pt)
        pdf.set_text_color(*TEXT)
        pdf.set_x(x)
        pdf.multi_cell(width, pt * PT * 1.2, value, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_y(pdf.get_y() + 0.8)
    pdf.set_font(FONT, "", BODY_PT)


def _card_back(pdf: _Pdf, x: float, y: float, card: CardFace) -> None:
    width = CARD[0] - 2 * CARD_INSET
    height = CARD[1] - 2 * CARD_INSET
    paragraphs = [_clean(text) for text in card.back]
    for pt in (7.0, 6.5, 6.0, 5.5):
        pdf.set_font(FONT, "", pt)
        line = pt * PT * 1.25
        needed = sum(pdf.height_of(width, line, text) + 1.2 for text in paragraphs)
        if needed <= height:
            pdf.set_text_color(*TEXT)
            pdf.set_xy(x + CARD_INSET, y + CARD_INSET)
            for text in paragraphs:
                pdf.set_x(x + CARD_INSET)
                pdf.multi_cell(width, line, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
                pdf.set_y(pdf.get_y() + 1.2)
            pdf.set_font(FONT, "", BODY_PT)
            return
    raise DocumentError("The back of the card has too much text: shorten it")


def _fit(pdf: _Pdf, text: str, width: float) -> str:
    """One line of the card's band: shortened with an ellipsis rather than run off the card."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
