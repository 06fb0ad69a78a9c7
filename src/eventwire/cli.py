"""The command line: ``eventwire code PATH...``; the only module that prints.

A thin layer over the library: it parses options, reads inputs with :mod:`eventwire.ingest`, codes
them with :class:`eventwire.api.Coder` and writes records with :func:`eventwire.export.write_events`.
stdout carries only records; messages go to stderr, one line each. Each command is one function
on ``app``; the store's commands (ingest, events, export, serve, eval) join ``code`` the same way.

Exit codes: 0 when every input was read, 1 when any input failed (the rest still coded) or the
model cannot be loaded, 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire import cli_store, cli_web
from eventwire.cli_options import (
    actors_option,
    dictionaries_argument,
    output_option,
    parse_date,
    verbs_option,
)
from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.export import write_events
from eventwire.ingest import read_articles

if TYPE_CHECKING:
    from eventwire.api import Coder
    from eventwire.evaluate import FileScore

PROG = "eventwire"
# Show a progress display once this many articles are coded (smaller runs stay quiet).
PROGRESS_AFTER = 20

Format = Literal["jsonl", "table", "gdelt", "plover"]
T = TypeVar("T")

app = typer.Typer(
    name=PROG,
    help="Open, offline event coding of news: who did what to whom, when, where and how certainly.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def main() -> None:
    """Entry point of the ``eventwire`` script."""
    app(prog_name=PROG)


def _show_version(value: bool) -> None:
    if value:
        try:
            number = version("eventwire")
        except PackageNotFoundError:
            number = "unknown"
        typer.echo(f"{PROG} {number}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Open, offline event coding of news: who did what to whom, when, where and how certainly."""


@app.command("code")
def code(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="A .txt file (one article), an .html page, a .jsonl file (one article a line), "
            "a directory of these, or - for standard input.",
            show_default=False,
        ),
    ],
    published: Annotated[
        dt.date | None,
        typer.Option(
            parser=parse_date,
            metavar="YYYY-MM-DD",
            help="Publication date of inputs that carry none; relative dates resolve against it.",
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="Output format of the records.")
    ] = "jsonl",
    actors: Annotated[
        list[Path] | None,
        actors_option("An actor file to add to the bundled ones (repeatable)."),
    ] = None,
    verbs: Annotated[
        list[Path] | None,
        verbs_option("A verb-pattern or discard file (`import-verbs`) to code with (repeatable)."),
    ] = None,
) -> None:
    """Code news articles into event records on stdout."""
    stderr_tty = sys.stderr.isatty()
    report = _Report(
        Console(stderr=True) if stderr_tty else None,
        progress=stderr_tty and not sys.stdout.isatty(),
    )
    failure: EventwireError | None = None
    try:
        coder = _load_coder(Settings.from_env(actors_files=actors or (), verbs_files=verbs or ()))
        articles = read_articles(paths, published=published, stdin=sys.stdin, on_error=report.failed)
        coded = report.track(coder.code(articles))
        write_events((event for _, events in coded for event in events), sys.stdout, format=output_format)
    except EventwireError as exc:
        failure = exc
    finally:
        report.close()  # before any last message, so it is not drawn over a progress display
    if failure is not None:
        _fail(failure)
    raise typer.Exit(1 if report.failures else 0)


@app.command("import-actors")
def import_actors_command(
    dictionaries: Annotated[
        list[Path],
        dictionaries_argument(
            "PETRARCH/Phoenix dictionaries, read in order (the first to name an actor wins)."
        ),
    ],
    output: Annotated[
        Path, output_option("The actor file to write; dated roles go beside it in FILE's name with .people.")
    ],
    kind: Annotated[
        Literal["actors", "agents"],
        typer.Option("--kind", help="Actor dictionaries, or agent dictionaries (sector words)."),
    ] = "actors",
) -> None:
    """Convert PETRARCH/Phoenix actor or agent dictionaries into files for `code --actors`."""
    from eventwire.nlp.petrarch_import import import_actors, import_agents, write_imported

    convert = import_agents if kind == "agents" else import_actors
    try:
        imported = convert(dictionaries)
        written = write_imported(imported, output)
    except EventwireError as exc:
        _fail(exc)
    _notes(imported.notes)
    rows = len(imported.organisations) + len(imported.people) + len(imported.sectors)
    _say(
        f"{PROG}: wrote {rows} rows to {', '.join(map(str, written))} "
        f"({imported.known} names left to the bundled tables); load with "
        + " ".join(f"--actors {path}" for path in written)
    )


