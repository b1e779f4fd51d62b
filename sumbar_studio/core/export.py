"""Ready-to-upload bundles: one folder per post with images, captions, alt text and a manifest.

    <out>/2026-12-07_0900_rapat-paripurna-apbd/
      instagram/instagram_4x5_01.jpg        card image (platform, format, order)
      instagram/instagram_4x5_01.alt.txt    alt text of that image
      instagram/instagram_caption.txt       the caption exactly as it is pasted (UTF-8)
      facebook/...
      manifest.json                         what is inside, with sizes, pixels and SHA-256

Safety:
- a bundle is written into a hidden temporary folder next to its final place and renamed into
  place when complete, so a crash, a kill or a cancel never leaves a half bundle visible;
  re-exporting replaces the old bundle whole;
- every name is safe on Windows (reserved names, forbidden characters, length) and every path is
  checked to stay inside the output folder, whatever a title or field contains;
- an unapproved post is refused unless explicitly allowed, and then every image carries a
  visible "DRAF — BELUM DISETUJUI" mark and the manifest says so.

The images of a batch are rendered in a process pool (Pillow only partly releases the GIL), one
task per post so each photo is decoded once per post; ``workers=1`` renders in-process.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from .. import __version__
from .cards import PhotoCache, PhotoRef, default_cache, render_formats
from .cards.photo import srgb_profile_bytes
from .errors import ImageError, SumbarError
from .fileutil import (
    LIMITS,
    atomic_write,
    check_input,
    fsync_dir,
    kill_point,
    ordinary_mode,
    pid_alive,
    read_input,
    sweep_temp_files,
    write_failed,
    write_text_atomic,
)
from .i18n import t
from .media import media_sha
from .model import Post, Status, post_to_dict
from .platforms import default_catalog
from .postcard import (  # noqa: F401 -- card_fields, post_card_reports re-exported
    DEFAULT_TEMPLATE,
    brand_with,
    card_fields,
    formats_for,
    photo_value,
    post_card_reports,
    template_or_none,
)
from .timeutil import format_wib_datetime, now_utc, to_wib

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = 1
SLUG_MAX = 80
NAME_MAX = 120  # one path component; keeps whole paths well under Windows' 260
TMP_PREFIX = ".sumbar-export-"
OLD_PREFIX = ".sumbar-old-"
SWAP_PREFIX = ".sumbar-swap-"
MEDIA_WORK_DIR = ".media"  # verified copies of library photos, inside a bundle's temp folder
APPROVED_STATUSES = frozenset({Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED})
JPEG_QUALITY = 90

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


class ExportRefused(SumbarError):
    message_id = "export.refused_unapproved"


class ExportCancelled(SumbarError):
    """The user cancelled; finished bundles stay (each is whole), unfinished ones are gone."""

    message_id = "export.cancelled"

    def __init__(self, results: list[BundleResult] | None = None, **params: object):
        self.results = list(results or [])
        super().__init__(done=len(self.results), **params)


class ExportFailed(SumbarError):
    message_id = "export.failed"


class ZipRefused(SumbarError):
    message_id = "files.zip_bomb"


# ----------------------------------------------------------------------------------------
# names


def safe_name(text: str, max_length: int = NAME_MAX, fallback: str = "tanpa-judul") -> str:
    """One path component that is valid on Windows, macOS and Linux.

    Removes control and forbidden characters (``<>:"/\\|?*``), path separators and leading
    dots, strips trailing dots and spaces (Windows drops them silently), avoids reserved device
    names (``CON``, ``com1.txt`` ...) and caps the length in characters and UTF-8 bytes.
    """
    value = unicodedata.normalize("NFC", str(text))
    value = _FORBIDDEN.sub("_", value)
    value = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    value = value.strip().lstrip(".")
    value = _cap(value, max_length).rstrip(". ")
    if not value or value in (".", ".."):
        value = fallback
    stem = value.split(".", 1)[0].rstrip(" ").upper()
    if stem in _WINDOWS_RESERVED:
        value = f"_{value}"
    return value


def _cap(value: str, max_length: int) -> str:
    value = value[:max_length]
    while len(value.encode("utf-8")) > max_length * 2:  # many filesystems cap at 255 bytes
        value = value[:-1]
    return value


def slug(text: str, max_length: int = SLUG_MAX) -> str:
    """A readable ASCII slug cut at a word: ``rapat-paripurna-apbd``."""
    from slugify import slugify

    value = slugify(text or "", max_length=max_length, word_boundary=True, save_order=True)
    if not value:  # a title of only emoji or symbols
        value = "unggahan"
    return safe_name(value, max_length, fallback="unggahan")


def bundle_name(post: Post) -> str:
    """``2026-12-07_0900_rapat-paripurna-apbd`` (date and time in WIB)."""
    if post.scheduled_at is not None:
        when = to_wib(post.scheduled_at).strftime("%Y-%m-%d_%H%M")
    else:
        when = f"tanpa-jadwal_{post.id or 0}"
    return safe_name(f"{when}_{slug(post.title)}")


def _inside(root: Path, *parts: str) -> Path:
    """``root/parts`` resolved, refusing anything that would land outside ``root``."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise ExportFailed("export.path_outside", path=str(target), root=str(base))
    return target


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
            "path": str(self.path), "ok": self.ok, "checked": self.checked,
            "missing": self.missing, "altered": [{"file": f, "reason": r} for f, r in self.altered],
            "extra": self.extra, "error": self.error,
        }


