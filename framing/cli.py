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
from framing.errors import ExitStatus, FramingError

_STATE = {"debug": False}


class _Group(TyperGroup):
    """Every FramingError becomes one line on stderr and its exit status, here and only here."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FramingError as exc:
            if _STATE["debug"]:
                raise
            typer.echo(f"framing: error: {exc}", err=True)
            raise typer.Exit(int(exc.status)) from None


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


PathsArg = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin.")
LexiconOpt = typer.Option(None, "--lexicon", "-l", help="Extra lexicon file or folder (repeatable).")
NoDefaultsOpt = typer.Option(False, "--no-default-lexicons", help="Use only the lexicons given with --lexicon.")
CategoryOpt = typer.Option(None, "--category", "-c", help="Only this category (repeatable).")
SeverityOpt = typer.Option(None, "--min-severity", help="Drop findings below: info, warning or error (default info).")
InputFormatOpt = typer.Option(None, "--input-format", help="auto (by file suffix, the default), text, html, jsonl or csv.")
FieldOpt = typer.Option(
    None, "--field",
    help="Corpus field names as KEY=NAME (repeatable): text, title, outlet, id, date, url; e.g. --field text=body.",
)
DetectorOpt = typer.Option(
    None, "--detector", "-d",
    help=f"Run only these detectors (repeatable): {_names(NAMES)}, or all. "
    "Default for analyze: all but tone; for compare: those its columns need.",
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
        for item in read_paths(settings.paths, settings.fields, settings.input_format):
            if isinstance(item, InputError):
                self.errors.append(item)
                typer.echo(f"framing: {item}", err=True)
            else:
                yield item


def _settings(paths, config, isolated, fields=None, input_format=None, lexicon=None, no_default_lexicons=False,
              category=None, min_severity=None, detector=None, no_detector=None, quoted_weight=None, actors=None,
              model=None, threshold=None, exclude=()):
    """(AnalyzerSettings, InputSettings): defaults, then the config file, then these flags."""
    from framing.config import AnalyzerSettings, InputSettings, discover, merge, settings_from_config

    analyzer_changes, input_changes = settings_from_config(discover(config, isolated))
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
    inputs = merge(inputs, input_format=input_format,
                   fields=inputs.fields.with_pairs(fields) if fields else None)
    return analyzer.check(), inputs.check()


def _finish(inputs: _Inputs) -> None:
    sys.stdout.flush()
    if inputs.failed:
        typer.echo(f"framing: {inputs.failed} input(s) could not be read", err=True)
        raise typer.Exit(ExitStatus.USAGE)


@app.command()
def analyze(
    paths: List[str] = PathsArg,
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv or markdown."),
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
    )
    analyzer = Analyzer.from_settings(analyzer_settings)
    inputs = _Inputs(input_settings)
    write(Report(analyzer.analyze_all(inputs), inputs.errors), sys.stdout)
    _finish(inputs)


@app.command()
def compare(
    paths: List[str] = PathsArg,
    by: str = typer.Option("document", "--by", help="One row per document or per outlet."),
    format: str = typer.Option(
        "table", "--format", "-f", help="table, json, csv, markdown, or any tabulate format (grid, latex, ...)."
    ),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: Optional[str] = SeverityOpt,
    with_: Optional[List[str]] = typer.Option(
        None, "--with", help=f"Add measure columns (repeatable): {_names(SECTION_COLUMNS)}."
    ),
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: Optional[float] = QuotedWeightOpt,
    model: Optional[str] = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Rank documents or outlets by framing: category densities per 1,000 words and the index."""
    from framing import render
    from framing.compare import BY, compare as compare_results
    from framing.errors import ConfigError
    from framing.pipeline import Analyzer

    if by not in BY:
        raise ConfigError(f"--by must be one of {', '.join(BY)}")
    write = render.writer(format, "comparison")
    sections = list(with_ or ())
    if set(sections) - set(SECTION_COLUMNS):
        raise ConfigError(f"--with must be one of {', '.join(SECTION_COLUMNS)}")
    if not detector and not no_detector:
        # Only the measures the table shows: a comparison of a large corpus should not pay for the rest.
        detector = [*COMPARED, *(s for s in sections if s not in COMPARED)]
    analyzer_settings, input_settings = _settings(
        paths, config, isolated, field, input_format, lexicon, no_default_lexicons, category, min_severity, detector,
        no_detector, quoted_weight, None, model, threshold,
    )
    analyzer = Analyzer.from_settings(analyzer_settings)
    inputs = _Inputs(input_settings)
    write(compare_results(analyzer.analyze_all(inputs), by, sections), sys.stdout)
    _finish(inputs)


