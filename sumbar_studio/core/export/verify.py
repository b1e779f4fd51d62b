"""Re-checking a written bundle (folder or zip) against its manifest."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from PIL import Image

from ..errors import SumbarError
from ..i18n import t
from ..inputs import LIMITS, check_input, read_input
from .naming import _inside
from .results import MANIFEST, ExportFailed, VerifyReport, ZipRefused


class _FolderBundle:
    """A bundle folder, read by relative path; nothing outside it is ever opened."""

    def __init__(self, root: Path):
        self.root = root

    def read(self, rel: str) -> bytes | None:
        target = _inside(self.root, *rel.split("/"))  # ExportFailed when it points outside
        if not target.exists():
            return None
        # regular files only, within the size limit of their kind (a FIFO never blocks)
        return read_input(target, "manifest" if rel == MANIFEST else "image")

    def names(self) -> list[str]:
        return [
            p.relative_to(self.root).as_posix() for p in sorted(self.root.rglob("*")) if p.is_file()
        ]


class _ZipBundle:
    """The .zip of a bundle (entries under one ``<bundle name>/`` folder)."""

    #: a declared size over this ratio of uncompressed to compressed bytes is a zip bomb (the
    #: bundle's JPEGs are stored, its texts compress a few times)
    MAX_RATIO = 100
    MAX_TOTAL = 4 * 1024**3

    def __init__(self, path: Path):
        check_input(path, "database")  # a regular file (the largest input size limit)
        self.zip = zipfile.ZipFile(path)
        infos = [i for i in self.zip.infolist() if not i.is_dir()]
        total = 0
        for info in infos:  # declared sizes and ratios are checked before anything is read
            limit = LIMITS[
                "manifest"
                if info.filename.endswith("/" + MANIFEST) or info.filename == MANIFEST
                else "image"
            ]
            ratio = info.file_size / max(1, info.compress_size)
            total += info.file_size
            if (
                info.file_size > limit
                or (info.file_size > 1024 * 1024 and ratio > self.MAX_RATIO)
                or total > self.MAX_TOTAL
            ):
                raise ZipRefused(
                    "files.zip_bomb",
                    path=str(path),
                    name=info.filename,
                    size=info.file_size // (1024 * 1024),
                )
        self._sizes = {i.filename: i.file_size for i in infos}
        entries = [i.filename for i in infos]
        tops = {n.split("/", 1)[0] for n in entries if "/" in n}
        self.prefix = f"{tops.pop()}/" if len(tops) == 1 and all("/" in n for n in entries) else ""
        self._names = {n[len(self.prefix) :] for n in entries}

    def read(self, rel: str) -> bytes | None:
        if rel not in self._names:
            return None
        name = self.prefix + rel
        with self.zip.open(name) as fh:  # never more than declared (checked above)
            data = fh.read(self._sizes[name] + 1)
        if len(data) > self._sizes[name]:
            raise zipfile.BadZipFile(f"{name}: larger than declared")
        return data

    def names(self) -> list[str]:
        return sorted(self._names)


def verify_bundle(path: str | Path) -> VerifyReport:
    """Re-check every file listed in a bundle's manifest: presence, SHA-256, bytes, pixels.
    ``path`` is a bundle folder or its .zip."""
    root = Path(path)
    report = VerifyReport(root, ok=False)
    try:
        bundle = _ZipBundle(root) if root.is_file() else _FolderBundle(root)
        raw = bundle.read(MANIFEST)
        if raw is None:
            raise FileNotFoundError(MANIFEST)
        manifest = json.loads(raw.decode("utf-8"))
        files = manifest["files"]
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise TypeError("manifest.files: a list of objects is expected")
    except FileNotFoundError:
        report.error = t("export.verify_no_manifest", path=str(root))
        return report
    except SumbarError as exc:  # a zip bomb, a FIFO, a manifest over its size limit
        report.error = exc.user_message()
        return report
    except (
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        zipfile.BadZipFile,
        OSError,
        RecursionError,
        NotImplementedError,
    ) as exc:
        report.error = t("export.verify_bad_manifest", path=str(root), detail=str(exc))
        return report
    report.manifest = manifest
    listed = set()
    for entry in files:
        rel = str(entry.get("path", ""))
        listed.add(rel)
        try:
            data = bundle.read(rel)
        except ExportFailed:
            report.altered.append((rel, t("export.verify_outside")))
            continue
        except SumbarError as exc:  # not a regular file, or over its size limit
            report.altered.append((rel, exc.user_message()))
            continue
        except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
            report.altered.append((rel, str(exc)))
            continue
        if data is None:
            report.missing.append(rel)
            continue
        report.checked += 1
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            reason = t("export.verify_hash")
            if len(data) != entry.get("bytes", len(data)):
                reason += " " + t(
                    "export.verify_size", expected=entry.get("bytes"), actual=len(data)
                )
            report.altered.append((rel, reason))
            continue
        if entry.get("kind") == "image":
            try:
                with Image.open(io.BytesIO(data)) as img:
                    size = img.size
            except Exception as exc:  # noqa: BLE001 - any decoding failure is an alteration
                report.altered.append((rel, str(exc)))
                continue
            if list(size) != [entry.get("width"), entry.get("height")]:
                report.altered.append(
                    (
                        rel,
                        t(
                            "export.verify_pixels",
                            expected=(f"{entry.get('width')}x{entry.get('height')}"),
                            actual=f"{size[0]}x{size[1]}",
                        ),
                    )
                )
    report.extra = [rel for rel in bundle.names() if rel != MANIFEST and rel not in listed]
    report.ok = not (report.missing or report.altered)
    return report
