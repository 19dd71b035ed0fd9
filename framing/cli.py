"""The `framing` command: builds settings from options, calls the library, renders the result.

Errors are mapped to exit statuses in one place (`_Group.invoke`, through
framing.errors.ExitStatus); `framing --debug ...` shows the traceback instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from typer.core import TyperGroup

from framing.detectors import COMPARED, NAMES, SECTION_COLUMNS
from framing.errors import ConfigError, ExitStatus, FramingError

_STATE = {"debug": False}


# The corpus-field options before --field KEY=NAME, still read by the commands that had them.
_LEGACY_FIELDS = {f"--{key}-field": key for key in ("text", "title", "outlet", "id", "date", "url")}
_CORPUS_COMMANDS = ("analyze", "batch", "compare", "actors", "classify", "events", "terms", "show", "report")


def _legacy_fields(args: list[str]) -> list[str]:
    """`analyze --text-field body` as `analyze --field text=body`, with a warning."""
    if not args or args[0] not in _CORPUS_COMMANDS:
        return args
    rewritten, items = [], iter(args)
    for arg in items:
        option, equals, value = arg.partition("=")
        if option in _LEGACY_FIELDS:
            value = value if equals else next(items, "")
            typer.echo(f"framing: warning: {option} is deprecated; use --field {_LEGACY_FIELDS[option]}=NAME", err=True)
            rewritten += ["--field", f"{_LEGACY_FIELDS[option]}={value}"]
        else:
            rewritten.append(arg)
    return rewritten


class _Group(TyperGroup):
    """Every FramingError becomes one line on stderr and its exit status, here and only here."""

    def parse_args(self, ctx, args):
        position = next((i for i, a in enumerate(args) if not a.startswith("-")), len(args))
        return super().parse_args(ctx, args[:position] + _legacy_fields(args[position:]))

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FramingError as exc:
            if _STATE["debug"]:
                raise
            typer.echo(f"framing: error: {exc}", err=True)
            raise typer.Exit(int(exc.status)) from None
        except BrokenPipeError:  # the reader left (`| head`): no error, and nothing more to say
            _quiet_stdout()
            raise typer.Exit(ExitStatus.OK) from None


app = typer.Typer(
    cls=_Group,
    help="Measure framing and loaded language in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="List, show and validate lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error.")) -> None:
    """Measure framing and loaded language in news text."""
    import warnings

    _STATE["debug"] = debug
    warnings.showwarning = _warn


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings (a model trained on other lexicons) as one line, like errors."""
    typer.echo(f"framing: warning: {message}", err=True)


def _names(names) -> str:
    return ", ".join(names)


def _formats(view: str) -> str:
    from framing import render

    names = render.names(view)
    extra = ", or any tabulate format (grid, latex, ...)" if view in render.TABULATE_VIEWS else ""
    return f"{', '.join(names)}{extra}."


PathsArg = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin.")
LexiconOpt = typer.Option(None, "--lexicon", "-l", help="Extra lexicon file or folder (repeatable).")
NoDefaultsOpt = typer.Option(False, "--no-default-lexicons", help="Use only the lexicons given with --lexicon.")
CategoryOpt = typer.Option(None, "--category", "-c", help="Only this category (repeatable).")
SeverityOpt = typer.Option(None, "--min-severity", help="Drop findings below: info, warning or error (default info).")
InputFormatOpt = typer.Option(None, "--input-format",
                              help="auto (by file suffix, the default), text, html, jsonl, csv or json.")
MaxBytesOpt = typer.Option(None, "--max-bytes",
                           help="Refuse an input (file, stdin, corpus row) larger than this (default 100,000,000).")
FieldOpt = typer.Option(
    None, "--field",
    help="Corpus field names as KEY=NAME (repeatable): text, title, outlet, id, date, url; e.g. --field text=body.",
)
DetectorOpt = typer.Option(
    None, "--detector", "-d",
    help=f"Run only these detectors (repeatable): {_names(NAMES)}, or all. "
    "Default for analyze, batch, show and report: all but tone; for compare: those its columns need.",
)
NoDetectorOpt = typer.Option(None, "--no-detector", help="Skip this detector (repeatable).")
QuotedWeightOpt = typer.Option(
    None, "--quoted-weight",
    help="Weight factor (0-1, default 0.5) for findings inside direct quotations: the source's words.",
)
ActorsOpt = typer.Option(None, "--actors", help="Extra actor concept-set file or folder (repeatable).")
ModelOpt = typer.Option(None, "--model", "-m", help="Classifier model file, or 'default' for the shipped one.")
NoClassifierOpt = typer.Option(False, "--no-classifier", help="Do not score sentences with the classifier.")
ThresholdOpt = typer.Option(None, "--threshold", help="Probability at which a sentence counts as biased (default: the model's).")
ConfigOpt = typer.Option(None, "--config", help="Settings from this file instead of the nearest .framing.toml or [tool.framing].")
IsolatedOpt = typer.Option(False, "--isolated", help="Ignore config files.")
TextFieldOpt = typer.Option("text", "--text-field", help="Field holding the text.")
LabelFieldOpt = typer.Option("label", "--label-field", help="Field holding the label.")
PositiveOpt = typer.Option(None, "--positive", help="The label that means biased (needed for labels it cannot guess).")
NegativeOpt = typer.Option(None, "--negative", help="The label that means not biased (when there are more than two).")
GroupFieldOpt = typer.Option("group", "--group-field", help="Field grouping rows that must stay in one fold (optional).")