# ----------------------------------------------------------------------------------------
# the work for one post: a picklable description, rendered in a worker


@dataclass
class ImageTarget:
    platform: str
    format_id: str
    order: int
    relpath: str  # "instagram/instagram_4x5_01.jpg"
    photo_index: int = -1  # -1: the card; else post.media[i] cover-cropped (carousel)


@dataclass
class PostTask:
    """Everything a worker needs to render one post's images (plain, picklable data)."""

    post_id: int | None
    title: str
    template_id: str
    fields: dict[str, Any]  # photo fields resolved to {"path", "focal_x", "focal_y"}
    photos: list[dict[str, Any]]  # post.media resolved: {"path", "focal_x", "focal_y"}
    targets: list[ImageTarget]
    tmp_dir: str
    brand_overlay: dict[str, Any] = field(default_factory=dict)
    draft_mark: str | None = None


def render_post_images(task: PostTask) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Render and write the images of one post into ``task.tmp_dir``; return the file records
    and the renderer's layout report per card format (for the checklist summary).

    Runs in a worker process. Each distinct format is rendered once and encoded once; the same
    bytes are written for every platform that uses that format. Each photo is decoded once per
    post (``render_formats`` prefetches at the resolution the largest format needs).
    """
    root = Path(task.tmp_dir)
    template = template_or_none(task.template_id) if task.template_id else None
    card_formats = list(dict.fromkeys(t.format_id for t in task.targets if t.photo_index < 0))
    cards: dict[str, Image.Image] = {}
    reports: dict[str, Any] = {}
    if template is not None and card_formats:
        fields = {k: (PhotoRef.coerce(v) if isinstance(v, dict) and "path" in v else v)
                  for k, v in task.fields.items()}
        cache = PhotoCache(max_sources=2, max_fitted=8)
        rendered = render_formats(template, fields, brand_with(task.brand_overlay),
                                  card_formats, draft_mark=task.draft_mark, photo_cache=cache)
        cards = {fid: r.image for fid, r in rendered.items()}
        reports = {fid: r.report for fid, r in rendered.items()}
    elif card_formats:
        basic = _BasicCard(task)
        cards = {fid: basic.render(fid) for fid in card_formats}

    encoded: dict[tuple[str, int], tuple[bytes, tuple[int, int]]] = {}
    records = []
    for target in task.targets:
        key = (target.format_id, target.photo_index)
        if key not in encoded:
            if target.photo_index >= 0:
                img = _carousel_photo(task.photos[target.photo_index], target.format_id)
                if task.draft_mark:
                    img = draw_draft_mark(img, task.draft_mark)
            else:
                img = cards[target.format_id]
            encoded[key] = (_encode_jpeg(img), img.size)
        data, size = encoded[key]
        path = _inside(root, *target.relpath.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        records.append({
            "path": target.relpath, "kind": "image", "platform": target.platform,
            "format": target.format_id, "order": target.order, "bytes": len(data),
            "width": size[0], "height": size[1], "sha256": hashlib.sha256(data).hexdigest(),
        })
    return records, reports


def _encode_jpeg(img: Image.Image) -> bytes:
    """JPEG as the card renderer's ``save_image`` writes it (q90, 4:4:4, sRGB profile)."""
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True,
                            icc_profile=srgb_profile_bytes())
    return buf.getvalue()


