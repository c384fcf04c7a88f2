"""The migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.migrate import alembic_config
from storage.schema import Base

pytestmark = pytest.mark.db


def test_one_head():
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == ["0014"]


async def test_migrated_database_matches_the_models(engine):
    def drift(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(drift) == []
