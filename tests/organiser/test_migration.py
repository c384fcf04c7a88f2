"""Migration 0005 gives the database exactly the check-in columns and table the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.schema import Base

pytestmark = pytest.mark.db

OURS = ("check_in_code", "checked_in_at", "checked_in_by", "venue_check_in_links")


async def test_check_in_schema_matches_the_models(engine):
    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return [str(d) for d in compare_metadata(context, Base.metadata)]

    def columns(connection):  # type: ignore[no-untyped-def]
        found = inspect(connection)
        return (
            {c["name"] for c in found.get_columns("registrations")},
            {c["name"] for c in found.get_columns("venue_check_in_links")},
            [u["column_names"] for u in found.get_unique_constraints("registrations")],
        )

    async with engine.connect() as conn:
        diff = await conn.run_sync(differences)
        registrations, links, uniques = await conn.run_sync(columns)
    assert [d for d in diff if any(name in d for name in OURS)] == []
    assert {"check_in_code", "checked_in_at", "checked_in_by"} <= registrations
    assert links == {"id", "event_id", "token", "created_at", "revoked_at"}
    assert ["check_in_code"] in uniques
