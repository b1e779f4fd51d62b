"""Printing: HTML documents painted onto pages with QtGui/QtPrintSupport (no widgets)."""
