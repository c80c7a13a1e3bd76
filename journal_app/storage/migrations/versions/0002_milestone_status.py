"""milestones reached on a day not known, and milestones the parent said are not reached

Revision ID: 0002_milestone_status
Revises: 0001_initial
Create Date: 2026-12-02 17:30:00

``milestone.achieved_on`` may be NULL (reached, date not known; or not reached) and the new
``milestone.status`` says which: "reached" (every existing row) or "not_reached".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_milestone_status"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="reached", nullable=False)
        )
        batch_op.alter_column("achieved_on", existing_type=sa.Date(), nullable=True)


def downgrade() -> None:
    # Version 0001 can hold only dated, reached milestones: the parent's other answers go.
    op.execute("DELETE FROM milestone WHERE achieved_on IS NULL OR status != 'reached'")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.alter_column("achieved_on", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("status")
