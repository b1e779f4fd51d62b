"""Running the real CLI as a subprocess (with this checkout first on the path) and checking the
promise of one translated line on stderr, exit 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("SUMBAR_LANG", None)
    env.update(extra)
    return env


def run_cli(
    *args, timeout: float = 300, preexec_fn=None, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sumbar_studio", *map(str, args)],
        capture_output=True,
        text=True,
        env=cli_env(**env),
        preexec_fn=preexec_fn,
        timeout=timeout,
    )


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]
