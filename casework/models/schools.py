"""The council's list of schools, which forms offer as choices."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(String(10), unique=True)  # DfE unique reference number
    name: Mapped[str] = mapped_column(String(200))
    phase: Mapped[str] = mapped_column(String(40))  # "primary", "secondary", "all-through"
    email: Mapped[str | None] = mapped_column(String(320))
    open: Mapped[bool] = mapped_column(Boolean, default=True)
