"""Enquiries: a question a person asks a human, handed over by the assistant."""

from casework.services.enquiry.declaration import ENQUIRY

__all__ = ["ENQUIRY"]
