"""Free school meals questions: one model per page, and the whole application.

The web journey validates each page with its step model; the JSON API, the assistant and
the officers' assisted-digital form validate the whole ``Application``. Both use the same
validators, so every channel gives the same message for the same mistake.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from casework import fields as f
from casework.catalogue import CONTACT_PREFERENCES
from casework.fields import FormModel

MAX_CHILDREN = 10


class ParentName(FormModel):
    first_name: str = ""
    last_name: str = ""

    @field_validator("first_name", mode="before")
    @classmethod
    def _first_name(cls, value: Any) -> str:
        return f.person_name(value, missing="Enter your first name", label="First name")

    @field_validator("last_name", mode="before")
    @classmethod
    def _last_name(cls, value: Any) -> str:
        return f.person_name(value, missing="Enter your last name", label="Last name")


class ParentDateOfBirth(FormModel):
    date_of_birth: date | None = None

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date_of_birth(cls, value: Any) -> date:
        born = f.date_value(value, missing="Enter your date of birth", label="Date of birth")
        if born > date.today() - timedelta(days=365 * 14):
            raise f.fail("You must be 14 or older to apply")
        if born.year < 1900:
            raise f.fail("Date of birth must be after 1 January 1900")
        return born


class ParentIdentifier(FormModel):
    """Exactly one of a National Insurance number or an asylum support (NASS) number."""

    identifier_type: str = ""
    national_insurance_number: str = ""
    nass_number: str = ""

    @model_validator(mode="before")
    @classmethod
    def _infer_type(cls, data: Any) -> Any:
        # The API and the assistant may send just the number they have, without the choice.
        if isinstance(data, dict) and not f.clean_text(data.get("identifier_type")):
            nino = f.clean_text(data.get("national_insurance_number"))
            nass = f.clean_text(data.get("nass_number"))
            inferred = "both" if nino and nass else "nass" if nass else "nino" if nino else ""
            data = {**data, "identifier_type": inferred}
        return data

    @field_validator("identifier_type", mode="before")
    @classmethod
    def _identifier_type(cls, value: Any) -> str:
        value = f.clean_text(value)
        if value == "both":
            raise f.fail(
                "Enter a National Insurance number or an asylum support reference number, not both"
            )
        if value not in {"nino", "nass"}:
            raise f.fail("Select whether you have a National Insurance number")
        return value

    @field_validator("national_insurance_number", mode="before")
    @classmethod
    def _nino(cls, value: Any, info: ValidationInfo) -> str:
        return (
            f.national_insurance_number(value) if info.data.get("identifier_type") == "nino" else ""
        )

    @field_validator("nass_number", mode="before")
    @classmethod
    def _nass(cls, value: Any, info: ValidationInfo) -> str:
        return f.nass_number(value) if info.data.get("identifier_type") == "nass" else ""


class Address(FormModel):
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""

    @field_validator("address_line_1", mode="before")
    @classmethod
    def _line_1(cls, value: Any) -> str:
        return f.text(
            value,
            missing="Enter address line 1, typically the building and street",
            label="Address line 1",
        )

    @field_validator("address_line_2", mode="before")
    @classmethod
    def _line_2(cls, value: Any) -> str:
        return f.optional_text(value, label="Address line 2")

    @field_validator("town", mode="before")
    @classmethod
    def _town(cls, value: Any) -> str:
        return f.text(value, missing="Enter town or city", label="Town or city", max_length=60)

    @field_validator("postcode", mode="before")
    @classmethod
    def _postcode(cls, value: Any) -> str:
        return f.postcode(value)


class ContactDetails(FormModel):
    # The preference comes first and mobile before email so each check can see what came
    # before it: one of the two is needed unless the person asked for letters.
    contact_preference: str = ""
    mobile: str = ""
    email: str = ""

    @field_validator("contact_preference", mode="before")
    @classmethod
    def _preference(cls, value: Any) -> str:
        value = f.clean_text(value)
        if value and value not in CONTACT_PREFERENCES:
            raise f.fail("Select how we should contact you")
        return value

    @field_validator("mobile", mode="before")
    @classmethod
    def _mobile(cls, value: Any, info: ValidationInfo) -> str:
        if f.clean_text(value):
            return f.uk_mobile(value)
        if info.data.get("contact_preference") in ("sms", "both"):
            raise f.fail("Enter a mobile number, or choose another way for us to contact you")
        return ""

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any, info: ValidationInfo) -> str:
        if f.clean_text(value):
            return f.email_address(value)
        preference = info.data.get("contact_preference")
        if preference in ("email", "both"):
            raise f.fail("Enter an email address, or choose another way for us to contact you")
        if preference != "post" and "mobile" in info.data and not info.data["mobile"]:
            raise f.fail(
                "Enter an email address or a mobile number, so we can tell you the outcome"
            )
        return ""


class Child(FormModel):
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    school_urn: str = ""

    @field_validator("first_name", mode="before")
    @classmethod
    def _first_name(cls, value: Any) -> str:
        return f.person_name(value, missing="Enter the child's first name", label="First name")

    @field_validator("last_name", mode="before")
    @classmethod
    def _last_name(cls, value: Any) -> str:
        return f.person_name(value, missing="Enter the child's last name", label="Last name")

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _date_of_birth(cls, value: Any) -> date:
        born = f.date_value(value, missing="Enter the child's date of birth", label="Date of birth")
        age_years = (date.today() - born).days / 365.25
        if age_years < 2 or age_years > 20:
            raise f.fail("Date of birth must be for a child aged between 2 and 19")
        return born

    @field_validator("school_urn", mode="before")
    @classmethod
    def _school(cls, value: Any, info: ValidationInfo) -> str:
        value = f.clean_text(value)
        if not value:
            raise f.fail("Select the child's school")
        known = (info.context or {}).get("school_urns")
        if known is None:
            raise RuntimeError("Validate children with the council's school list as context")
        if value not in known:
            raise f.fail("Select a school from the list")
        return value


class Consent(FormModel):
    consent: bool = False

    @field_validator("consent", mode="before")
    @classmethod
    def _consent(cls, value: Any) -> bool:
        if value in (True, "true", "yes", "on", "1", 1):
            return True
        raise f.fail("Confirm that you agree to us checking your eligibility")


class Application(
    ParentName, ParentDateOfBirth, ParentIdentifier, Address, ContactDetails, Consent
):
    """A whole free school meals application, as the API, assistant and officers send it."""

    children: list[Child] = Field(default_factory=list)

    @field_validator("children", mode="after")
    @classmethod
    def _children(cls, value: list[Child]) -> list[Child]:
        if not value:
            raise f.fail("Add at least one child")
        if len(value) > MAX_CHILDREN:
            raise f.fail(f"You can add up to {MAX_CHILDREN} children on one application")
        return value


def as_answers(application: Application) -> dict[str, Any]:
    """The JSON-safe answers stored on a case."""
    return application.model_dump(mode="json")


class _Surname(FormModel):
    last_name: str = ""

    @field_validator("last_name", mode="before")
    @classmethod
    def _last_name(cls, value: Any) -> str:
        return f.person_name(value, missing="Enter your last name", label="Last name")


# The API and the assistant ask this; it reuses the application's validators, so a mistake
# gets the same message as on the web form. The last base's fields come first, so errors
# read surname, date of birth, number.
class EligibilityQuestion(ParentIdentifier, ParentDateOfBirth, _Surname):
    """What the free school meals check needs: a surname, a date of birth, and exactly one of
    a National Insurance number or an asylum support (NASS) reference number."""
