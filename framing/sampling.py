"""Which articles a report embeds: at most `limit`, read once in input order, chosen so that every
outlet and every event is shown by at least one article while the limit allows.

An article is kept while there is room. Once full, an article that brings an outlet or event
no kept article shows takes the place of the most recently kept article whose outlet and event
are both shown by other kept articles; otherwise it is passed over. The choice depends only on
the input order, so the same input embeds the same articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Hashable


@dataclass
class Selection:
    limit: int
    items: list[tuple[Hashable, Hashable, Any]] = field(default_factory=list)  # (outlet, event, item)
    _outlets: dict[Hashable, int] = field(default_factory=dict)
    _events: dict[Hashable, int] = field(default_factory=dict)
    seen: int = 0

    def _count(self, outlet, event, change: int) -> None:
        self._outlets[outlet] = self._outlets.get(outlet, 0) + change
        if event is not None:
            self._events[event] = self._events.get(event, 0) + change

    def wants(self, outlet: Hashable, event: Hashable | None) -> bool:
        """Whether `offer` would keep an article of this outlet and event (so the caller can skip
        building what would be thrown away)."""
        if len(self.items) < self.limit:
            return True
        new = not self._outlets.get(outlet) or (event is not None and not self._events.get(event))
        return new and self._victim() is not None

    def _victim(self) -> int | None:
        for index in range(len(self.items) - 1, -1, -1):
            outlet, event, _ = self.items[index]
            if self._outlets[outlet] > 1 and (event is None or self._events[event] > 1):
                return index
        return None

    def offer(self, outlet: Hashable, event: Hashable | None, item: Any) -> bool:
        """Keep the item if it fits or shows something new; True when kept."""
        self.seen += 1
        if self.limit <= 0:
            return False
        if len(self.items) < self.limit:
            self.items.append((outlet, event, item))
            self._count(outlet, event, 1)
            return True
        if not self.wants(outlet, event):
            return False
        victim = self._victim()
        old_outlet, old_event, _ = self.items.pop(victim)
        self._count(old_outlet, old_event, -1)
        self.items.append((outlet, event, item))
        self._count(outlet, event, 1)
        return True

    def kept(self) -> list[Any]:
        return [item for _, _, item in self.items]
