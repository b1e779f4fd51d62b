"""The wheel carries assets/ and templates/, found the same way as from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_data_and_entry_points(tmp_path):
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("sumbar_studio-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "sumbar_studio/assets/platforms.json",
        "sumbar_studio/assets/i18n/id/errors.json",
        "sumbar_studio/assets/icons/app.svg",
        "sumbar_studio/core/resources.py",
    ):
        assert required in names
    assert any(n.startswith("sumbar_studio/templates/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "sumbar-studio = sumbar_studio.cli:main" in text
    assert "[gui_scripts]" in text

    # installed layout: resources resolve inside the package folder
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sumbar_studio.core.resources as r; print(r.asset_path('platforms.json'))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": ""},
    )
    assert probe.returncode == 0, probe.stderr
    assert Path(probe.stdout.strip()) == target / "sumbar_studio" / "assets" / "platforms.json"
