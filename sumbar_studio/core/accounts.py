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

from .errors import SumbarError
from .settings import OfficialAccount

SERVICE = "SumbarStudio"
log = logging.getLogger(__name__)


class KeyringUnavailable(SumbarError):
    message_id = "settings.keyring_unavailable"


class CredentialError(SumbarError):
    message_id = "settings.keyring_failed"


def account_key(account: OfficialAccount) -> str:
    return f"{account.platform}:{account.handle.strip().lstrip('@').lower()}"


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
