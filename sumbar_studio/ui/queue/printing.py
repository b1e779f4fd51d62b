"""Print the weekly content plan through QPrintPreviewDialog (to a printer or to PDF)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from ...core.i18n import t
from ...core.timeutil import format_week_range


def plan_html(workspace, year: int, week: int) -> str:
    from ...core.plan import build_plan, render_plan_html

    return render_plan_html(build_plan(workspace, year, week))


def open_plan_preview(workspace, year: int, week: int, parent=None) -> QPrintPreviewDialog:
    """Build the plan once, then open a non-blocking preview that paints it on demand."""
    from ...printing.plan_pdf import print_plan

    html = plan_html(workspace, year, week)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(t("queue.plan_doc_name", week=f"{year}-W{week:02d}"))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("planPreview")
    dialog.setWindowTitle(t("queue.print_preview_title", week=format_week_range(year, week)))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.pages_painted = 0

    def paint(target: QPrinter) -> None:
        dialog.pages_painted = print_plan(html, target)

    dialog.paintRequested.connect(paint)
    dialog.html = html
    dialog.resize(1000, 760)
    dialog.open()
    return dialog