class _Inputs:
    """Documents from the paths; reports each bad input on stderr as one line and keeps it."""

    def __init__(self, settings):
        self.settings = settings.check()
        self.errors: list = []

    @property
    def failed(self) -> int:
        return len(self.errors)

    def __iter__(self) -> Iterator:
        from framing.errors import InputError
        from framing.readers import read_paths

        settings = self.settings
        for item in read_paths(settings.paths, settings.fields, settings.input_format, settings.max_bytes):
            if isinstance(item, InputError):
                self.errors.append(item)
                typer.echo(f"framing: {item}", err=True)
            else:
                yield item


def _settings(paths, config, isolated, fields=None, input_format=None, lexicon=None, no_default_lexicons=False,
              category=None, min_severity=None, detector=None, no_detector=None, quoted_weight=None, actors=None,
              model=None, threshold=None, exclude=(), default_detectors=None, max_bytes=None):
    """(AnalyzerSettings, InputSettings): defaults, then the config file, then these flags.
    `default_detectors` replaces the registry's default when neither the file nor a flag says."""
    from framing.config import AnalyzerSettings, InputSettings, discover, merge, settings_from_config

    analyzer_changes, input_changes = settings_from_config(discover(config, isolated))
    if default_detectors and not detector and not no_detector and "detectors" not in analyzer_changes:
        analyzer_changes["detectors"] = tuple(default_detectors)
    analyzer = merge(AnalyzerSettings(**analyzer_changes), categories=tuple(category) if category else None,
                     min_severity=min_severity, detectors=tuple(detector) if detector else None,
                     quoted_weight=quoted_weight, model=model, threshold=threshold)
    analyzer = merge(
        analyzer,
        # Extra lexicons and concept sets add to the config file's; exclusions add up too.
        lexicons=(*analyzer.lexicons, *(lexicon or ())) if lexicon else None,
        actors=(*analyzer.actors, *(actors or ())) if actors else None,
        default_lexicons=False if no_default_lexicons else None,
        exclude=(*analyzer.exclude, *(no_detector or ()), *exclude) or None,
    )
    inputs = InputSettings(tuple(paths), **input_changes)
    inputs = merge(inputs, input_format=input_format, max_bytes=max_bytes,
                   fields=inputs.fields.with_pairs(fields) if fields else None)
    return analyzer.check(), inputs.check()


def _lexicons(lexicon, no_default_lexicons: bool, config, isolated: bool) -> tuple[list, bool]:
    """(lexicon paths, whether the defaults load) from the config file, then the flags."""
    from framing.config import discover, settings_from_config

    changes, _ = settings_from_config(discover(config, isolated))
    paths = [*changes.get("lexicons", ()), *(lexicon or ())]
    return paths, False if no_default_lexicons else changes.get("default_lexicons", True)


def _ready(built):
    """The analyzer (or detector) a command has built, with what it holds moved out of the garbage
    collector's way: its lexicons and automata live as long as the process, and every full
    collection would walk them again, a few per cent of a long run (gc.freeze; the command owns the
    process, so it may)."""
    import gc

    gc.freeze()
    return built


def _finish(inputs: _Inputs) -> None:
    sys.stdout.flush()
    if inputs.failed:
        typer.echo(f"framing: {inputs.failed} input(s) could not be read", err=True)
        raise typer.Exit(ExitStatus.USAGE)


