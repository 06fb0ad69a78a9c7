"""The store's commands: ``ingest``, ``events``, ``dyad``, ``export`` and ``quarantine``.

A thin layer over :mod:`eventwire.store`, added to the ``eventwire`` app by :func:`register`.
stdout carries only records; messages go to stderr. Exit codes: 0 when every input was read, 1 when
any input was quarantined or the store cannot be opened (another process holding it, say), 2 for
usage errors.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from eventwire.cli_options import actors_option, parse_date, verbs_option
from eventwire.config import Settings
from eventwire.errors import EventwireError, InputError
from eventwire.records import Article, Modality
from eventwire.store import DedupRule, EventQuery, Store, open_store
from eventwire.store.base import Quarantined

if TYPE_CHECKING:
    from eventwire.store.batch import Engine

PROG = "eventwire"
EventFormat = Literal["jsonl", "table", "csv"]
ExportFormat = Literal["gdelt", "plover", "csv", "parquet"]
EngineName = Literal["local", "dask"]
DyadPeriod = Literal["week", "month"]
DyadFormat = Literal["table", "jsonl"]

_DEFAULT_WORKERS = 2


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="S",
        help="A DuckDB file or a postgresql:// URL (default: EVENTWIRE_STORE, else ./eventwire.duckdb).",
        show_default=False,
    ),
]
DateOption = Annotated[dt.date | None, typer.Option(parser=parse_date, metavar="YYYY-MM-DD")]


def _say(line: str) -> None:
    typer.echo(" ".join(line.split()), err=True)


def _fail(error: EventwireError | str) -> NoReturn:
    _say(f"{PROG}: error: {error}")
    raise typer.Exit(1)


@contextmanager
def _opened(target: str | None, rule: DedupRule | None = None) -> Iterator[Store]:
    try:
        store = open_store(target, rule=rule)
    except EventwireError as exc:
        _fail(exc)
    try:
        yield store
    finally:
        store.close()


class _Rate(ProgressColumn):
    """Articles a second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "– articles/s")


def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="Files, directories, .jsonl files, - for standard input, or http(s) URLs of pages or feeds.",
            show_default=False,
        ),
    ],
    store: StoreOption = None,
    published: Annotated[
        dt.date | None,
        typer.Option(
            parser=parse_date, metavar="YYYY-MM-DD", help="Publication date of inputs that carry none."
        ),
    ] = None,
    engine: Annotated[
        EngineName, typer.Option(help="Where to code: local worker processes, or a Dask cluster.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="With --engine dask: a Dask scheduler's address (default: a local cluster on 127.0.0.1).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Coding processes (with --engine dask: workers of the local cluster).")
    ] = _DEFAULT_WORKERS,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per coding batch.")] = 32,
    follow: Annotated[bool, typer.Option(help="Keep polling the feed URLs for new items.")] = False,
    interval: Annotated[float, typer.Option(min=0.0, help="Seconds between polls with --follow.")] = 300.0,
    polls: Annotated[
        int | None, typer.Option(min=1, help="With --follow, stop after this many polls.", show_default=False)
    ] = None,
    dedup_window: Annotated[
        int, typer.Option(min=0, max=366, help="Days apart two reports of one event may date it.")
    ] = 1,
    dedup: Annotated[bool, typer.Option(help="Merge reports of one event from different articles.")] = True,
    actors: Annotated[
        list[Path] | None, actors_option("An actor file to add to the bundled ones (repeatable).")
    ] = None,
    verbs: Annotated[
        list[Path] | None,
        verbs_option("A verb-pattern or discard file (`import-verbs`) to code with (repeatable)."),
    ] = None,
) -> None:
    """Code sources and store their articles and events (already stored articles are passed over)."""
    from eventwire.ingest.sources import count_inputs, read_any
    from eventwire.ingest.web import follow as follow_feeds
    from eventwire.ingest.web import is_url
    from eventwire.store.batch import Tally
    from eventwire.store.batch import ingest as run_ingest

    try:
        settings = Settings.from_env(
            n_process=workers, batch_size=batch_size, actors_files=actors or (), verbs_files=verbs or ()
        )
        rule = DedupRule(enabled=dedup, window_days=dedup_window)
    except EventwireError as exc:
        raise typer.BadParameter(exc.message) from None
    if scheduler is not None and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask")
    urls = [s for s in sources if is_url(s)]
    if follow and not urls:
        raise typer.BadParameter("--follow needs at least one http(s) feed URL")
    items: Iterator[Article | InputError]
    if follow:
        local = [s for s in sources if not is_url(s)]
        items = itertools.chain(
            read_any(local, published=published),
            follow_feeds(urls, published=published, interval=interval, polls=polls),
        )
    else:
        items = read_any(sources, published=published)
    console = Console(stderr=True) if sys.stderr.isatty() else None
    total = None if follow else count_inputs(sources)
    progress = _progress(console)
    task = progress.add_task("ingest", total=total) if progress else None

    def on_progress(tally: Tally) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=tally.done)

    def on_quarantine(item: Quarantined) -> None:
        where = f"{item.source}:{item.line}" if item.line is not None else item.source
        line = f"{PROG}: quarantined: {where}: {item.reason}"
        if progress is not None:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            _say(line)

    # The engine starts first: local workers are forked only while no store is open and no thread runs.
    try:
        with _engine(engine, settings, scheduler) as coder, _opened(store, rule) as opened:
            if progress is not None:
                progress.start()
            try:
                tally = run_ingest(items, opened, coder, on_progress=on_progress, on_quarantine=on_quarantine)
            finally:
                if progress is not None:
                    progress.stop()
    except EventwireError as exc:
        _fail(exc)
    if console is not None:
        _say(
            f"{PROG}: stored {tally.stored} articles ({tally.events} events); "
            f"{tally.skipped} already stored; {tally.quarantined} quarantined"
        )
    raise typer.Exit(1 if tally.quarantined else 0)


