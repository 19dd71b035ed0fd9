"""Group keys of per-document records: by document, outlet, event, date period or any metadata key.

A record is the flat dict of `framing.records.record` (identity fields, `metadata`, measures).
Date periods come from its `date` (ISO 8601, a time after the date ignored): `day` 2026-05-02,
`week` 2026-W18 (ISO week), `month` 2026-05, `year` 2026. A record whose field is missing or
whose date cannot be read is in the group "unknown".
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from framing.actors import UNKNOWN_OUTLET

UNKNOWN = "unknown"
PERIODS = ("day", "week", "month", "year")
BUILT_IN = ("document", "outlet", "event", *PERIODS)
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date(value: Any) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date ("2026", "2026-05", "2026-05-02", "2026-05-02T10:00Z"),
    month and day None where the value stops before them; None when it is not a date."""
    if value is None:
        return None
    match = _DATE.match(str(value).strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        Date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def period(value: Any, unit: str) -> str:
    """The period of a date value: day, week (ISO), month or year; "unknown" when it cannot say."""
    parsed = parse_date(value)
    if parsed is None:
        return UNKNOWN
    year, month, day = parsed
    if unit == "year":
        return f"{year:04d}"
    if month is None:
        return UNKNOWN
    if unit == "month":
        return f"{year:04d}-{month:02d}"
    if day is None:
        return UNKNOWN
    if unit == "day":
        return f"{year:04d}-{month:02d}-{day:02d}"
    iso = Date(year, month, day).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def event_of(record: dict) -> str | None:
    """A record's event: its own `event` field (set by clustering or read from a records file),
    else its metadata's."""
    value = record.get("event")
    if value in (None, ""):
        value = (record.get("metadata") or {}).get("event")
    return None if value in (None, "") else str(value)


def value(record: dict, field: str) -> str:
    """The group key of one record for one field."""
    if field == "document":
        return str(record.get("id") or record.get("source") or UNKNOWN)
    if field == "outlet":
        return str(record.get("outlet") or UNKNOWN_OUTLET)
    if field == "event":
        return event_of(record) or UNKNOWN
    if field in PERIODS:
        return period(record.get("date"), field)
    found = record.get(field) if field in record and field != "metadata" else None
    if found in (None, ""):
        found = (record.get("metadata") or {}).get(field)
    return UNKNOWN if found in (None, "") else str(found)


def key(record: dict, by: list[str]) -> tuple[str, ...]:
    return tuple(value(record, field) for field in by)


def has_events(records: list[dict]) -> bool:
    """Whether every record has an event."""
    return bool(records) and all(event_of(r) is not None for r in records)
