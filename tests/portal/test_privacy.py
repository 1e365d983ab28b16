"""Nobody sees another person's case."""

from tests.portal.journey import apply


def test_people_see_only_their_own_cases(citizen_factory):
    ann = citizen_factory("ann@example.com")
    reference = apply(ann, email="ann@example.com")
    bob = citizen_factory("bob@example.com")

    assert reference in ann.get("/account/applications").text
    assert reference not in bob.get("/account/applications").text
    assert bob.get(f"/account/applications/{reference}").status_code == 404
    assert bob.get(f"/apply/free-school-meals/confirmation/{reference}").status_code == 404
    # The same 404 as for a reference that does not exist: nothing leaks.
    assert bob.get("/account/applications/FSM-2222-2222").status_code == 404


def test_case_page_shows_status_and_what_happens_next(citizen):
    reference = apply(citizen)
    page = citizen.get(f"/account/applications/{reference}").text
    assert "Checking eligibility" in page
    assert "We are checking your eligibility." in page
    assert "Application received" in page


def test_htmx_gets_just_the_status_fragment(citizen):
    reference = apply(citizen)
    fragment = citizen.get(
        f"/account/applications/{reference}?fragment=status", headers={"HX-Request": "true"}
    ).text
    # The live region's contents (the region itself stays in the page) and the history.
    assert "Checking eligibility" in fragment and "Application received" in fragment
    assert 'id="case-status"' not in fragment
    assert "<html" not in fragment