@contextmanager
def _engine(name: EngineName, settings: Settings, scheduler: str | None) -> Iterator[Engine]:
    """The coding engine ``--engine`` names, open for the length of the block."""
    if name == "dask":
        from eventwire.dist.dask import DaskEngine

        with DaskEngine(settings, scheduler=scheduler) as engine:
            yield engine
        return
    from eventwire.dist.local import LocalEngine

    with LocalEngine(settings) as local:
        yield local


def _progress(console: Console | None) -> Progress | None:
    if console is None:
        return None
    return Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )


def events(
    store: StoreOption = None,
    actor: Annotated[
        str | None, typer.Option(metavar="CODE", help="An actor's country, org or CAMEO code.")
    ] = None,
    recipient: Annotated[str | None, typer.Option(metavar="CODE", help="A recipient's code.")] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(metavar="ACTOR RECIPIENT", help="Both sides at once.")
    ] = None,
    code: Annotated[str | None, typer.Option(metavar="CAMEO", help="A CAMEO code or its prefix.")] = None,
    root: Annotated[str | None, typer.Option(metavar="NN", help="A CAMEO root code.")] = None,
    plover: Annotated[str | None, typer.Option(metavar="TYPE", help="A PLOVER event type.")] = None,
    modality: Annotated[Modality | None, typer.Option(help="The event's modality.")] = None,
    since: DateOption = None,
    until: DateOption = None,
    text: Annotated[str | None, typer.Option(metavar="WORDS", help="Words in one of the sentences.")] = None,
    limit: Annotated[int | None, typer.Option(min=0, metavar="N")] = None,
    output_format: Annotated[EventFormat, typer.Option("--format", help="Output format.")] = "jsonl",
) -> None:
    """Print stored events, filtered, by date."""
    from eventwire.export import table
    from eventwire.store.export import write_csv, write_jsonl

    if dyad is not None:
        actor, recipient = dyad
    try:
        query = EventQuery(
            actor=actor,
            recipient=recipient,
            code=code,
            root=root,
            plover=plover,
            modality=modality,
            since=since,
            until=until,
            text=text,
            limit=limit,
        )
    except EventwireError as exc:
        raise typer.BadParameter(exc.message) from None
    with _opened(store) as opened:
        found = opened.events(query)
        if output_format == "table":
            table.write((stored.event for stored in found), sys.stdout)
        elif output_format == "csv":
            write_csv(found, sys.stdout)
        else:
            write_jsonl(found, sys.stdout)


def dyad(
    actor: Annotated[str, typer.Argument(metavar="A", help="The acting side's code (RUS, UN, RUSGOV).")],
    recipient: Annotated[str, typer.Argument(metavar="B", help="The receiving side's code.")],
    store: StoreOption = None,
    by: Annotated[DyadPeriod, typer.Option(help="Count per week or per month.")] = "month",
    output_format: Annotated[DyadFormat, typer.Option("--format", help="Output format.")] = "table",
) -> None:
    """Count the events of A towards B per week or month, by quad class, with mean Goldstein."""
    with _opened(store) as opened:
        rows = opened.dyad(actor.strip().upper(), recipient.strip().upper(), period=by)
    if output_format == "jsonl":
        for row in rows:
            typer.echo(
                json.dumps(
                    {
                        "period": row.period.isoformat(),
                        "quad_class": row.quad_class,
                        "events": row.events,
                        "mean_goldstein": row.mean_goldstein,
                    }
                )
            )
        return
    typer.echo(f"{by}\tquad_class\tevents\tmean_goldstein")
    for row in rows:
        typer.echo(f"{row.period.isoformat()}\t{row.quad_class}\t{row.events}\t{row.mean_goldstein:.2f}")


def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="File format.")],
    output: Annotated[
        Path, typer.Option("--output", metavar="PATH", dir_okay=False, help="The file to write.")
    ],
    store: StoreOption = None,
) -> None:
    """Write every stored event to a file: GDELT 2.0 TSV, PLOVER JSON lines, CSV or Parquet."""
    from eventwire.store.export import export as write_export

    with _opened(store) as opened:
        try:
            count = write_export(opened.events(), output, format=output_format)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    if sys.stderr.isatty():
        _say(f"{PROG}: wrote {count} records to {output}")


def quarantine(
    store: StoreOption = None,
    output_format: Annotated[
        Literal["tsv", "jsonl"], typer.Option("--format", help="Output format.")
    ] = "tsv",
) -> None:
    """List the inputs that were not coded (unreadable, empty, not English) and why."""
    with _opened(store) as opened:
        items = opened.quarantined()
    for item in items:
        if output_format == "jsonl":
            data = {"source": item.source, "line": item.line, "kind": item.kind, "reason": item.reason}
            typer.echo(json.dumps(data, ensure_ascii=False))
        else:
            where = f"{item.source}:{item.line}" if item.line is not None else item.source
            typer.echo(f"{where}\t{item.kind}\t{item.reason}")


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``eventwire`` app."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("dyad")(dyad)
    app.command("export")(export)
    app.command("quarantine")(quarantine)
