"""A long fuzz run of the property-based tests (tests/test_properties.py) under the "long" profile.

    python benchmarks/fuzz.py [--examples 300000] [--seconds 900] [--property NAME]... [--round 1000]

Each property gets a share of the example and time budgets (its `weight`), and is run in rounds of
`--round` examples with fresh random seeds, so one failure (found, shrunk and recorded) does not end
the property's run: the next round looks for more. Explicit @example inputs (the known bugs) are
not replayed here; every failure found is a fresh, shrunk one. Prints a table (property, examples
run, failures, distinct bugs, slowest example in seconds, time spent), then each distinct failure
with its minimal falsifying example. Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["HYPOTHESIS_PROFILE"] = "long"
os.environ.setdefault("FRAMING_CACHE_DIR", tempfile.mkdtemp(prefix="framing-fuzz-cache-"))
sys.path.insert(0, str(ROOT))

from hypothesis import given, settings  # noqa: E402
from hypothesis.errors import UnsatisfiedAssumption  # noqa: E402
from tabulate import tabulate  # noqa: E402


def load_properties():
    spec = importlib.util.spec_from_file_location("framing_test_properties", ROOT / "tests" / "test_properties.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class OutOfTime(BaseException):
    """Raised inside an example when the property's time budget is spent: a BaseException, so
    Hypothesis lets it through at once instead of shrinking it as a failure."""


class TooSlow(Exception):
    """An example slower than the deadline (measured here, so a slow input is a failure like any
    other: shrunk, recorded, then known)."""


@dataclass
class Run:
    name: str
    examples: int = 0
    failures: int = 0  # examples that failed, known bugs met again included
    slowest: float = 0.0
    slowest_input: str = ""
    seconds: float = 0.0
    bugs: dict[str, list[str]] = field(default_factory=dict)  # signature -> minimal falsifying examples


def _deepest_framing_function(func, kwargs) -> str:
    """The innermost framing function that takes most of an example's time (profiled again)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    try:
        profile.runcall(func, **kwargs)
    except Exception:  # noqa: BLE001 - only the time matters here
        pass
    stats = pstats.Stats(profile).stats  # (file, line, name) -> (cc, nc, tottime, cumtime, callers)
    total = max((v[3] for v in stats.values()), default=0.0)
    ours = [(v[3], k) for k, v in stats.items() if "/framing/" in k[0] and v[3] >= 0.5 * total]
    if not ours:
        return "outside framing"
    _, (filename, line, name) = min(ours)
    return f"{Path(filename).parent.name}/{Path(filename).name}:{name}"


def signature(exc: BaseException, where: str = "") -> str:
    """What tells two failures apart, stable across inputs: for a failed assertion its line in
    the test file and its first message part; for a slow example the function taking the time;
    for any other exception its type and the innermost framing frame."""
    if isinstance(exc, BaseExceptionGroup):
        return " | ".join(sorted({signature(e) for e in exc.exceptions}))
    if isinstance(exc, TooSlow):
        return f"slower than the deadline, in {where}"
    frames = traceback.extract_tb(exc.__traceback__)
    if isinstance(exc, AssertionError):
        test = [f for f in frames if f.filename.endswith("test_properties.py")]
        at = f" test_properties.py:{test[-1].lineno} `{test[-1].line}`" if test else ""
        return f"AssertionError{at}"
    ours = [f for f in frames if "/framing/" in f.filename]
    at = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno} ({ours[-1].name})" if ours else ""
    return f"{type(exc).__name__}{at}"


