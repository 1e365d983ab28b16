"""Issued documents: what the PDF says is what the description said, read back with a PDF
text extractor (pypdf), whatever characters people typed; photos are checked; cards fit."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from casework import applications, db
from casework.catalogue import get_service
from casework.issued import (
    CardFace,
    DocumentError,
    IssuedDocument,
    PageFormat,
    Paragraphs,
    Photo,
    PhotoError,
    Section,
    Table,
    issue,
    issued_document,
    issued_documents,
    photo_problem,
    render_pdf,
    unprintable_characters,
)
from casework.models import Case, CaseEvent
from casework.settings import get_settings
from casework.workflow import SYSTEM, Actor
from tests.backoffice.helpers import valid_answers

CHILD = "Zoë Łukasz-Nguyễn"
EMPLOYER = "O’Brien’s Newsagents — Northtown"
MM = 72 / 25.4  # points in a millimetre

WEEK = Table(
    "Permitted hours in term time",
    ("Day", "Hours", "Total"),
    (
        ("Monday", "5pm to 6:30pm", "1 hour 30 minutes"),
        ("Tuesday", "Not working", "None"),
        ("Wednesday", "5pm to 6:30pm", "1 hour 30 minutes"),
        ("Thursday", "Not working", "None"),
        ("Friday", "5pm to 6:30pm", "1 hour 30 minutes"),
        ("Saturday", "9am to 1pm", "4 hours"),
        ("Sunday", "Not working", "None"),
    ),
)
DUTIES = (
    "Sorting newspapers and magazines into rounds, then delivering them on foot to about "
    "forty houses on Mill Lane, Church Street and the Orchard estate, returning the bag "
    "to the shop and signing the round sheet before leaving for school. "
) * 4


def photo(fmt: str = "JPEG", size: tuple[int, int] = (300, 400), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB" if fmt != "PNG" else "RGBA", size, (120, 90, 70)).save(out, fmt, **save)
    return out.getvalue()


def permit(**changes) -> IssuedDocument:
    fields = {
        "title": "Child employment permit",
        "reference": "EMP-7K3D-9QX2",
        "issued_on": date(2026, 12, 3),
        "blocks": (
            Section("The child", (("Name", CHILD), ("Date of birth", "14 March 2012"))),
            Section("The employer", (("Business", EMPLOYER), ("The job", DUTIES))),
            WEEK,
            Paragraphs(
                "Conditions",
                ("The child must have a 1 hour break after 4 hours’ work.", "Keep this permit."),
                numbered=True,
            ),
        ),
        "footer": "Check this permit is genuine: call 0300 123 4567 with its reference.",
    }
    return IssuedDocument(**{**fields, **changes})


def card(**changes) -> IssuedDocument:
    fields = {
        "title": "Chaperone approval",
        "reference": "CHP-2026-0031",
        "issued_on": date(2026, 12, 3),
        "photo": Photo(photo(), f"Photo of {CHILD}"),
        "card": CardFace(
            rows=(("Name", CHILD), ("Approval number", "CHP-2026-0031"), ("Valid until", "2029")),
            back=("To check this approval, ask the council with the approval number.",),
        ),
        "blocks": (Paragraphs("Your approval", ("You are approved until 2 December 2029.",)),),
    }
    return IssuedDocument(**{**fields, **changes})


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def words(reader: PdfReader) -> str:
    """Every page's text with its line breaks and spacing made single spaces."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_a_permit_says_who_for_whom_and_the_weekly_hours_in_its_text():
    text = words(read(render_pdf(permit())))
    for expected in (
        get_settings().council_name,
        "Child employment permit",
        "Reference: EMP-7K3D-9QX2",
        "Issued: 3 December 2026",
        f"Name {CHILD}",
        EMPLOYER,
        "Day Hours Total",
        "Monday 5pm to 6:30pm 1 hour 30 minutes",
        "Saturday 9am to 1pm 4 hours",
        "Sunday Not working None",
        "1. The child must have a 1 hour break after 4 hours’ work.",
        "2. Keep this permit.",
        "Check this permit is genuine: call 0300 123 4567 with its reference.",
    ):
        assert expected in text, expected
    # A long value wraps onto several lines but loses nothing.
    assert " ".join(DUTIES.split()) in text


def test_the_pdf_has_a_title_a_language_an_author_and_an_outline_of_its_headings():
    reader = read(render_pdf(permit()))
    assert reader.metadata is not None
    assert reader.metadata.title == "Child employment permit EMP-7K3D-9QX2"
    assert reader.metadata.author == get_settings().council_name
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    top, sections = reader.outline
    assert top.title == "Child employment permit"
    assert [s.title for s in sections] == [
        "The child",
        "The employer",
        "Permitted hours in term time",
        "Conditions",
    ]


def test_text_as_people_type_it_prints_as_typed():
    decomposed = "Zoe\u0308 Łukasz-Nguye\u0302\u0303n"  # "ë" and "ễ" as letter plus accents
    pasted = "\ufeffa\tb\u200b"  # a byte order mark, a tab, a zero-width space
    doc = permit(blocks=(Section("The child", (("Name", decomposed), ("Tab", pasted))),))
    text = words(read(render_pdf(doc)))
    assert f"Name {CHILD}" in text
    assert "Tab a b" in text
    assert unprintable_characters(f"{CHILD} ’ — “quoted” £5 €5 Ærø Şükrü Ђорђе") == []


def test_characters_the_font_cannot_print_are_refused_by_name_not_left_out():
    assert unprintable_characters("王小明 Wang") == ["王", "小", "明"]
    doc = permit(blocks=(Section("The child", (("Name", "王小明"),)),))
    with pytest.raises(DocumentError, match="cannot print these characters: 王 \\(U\\+738B\\)"):
        render_pdf(doc)