# Notes shown by import-actors and import-verbs (the first ones; the rest are counted).
IMPORT_NOTES_SHOWN = 20


@app.command("import-verbs")
def import_verbs_command(
    dictionaries: Annotated[
        list[Path],
        dictionaries_argument(
            "PETRARCH/TABARI verb dictionaries, read in order (the first to list a verb form wins)."
        ),
    ],
    output: Annotated[
        Path,
        output_option("The verb-pattern file to write; discards go beside it in FILE's name with .discards."),
    ],
    discards: Annotated[
        list[Path] | None,
        typer.Option(
            "--discards",
            metavar="DICT",
            exists=True,
            dir_okay=False,
            readable=True,
            help="A PETRARCH discard dictionary to convert too (repeatable).",
        ),
    ] = None,
) -> None:
    """Convert PETRARCH verb (and discard) dictionaries into files for `code --verbs`."""
    import dataclasses

    from eventwire.nlp.petrarch_verbs import import_discards, import_verbs, write_verbs

    try:
        imported = import_verbs(dictionaries)
        if discards:
            imported = dataclasses.replace(imported, discards=import_discards(discards).discards)
        written = write_verbs(imported, output)
    except EventwireError as exc:
        _fail(exc)
    _notes(imported.notes)
    _say(
        f"{PROG}: wrote {len(imported.patterns)} patterns"
        + (f" and {len(imported.discards)} discards" if imported.discards else "")
        + f" to {', '.join(map(str, written))}; load with "
        + " ".join(f"--verbs {path}" for path in written)
    )


def _notes(notes: Sequence[str]) -> None:
    for note in notes[:IMPORT_NOTES_SHOWN]:
        _say(f"{PROG}: note: {note}")
    if len(notes) > IMPORT_NOTES_SHOWN:
        _say(f"{PROG}: ... and {len(notes) - IMPORT_NOTES_SHOWN} more notes")


def _load_coder(settings: Settings) -> Coder:
    from eventwire.api import Coder

    return Coder(settings)


def _fail(error: EventwireError) -> NoReturn:
    _say(f"{PROG}: error: {_one_line(str(error))}")
    raise typer.Exit(1)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _say(line: str, console: Console | None = None) -> None:
    if console is None:
        typer.echo(line, err=True)
    else:
        console.print(line, markup=False, highlight=False, soft_wrap=True)