def run_property(prop, budget_examples: int, budget_seconds: float, round_size: int, deadline_ms: int,
                 verbose: bool) -> Run:
    """Rounds of Hypothesis runs. A failure seen before (same signature) is counted and let pass,
    so later rounds look for new bugs instead of finding and shrinking the same one again."""
    run = Run(prop.name)
    pending: dict[str, str] = {}  # failures raised in this round, before Hypothesis reports them shrunk
    started = time.perf_counter()
    stop_at = started + budget_seconds
    deadline = deadline_ms / 1000

    def timed(**kwargs):
        if time.perf_counter() > stop_at:
            raise OutOfTime
        begin = time.perf_counter()
        failure = None
        try:
            prop.func(**kwargs)
        except UnsatisfiedAssumption:
            raise  # assume(): an input the property passes by, not a failure
        except Exception as exc:  # noqa: BLE001
            failure = exc
        elapsed = time.perf_counter() - begin
        run.examples += 1
        if elapsed > run.slowest:
            run.slowest = elapsed
            run.slowest_input = repr(kwargs)[:300]
        where = ""
        if failure is None and elapsed > deadline:
            failure = TooSlow(f"{elapsed:.2f} s (deadline {deadline:.1f} s)")
        if isinstance(failure, TooSlow) or type(failure).__name__ == "Slow":  # the tests' own time check
            where = _deepest_framing_function(prop.func, kwargs)
            failure = TooSlow(f"{failure} in {where}")
        if failure is not None:
            run.failures += 1
            sig = signature(failure, where)
            if sig in run.bugs:
                return  # a known bug: counted, not raised
            # Kept now, in case the time runs out while Hypothesis shrinks it.
            pending.setdefault(sig, f"(not shrunk) {prop.name}({repr(kwargs)[:1500]})\n{failure!r}"[:3000])
            raise failure

    while run.examples < budget_examples and time.perf_counter() < stop_at:
        size = max(1, min(round_size, budget_examples - run.examples))

        def one(**kwargs):  # a new function each round: Hypothesis decorates a function once
            timed(**kwargs)

        one.__name__ = prop.name
        test = given(**prop.strategies)(
            settings(settings.get_profile("long"), max_examples=size, deadline=None, database=None,
                     report_multiple_bugs=False, print_blob=False)(one)
        )
        pending.clear()
        try:
            test()
        except OutOfTime:
            for sig, falsifying in pending.items():
                run.bugs.setdefault(sig, [falsifying])
            break
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, then the next round runs
            where = str(exc).rsplit(" in ", 1)[-1] if isinstance(exc, TooSlow) else ""
            sig = signature(exc, where)
            notes = "\n".join(line for line in getattr(exc, "__notes__", ()) if line.strip())
            falsifying = f"{notes}\n{type(exc).__name__}: {str(exc)[:800]}"
            run.bugs.setdefault(sig, []).append(falsifying[:3000])
            for other, unshrunk in pending.items():  # met while shrinking another: not reported by Hypothesis
                run.bugs.setdefault(other, [unshrunk])
            if verbose:
                print(f"  {prop.name}: {sig}\n    {falsifying[:1200]}", flush=True)
    run.seconds = time.perf_counter() - started
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=300_000, help="examples in total, across properties")
    parser.add_argument("--seconds", type=float, default=900.0, help="time budget in total, across properties")
    parser.add_argument("--property", action="append", default=[], help="run only these (repeatable)")
    parser.add_argument("--round", type=int, default=1000, help="examples per Hypothesis run (fresh seed each)")
    parser.add_argument("--deadline", type=int, default=None, help="milliseconds per example (default: the tests')")
    parser.add_argument("--verbose", "-v", action="store_true", help="print each failure as it is found")
    args = parser.parse_args(argv)

    module = load_properties()
    properties = [p for name, p in module.PROPERTIES.items() if not args.property or name in args.property]
    unknown = set(args.property) - set(module.PROPERTIES)
    if unknown:
        parser.error(f"unknown property {', '.join(sorted(unknown))} (known: {', '.join(module.PROPERTIES)})")
    deadline = args.deadline or module.DEADLINE_MS
    module.fast_analyzer()  # loaded before the clock starts
    if any(p.name == "slow_detectors" for p in properties):
        module.slow_analyzer()
    total_weight = sum(p.weight for p in properties)
    runs = []
    started = time.perf_counter()
    for index, prop in enumerate(properties):
        share = prop.weight / total_weight
        # Time left over by the properties before (they ran out of examples) goes to those after.
        remaining_weight = sum(p.weight for p in properties[index:])
        seconds = max(1.0, (args.seconds - (time.perf_counter() - started)) * prop.weight / remaining_weight)
        print(f"{prop.name}: up to {int(args.examples * share):,} examples in {seconds:.0f} s", flush=True)
        runs.append(run_property(prop, int(args.examples * share), seconds, args.round, deadline, args.verbose))

    rows = [[r.name, f"{r.examples:,}", r.failures, len(r.bugs), f"{r.slowest:.3f}", f"{r.seconds:.0f}",
             "xfail" if module.PROPERTIES[r.name].xfail else ""] for r in runs]
    rows.append(["total", f"{sum(r.examples for r in runs):,}", sum(r.failures for r in runs),
                 sum(len(r.bugs) for r in runs), f"{max((r.slowest for r in runs), default=0):.3f}",
                 f"{sum(r.seconds for r in runs):.0f}", ""])
    print()
    print(tabulate(rows, headers=["property", "examples run", "failures", "distinct", "slowest example s",
                                  "seconds", "marked"], colalign=("left", "right", "right", "right", "right",
                                                                  "right", "left")))
    for r in runs:
        print(f"\nslowest {r.name} ({r.slowest:.3f} s): {r.slowest_input}")
    for r in runs:
        for sig, examples in r.bugs.items():
            print(f"\n=== {r.name}: {sig}")
            print(min(examples, key=len))
    return 1 if any(r.failures for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
