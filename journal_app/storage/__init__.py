"""Storage: the SQLite journal file through SQLAlchemy, its migrations, backups and checks."""
