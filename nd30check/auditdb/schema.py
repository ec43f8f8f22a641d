"""The schema, versioned: ``schema_version`` holds the versions applied; each migration runs
in one transaction with the version row it adds, so a database is never half migrated.
A database written by a newer nd30check (a higher version) is refused, not altered.

Tables (what an inspector may query directly):

* ``runs``: one row per audit run — when, on which folders (``scope``), status
  (``running`` → ``complete``, or ``failed``/``interrupted``: never complete unless it
  finished), settings, tool version and code fingerprint, rule-pack digest, counts.
* ``documents``: a file path (absolute), once.
* ``results``: one checked content (SHA-256 of the bytes) under one set of settings: verdicts,
  facts, the issuing unit, a valid agency signature or not, and the full result (compressed
  JSON). Shared by every run that saw the same bytes with the same settings — a run over
  unchanged files adds no result.
* ``findings`` and ``failures``: a result's findings, and the rules it fails (for SQL).
* ``observations``: run × document → result, with ``change`` (``new``/``changed``/``unchanged``),
  the unit (an appendix counts under its main document's unit), the overall verdict with
  the batch rules (BUNDLE-ORPHAN), the month of issue.
* ``run_figures``, ``run_defects``, ``run_findings``: the figures per unit and month of
  issue, the most frequent failing rules, and the AUDIT-* findings, fixed when the run
  completes (in the same transaction): reports read these.
"""

from __future__ import annotations

from datetime import datetime, timezone

from .. import __version__
from .db import AuditDbError, Database

SCHEMA_VERSION = 1


def _v1(db: Database) -> list[str]:
    """Version 1 of the schema. Kept whole: one list of DDL statements, read as a table
    definition, not as code."""
    ID, BLOB = db.id_column, db.blob
    return [
        f"""CREATE TABLE runs (
            id {ID},
            scope_key TEXT NOT NULL,
            scope TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            host TEXT,
            pid INTEGER,
            tool_version TEXT NOT NULL,
            code_fingerprint TEXT NOT NULL,
            rulepack_digest TEXT NOT NULL,
            settings_key TEXT NOT NULL,
            settings TEXT NOT NULL,
            files INTEGER,
            new_files INTEGER,
            changed_files INTEGER,
            unchanged_files INTEGER,
            removed_files INTEGER,
            checked_files INTEGER,
            reused_files INTEGER,
            skipped INTEGER,
            exit_code INTEGER,
            error TEXT)""",
        "CREATE INDEX runs_scope ON runs (scope_key, status, id)",
        f"CREATE TABLE documents (id {ID}, path TEXT NOT NULL UNIQUE)",
        f"""CREATE TABLE results (
            id {ID},
            content_hash TEXT NOT NULL,
            settings_key TEXT NOT NULL,
            result_hash TEXT NOT NULL,
            now_fixed TEXT,
            checked_on TEXT NOT NULL,
            time_dependent INTEGER NOT NULL,
            kind TEXT,
            verdict TEXT NOT NULL,
            verdict_format TEXT NOT NULL,
            verdict_signature TEXT NOT NULL,
            error_code TEXT,
            error TEXT,
            worst INTEGER NOT NULL,
            unit_name TEXT NOT NULL,
            doc_type TEXT,
            number_symbol TEXT,
            number_int INTEGER,
            doc_date TEXT,
            agency TEXT,
            appendix_file INTEGER NOT NULL,
            agency_signed INTEGER NOT NULL,
            signatures INTEGER NOT NULL,
            facts TEXT NOT NULL,
            data {BLOB} NOT NULL,
            UNIQUE (content_hash, settings_key, result_hash))""",
        "CREATE INDEX results_lookup ON results (content_hash, settings_key)",
        """CREATE TABLE findings (
            result_id BIGINT NOT NULL REFERENCES results (id),
            seq INTEGER NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            note INTEGER NOT NULL,
            message TEXT NOT NULL,
            page INTEGER,
            paragraph INTEGER,
            expected TEXT,
            actual TEXT,
            PRIMARY KEY (result_id, seq))""",
        """CREATE TABLE failures (
            result_id BIGINT NOT NULL REFERENCES results (id),
            rule TEXT NOT NULL,
            PRIMARY KEY (result_id, rule))""",
        """CREATE TABLE observations (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            document_id BIGINT NOT NULL REFERENCES documents (id),
            result_id BIGINT NOT NULL REFERENCES results (id),
            change TEXT NOT NULL,
            role TEXT NOT NULL,
            unit_key TEXT NOT NULL,
            unit_name TEXT NOT NULL,
            month TEXT,
            appendix_of BIGINT,
            verdict TEXT NOT NULL,
            bundle_status TEXT,
            bundle TEXT,
            worst INTEGER NOT NULL,
            PRIMARY KEY (run_id, document_id))""",
        "CREATE INDEX observations_document ON observations (document_id, run_id)",
        """CREATE TABLE run_figures (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            unit_key TEXT NOT NULL,
            unit_name TEXT NOT NULL,
            month TEXT NOT NULL,
            documents INTEGER NOT NULL,
            appendices INTEGER NOT NULL,
            unreadable INTEGER NOT NULL,
            agency_signed INTEGER NOT NULL,
            appendices_signed INTEGER NOT NULL,
            compliant INTEGER NOT NULL,
            format_compliant INTEGER NOT NULL,
            signature_compliant INTEGER NOT NULL,
            PRIMARY KEY (run_id, unit_key, month))""",
        """CREATE TABLE run_defects (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            unit_key TEXT NOT NULL,
            month TEXT NOT NULL,
            rule TEXT NOT NULL,
            files INTEGER NOT NULL,
            PRIMARY KEY (run_id, unit_key, month, rule))""",
        """CREATE TABLE run_findings (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            seq INTEGER NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            unit TEXT,
            message TEXT NOT NULL,
            files TEXT NOT NULL,
            PRIMARY KEY (run_id, seq))""",
    ]


