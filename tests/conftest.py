"""Shared test set-up: offscreen Qt, isolated config and workspace folders, a clean language."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SUMBAR_LANG", None)

import pytest  # noqa: E402

from sumbar_studio.core import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory, monkeypatch):
    """Every test gets its own config folder and default workspace, and Indonesian messages."""
    monkeypatch.setenv("SUMBAR_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("SUMBAR_WORKSPACE", str(tmp_path_factory.mktemp("ws") / "workspace"))
    i18n.set_language("id")
    yield
    i18n.set_language("id")


@pytest.fixture
def workspace(tmp_path):
    from sumbar_studio.core.workspace import Workspace

    ws = Workspace.open(tmp_path / "ws")
    yield ws
    ws.close()
