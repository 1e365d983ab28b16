"""The services the portal offers: one folder each, and these lists.

The catalogue (``casework.catalogue``) is built from ``SERVICES``; every channel reads it.
To add a service, add its folder and one line here (docs/adding-a-service.md).
``RULE_CHECKS`` are the rule checks services publish (``casework.rule_checks``), served
even before a service's applications are online.
"""

from casework.services.child_employment.checks import HOURS_CHECK
from casework.services.enquiry.declaration import ENQUIRY
from casework.services.free_school_meals.declaration import FREE_SCHOOL_MEALS
from casework.services.performance_licences.checks import LICENCE_NEEDED_CHECK, SCHEDULE_CHECK

SERVICES = (
    FREE_SCHOOL_MEALS,
    ENQUIRY,
)

RULE_CHECKS: tuple = (HOURS_CHECK, SCHEDULE_CHECK, LICENCE_NEEDED_CHECK)
