"""Free school meals: the first service."""

from casework.services.free_school_meals.declaration import FREE_SCHOOL_MEALS

__all__ = ["FREE_SCHOOL_MEALS"]
