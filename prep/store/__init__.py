"""Progress on disk: SQLAlchemy models over SQLite, migrated by Alembic."""
