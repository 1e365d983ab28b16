"""Service declarations. Importing this package registers every service."""

from casework.services import enquiry, free_school_meals  # noqa: F401
