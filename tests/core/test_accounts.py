"""Account passwords live only in the OS keyring.

The real-backend tests talk to gnome-keyring's Secret Service. The ``secret_service`` fixture
uses a session bus that already has an unlocked Secret Service (for example when the suite runs
under ``dbus-run-session`` with ``gnome-keyring-daemon --unlock``); otherwise it starts a private
``dbus-daemon`` and an unlocked ``gnome-keyring-daemon`` (empty password on stdin) in a
temporary home. When neither works the tests are skipped with the reason — unless
``SUMBAR_REQUIRE_KEYRING=1`` (CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from sumbar_studio.core.accounts import CredentialStore, KeyringUnavailable, account_key
from sumbar_studio.core.model import Post
from sumbar_studio.core.settings import OfficialAccount

REQUIRE = os.environ.get("SUMBAR_REQUIRE_KEYRING") == "1"


def _secret_service_backend():
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    if backend.priority <= 0:  # raises when the service is unreachable
        raise RuntimeError("Secret Service priority <= 0")
    probe = f"probe-{uuid.uuid4().hex}"
    backend.set_password("SumbarStudio-probe", probe, "x")
    ok = backend.get_password("SumbarStudio-probe", probe) == "x"
    backend.delete_password("SumbarStudio-probe", probe)
    if not ok:
        raise RuntimeError("Secret Service did not read back a probe")
    return backend


def _start_private_keyring(home: Path) -> tuple[dict, int]:
    """Start a session bus and an unlocked gnome-keyring; returns (env, dbus pid)."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed")
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    ).stdout.split()
    address, pid = out[0], int(out[1])
    env = {
        "DBUS_SESSION_BUS_ADDRESS": address,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home / "run"),
    }
    (home / "data" / "keyrings").mkdir(parents=True)
    (home / "run").mkdir(mode=0o700)
    result = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="\n",
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, **env},
    )
    if result.returncode != 0:
        os.kill(pid, signal.SIGTERM)
        raise RuntimeError(f"gnome-keyring-daemon failed: {result.stderr.strip()}")
    for line in result.stdout.splitlines():
        key, _, value = line.partition("=")
        if key and value:
            env[key] = value
    return env, pid


def _private_keyring_backend(tmp_path_factory):
    """A private, unlocked gnome-keyring: (backend, dbus pid). On a loaded machine the daemon
    can still be creating its login collection when the first probe comes (the probe's own
    collection request is then "dismissed"), so the probe is retried, and the daemon restarted,
    a bounded number of times."""
    last: Exception | None = None
    for _attempt in range(3):
        for key in ("GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK"):
            os.environ.pop(key, None)  # else --unlock talks to the previous attempt's daemon
        home = tmp_path_factory.mktemp("keyring-home")
        env, pid = _start_private_keyring(home)
        os.environ.update(env)
        login = home / "data" / "keyrings" / "login.keyring"
        deadline = time.monotonic() + 15
        while not login.exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the unlocked login collection is being created
        for _probe in range(10):
            try:
                return _secret_service_backend(), pid
            except Exception as exc:  # not ready yet, or this daemon is stuck
                last = exc
                time.sleep(0.3)
        os.kill(pid, signal.SIGTERM)
    assert last is not None
    raise last


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory):
    try:
        yield _secret_service_backend()
        return
    except Exception as existing_error:
        first = f"{type(existing_error).__name__}: {existing_error}"
    saved = {
        k: os.environ.get(k)
        for k in (
            "DBUS_SESSION_BUS_ADDRESS",
            "HOME",
            "XDG_DATA_HOME",
            "XDG_RUNTIME_DIR",
            "GNOME_KEYRING_CONTROL",
            "SSH_AUTH_SOCK",
        )
    }
    pid = None
    try:
        backend, pid = _private_keyring_backend(tmp_path_factory)
    except Exception as exc:
        reason = (
            f"no reachable Secret Service (session bus: {first}; private gnome-keyring:"
            f" {type(exc).__name__}: {exc})"
        )
        if pid:
            os.kill(pid, signal.SIGTERM)
        _restore(saved)
        if REQUIRE:
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield backend
    finally:
        _restore(saved)
        os.kill(pid, signal.SIGTERM)  # gnome-keyring-daemon exits with its session bus


def _restore(saved: dict) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _files_containing(root: Path, needle: str) -> list[Path]:
    patterns = [needle.encode("utf-8"), needle.encode("utf-16-le")]
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(p in data for p in patterns):
                hits.append(path)
    return hits


def test_credentials_round_trip_through_the_secret_service(secret_service, workspace, tmp_path):
    secret = f"Rahasia-{uuid.uuid4().hex}"
    account = OfficialAccount(
        "instagram", "@dprdsumbar_uji", "https://instagram.com/dprdsumbar", True, "Rina"
    )
    store = CredentialStore(secret_service, service=f"SumbarStudio-test-{uuid.uuid4().hex[:8]}")
    assert store.available()
    team = workspace.team_settings()
    team.accounts = [account]
    workspace.save_team_settings(team)
    store.set(account, secret)
    assert store.get(account) == secret
    assert store.has(account)
    # the register, the database, its backups and exports-to-be hold no trace of it
    workspace.posts.add(Post(title="Akun resmi", caption="Ikuti @dprdsumbar_uji"), "Rina")
    workspace.backup("manual")
    assert _files_containing(workspace.path, secret) == []
    config = Path(os.environ["SUMBAR_CONFIG_DIR"])
    assert _files_containing(config, secret) == []
    # a handle change moves the secret; forgetting removes it
    renamed = OfficialAccount("instagram", "@dprdsumbar_baru")
    store.rename(account, renamed)
    assert store.get(renamed) == secret and store.get(account) is None
    store.delete(renamed)
    assert store.get(renamed) is None
    store.delete(renamed)  # forgetting twice is harmless


def test_no_backend_means_a_clear_error_and_nothing_stored(workspace):
    from keyring.backends import fail

    store = CredentialStore(fail.Keyring())
    account = OfficialAccount("x", "@dprdsumbar")
    assert not store.available()
    with pytest.raises(KeyringUnavailable) as err:
        store.set(account, "jangan-disimpan-123")
    assert "tidak tersedia" in str(err.value)
    assert "jangan-disimpan-123" not in str(err.value)
    assert _files_containing(workspace.path, "jangan-disimpan-123") == []


def test_account_key_is_stable():
    assert account_key(OfficialAccount("instagram", " @DPRDSumbar ")) == "instagram:dprdsumbar"


def test_handles_in_any_spelling_are_one_account():
    from sumbar_studio.core.accounts import account_key, duplicate_accounts

    spellings = ["@BeritaDPRD", "beritadprd", " @beritaDPRD ", "＠ＢｅｒｉｔａＤＰＲＤ"]
    accounts = [OfficialAccount("instagram", h) for h in spellings]
    assert {account_key(a) for a in accounts} == {"instagram:beritadprd"}
    assert duplicate_accounts(accounts) == ["instagram:beritadprd"]
    assert duplicate_accounts([OfficialAccount("x", "@a"), OfficialAccount("instagram", "a")]) == []
