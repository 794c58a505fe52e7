"""The line path writes, byte for byte, what the CSV reader and writer write:
on any text, in any block size, whatever a block holds."""

from __future__ import annotations

import csv
import gc
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mexsledai.cli import main
from mexsledai.tables import files, lines
from mexsledai.tables.fast import FastRows
from mexsledai.tables.files import score_file
from mexsledai.tables.headers import TableError
from mexsledai.tables.lines import AppendedText
from tests.tables import plain_tables
from tests.tables.plain_tables import (
    DELIMITERS,
    NEWLINES,
    assert_same_summary,
    csv_text,
    examples,
    tables,
)

# Cells for every column: plain ones, and ones that make a block not plain
# (a quote, a delimiter or line break inside quotes, a formula, a NUL).
NOTES = ["", "ok", "a;b", "a,b", 'say "x"', "two\nlines", "=cmd", "@x", "\tx", "€"]
TABLES = tables(
    findings=["", "0", "1", "1", "0", "sí", "no", "x", "maybe", "-", "+"],
    leukocytes=["", "3999", "4000", "4001", "2500", "abc", "-5"],
    temperatures=["", "38", "38.1", "37,5", "=1"],
    notes=NOTES[:2] * 6 + NOTES,
    most=40,
)


def _both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> tuple[bytes, bytes, files.FileSummary, files.FileSummary]:
    """The output and summary with the line path, then without it."""
    source = tmp_path / name
    source.write_bytes(data)
    suffix = name.rpartition(".")[2]
    fast_summary = score_file(str(source), str(tmp_path / f"line.{suffix}"))
    with monkeypatch.context() as patch:
        patch.setattr(files, "_line_reader", lambda *_, **__: None)
        csv_summary = score_file(str(source), str(tmp_path / f"csv.{suffix}"))
    return (
        (tmp_path / f"line.{suffix}").read_bytes(),
        (tmp_path / f"csv.{suffix}").read_bytes(),
        fast_summary,
        csv_summary,
    )


@examples(400)
@given(
    rows=TABLES,
    delimiter=DELIMITERS,
    newline=NEWLINES,
    block=st.sampled_from([7, 64, 1 << 20]),
    batch=st.sampled_from([1, 3, 2048]),
    last_break=st.booleans(),
)
def test_same_bytes_as_the_csv_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    delimiter: str,
    newline: str,
    block: int,
    batch: int,
    last_break: bool,
) -> None:
    text = csv_text(rows, delimiter, newline)
    if not last_break and text.endswith(newline) and len(rows) > 1:
        text = text[: -len(newline)]  # the last line without its break
    suffix = {",": "csv", ";": "csv", "\t": "tsv"}[delimiter]
    with monkeypatch.context() as patch:
        patch.setattr(lines, "_BLOCK_CHARS", block)
        patch.setattr(files, "_BATCH", batch)
        line_out, csv_out, line_summary, csv_summary = _both(
            tmp_path, patch, f"t.{suffix}", text.encode()
        )
    assert line_out == csv_out
    assert_same_summary(line_summary, csv_summary)


@pytest.mark.parametrize(
    "text",
    [
        # A lone "\r" inside a CRLF file, and a "\r" ending a line of an LF file.
        "id,arthritis\r\nP1,1\rP2,0\r\nP3,1\r\n",
        # A lone "\n" inside a CRLF file.
        "id,arthritis\r\nP1,1\nP2,0\r\nP3,1\r\n",
        "id,arthritis\nP1,1\r\nP2,0\n",
        # A NUL in a cell (not plain: the CSV reader decides).
        "id,arthritis,notes\r\nP1,1,a\x00b\r\nP2,0,c\r\n",
        # A quote in the middle of the file, a quoted cell over two lines.
        'id,arthritis,notes\r\nP1,1,a\r\nP2,0,"b\r\nc"\r\nP3,1,d\r\n',
        # Only the header, and the header without a line break.
        "id,arthritis\r\n",
        "id,arthritis",
        # A header of one column.
        "arthritis\r\nx\r\n\r\n1\r\n",
    ],
)
def test_edge_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    for block in (5, 1 << 20):
        with monkeypatch.context() as patch:
            patch.setattr(lines, "_BLOCK_CHARS", block)
            line_out, csv_out, line_summary, csv_summary = _both(
                tmp_path, patch, "e.csv", text.encode()
            )
        assert line_out == csv_out
        assert_same_summary(line_summary, csv_summary)


