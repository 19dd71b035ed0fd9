"""The `framing` command: parses options and calls the library, nothing more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer

app = typer.Typer(
    help="Measure framing and loaded language in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="List, show and validate lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")

EXIT_INPUT = 2

LexiconOpt = typer.Option(None, "--lexicon", "-l", help="Extra lexicon file or folder (repeatable).")
NoDefaultsOpt = typer.Option(False, "--no-default-lexicons", help="Use only the lexicons given with --lexicon.")
CategoryOpt = typer.Option(None, "--category", "-c", help="Only this category (repeatable).")
SeverityOpt = typer.Option("info", "--min-severity", help="Drop findings below: info, warning or error.")
InputFormatOpt = typer.Option("auto", "--input-format", help="auto (by file suffix), text, html, jsonl or csv.")
TextFieldOpt = typer.Option("text", "--text-field", help="Corpus field holding the article text.")
TitleFieldOpt = typer.Option("title", "--title-field", help="Corpus field holding the title.")
OutletFieldOpt = typer.Option("outlet", "--outlet-field", help="Corpus field holding the outlet.")
IdFieldOpt = typer.Option("id", "--id-field", help="Corpus field holding the document id.")
DateFieldOpt = typer.Option("date", "--date-field", help="Corpus field holding the date.")
UrlFieldOpt = typer.Option("url", "--url-field", help="Corpus field holding the URL.")
DetectorOpt = typer.Option(
    None, "--detector", "-d",
    help="Run only these detectors (repeatable): lexicon, quotes, attribution, agency, tone, actors, classifier, "
    "or all. Default for analyze: all but tone; for compare: those its columns need.",
)
NoDetectorOpt = typer.Option(None, "--no-detector", help="Skip this detector (repeatable).")
QuotedWeightOpt = typer.Option(
    0.5, "--quoted-weight", help="Weight factor (0-1) for findings inside direct quotations: the source's words.",
)
ActorsOpt = typer.Option(None, "--actors", help="Extra actor concept-set file or folder (repeatable).")
ModelOpt = typer.Option("default", "--model", "-m", help="Classifier model file, or 'default' for the shipped one.")
NoClassifierOpt = typer.Option(False, "--no-classifier", help="Do not score sentences with the classifier.")
ThresholdOpt = typer.Option(None, "--threshold", help="Probability at which a sentence counts as biased (default: the model's).")
LabelFieldOpt = typer.Option("label", "--label-field", help="Field holding the label.")
PositiveOpt = typer.Option(None, "--positive", help="The label that means biased (needed for labels it cannot guess).")
NegativeOpt = typer.Option(None, "--negative", help="The label that means not biased (when there are more than two).")
GroupFieldOpt = typer.Option("group", "--group-field", help="Field grouping rows that must stay in one fold (optional).")


def _fail(message: str, code: int = EXIT_INPUT) -> None:
    typer.echo(f"framing: error: {message}", err=True)
    raise typer.Exit(code)


class _Inputs:
    """Documents from the paths; reports each bad input on stderr as one line and remembers it."""

    def __init__(self, paths, fields, input_format):
        from framing.readers import FORMATS

        if input_format not in FORMATS:
            _fail(f"--input-format must be one of {', '.join(FORMATS)}")
        self.paths, self.fields, self.input_format = paths, fields, input_format
        self.failed = 0

    def __iter__(self) -> Iterator:
        from framing.errors import InputError
        from framing.readers import read_paths

        for item in read_paths(self.paths, self.fields, self.input_format):
            if isinstance(item, InputError):
                self.failed += 1
                typer.echo(f"framing: {item}", err=True)
            else:
                yield item


def _analyzer(lexicon, no_default_lexicons, category, min_severity, detector=None, no_detector=None,
              quoted_weight=0.5, actors=None, model="default", no_classifier=False, threshold=None):
    from framing.errors import FramingError
    from framing.findings import SEVERITIES
    from framing.pipeline import Analyzer

    if min_severity not in SEVERITIES:
        _fail(f"--min-severity must be one of {', '.join(SEVERITIES)}")
    try:
        return Analyzer.from_options(
            lexicon or (), not no_default_lexicons, category or None, min_severity,
            detectors=detector or None, exclude=[*(no_detector or ()), *(["classifier"] if no_classifier else [])],
            quoted_weight=quoted_weight, actors=actors or (), model=model, threshold=threshold,
        )
    except FramingError as exc:
        _fail(str(exc))


def _fields(text_field, title_field, outlet_field, id_field, date_field, url_field):
    from framing.readers import Fields

    return Fields(text_field, title_field, outlet_field, id_field, date_field, url_field)


def _finish(inputs: _Inputs) -> None:
    sys.stdout.flush()
    if inputs.failed:
        typer.echo(f"framing: {inputs.failed} input(s) could not be read", err=True)
        raise typer.Exit(EXIT_INPUT)


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl, csv or markdown."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: str = SeverityOpt,
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: float = QuotedWeightOpt,
    actors: Optional[List[Path]] = ActorsOpt,
    model: str = ModelOpt,
    no_classifier: bool = NoClassifierOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: str = InputFormatOpt,
    text_field: str = TextFieldOpt,
    title_field: str = TitleFieldOpt,
    outlet_field: str = OutletFieldOpt,
    id_field: str = IdFieldOpt,
    date_field: str = DateFieldOpt,
    url_field: str = UrlFieldOpt,
) -> None:
    """Find framing markers in each document: where, what, why, and what to write instead."""
    from framing.render import FORMATS

    if format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}")
    analyzer = _analyzer(lexicon, no_default_lexicons, category, min_severity, detector, no_detector, quoted_weight,
                         actors, model, no_classifier, threshold)
    inputs = _Inputs(paths, _fields(text_field, title_field, outlet_field, id_field, date_field, url_field), input_format)
    results = analyzer.analyze_all(inputs)
    out = sys.stdout
    if format == "json":
        from framing.render.json import write_json

        write_json(results, out)
    elif format == "jsonl":
        from framing.render.json import write_jsonl

        write_jsonl(results, out)
    elif format == "csv":
        from framing.render.csv import write_csv

        write_csv(results, out)
    elif format == "markdown":
        from framing.render.markdown import write_markdown

        write_markdown(results, out)
    else:
        from framing.render.table import write_table

        write_table(results, out)
    _finish(inputs)


@app.command()
def compare(
    paths: List[str] = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin."),
    by: str = typer.Option("document", "--by", help="One row per document or per outlet."),
    format: str = typer.Option(
        "table", "--format", "-f", help="table, json, csv, markdown, or any tabulate format (grid, latex, ...)."
    ),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
    category: Optional[List[str]] = CategoryOpt,
    min_severity: str = SeverityOpt,
    with_: Optional[List[str]] = typer.Option(
        None, "--with", help="Add measure columns (repeatable): attribution, agency, tone, classifier."
    ),
    detector: Optional[List[str]] = DetectorOpt,
    no_detector: Optional[List[str]] = NoDetectorOpt,
    quoted_weight: float = QuotedWeightOpt,
    model: str = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: str = InputFormatOpt,
    text_field: str = TextFieldOpt,
    title_field: str = TitleFieldOpt,
    outlet_field: str = OutletFieldOpt,
    id_field: str = IdFieldOpt,
    date_field: str = DateFieldOpt,
    url_field: str = UrlFieldOpt,
) -> None:
    """Rank documents or outlets by framing: category densities per 1,000 words and the index."""
    from framing.compare import BY, SECTION_COLUMNS
    from framing.render.compare import TABLE_ALIASES, render_comparison, tabulate_formats

    if by not in BY:
        _fail(f"--by must be one of {', '.join(BY)}")
    if format not in ("json", "csv") and format not in TABLE_ALIASES and format not in tabulate_formats():
        _fail(f"--format must be table, json, csv, markdown or a tabulate format ({', '.join(tabulate_formats())})")
    sections = list(with_ or ())
    unknown = sorted(set(sections) - set(SECTION_COLUMNS))
    if unknown:
        _fail(f"--with must be one of {', '.join(SECTION_COLUMNS)}")
    if not detector and not no_detector:
        # Only the measures the table shows: a comparison of a large corpus should not pay for the rest.
        detector = ["lexicon", "quotes", "attribution", "agency", *(s for s in sections if s in ("tone", "classifier"))]
    analyzer = _analyzer(lexicon, no_default_lexicons, category, min_severity, detector, no_detector, quoted_weight,
                         model=model, threshold=threshold)
    inputs = _Inputs(paths, _fields(text_field, title_field, outlet_field, id_field, date_field, url_field), input_format)
    sys.stdout.write(render_comparison(analyzer.analyze_all(inputs), by, format, sections))
    _finish(inputs)


@app.command()
def actors(
    paths: List[str] = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin."),
    by: str = typer.Option("document", "--by", help="One column per document or per outlet."),
    format: str = typer.Option("table", "--format", "-f", help="table, json, csv, markdown or a tabulate format."),
    concept: Optional[List[str]] = typer.Option(None, "--concept", help="Only these concept sets (repeatable)."),
    actors_file: Optional[List[Path]] = ActorsOpt,
    no_default_actors: bool = typer.Option(False, "--no-default-actors", help="Use only the files given with --actors."),
    input_format: str = InputFormatOpt,
    text_field: str = TextFieldOpt,
    title_field: str = TitleFieldOpt,
    outlet_field: str = OutletFieldOpt,
    id_field: str = IdFieldOpt,
    date_field: str = DateFieldOpt,
    url_field: str = UrlFieldOpt,
) -> None:
    """Which word each document or outlet uses for each kind of actor or act ("regime" or "government")."""
    from framing.compare import BY
    from framing.errors import FramingError
    from framing.render.actors import render_actors

    if by not in BY:
        _fail(f"--by must be one of {', '.join(BY)}")
    try:
        from framing.detectors.actors import ActorNamingDetector

        detector = ActorNamingDetector.from_files(actors_file or (), include_defaults=not no_default_actors)
        inputs = _Inputs(paths, _fields(text_field, title_field, outlet_field, id_field, date_field, url_field), input_format)
        sys.stdout.write(render_actors(detector, inputs, by, format, concept or None))
    except FramingError as exc:
        _fail(str(exc))
    _finish(inputs)


@app.command()
def classify(
    paths: List[str] = typer.Argument(..., help="Files, folders, JSONL/CSV corpora, or - for stdin."),
    format: str = typer.Option("table", "--format", "-f", help="table, json, jsonl or csv."),
    model: str = ModelOpt,
    threshold: Optional[float] = ThresholdOpt,
    input_format: str = InputFormatOpt,
    text_field: str = TextFieldOpt,
    title_field: str = TitleFieldOpt,
    outlet_field: str = OutletFieldOpt,
    id_field: str = IdFieldOpt,
    date_field: str = DateFieldOpt,
    url_field: str = UrlFieldOpt,
) -> None:
    """The probability that each sentence is written in biased language."""
    from framing.detectors.classifier import ClassifierDetector
    from framing.errors import FramingError
    from framing.model import load
    from framing.render.classify import sentence_rows, write_classification

    if format not in ("table", "json", "jsonl", "csv"):
        _fail("--format must be one of table, json, jsonl, csv")
    if threshold is not None and not 0 <= threshold <= 1:
        _fail("--threshold must be between 0 and 1")
    try:
        detector = ClassifierDetector(load(model), threshold)
    except FramingError as exc:
        _fail(str(exc))
    inputs = _Inputs(paths, _fields(text_field, title_field, outlet_field, id_field, date_field, url_field), input_format)
    write_classification(sentence_rows(detector, inputs), sys.stdout, format)
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
    threshold: float = typer.Option(0.5, "--threshold", help="Probability at which a sentence counts as biased."),
    input_format: str = InputFormatOpt,
) -> None:
    """Train a biased-sentence classifier on your labelled data and report cross-validated scores."""
    from framing import model as models
    from framing.errors import FramingError
    from framing.labelled import read_labelled
    from framing.render.report import training_report

    if not 0 <= threshold <= 1:
        _fail("--threshold must be between 0 and 1")
    try:
        labelled = read_labelled(data, text_field, label_field, positive, negative, group_field, input_format)
        for error in labelled.errors[:20]:
            typer.echo(f"framing: skipped {error}", err=True)
        trained = models.train(labelled, folds, seed, threshold)
        models.save(trained, output)
    except FramingError as exc:
        _fail(str(exc))
    except ValueError as exc:  # too few rows for the folds asked for
        _fail(f"cannot train: {exc}")
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
    input_format: str = InputFormatOpt,
) -> None:
    """Precision, recall, F1, confusion matrix and calibration of a model on labelled data."""
    from framing.errors import FramingError
    from framing.labelled import read_labelled
    from framing.metrics import classification_report
    from framing.model import load
    from framing.render.report import evaluation_report

    if format not in ("table", "json"):
        _fail("--format must be table or json")
    try:
        loaded = load(model)
        labelled = read_labelled(data, text_field, label_field, positive, negative, None, input_format)
    except FramingError as exc:
        _fail(str(exc))
    for error in labelled.errors[:20]:
        typer.echo(f"framing: skipped {error}", err=True)
    report = classification_report(labelled.labels, loaded.probabilities(labelled.texts),
                                   loaded.threshold if threshold is None else threshold)
    report["skipped"] = dict(sorted(labelled.skipped.items()))
    typer.echo(evaluation_report(report, format), nl=False)


@app.command()
def extract(path: str = typer.Argument(..., help="An HTML, text or Markdown file, or - for stdin.")) -> None:
    """Print the text that findings' offsets refer to (for HTML, the extracted article text)."""
    from framing.errors import InputError
    from framing.readers import read_paths

    items = read_paths([path])
    first = next(items, None)
    if isinstance(first, InputError):
        _fail(str(first))
    if first is None or next(items, None) is not None:
        _fail(f"{path}: extract takes one HTML, text or Markdown file, not a folder or corpus")
    sys.stdout.write(first.text)


