"""Enquiries: a question a person asks a human, handed over by the assistant."""
