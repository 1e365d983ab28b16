"""The published list of occupations: each code, its name, and who may do it.

Three kinds of entry, all from the model byelaws most councils adopt (RULES.md §4):

- light work a 13-year-old may do (the byelaws' list), so ``allowed_from_age`` 13;
- other work a child may do from 14, the minimum age for anything not on that list;
- work no child may do at any age (``prohibited``), whatever their age or hours.

Byelaws differ between councils, so the list is versioned rule data
(``child_employment.occupations``, see ``rules``): this module holds the default version,
and a council that adds or withdraws an occupation adds a version rather than editing code.
Codes are stable: a permit records the code, and a withdrawn code keeps its meaning.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

LIGHT_WORK = "light work"
PERMITTED = "permitted"
PROHIBITED = "prohibited"


@dataclass(frozen=True)
class Occupation:
    code: str
    name: str
    # A plain-words group for a long select list ("Shops", "Cafés, restaurants and hotels").
    category: str
    # The youngest age that may do it; None for prohibited work.
    allowed_from_age: int | None
    prohibited: bool = False
    note: str = ""

    @property
    def kind(self) -> str:
        if self.prohibited:
            return PROHIBITED
        return LIGHT_WORK if (self.allowed_from_age or 99) <= 13 else PERMITTED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, item: dict[str, Any]) -> Occupation:
        return cls(
            code=str(item["code"]),
            name=str(item["name"]),
            category=str(item.get("category", "")),
            allowed_from_age=item.get("allowed_from_age"),
            prohibited=bool(item.get("prohibited", False)),
            note=str(item.get("note", "")),
        )


def _light(code: str, name: str, category: str, note: str = "") -> Occupation:
    return Occupation(code, name, category, allowed_from_age=13, note=note)


def _from_14(code: str, name: str, category: str, note: str = "") -> Occupation:
    return Occupation(code, name, category, allowed_from_age=14, note=note)


def _never(code: str, name: str, category: str, note: str = "") -> Occupation:
    return Occupation(code, name, category, allowed_from_age=None, prohibited=True, note=note)


OCCUPATIONS: tuple[Occupation, ...] = (
    # Light work: the only work a 13-year-old may do (model byelaws, para 3).
    _light(
        "agriculture_with_parent",
        "Farm or horticultural work, supervised by a parent",
        "Farming and gardening",
        "At 13, only under the supervision of the child's parent or carer.",
    ),
    _light(
        "newspaper_delivery",
        "Delivering newspapers, magazines and leaflets",
        "Delivery",
        "Includes collecting payment for them.",
    ),
    _light("shop_work", "Shop work, including stacking shelves", "Shops"),
    _light("hairdressing", "Work in a hairdressing salon", "Hair and beauty"),
    _light("office_work", "Office work", "Offices"),
    _light(
        "car_washing_private",
        "Washing cars by hand at a private home",
        "Cars",
        "Not at a commercial car wash.",
    ),
    _light(
        "cafe_restaurant",
        "Work in a café or restaurant (not in the kitchen)",
        "Cafés, restaurants and hotels",
        "Working in a commercial kitchen is prohibited at any age.",
    ),
    _light("riding_stables", "Work in riding stables", "Animals"),
    _light(
        "hotel_domestic",
        "Domestic work in a hotel or other place offering accommodation",
        "Cafés, restaurants and hotels",
        "For example, housekeeping.",
    ),
    # Other work a child may do from 14: any light work not prohibited below.
    _from_14(
        "agriculture",
        "Farm or horticultural work",
        "Farming and gardening",
        "Without a parent's supervision; from 14 only.",
    ),
    _from_14("retail", "Retail work, such as serving customers or working a till", "Shops"),
    _from_14(
        "waiting_staff",
        "Waiting at tables or serving customers in a café, restaurant or hotel",
        "Cafés, restaurants and hotels",
        "Not serving alcohol, and not in the kitchen.",
    ),
    _from_14("gardening", "Gardening at private homes", "Farming and gardening"),
    _from_14("cleaning", "Cleaning in offices, shops or homes", "Cleaning"),
    _from_14("pet_care", "Dog walking and pet care", "Animals"),
    _from_14(
        "sports_leisure",
        "Helping at a sports or leisure centre (not at a bar)",
        "Sport and leisure",
    ),
    _from_14(
        "other_light_work",
        "Other light work not on the prohibited list",
        "Other",
        "Work that is not likely to harm the child's safety, health, development or "
        "schooling; the council decides when it considers the permit.",
    ),
    # Prohibited at any age (model byelaws, para 4).
    _never(
        "cinema_theatre",
        "Work in a cinema or theatre",
        "Entertainment and leisure",
        "Except in connection with a performance given entirely by children.",
    ),
    _never(
        "disco_nightclub",
        "Work in a disco, dance hall or nightclub",
        "Entertainment and leisure",
        "Except in connection with a performance given entirely by children.",
    ),
    _never(
        "alcohol_sales",
        "Selling or delivering alcohol, except in sealed containers",
        "Shops",
    ),
    _never("milk_delivery", "Delivering milk", "Delivery"),
    _never("fuel_delivery", "Delivering fuel oils", "Delivery"),
    _never("commercial_kitchen", "Work in a commercial kitchen", "Cafés, restaurants and hotels"),
    _never("refuse", "Collecting or sorting refuse", "Industrial and hazardous work"),
    _never(
        "work_at_height",
        "Work more than 3 metres above the ground, or above the floor indoors",
        "Industrial and hazardous work",
    ),
    _never(
        "harmful_agents",
        "Work with harmful exposure to physical, biological or chemical agents",
        "Industrial and hazardous work",
    ),
    _never(
        "industrial",
        "Work in an industrial undertaking, such as a factory, building site or mine",
        "Industrial and hazardous work",
        "Employment of Women, Young Persons and Children Act 1920, section 1.",
    ),
    _never(
        "door_to_door",
        "Selling, canvassing or collecting money door to door, without an adult supervising",
        "Sales",
    ),
    _never("telephone_sales", "Telephone sales", "Sales"),
    _never(
        "adult_material",
        "Work involving adult material, or where children may not be for that reason",
        "Entertainment and leisure",
    ),
    _never(
        "slaughterhouse_butchery",
        "Work in a slaughterhouse, or in butchery or preparing meat for sale",
        "Industrial and hazardous work",
    ),
    _never(
        "fairground_arcade",
        "Work in a fairground or amusement arcade",
        "Entertainment and leisure",
        "Or any premises used for public amusement by automatic machines or games of chance "
        "or skill.",
    ),
    _never(
        "bingo_billiards_club",
        "Work in a bingo hall, billiard or snooker hall, or club",
        "Entertainment and leisure",
    ),
    _never(
        "care_home_personal_care",
        "Personal care of care home or nursing home residents, without a responsible adult "
        "supervising",
        "Care",
    ),
)


def default_value() -> list[dict[str, Any]]:
    """The default version's value: the list as rule data stores it."""
    return [occupation.as_dict() for occupation in OCCUPATIONS]


def by_code(value: list[dict[str, Any]]) -> dict[str, Occupation]:
    """A version's list, by code."""
    return {item["code"]: Occupation.from_dict(item) for item in value}
