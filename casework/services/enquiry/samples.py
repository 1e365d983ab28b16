"""A whole, valid enquiry (as the assistant hands one over), for the contract test.

``application`` gives the answers as the JSON API takes them; see
casework/services/free_school_meals/samples.py for the convention.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def application(session: Session) -> dict[str, Any]:
    return {
        "question": "Can my son have a paper round before school at 14?",
        "email": "jo.bloggs@example.com",
        "mobile": "07700900123",
        "name": "Jo Bloggs",
        "conversation_channel": "web",
        "transcript": [
            {"speaker": "person", "text": "Can my son do a paper round?"},
            {"speaker": "assistant", "text": "I will pass your question to our team."},
        ],
    }