def test_a_long_table_breaks_across_pages_with_its_headings_on_each():
    days = tuple((f"Day {n}", "9am to 1pm", "4 hours") for n in range(1, 81))
    doc = permit(blocks=(Table("Permitted hours in the holidays", WEEK.columns, days),))
    reader = read(render_pdf(doc))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "Day Hours Total" in page.extract_text()
    text = words(reader)
    assert "Day 1 9am to 1pm 4 hours" in text
    assert "Day 80 9am to 1pm 4 hours" in text


def test_a_value_longer_than_a_page_runs_on_to_the_next_pages():
    essay = " ".join(f"word{n}" for n in range(2500))
    reader = read(render_pdf(permit(blocks=(Section("Details", (("Notes", essay),)),))))
    assert len(reader.pages) > 1
    # Every word, in order, between the pages' footers.
    assert re.findall(r"word\d+", words(reader)) == essay.split()


def test_a_table_row_must_have_a_value_for_each_column():
    with pytest.raises(DocumentError, match="needs 3 values, one for each column; a row has 2"):
        Table("Hours", ("Day", "Hours", "Total"), (("Monday", "5pm to 6pm"),))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_a_jpg_or_png_photo_is_printed_in_its_box(fmt):
    doc = permit(photo=Photo(photo(fmt), f"Photo of {CHILD}"))
    page = read(render_pdf(doc)).pages[0]
    assert len(page.images) == 1
    assert photo_problem(photo(fmt)) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (photo("GIF"), "The photo must be a JPG or PNG"),
        (b"%PDF-1.4 not a photo", "The photo must be a JPG or PNG"),
        (bytes(range(256)) * 8, "The photo must be a JPG or PNG"),
        (photo()[:40] + b"\x00" * 200, "The photo must be a JPG or PNG that opens"),
        (b"", "The photo is empty"),
    ],
    ids=["gif", "pdf", "random-bytes", "broken-jpeg", "empty"],
)
def test_anything_but_a_jpg_or_png_that_opens_is_refused_with_a_clear_message(content, problem):
    assert (photo_problem(content) or "").startswith(problem)
    with pytest.raises(PhotoError, match=problem):
        Photo(content, "Photo")


def test_a_photo_is_printed_upright_and_without_its_camera_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show it rotated a quarter turn
    exif[0x010F] = "PhoneMaker"
    taken = photo(size=(400, 300), exif=exif.tobytes())
    printed = Image.open(io.BytesIO(Photo(taken, "Photo").printable))
    assert printed.size == (300, 400)
    assert b"PhoneMaker" not in Photo(taken, "Photo").printable
    assert not printed.getexif()


def test_a_card_for_a_card_printer_is_the_size_of_a_bank_card_front_and_back():
    reader = read(render_pdf(card(), page=PageFormat.CARD))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(85.6 * MM, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(54 * MM, abs=0.05)
    front = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert f"Chaperone approval Name {CHILD} Approval number CHP-2026-0031" in front
    assert len(reader.pages[0].images) == 1
    back = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert back == "To check this approval, ask the council with the approval number."


def test_a_card_printed_at_home_is_on_one_a4_page_with_its_letter():
    reader = read(render_pdf(card()))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == pytest.approx(210 * MM, abs=0.05)
    text = words(reader)
    assert "Print this page at actual size" in text
    assert CHILD in text
    assert "You are approved until 2 December 2029." in text


def test_a_card_with_more_than_fits_is_refused_rather_than_cut_off():
    rows = tuple((f"Detail {n}", "A value long enough to need a line of its own") for n in range(9))
    with pytest.raises(DocumentError, match="do not fit on the card"):
        render_pdf(card(card=CardFace(rows=rows)))
    with pytest.raises(DocumentError, match="Only a document with a card"):
        render_pdf(permit(), page=PageFormat.CARD)


@pytest.fixture
def case_id(clean_db) -> int:
    service = get_service("free-school-meals")
    with db.transaction() as session:
        case, _ = applications.submit(
            session,
            service,
            service.validate(session, valid_answers()),
            channel="api",
            actor=SYSTEM,
        )
        return case.id


def test_an_issued_document_is_kept_on_the_case_as_the_pdf_issued(case_id):
    officer = Actor(kind="officer", label="Fiona Officer", id=7, roles=frozenset({"admin"}))
    with db.transaction() as session:
        case = session.get(Case, case_id)
        document = issue(
            session,
            case,
            permit(),
            kind="permit",
            filename="../Permit EMP-7K3D.html",
            issued_by=officer,
        )
        document_id = document.id
    with db.transaction() as session:
        kept = issued_document(session, case_id, document_id)
        assert kept is not None
        assert kept.filename == "Permit EMP-7K3D.pdf"
        assert (kept.content_type, kept.issued_kind, kept.uploaded_by) == (
            "application/pdf",
            "permit",
            "Fiona Officer",
        )
        assert f"Name {CHILD}" in words(read(kept.content))
        assert [d.id for d in issued_documents(session, case_id)] == [document_id]
        assert issued_documents(session, case_id, kind="licence") == []
        event = session.query(CaseEvent).filter_by(action="document_issued").one()
        assert (event.actor_label, event.data["document_id"], event.data["title"]) == (
            "Fiona Officer",
            document_id,
            "Child employment permit",
        )


def test_a_document_that_cannot_be_printed_is_not_kept(case_id):
    with db.transaction() as session:
        case = session.get(Case, case_id)
        with pytest.raises(DocumentError):
            issue(session, case, permit(title="王"), kind="permit", filename="permit.pdf")
        with pytest.raises(DocumentError, match="lower-case name"):
            issue(session, case, permit(), kind="Permit!", filename="permit.pdf")
        assert issued_documents(session, case_id) == []
