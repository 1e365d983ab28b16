"""The services the portal offers: one folder each, and these lists.

The catalogue (``casework.catalogue``) is built from ``SERVICES``; every channel reads it.
To add a service, add its folder and one line here (docs/adding-a-service.md).
``RULE_CHECKS`` are the rule checks services publish (``casework.rule_checks``), served
even before a service's applications are online.
"""

from casework.services.bopa.declaration import BOPA
from casework.services.chaperones.declaration import CHAPERONES
from casework.services.child_employment.checks import HOURS_CHECK
from casework.services.child_employment.declaration import CHILD_EMPLOYMENT
from casework.services.enquiry.declaration import ENQUIRY
from casework.services.free_school_meals.declaration import FREE_SCHOOL_MEALS
from casework.services.illegal_employment.declaration import ILLEGAL_EMPLOYMENT
from casework.services.performance_inspections.declaration import PERFORMANCE_INSPECTIONS
from casework.services.performance_licences.checks import LICENCE_NEEDED_CHECK, SCHEDULE_CHECK
from casework.services.performance_licences.declaration import PERFORMANCE_LICENCES

SERVICES = (
    FREE_SCHOOL_MEALS,
    ENQUIRY,
    ILLEGAL_EMPLOYMENT,
    PERFORMANCE_INSPECTIONS,
    CHILD_EMPLOYMENT,
    CHAPERONES,
    PERFORMANCE_LICENCES,
    BOPA,
)

RULE_CHECKS: tuple = (HOURS_CHECK, SCHEDULE_CHECK, LICENCE_NEEDED_CHECK)
