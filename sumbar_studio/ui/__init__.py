"""PySide6 user interface: widgets, item models, dialogs. Business logic stays in core/."""
