"""Run Alembic migrations from code (the CLI, the embedded default and tests use this)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["alembic_config", "upgrade", "upgrade_engine", "schema_is_current", "schema_is_empty"]


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config pointing at the bundled migrations."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("storage") / "migrations"))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the database at `url` up to `revision` (call outside a running event loop)."""
    command.upgrade(alembic_config(url), revision)


async def upgrade_engine(engine: AsyncEngine, revision: str = "heads") -> None:
    """Bring the database behind `engine` up to `revision` from inside an event loop."""

    def _upgrade(connection) -> None:  # type: ignore[no-untyped-def]
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def schema_is_current(engine: AsyncEngine) -> bool:
    """Whether the database behind `engine` is at the migrations' heads (connects to it)."""
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())

    def _current(connection) -> set[str]:  # type: ignore[no-untyped-def]
        return set(MigrationContext.configure(connection).get_current_heads())

    async with engine.connect() as connection:
        return await connection.run_sync(_current) == heads


async def schema_is_empty(engine: AsyncEngine) -> bool:
    """Whether the database has no tables at all (a file the bot has just created)."""
    async with engine.connect() as connection:
        return not await connection.run_sync(lambda sync: inspect(sync).get_table_names())
