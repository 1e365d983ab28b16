"""The one Jinja environment, shared by the portal and the back office."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import markdown as markdown_lib
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from casework.questions.kinds import WEEKDAYS
from casework.settings import PROJECT_ROOT, get_settings
from portal import csrf

LONDON = ZoneInfo("Europe/London")


def _long_date(value: date | str | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def _date_time(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(LONDON)
    return f"{local.day} {local:%B %Y} at {local:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")


# GOV.UK Frontend styles nothing by element, so Markdown's plain HTML gets its classes.
GOVUK_CLASSES = {
    "h1": "govuk-heading-l",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
}


class _GovukClasses(Treeprocessor):
    def run(self, root: Any) -> None:
        for element in root.iter():
            if element.tag in GOVUK_CLASSES:
                element.set("class", GOVUK_CLASSES[element.tag])
        # Inset text holds its words directly, not in a styled paragraph.
        for inset in root.iter("blockquote"):
            for paragraph in inset.iter("p"):
                paragraph.attrib.pop("class", None)


class _GovukMarkdown(Extension):
    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:  # noqa: N802 (the library's name)
        md.treeprocessors.register(_GovukClasses(md), "govuk_classes", 0)


def _markdown(text: str, **fill: Any) -> Markup:
    """Declared Markdown (start and confirmation pages) as GOV.UK-styled HTML.

    The text is the service's own; what is filled into its {placeholders} is escaped,
    so rule data or settings can never add markup.
    """
    if fill:
        text = text.format(**{key: escape(value) for key, value in fill.items()})
    # The Markdown is the service's own text (code, not input), and its fills are escaped.
    return Markup(markdown_lib.markdown(text, extensions=[_GovukMarkdown()]))  # noqa: S704


def make_environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(PROJECT_ROOT / "templates"),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = _long_date
    env.filters["date_time"] = _date_time
    env.filters["markdown"] = _markdown
    env.globals["weekdays"] = WEEKDAYS
    env.globals["council_name"] = get_settings().council_name
    return env


_environment: Environment | None = None


def environment() -> Environment:
    global _environment
    if _environment is None:
        _environment = make_environment()
    return _environment


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    in_session = "session" in request.scope
    values = {
        "request": request,
        "signed_in_email": request.session.get("person_email") if in_session else None,
        "csrf_token": csrf.token(request),
        "flash": request.session.pop("flash", None) if in_session else None,
        **(context or {}),
    }
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status_code)


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"