def _carousel_photo(photo: dict[str, Any], format_id: str) -> Image.Image:
    fmt = default_catalog().format(format_id)
    return default_cache.fitted(PhotoRef.coerce(photo), (fmt.width, fmt.height)).image


def draw_draft_mark(img: Image.Image, text: str) -> Image.Image:
    """A visible diagonal banner plus a top strip reading ``text`` (for unapproved exports)."""
    from .resources import asset_path

    img = img.convert("RGB")
    w, h = img.size
    short = min(w, h)
    font_path = str(asset_path("fonts", "InterDisplay-ExtraBold.otf"))
    size = max(12, short // 14)
    font = ImageFont.truetype(font_path, size)
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    strip = int(size * 1.8)
    draw.rectangle((0, 0, w, strip), fill=(176, 30, 35, 235))
    draw.text((w / 2, strip / 2), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    # a translucent diagonal band across the middle
    band_font = ImageFont.truetype(font_path, max(12, short // 11))
    tw = draw.textlength(text, font=band_font)
    band = Image.new("RGBA", (int(tw + short * 0.2), int(band_font.size * 1.8)), (176, 30, 35, 150))
    ImageDraw.Draw(band).text((band.width / 2, band.height / 2), text, font=band_font,
                              fill=(255, 255, 255, 230), anchor="mm")
    band = band.rotate(28, expand=True, resample=Image.Resampling.BICUBIC)
    overlay.alpha_composite(band, ((w - band.width) // 2, (h - band.height) // 2))
    out = img.convert("RGBA")
    out.alpha_composite(overlay)
    return out.convert("RGB")


class _BasicCard:
    """A plain branded news card, drawn when the post's card template is unknown or broken."""

    def __init__(self, task: PostTask):
        self.task = task
        self.photo = next((v for v in task.fields.values() if isinstance(v, dict) and "path" in v),
                          task.photos[0] if task.photos else None)

    def render(self, format_id: str) -> Image.Image:
        from .resources import asset_path

        fmt = default_catalog().format(format_id)
        w, h = fmt.width, fmt.height
        if self.photo is not None:
            img = _carousel_photo(self.photo, format_id)
        else:
            img = Image.new("RGB", (w, h), (245, 241, 234))
        overlay = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        panel_top = int(h * 0.62)
        draw.rectangle((0, panel_top, w, h), fill=(23, 24, 26, 225))
        draw.rectangle((0, panel_top, w, panel_top + max(6, h // 120)), fill=(176, 30, 35, 255))
        short = min(w, h)
        font = ImageFont.truetype(str(asset_path("fonts", "InterDisplay-Bold.otf")), short // 16)
        small = ImageFont.truetype(str(asset_path("fonts", "Inter-SemiBold.otf")), short // 36)
        lines, line = [], ""
        for word in str(self.task.fields.get("headline") or self.task.title).split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) > w * 0.88 and line:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
        y = panel_top + short // 22
        for text in lines[:4]:
            draw.text((w * 0.06, y), text, font=font, fill=(255, 255, 255, 255))
            y += int(font.size * 1.2)
        draw.text((w * 0.06, h - short // 18), "DPRD PROVINSI SUMATERA BARAT", font=small,
                  fill=(224, 165, 38, 255))
        out = img.convert("RGBA")
        out.alpha_composite(overlay)
        img = out.convert("RGB")
        if self.task.draft_mark:
            img = draw_draft_mark(img, self.task.draft_mark)
        return img


# ----------------------------------------------------------------------------------------
# planning a bundle (main process)


def is_approved(post: Post) -> bool:
    return post.status in APPROVED_STATUSES and post.approval_valid()


def _alt_text(post: Post, template_name: str, photo_index: int) -> str:
    if photo_index >= 0:
        media = post.media[photo_index]
        return media.alt_text.strip() or post.title
    photo = post.media[0] if post.media else None
    parts = [f"{template_name}: {post.title.strip()}."]
    if photo is not None and photo.alt_text.strip():
        parts.append(photo.alt_text.strip())
    return " ".join(parts)


@dataclass
class _Plan:
    post: Post
    name: str
    final: Path
    tmp: Path
    task: PostTask
    texts: dict[str, str]  # relpath -> text
    alt: dict[str, str]  # image relpath -> alt text
    template_id: str
    template_version: int | None
    draft: bool
    rules: Any = None  # the workspace's checklist rules


def _plan_bundle(workspace, post: Post, out_dir: Path, name: str, draft: bool,
                 brand_overlay: dict[str, Any]) -> _Plan:
    catalog = default_catalog()
    template = template_or_none(post.card.template_id)
    template_id = template.id if template is not None else (post.card.template_id or "dasar")
    template_name = template.name if template is not None else t("export.card")
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=out_dir))
    os.chmod(tmp, ordinary_mode(directory=True))  # a bundle is an ordinary folder (0755)
    media_dir = tmp / MEDIA_WORK_DIR
    try:
        fields = card_fields(workspace, post, template, copy_to=media_dir)
        photos = [photo_value(workspace, post, m.sha256, copy_to=media_dir) for m in post.media]
    except ImageError as exc:  # a library photo changed or vanished: never export it
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportRefused("approval_guard.export_media", id=post.id, title=post.title,
                            problem=exc.user_message()) from None
    card_sha = next((v for v in post.card.fields.values() if media_sha(v) is not None),
                    post.media[0].sha256 if post.media else "")
    extra = [i for i, m in enumerate(post.media) if m.sha256 != card_sha]

    targets: list[ImageTarget] = []
    texts: dict[str, str] = {}
    alt: dict[str, str] = {}
    for pid in post.platforms:
        platform = catalog.get(pid)
        folder = safe_name(pid)
        for fmt in formats_for(platform.formats, post, template):
            order = 1
            fname = safe_name(f"{folder}_{fmt}_{order:02d}.jpg")
            targets.append(ImageTarget(pid, fmt, order, f"{folder}/{fname}"))
            alt[f"{folder}/{fname}"] = _alt_text(post, template_name, -1)
            for index in extra[: max(0, platform.max_images - 1)]:
                order += 1
                fname = safe_name(f"{folder}_{fmt}_{order:02d}.jpg")
                targets.append(ImageTarget(pid, fmt, order, f"{folder}/{fname}", index))
                alt[f"{folder}/{fname}"] = _alt_text(post, template_name, index)
        texts[f"{folder}/{safe_name(folder + '_caption.txt')}"] = post.full_caption(
            pid, platform.hashtag_limit)
    for rel in list(alt):
        texts[rel[: -len(".jpg")] + ".alt.txt"] = alt[rel]
    task = PostTask(
        post_id=post.id, title=post.title, template_id=template_id if template else "",
        fields=fields, photos=photos, targets=targets, tmp_dir=str(tmp),
        brand_overlay=brand_overlay, draft_mark=t("export.draft_mark") if draft else None,
    )
    return _Plan(post, name, _inside(out_dir, name), tmp, task, texts, alt, template_id,
                 template.version if template is not None else None, draft, workspace.rules())


def _checklist_summary(post: Post, card_reports: dict[str, Any], rules) -> dict[str, Any]:
    try:
        from .checks.engine import check_post  # the rules engine loads with the first export

        result = check_post(post, card_reports=card_reports, rules=rules)
        return json.loads(json.dumps(result.summary(), default=str))
    except Exception as exc:  # the checklist must never stop an export
        return {"error": f"{type(exc).__name__}: {exc}"}


def _write_text_files(plan: _Plan) -> list[dict[str, Any]]:
    records = []
    for rel, text in plan.texts.items():
        data = text.encode("utf-8")
        path = _inside(plan.tmp, *rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        platform = rel.split("/", 1)[0]
        kind = "alt_text" if rel.endswith(".alt.txt") else "caption"
        records.append({"path": rel, "kind": kind, "platform": platform, "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest()})
    return records


def _manifest(plan: _Plan, files: list[dict[str, Any]], card_reports: dict[str, Any]
              ) -> dict[str, Any]:
    post = plan.post
    data = post_to_dict(post)
    approval = data.get("approval")
    return {
        "schema": MANIFEST_SCHEMA,
        "app": "Sumbar Studio",
        "app_version": __version__,
        "exported_at": to_wib(now_utc()).isoformat(timespec="seconds"),
        "post": {"id": post.id, "title": post.title, "version": post.version,
                 "status": str(post.status), "status_label": post.status.label()},
        "schedule": {
            "wib": data["scheduled_wib"],
            "utc": data["scheduled_at"],
            "label": format_wib_datetime(post.scheduled_at) if post.scheduled_at else None,
        },
        "platforms": list(post.platforms),
        "template": {"id": plan.template_id, "version": plan.template_version},
        "approved": not plan.draft,
        "draft": plan.draft,
        "draft_mark": plan.task.draft_mark,
        "approval": {**approval, "valid": post.approval_valid()} if approval else None,
        "approver": post.approval.approver if post.approval else None,
        "approval_hash": post.approval.content_hash if post.approval else None,
        "content_hash": post.content_hash(),
        "checklist": _checklist_summary(post, card_reports, plan.rules),
        "files": sorted(files, key=lambda f: f["path"]),
    }


def _finish(plan: _Plan, rendered: tuple[list[dict[str, Any]], dict[str, Any]], make_zip: bool,
            started: float) -> BundleResult:
    """Write texts and the manifest, then move the folder (and zip) into place."""
    image_records, card_reports = rendered
    shutil.rmtree(plan.tmp / MEDIA_WORK_DIR, ignore_errors=True)  # verified photo copies
    files = image_records + _write_text_files(plan)
    manifest = _manifest(plan, files, card_reports)
    with atomic_write(plan.tmp / MANIFEST, "w", encoding="utf-8", private=False) as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=2)
    zip_path = None
    if make_zip:
        zip_path = _inside(plan.final.parent, safe_name(plan.name + ".zip"))
        _write_zip(plan.tmp, plan.name, zip_path)
    replace_dir(plan.tmp, plan.final)
    return BundleResult(plan.post.id, plan.post.title, plan.name, plan.final,
                        manifest["files"], plan.draft, zip_path, time.perf_counter() - started)


def _write_zip(folder: Path, name: str, target: Path) -> None:
    with atomic_write(target, "wb", private=False) as fh, zipfile.ZipFile(fh, "w") as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            compress = zipfile.ZIP_STORED if path.suffix == ".jpg" else zipfile.ZIP_DEFLATED
            zf.write(path, f"{name}/{rel}", compress_type=compress)
            kill_point("export-zip")


def replace_dir(tmp: Path, final: Path) -> None:
    """Put the finished bundle ``tmp`` at ``final``. An existing bundle is moved aside first
    and deleted only once the new one is in place. The two renames are recorded first in a
    small journal (``.sumbar-swap-<pid>-….json``): if the process is killed between them, the
    next export in this folder puts a bundle back at ``final`` (the new one when complete,
    otherwise the old one) before it cleans up, so both copies are never deleted."""
    parent = final.parent
    if not final.exists():
        os.replace(tmp, final)
        fsync_dir(parent)
        return
    stamp = f"{os.getpid()}-{time.time_ns()}"
    old = parent / f"{OLD_PREFIX}{stamp}"
    journal = parent / f"{SWAP_PREFIX}{stamp}.json"
    write_text_atomic(journal, json.dumps({"final": final.name, "old": old.name,
                                           "new": tmp.name}), private=False)
    kill_point("export-swap-journal")
    os.replace(final, old)
    kill_point("export-swap-aside")
    try:
        os.replace(tmp, final)
    except OSError:
        os.replace(old, final)  # put the previous bundle back
        journal.unlink(missing_ok=True)
        raise
    fsync_dir(parent)
    kill_point("export-swap-done")
    shutil.rmtree(old, ignore_errors=True)
    journal.unlink(missing_ok=True)



def _recover_swaps(out_dir: Path) -> None:
    """Finish the bundle swaps of exports that were killed between their two renames."""
    for journal in out_dir.glob(f"{SWAP_PREFIX}*.json"):
        match = re.match(rf"{re.escape(SWAP_PREFIX)}(\d+)-", journal.name)
        if not match or pid_alive(int(match.group(1))):
            continue
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            final, old, new = (_inside(out_dir, str(data[k])) for k in ("final", "old", "new"))
        except (OSError, ValueError, KeyError, TypeError, ExportFailed):
            continue  # unreadable: leave everything as it is (nothing is deleted)
        with contextlib.suppress(OSError):
            if not final.exists():
                if (new / MANIFEST).is_file():
                    os.replace(new, final)
                elif old.is_dir():
                    os.replace(old, final)
            if final.exists():
                journal.unlink()


def _sweep_stale(out_dir: Path) -> None:
    """Recover interrupted swaps, then remove temporary folders and files left by an export
    that was killed (its process is gone)."""
    _recover_swaps(out_dir)
    pending = {n for j in out_dir.glob(f"{SWAP_PREFIX}*.json") for n in _journal_names(j)}
    for entry in out_dir.iterdir():
        if not entry.name.startswith((TMP_PREFIX, OLD_PREFIX)) or entry.name in pending:
            continue
        match = re.match(r"\.sumbar-(?:export|old)-(\d+)-", entry.name)
        if match and not pid_alive(int(match.group(1))):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()
    sweep_temp_files(out_dir)  # half-written .zip (and manifest) temporary files


def _journal_names(journal: Path) -> set[str]:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        return {str(data.get("old")), str(data.get("new"))}
    except (OSError, ValueError, AttributeError):
        return set()



def _worker_init(parent: int) -> None:
    """Render workers die with the export: on Linux the kernel kills a worker when its parent
    dies (PR_SET_PDEATHSIG); everywhere a watcher thread exits the worker once the exporting
    process is gone (killed with SIGKILL or SIGTERM, it cannot shut its pool down)."""
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    ppid = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != ppid or not pid_alive(parent):
                os._exit(1)
            time.sleep(0.25)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


# ----------------------------------------------------------------------------------------
# public API


def export_posts(
    workspace,
    posts: Sequence[Post],
    out_dir: str | Path,
    *,
    allow_unapproved: bool = False,
    make_zip: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[BundleResult]:
    """Write one bundle per post into ``out_dir``; return what was written, in input order.

    Raises :class:`ExportRefused` (nothing written) when a post is not approved and
    ``allow_unapproved`` is False, and :class:`ExportCancelled` when ``cancel()`` returns True
    (finished bundles stay whole, unfinished ones leave nothing behind).
    """
    posts = list(posts)
    if not posts:
        return []
    refused = [p for p in posts if not is_approved(p)]
    if refused and not allow_unapproved:
        names = "; ".join(f"#{p.id} \"{p.title}\" ({p.status.label()})" for p in refused[:5])
        if len(refused) > 5:
            names += t("export.and_more", n=len(refused) - 5)
        raise ExportRefused("export.refused_unapproved", count=len(refused), posts=names)
    out = Path(out_dir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportFailed("export.out_not_writable", path=str(out), detail=str(exc)) from None
    out = out.resolve()
    _sweep_stale(out)
    brand_overlay = dict(workspace.team_settings().brand or {})

    names = _unique_names(posts, out)
    plans: list[_Plan] = []
    try:
        for post, name in zip(posts, names, strict=True):
            plans.append(_plan_bundle(workspace, post, out, name, not is_approved(post),
                                      brand_overlay))
        return _run(plans, make_zip, workers, progress, cancel)
    except OSError as exc:  # a full disk or a folder that became read-only: one clear line
        raise write_failed(exc.filename or out, exc) from None
    finally:
        for plan in plans:  # anything not moved into place is removed
            if plan.tmp.exists():
                shutil.rmtree(plan.tmp, ignore_errors=True)


def _unique_names(posts: Sequence[Post], out: Path) -> list[str]:
    """Bundle names; two posts with the same time and title get their id appended, and an
    existing folder of another post is never replaced."""
    names: list[str] = []
    seen: set[str] = set()
    for post in posts:
        name = bundle_name(post)
        other = _manifest_post_id(out / name)
        if name.lower() in seen or (other is not None and other != post.id):
            name = safe_name(f"{name[: NAME_MAX - 12]}-{post.id}")
        seen.add(name.lower())
        names.append(name)
    return names


def _manifest_post_id(folder: Path) -> int | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return data["post"]["id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _run(plans: list[_Plan], make_zip: bool, workers: int | None,
         progress: Callable[[int, int], None] | None,
         cancel: Callable[[], bool] | None) -> list[BundleResult]:
    total = len(plans)
    results: dict[int, BundleResult] = {}
    workers = workers or min(os.cpu_count() or 1, 4)
    workers = max(1, min(workers, total))

    def done(index: int, rendered: tuple, started: float) -> None:
        results[index] = _finish(plans[index], rendered, make_zip, started)
        if progress:
            progress(len(results), total)

    def cancelled() -> bool:
        return bool(cancel and cancel())

    if progress:
        progress(0, total)
    if workers == 1:
        for i, plan in enumerate(plans):
            if cancelled():
                raise ExportCancelled([results[k] for k in sorted(results)])
            started = time.perf_counter()
            done(i, render_post_images(plan.task), started)
        return [results[i] for i in range(total)]

    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: ~9 ms, exports only

    started = time.perf_counter()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                               initializer=_worker_init, initargs=(os.getpid(),))
    try:
        futures: dict[Future, int] = {pool.submit(render_post_images, p.task): i
                                      for i, p in enumerate(plans)}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in finished:
                done(futures[fut], fut.result(), started)
            if pending and cancelled():
                for fut in pending:
                    fut.cancel()
                raise ExportCancelled([results[k] for k in sorted(results)])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return [results[i] for i in range(total)]


def _mp_context():
    import multiprocessing
    import sys

    methods = multiprocessing.get_all_start_methods()
    # fork is cheapest (workers inherit imported modules, fonts and templates) but unsafe once
    # Qt threads exist in the parent (the desktop app); then forkserver/spawn start clean.
    if "fork" in methods and not any(m.startswith("PySide6") for m in sys.modules):
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__, __package__ + ".cards"])
        return ctx
    return multiprocessing.get_context("spawn")


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
        return [p.relative_to(self.root).as_posix() for p in sorted(self.root.rglob("*"))
                if p.is_file()]


class _ZipBundle:
    """The .zip of a bundle (entries under one ``<bundle name>/`` folder)."""

    #: a declared size over this ratio of uncompressed to compressed bytes is a zip bomb (the
    #: bundle's JPEGs are stored, its texts compress a few times)
    MAX_RATIO = 100
    MAX_TOTAL = 4 * 1024 ** 3

    def __init__(self, path: Path):
        check_input(path, "database")  # a regular file (the largest input size limit)
        self.zip = zipfile.ZipFile(path)
        infos = [i for i in self.zip.infolist() if not i.is_dir()]
        total = 0
        for info in infos:  # declared sizes and ratios are checked before anything is read
            limit = LIMITS["manifest" if info.filename.endswith("/" + MANIFEST)
                           or info.filename == MANIFEST else "image"]
            ratio = info.file_size / max(1, info.compress_size)
            total += info.file_size
            if info.file_size > limit or (info.file_size > 1024 * 1024 and ratio > self.MAX_RATIO) \
                    or total > self.MAX_TOTAL:
                raise ZipRefused("files.zip_bomb", path=str(path), name=info.filename,
                                 size=info.file_size // (1024 * 1024))
        self._sizes = {i.filename: i.file_size for i in infos}
        entries = [i.filename for i in infos]
        tops = {n.split("/", 1)[0] for n in entries if "/" in n}
        self.prefix = f"{tops.pop()}/" if len(tops) == 1 and all("/" in n for n in entries) else ""
        self._names = {n[len(self.prefix):] for n in entries}

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
    except (ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile, OSError,
            RecursionError, NotImplementedError) as exc:
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
                reason += " " + t("export.verify_size", expected=entry.get("bytes"), actual=len(data))
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
                report.altered.append((rel, t("export.verify_pixels", expected=(
                    f"{entry.get('width')}x{entry.get('height')}"), actual=f"{size[0]}x{size[1]}")))
    report.extra = [rel for rel in bundle.names() if rel != MANIFEST and rel not in listed]
    report.ok = not (report.missing or report.altered)
    return report
