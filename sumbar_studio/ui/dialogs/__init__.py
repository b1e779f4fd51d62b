"""Dialogs of the queue and settings: workflow, export progress, CSV import, welcome, backup.

Every dialog is shown with ``open()`` (window-modal, non-blocking) and reports through
``accepted``/``finished``, so tests never hang on a nested event loop.
"""
