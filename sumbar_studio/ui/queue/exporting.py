"""Export from the queue window: a post, a day or the shown week, drafts only on request.

A helper that takes the page (the way Vorta peels concerns off a big tab). What it adds to a
plain export: it says how many unapproved posts a day/week export skips and offers to include
them (watermarked "DRAF — BELUM DISETUJUI" by core.export), it asks before replacing bundles
already in the folder (the old bundle stays until the new one is in place), and after an
export the page offers "Buka folder".
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.model import Status
from ...core.timeutil import format_plain_date, format_week_range, to_wib

READY = (Status.APPROVED, Status.SCHEDULED, Status.PUBLISHED)
UNAPPROVED = (Status.DRAFT, Status.REVIEW)


def ask(*args, **kwargs):
    """ui/ask.py's question box (loaded when first asked: the queue shows without it)."""
    from ..ask import ask as open_question

    return open_question(*args, **kwargs)


def existing_bundles(posts: list, out_dir: Path) -> list[str]:
    """Names of the bundle folders of ``posts`` that already exist in ``out_dir``."""
    from ...core.export import bundle_name

    return [bundle_name(p) for p in posts if (Path(out_dir) / bundle_name(p)).exists()]


class QueueExporter(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.workspace = page.workspace
        self.last_folder: Path | None = None

    # -- what to export ---------------------------------------------------------------------
    def export_selected(self) -> None:
        post = self.page.panel.post
        if post is None:
            self.page.show_error(t("queue.nothing_selected"))
            return
        if post.status in READY:
            self.page.export_posts([post.id])
            return
        self.page.last_question = ask(
            self.page,
            "exportDraftQuestion",
            t("window.export_title"),
            t("window.export_one_draft", title=post.title, status=post.status.label()),
            [
                (
                    "drafts",
                    t("window.export_as_draft"),
                    "accept",
                    lambda: self.page.export_posts([post.id], drafts=True),
                ),
                ("cancel", t("window.cancel"), "reject", None),
            ],
            informative=t("window.export_draft_mark"),
            default="drafts",
        )

    def day_to_export(self) -> date:
        """The day "Ekspor unggahan hari …" exports: the selected post's scheduled day, else
        today (no post selected, or one without a schedule)."""
        post = self.page.panel.post
        if post is not None and post.scheduled_at is not None:
            return to_wib(post.scheduled_at).date()
        return self.page._wib_now().date()

    def export_day(self) -> None:
        day = self.day_to_export()
        self.export_period(self.workspace.posts.day(day), format_plain_date(day))

    def export_week(self) -> None:
        year, week = self.page.week_model.year, self.page.week_model.week
        self.export_period(self.workspace.posts.week(year, week), format_week_range(year, week))

    def export_period(self, posts: list, label: str) -> None:
        """Export the approved posts of a day or week; say how many unapproved ones are left
        out and offer to include them as drafts."""
        ready = [p.id for p in posts if p.status in READY]
        drafts = [p.id for p in posts if p.status in UNAPPROVED]
        if not drafts:
            if not ready:
                self.page.show_error(t("queue.export_none_ready", period=label))
                return
            self.page.export_posts(ready)
            return
        choices = []
        if ready:
            choices.append(
                (
                    "ready",
                    t("window.export_only_ready", count=len(ready)),
                    "accept",
                    lambda: self.page.export_posts(ready),
                )
            )
        choices.append(
            (
                "drafts",
                t("window.export_with_drafts", count=len(ready) + len(drafts)),
                "action",
                lambda: self.page.export_posts(ready + drafts, drafts=True),
            )
        )
        choices.append(("cancel", t("window.cancel"), "reject", None))
        text = (
            t("window.export_skipped", count=len(drafts), ready=len(ready), period=label)
            if ready
            else t("window.export_only_drafts", count=len(drafts), period=label)
        )
        self.page.last_question = ask(
            self.page,
            "exportSkippedQuestion",
            t("window.export_title"),
            text,
            choices,
            informative=t("window.export_draft_mark"),
            default="ready" if ready else "drafts",
        )

    # -- where, and what is already there ---------------------------------------------------
    def export_folder(self) -> Path:
        base = os.environ.get("SUMBAR_EXPORT_DIR")
        if base:
            return Path(base)
        return Path.home() / "Sumbar Studio" / "Ekspor"

    def start_folder(self) -> Path:
        """Where the folder and file dialogs open: the last export's folder, else the export
        folder (made when missing: a missing folder would be typed in as a file name)."""
        start = self.last_folder or self.export_folder()
        try:
            start.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path.home()
        return start

    def export_posts(
        self,
        post_ids: list[int],
        out_dir: Path | None = None,
        *,
        ask_folder: bool = True,
        drafts: bool = False,
    ):
        """Ask for the folder (non-blocking) unless ``out_dir`` is given, ask before replacing
        bundles already there, then export with a cancellable progress dialog. Returns the
        dialog opened (folder chooser, question or progress)."""
        if out_dir is None and ask_folder:
            from PySide6.QtWidgets import QFileDialog

            chooser = QFileDialog(
                self.page, t("queue.export_choose_folder"), str(self.start_folder())
            )
            chooser.setObjectName("exportFolderDialog")
            chooser.setFileMode(QFileDialog.FileMode.Directory)
            chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
            chooser.fileSelected.connect(
                lambda path: self.page.export_posts(post_ids, Path(path), drafts=drafts)
            )
            chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.page._keep(chooser)
            chooser.open()
            return chooser
        out_dir = Path(out_dir or self.export_folder())
        try:
            posts = [self.workspace.posts.get(pid) for pid in post_ids]
        except SumbarError as err:
            self.page.show_error(err.user_message())
            return None
        there = existing_bundles(posts, out_dir)
        if there:
            shown = "\n".join(f"• {name}" for name in there[:6])
            if len(there) > 6:
                shown += "\n" + t("window.and_more", count=len(there) - 6)
            box = ask(
                self.page,
                "exportOverwriteQuestion",
                t("window.export_title"),
                t("window.export_overwrite", count=len(there), path=str(out_dir)),
                [
                    (
                        "replace",
                        t("window.export_replace"),
                        "destructive",
                        lambda: self._start(posts, out_dir, drafts),
                    ),
                    ("cancel", t("window.cancel"), "reject", None),
                ],
                informative=shown + "\n\n" + t("window.export_replace_hint"),
                default="cancel",
            )
            self.page.last_question = box
            return box
        return self._start(posts, out_dir, drafts)

    def _start(self, posts: list, out_dir: Path, drafts: bool):
        from ..dialogs.export_progress import ExportDialog

        dialog = ExportDialog(self.workspace, posts, out_dir, self.page, allow_unapproved=drafts)
        dialog.exported.connect(self.page._exported)
        self.page._keep(dialog)
        dialog.open()
        dialog.start()
        return dialog

    # -- after -------------------------------------------------------------------------------
    def open_folder(self) -> bool:
        if self.last_folder is None:
            return False
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_folder)))
