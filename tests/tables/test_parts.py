"""A large plain file scored in parts, one process each, gives byte for byte
what one process gives; a file that cannot be cut is scored whole.

The runs in parts happen in a fresh process (`tests.tables.fresh`): only a
process that runs one thread forks, and this one runs others by then.
"""

from __future__ import annotations

import csv
import io
import itertools
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mexsledai.cli import main
from mexsledai.tables import parts
from mexsledai.tables.files import FileSummary, score_file
from mexsledai.tables.headers import TableError
from mexsledai.tables.parts import cut
from tests.tables import fresh
from tests.tables.plain_tables import DELIMITERS, NEWLINES, csv_text, examples, tables

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="parts are forked on Linux only"
)

TABLES = tables(
    findings=["", "0", "1", "1", "0", "sí", "x", "maybe", "-"],
    leukocytes=["", "3999", "4000", "4001", "2500", "abc", "50"],
    temperatures=["", "38", "38.1", "37,5"],
    notes=["", "ok", "a;b", "=x", "ü"],
    most=60,
)


@pytest.fixture
def cutting(monkeypatch: pytest.MonkeyPatch) -> None:
    """`cut` in this process, as a process of one thread on three CPUs would
    cut files of any size (it forks nothing)."""
    monkeypatch.setattr(parts, "MIN_BYTES", 0)
    monkeypatch.setattr(parts, "usable_cpus", lambda: 3)
    monkeypatch.setattr(parts, "single_threaded", lambda: True)


def _whole(monkeypatch: pytest.MonkeyPatch, source: Path, target: Path) -> FileSummary:
    """Scored in this process, in one part."""
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        return score_file(str(source), str(target))


def _numbered(count: int, newline: str = "\r\n") -> str:
    return (
        "id,arthritis"
        + newline
        + "".join(f"P{n},{n % 2}{newline}" for n in range(count))
    )


@examples(25)
@given(
    rows=TABLES,
    delimiter=DELIMITERS,
    newline=NEWLINES,
    bom=st.booleans(),
)
def test_parts_write_what_one_process_writes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rows: list[list[str]],
    delimiter: str,
    newline: str,
    bom: bool,
) -> None:
    source = tmp_path / ("t.tsv" if delimiter == "\t" else "t.csv")
    source.write_bytes(
        (b"\xef\xbb\xbf" if bom else b"") + csv_text(rows, delimiter, newline).encode()
    )
    in_parts, _ = fresh.run(tmp_path, source=source, target=tmp_path / "parts.csv")
    whole = _whole(monkeypatch, source, tmp_path / "whole.csv")
    assert (tmp_path / "parts.csv").read_bytes() == (
        tmp_path / "whole.csv"
    ).read_bytes()
    # The counts, the problems in the order first seen, the digest.
    assert in_parts["summary"] == fresh.summary_fields(whole)
    assert in_parts["ran"] in ([], [3], [2])  # not cut (a quote), or in parts


@pytest.mark.usefixtures("cutting")
@pytest.mark.parametrize("scan", [7, 4096, 1 << 18])
def test_cut_gives_whole_lines_and_their_row_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan: int
) -> None:
    # Lines are counted a buffer at a time: one that ends within a line, or
    # just after a break, counts each break once.
    monkeypatch.setattr(parts, "_SCAN", scan)
    source = tmp_path / "n.csv"
    source.write_text(_numbered(1000), newline="")
    found = cut(str(source), encoding="utf-8")
    assert found is not None
    assert len(found) == 3
    data = source.read_bytes()
    assert found[0].start == len(b"id,arthritis\r\n")
    assert found[-1].end == len(data)
    for before, after in itertools.pairwise(found):
        assert before.end == after.start
    for part in found:
        first_line = data[part.start :].split(b"\r\n", 1)[0]
        # Row n + 2 holds P{n}.
        assert first_line.startswith(f"P{part.first_row - 2},".encode())
        assert data[part.end - 1 : part.end] == b"\n"


