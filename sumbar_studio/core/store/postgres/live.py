"""A list that stays current: the rows of one :class:`PostQuery`, brought up to date from the
change feed (what a live queue, calendar or approval inbox shows).

Qt-free: a page owns one ``LiveQuery``, passes it the feed's events and repaints the ids it
reports. It works over any repository with ``ids`` and ``summaries`` (SQLite too), so a page
need not know the back end. ``loaded_at`` is the time of the last successful read: what an
offline banner shows beside the read-only list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ...timeutil import now_utc
from ..protocol import PostQuery, PostSummary
from .listen import Event, PostChanged, Resync


@dataclass
class LiveUpdate:
    reloaded: bool = False  # everything was read again (after a (re)connect)
    changed: set[int] = field(default_factory=set)  # rows added or updated
    removed: set[int] = field(default_factory=set)  # rows no longer in the list
    order_changed: bool = False

    def __bool__(self) -> bool:
        return self.reloaded or bool(self.changed or self.removed) or self.order_changed


class LiveQuery:
    def __init__(self, repository, query: PostQuery):
        self._repo = repository
        self.query = query
        self.rows: list[PostSummary] = []
        self.loaded_at: datetime | None = None

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]

    def reload(self) -> LiveUpdate:
        ids = self._repo.ids(self.query)
        self.rows = self._repo.summaries(ids)
        self.loaded_at = now_utc()
        return LiveUpdate(reloaded=True, changed=set(ids))

    def apply(self, events: Iterable[Event]) -> LiveUpdate:
        """Bring the rows up to date with ``events``; what changed, for the page to repaint."""
        events = list(events)
        if any(isinstance(e, Resync) for e in events):
            return self.reload()
        known = {r.id: r.version for r in self.rows}
        touched = {
            e.post_id
            for e in events
            if isinstance(e, PostChanged) and known.get(e.post_id) != e.version
        }
        if not touched:
            return LiveUpdate()
        # a change may move a post into, out of or within the list: ask the server for the
        # ids again (cheap), and read only the rows that are new or changed
        ids = self._repo.ids(self.query)
        new_ids = [i for i in ids if i not in known or i in touched]
        fresh = {s.id: s for s in self._repo.summaries(new_ids)}
        old = {r.id: r for r in self.rows}
        self.rows = [fresh.get(i) or old[i] for i in ids if i in fresh or i in old]
        self.loaded_at = now_utc()
        update = LiveUpdate(
            changed={i for i in fresh if i not in old or old[i] != fresh[i]},
            removed=set(old) - set(ids),
        )
        update.order_changed = [i for i in ids if i in old] != [i for i in old if i in set(ids)]
        return update
