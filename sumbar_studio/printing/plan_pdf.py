"""Print the weekly content plan (HTML from core.plan) to PDF or a printer, A4 landscape.

QtGui/QtPrintSupport only, no widgets: a QTextDocument laid out at the page's width, painted
page by page onto a QPainter (QPdfWriter for PDF, QPrinter for a printer) with a running
header and the footer "Halaman X dari N". Posts are never split across pages: every post is its
own top-level table in the HTML, and before painting each table that would cross a page
boundary gets a page break before it (QTextDocument honours ``page-break-before`` but not
reliably ``page-break-inside: avoid``).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from ..core.i18n import t
from ..core.resources import template_path

PDF_RESOLUTION = 300
DOC_DPI = 96  # the document is laid out in 96-dpi pixels and scaled onto the device
MARGINS_MM = QMarginsF(12, 10, 12, 10)
HEADER_MM = 7.0
FOOTER_MM = 7.0
#: The plan is set in Noto Sans (TrueType, shipped in templates/plan/fonts): Qt's PDF engine
#: writes a broken ToUnicode map for CFF/OpenType fonts such as Inter, so text copied or
#: searched in the PDF would read "Jam )WIB+" instead of "Jam (WIB)".
FONT_FAMILY = "Noto Sans"
FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
_fonts_loaded = False


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if app is not None:
        _load_fonts()  # the desktop app's QApplication needs the plan's fonts too
        return app  # type: ignore[return-value]
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(sys.argv[:1] or ["sumbar-studio"])
    _load_fonts()
    return app


def _load_fonts() -> None:
    global _fonts_loaded
    if _fonts_loaded:
        return
    for name in FONT_FILES:
        path = template_path("plan", "fonts", name)
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))
    _fonts_loaded = True


def page_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def _mm_to_device(mm: float, dpi: int) -> float:
    return mm / 25.4 * dpi


def _build_document(html: str, width: float, page_height: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    _load_local_images(doc)
    doc.setPageSize(QSizeF(width, page_height))
    keep_tables_whole(doc, page_height)
    return doc


def _load_local_images(doc: QTextDocument) -> None:
    """Register every ``file:`` image as a document resource (blocks inside tables included:
    the document's block list is flat)."""
    block = doc.begin()
    seen: set[str] = set()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                name = fmt.toImageFormat().name()
                if name not in seen:
                    seen.add(name)
                    url = QUrl(name)
                    path = url.toLocalFile() if url.isLocalFile() else name
                    image = QImage(path)
                    if not image.isNull():
                        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            it += 1
        block = block.next()


DAY_HEADING_COLOR = "#17181a"  # the dark band of a day's heading row (weekly.html.j2)


def _is_day_table(table) -> bool:
    return (
        isinstance(table, QTextTable)
        and table.cellAt(0, 0).format().background().color().name() == DAY_HEADING_COLOR
    )


def _is_post_table(table) -> bool:
    """A table holding one post: its first cell is the time ("09.00")."""
    return (
        isinstance(table, QTextTable)
        and not _is_day_table(table)
        and re.fullmatch(r"\d{2}\.\d{2}", _cell_text(table, 0, 0).strip()) is not None
    )


def _cell_text(table: QTextTable, row: int, col: int) -> str:
    cell = table.cellAt(row, col)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _add_continued_heading(table: QTextTable, day_label: str) -> None:
    """Repeat the day's heading band on top of a post table that starts a new page."""
    table.insertRows(0, 1)
    table.mergeCells(0, 0, 1, table.columns())
    cell = table.cellAt(0, 0)
    cell_format = cell.format()
    cell_format.setBackground(QColor(DAY_HEADING_COLOR))
    cell.setFormat(cell_format)
    text_format = QTextCharFormat()
    text_format.setForeground(QColor("#FFFFFF"))
    text_format.setFontWeight(QFont.Weight.Bold)
    text_format.setFontPointSize(10)
    cell.firstCursorPosition().insertText(t("plan.day_continued", day=day_label), text_format)


def keep_tables_whole(doc: QTextDocument, page_height: float) -> int:
    """Paginate the plan: a post never splits, and a day never continues unnamed.

    Every top-level table that would straddle a page boundary gets a page break before it (a
    table taller than a page is left to split). A post table that starts a page in the middle
    of a day gets the day's heading again ("Rabu, 2 Desember 2026 (lanjutan)"), so each signed
    page reads on its own. Returns how many page breaks were inserted.
    """
    layout = doc.documentLayout()
    frames = list(doc.rootFrame().childFrames())
    inserted = 0
    day_label = ""
    previous_bottom_page = -1
    for frame in frames:
        if _is_day_table(frame):
            day_label = _cell_text(frame, 0, 0).split("\u00a0\u00a0")[0].strip()
        rect = layout.frameBoundingRect(frame)
        first_page = int(rect.top() // page_height)
        last_page = int((rect.bottom() - 0.5) // page_height)
        fmt = frame.frameFormat()
        already = bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if first_page != last_page and rect.height() <= page_height * 0.95 and not already:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFrameFormat(fmt)
            inserted += 1
            layout.documentSize()  # re-layout before measuring again
            rect = layout.frameBoundingRect(frame)
            first_page = int(rect.top() // page_height)
        starts_page = first_page > previous_bottom_page >= 0
        if starts_page and day_label and _is_post_table(frame):
            _add_continued_heading(frame, day_label)
            layout.documentSize()
            rect = layout.frameBoundingRect(frame)
        previous_bottom_page = int((rect.bottom() - 0.5) // page_height)
    return inserted


def paint_document(
    html: str, device: QPagedPaintDevice, *, running_header: str = "", resolution: int | None = None
) -> int:
    """Lay out ``html`` for ``device``'s page and paint every page; return the page count."""
    ensure_gui_app()
    _load_fonts()
    device.setPageLayout(page_layout())
    dpi = resolution or device.logicalDpiX()
    paint_rect = device.pageLayout().paintRectPixels(dpi)  # inside the margins, device pixels
    header_h = _mm_to_device(HEADER_MM, dpi)
    footer_h = _mm_to_device(FOOTER_MM, dpi)
    scale = dpi / DOC_DPI
    content_w = paint_rect.width() / scale
    content_h = (paint_rect.height() - header_h - footer_h) / scale
    doc = _build_document(html, content_w, content_h)
    pages = max(1, doc.pageCount())

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("QPainter.begin failed")
    try:
        small = QFont(FONT_FAMILY)
        small.setPointSizeF(7.0)
        for page in range(pages):
            if page:
                device.newPage()
            # header and footer, in device pixels (origin: top-left of the paint rect)
            painter.save()
            painter.setFont(small)
            painter.setPen(QPen(QColor("#5E6166")))
            width = paint_rect.width()
            if page and running_header:
                painter.drawText(
                    QRectF(0, 0, width, header_h * 0.8),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    running_header,
                )
                painter.setPen(QPen(QColor("#D9D5CE"), max(1.0, dpi / 150)))
                painter.drawLine(QPointF(0, header_h * 0.85), QPointF(width, header_h * 0.85))
            footer_top = paint_rect.height() - footer_h
            painter.setPen(QPen(QColor("#D9D5CE"), max(1.0, dpi / 150)))
            painter.drawLine(
                QPointF(0, footer_top + footer_h * 0.2), QPointF(width, footer_top + footer_h * 0.2)
            )
            painter.setPen(QPen(QColor("#5E6166")))
            painter.drawText(
                QRectF(0, footer_top + footer_h * 0.25, width, footer_h * 0.75),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                t("plan.page_of", page=page + 1, pages=pages),
            )
            painter.restore()
            # the document slice of this page
            painter.save()
            painter.translate(0, header_h)
            painter.scale(scale, scale)
            painter.translate(0, -page * content_h)
            clip = QRectF(0, page * content_h, content_w, content_h)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return pages


def print_plan_pdf(
    html: str, out_path: str | Path, *, logo: Path | None = None, running_header: str | None = None
) -> int:
    """Write the plan as a PDF, atomically (temporary file, then rename). Returns pages."""
    del logo  # the logo is referenced from the HTML; kept for API symmetry
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from ..core.fileutil import write_bytes_atomic

    ensure_gui_app()
    out = Path(out_path).expanduser()
    # Qt writes into memory (its own file writes ignore a full disk); the core's atomic writer
    # then writes every byte with its count checked, so a truncated PDF never replaces a good one
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(_title_of(html))
    writer.setCreator("Sumbar Studio")
    pages = paint_document(
        html, writer, running_header=_header(html, running_header), resolution=PDF_RESOLUTION
    )
    del writer  # finishes the PDF
    buffer.close()
    pdf = bytes(data.data())
    if not pdf.rstrip().endswith(b"%%EOF"):
        raise OSError(f"incomplete PDF ({len(pdf)} bytes)")
    write_bytes_atomic(out, pdf, private=False)
    return pages


def print_plan(html: str, printer, *, running_header: str | None = None) -> int:
    """Print on a configured QPrinter (from a print dialog or by name). Returns pages."""
    return paint_document(
        html, printer, running_header=_header(html, running_header), resolution=printer.resolution()
    )


def print_plan_to_printer(html: str, printer_name: str, *, logo: Path | None = None) -> int:
    del logo
    ensure_gui_app()
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    known = QPrinterInfo.availablePrinterNames()
    if printer_name not in known:  # Qt would accept the name and fail only when painting
        from ..core.errors import InvalidInput

        raise InvalidInput(
            "files.printer_unknown", name=printer_name, names=", ".join(known) or "-"
        )
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    if not printer.isValid():
        from ..core.errors import InvalidInput

        raise InvalidInput("errors.invalid_input", detail=f"printer {printer_name!r}")
    return print_plan(html, printer)


def _title_of(html: str) -> str:
    start, end = html.find("<title>"), html.find("</title>")
    if start < 0 or end < start:
        return "Rencana Konten"
    import html as htmllib

    return htmllib.unescape(html[start + 7 : end]).strip()


def _header(html: str, given: str | None) -> str:
    if given is not None:
        return given
    return f"DPRD Provinsi Sumatera Barat — {_title_of(html)}"
