"""Why a document cannot be issued, in words an officer (or a service's author) can act on."""

from __future__ import annotations


class DocumentError(ValueError):
    """The document cannot be issued as described; the message says what to change."""


class PhotoError(DocumentError):
    """The photo is not one we can print: not a JPG or PNG, damaged, empty or too big."""