@pytest.mark.usefixtures("cutting")
@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (_numbered(50).replace("P7,1", 'P7,"1"'), "utf-8"),  # a quote
        (_numbered(50).replace("P7,1", "P7,\x001"), "utf-8"),  # a NUL
        # in the last part, whose lines are not counted
        (_numbered(50).replace("P48,", 'P48,"'), "utf-8"),
        (_numbered(50).replace("P48,", "P48,\x00"), "utf-8"),
        (_numbered(50), "cp1252"),  # not UTF-8
        (_numbered(50), "utf-16"),
        ("id,arthritis", "utf-8"),  # the header without a line break
        ('"id",arthritis\r\nP1,1\r\nP2,0\r\nP3,1\r\n', "utf-8"),  # a quoted header
    ],
)
def test_what_is_not_cut(tmp_path: Path, text: str, encoding: str) -> None:
    source = tmp_path / "q.csv"
    source.write_text(text, encoding=encoding, newline="")
    assert cut(str(source), encoding=encoding) is None


@pytest.mark.usefixtures("cutting")
def test_small_files_and_one_cpu_are_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "s.csv"
    source.write_text(_numbered(50), newline="")
    assert cut(str(source), encoding="utf-8") is not None
    assert cut(str(source), encoding="utf-8", parts=1) is None
    assert len(cut(str(source), encoding="utf-8", parts=1000) or []) <= 64
    monkeypatch.setattr(parts, "usable_cpus", lambda: 1)
    assert cut(str(source), encoding="utf-8") is None
    monkeypatch.setattr(parts, "usable_cpus", lambda: 2)
    monkeypatch.setattr(parts, "MIN_BYTES", source.stat().st_size)
    assert cut(str(source), encoding="utf-8") is None


@pytest.mark.usefixtures("cutting")
def test_a_part_of_one_line_is_not_cut_further(tmp_path: Path) -> None:
    source = tmp_path / "o.csv"
    source.write_text("id,arthritis\r\nP1,1\r\n", newline="")
    assert cut(str(source), encoding="utf-8") is None


def test_a_process_with_other_threads_is_not_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts, "MIN_BYTES", 0)
    monkeypatch.setattr(parts, "usable_cpus", lambda: 3)
    source = tmp_path / "t.csv"
    source.write_text(_numbered(50), newline="")
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        assert not parts.single_threaded()
        assert cut(str(source), encoding="utf-8") is None
    finally:
        done.set()
        other.join()
    # A fresh process runs one thread, and forks.
    answer, _ = fresh.run(tmp_path, source=source, target=tmp_path / "out.csv")
    assert answer["ran"] == [3]


@pytest.mark.parametrize(
    "trouble",
    [
        "P3,1\rP3b,0",  # a lone "\r": two rows on one line
        "P3,\xff",  # a byte that is not UTF-8, read by a forked part
    ],
)
def test_a_part_that_fails_leaves_the_file_to_one_process(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    trouble: str,
) -> None:
    lines = _numbered(300).split("\r\n")
    lines[250] = trouble  # late in the file: in a part another process scores
    data = "\r\n".join(lines).encode("utf-8").replace("\xff".encode(), b"\xff")
    source = tmp_path / "f.csv"
    source.write_bytes(data)
    answer, done = fresh.run(
        tmp_path, argv=["score", str(source), "-o", str(tmp_path / "parts.csv")]
    )
    assert answer["ran"] in ([None], [])  # a part failed, or the file was not cut
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        code = main(["score", str(source), "-o", str(tmp_path / "whole.csv")])
    assert answer["code"] == code
    parts_err = done.stderr.decode().replace("parts.csv", "whole.csv")
    assert parts_err == capsys.readouterr().err
    if code == 0:
        assert (tmp_path / "parts.csv").read_bytes() == (
            tmp_path / "whole.csv"
        ).read_bytes()
    else:
        assert "cannot decode" in parts_err
        assert not (tmp_path / "parts.csv").exists()


