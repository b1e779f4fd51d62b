"""A throwaway PostgreSQL server on a Unix socket, for tests, benchmarks and trying team mode.

Uses the distribution's binaries (Debian keeps them in ``/usr/lib/postgresql/<ver>/bin``, not on
PATH). ``initdb`` refuses to run as root, so when we are root (as CI is) every server command runs
through ``runuser -u postgres --`` and the data directory is handed to that user. The socket
lives in a short ``/tmp`` directory: a socket path over ~107 bytes cannot be bound.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SERVER_USER = "postgres"  # the OS account that owns the cluster when we run as root
SUPERUSER = "postgres"  # the database superuser initdb creates


def find_bindir() -> Path | None:
    """The newest PostgreSQL binary folder that has initdb, pg_ctl and postgres, or None."""
    env = os.environ.get("SUMBAR_PG_BINDIR")
    if env:  # an explicit choice is the only one looked at
        path = Path(env)
        return (
            path if all((path / exe).exists() for exe in ("initdb", "pg_ctl", "postgres")) else None
        )
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    which = shutil.which("pg_ctl")
    if which:
        candidates.append(str(Path(which).parent))
    for folder in candidates:
        path = Path(folder)
        if all((path / exe).exists() for exe in ("initdb", "pg_ctl", "postgres")):
            return path
    return None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class LocalServer:
    """One private cluster: ``start()``, connect with :meth:`conninfo`, ``stop()``."""

    bindir: Path
    port: int = 5432
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="sbpg-", dir="/tmp")))
    running: bool = False

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def sockdir(self) -> Path:
        return self.root

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if _is_root():
            cmd = ["runuser", "-u", SERVER_USER, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)

    def start(self) -> LocalServer:
        if _is_root():
            shutil.chown(self.root, SERVER_USER, SERVER_USER)
        os.chmod(self.root, 0o755)  # the client (root or not) reaches the socket
        done = self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        options = (
            f"-c listen_addresses='' -k {self.sockdir} -p {self.port} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
            " -c shared_buffers=128MB"
        )
        done = self._run(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        if done.returncode:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")
        self.running = True
        return self

    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"host={self.sockdir} port={self.port} dbname={dbname} user={user}"

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.datadir), "-m", "fast", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
