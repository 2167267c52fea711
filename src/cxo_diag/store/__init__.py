"""The engagement store, persistence only: schema, migrations, queries (SQLAlchemy Core) on
SQLite and PostgreSQL, and the respondent leases. The use cases over it live in
``cxo_diag.app`` (engagements, interviews, importing).

Imported only by commands that read or write engagements, so SQLAlchemy stays out of the
CLI's start-up.
"""