def test_a_line_longer_than_the_cell_limit_is_left_to_the_csv_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lines, "MAX_CELL_BYTES", 8)
    text = "id,arthritis\r\nP1,1\r\nP2-with-a-long-name,0\r\n"
    reader = plain_tables.reader(text.split("\r\n", 1)[1], newline="\r\n")
    (block,) = reader.blocks()
    assert block.lines is None  # written the usual way
    assert block.rows == [["P1", "1"], ["P2-with-a-long-name", "0"]]


def test_plain_lines_are_taken_and_kept_as_they_are() -> None:
    reader = plain_tables.reader(
        "P1,1, spaced ,\r\nP2,0,x,y\r\n", newline="\r\n", width=4
    )
    (block,) = reader.blocks()
    assert block.lines == ["P1,1, spaced ,", "P2,0,x,y"]
    assert block.rows == [["P1", "1", " spaced ", ""], ["P2", "0", "x", "y"]]
    assert reader.csv_rows is None


@pytest.mark.parametrize("cell", ["=1", "+1", "-x", "@x", "-5", "\tx"])
def test_a_formula_like_cell_is_not_plain(cell: str) -> None:
    for text in (f"{cell},1\n", f"P1,{cell}\n"):
        reader = plain_tables.reader(text)
        (block,) = reader.blocks()
        assert block.lines is None


def test_a_tab_starts_no_formula_in_a_tab_file() -> None:
    reader = plain_tables.reader("P1\t1\n", delimiter="\t")
    (block,) = reader.blocks()
    assert block.lines == ["P1\t1"]


values = st.text(alphabet=st.sampled_from(list("ab ,;\t\"\r\n'=é")), max_size=8)
# Without line breaks: the rows are written all at once (some quoted, some not).
one_line_values = st.text(alphabet=st.sampled_from(list("ab ,;\t\"'=é")), max_size=8)