@app.command()
def explain(
    term: str = typer.Argument(..., help="A word or phrase, e.g. 'so-called' or 'Iran-backed'."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
) -> None:
    """Which lexicon entry matches a term, and why it frames."""
    from framing.errors import FramingError
    from framing.explain import explain_term

    try:
        text = explain_term(term, lexicon or (), not no_default_lexicons)
    except FramingError as exc:
        _fail(str(exc))
    if text is None:
        typer.echo(f"no lexicon entry matches {term!r}")
        raise typer.Exit(1)
    typer.echo(text)


@lexicon_app.command("list")
def lexicon_list(lexicon: Optional[List[Path]] = LexiconOpt, no_default_lexicons: bool = NoDefaultsOpt) -> None:
    """The categories, with entry counts, default severity and weight."""
    from framing.errors import FramingError
    from framing.explain import list_categories

    try:
        typer.echo(list_categories(lexicon or (), not no_default_lexicons))
    except FramingError as exc:
        _fail(str(exc))


@lexicon_app.command("show")
def lexicon_show(
    id: str = typer.Argument(..., help="A category id (e.g. distancing) or a rule (distancing/so-called)."),
    lexicon: Optional[List[Path]] = LexiconOpt,
    no_default_lexicons: bool = NoDefaultsOpt,
) -> None:
    """A category's description, sources and entries, or one entry in full."""
    from framing.errors import FramingError
    from framing.explain import show

    try:
        typer.echo(show(id, lexicon or (), not no_default_lexicons))
    except FramingError as exc:
        _fail(str(exc), 1)


@lexicon_app.command("validate")
def lexicon_validate(path: Path = typer.Argument(..., help="A lexicon file or folder.")) -> None:
    """Report every problem in a lexicon file or folder, with file and line."""
    from framing.lexicon import lexicon_files, validate_path

    problems = validate_path(path)
    for problem in problems:
        typer.echo(f"{problem}", err=True)
    if problems:
        typer.echo(f"{len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {len(lexicon_files(path))} file(s)")


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `framing analyze ... | head`: the reader left; exit quietly.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
