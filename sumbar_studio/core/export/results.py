"""What an export gives back and how it fails: results, reports, errors, shared names."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SumbarError
from ..model import Status

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = 1
TMP_PREFIX = ".sumbar-export-"
OLD_PREFIX = ".sumbar-old-"
SWAP_PREFIX = ".sumbar-swap-"
MEDIA_WORK_DIR = ".media"  # verified copies of library photos, inside a bundle's temp folder
APPROVED_STATUSES = frozenset({Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED})


class ExportRefused(SumbarError):
    message_id = "export.refused_unapproved"


class ExportCancelled(SumbarError):
    """The user cancelled; finished bundles stay (each is whole), unfinished ones are gone."""

    message_id = "export.cancelled"

    def __init__(self, results: list[BundleResult] | None = None, **params: Any):
        self.results = list(results or [])
        super().__init__(done=len(self.results), **params)


class ExportFailed(SumbarError):
    message_id = "export.failed"


class ZipRefused(SumbarError):
    message_id = "files.zip_bomb"


# ----------------------------------------------------------------------------------------
# results


@dataclass
class BundleResult:
    post_id: int | None
    title: str
    name: str
    path: Path
    files: list[dict[str, Any]]
    draft: bool
    zip_path: Path | None = None
    seconds: float = 0.0

    @property
    def images(self) -> int:
        return sum(1 for f in self.files if f["kind"] == "image")


@dataclass
class VerifyReport:
    path: Path
    ok: bool
    missing: list[str] = field(default_factory=list)
    altered: list[tuple[str, str]] = field(default_factory=list)  # (file, what differs)
    extra: list[str] = field(default_factory=list)
    error: str = ""
    checked: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "checked": self.checked,
            "missing": self.missing,
            "altered": [{"file": f, "reason": r} for f, r in self.altered],
            "extra": self.extra,
            "error": self.error,
        }
