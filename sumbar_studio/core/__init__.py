"""Qt-free domain core of Sumbar Studio.

Nothing under this package may import PySide6 (checked by import-linter in CI and by
tests/core/test_boundary.py). The CLI, the UI and the tests all go through these services.
"""
