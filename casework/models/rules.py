"""Versioned rule data: thresholds and rates with the date they take effect."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, JSONType, UTCDateTime, utcnow


class RuleVersion(Base):
    __tablename__ = "rule_versions"
    __table_args__ = (UniqueConstraint("rule_key", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_key: Mapped[str] = mapped_column(String(100))
    effective_from: Mapped[date] = mapped_column(Date)
    value: Mapped[Any] = mapped_column(JSONType)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
