"""Health report for ``sumbar-studio doctor`` and the UI's About/diagnostics dialog."""

from __future__ import annotations

import platform as _platform
import sys
from dataclasses import dataclass, field

from PIL import ImageFont, features

from .. import __version__
from .cards import text_engine_info
from .i18n import t
from .resources import asset_path


@dataclass
class Check:
    name: str
    ok: bool
    value: str
    hint: str = ""
    critical: bool = False  # a workspace problem (data at risk): doctor exits non-zero


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def healthy(self) -> bool:
        """No integrity, schema or media problem (missing optional libraries do not count)."""
        return all(c.ok for c in self.checks if c.critical)

    def add(self, name: str, ok: bool, value: str, hint: str = "", critical: bool = False) -> None:
        self.checks.append(Check(name, ok, value, hint, critical))


def _schema_state(workspace) -> tuple[int, list[str]]:
    """(schema version, names of app tables that are missing or not tables)."""
    return workspace.store.schema_state()


def keyring_backend() -> tuple[bool, str]:
    """(usable, description) of the OS keyring backend, without storing anything."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:  # keyring's backend discovery can raise many things
        return False, str(exc)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    usable = not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0
    return usable, name


def font_files() -> list[tuple[str, bool]]:
    result = []
    for path in sorted(asset_path("fonts").glob("**/*.[ot]tf")):
        try:
            ImageFont.truetype(str(path), 12)
            result.append((path.name, True))
        except OSError:
            result.append((path.name, False))
    return result


def _media_check(r: Report, workspace) -> None:
    """Every library photo still hashes to the SHA-256 approvals vouch for (#15 item 7)."""
    problems = workspace.media.verify_all()
    count = len(workspace.repository.media_rows())
    if not problems:
        r.add(
            t("approval_guard.doctor_media"), True, t("approval_guard.doctor_media_ok", count=count)
        )
        return
    items = []
    for sha, name, problem in problems:
        posts = workspace.repository.posts_using_media(sha)
        listed = ", ".join(f'#{pid} "{title}"' for pid, title in posts[:5])
        items.append(
            t(
                "approval_guard.doctor_media_item",
                name=name,
                sha=sha[:12],
                problem=t(f"approval_guard.problem_{problem}"),
                posts=listed or t("approval_guard.none"),
            )
        )
    r.add(
        t("approval_guard.doctor_media"),
        False,
        t(
            "approval_guard.doctor_media_bad",
            bad=len(problems),
            count=count,
            items="; ".join(items),
        ),
        t("approval_guard.doctor_media_hint"),
        critical=True,
    )


def _server_checks(r: Report, workspace) -> None:
    """The team server: version, TLS, who this desk is there, latency, schema version."""
    facts = workspace.server_facts()
    r.add(t("doctor.server"), True, f"{workspace.label()} (PostgreSQL {facts.server_version})")
    local_socket = (workspace.conn.info.host or "").startswith("/")
    r.add(
        t("doctor.server_tls"),
        facts.tls or local_socket,
        t("cli_team.tls_on", version=facts.tls_version)
        if facts.tls
        else t("doctor.server_socket" if local_socket else "cli_team.tls_off"),
        "" if facts.tls or local_socket else t("doctor.server_tls_hint"),
    )
    r.add(
        t("doctor.server_login"),
        bool(facts.roles) and bool(facts.person),
        f"{facts.login} ({facts.person or '-'}; {', '.join(facts.roles) or '-'})",
        "" if facts.person else t("team.not_staff"),
    )
    r.add(t("doctor.server_latency"), facts.latency_ms < 200, f"{facts.latency_ms:.1f} ms")


def build_report(workspace=None) -> Report:
    r = Report()
    r.add(
        t("doctor.app"),
        True,
        f"Sumbar Studio {__version__}, Python {sys.version.split()[0]}, {_platform.system()}",
    )
    if workspace is not None and workspace.is_team:
        _server_checks(r, workspace)
    if workspace is not None:
        r.add(
            t("doctor.desk_folder" if workspace.is_team else "doctor.workspace"),
            True,
            str(workspace.path),
        )
        backups = workspace.backups()
        restore_hint = (
            t("doctor.restore_hint", backup=str(backups[0]))
            if backups
            else t("doctor.restore_hint_none")
        )
        integrity = workspace.integrity_check()
        r.add(
            t("doctor.integrity"),
            integrity == "ok",
            integrity,
            "" if integrity == "ok" else restore_hint,
            critical=True,
        )
        version, missing = _schema_state(workspace)
        expected = workspace.store.current_schema_version

        schema_ok = version == expected and not missing
        r.add(
            t("doctor.schema"),
            schema_ok,
            f"{version} / {expected}" + (f" ({', '.join(missing)})" if missing else ""),
            "" if schema_ok else restore_hint,
            critical=True,
        )
        try:
            r.add(t("doctor.posts"), True, str(workspace.posts.count()))
        except workspace.store.errors as exc:
            r.add(t("doctor.posts"), False, str(exc), restore_hint, critical=True)
        _media_check(r, workspace)
        r.add(
            t("doctor.backups"),
            True,
            f"{len(backups)}" + (f" ({backups[0].name})" if backups else ""),
        )
    raqm = features.check("raqm")
    r.add(
        t("doctor.raqm"),
        bool(raqm),
        (
            t("doctor.raqm_yes", version=features.version("raqm") or "?")
            if raqm
            else t("doctor.raqm_no")
        ),
        "" if raqm else t("doctor.raqm_hint"),
    )
    fonts = font_files()
    bad = [name for name, ok in fonts if not ok]
    r.add(
        t("doctor.fonts"),
        bool(fonts) and not bad,
        ", ".join(name for name, _ in fonts) or t("doctor.none"),
        t("doctor.fonts_bad", names=", ".join(bad)) if bad else "",
    )
    info = text_engine_info()  # the card renderer's view of shaping and emoji
    r.add(t("doctor.text_engine"), True, ", ".join(f"{k}: {v}" for k, v in info.items()))
    usable, name = keyring_backend()
    r.add(t("doctor.keyring"), usable, name, "" if usable else t("doctor.keyring_hint"))
    return r
