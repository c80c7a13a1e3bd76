"""Data the app ships: tips and guidance, reference figures, icons (the repository's resources/ folder)."""
