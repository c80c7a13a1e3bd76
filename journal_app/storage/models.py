"""SQLAlchemy ORM models of the journal file. Every row has a stable UUID and created/updated times."""

from __future__ import annotations

import uuid as uuid_module
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from journal_app.storage.clock import utc_now as utc_now  # re-exported

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Tracked:
    """Columns every table has: a UUID that never changes and created/updated times (UTC)."""

    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class ChildRow(Tracked, Base):
    __tablename__ = "child"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    days: Mapped[list[DayRow]] = relationship(
        back_populates="child", cascade="all, delete-orphan", passive_deletes=True
    )
    milestones: Mapped[list[MilestoneRow]] = relationship(
        back_populates="child", cascade="all, delete-orphan", passive_deletes=True
    )


class DayRow(Tracked, Base):
    __tablename__ = "journal_day"
    __table_args__ = (UniqueConstraint("child_id", "day", name="uq_journal_day_child_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    tummy_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    floor_surface: Mapped[str | None] = mapped_column(String(32), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    notes_in_summary: Mapped[bool] = mapped_column(Boolean, default=False)

    child: Mapped[ChildRow] = relationship(back_populates="days")
    movements: Mapped[list[MovementRow]] = relationship(
        back_populates="journal_day", cascade="all, delete-orphan", passive_deletes=True
    )
    warning_signs: Mapped[list[WarningSignRow]] = relationship(
        back_populates="journal_day", cascade="all, delete-orphan", passive_deletes=True
    )


class MovementRow(Tracked, Base):
    __tablename__ = "movement_observation"
    __table_args__ = (
        UniqueConstraint("day_id", "style", name="uq_movement_observation_day_style"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day_id: Mapped[int] = mapped_column(
        ForeignKey("journal_day.id", ondelete="CASCADE"), index=True
    )
    style: Mapped[str] = mapped_column(String(32))
    episodes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)

    journal_day: Mapped[DayRow] = relationship(back_populates="movements")


class MilestoneRow(Tracked, Base):
    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("child_id", "kind", name="uq_milestone_child_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    #: The day it was reached; None when the parent said it was reached on a day not known, or
    #: that it is not reached yet (``status``).
    achieved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: "reached" (a journal tick, or the parent's answer when the child was added) or
    #: "not_reached" (the parent said the child cannot do it yet; ``achieved_on`` is None).
    status: Mapped[str] = mapped_column(String(16), default="reached", server_default="reached")

    child: Mapped[ChildRow] = relationship(back_populates="milestones")


class WarningSignRow(Tracked, Base):
    __tablename__ = "warning_sign"
    __table_args__ = (UniqueConstraint("day_id", "sign", name="uq_warning_sign_day_sign"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day_id: Mapped[int] = mapped_column(
        ForeignKey("journal_day.id", ondelete="CASCADE"), index=True
    )
    sign: Mapped[str] = mapped_column(String(48))
    side: Mapped[str | None] = mapped_column(String(8), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    journal_day: Mapped[DayRow] = relationship(back_populates="warning_signs")


class TipTriedRow(Tracked, Base):
    __tablename__ = "tip_tried"
    __table_args__ = (UniqueConstraint("child_id", "tip_id", name="uq_tip_tried_child_tip"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    tip_id: Mapped[str] = mapped_column(String(64))
    tried_on: Mapped[date] = mapped_column(Date)


class SummaryMadeRow(Tracked, Base):
    """A doctor summary that was made, so the next one can start where this one ended."""

    __tablename__ = "summary_made"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id", ondelete="CASCADE"), index=True)
    made_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)


# -- sharing through a synced folder (docs/sharing-format.md, "Wiring into the journal") ---------


class ShareSettingsRow(Base):
    """One row while sharing is on: the folder, this computer's device id and name, its clock."""

    __tablename__ = "share_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    folder: Mapped[str] = mapped_column(Text)
    device: Mapped[str] = mapped_column(String(32))
    device_name: Mapped[str] = mapped_column(String(100))
    hlc_wall_ms: Mapped[int] = mapped_column(Integer, default=0)
    hlc_counter: Mapped[int] = mapped_column(Integer, default=0)
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    last_round_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_round_status: Mapped[str] = mapped_column(String(32), default="")
    #: Set by a restore: rejoin under a new device id before the next round.
    rejoin: Mapped[bool] = mapped_column(Boolean, default=False)


class ShareVersionRow(Base):
    """The change log: every version this computer holds (its own and those read); a tombstone
    has ``record_json`` NULL. Own versions with ``seq`` = ``next_seq`` are not written yet."""

    __tablename__ = "share_version"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    device: Mapped[str] = mapped_column(String(32), primary_key=True)
    hlc_wall_ms: Mapped[int] = mapped_column(Integer, primary_key=True)
    hlc_counter: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    record_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted: Mapped[str | None] = mapped_column(String(40), nullable=True)
    seen_json: Mapped[str] = mapped_column(Text, default="{}")


class ShareCursorRow(Base):
    """For each other computer, the number up to which every change file is applied here."""

    __tablename__ = "share_cursor"

    device: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class ShareDeviceRow(Base):
    """The other computers' names (from their ``device.json``) and "Forget this computer"."""

    __tablename__ = "share_device"

    device: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    forgotten: Mapped[bool] = mapped_column(Boolean, default=False)
    last_change_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ShareConflictRow(Base):
    """A version kept as a conflict ("Also written on Dad's laptop"), refreshed each round."""

    __tablename__ = "share_conflict"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    loser_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    loser_device: Mapped[str] = mapped_column(String(32), primary_key=True)
    loser_wall_ms: Mapped[int] = mapped_column(Integer, primary_key=True)
    loser_counter: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(String(32))
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class ShareAliasRow(Base):
    """A UUID recognised as another record (``Merged.aliases``), refreshed each round: a save of
    the record writes a version under each of its UUIDs."""

    __tablename__ = "share_alias"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    canonical: Mapped[str] = mapped_column(String(36), index=True)
