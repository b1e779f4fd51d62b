"""Domain errors: each carries a translated user message and a technical detail."""

from __future__ import annotations

from .i18n import t

# ``typing`` is not imported at run time: errors load on every start, even ``--help``, and the
# names below are only used in annotations (which ``annotations`` above leaves unevaluated)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class SumbarError(Exception):
    """Base for every error a user may see. ``str(err)`` is the translated one-line message."""

    message_id = "errors.generic"

    def __init__(self, message_id: str | None = None, /, *, detail: str = "", **params: Any):
        self.message_id = message_id or self.message_id
        self.params = params
        self.detail = detail
        super().__init__(self.user_message())

    def user_message(self, lang: str | None = None) -> str:
        """The message with every placeholder filled: ``detail`` is a formatting value like
        the others (``"Masukan tidak valid: {detail}"``), and a placeholder the raising code
        did not supply renders as an empty string, never as a raw ``{name}``."""
        values: dict[str, Any] = {"detail": self.detail, **self.params}
        return t(self.message_id, lang=lang, **values)

    def __str__(self) -> str:
        return self.user_message()


class NotFound(SumbarError):
    message_id = "errors.not_found"


class InvalidInput(SumbarError):
    message_id = "errors.invalid_input"


class StaleEdit(SumbarError):
    """Saving a copy older than what is stored: another officer (or window) changed it."""

    message_id = "store.stale_edit"


class TransitionRefused(SumbarError):
    message_id = "model.transition_refused"


class WorkspaceError(SumbarError):
    message_id = "store.workspace_error"


class ImageError(SumbarError):
    message_id = "errors.image_invalid"


class TemplateError(SumbarError):
    message_id = "errors.template_invalid"
