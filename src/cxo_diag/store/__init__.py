"""The engagement store: schema, migrations, queries (SQLAlchemy Core), and sessions.

Imported only by commands that read or write engagements, so SQLAlchemy stays out of the
CLI's start-up.
"""
