"""Reading articles: text files, HTML pages, JSON Lines, directories, stdin, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import read_articles, read_sources
from eventwire.ingest.html import declared_charset, parse_html
from eventwire.ingest.jsonl import parse_line
from eventwire.records import Article, text_hash

JUNE_18 = dt.date(2024, 6, 18)
GOOD = "Russia attacked Ukraine on Monday.\n"
BODY = (
    "<p>The foreign minister of Norway met the ambassador of Chile in Oslo on Tuesday to discuss "
    "fishing rights in the southern seas.</p><p>Officials said the talks would continue next week "
    "after a short break for consultations with the fishing industry.</p>"
)


def page(head: str = "", body: str = BODY, extra: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}{extra}</article></body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


# --- text files ---------------------------------------------------------------------------------------


def test_ingest_text_file_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", GOOD)
    [article] = read_sources([str(path)], published=JUNE_18)
    assert article == Article(text=GOOD, published=JUNE_18, source=str(path))
    assert article.id == text_hash(GOOD)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbfRussia attacked Ukraine.", "Russia attacked Ukraine."),
        ("Russia attacked Ukraine.".encode("utf-16"), "Russia attacked Ukraine."),
        (b"Line one.\r\nLine two.\rLine three.", "Line one.\nLine two.\nLine three."),
        ("Caf\u00e9 talks in Z\u00fcrich.".encode(), "Caf\u00e9 talks in Z\u00fcrich."),
    ],
    ids=["utf8-bom", "utf16-bom", "crlf", "utf8"],
)
def test_ingest_text_decoding(tmp_path: Path, raw: bytes, text: str) -> None:
    [article] = read_sources([str(write(tmp_path / "a.txt", raw))])
    assert isinstance(article, Article)
    assert article.text == text


def test_ingest_accepts_one_path_and_pathlike(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", GOOD)
    assert len(articles(list(read_sources(path)))) == 1
    assert len(articles(list(read_sources(str(path))))) == 1


def test_ingest_reads_lazily(tmp_path: Path) -> None:
    path = tmp_path / "later.txt"
    items = read_sources([str(path)])
    write(path, GOOD)  # created after the call, before iteration
    assert [a.text for a in articles(list(items))] == [GOOD]


# --- bad inputs: every kind names the file and the reason, and the other inputs are still read ----------

BAD_INPUTS = [
    # (file name or None for a missing one, content, reason fragment, line)
    ("missing.txt", None, "no such file or directory", None),
    ("empty.txt", b"", "empty file", None),
    ("blank.txt", b"  \n\t \n", "empty file", None),
    ("nul.txt", b"Russia\x00attacked\x00", "binary file", None),
    ("controls.txt", bytes(range(1, 9)) * 50 + b"some text", "binary file", None),
    ("latin1.txt", "Talks in Paris.\nLe caf\u00e9 est ferm\u00e9.".encode("latin-1"), "not UTF-8 text", 2),
    ("report.pdf", b"%PDF-1.4 text", "unsupported file type '.pdf'", None),
    ("README", b"Russia attacked Ukraine.", "unsupported file type (no extension)", None),
    ("empty.html", b"   ", "empty file", None),
    ("nav.html", page(body="<nav></nav>").encode(), "no article text found", None),
    ("latin1.html", page(body="<p>caf\xe9</p>").encode("latin-1"), "not UTF-8 text", 1),
    ("empty.jsonl", b"\n\n", "empty file", None),
    ("binary.jsonl", b'{"text": "a\x00b"}\n', "binary file", None),
    ("utf16.jsonl", '{"text": "a"}\n'.encode("utf-16"), "not UTF-8 text", None),
]


@pytest.mark.parametrize(
    ("name", "content", "reason", "line"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_ingest_bad_input_is_an_error_value(
    tmp_path: Path, name: str, content: bytes | None, reason: str, line: int | None
) -> None:
    first = write(tmp_path / "first.txt", GOOD)
    bad = tmp_path / name
    if content is not None:
        write(bad, content)
    last = write(tmp_path / "last.txt", "NATO criticised China on Friday.")

    items = list(read_sources([str(first), str(bad), str(last)]))

    assert [a.source for a in articles(items)] == [str(first), str(last)]
    [error] = errors(items)
    assert items[1] is error
    assert error.path == str(bad)
    assert reason in error.reason
    assert error.line == line
    assert str(bad) in str(error)


def test_ingest_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "ok\nGr\u00fc\u00dfe".encode("cp1252"))
    [error] = errors(list(read_sources([str(path)])))
    assert error.reason == "not UTF-8 text (byte 0xfc); convert it to UTF-8"
    assert error.line == 2


def test_ingest_empty_directory_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", "Russia attacked Ukraine.")
    [error] = list(read_sources([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert error.path == str(tmp_path)
    assert "no .txt, .html, .htm or .jsonl files" in error.reason


# --- directories ----------------------------------------------------------------------------------------


def test_ingest_directory_reads_known_files_sorted_recursively(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second article.")
    write(tmp_path / "a.jsonl", '{"text": "First line."}\n{"text": "Second line."}\n')
    write(tmp_path / "sub" / "c.html", page(head="<title>Talks</title>"))
    write(tmp_path / "sub" / "d.htm", page(head="<title>Talks</title>"))
    write(tmp_path / "sub" / "skip.md", "Not an input.")
    write(tmp_path / ".hidden" / "e.txt", "Hidden.")
    write(tmp_path / ".f.txt", "Hidden.")

    items = list(read_sources([str(tmp_path)]))

    assert errors(items) == []
    assert [a.source for a in articles(items)] == [
        f"{tmp_path / 'a.jsonl'}:1",
        f"{tmp_path / 'a.jsonl'}:2",
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.html"),
        str(tmp_path / "sub" / "d.htm"),
    ]


def test_ingest_directory_passes_bad_files_on_as_errors(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"\x00\x01")
    write(tmp_path / "b.txt", GOOD)
    items = list(read_sources([str(tmp_path)]))
    assert [e.path for e in errors(items)] == [str(tmp_path / "a.txt")]
    assert [a.source for a in articles(items)] == [str(tmp_path / "b.txt")]


# --- standard input -------------------------------------------------------------------------------------


def test_ingest_stdin_text() -> None:
    [article] = read_sources(["-"], stdin=io.StringIO(GOOD), published=JUNE_18)
    assert article == Article(text=GOOD, published=JUNE_18, source="<stdin>")


def test_ingest_stdin_bytes_are_decoded_strictly() -> None:
    stream = io.TextIOWrapper(io.BytesIO("caf\u00e9".encode("latin-1")), encoding="latin-1")
    [error] = read_sources(["-"], stdin=stream)
    assert isinstance(error, InputError)
    assert (error.path, error.line) == ("<stdin>", 1)
    assert "not UTF-8 text" in error.reason


def test_ingest_stdin_empty() -> None:
    [error] = read_sources(["-"], stdin=io.StringIO(" \n"))
    assert isinstance(error, InputError)
    assert (error.path, error.reason) == ("<stdin>", "empty input")


# --- JSON Lines -----------------------------------------------------------------------------------------


def test_ingest_jsonl_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.jsonl",
        '{"id": "a1", "title": "Raid", "text": "Russia attacked Ukraine.", "published": "2024-06-01",'
        ' "url": "https://example.org/a1", "lang": "en"}\n'
        "\n"
        '{"id": 7, "text": "NATO met.", "published": "2024-06-02T10:00:00Z"}\n'
        '{"text": "Chile protested.", "published": null}\n',
    )
    first, second, third = read_sources([str(path)], published=JUNE_18)
    assert first == Article(
        text="Russia attacked Ukraine.",
        id="a1",
        title="Raid",
        url="https://example.org/a1",
        published=dt.date(2024, 6, 1),
        source=f"{path}:1",
    )
    assert second == Article(text="NATO met.", id="7", published=dt.date(2024, 6, 2), source=f"{path}:3")
    assert third == Article(text="Chile protested.", published=JUNE_18, source=f"{path}:4")
    assert third.id == text_hash("Chile protested.")


BAD_LINES = [
    ("x", "malformed JSON (Expecting value: line 1 column 1)"),
    ('{"text": "a"', "malformed JSON (Expecting ',' delimiter: line 1 column 13)"),
    ("[1, 2]", "expected a JSON object, got an array"),
    ('{"title": "No text"}', "no 'text' field"),
    ('{"text": ""}', "empty 'text'"),
    ('{"text": "  \\n "}', "empty 'text'"),
    ('{"text": 42}', "'text' must be a string, got a number"),
    ('{"text": ["a"]}', "'text' must be a string, got an array"),
    ('{"text": "a", "published": "2024-02-30"}', "'published' is not a date (want YYYY-MM-DD): '2024-02-30'"),
    ('{"text": "a", "published": "yesterday"}', "'published' is not a date (want YYYY-MM-DD): 'yesterday'"),
    ('{"text": "a", "published": 20240618}', "'published' must be a string, got a number"),
    ('{"text": "a", "id": {"x": 1}}', "'id' must be a string or an integer, got an object"),
    ('{"text": "a", "title": 3}', "'title' must be a string, got a number"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_ingest_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path / "news.jsonl", f'{{"text": "First."}}\n{line}\n{{"text": "Third."}}\n')

    items = list(read_sources([str(path)]))

    assert [a.source for a in articles(items)] == [f"{path}:1", f"{path}:3"]
    [error] = errors(items)
    assert (error.path, error.line, error.reason) == (str(path), 2, reason)
    assert str(error).endswith(f"{path}:2: {reason}")


def test_ingest_jsonl_undecodable_line_spares_the_others(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", b'{"text": "First."}\n{"text": "caf\xe9"}\n{"text": "Third."}\n')
    items = list(read_sources([str(path)]))
    assert [a.text for a in articles(items)] == ["First.", "Third."]
    [error] = errors(items)
    assert (error.line, error.reason) == (2, "not UTF-8 text (byte 0xe9); convert it to UTF-8")


def test_ingest_jsonl_bom_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", b'\xef\xbb\xbf{"text": "First."}\r\n{"text": "Second."}\r\n')
    assert [a.text for a in articles(list(read_sources([str(path)])))] == ["First.", "Second."]


def test_ingest_parse_line_without_line_number() -> None:
    article = parse_line('{"text": "NATO met."}', source="feed")
    assert article.source == "feed"


# --- HTML -----------------------------------------------------------------------------------------------


def test_ingest_html_title_date_url_and_text(tmp_path: Path) -> None:
    head = (
        "<title>Talks in Oslo</title>"
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z">'
        '<link rel="canonical" href="https://example.org/oslo-talks">'
    )
    path = write(tmp_path / "oslo.html", page(head=head, body=f"<h1>Talks in Oslo</h1>{BODY}"))

    [article] = read_sources([str(path)], published=JUNE_18)

    assert isinstance(article, Article)
    assert article.title == "Talks in Oslo"
    assert article.published == dt.date(2024, 5, 2)
    assert article.url == "https://example.org/oslo-talks"
    assert article.text.startswith("The foreign minister of Norway met")  # headline not repeated
    assert "short break for consultations" in article.text
    assert "<p>" not in article.text
    assert article.source == str(path)


def test_ingest_html_without_date_uses_published() -> None:
    html = page(head="<title>Talks</title>", extra="<footer>Copyright 2021 Example News</footer>")
    article = parse_html(html, source="page.html", published=JUNE_18)
    assert article.published == JUNE_18  # not 2021-01-01 from the copyright line


def test_ingest_html_declared_charset(tmp_path: Path) -> None:
    html = page(
        head='<meta charset="windows-1252"><title>Caf\u00e9</title>', body=f"<p>Caf\u00e9 talks.</p>{BODY}"
    )
    path = write(tmp_path / "cafe.html", html.encode("cp1252"))
    assert declared_charset(path.read_bytes()) == "windows-1252"
    [article] = read_sources([str(path)])
    assert isinstance(article, Article)
    assert "Caf\u00e9 talks." in article.text


# --- read_articles ----------------------------------------------------------------------------------------


def test_ingest_read_articles_hands_errors_on(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", GOOD)
    seen: list[InputError] = []
    got = list(read_articles([str(tmp_path / "nope.txt"), str(good)], on_error=seen.append))
    assert [a.source for a in got] == [str(good)]
    assert [(e.path, e.reason) for e in seen] == [(str(tmp_path / "nope.txt"), "no such file or directory")]
