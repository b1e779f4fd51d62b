"""The team's shared files on the server, mirrored into each desk's folder.

A local workspace keeps beside its database the files a team shares: ``team.json`` (people,
signatories, brand kit, official-accounts register), ``platforms.json``, ``rules/*`` (rule-list
overrides, the team dictionary) and the brand logo. In team mode the server holds them
(``sumbar.documents``, written only through ``put_document``, which checks the role and refuses
a stale write) and every desk keeps a read copy in its desk folder, so the settings, the checker
and the renderer read plain files exactly as they do in a local workspace.

- :meth:`SharedFiles.pull` brings the desk copy up to date (at open, and when the change feed
  announces a document);
- :meth:`SharedFiles.push` sends what changed on this desk since the last pull (after the
  settings are saved, a word is added to the team dictionary, ...). A file another desk changed
  meanwhile is refused (:class:`SharedFileStale`), never overwritten.

Which files were last seen at which server version is kept in ``.shared-state.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from ...errors import StaleEdit, WorkspaceError
from ...fileutil import write_bytes_atomic, write_text_atomic
from .connection import scalar
from .repository import PermissionRefused, _mapped

STATE_FILE = ".shared-state.json"
#: where a desk's own edit of a shared file is kept when the server's copy replaces it
CONFLICT_DIR = "bentrok"
#: the names a document may have (the server checks the same pattern)
NAME = re.compile(r"^(team\.json|platforms\.json|logo/[A-Za-z0-9_.-]+|rules/[A-Za-z0-9_.-]+)$")
#: the largest shared file accepted (a logo or a long word list; photos travel as media)
MAX_BYTES = 8 * 1024 * 1024


class SharedFileStale(WorkspaceError):
    """Another desk changed a shared file since this desk last read it."""


@dataclass(frozen=True)
class Document:
    name: str
    version: int
    sha256: str


def shared_names(folder: Path) -> list[str]:
    """The shareable files present in a workspace (or desk) folder, as document names."""
    names = [n for n in ("team.json", "platforms.json") if (folder / n).is_file()]
    for sub in ("rules", "logo"):
        base = folder / sub
        if base.is_dir():
            names += sorted(
                f"{sub}/{p.name}"
                for p in base.iterdir()
                if p.is_file() and NAME.match(f"{sub}/{p.name}")
            )
    return names


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SharedFiles:
    def __init__(self, server, folder: Path):
        self.server = server  # the PostgresBackend: its connection, also after a reconnect
        self.folder = Path(folder)

    @property
    def conn(self) -> psycopg.Connection:
        return self.server.conn

    # -- state ------------------------------------------------------------------------------
    def _state(self) -> dict[str, dict]:
        try:
            data = json.loads((self.folder / STATE_FILE).read_text(encoding="utf-8"))
            return {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            return {}

    def _save_state(self, state: dict[str, dict]) -> None:
        write_text_atomic(self.folder / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))

    def server_documents(self) -> dict[str, Document]:
        rows = self.conn.execute("SELECT name, version, sha256 FROM sumbar.documents").fetchall()
        return {name: Document(name, version, sha) for name, version, sha in rows}

    # -- server -> desk ---------------------------------------------------------------------
    def pull(self) -> list[str]:
        with _mapped():  # a lost server is the app's own "tidak dapat dihubungi"
            return self._pull()

    def _pull(self) -> list[str]:
        """Bring the desk copy up to date; returns the names that changed on this desk.

        A file edited on this desk and not yet pushed is kept when the server's copy did not
        change meanwhile (push sends it later); when both changed, the server wins and the
        desk's version is kept in ``bentrok/``."""
        state = self._state()
        server = self.server_documents()
        changed: list[str] = []
        for name, doc in server.items():
            seen = state.get(name)
            local = self.folder / name
            local_sha = _sha(local.read_bytes()) if local.is_file() else None
            if local_sha == doc.sha256:
                state[name] = {"version": doc.version, "sha256": doc.sha256}
                continue
            if seen and seen.get("version") == doc.version:
                continue  # only this desk changed it: push will send it
            if local_sha is not None and seen and seen.get("sha256") != local_sha:
                self._keep_conflict(name, doc.version)
            if self._take_server_copy(name, state):
                changed.append(name)
        for name in [n for n in state if n not in server]:
            local = self.folder / name
            if local.is_file() and _sha(local.read_bytes()) == state[name].get("sha256"):
                local.unlink()  # removed on the server (back to the shipped default)
                changed.append(name)
            del state[name]
        self._save_state(state)
        return changed

    def _keep_conflict(self, name: str, version: int) -> Path:
        """The desk's own copy of ``name``, kept in ``bentrok/`` before the server's replaces it."""
        target = self.folder / CONFLICT_DIR / f"{name.replace('/', '-')}.v{version}"
        write_bytes_atomic(target, (self.folder / name).read_bytes())
        return target

    # -- desk -> server ---------------------------------------------------------------------
    def pending(self) -> list[str]:
        """Names whose desk copy differs from what was last read from the server."""
        state = self._state()
        found = []
        for name in shared_names(self.folder):
            if _sha((self.folder / name).read_bytes()) != state.get(name, {}).get("sha256"):
                found.append(name)
        found += [n for n in state if not (self.folder / n).is_file()]
        return found

    def push(self) -> list[str]:
        with _mapped(denied="team.document_denied"):
            return self._push()

    def _push(self) -> list[str]:
        """Send the desk's changed shared files; returns the names sent.

        A file the login may not change, or that another desk changed meanwhile, is not sent:
        the desk copy goes back to the server's (the desk's text kept in
        ``bentrok/``) and the refusal is raised after the other files are sent
        (:class:`SharedFileStale`, or the server's permission refusal)."""
        state = self._state()
        sent: list[str] = []
        stale: list[str] = []
        refused: Exception | None = None
        for name in self.pending():
            path = self.folder / name
            body = path.read_bytes() if path.is_file() else None
            if body is not None and len(body) > MAX_BYTES:
                self._revert(name, state)
                raise WorkspaceError(
                    "team.document_too_large", name=name, limit=MAX_BYTES // 1_000_000
                )
            base = int(state.get(name, {}).get("version", 0))
            try:
                with _mapped(denied="team.document_denied"):
                    version = scalar(
                        self.conn, "SELECT sumbar.put_document(%s, %s, %s)", (name, body, base)
                    )
            except StaleEdit:  # another desk changed it since this desk last read it
                stale.append(name)
                self._revert(name, state)
                continue
            except PermissionRefused as exc:
                refused = exc
                self._revert(name, state)
                continue
            if body is None:
                state.pop(name, None)
            else:
                state[name] = {"version": version, "sha256": _sha(body)}
            sent.append(name)
        self._save_state(state)
        if stale or refused is not None:
            self.pull()  # whatever else changed meanwhile (a logo beside team.json) arrives too
        if refused is not None:
            raise refused
        if stale:
            raise SharedFileStale("team.document_stale", names=", ".join(stale))
        return sent

    def _revert(self, name: str, state: dict[str, dict]) -> None:
        """Put the server's copy of ``name`` back on this desk, keeping the desk's edit."""
        local = self.folder / name
        if local.is_file():
            current = self.server_documents().get(name)
            self._keep_conflict(name, current.version if current else 0)
        if not self._take_server_copy(name, state):
            local.unlink(missing_ok=True)  # the server has none: the shipped default applies
            state.pop(name, None)

    def _take_server_copy(self, name: str, state: dict[str, dict]) -> bool:
        """Write the server's ``name`` on this desk and note its version; False when the server
        has no such file (removed a moment ago)."""
        row = self.conn.execute(
            "SELECT body, version, sha256 FROM sumbar.documents WHERE name = %s", (name,)
        ).fetchone()
        if row is None:
            return False
        write_bytes_atomic(self.folder / name, bytes(row[0]))
        state[name] = {"version": row[1], "sha256": row[2]}
        return True


def put_all(conn: psycopg.Connection, folder: Path) -> list[str]:
    """``team push``: every shared file of a local workspace onto the server (as the owner,
    inside the caller's transaction)."""
    sent = []
    for name in shared_names(folder):
        body = (folder / name).read_bytes()
        conn.execute(
            "INSERT INTO sumbar.documents (name, body, sha256) VALUES (%s, %s, %s)"
            " ON CONFLICT (name) DO UPDATE SET body = excluded.body, sha256 = excluded.sha256,"
            " version = sumbar.documents.version + 1, updated_at = now()",
            (name, body, _sha(body)),
        )
        conn.execute(
            "INSERT INTO sumbar.document_history (name, version, sha256)"
            " SELECT name, version, sha256 FROM sumbar.documents WHERE name = %s",
            (name,),
        )
        sent.append(name)
    return sent


def write_all(conn: psycopg.Connection, folder: Path) -> list[str]:
    """``team pull``: every shared file from the server into a local workspace folder."""
    written = []
    for name, body in conn.execute("SELECT name, body FROM sumbar.documents ORDER BY name"):
        if NAME.match(name):
            write_bytes_atomic(Path(folder) / name, bytes(body))
            written.append(name)
    return written
