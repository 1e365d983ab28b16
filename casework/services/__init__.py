"""The services the portal offers: one folder each, and this one list.

The catalogue (``casework.catalogue``) is built from ``SERVICES``; every channel reads it.
To add a service, add its folder and one line here (docs/adding-a-service.md).
"""

from casework.services.enquiry.declaration import ENQUIRY
from casework.services.free_school_meals.declaration import FREE_SCHOOL_MEALS

SERVICES = (
    FREE_SCHOOL_MEALS,
    ENQUIRY,
)
