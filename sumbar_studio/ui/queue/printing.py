"""The weekly content plan from the window: print preview, "Simpan sebagai PDF", printer.

Every Qt object a non-modal window uses is owned by that window: the preview and the print
dialog each create and keep their own :class:`QPrinter` (a QPrinter kept only in a local
variable is freed while the non-modal preview still paints on it — a segmentation fault).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

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
    chooser = QFileDialog(parent, t("window.plan_pdf_title", week=format_week_range(year, week)),
                          str(folder / plan_file_name(year, week)))
    chooser.setObjectName("planPdfDialog")
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chooser.setFileMode(QFileDialog.FileMode.AnyFile)
    chooser.setNameFilter(t("window.pdf_filter"))
    chooser.setDefaultSuffix("pdf")
    chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chooser.open()
    return chooser
