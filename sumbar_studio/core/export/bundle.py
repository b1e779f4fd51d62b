"""Writing bundles: planning each post, texts and manifest, the process pool, the swap into
place and crash recovery."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ... import __version__
from ..errors import ImageError
from ..fileutil import (
    atomic_write,
    fsync_dir,
    kill_point,
    ordinary_mode,
    pid_alive,
    sweep_temp_files,
    write_failed,
    write_text_atomic,
)
from ..i18n import t
from ..media import media_sha
from ..model import Post, post_to_dict
from ..platforms import default_catalog
from ..postcard import (
    card_fields,
    formats_for,
    photo_value,
    template_or_none,
)
from ..timeutil import format_wib_datetime, now_utc, to_wib
from .images import ImageTarget, PostTask, render_post_images
from .naming import NAME_MAX, _inside, bundle_name, safe_name
from .results import (
    APPROVED_STATUSES,
    MANIFEST,
    MANIFEST_SCHEMA,
    MEDIA_WORK_DIR,
    OLD_PREFIX,
    SWAP_PREFIX,
    TMP_PREFIX,
    BundleResult,
    ExportCancelled,
    ExportFailed,
    ExportRefused,
)

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


def _plan_bundle(
    workspace, post: Post, out_dir: Path, name: str, draft: bool, brand_overlay: dict[str, Any]
) -> _Plan:
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
        raise ExportRefused(
            "approval_guard.export_media", id=post.id, title=post.title, problem=exc.user_message()
        ) from None
    card_sha = next(
        (v for v in post.card.fields.values() if media_sha(v) is not None),
        post.media[0].sha256 if post.media else "",
    )
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
            pid, platform.hashtag_limit
        )
    for rel in list(alt):
        texts[rel[: -len(".jpg")] + ".alt.txt"] = alt[rel]
    task = PostTask(
        post_id=post.id,
        title=post.title,
        template_id=template_id if template else "",
        fields=fields,
        photos=photos,
        targets=targets,
        tmp_dir=str(tmp),
        brand_overlay=brand_overlay,
        draft_mark=t("export.draft_mark") if draft else None,
    )
    return _Plan(
        post,
        name,
        _inside(out_dir, name),
        tmp,
        task,
        texts,
        alt,
        template_id,
        template.version if template is not None else None,
        draft,
        workspace.rules(),
    )


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
        records.append(
            {
                "path": rel,
                "kind": kind,
                "platform": platform,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return records


def _manifest(
    plan: _Plan, files: list[dict[str, Any]], card_reports: dict[str, Any]
) -> dict[str, Any]:
    post = plan.post
    data = post_to_dict(post)
    approval = data.get("approval")
    return {
        "schema": MANIFEST_SCHEMA,
        "app": "Sumbar Studio",
        "app_version": __version__,
        "exported_at": to_wib(now_utc()).isoformat(timespec="seconds"),
        "post": {
            "id": post.id,
            "title": post.title,
            "version": post.version,
            "status": str(post.status),
            "status_label": post.status.label(),
        },
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


def _finish(
    plan: _Plan,
    rendered: tuple[list[dict[str, Any]], dict[str, Any]],
    make_zip: bool,
    started: float,
) -> BundleResult:
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
    return BundleResult(
        plan.post.id,
        plan.post.title,
        plan.name,
        plan.final,
        manifest["files"],
        plan.draft,
        zip_path,
        time.perf_counter() - started,
    )


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
    write_text_atomic(
        journal, json.dumps({"final": final.name, "old": old.name, "new": tmp.name}), private=False
    )
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
        names = "; ".join(f'#{p.id} "{p.title}" ({p.status.label()})' for p in refused[:5])
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

    bundle_names = _unique_names(posts, out)
    plans: list[_Plan] = []
    try:
        for post, name in zip(posts, bundle_names, strict=True):
            plans.append(
                _plan_bundle(workspace, post, out, name, not is_approved(post), brand_overlay)
            )
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


def _run(
    plans: list[_Plan],
    make_zip: bool,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
) -> list[BundleResult]:
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
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_mp_context(),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    try:
        futures: dict[Future, int] = {
            pool.submit(render_post_images, p.task): i for i, p in enumerate(plans)
        }
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
