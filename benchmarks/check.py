"""Speed of `framing check` on a repository of Markdown drafts, beside `framing analyze` on the same files.

    python benchmarks/check.py [--drafts 1000] [--seed 7]

Writes a seeded repository of news-like Markdown drafts (~600 words each, with front matter,
headings, a code block, links and quotations; the words come from benchmarks/analyze.py's
generator, so they carry lexicon markers at news-like rates), then times whole processes, CPU
seconds and wall seconds: `framing check` with the default policy (word-level detectors), with
SARIF output, and `framing analyze -d lexicon -d quotes` on the same folder.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import article  # noqa: E402  (the seeded article generator)

from framing.lexicon import load_lexicon  # noqa: E402


def draft(rng: random.Random, index: int, markers: list[str]) -> str:
    body = article(rng, index, markers)["text"]
    paragraphs = body.split("\n\n")
    code = "```python\nprint('so-called regime')  # code is not prose\n```"
    link = f"See [the report](https://example.org/report/{index}) for the figures."
    middle = len(paragraphs) // 2
    parts = ["---", f"title: Draft {index}", "outlet: The Example Gazette", "---", f"# Draft {index}", "",
             *paragraphs[:middle], code, link, *paragraphs[middle:]]
    return "\n\n".join(parts) + "\n"


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    markers = sorted({e.term for e in load_lexicon().entries if not e.is_wildcard})
    framing = [sys.executable, "-m", "framing"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "drafts").mkdir()
        size = 0
        for index in range(args.drafts):
            text = draft(rng, index, markers)
            size += len(text.encode("utf-8"))
            (root / "drafts" / f"draft-{index:05d}.md").write_text(text, "utf-8")
        (root / ".framing.toml").write_text("# the default policy\n", "utf-8")
        runs = [
            ("check (default policy, text)", [*framing, "check", "--exit-zero"]),
            ("check -f sarif", [*framing, "check", "--exit-zero", "-f", "sarif"]),
            ("analyze -d lexicon -d quotes", [*framing, "analyze", "drafts", "-f", "jsonl", "-d", "lexicon", "-d", "quotes"]),
        ]
        timed([*framing, "check", "--exit-zero", "drafts/draft-00000.md"], root)  # warm the lexicon cache
        rows = []
        for label, command in runs:
            cpu, wall = min(timed(command, root) for _ in range(3))
            rows.append([label, f"{args.drafts:,}", f"{size / 1e6:.1f}", f"{cpu:.2f}", f"{wall:.2f}",
                         f"{args.drafts / wall:,.0f}", f"{size / 1e6 / cpu:.1f}"])
    print(f"{args.drafts:,} Markdown drafts, whole process, best of 3\n")
    print(tabulate(rows, headers=["command", "files", "MB", "CPU s", "wall s", "files/s (wall)", "MB per CPU-s"],
                   disable_numparse=True))


if __name__ == "__main__":
    main()
