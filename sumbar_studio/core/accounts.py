"""Login credentials of the institution's official accounts, kept only in the OS keyring.

The register itself (platform, handle, profile URL, verified, responsible officer) is ordinary
team data in ``team.json`` (settings.OfficialAccount). The password is never there: it goes to
the OS keyring (Windows Credential Manager, macOS Keychain, Secret Service on Linux) through
``keyring``, under the service name ``SumbarStudio`` and the key ``<platform>:<handle>``.
Nothing here logs, returns in an error or writes a secret anywhere else. Where no usable
keyring backend exists, every call that would store raises :class:`KeyringUnavailable` and
nothing is stored (no plaintext fallback, ever).
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import replace

from .errors import SumbarError
from .settings import OfficialAccount

SERVICE = "SumbarStudio"
log = logging.getLogger(__name__)


class KeyringUnavailable(SumbarError):
    message_id = "settings.keyring_unavailable"


class CredentialError(SumbarError):
    message_id = "settings.keyring_failed"


def normalized_handle(handle: str) -> str:
    """``"@BeritaDPRD"``, ``" beritadprd"`` and ``"＠ＢｅｒｉｔａＤＰＲＤ"`` are one handle."""
    return unicodedata.normalize("NFKC", handle).strip().lstrip("@").strip().casefold()


def account_key(account: OfficialAccount) -> str:
    return f"{account.platform}:{normalized_handle(account.handle)}"


def duplicate_accounts(accounts: list[OfficialAccount]) -> list[str]:
    """Keys used by more than one account of the register (they would share one password)."""
    seen: dict[str, int] = {}
    for account in accounts:
        key = account_key(account)
        seen[key] = seen.get(key, 0) + 1
    return sorted(k for k, n in seen.items() if n > 1)


class CredentialChanges:
    """What the Settings dialog will do to the keyring, held until it is accepted: removing
    an account, renaming its handle, setting or forgetting a password touch nothing until
    :meth:`apply` (a cancelled dialog leaves every stored password where it was). Accounts
    are followed by identity (the same OfficialAccount object the table edits)."""

    _FORGET = object()

    def __init__(self, store: CredentialStore, accounts: list[OfficialAccount]):
        self.store = store
        self._original = {id(a): (a, replace(a)) for a in accounts}  # object -> as loaded
        self._secrets: dict[int, object] = {}  # id(account) -> secret or _FORGET
        self._held: dict[int, OfficialAccount] = {}  # keeps ids valid while pending

    def set_secret(self, account: OfficialAccount, secret: str) -> None:
        if not secret:
            raise CredentialError("settings.secret_empty")
        self.store._require()  # no keyring: say so now, store nothing
        self._secrets[id(account)] = secret
        self._held[id(account)] = account

    def forget(self, account: OfficialAccount) -> None:
        self._secrets[id(account)] = self._FORGET
        self._held[id(account)] = account

    def _stored_as(self, account: OfficialAccount) -> OfficialAccount:
        """The identity under which the keyring holds this account's password now."""
        original = self._original.get(id(account))
        return original[1] if original and original[0] is account else account

    def secret(self, account: OfficialAccount) -> str | None:
        pending = self._secrets.get(id(account))
        if pending is self._FORGET:
            return None
        if isinstance(pending, str):
            return pending
        if id(account) not in self._original:
            return None  # a new account has nothing stored yet
        return self.store.get(self._stored_as(account))

    def has(self, account: OfficialAccount) -> bool:
        try:
            return self.secret(account) is not None
        except SumbarError:
            return False

    def apply(self, accounts: list[OfficialAccount]) -> None:
        """Carry out the pending changes for the register as accepted (``accounts``)."""
        duplicates = duplicate_accounts(accounts)
        if duplicates:
            raise CredentialError("accounts.duplicate", key=", ".join(duplicates))
        current = {id(a) for a in accounts}
        keys_in_use = {account_key(a) for a in accounts}
        # removed accounts: forget their password (unless the key lives on in the register)
        for ident, (_obj, loaded) in self._original.items():
            if ident not in current and account_key(loaded) not in keys_in_use:
                self.store.delete(loaded)
        for account in accounts:
            pending = self._secrets.get(id(account))
            before = self._stored_as(account) if id(account) in self._original else account
            moved = account_key(before) != account_key(account)
            if pending is self._FORGET:
                self.store.delete(account)
                if moved:
                    self.store.delete(before)
            elif isinstance(pending, str):
                self.store.set(account, pending)
                if moved and account_key(before) not in keys_in_use:
                    self.store.delete(before)
            elif moved:
                self.store.rename(before, account)
        self._original = {id(a): (a, replace(a)) for a in accounts}
        self._secrets.clear()
        self._held.clear()


def backend_usable(backend) -> bool:
    from keyring.backends import fail

    if backend is None or isinstance(backend, fail.Keyring):
        return False
    try:
        from keyring.backends import chainer

        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
    except ImportError:  # pragma: no cover - older keyring
        pass
    try:
        return backend.priority > 0
    except Exception:  # a backend whose priority check fails is not usable
        return False


class CredentialStore:
    """Set, read and forget account passwords in one keyring backend.

    ``backend`` defaults to ``keyring.get_keyring()``; tests pass a specific backend.
    """

    def __init__(self, backend=None, service: str = SERVICE):
        self._backend = backend
        self.service = service

    @property
    def backend(self):
        if self._backend is None:
            try:
                import keyring

                self._backend = keyring.get_keyring()
            except Exception as exc:  # discovery may raise anything
                raise KeyringUnavailable(detail=type(exc).__name__) from None
        return self._backend

    def backend_name(self) -> str:
        try:
            b = self.backend
        except KeyringUnavailable:
            return "-"
        return f"{type(b).__module__}.{type(b).__name__}"

    def available(self) -> bool:
        try:
            return backend_usable(self.backend)
        except KeyringUnavailable:
            return False

    def _require(self):
        backend = self.backend
        if not backend_usable(backend):
            raise KeyringUnavailable(detail=self.backend_name())
        return backend

    def set(self, account: OfficialAccount, secret: str) -> None:
        if not secret:
            raise CredentialError("settings.secret_empty")
        backend = self._require()
        try:
            backend.set_password(self.service, account_key(account), secret)
        except Exception as exc:
            # the exception text never includes the secret; keep only its type
            log.warning("keyring set failed for %s: %s", account_key(account), type(exc).__name__)
            raise CredentialError(detail=type(exc).__name__) from None

    def get(self, account: OfficialAccount) -> str | None:
        backend = self._require()
        try:
            return backend.get_password(self.service, account_key(account))
        except Exception as exc:
            log.warning("keyring get failed for %s: %s", account_key(account), type(exc).__name__)
            raise CredentialError(detail=type(exc).__name__) from None

    def has(self, account: OfficialAccount) -> bool:
        try:
            return self.get(account) is not None
        except SumbarError:
            return False

    def delete(self, account: OfficialAccount) -> None:
        backend = self._require()
        try:
            from keyring.errors import PasswordDeleteError

            backend.delete_password(self.service, account_key(account))
        except PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except Exception as exc:
            raise CredentialError(detail=type(exc).__name__) from None

    def rename(self, old: OfficialAccount, new: OfficialAccount) -> None:
        """Move a stored secret when an account's platform or handle changes."""
        if account_key(old) == account_key(new):
            return
        secret = self.get(old)
        if secret is not None:
            self.set(new, secret)
            self.delete(old)
