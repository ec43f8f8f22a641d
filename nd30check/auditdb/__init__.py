"""Audit history in a database: every run and every file's result, trends over months.

``nd30check audit FOLDER --db URL`` records a run; ``nd30check audit --db URL --report``
reads the figures back. SQLite (standard library) or PostgreSQL (psycopg 3, the ``[audit]``
extra), through plain SQL: about fifteen statements whose only dialect differences (the
identity column, the binary type, the parameter marker, locks) fit in one small class
(:mod:`.db`), so neither SQLAlchemy nor Alembic earns its weight here. The schema carries its
own version (:mod:`.schema`).

Layers: :mod:`.adapter` is the only module that knows result objects (``FileResult``) and
the batch; :mod:`.record` streams a run into the database; :mod:`.figures` and
:mod:`.report` read it back; :mod:`.html` draws the trend chart as inline SVG.
"""

from .db import AuditDbError, Database, default_sqlite_path, open_database

__all__ = ["AuditDbError", "Database", "default_sqlite_path", "open_database"]
