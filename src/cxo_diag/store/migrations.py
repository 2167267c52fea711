"""Schema migrations: an ordered list of steps, applied in one transaction on open.

Step *n* takes a store from version *n - 1* to *n*. A new store runs every step from 0, so
there is one way to build a schema, and an old store follows the same path. Steps are
frozen once released: they define the tables they create themselves instead of using
``schema.py``, whose shape moves on. Only portable DDL is used (CREATE TABLE through Core,
``ALTER TABLE ... ADD COLUMN``), so the same steps run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    insert,
    inspect,
    text,
)

from cxo_diag.errors import StoreError
from cxo_diag.store import schema
from cxo_diag.store.recognition import APPLICATION_ID

Migration = Callable[[Connection], None]


def _create_v1(connection: Connection) -> None:
    """Version 1: engagements, rounds, respondents, answers and notes."""
    v1 = MetaData()
    Table("schema_version", v1, Column("version", Integer, nullable=False))
    Table(
        "engagements",
        v1,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(200), nullable=False, unique=True),
        Column("organisation", String(200), nullable=True),
        Column("bank_id", String(64), nullable=False),
        Column("bank_version", String(32), nullable=False),
        Column("bank_hash", String(80), nullable=False),
        Column("bank_snapshot", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "rounds",
        v1,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "engagement_id",
            Integer,
            ForeignKey("engagements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("number", Integer, nullable=False),
        Column("started_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("engagement_id", "number", name="uq_rounds_engagement_number"),
    )
    Table(
        "respondents",
        v1,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
        Column("name", String(200), nullable=False),
        Column("role", String(64), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("round_id", "name", name="uq_respondents_round_name"),
    )
    Table(
        "answers",
        v1,
        Column(
            "respondent_id",
            Integer,
            ForeignKey("respondents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("question_id", String(64), primary_key=True),
        Column("kind", String(16), nullable=False),
        Column("value", Integer, nullable=True),
        Column("answered_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "notes",
        v1,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "respondent_id",
            Integer,
            ForeignKey("respondents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("question_id", String(64), nullable=False),
        Column("text", Text, nullable=False),
        Column("written_at", DateTime(timezone=True), nullable=False),
    )
    v1.create_all(connection)


def _add_timings_v2(connection: Connection) -> None:
    """Version 2: time spent per answer (for answer-quality checks), and when a respondent
    finished (so completion survives a skipped question)."""
    dialect = connection.dialect
    seconds_type = Float().compile(dialect=dialect)
    stamp_type = DateTime(timezone=True).compile(dialect=dialect)
    connection.execute(text(f"ALTER TABLE answers ADD COLUMN seconds {seconds_type}"))
    connection.execute(text(f"ALTER TABLE respondents ADD COLUMN finished_at {stamp_type}"))


def _add_leases_v3(connection: Connection) -> None:
    """Version 3: which interview session holds each respondent (one at a time)."""
    v3 = MetaData()
    Table("respondents", v3, Column("id", Integer, primary_key=True))
    Table(
        "leases",
        v3,
        Column(
            "respondent_id",
            Integer,
            ForeignKey("respondents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("token", String(64), nullable=False),
        Column("user_name", String(60), nullable=False),
        Column("host", String(120), nullable=False),
        Column("pid", Integer, nullable=False),
        Column("taken_at", DateTime(timezone=True), nullable=False),
        Column("seen_at", DateTime(timezone=True), nullable=False),
    )
    v3.tables["leases"].create(connection)


def _mark_v4(connection: Connection) -> None:
    """Version 4: what says "this is a cxo-diag store" before anything else is read
    (recognition.py): a marker table on both backends, and SQLite's application id."""
    v4 = MetaData()
    Table("cxo_diag_store", v4, Column("application", String(32), nullable=False))
    v4.create_all(connection)
    connection.execute(insert(v4.tables["cxo_diag_store"]).values(application="cxo-diag"))
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _summaries_v5(connection: Connection) -> None:
    """Version 5: what listing and norms read instead of re-reading every engagement.

    ``banks`` is filled here from the bank copies already stored (one parse per distinct
    bank); ``round_summaries`` starts empty and the application fills it the first time a
    command needs it (scoring is not the store's business), then keeps it current.
    """
    v5 = MetaData()
    Table(
        "banks",
        v5,
        Column("hash", String(80), primary_key=True),
        Column("bank_id", String(64), nullable=False),
        Column("version", String(32), nullable=False),
        Column("title", Text, nullable=False),
        Column("questions", Text, nullable=False),
    )
    Table("rounds", v5, Column("id", Integer, primary_key=True))
    Table(
        "round_summaries",
        v5,
        Column(
            "round_id",
            Integer,
            ForeignKey("rounds.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("bank_hash", String(80), nullable=False),
        Column("scoring_version", String(32), nullable=False),
        Column("respondents", Integer, nullable=False),
        Column("simulated", Integer, nullable=False),
        Column("fingerprint", String(80), nullable=False),
    )
    Table(
        "round_scores",
        v5,
        Column(
            "round_id",
            Integer,
            ForeignKey("round_summaries.round_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("dimension", String(64), primary_key=True),
        Column("role", String(64), primary_key=True),
        Column("score", Float, nullable=False),
    )
    for name in ("banks", "round_summaries", "round_scores"):
        v5.tables[name].create(connection)
    connection.execute(
        text(
            "CREATE INDEX ix_round_scores_covering ON round_scores "
            "(round_id, dimension, role, score)"
        )
    )
    connection.execute(text("CREATE INDEX ix_engagements_created ON engagements (created_at)"))
    connection.execute(
        text(
            "CREATE INDEX ix_engagements_bank ON engagements "
            "(bank_hash, bank_id, bank_version, created_at, name)"
        )
    )
    from cxo_diag.store import banks

    banks.fill_from_snapshots(connection)


def _add_open_answers_v6(connection: Connection) -> None:
    """Version 6: answers to open questions, in the respondent's own words. Append-only: a
    rewritten answer is a new row, so nothing typed is ever overwritten."""
    v6 = MetaData()
    Table("respondents", v6, Column("id", Integer, primary_key=True))
    Table(
        "open_answers",
        v6,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "respondent_id",
            Integer,
            ForeignKey("respondents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("question_id", String(64), nullable=False),
        Column("text", Text, nullable=False),
        Column("written_at", DateTime(timezone=True), nullable=False),
    )
    v6.tables["open_answers"].create(connection)


MIGRATIONS: list[Migration] = [
    _create_v1,
    _add_timings_v2,
    _add_leases_v3,
    _mark_v4,
    _summaries_v5,
    _add_open_answers_v6,
]
"""MIGRATIONS[n - 1] takes a store from version n - 1 to version n."""


def stored_version(connection: Connection, where: str) -> int:
    """The schema version of the store behind ``connection``; 0 for an empty database."""
    if not inspect(connection).has_table("schema_version"):
        return 0
    found = connection.exec_driver_sql("SELECT version FROM schema_version").all()
    if not found:
        return 0
    version = found[0][0]
    if len(found) > 1 or isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise StoreError(
            "is not a cxo-diag store or a damaged one: its schema_version is not a version number",
            where=where,
        )
    return version


def check_not_newer(version: int, where: str) -> None:
    if version > schema.SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this cxo-diag understands "
            f"({schema.SCHEMA_VERSION}); upgrade cxo-diag",
            where=where,
        )


def migrate(connection: Connection, where: str) -> int:
    """Bring the store up to date inside the caller's (write) transaction.

    Returns the version found before migrating. The caller holds the write lock, so two
    processes opening an old store at once migrate it once.
    """
    found = stored_version(connection, where)
    check_not_newer(found, where)
    for step in MIGRATIONS[found:]:
        step(connection)
    if found != schema.SCHEMA_VERSION:
        connection.execute(delete(schema.schema_version))
        connection.execute(insert(schema.schema_version).values(version=schema.SCHEMA_VERSION))
    return found
