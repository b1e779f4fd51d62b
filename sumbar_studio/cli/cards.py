"""Placeholder: sub-commands of this family are registered here."""


def register(subparsers) -> None:  # noqa: ARG001
    """Add this family's sub-commands to ``subparsers``."""
