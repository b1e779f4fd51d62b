"""The log file's handler: rotating, and private like the workspace.

Its own module so that ``logging.handlers`` (and with it socket, pickle and queue, about 8 ms)
loads when the log is first written -- after the window is up, or at the first error -- not
before the first paint (see excepthook.setup_logging).
"""

from __future__ import annotations

import logging.handlers

from ..core.fileutil import make_private


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log may hold titles, names and paths: private like the workspace (0600), also
    every file a rotation starts."""

    def _open(self):
        stream = super()._open()
        make_private(self.baseFilename)
        return stream