@app.command()
def actors(
    paths: List[str] = PathsArg,
    by: str = typer.Option("document", "--by", help="One column per document or per outlet."),
    format: str = typer.Option("table", "--format", "-f", help="table, json, csv, markdown or a tabulate format."),
    concept: Optional[List[str]] = typer.Option(None, "--concept", help="Only these concept sets (repeatable)."),
    actors_file: Optional[List[Path]] = ActorsOpt,
    no_default_actors: bool = typer.Option(False, "--no-default-actors", help="Use only the files given with --actors."),
    input_format: Optional[str] = InputFormatOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """Which word each document or outlet uses for each kind of actor or act ("regime" or "government")."""
    from framing import render
    from framing.actors import actor_table
    from framing.compare import BY
    from framing.detectors.actors import ActorNamingDetector
    from framing.errors import ConfigError

    if by not in BY:
        raise ConfigError(f"--by must be one of {', '.join(BY)}")
    write = render.writer(format, "actors")
    analyzer_settings, input_settings = _settings(paths, config, isolated, field, input_format, actors=actors_file)
    detector = ActorNamingDetector.from_files(analyzer_settings.actors, include_defaults=not no_default_actors)
    inputs = _Inputs(input_settings)
    write(actor_table(detector, inputs, by, concept or None), sys.stdout)
    _finish(inputs)


@app.command()
def classify(
    paths: List[str] = PathsArg,
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv."),
    model: Optional[str] = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: Optional[str] = InputFormatOpt,
    field: Optional[List[str]] = FieldOpt,
    config: Optional[Path] = ConfigOpt,
    isolated: bool = IsolatedOpt,
) -> None:
    """The probability that each sentence is written in biased language."""
    from framing import render
    from framing.detectors.classifier import ClassifierDetector

    write = render.writer(format, "sentences")
    analyzer_settings, input_settings = _settings(paths, config, isolated, field, input_format, model=model,
                                                  threshold=threshold)
    detector = ClassifierDetector.build(analyzer_settings, None)
    inputs = _Inputs(input_settings)
    write(detector.sentence_scores(inputs), sys.stdout)
    _finish(inputs)


@app.command()
def train(
    data: List[str] = typer.Argument(..., help="Labelled CSV/JSONL files or folders: one text and its label per row."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the model (.skops) and its card."),
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
) -> None:
    """Train a biased-sentence classifier on your labelled data and report cross-validated scores."""
    from framing import model as models
    from framing.config import THRESHOLD, check_fraction
    from framing.labelled import read_labelled
    from framing.render.training import training_report

    threshold = check_fraction(THRESHOLD if threshold is None else threshold, "--threshold")
    labelled = read_labelled(data, text_field, label_field, positive, negative, group_field, input_format)
    for error in labelled.errors[:20]:
        typer.echo(f"framing: skipped {error}", err=True)
    try:
        trained = models.train(labelled, folds, seed, threshold)
    except ValueError as exc:  # too few rows for the folds asked for
        raise FramingError(f"cannot train: {exc}") from None
    models.save(trained, output)
    typer.echo(training_report(trained, labelled, str(output)), nl=False)


@app.command()
def evaluate(
    model: str = typer.Argument(..., help="A model file, or 'default' for the shipped one."),
    data: List[str] = typer.Argument(..., help="Labelled CSV/JSONL files or folders."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
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
) -> None:
    """Which lexicon entry matches a term, and why it frames."""
    from framing.explain import explain_term

    text = explain_term(term, lexicon or (), not no_default_lexicons)
    if text is None:
        typer.echo(f"no lexicon entry matches {term!r}")
        raise typer.Exit(ExitStatus.FINDINGS)
    typer.echo(text)


@lexicon_app.command("list")
def lexicon_list(lexicon: Optional[List[Path]] = LexiconOpt, no_default_lexicons: bool = NoDefaultsOpt) -> None:
    """The categories, with entry counts, default severity and weight."""
    from framing.explain import list_categories

    typer.echo(list_categories(lexicon or (), not no_default_lexicons))


@lexicon_app.command("show")
def lexicon_show(
    id: str = typer.Argument(..., help="A category id (e.g. distancing) or a rule (distancing/so-called)."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
) -> None:
    """A category's description, sources and entries, or one rule in full."""
    from framing.explain import show

    typer.echo(show(id, lexicon or (), not no_default_lexicons))


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
    try:
        app()
    except BrokenPipeError:
        # `framing analyze ... | head`: the reader left; exit quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitStatus.FINDINGS)
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
