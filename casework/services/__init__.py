"""Service declarations. Importing this package registers every service."""

from casework.services import free_school_meals  # noqa: F401
