"""Plain domain types (no Qt, no SQLAlchemy): movements, milestones, warning signs, ages."""
