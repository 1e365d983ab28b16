"""The shared pages take each service's words from its declaration."""

from bs4 import BeautifulSoup

from casework import guides
from casework.catalogue import all_services


def _visible(html: str) -> str:
    main = BeautifulSoup(html, "html.parser").select_one("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def test_the_privacy_notice_has_a_section_for_each_service_that_declares_one(anonymous):
    text = _visible(anonymous.get("/privacy").text)
    declaring = [service for service in all_services() if service.privacy_notice]
    assert declaring, "no service declares a privacy notice"
    for service in declaring:
        assert service.name in text
        first_sentence = service.privacy_notice.split(".")[0]
        assert " ".join(first_sentence.split()) in text


def test_the_home_page_names_every_topic_the_assistant_knows(anonymous):
    text = _visible(anonymous.get("/").text)
    for name in guides.names():
        assert name[:1].lower() + name[1:] in text
