"""Photos on the team server: the same interface as :class:`~sumbar_studio.core.media.
MediaLibrary` (``import_file``, ``path_for``), with the bytes kept on the server by SHA-256 and a
local read cache on each desk (renderers and exports want a file path).

A shared folder would bring back the network-file problems team mode exists to avoid, so the
photos travel through the database connection (``bytea``, stored uncompressed out of line).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ...errors import ImageError, WorkspaceError
from ...fileutil import write_bytes_atomic
from ...imaging import probe
from ...media import _EXT, MediaLibrary, file_sha256
from ...model import Media
from .repository import PostgresPostRepository


class ServerMediaLibrary(MediaLibrary):
    def __init__(self, repository: PostgresPostRepository, cache_dir: Path):
        super().__init__(Path(cache_dir), repository)
        self._repo: PostgresPostRepository = repository

    def for_repository(self, repository) -> ServerMediaLibrary:
        """The same library over another connection: photos still go to the server."""
        return ServerMediaLibrary(repository, self.root)

    def path_for(self, sha256: str) -> Path:
        """A local file with the photo's bytes (fetched once, then read from the cache; while
        the server cannot be reached, a photo already in the cache is still shown)."""
        try:
            row = self._repo.media_row(sha256)
        except WorkspaceError:
            for cached in sorted((self.root / sha256[:2]).glob(f"{sha256}.*")):
                if file_sha256(cached) == sha256:
                    return cached
            raise
        if row is None:
            raise ImageError("imaging.not_found", name=sha256[:12])
        target = self.root / sha256[:2] / f"{sha256}.{row.ext}"
        if target.exists() and file_sha256(target) == sha256:
            return target
        content = self._repo.media_bytes(sha256)
        if content is None:
            raise ImageError("imaging.not_found", name=sha256[:12])
        _write_atomically(target, content)
        return target

    def verified_path(self, sha256: str, *, name: str = "") -> Path:
        try:
            return super().verified_path(sha256, name=name)
        except ImageError:  # the desk's copy vanished or changed since it was fetched
            self._forget(sha256)
            return super().verified_path(sha256, name=name)

    def verified_copy(self, sha256: str, folder: Path, *, name: str = "") -> Path:
        """As the local library's, but the desk's cached copy is only a cache: one that
        vanished or no longer hashes right is fetched again from the server (whose bytes the
        database itself keeps equal to their hash) and checked again."""
        try:
            return super().verified_copy(sha256, folder, name=name)
        except ImageError:
            self._forget(sha256)
            return super().verified_copy(sha256, folder, name=name)

    def _forget(self, sha256: str) -> None:
        for cached in (self.root / sha256[:2]).glob(f"{sha256}.*"):
            cached.unlink(missing_ok=True)

    def import_file(self, source: str | Path, *, alt_text: str = "") -> Media:
        """Check the image, then send it to the server once per content."""
        source = Path(source)
        info = probe(source)  # refuses non-images, truncated files and bombs
        content = source.read_bytes()
        sha = hashlib.sha256(content).hexdigest()
        if file_sha256(source) != sha:  # changed while we read it
            raise ImageError("imaging.corrupt", name=source.name, detail="copy mismatch")
        ext = _EXT.get(info.format, "img")
        self._repo.put_media(sha, ext, source.name, info.width, info.height, content)
        _write_atomically(self.root / sha[:2] / f"{sha}.{ext}", content)
        return Media(sha, source.name, alt_text=alt_text, width=info.width, height=info.height)

    def verify_all(self) -> list[tuple[str, str, str]]:
        """(sha256, original name, problem) for every photo on the server whose bytes are
        missing or no longer hash to their name (``doctor``); checked on the server."""
        return self._repo.media_problems()


def _write_atomically(target: Path, content: bytes) -> None:
    """A photo into the desk's read cache (private, like the local media library)."""
    write_bytes_atomic(target, content, private=True)
