"""Who may use each route: the one table of every route the app serves and the role it needs.

Handlers enforce access themselves (``portal.auth.require_person``, ``require_officer`` with
the case's service, ``portal.api.auth.authorise`` with the route's scope). This table says
what each route should demand, in one place a reviewer can read, and
``tests/test_route_access.py`` holds every served route to it: a route missing from the table
fails the test, and so does a route that lets in someone its entry would keep out.
"""

from __future__ import annotations

from enum import StrEnum

from portal.api.v1 import SCOPES as API_SCOPES


class Access(StrEnum):
    PUBLIC = "anyone"
    CITIZEN = "a signed-in citizen, and only for their own applications"
    OFFICER = "a signed-in officer; pages list only the services their roles cover"
    SERVICE_OFFICER = "a signed-in officer whose role covers the case's or the path's service"
    CALENDAR_EDITOR = "a signed-in officer with the calendars or admin role"
    NOTIFY_CALLBACK = "GOV.UK Notify, with the callback bearer token (NOTIFY_CALLBACK_TOKEN)"


# (method, path as the router declares it) -> who may use it. HEAD follows GET.
ROUTE_ACCESS: dict[tuple[str, str], Access | str] = {
    # Citizens' pages
    ("GET", "/"): Access.PUBLIC,
    ("GET", "/accessibility"): Access.PUBLIC,
    ("GET", "/privacy"): Access.PUBLIC,
    ("GET", "/contact"): Access.PUBLIC,
    ("GET", "/sign-in"): Access.PUBLIC,
    ("POST", "/sign-in"): Access.PUBLIC,
    ("GET", "/sign-in/code"): Access.PUBLIC,
    ("POST", "/sign-in/code"): Access.PUBLIC,
    ("POST", "/sign-out"): Access.PUBLIC,
    ("GET", "/signed-out"): Access.PUBLIC,
    ("GET", "/static"): Access.PUBLIC,
    ("GET", "/apply/{service}"): Access.PUBLIC,
    # The journey's pages need a signed-in citizen, except for a service anyone may use
    # without an account (``ServiceDeclaration.sign_in_required`` False, e.g. reporting
    # illegal employment), whose visitors' answers stay in their own browser session.
    ("GET", "/apply/{service}/{step}"): Access.CITIZEN,
    ("POST", "/apply/{service}/{step}"): Access.CITIZEN,
    ("GET", "/apply/{service}/{step}/{item}"): Access.CITIZEN,
    ("POST", "/apply/{service}/{step}/{item}"): Access.CITIZEN,
    ("GET", "/apply/{service}/{step}/{item}/remove"): Access.CITIZEN,
    ("POST", "/apply/{service}/{step}/{item}/remove"): Access.CITIZEN,
    ("GET", "/apply/{service}/{step}/summary"): Access.CITIZEN,
    ("POST", "/apply/{service}/{step}/summary"): Access.CITIZEN,
    ("GET", "/apply/{service}/check-answers"): Access.CITIZEN,
    ("POST", "/apply/{service}/check-answers"): Access.CITIZEN,
    ("GET", "/apply/{service}/confirmation/{reference}"): Access.CITIZEN,
    # A parent's or referee's part of an application: the link's token is the key.
    ("GET", "/respond/{token}"): Access.PUBLIC,
    ("POST", "/respond/{token}"): Access.PUBLIC,
    ("GET", "/assistant"): Access.PUBLIC,
    ("POST", "/assistant"): Access.PUBLIC,
    ("GET", "/assistant/continue"): Access.CITIZEN,
    ("GET", "/account/applications"): Access.CITIZEN,
    ("GET", "/account/applications/{reference}"): Access.CITIZEN,
    # Only documents the council issued on the case (``casework.issued``).
    ("GET", "/account/applications/{reference}/documents/{document_id:int}"): Access.CITIZEN,
    ("POST", "/account/applications/{reference}/evidence"): Access.CITIZEN,
    # The back office
    ("GET", "/backoffice/sign-in"): Access.PUBLIC,
    ("POST", "/backoffice/sign-in"): Access.PUBLIC,
    ("POST", "/backoffice/sign-out"): Access.PUBLIC,
    ("GET", "/backoffice/signed-out"): Access.PUBLIC,
    # The security code after a right password: only a browser whose password was right
    # gets past it (``backoffice.two_factor``), and then into the back office.
    ("GET", "/backoffice/sign-in/security-code"): Access.PUBLIC,
    ("POST", "/backoffice/sign-in/security-code"): Access.PUBLIC,
    # Setting up a code: a signed-in officer, or an administrator whose password was right.
    ("GET", "/backoffice/security-code"): Access.OFFICER,
    ("POST", "/backoffice/security-code"): Access.OFFICER,
    ("GET", "/backoffice/"): Access.OFFICER,
    # Each officer sees their own services' figures; a manager sees the team's by officer.
    ("GET", "/backoffice/dashboard"): Access.OFFICER,
    ("GET", "/backoffice/dashboard/performance.csv"): Access.OFFICER,
    # School calendars and the council's closure days: any officer reads, editors change.
    ("GET", "/backoffice/calendars"): Access.OFFICER,
    ("GET", "/backoffice/calendars/{calendar}"): Access.OFFICER,
    ("GET", "/backoffice/calendars/{calendar}/download"): Access.OFFICER,
    ("GET", "/backoffice/calendars/council-closure-days"): Access.OFFICER,
    **{
        (method, f"/backoffice/calendars{path}"): Access.CALENDAR_EDITOR
        for path in (
            "/upload",
            "/{calendar}/terms/new",
            "/{calendar}/terms/{term_id:int}/remove",
            "/{calendar}/closures/new",
            "/{calendar}/closures/{closure_id:int}/remove",
            "/council-closure-days/new",
            "/council-closure-days/{day}/remove",
        )
        for method in ("GET", "POST")
    },
    ("GET", "/backoffice/services/new"): Access.OFFICER,
    ("GET", "/backoffice/services/{service}/new"): Access.SERVICE_OFFICER,
    ("POST", "/backoffice/services/{service}/new"): Access.SERVICE_OFFICER,
    ("GET", "/backoffice/cases/{reference}"): Access.SERVICE_OFFICER,
    ("GET", "/backoffice/cases/{reference}/documents/{document_id:int}"): Access.SERVICE_OFFICER,
    # An officer adds a document (a visit's photo or statement) to a case.
    ("POST", "/backoffice/cases/{reference}/documents"): Access.SERVICE_OFFICER,
    ("POST", "/backoffice/cases/{reference}/decision"): Access.SERVICE_OFFICER,
    ("GET", "/backoffice/cases/{reference}/messages/preview"): Access.SERVICE_OFFICER,
    ("POST", "/backoffice/cases/{reference}/attention/clear"): Access.SERVICE_OFFICER,
    ("POST", "/backoffice/cases/{reference}/parties/{party}/resend"): Access.SERVICE_OFFICER,
    # Notify's delivery receipts and inbound texts (``notifications.callbacks``).
    ("POST", "/notifications/callbacks/delivery"): Access.NOTIFY_CALLBACK,
    ("POST", "/notifications/callbacks/inbound-sms"): Access.NOTIFY_CALLBACK,
    # The JSON API: a bearer token with the scope its route declares (``portal.api.v1``).
    **{
        (method, f"/api/v1{path}"): f"api:{scope}" if scope else Access.PUBLIC
        for (method, path), scope in API_SCOPES.items()
    },
}


def api_scope(access: Access | str) -> str | None:
    """The bearer-token scope an API entry needs, or None for any other kind of entry."""
    if isinstance(access, Access) or not access.startswith("api:"):
        return None
    return access.removeprefix("api:")
