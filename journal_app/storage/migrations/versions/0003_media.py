"""photos and short videos of a child's day (issue 19)

Revision ID: 0003_media
Revises: 0002_milestone_status
Create Date: 2026-12-03 07:00:00

One row per photo or video on a child's day. The file itself lives in the journal folder's
``media/`` subfolder under its SHA-256 (``media/<sha[:2]>/<sha>.<ext>``), so ``sha256`` is
indexed but not unique: the same file may sit on two days. The day is ``child_id`` + ``day``
(no link to ``journal_day``): a day without notes may carry media. Removing one deletes the row;
its undo puts it back with the same UUID (as deleting a day is undone), and the file is swept
at the next opening when no row refers to it any more.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_media"
down_revision = "0002_milestone_status"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("original_name", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("taken_source", sa.String(length=8), nullable=True),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_media_child_id_child"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media")),
        sa.UniqueConstraint("uuid", name=op.f("uq_media_uuid")),
    )
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.create_index("ix_media_child_day", ["child_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_media_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    # Version 0002 has no media: the records go (the files stay in media/ until removed by hand).
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_sha256"))
        batch_op.drop_index("ix_media_child_day")
    op.drop_table("media")
