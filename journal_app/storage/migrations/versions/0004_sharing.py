"""sharing a journal through a synced folder: the change log and its bookkeeping

Revision ID: 0004_sharing
Revises: 0002_milestone_status
Create Date: 2026-12-03 07:00:00

New tables only (docs/sharing-format.md, "Wiring into the journal"); nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_sharing"
down_revision = "0002_milestone_status"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "share_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.Text(), nullable=False),
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("device_name", sa.String(length=100), nullable=False),
        sa.Column("hlc_wall_ms", sa.Integer(), nullable=False),
        sa.Column("hlc_counter", sa.Integer(), nullable=False),
        sa.Column("next_seq", sa.Integer(), nullable=False),
        sa.Column("last_round_at", sa.DateTime(), nullable=True),
        sa.Column("last_round_status", sa.String(length=32), nullable=False),
        sa.Column("rejoin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_settings")),
    )
    op.create_table(
        "share_version",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("hlc_wall_ms", sa.Integer(), nullable=False),
        sa.Column("hlc_counter", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=True),
        sa.Column("deleted", sa.String(length=40), nullable=True),
        sa.Column("seen_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kind", "uuid", "device", "hlc_wall_ms", "hlc_counter", name=op.f("pk_share_version")
        ),
    )
    with op.batch_alter_table("share_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_version_seq"), ["seq"], unique=False)
    op.create_table(
        "share_cursor",
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device", name=op.f("pk_share_cursor")),
    )
    op.create_table(
        "share_device",
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("forgotten", sa.Boolean(), nullable=False),
        sa.Column("last_change_ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("device", name=op.f("pk_share_device")),
    )
    op.create_table(
        "share_conflict",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("loser_uuid", sa.String(length=36), nullable=False),
        sa.Column("loser_device", sa.String(length=32), nullable=False),
        sa.Column("loser_wall_ms", sa.Integer(), nullable=False),
        sa.Column("loser_counter", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kind",
            "uuid",
            "loser_uuid",
            "loser_device",
            "loser_wall_ms",
            "loser_counter",
            name=op.f("pk_share_conflict"),
        ),
    )
    op.create_table(
        "share_alias",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("canonical", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("kind", "uuid", name=op.f("pk_share_alias")),
    )
    with op.batch_alter_table("share_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_alias_canonical"), ["canonical"], unique=False)


def downgrade() -> None:
    for table in (
        "share_alias",
        "share_conflict",
        "share_device",
        "share_cursor",
        "share_version",
        "share_settings",
    ):
        op.drop_table(table)
