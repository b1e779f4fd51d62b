"""SQLite persistence: schema and migrations, the post repository and the media library.

Callers use :class:`sumbar_studio.core.workspace.Workspace` and its services; the repository
API here is deliberately narrow and its SQL portable, so a team-server backend can replace it.
"""

from .repository import PostQuery, PostSummary, SqlitePostRepository
from .schema import SCHEMA_VERSION, connect, migrate

__all__ = [
    "SCHEMA_VERSION",
    "PostQuery",
    "PostSummary",
    "SqlitePostRepository",
    "connect",
    "migrate",
]