#: version → statements (as a function of the dialect). Append, never edit a released one.
MIGRATIONS = {1: _v1}


def current_version(db: Database) -> int:
    if db.is_pg:
        row = db.one("SELECT to_regclass('schema_version') IS NOT NULL")
        exists = bool(row and row[0])
    else:
        exists = db.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") is not None
    if not exists:
        return 0
    row = db.one("SELECT MAX(version) FROM schema_version")
    return int(row[0] or 0) if row else 0


def migrate(db: Database) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`; returns the version found before.
    Two processes migrating at once: the second waits for the first's transaction (SQLite's
    write lock; a PostgreSQL advisory lock) and then finds nothing left to do."""
    found = current_version(db)
    if found > SCHEMA_VERSION:
        raise AuditDbError("schema", f"cơ sở dữ liệu {db.display} có lược đồ phiên bản {found}, mới hơn phiên bản "
                           f"{SCHEMA_VERSION} của công cụ này: hãy cập nhật nd30check",
                           f"audit database {db.display} has schema version {found}, newer than this tool's "
                           f"{SCHEMA_VERSION}: upgrade nd30check")
    if found == SCHEMA_VERSION:
        return found
    with db.tx():
        if db.is_pg:
            db.execute("SELECT pg_advisory_xact_lock(3030303030)")
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
                       "tool_version TEXT NOT NULL)")
        else:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
                       "tool_version TEXT NOT NULL)")
        row = db.one("SELECT MAX(version) FROM schema_version")
        have = int(row[0] or 0) if row else 0
        for version in sorted(v for v in MIGRATIONS if v > have):
            for statement in MIGRATIONS[version](db):
                db.execute(statement)
            db.execute("INSERT INTO schema_version (version, applied_at, tool_version) VALUES (?, ?, ?)",
                       (version, datetime.now(timezone.utc).isoformat(timespec="seconds"), __version__))
    return found
