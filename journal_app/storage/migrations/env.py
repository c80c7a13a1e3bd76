"""Alembic environment: migrations always run on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from journal_app.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app always passes its own connection
    raise RuntimeError("Crawl Journal migrations run from the app, on its own connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
