"""The store's tables, as SQLAlchemy Core metadata: the current shape of the schema.

One definition serves SQLite and PostgreSQL. Only portable column types are used; time
stamps go through :class:`UtcDateTime` so that both backends give back aware UTC values.
``migrations.py`` builds this shape step by step; a test checks that both agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator, TypeEngine

SCHEMA_VERSION = 6
"""The version this code writes; a store at a lower version is migrated when opened."""

ANSWERED = "answered"
NOT_APPLICABLE = "n/a"
SKIPPED = "skipped"
ANSWER_KINDS = (ANSWERED, NOT_APPLICABLE, SKIPPED)


class UtcDateTime(TypeDecorator[datetime]):
    """A time stamp stored in UTC and always read back timezone-aware.

    SQLite keeps no time zone, PostgreSQL does: normalising on the way in and out makes
    both backends return the same value. On SQLite the text is parsed here rather than by
    SQLAlchemy's DATETIME, whose parser raises in the middle of a fetch: a value that is
    not a time ('yesterday', '2026-02-31') comes back as it is, for ``rows.checked`` to name
    its table, row and column.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC time")
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None).strftime(SQLITE_TIME_FORMAT)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return value
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


SQLITE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's SQLite DATETIME has always written times (so older stores read alike)."""


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

store_marker = Table(
    "cxo_diag_store",
    metadata,
    # One row, application 'cxo-diag': how recognition.py knows a store on PostgreSQL.
    Column("application", String(32), nullable=False),
)

engagements = Table(
    "engagements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("organisation", String(200), nullable=True),
    Column("bank_id", String(64), nullable=False),
    Column("bank_version", String(32), nullable=False),
    Column("bank_hash", String(80), nullable=False),
    # The bank as it was when the engagement started (JSON), so reports and resumed
    # interviews use exactly that version even after the bank file is edited.
    Column("bank_snapshot", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "engagement_id",
        Integer,
        ForeignKey("engagements.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("number", Integer, nullable=False),
    Column("started_at", UtcDateTime(), nullable=False),
    UniqueConstraint("engagement_id", "number", name="uq_rounds_engagement_number"),
)

respondents = Table(
    "respondents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("finished_at", UtcDateTime(), nullable=True),
    UniqueConstraint("round_id", "name", name="uq_respondents_round_name"),
)

answers = Table(
    "answers",
    metadata,
    Column(
        "respondent_id",
        Integer,
        ForeignKey("respondents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("question_id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("value", Integer, nullable=True),
    Column("seconds", Float, nullable=True),
    Column("answered_at", UtcDateTime(), nullable=False),
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "respondent_id",
        Integer,
        ForeignKey("respondents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("question_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("written_at", UtcDateTime(), nullable=False),
)

leases = Table(
    "leases",
    metadata,
    # One row while an interview session holds the respondent (store/leases.py).
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
    Column("taken_at", UtcDateTime(), nullable=False),
    Column("seen_at", UtcDateTime(), nullable=False),
)

banks = Table(
    "banks",
    metadata,
    # What `engagements` shows of a bank, kept once per content hash when the first
    # engagement on it starts, so that listing never parses a bank copy.
    Column("hash", String(80), primary_key=True),
    Column("bank_id", String(64), nullable=False),
    Column("version", String(32), nullable=False),
    Column("title", Text, nullable=False),
    Column("questions", Text, nullable=False),  # JSON: {role id: questions that role answers}
)

round_summaries = Table(
    "round_summaries",
    metadata,
    # Derived data: each role's dimension scores in one round, as scoring version
    # `scoring_version` computed them. Deleted when an answer of the round changes and
    # recomputed when needed, so `norms` reads one row per engagement instead of re-scoring.
    Column(
        "round_id",
        Integer,
        ForeignKey("rounds.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("bank_hash", String(80), nullable=False),
    Column("scoring_version", String(32), nullable=False),
    Column("respondents", Integer, nullable=False),  # those with an answer on a scale
    Column("simulated", Integer, nullable=False),  # 1: every one of them simulated (pilot)
    Column("fingerprint", String(80), nullable=False),  # who answered what, as a digest
)

round_scores = Table(
    "round_scores",
    metadata,
    # A round summary's scores, one row per (dimension, role) with a score, so that `norms`
    # counts the scores below an engagement's in SQL instead of reading every one.
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

# Covering: counting the scores of many rounds reads this index alone, not the table.
Index(
    "ix_round_scores_covering",
    round_scores.c.round_id,
    round_scores.c.dimension,
    round_scores.c.role,
    round_scores.c.score,
)

# Listing the most recent engagements and finding those of one bank read these indexes
# instead of the engagement rows, whose bank copy (tens of kB) sits between the columns.
Index("ix_engagements_created", engagements.c.created_at)
Index(
    "ix_engagements_bank",
    engagements.c.bank_hash,
    engagements.c.bank_id,
    engagements.c.bank_version,
    engagements.c.created_at,
    engagements.c.name,
)

open_answers = Table(
    "open_answers",
    metadata,
    # Append-only: an answer rewritten later is a new row, so nothing typed is overwritten;
    # the latest row per question (highest id) is the answer.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "respondent_id",
        Integer,
        ForeignKey("respondents.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("question_id", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("written_at", UtcDateTime(), nullable=False),
)