@app.command()
def analyze(
    paths: List[str] = PathsArg,
    format: str = typer.Option("table", "--format", "-f", help=_formats("analysis")),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: Optional[float] = QuotedWeightOpt,
    actors: Optional[List[Path]] = ActorsOpt,
    model: Optional[str] = ModelOpt,
    no_classifier: bool = NoClassifierOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Find framing markers in each document: where, what, why, and what to write instead."""
    from framing import render
    from framing.pipeline import Analyzer
    from framing.report import Report

    write = render.writer(format, "analysis")
    analyzer_settings, input_settings = _settings(
        paths, config, isolated, field, input_format, lexicon, no_default_lexicons, category, min_severity, detector,
        no_detector, quoted_weight, actors, model, threshold, exclude=("classifier",) if no_classifier else (),
        max_bytes=max_bytes,
    )
    analyzer = _ready(Analyzer.from_settings(analyzer_settings))
    inputs = _Inputs(input_settings)
    write(Report(analyzer.analyze_all(inputs), inputs.errors, analyzer.rules), sys.stdout)
    _finish(inputs)


def _by(value: str) -> list[str]:
    from framing.errors import ConfigError

    fields = [part.strip() for part in value.split(",")]
    if not all(fields):
        raise ConfigError("--by takes field names separated by commas, e.g. --by outlet,month")
    return fields


def _window(value: Optional[str]):
    """--event-window: days, or none; the default window when not given."""
    from framing.errors import ConfigError

    if value is None:
        return "default"
    if value.lower() == "none":
        return None
    try:
        days = int(value)
    except ValueError:
        raise ConfigError(f"--event-window must be a number of days or none, not {value!r}") from None
    if days < 0:
        raise ConfigError("--event-window must be 0 days or more")
    return days


EventWindowOpt = typer.Option(None, "--event-window", metavar="DAYS",
                              help="Articles further apart than this are never one event (default 7; none: no window).")
EventThresholdOpt = typer.Option(None, "--event-threshold",
                                 help="Cosine distance at which event clustering stops merging (default 0.8).")


@app.command()
def batch(
    paths: List[str] = typer.Argument(..., help="JSONL (plain, .gz, .zst), CSV or Parquet files, or folders of them; "
                                      "with --engine dask also URLs (s3://, gs://, file://, ...)."),
    output: str = typer.Option(..., "--output", "-o", help="The output folder: one part file per chunk, and a manifest "
                               "(with --engine dask also a URL)."),
    format: str = typer.Option("parquet", "--format", "-f", help="parquet (the default), jsonl or csv."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: every core)."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes, the default) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --engine dask: the scheduler's address "
                                            "(default: a local cluster of --jobs workers)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same folder."),
    findings: bool = typer.Option(False, "--findings", help="Add each row's findings (a list column)."),
    allow_errors: bool = typer.Option(False, "--allow-errors", help="Exit 0 even when some rows could not be read."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    chunk_size: int = typer.Option(4_000_000, "--chunk-size", help="Bytes of input per chunk and part file "
                                   "(default 4,000,000; part of the settings a --resume must repeat)."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: Optional[float] = QuotedWeightOpt,
    actors: Optional[List[Path]] = ActorsOpt,
    model: Optional[str] = ModelOpt,
    no_classifier: bool = NoClassifierOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = typer.Option(None, "--input-format", help="auto (by file suffix, the default), "
                                               "jsonl, csv or parquet."),
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Score a corpus on every core (or a Dask cluster): one output row per input row, resumable."""
    from framing.batch import progress
    from framing.batch.run import BatchOptions, run_batch
    from framing.errors import ConfigError

    analyzer_settings, input_settings = _settings(
        paths, config, isolated, field, None, lexicon, no_default_lexicons, category, min_severity, detector,
        no_detector, quoted_weight, actors, model, threshold, exclude=("classifier",) if no_classifier else (),
        max_bytes=max_bytes,
    )
    configured = input_settings.input_format
    if input_format is None and configured not in ("auto", "jsonl", "csv"):
        raise ConfigError(f"batch reads JSONL, CSV and Parquet, not the config file's input-format {configured!r}")
    options = BatchOptions(
        tuple(paths), str(output), format, jobs, engine, scheduler, resume, findings,
        input_format or configured, input_settings.fields, input_settings.max_bytes, chunk_size,
        progress=progress.wanted(quiet),
    )
    summary = run_batch(options, analyzer_settings, say=lambda line: typer.echo(f"framing: {line}", err=True))
    for error in summary.errors:
        typer.echo(f"framing: {error}", err=True)
    if summary.run_failed > len(summary.errors):
        typer.echo(f"framing: ... {summary.run_failed - len(summary.errors):,} more row(s) could not be read "
                   "(each has its message in the error column)", err=True)
    typer.echo(f"framing: {summary.line()}", err=True)
    if summary.failed and not allow_errors:
        raise typer.Exit(ExitStatus.FINDINGS)


@app.command()
def compare(
    paths: List[str] = PathsArg,
    by: str = typer.Option("document", "--by", help="Group by these fields, comma-separated: document, outlet, "
                           "event, day, week, month, year, or any metadata key (e.g. outlet,month)."),
    within: Optional[str] = typer.Option(None, "--within", help="event: compare groups on the events both covered "
                                         "(paired; the default for --by outlet when every document has an event); "
                                         "none: unpaired."),
    format: str = typer.Option(
        "table", "--format", "-f", help=_formats("comparison")
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the resampling: same input and seed, same numbers."),
    resamples: int = typer.Option(2000, "--resamples", help="Bootstrap and permutation resamples."),
    adjust: str = typer.Option("holm", "--adjust", help="p-value adjustment: holm or bh (Benjamini-Hochberg)."),
    min_documents: int = typer.Option(5, "--min-documents", help="Groups with fewer articles are marked small "
                                      "and not tested."),
    measure: Optional[List[str]] = typer.Option(None, "--measure", help="Only these measures (repeatable), "
                                                "e.g. framing_index, emotive, attribution.anonymous_share."),
    events_file: Optional[Path] = typer.Option(None, "--events", metavar="FILE",
                                               help="Saved events: a CSV with id (or source) and event columns, "
                                               "as framing events -f csv writes it."),
    event_window: Optional[str] = EventWindowOpt,
    event_threshold: Optional[float] = EventThresholdOpt,
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    with_: Optional[List[str]] = typer.Option(
        None, "--with", help=f"Also run these detectors for their measures (repeatable): {_names(SECTION_COLUMNS)}."
    ),
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: Optional[float] = QuotedWeightOpt,
    model: Optional[str] = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Compare groups of articles: means with intervals, pairwise tests and effect sizes.

    Takes documents or records files (framing batch output: JSONL, CSV or Parquet)."""
    from dataclasses import replace

    from framing import render
    from framing.comparison import compare as compare_records, document_records
    from framing.errors import ConfigError
    from framing.events import assign, read_assignments
    from framing.recordfile import Records, is_records

    fields = _by(by)
    write = render.writer(format, "comparison")
    sections = list(with_ or ())
    if set(sections) - set(SECTION_COLUMNS):
        raise ConfigError(f"--with must be one of {', '.join(SECTION_COLUMNS)}")
    if within is not None and within not in ("event", "none"):
        raise ConfigError("--within must be event or none")
    paired = "auto" if within is None else (None if within == "none" else within)
    window = _window(event_window)
    need_events = "event" in fields or paired == "event"
    records_files = [is_records(p) for p in paths]
    assigned = read_assignments(str(events_file)) if events_file is not None else None
    notes: list[str] = []
    require = None
    if all(records_files):
        rows = source = Records(list(paths))  # read once, as the comparison goes: no list of records
        if assigned:
            rows = assign(source, assigned)
        if need_events:
            require = ("records carry no text to find events in: give every record an event (for example the "
                       "event column of framing events -f csv) or compare the documents")
    elif any(records_files):
        raise ConfigError("give either records files (framing batch output) or documents, not both")
    else:
        from framing.pipeline import Analyzer
        from framing.records import measures

        analyzer_settings, input_settings = _settings(
            paths, config, isolated, field, input_format, lexicon, no_default_lexicons, category, min_severity,
            detector, no_detector, quoted_weight, None, model, threshold,
            # Only the measures the comparison shows: a comparison of a large corpus should not pay for the rest.
            default_detectors=[*COMPARED, *(s for s in sections if s not in COMPARED)], max_bytes=max_bytes,
        )
        analyzer = _ready(Analyzer.from_settings(analyzer_settings))
        inputs = _Inputs(input_settings)
        from framing.progress import progress

        rows, notes = document_records(analyzer.analyze_all(progress(inputs)), measures(analyzer), cluster=need_events,
                                       threshold=event_threshold, window=window, assigned=assigned)
    result = compare_records(rows, fields, within=paired, seed=seed, adjust=adjust, min_documents=min_documents,
                             measures=measure or None, resamples=resamples, require_events=require)
    if all(records_files):
        for error in source.errors:
            typer.echo(f"framing: {error}", err=True)
        if source.failed:
            notes.append(f"{source.failed} record(s) the batch could not analyse (with an error) are left out")
        failed = len(source.errors)
    else:
        failed = inputs.failed
    write(replace(result, notes=notes + result.notes), sys.stdout)
    sys.stdout.flush()
    if failed:
        typer.echo(f"framing: {failed} input(s) could not be read", err=True)
        raise typer.Exit(ExitStatus.USAGE)


@app.command()
def events(
    paths: List[str] = PathsArg,
    format: str = typer.Option("table", "--format", "-f", help=_formats("events")),
    event_window: Optional[str] = EventWindowOpt,
    event_threshold: Optional[float] = EventThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Which articles report the same story: each event's size, top terms and members.

    -f csv gives one row per document (id, source, outlet, date, event)."""
    from framing import render
    from framing.events import event_table

    write = render.writer(format, "events")
    window = _window(event_window)
    _, input_settings = _settings(paths, config, isolated, field, input_format, max_bytes=max_bytes)
    inputs = _Inputs(input_settings)
    from framing.progress import progress

    write(event_table(progress(inputs), threshold=event_threshold, window=window), sys.stdout)
    _finish(inputs)


@app.command()
def actors(
    paths: List[str] = PathsArg,
    by: str = typer.Option("document", "--by", help="One column per document or per outlet."),
    format: str = typer.Option("table", "--format", "-f", help=_formats("actors")),
    concept: Optional[List[str]] = typer.Option(None, "--concept", help="Only these concept sets (repeatable)."),
    actors_file: Optional[List[Path]] = ActorsOpt,
    no_default_actors: bool = typer.Option(False, "--no-default-actors", help="Use only the files given with --actors."),
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Which word each document or outlet uses for each kind of actor or act ("regime" or "government")."""
    from framing import render
    from framing.actors import BY, actor_table
    from framing.detectors.actors import ActorNamingDetector
    from framing.errors import ConfigError

    if by not in BY:
        raise ConfigError(f"--by must be one of {', '.join(BY)}")
    write = render.writer(format, "actors")
    analyzer_settings, input_settings = _settings(paths, config, isolated, field, input_format, actors=actors_file,
                                                  max_bytes=max_bytes)
    detector = ActorNamingDetector.from_files(analyzer_settings.actors, include_defaults=not no_default_actors)
    inputs = _Inputs(input_settings)
    write(actor_table(detector, inputs, by, concept or None), sys.stdout)
    _finish(inputs)


@app.command()
def terms(
    paths: List[str] = PathsArg,
    by: str = typer.Option("outlet", "--by", help="Group by these fields, comma-separated: document, outlet, event, day, week, month, year, or any metadata key."),
    vs: Optional[str] = typer.Option(None, "--vs", help="Compare every group with this one instead of with the rest."),
    min_count: int = typer.Option(5, "--min-count", help="Rank only terms counted this often in the whole corpus."),
    top: int = typer.Option(20, "--top", help="Terms listed per group (0: all)."),
    format: str = typer.Option("table", "--format", "-f", help=_formats("terms")),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """The words and phrases that set each group apart: weighted log-odds with an informative prior."""
    from framing import render
    from framing.lexicon import load_lexicon
    from framing.progress import progress
    from framing.terms import TermCounts, distinctive_terms, parse_by

    fields = parse_by(by)
    write = render.writer(format, "terms")
    if min_count < 1 or top < 0:
        raise ConfigError("--min-count must be at least 1 and --top at least 0")
    analyzer_settings, input_settings = _settings(paths, config, isolated, field, input_format, lexicon,
                                                  no_default_lexicons, max_bytes=max_bytes)
    loaded = load_lexicon([Path(p) for p in analyzer_settings.lexicons],
                          include_defaults=analyzer_settings.default_lexicons)
    inputs = _Inputs(input_settings)
    counts = TermCounts(fields).add_all(progress(inputs))
    write(distinctive_terms(counts, loaded, vs, min_count, top), sys.stdout)
    _finish(inputs)


@app.command()
def show(
    paths: List[str] = typer.Argument(..., help="An article (or a corpus: every article in turn), or - for stdin."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text with [words][n] markers, even on a terminal."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    no_classifier: bool = NoClassifierOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """The article with each finding highlighted in its category's colour, explained in numbered notes."""
    from framing.pipeline import Analyzer
    from framing.show import show as show_results, wants_colour

    analyzer_settings, input_settings = _settings(
        paths, config, isolated, field, input_format, lexicon, no_default_lexicons, category, min_severity, detector,
        no_detector, exclude=("classifier",) if no_classifier else (), max_bytes=max_bytes,
    )
    analyzer = _ready(Analyzer.from_settings(analyzer_settings))
    inputs = _Inputs(input_settings)
    show_results(analyzer.analyze_all(inputs), sys.stdout, wants_colour(sys.stdout, no_color), analyzer.categories)
    _finish(inputs)


@app.command()
def report(
    paths: List[str] = PathsArg,
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write."),
    max_articles: int = typer.Option(200, "--max-articles", help="Articles embedded in full (chosen to show every "
                                     "outlet and event); the statistics always use all."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap intervals."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    no_classifier: bool = NoClassifierOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """One self-contained HTML report: comparison tables, charts, distinctive terms, articles with findings in place."""
    from framing.htmlreport import build_report
    from framing.lexicon import load_lexicon
    from framing.pipeline import Analyzer
    from framing.progress import progress

    if max_articles < 0:
        raise ConfigError("--max-articles must be 0 or more")
    analyzer_settings, input_settings = _settings(
        paths, config, isolated, field, input_format, lexicon, no_default_lexicons, category, min_severity, detector,
        no_detector, exclude=("classifier",) if no_classifier else (), max_bytes=max_bytes,
    )
    analyzer = _ready(Analyzer.from_settings(analyzer_settings))
    loaded = load_lexicon([Path(p) for p in analyzer_settings.lexicons],
                          include_defaults=analyzer_settings.default_lexicons)
    inputs = _Inputs(input_settings)
    page = build_report(analyzer.analyze_all(progress(inputs)), analyzer.categories, loaded, max_articles, seed,
                        lambda: inputs.failed)
    try:
        output.write_text(page, "utf-8")
    except OSError as exc:
        raise FramingError(f"cannot write the report: {exc.strerror or exc}", str(output)) from None
    typer.echo(f"framing: report written to {output} ({len(page.encode('utf-8')):,} bytes)", err=True)
    _finish(inputs)


@app.command()
def classify(
    paths: List[str] = PathsArg,
    format: str = typer.Option("table", "--format", "-f", help=_formats("sentences")),
    model: Optional[str] = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    max_bytes: Optional[int] = MaxBytesOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """The probability that each sentence is written in biased language."""
    from framing import render
    from framing.detectors.classifier import ClassifierDetector

    write = render.writer(format, "sentences")
    analyzer_settings, input_settings = _settings(paths, config, isolated, field, input_format, model=model, max_bytes=max_bytes,
                                                  threshold=threshold)
    detector = ClassifierDetector.build(analyzer_settings, None)
    inputs = _Inputs(input_settings)
    write(detector.sentence_scores(inputs), sys.stdout)
    _finish(inputs)


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Files or folders to check (default: the project the config belongs to). Files named here are "
        "checked even when the policy's exclude globs would leave them out.",
    ),
    format: str = typer.Option("text", "--format", "-f", help=_formats("check")),
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that fails: info, warning, error."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when the policy fails (report only)."),
    show_quoted: bool = typer.Option(False, "--show-quoted", help="Also show findings inside direct quotations."),
    require_reason: bool = typer.Option(False, "--require-reason", help="A suppression comment without a reason is an error."),
    report_unused: bool = typer.Option(False, "--report-unused-suppressions", help="Report suppressions that suppress nothing."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail only on findings this baseline does not hold."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record today's findings in FILE."),
    prune_baseline: bool = typer.Option(False, "--prune-baseline", help="With --baseline: drop entries no longer found."),
    strict_baseline: bool = typer.Option(False, "--strict-baseline", help="With --baseline: fail when entries are gone."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes lexicon entries offer, in place."),
    list_rules: bool = typer.Option(False, "--list-rules", help="Print every rule id with its severity under the policy."),
) -> None:
    """Check drafts against the project's editorial-style policy: exit 0 when it holds, 1 when not, 2 on errors."""
    from framing import render
    from framing.check import baseline as baselines
    from framing.check.policy import policy_from_config
    from framing.check.run import CheckOptions, baseline_counts, check as run_check
    from framing.config import AnalyzerSettings, discover, settings_from_config
    from framing.errors import ConfigError
    from framing.rules.core import SEVERITIES

    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    if (prune_baseline or strict_baseline) and baseline is None:
        raise ConfigError("--prune-baseline and --strict-baseline need --baseline FILE")
    write = render.writer(format, "check")
    found = discover(config, isolated)
    analyzer_changes, _ = settings_from_config(found, known=("include", "exclude", "fail-on", "quoted", "allow",
                                                              "rules", "thresholds"))
    policy = policy_from_config(found)
    settings = AnalyzerSettings(**analyzer_changes).check()
    options = CheckOptions(show_quoted, require_reason, report_unused, baseline, strict_baseline, fail_on)
    if list_rules:
        _list_rules(policy, settings, "detectors" in analyzer_changes)
        return
    report, checked = run_check(paths or [], policy, settings, options, "detectors" in analyzer_changes)
    if fix:
        from framing.check.fix import apply_fixes

        fixed, changed = apply_fixes(checked)
        typer.echo(f"framing: fixed {fixed} finding(s) in {changed} file(s)", err=True)
        if fixed:
            report, checked = run_check(paths or [], policy, settings, options, "detectors" in analyzer_changes)
    for error in report.errors:
        typer.echo(f"framing: {error}", err=True)
    if write_baseline is not None:
        baselines.write(write_baseline, baseline_counts(checked))
        typer.echo(f"framing: baseline of {sum(baseline_counts(checked).values())} finding(s) written to "
                   f"{write_baseline}", err=True)
        raise typer.Exit(ExitStatus.USAGE if report.errors else ExitStatus.OK)
    if prune_baseline and report.gone:
        kept = baselines.read(baseline)
        for entry in report.gone:
            kept[(entry.path, entry.rule, entry.text, entry.sentence)] -= entry.count
        baselines.write(baseline, kept)
        typer.echo(f"framing: {sum(e.count for e in report.gone)} gone finding(s) pruned from {baseline}", err=True)
    write(report, sys.stdout)
    sys.stdout.flush()
    if report.errors:
        raise typer.Exit(ExitStatus.USAGE)
    if report.failed and not exit_zero:
        raise typer.Exit(ExitStatus.FINDINGS)


def _list_rules(policy, settings, configured_detectors: bool) -> None:
    from framing.check.run import analyzer_settings, build_registry
    from framing.pipeline import Analyzer

    registry = build_registry(Analyzer.from_settings(analyzer_settings(settings, configured_detectors)), policy)
    policy.check_names(registry, registry.categories)
    for rule in sorted(registry, key=lambda r: r.id):
        typer.echo(f"{rule.id}\t{policy.level(rule.id, rule.category, rule.severity)}")


@app.command()
def train(
    data: List[str] = typer.Argument(..., help="Labelled CSV/JSONL files or folders: one text and its label per row."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the model (.npz) and its card."),
    text_field: str = TextFieldOpt,
    label_field: str = LabelFieldOpt,
    positive: Optional[str] = PositiveOpt,
    negative: Optional[str] = NegativeOpt,
    group_field: str = GroupFieldOpt,
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds for the report."),
    seed: int = typer.Option(0, "--seed", help="Seed for fold assignment and the solver."),
    threshold: Optional[float] = typer.Option(
        None, "--threshold", help="Probability at which a sentence counts as biased (default 0.5)."
    ),
    input_format: str = typer.Option("auto", "--input-format", help="auto (by file suffix), jsonl or csv."),
    hold_out: float = typer.Option(0.0, "--hold-out", help="Share of the groups kept out of training and "
                                   "measured last, for the card (default 0: train on all)."),
    char_ngrams: bool = typer.Option(True, "--char-ngrams/--no-char-ngrams",
                                     help="Use character 3-4-grams as well as word 1-2-grams."),
    word_bigrams: bool = typer.Option(True, "--word-bigrams/--no-word-bigrams",
                                      help="Use pairs of neighbouring words as well as single words."),
    regularization: str = typer.Option("auto", "--regularization", help="Inverse regularisation strength C of the "
                                       "logistic regression (smaller: a simpler model), or auto: chosen by a 3-fold "
                                       "cross-validation on the training rows (the reported scores are then nested)."),
    weighting: str = typer.Option("tfidf", "--weighting", help="Feature values: tfidf (count x idf) or nb (also "
                                  "x each feature's log-count ratio between the classes, learned from the training "
                                  "rows; Wang & Manning 2012)."),
) -> None:
    """Train a biased-sentence classifier on your labelled data and report cross-validated scores."""
    from framing import model as models
    from framing.config import THRESHOLD, check_fraction
    from framing.labelled import read_labelled
    from framing.render.training import training_report

    threshold = check_fraction(THRESHOLD if threshold is None else threshold, "--threshold")
    regularization = models.parse_regularization(regularization)
    labelled = read_labelled(data, text_field, label_field, positive, negative, group_field, input_format)
    for error in labelled.errors[:20]:
        typer.echo(f"framing: skipped {error}", err=True)
    try:
        trained = models.train(labelled, folds, seed, threshold, hold_out, char_ngrams, regularization, weighting,
                               word_bigrams)
    except ValueError as exc:  # too few rows for the folds asked for
        raise FramingError(f"cannot train: {exc}") from None
    try:
        models.save(trained, output)
    except OSError as exc:
        raise FramingError(f"cannot write the model: {exc.strerror or exc}", str(output)) from None
    typer.echo(training_report(trained, labelled, str(output)), nl=False)
    _unreadable_rows(labelled)


@app.command()
def evaluate(
    model: str = typer.Argument(..., help="A model file, or 'default' for the shipped one."),
    data: List[str] = typer.Argument(..., help="Labelled CSV/JSONL files or folders."),
    format: str = typer.Option("table", "--format", "-f", help=_formats("evaluation")),
    text_field: str = TextFieldOpt,
    label_field: str = LabelFieldOpt,
    positive: Optional[str] = PositiveOpt,
    negative: Optional[str] = NegativeOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: str = typer.Option("auto", "--input-format", help="auto (by file suffix), jsonl or csv."),
) -> None:
    """Precision, recall, F1, confusion matrix and calibration of a model on labelled data."""
    from framing import render
    from framing.config import check_fraction
    from framing.labelled import read_labelled
    from framing.metrics import classification_report
    from framing.model import load

    write = render.writer(format, "evaluation")
    if threshold is not None:
        check_fraction(threshold, "--threshold")
    loaded = load(model)
    labelled = read_labelled(data, text_field, label_field, positive, negative, None, input_format)
    for error in labelled.errors[:20]:
        typer.echo(f"framing: skipped {error}", err=True)
    report = classification_report(labelled.labels, loaded.probabilities(labelled.texts),
                                   loaded.threshold if threshold is None else threshold)
    report["skipped"] = dict(sorted(labelled.skipped.items()))
    write(report, sys.stdout)
    _unreadable_rows(labelled)


def _unreadable_rows(labelled) -> None:
    """Rows that could not be read were reported and left out; like analyze, say so in the status."""
    unreadable = labelled.skipped.get("unreadable", 0)
    if unreadable:
        sys.stdout.flush()
        typer.echo(f"framing: {unreadable} row(s) could not be read", err=True)
        raise typer.Exit(ExitStatus.USAGE)


@app.command()
def extract(path: str = typer.Argument(..., help="An HTML, text or Markdown file, or - for stdin.")) -> None:
    """Print the text that findings' offsets refer to (for HTML, the extracted article text)."""
    from framing.errors import InputError
    from framing.readers import read_paths

    items = read_paths([path])
    first = next(items, None)
    if isinstance(first, InputError):
        raise first
    if first is None or next(items, None) is not None:
        raise InputError("extract takes one HTML, text or Markdown file, not a folder or corpus", path)
    sys.stdout.write(first.text)


@app.command()
def explain(
    term: str = typer.Argument(..., help="A word or phrase, e.g. 'so-called' or 'Iran-backed'."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Which lexicon entry matches a term, and why it frames."""
    from framing.explain import explain_term

    sources = _lexicons(lexicon, no_default_lexicons, config, isolated)
    text = explain_term(term, *sources)
    if text is None:
        from framing.explain import near

        close = near(term, *sources)
        hint = f"; entries with it or spelled like it: {', '.join(close)}" if close else ""
        typer.echo(f"no lexicon entry matches {term!r}{hint}")
        raise typer.Exit(ExitStatus.FINDINGS)
    typer.echo(text)


@lexicon_app.command("list")
def lexicon_list(
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """The categories, with entry counts, default severity and weight."""
    from framing.explain import list_categories

    typer.echo(list_categories(*_lexicons(lexicon, no_default_lexicons, config, isolated)))


@lexicon_app.command("show")
def lexicon_show(
    id: str = typer.Argument(..., help="A category id (e.g. distancing) or a rule (distancing/so-called)."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """A category's description, sources and entries, or one rule in full."""
    from framing.explain import show

    typer.echo(show(id, *_lexicons(lexicon, no_default_lexicons, config, isolated)))


@lexicon_app.command("validate")
def lexicon_validate(path: Path = typer.Argument(..., help="A lexicon file or folder.")) -> None:
    """Report every problem in a lexicon file or folder, with file and line."""
    from framing.lexicon import lexicon_files, validate_path

    problems = validate_path(path)
    for problem in problems:
        typer.echo(f"{problem}", err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(ExitStatus.FINDINGS)
    typer.echo(f"ok: {len(lexicon_files(path))} file(s)")


def main() -> None:
    """The command, with the streams' failures as one line and a documented status: a reader that
    leaves (`framing ... | head`) is no error, exit 0; a closed or full output is exit 2."""
    import errno

    if sys.stdout is None:  # started with stdout closed (`framing ... >&-`)
        _say("framing: error: standard output is closed")
        sys.exit(ExitStatus.USAGE)
    from framing.process import tune_for_bulk

    tune_for_bulk()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # what is still buffered fails here, not at interpreter exit
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(ExitStatus.OK)
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG):
            raise
        _quiet_stdout()
        _say(f"framing: error: cannot write the output: {exc.strerror}")
        sys.exit(ExitStatus.USAGE)


def _say(message: str) -> None:
    if sys.stderr is not None:
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except OSError:
            pass


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit has nothing left to fail on."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