@given(
    rows=st.lists(st.tuples(*[values] * 7), min_size=1, max_size=6)
    | st.lists(st.tuples(*[one_line_values] * 7), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\r\n", "\n"]),
)
def test_appended_text_is_what_the_csv_writer_writes(
    rows: list[tuple[str, ...]], delimiter: str, newline: str
) -> None:
    appended = AppendedText(delimiter, newline)
    for _ in range(2):  # again, from the caches
        for row, text in zip(rows, appended.texts(rows), strict=True):
            expected = io.StringIO()
            csv.writer(expected, delimiter=delimiter, lineterminator=newline).writerow(
                ["x", *row]
            )
            assert "x" + text == expected.getvalue()


@given(
    rows=st.lists(st.tuples(*[one_line_values] * 7), min_size=1, max_size=6)
    | st.lists(st.tuples(*[values] * 7), min_size=1, max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    data=st.data(),
)
def test_messages_apart_make_the_same_texts(
    rows: list[tuple[str, ...]], delimiter: str, data: st.DataObject
) -> None:
    # The rows at `warned` come without their message (as the fast path
    # gives them to the line path), and their messages apart.
    warned = sorted(data.draw(st.sets(st.integers(0, len(rows) - 1))))
    apart = [(*r[:5], "", r[6]) if at in warned else r for at, r in enumerate(rows)]
    messages = [rows[at][5] for at in warned]
    whole = AppendedText(delimiter, "\r\n")
    appended = AppendedText(delimiter, "\r\n")
    for _ in range(2):  # again, from the caches
        assert appended.texts_apart(apart, warned, messages) == whole.texts(rows)


def test_an_undecodable_byte_is_named_as_the_csv_path_names_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    body = "".join(f"P{n},1\r\n" for n in range(3000))
    source = tmp_path / "w.csv"
    source.write_bytes(
        b"id,arthritis\r\n" + body.encode() + b"P\xe9,1\r\n" + body.encode()
    )
    assert main(["score", str(source)]) == 2
    line_error = capsys.readouterr().err
    with monkeypatch.context() as patch:
        patch.setattr(files, "_line_reader", lambda *_, **__: None)
        assert main(["score", str(source)]) == 2
    assert capsys.readouterr().err == line_error
    assert "cannot decode the input as utf-8 near row " in line_error
    assert "--encoding" in line_error
    assert not (tmp_path / "w.scored.csv").exists()


def test_standard_input_keeps_the_csv_reader(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO(b"id,arthritis\r\nP1,x\r\n"))
    )
    assert main(["score", "-"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert out.splitlines()[1] == "P1,x,2,2,2,mild,scored,,"


def test_appended_texts_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "_KEPT", 2)
    appended = AppendedText(",", "\r\n")
    rows = [(str(n), "0", "0", "none", "scored", "", "") for n in range(5)]
    assert appended.texts(rows) == [f",{n},0,0,none,scored,,\r\n" for n in range(5)]
    assert len(appended._texts) == 5
    assert appended.texts(rows[:1]) == [",0,0,0,none,scored,,\r\n"]
    assert len(appended._texts) == 1  # emptied, then one kept


@pytest.fixture
def collector_in_batches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on, at each batch of the row loop."""
    seen: list[bool] = []
    batch = FastRows.batch_apart  # `batch` too takes its rows through it

    def recorded(self: FastRows, *args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return batch(self, *args, **kwargs)

    monkeypatch.setattr(FastRows, "batch_apart", recorded)
    return seen


def test_the_collector_is_paused_in_the_row_loop_only(
    tmp_path: Path, collector_in_batches: list[bool]
) -> None:
    source = tmp_path / "g.csv"
    source.write_text("id,arthritis\r\nP1,x\r\nP2,\r\n", newline="")
    seen = collector_in_batches
    assert gc.isenabled()
    score_file(str(source), str(tmp_path / "out.csv"))
    assert seen == [False]
    assert gc.isenabled()
    # Re-enabled after a failure too, and left off when it was off.
    with pytest.raises(TableError):
        score_file(str(source), str(tmp_path / "out.csv"), jobs=0)
    assert gc.isenabled()
    gc.disable()
    try:
        score_file(str(source), str(tmp_path / "out.csv"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failed_run_turns_the_collector_back_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "f.csv"
    source.write_text("id,arthritis\r\nP1,x\r\n", newline="")

    def failing(*_: object, **__: object) -> None:
        message = "disk full"
        raise OSError(message)

    monkeypatch.setattr(FastRows, "batch_apart", failing)
    with pytest.raises(OSError, match="disk full"):
        score_file(str(source), str(tmp_path / "out.csv"))
    assert gc.isenabled()


def test_the_trial_pauses_the_collector_while_it_holds_the_rows(
    tmp_path: Path, collector_in_batches: list[bool]
) -> None:
    from mexsledai.trial_files import follow_up_file  # noqa: PLC0415

    source = tmp_path / "t.csv"
    source.write_text("id,visit,arthritis\r\nP1,v1,x\r\nP1,v2,\r\n", newline="")
    follow_up_file(str(source), str(tmp_path / "out.csv"), patient="id", visit="visit")
    assert collector_in_batches == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "UTF8"])
def test_lines_with_wide_characters_keep_their_place(encoding: str) -> None:
    """Lines with characters beyond ASCII may be encoded one by one, below
    the text stream: what the stream held before is written first, the byte
    order mark once."""
    from mexsledai.tables.dialects import TextWriter  # noqa: PLC0415

    binary = io.BytesIO()
    stream = io.TextIOWrapper(binary, encoding=encoding, newline="")
    writer = TextWriter(stream, delimiter=",", newline="\r\n")
    writer.write_text_rows([["id", "note"]])
    writer.write_lines(["P1,a", "P2,", "P3,°C"], ["\r\n", "×10⁹/L\r\n", "\r\n"])
    writer.write_lines(["P4,b"], ["\r\n"])
    writer.write_text_rows([["P5", "c"]])
    stream.flush()
    text = "id,note\r\nP1,a\r\nP2,×10⁹/L\r\nP3,°C\r\nP4,b\r\nP5,c\r\n"
    bom = "\ufeff" if encoding == "utf-8-sig" else ""
    assert binary.getvalue() == (bom + text).encode()


def test_lines_to_a_stream_of_text_only() -> None:
    from mexsledai.tables.dialects import TextWriter  # noqa: PLC0415

    stream = io.StringIO(newline="")
    writer = TextWriter(stream, delimiter=",", newline="\n")
    writer.write_lines(["P1,", "P2,a"], ["×\n", "\n"])
    assert stream.getvalue() == "P1,×\nP2,a\n"


def test_a_byte_order_mark_comes_first_whatever_writes_first() -> None:
    from mexsledai.tables.dialects import TextWriter  # noqa: PLC0415

    binary = io.BytesIO()
    stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    TextWriter(stream, delimiter=",", newline="\n").write_lines(["P1,"], ["×10⁹/L\n"])
    stream.flush()
    assert binary.getvalue() == "\ufeffP1,×10⁹/L\n".encode()