def test_a_failure_here_stops_the_other_parts(tmp_path: Path) -> None:
    source = tmp_path / "k.csv"
    source.write_text(_numbered(300), newline="")
    answer, _ = fresh.run(
        tmp_path, source=source, target=tmp_path / "out.csv", fail_here=True
    )
    assert answer["error"] == "disk full"
    assert not (tmp_path / "out.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["k.csv"]  # nothing left behind


def test_a_plain_file_is_really_scored_in_parts(tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text(_numbered(300), newline="")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.csv"
    answer, _ = fresh.run(tmp_path, source=source, target=target)
    assert answer["ran"] == [3]  # one a CPU
    assert answer["summary"][:4] == [300, 300, 0, 0]  # rows, scored, incomplete, errors
    # The parts were written beside the output, and are gone.
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["out.csv"]
    scores = [row[2] for row in csv.reader(io.StringIO(target.read_text()))]
    assert scores[1:] == ["0", "2"] * 150  # arthritis recorded 0, then 1


def test_parts_to_standard_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    source = tmp_path / "s.csv"
    source.write_text(_numbered(200), newline="")
    answer, done = fresh.run(tmp_path, argv=["score", str(source), "-o", "-"])
    assert (answer["code"], answer["ran"]) == (0, [3])
    with monkeypatch.context() as patch:
        patch.setattr(parts, "cut", lambda *_, **__: None)
        assert main(["score", str(source), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out == done.stdout
    assert done.stdout.count(b"\r\n") == 201


def test_jobs_chooses_the_number_of_parts(tmp_path: Path) -> None:
    source = tmp_path / "j.csv"
    source.write_text(_numbered(300), newline="")
    outputs = []
    for jobs, ran in ((None, [3]), ("1", []), ("2", [2]), ("5", [5])):
        target = tmp_path / f"out{jobs}.csv"
        argv = ["score", str(source), "-o", str(target)]
        answer, _ = fresh.run(
            tmp_path, argv=argv + ([] if jobs is None else ["--jobs", jobs])
        )
        assert (answer["code"], answer["ran"]) == (0, ran)
        outputs.append(target.read_bytes())
    assert all(output == outputs[0] for output in outputs)


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number_from_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    source = tmp_path / "b.csv"
    source.write_text(_numbered(3), newline="")
    with pytest.raises(SystemExit) as stopped:
        main(["score", str(source), "--jobs", jobs])
    assert stopped.value.code == 2
    assert (
        f"--jobs must be a whole number from 1, got {jobs!r}" in capsys.readouterr().err
    )
    assert not (tmp_path / "b.scored.csv").exists()


def test_jobs_in_the_library_must_be_from_1(tmp_path: Path) -> None:
    source = tmp_path / "l.csv"
    source.write_text(_numbered(3), newline="")
    with pytest.raises(TableError, match="jobs must be a whole number from 1, got 0"):
        score_file(str(source), jobs=0)
    assert not (tmp_path / "l.scored.csv").exists()


def test_a_part_is_appended_after_what_was_written(tmp_path: Path) -> None:
    part = tmp_path / "1.part"
    part.write_bytes(b"third\r\nfourth\r\n")
    with (tmp_path / "out.csv").open("w+b") as target:
        target.write(b"first\r\nsecond\r\n")  # still in the stream's buffer
        with part.open("rb") as source:
            parts._append(source, target)  # copied by the kernel
        assert target.tell() == 30
        target.write(b"fifth\r\n")  # and the stream writes on after it
    assert (tmp_path / "out.csv").read_bytes() == (
        b"first\r\nsecond\r\nthird\r\nfourth\r\nfifth\r\n"
    )


def test_a_part_is_appended_to_a_stream_that_is_no_file(tmp_path: Path) -> None:
    part = tmp_path / "1.part"
    part.write_bytes(b"x" * 100_000)
    target = io.BytesIO(b"head")
    target.seek(0, io.SEEK_END)
    with part.open("rb") as source:
        parts._append(source, target)  # through memory
    assert target.getvalue() == b"head" + b"x" * 100_000


def test_a_part_that_ends_early_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = tmp_path / "1.part"
    part.write_bytes(b"x" * 1000)
    copies = iter([600, 0])  # the kernel copies 600 bytes, then finds the end
    monkeypatch.setattr("os.copy_file_range", lambda *_: next(copies))
    with (
        part.open("rb") as source,
        (tmp_path / "out.csv").open("wb") as target,
        pytest.raises(OSError, match="ended after 600 of its 1000 bytes"),
    ):
        parts._append(source, target)
