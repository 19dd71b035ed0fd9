"""A small corpus for the report tests: three outlets on two events, one small outlet, dates over
two months, and one article written to break out of the page if anything went unescaped."""

from __future__ import annotations

import json
from pathlib import Path

HOSTILE_TITLE = 'Raid "><img src=x onerror=alert(1)> at dawn'
HOSTILE_TEXT = ("The so-called regime sent its thugs. <script>alert('owned')</script> "
                "Officials said </textarea><iframe src=\"https://example.com/\"></iframe> nothing.")

STORIES = {
    "harbour": [
        "The {label} closed the harbour after {crowd} blocked the road on Monday, officials said.",
        "Witnesses said {label} forces fired on the crowd while {crowd} gathered near the square.",
    ],
    "bridge": [
        "The {label} denied the report. {Crowd} were seen near the bridge as the power was cut.",
        "Fuel prices rose again, and the {label} blamed {crowd} for the shortages at the bridge.",
    ],
}
OUTLETS = {
    "The Herald": ("regime", "thugs"),
    "Daily Ledger": ("government", "protesters"),
    "Evening Post": ("authorities", "demonstrators"),
}


def rows() -> list[dict]:
    out = []
    n = 0
    for outlet, (label, crowd) in OUTLETS.items():
        count = 2 if outlet == "Evening Post" else 6  # the Post is a small group
        for i in range(count):
            event = "harbour" if i % 2 == 0 else "bridge"
            text = " ".join(s.format(label=label, crowd=crowd, Crowd=crowd.capitalize()) for s in STORIES[event])
            text += f" Report number {i} from the {event}."
            n += 1
            out.append({"id": f"d{n}", "title": f"{outlet} on the {event} ({i})", "outlet": outlet,
                        "date": f"2026-0{1 + i % 2}-{10 + i:02d}", "event": event, "text": text})
    out.append({"id": "hostile", "title": HOSTILE_TITLE, "outlet": "The Herald <b>bold</b>", "date": "2026-02-01",
                "event": "harbour", "text": HOSTILE_TEXT})
    return out


def write(path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows()), "utf-8")
    return path