class _Report:
    """Failed inputs on stderr, one line each; a progress display and summary on a terminal.

    Args:
        console: the terminal stderr is, or None when it is not one (then only failures are said).
        progress: whether to show a progress display once ``PROGRESS_AFTER`` articles are coded.
    """

    def __init__(self, console: Console | None, *, progress: bool) -> None:
        self.console = console
        self.failures = 0
        self.articles = 0
        self._want_progress = progress and console is not None
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def failed(self, error: InputError) -> None:
        self.failures += 1
        _say(f"{PROG}: error: {_one_line(error.message)}", self.console)

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Pass ``items`` (one per coded article) on, counting them."""
        for item in items:
            self.articles += 1
            self._advance()
            yield item

    def _advance(self) -> None:
        if self._progress is None and self._want_progress and self.articles >= PROGRESS_AFTER:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("coding: {task.completed} articles, {task.fields[failures]} failed"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task(
                "coding", total=None, completed=self.articles, failures=self.failures
            )
            self._progress.start()
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.articles, failures=self.failures)

    def close(self) -> None:
        """Stop the progress display; on a terminal, sum up a run that showed one or had failures."""
        shown = self._progress is not None
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self.console is not None and (shown or self.failures):
            failed = (
                f"; {self.failures} input{'s' if self.failures != 1 else ''} failed" if self.failures else ""
            )
            _say(
                f"{PROG}: coded {self.articles} article{'s' if self.articles != 1 else ''}{failed}",
                self.console,
            )


@app.command("eval")
def evaluate_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD",
            exists=True,
            dir_okay=False,
            readable=True,
            help="Gold files: PETRARCH .xml, PLOVER .json, ConfliBERT .tsv or CoNLL .txt, eventwire .jsonl.",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Score only the first N items of each file.")
    ] = None,
    gate_file: Annotated[
        Path | None,
        typer.Option("--gate", metavar="BASELINE", help="Fail (exit 1) when a figure is below its floor."),
    ] = None,
    update_file: Annotated[
        Path | None,
        typer.Option(
            "--update-baseline", metavar="BASELINE", help="Raise the floors to the figures reached."
        ),
    ] = None,
    allow_lower: Annotated[
        bool, typer.Option("--allow-lower", help="With --update-baseline: let floors fall (needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why floors are lowered; kept in the baseline.")
    ] = None,
    markdown_file: Annotated[
        Path | None,
        typer.Option(
            "--markdown", metavar="PATH", help="Write the figures into this Markdown file's section."
        ),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        actors_option("An actor file to add to the bundled ones (repeatable), e.g. imported dictionaries."),
    ] = None,
    verbs: Annotated[
        list[Path] | None,
        verbs_option("A verb-pattern or discard file (`import-verbs`) to code with (repeatable)."),
    ] = None,
) -> None:
    """Score the coder against gold files: precision, recall, F1, accuracy and confusions."""
    from eventwire import evaluate as ev

    if limit is not None and (gate_file or update_file):
        raise typer.BadParameter("floors hold for whole files; drop --limit", param_hint="--limit")
    if actors and (gate_file or update_file):
        raise typer.BadParameter("floors hold for the bundled actors; drop --actors", param_hint="--actors")
    if verbs and (gate_file or update_file):
        raise typer.BadParameter("floors hold for the bundled lexicon; drop --verbs", param_hint="--verbs")
    if gate_file and update_file:
        raise typer.BadParameter("gate or update, not both", param_hint="--gate")
    if (allow_lower or reason) and not update_file:
        raise typer.BadParameter("only with --update-baseline", param_hint="--allow-lower/--reason")
    if allow_lower != bool(reason and reason.strip()):
        raise typer.BadParameter(
            "lowering floors needs both --allow-lower and --reason", param_hint="--reason"
        )
    try:
        golds = [ev.read_gold(path, limit=limit) for path in gold]
        coder = _load_coder(Settings.from_env(actors_files=actors or (), verbs_files=verbs or ()))
        scores = [ev.evaluate_file(g, coder) for g in golds]
        problems = ev.gate(scores, ev.load_baseline(gate_file)) if gate_file else None
        refused: list[str] = []
        if update_file:
            updated, refused = ev.raise_floors(
                scores, ev.load_baseline(update_file), allow_lower=allow_lower, reason=reason
            )
            update_file.parent.mkdir(parents=True, exist_ok=True)
            update_file.write_text(ev.dump_baseline(updated), encoding="utf-8")
        if markdown_file:
            names = " ".join(
                [
                    *map(str, gold),
                    *(f"--actors {path}" for path in actors or ()),
                    *(f"--verbs {path}" for path in verbs or ()),
                ]
            )
            section = ev.markdown(scores, command=f"{PROG} eval {names} --markdown {markdown_file}")
            old = markdown_file.read_text(encoding="utf-8") if markdown_file.exists() else ""
            markdown_file.write_text(ev.splice(old, section), encoding="utf-8")
    except EventwireError as exc:
        _fail(exc)
    if as_json:
        typer.echo(json.dumps(ev.scores_dict(scores, gate=problems), indent=2, ensure_ascii=False))
    else:
        _print_scores(scores)
    for line in [*(problems or []), *refused]:
        _say(f"{PROG}: {line}")
    if gate_file and not problems:
        _say(f"{PROG}: gate passed ({gate_file})")
    raise typer.Exit(1 if problems or refused else 0)


def _print_scores(scores: Sequence[FileScore]) -> None:
    """A table of figures per gold file, and one of its most frequent confusions."""
    console = Console(soft_wrap=False)
    for result in scores:
        subset = f", first {result.items} of {result.total}" if result.items != result.total else ""
        title = f"{result.name} ({result.format}, {result.items} items{subset}, {result.seconds:.1f} s)"
        console.print(title, style="bold", markup=False, highlight=False, soft_wrap=True)
        table = Table()
        table.add_column("metric")
        table.add_column("value", justify="right")
        for metric, value in sorted(result.metrics.items()):
            table.add_row(metric, f"{value:.3f}")
        console.print(table)
        if result.confusions:
            confusions = Table(title="most frequent confusions", title_justify="left")
            for column in ("gold", "coded", "count"):
                confusions.add_column(column, justify="right" if column == "count" else "left")
            for c in result.confusions:
                confusions.add_row(c.gold, c.predicted, str(c.count))
            console.print(confusions)


cli_store.register(app)
cli_web.register(app)
