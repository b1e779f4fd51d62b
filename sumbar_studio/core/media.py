"""The workspace media library: images copied in by content hash.

A post refers to an image by its SHA-256, so it never breaks when the original file moves or is
deleted, and the same photo used by ten posts is stored once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from .errors import ImageError
from .imaging import probe
from .model import Media

_EXT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class MediaLibrary:
    def __init__(self, root: Path, repository):
        self.root = root
        self._repo = repository

    def path_for(self, sha256: str) -> Path:
        row = self._repo.media_row(sha256)
        if row is None:
            raise ImageError("imaging.not_found", name=sha256[:12])
        return self.root / sha256[:2] / f"{sha256}.{row['ext']}"

    def import_file(self, source: str | Path, *, alt_text: str = "") -> Media:
        """Copy an image into the library (once per content) and return a reference to it."""
        source = Path(source)
        info = probe(source)  # refuses non-images, truncated files and bombs
        sha = file_sha256(source)
        ext = _EXT.get(info.format, "img")
        dest = self.root / sha[:2] / f"{sha}.{ext}"
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".tmp")
            os.close(fd)
            try:
                shutil.copyfile(source, tmp)
                if file_sha256(Path(tmp)) != sha:  # changed while we copied
                    raise ImageError("imaging.corrupt", name=source.name, detail="copy mismatch")
                os.replace(tmp, dest)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        self._repo.add_media_row(
            sha, ext, source.name, info.width, info.height, dest.stat().st_size
        )
        return Media(sha, source.name, alt_text=alt_text, width=info.width, height=info.height)
