"""The weekly content plan from the window: print preview, "Simpan sebagai PDF", printer.

Every Qt object a non-modal window uses is owned by that window: the preview and the print
dialog each create and keep their own :class:`QPrinter` (a QPrinter kept only in a local
variable is freed while the non-modal preview still paints on it — a segmentation fault).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from ...core.errors import SumbarError
from ...core.i18n import t
from ...core.timeutil import format_week_range


def plan_html(workspace, year: int, week: int) -> str:
    from ...core.plan import build_plan, render_plan_html

    return render_plan_html(build_plan(workspace, year, week))


def plan_file_name(year: int, week: int) -> str:
    """``rencana-konten-2026-W50.pdf`` (the CLI's demo uses the same name)."""
    return f"rencana-konten-{year}-W{week:02d}.pdf"


def _new_printer(year: int, week: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(t("queue.plan_doc_name", week=f"{year}-W{week:02d}"))
    return printer


class PlanPreviewDialog(QPrintPreviewDialog):
    """A non-modal print preview that owns its printer (``self.printer``) for its lifetime."""

    def __init__(self, html: str, year: int, week: int, parent=None):
        printer = _new_printer(year, week)
        super().__init__(printer, parent)
        self.printer = printer  # owned here: the preview paints on it until it is gone
        self.html = html
        self.pages_painted = 0
        self.setObjectName("planPreview")
        self.setWindowTitle(t("queue.print_preview_title", week=format_week_range(year, week)))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.paintRequested.connect(self._paint)
        self.resize(1000, 760)

    def _paint(self, target: QPrinter) -> None:
        from ...printing.plan_pdf import print_plan

        self.pages_painted = print_plan(self.html, target)


class PlanPrintDialog(QPrintDialog):
    """The printer chooser; prints the plan when accepted. Owns its printer."""

    def __init__(self, html: str, year: int, week: int, parent=None):
        printer = _new_printer(year, week)
        super().__init__(printer, parent)
        self.printer = printer
        self.html = html
        self.pages_printed = 0
        self.setObjectName("planPrintDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.accepted.connect(self._print)

    def _print(self) -> None:
        from ...printing.plan_pdf import print_plan

        self.pages_printed = print_plan(self.html, self.printer)


def open_plan_preview(workspace, year: int, week: int, parent=None) -> PlanPreviewDialog:
    """Build the plan once, then open a non-blocking preview that paints it on demand."""
    dialog = PlanPreviewDialog(plan_html(workspace, year, week), year, week, parent)
    dialog.open()
    return dialog


def open_plan_printer(workspace, year: int, week: int, parent=None) -> PlanPrintDialog:
    dialog = PlanPrintDialog(plan_html(workspace, year, week), year, week, parent)
    QDialog.open(dialog)  # non-blocking (PySide's QPrintDialog.open wants a receiver)
    return dialog


def save_plan_pdf(workspace, year: int, week: int, path: str | Path) -> int:
    """Write the plan of ``year``-W``week`` to ``path`` (atomically). Returns the page count."""
    from ...printing.plan_pdf import print_plan_pdf

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return print_plan_pdf(plan_html(workspace, year, week), path)
    finally:
        QApplication.restoreOverrideCursor()


def open_plan_pdf_chooser(folder: Path, year: int, week: int, parent=None) -> QFileDialog:
    """A non-blocking "save as" dialog offering ``rencana-konten-<week>.pdf`` in ``folder``;
    the caller connects ``fileSelected``."""
    chooser = QFileDialog(
        parent,
        t("window.plan_pdf_title", week=format_week_range(year, week)),
        str(folder / plan_file_name(year, week)),
    )
    chooser.setObjectName("planPdfDialog")
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chooser.setFileMode(QFileDialog.FileMode.AnyFile)
    chooser.setNameFilter(t("window.pdf_filter"))
    chooser.setDefaultSuffix("pdf")
    chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chooser.open()
    return chooser


class PlanActions(QObject):
    """The plan's three ways out of the queue window (preview, PDF, printer), for the week
    the page shows; dialogs are parented to the page and kept until they close."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page

    def _plan_week(self, year: int | None, week: int | None) -> tuple[int, int]:
        return year or self.page.week_model.year, week or self.page.week_model.week

    def print_plan(self, year: int | None = None, week: int | None = None):
        """The plan's print preview (non-blocking; it owns its printer)."""
        year, week = self._plan_week(year, week)
        try:
            dialog = open_plan_preview(self.page.workspace, year, week, self.page)
        except SumbarError as err:
            self.page.show_error(err.user_message())
            return None
        self.page._keep(dialog)
        return dialog

    def print_plan_to_printer(self, year: int | None = None, week: int | None = None):
        year, week = self._plan_week(year, week)
        try:
            dialog = open_plan_printer(self.page.workspace, year, week, self.page)
        except SumbarError as err:
            self.page.show_error(err.user_message())
            return None
        self.page._keep(dialog)
        return dialog

    def save_plan_pdf(self, year: int | None = None, week: int | None = None, path=None):
        """ "Simpan sebagai PDF": a save dialog offering rencana-konten-<week>.pdf (or straight to
        ``path``). Returns the dialog, or the page count when ``path`` was given."""
        year, week = self._plan_week(year, week)
        if path is None:
            chooser = open_plan_pdf_chooser(
                self.page.exporter.start_folder(), year, week, self.page
            )
            chooser.fileSelected.connect(lambda chosen: self.save_plan_pdf(year, week, chosen))
            self.page._keep(chooser)
            return chooser
        try:
            pages = save_plan_pdf(self.page.workspace, year, week, path)
        except (SumbarError, OSError) as err:
            detail = err.user_message() if isinstance(err, SumbarError) else str(err)
            self.page.show_error(t("window.plan_pdf_failed", path=str(path), detail=detail))
            return None
        self.page.last_plan_pdf = Path(path)
        self.page.exporter.last_folder = Path(path).parent
        self.page.open_folder_button.setVisible(True)
        self.page.status_label.setText(t("window.plan_pdf_saved", path=str(path), pages=pages))
        return pages
