"""SQLite persistence: schema and migrations, the post repository and the media library.

Callers use :class:`sumbar_studio.core.workspace.Workspace` and its services; the repository
API here is deliberately narrow and its SQL portable, so a team-server backend can replace it.
"""

from .protocol import MediaRecord, PostQuery, PostRepository, PostSummary
from .repository import SqlitePostRepository
from .schema import SCHEMA_VERSION, connect, migrate

__all__ = [
    "SCHEMA_VERSION",
    "MediaRecord",
    "PostQuery",
    "PostRepository",
    "PostSummary",
    "SqlitePostRepository",
    "connect",
    "migrate",
]
