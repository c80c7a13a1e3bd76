"""User interface."""
