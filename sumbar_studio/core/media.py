"""The workspace media library: images copied in by content hash.

A post refers to an image by its SHA-256, so it never breaks when the original file moves or is
deleted, and the same photo used by ten posts is stored once.

The hash is also what an approval vouches for, so whatever publishes a photo reads it through
:meth:`MediaLibrary.verified_path` or :meth:`MediaLibrary.verified_copy`, which check the bytes
against the SHA-256 the file is named by: a file in ``media/`` overwritten with another (valid)
image is refused with :class:`MediaTampered` naming the photo, never exported as approved.
Card photo fields hold hashes only: :meth:`MediaLibrary.import_card_photos` turns a path given
at edit time into a library photo, so nothing outside the library is read at export time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ImageError
from .fileutil import atomic_write
from .model import Media, Post

if TYPE_CHECKING:
    from .store.protocol import PostRepository

SHA256 = re.compile(r"[0-9a-f]{64}")


class MediaTampered(ImageError):
    """A library file whose bytes no longer match the SHA-256 it is stored (and approved) by."""

    message_id = "approval_guard.media_tampered"


def media_sha(value: object) -> str | None:
    """The library hash a card field value refers to (``"ab12…"`` or ``{"sha256": …}``)."""
    sha = value.get("sha256") if isinstance(value, dict) else value
    return sha if isinstance(sha, str) and SHA256.fullmatch(sha) else None


_EXT = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIF": "heic"}


def file_sha256(path: Path) -> str:
    import hashlib  # OpenSSL loads with the first hash, not at start-up

    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class MediaLibrary:
    def __init__(self, root: Path, repository: PostRepository):
        self.root = root
        self._repo = repository

    def for_repository(self, repository: PostRepository) -> MediaLibrary:
        """The same library over another connection (a worker thread's own)."""
        return MediaLibrary(self.root, repository)

    def path_for(self, sha256: str) -> Path:
        row = self._repo.media_row(sha256)
        if row is None:
            raise ImageError("imaging.not_found", name=sha256[:12])
        return self.root / sha256[:2] / f"{sha256}.{row.ext}"

    def verified_path(self, sha256: str, *, name: str = "") -> Path:
        """The library file of ``sha256`` after checking that its bytes still hash to it."""
        path = self.path_for(sha256)
        self._check(path, sha256, name)
        return path

    def verified_copy(self, sha256: str, folder: Path, *, name: str = "") -> Path:
        """Copy the library file of ``sha256`` into ``folder`` (a private working folder) and
        return the copy, verified: the bytes hashed are the bytes the copy holds."""
        source = self.path_for(sha256)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / source.name
        if target.is_file():
            return target
        import hashlib  # OpenSSL loads with the first hash, not at start-up

        digest = hashlib.sha256()
        tmp = target.with_suffix(".part")
        try:
            with source.open("rb") as src, tmp.open("wb") as dst:
                for block in iter(lambda: src.read(1 << 20), b""):
                    digest.update(block)
                    dst.write(block)
        except FileNotFoundError:
            raise ImageError(
                "approval_guard.media_missing",
                photo=name or sha256[:12],
                sha=sha256[:12],
                path=str(source),
            ) from None
        if digest.hexdigest() != sha256:
            tmp.unlink(missing_ok=True)
            raise MediaTampered(
                photo=name or sha256[:12],
                sha=sha256[:12],
                path=str(source),
                actual=digest.hexdigest()[:12],
            )
        os.replace(tmp, target)
        return target

    def _check(self, path: Path, sha256: str, name: str) -> None:
        try:
            actual = file_sha256(path)
        except FileNotFoundError:
            raise ImageError(
                "approval_guard.media_missing",
                photo=name or sha256[:12],
                sha=sha256[:12],
                path=str(path),
            ) from None
        if actual != sha256:
            raise MediaTampered(
                photo=name or sha256[:12], sha=sha256[:12], path=str(path), actual=actual[:12]
            )

    def verify_all(self) -> list[tuple[str, str, str]]:
        """(sha256, original name, problem) for every library file that is missing or whose
        bytes no longer match its hash (``doctor``)."""
        problems = []
        for row in self._repo.media_rows():
            sha = row.sha256
            path = self.root / sha[:2] / f"{sha}.{row.ext}"
            try:
                actual = file_sha256(path)
            except OSError:
                problems.append((sha, row.original_name, "missing"))
                continue
            if actual != sha:
                problems.append((sha, row.original_name, "altered"))
        return problems

    def import_card_photos(self, post: Post, template) -> None:
        """Card photo fields given as a file path (``post edit --set photo=/x.jpg``) become
        library photos referenced by hash, so the export never reads a path of this PC."""
        if template is None:
            return
        for f in template.fields:
            if f.type != "photo":
                continue
            value = post.card.fields.get(f.id)
            if value in (None, "") or media_sha(value) is not None:
                continue
            path = value.get("path") if isinstance(value, dict) else value
            if not isinstance(path, str | Path) or not str(path).strip():
                raise ImageError("approval_guard.photo_field_invalid", field=f.id)
            post.card.fields[f.id] = self.import_file(Path(path)).sha256

    def import_file(self, source: str | Path, *, alt_text: str = "") -> Media:
        """Copy an image into the library (once per content) and return a reference to it."""
        from .imaging import probe  # Pillow: imported when a photo is added, not at start-up

        source = Path(source)
        info = probe(source)  # refuses non-images, truncated files and bombs
        sha = file_sha256(source)
        ext = _EXT.get(info.format, "img")
        dest = self.root / sha[:2] / f"{sha}.{ext}"
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            import hashlib  # OpenSSL loads with the first hash, not at start-up

            digest = hashlib.sha256()
            with source.open("rb") as src, atomic_write(dest, "wb") as out:  # whole or nothing
                for block in iter(lambda: src.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
                if digest.hexdigest() != sha:  # changed while we copied: nothing is written
                    raise ImageError("imaging.corrupt", name=source.name, detail="copy mismatch")
        self._repo.add_media_row(
            sha, ext, source.name, info.width, info.height, dest.stat().st_size
        )
        return Media(sha, source.name, alt_text=alt_text, width=info.width, height=info.height)
