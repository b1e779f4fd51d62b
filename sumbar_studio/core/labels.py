"""Names a person reads for things the code names by id: post fields and checklist items.

The audit log stores ids (``caption``, ``etika_8_keterbukaan``) so it stays language-neutral;
whatever shows it (history panel, CLI) turns them into words with these helpers.
"""

from __future__ import annotations

from .i18n import t


def field_label(name: str) -> str:
    """``caption`` -> ``Keterangan``; an unknown name is returned as it is."""
    key = f"labels.field_{name}"
    text = t(key)
    return name if text == key else text


def field_labels(names) -> str:
    return ", ".join(field_label(n) for n in names)


def item_title(item_id: str, rules_dir=None) -> str:
    """A checklist item's title (``etika_8_keterbukaan`` -> its Indonesian title)."""
    from .checks.items import checklist_items

    try:
        items = checklist_items(rules_dir)
    except (OSError, ValueError):
        return item_id
    return next((i.title() for i in items if i.id == item_id), item_id)
