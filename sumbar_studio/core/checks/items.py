"""The checklist catalogue: PermenPAN-RB 83/2012's six principles and eight ethics points,
plus platform fit and accessibility (``assets/rules/checklist.json``)."""

from __future__ import annotations

from enum import StrEnum

from ..i18n import language
from ..records import record
from .ruleids import current_rule_id

GROUPS = ("prinsip", "etika", "platform", "aksesibilitas")


class ItemKind(StrEnum):
    AUTOMATIC = "automatic"
    MANUAL = "manual"
    BOTH = "both"


@record(frozen=True)
class ChecklistItem:
    id: str
    group: str
    kind: ItemKind
    titles: dict[str, str]
    helps: dict[str, str]
    attestations: dict[str, str]
    required: bool = False  # a manual attestation that must be ticked before approval

    @property
    def manual(self) -> bool:
        return self.kind in (ItemKind.MANUAL, ItemKind.BOTH)

    def _pick(self, texts: dict[str, str], lang: str | None) -> str:
        return texts.get(lang or language()) or texts.get("id", "")

    def title(self, lang: str | None = None) -> str:
        return self._pick(self.titles, lang)

    def help(self, lang: str | None = None) -> str:
        return self._pick(self.helps, lang)

    def attestation_text(self, lang: str | None = None) -> str:
        return self._pick(self.attestations, lang) or self.title(lang)


@record(frozen=True)
class RuleSpec:
    id: str
    item: str
    severity: str
    enabled: bool = True


def parse_items(data: dict) -> list[ChecklistItem]:
    items = []
    for raw in data["items"]:
        if raw["group"] not in GROUPS:
            raise ValueError(f"checklist item {raw['id']}: unknown group {raw['group']!r}")
        items.append(
            ChecklistItem(
                id=raw["id"],
                group=raw["group"],
                kind=ItemKind(raw["kind"]),
                titles=dict(raw["title"]),
                helps=dict(raw.get("help", {})),
                attestations=dict(raw.get("attestation", {})),
                required=bool(raw.get("required", False)),
            )
        )
    return items


def parse_rule_specs(data: dict, item_ids: set[str]) -> dict[str, RuleSpec]:
    """The rules of a checklist.json. A workspace's own copy written before a rule was
    renamed still applies under the rule's id today (:mod:`.ruleids`); an entry that names
    the id of today wins over one that names its old id."""
    specs: dict[str, RuleSpec] = {}
    for rule_id, raw in data.get("rules", {}).items():
        if raw["item"] not in item_ids:
            raise ValueError(f"rule {rule_id}: unknown checklist item {raw['item']!r}")
        current = current_rule_id(rule_id)
        if current != rule_id and current in data["rules"]:
            continue
        specs[current] = RuleSpec(
            current, raw["item"], raw["severity"], bool(raw.get("enabled", True))
        )
    return specs


def checklist_items(rules_dir=None) -> list[ChecklistItem]:
    from .rulesdata import load_rules

    return list(load_rules(rules_dir).items)
