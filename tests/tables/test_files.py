"""`mexsledai score` on real files, in process: dialects, encodings, errors,
and every row out in order."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mexsledai.cli import main
from mexsledai.tables import OUTPUT_COLUMNS, iter_scored_file

HEADER = ["patient_id", "visit", "seizures", "arthritis", "fatigue", "leukocytes_per_mm3",
          "temperature_c", "notes"]  # fmt: skip


def write(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8",
          newline: str = "\r\n") -> Path:  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read(
    path: Path, *, delimiter: str = ",", encoding: str = "utf-8"
) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.reader(stream, delimiter=delimiter))


def appended(row: list[str]) -> dict[str, str]:
    return dict(zip(OUTPUT_COLUMNS, row[-len(OUTPUT_COLUMNS) :], strict=True))


ROWS = [
    HEADER,
    ["P1", "baseline", "x", "yes", "", "3200", "37.0", "first"],  # 8 + 2 + 1 = 11
    [
        "P1",
        "day 22",
        "",
        "no",
        "ya",
        "5100",
        "38.5",
        "",
    ],  # fatigue 1 (+ fever, same item)
    ["P2", "baseline", "maybe", "", "", "", "", ""],  # error
    ["", "", "", "", "", "", "", ""],  # empty
    ["P2", "day 22", "0", "0", "0", "", "", "all absent"],  # 0
]


class TestScoreCsv:
    def test_every_row_out_in_order(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write(tmp_path / "visits.csv", ROWS)
        before = source.read_bytes()
        assert main(["score", str(source)]) == 1  # one row has an error
        out = read(tmp_path / "visits.scored.csv")
        assert out[0] == [*HEADER, *OUTPUT_COLUMNS]
        assert len(out) == len(ROWS)
        for written, original in zip(out[1:], ROWS[1:], strict=True):
            assert written[: len(HEADER)] == original
        assert appended(out[1]) == {
            "mexsledai_score": "11", "mexsledai_min": "11", "mexsledai_max": "11",
            "mexsledai_category": "severe", "mexsledai_status": "scored", "mexsledai_message": "",
            "mexsledai_derived": "leukopenia (leukocytes_per_mm3 = 3200)",
        }  # fmt: skip
        assert appended(out[2])["mexsledai_score"] == "1"
        error = appended(out[3])
        assert error["mexsledai_status"] == "error"
        assert error["mexsledai_score"] == error["mexsledai_min"] == ""
        assert "row 4, column C 'seizures': 'maybe'" in error["mexsledai_message"]
        assert list(appended(out[4]).values()) == [""] * 7
        assert appended(out[5])["mexsledai_score"] == "0"
        assert source.read_bytes() == before  # the input is never written
        err = capsys.readouterr().err
        assert "rows read: 5 (scored 3, incomplete 0, errors 1, empty 1)" in err
        assert f"wrote {tmp_path / 'visits.scored.csv'}" in err
        assert "scheme: five-level" in err
        assert "keys with no column" in err
        assert "psychosis" in err

    def test_exit_zero_when_every_row_scores(self, tmp_path: Path) -> None:
        source = write(tmp_path / "ok.csv", [HEADER, ROWS[1]])
        assert main(["score", str(source), "-o", str(tmp_path / "out.csv")]) == 0

    def test_semicolons_decimal_commas_and_bom(self, tmp_path: Path) -> None:
        rows = [["id", "Fiebre", "temperature_c", "arthritis"], ["a", "", "38,6", "sí"]]
        rows[0][1] = "fever"
        source = write(tmp_path / "es.csv", rows, delimiter=";", encoding="utf-8-sig")
        assert main(["score", str(source), "--decimal", ","]) == 0
        raw = (tmp_path / "es.scored.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        out = read(tmp_path / "es.scored.csv", delimiter=";", encoding="utf-8-sig")
        assert out[1][:4] == ["a", "", "38,6", "sí"]
        assert appended(out[1])["mexsledai_score"] == "3"

    def test_decimal_comma_without_option_is_a_row_error(self, tmp_path: Path) -> None:
        source = write(
            tmp_path / "es.csv", [["id", "temperature_c"], ["a", "38,6"]], delimiter=";"
        )
        assert main(["score", str(source)]) == 1
        out = read(tmp_path / "es.scored.csv", delimiter=";")
        assert "--decimal ," in appended(out[1])["mexsledai_message"]

    def test_tab_detected_and_tsv_output(self, tmp_path: Path) -> None:
        source = write(
            tmp_path / "t.txt", [["id", "arthritis"], ["a", "x"]], delimiter="\t"
        )
        assert main(["score", str(source), "-o", str(tmp_path / "o.tsv")]) == 0
        assert read(tmp_path / "o.tsv", delimiter="\t")[1][:3] == ["a", "x", "2"]
        assert main(["score", str(source)]) == 0
        assert read(tmp_path / "t.scored.txt", delimiter="\t")[1][2] == "2"

    def test_explicit_delimiter(self, tmp_path: Path) -> None:
        source = write(
            tmp_path / "p.txt", [["id", "arthritis"], ["a", "x"]], delimiter="|"
        )
        assert main(["score", str(source)]) == 2  # no key found with , ; or tab
        assert main(["score", str(source), "--delimiter", "|"]) == 0
        assert read(tmp_path / "p.scored.txt", delimiter="|")[1][2] == "2"

    def test_utf16_with_bom(self, tmp_path: Path) -> None:
        source = write(tmp_path / "u.txt", [["id", "alopecia"], ["ä", "benar"]], delimiter="\t",
                       encoding="utf-16")  # fmt: skip
        assert main(["score", str(source)]) == 0
        out = read(tmp_path / "u.scored.txt", delimiter="\t", encoding="utf-8-sig")
        assert out[1][:3] == ["ä", "benar", "2"]

    def test_undecodable_bytes_suggest_encoding(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = tmp_path / "w.csv"
        source.write_bytes("id,arthritis\nJosé,sí\n".encode("cp1252"))
        assert main(["score", str(source)]) == 2
        assert "--encoding" in capsys.readouterr().err
        assert not (tmp_path / "w.scored.csv").exists()
        assert main(["score", str(source), "--encoding", "cp1252"]) == 0
        assert read(tmp_path / "w.scored.csv")[1][:3] == ["José", "sí", "2"]

    def test_unknown_encoding(self, tmp_path: Path) -> None:
        source = write(tmp_path / "a.csv", [["arthritis"], ["x"]])
        assert main(["score", str(source), "--encoding", "klingon"]) == 2

    def test_empty_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = tmp_path / "empty.csv"
        source.write_bytes(b"")
        assert main(["score", str(source)]) == 2
        assert "empty" in capsys.readouterr().err
        assert not (tmp_path / "empty.scored.csv").exists()

    def test_header_only(self, tmp_path: Path) -> None:
        source = write(tmp_path / "h.csv", [HEADER])
        assert main(["score", str(source)]) == 0
        assert read(tmp_path / "h.scored.csv") == [[*HEADER, *OUTPUT_COLUMNS]]

    def test_quoted_newlines_and_line_endings(self, tmp_path: Path) -> None:
        rows = [["id", "arthritis", "notes"], ["a", "x", "line one\nline two"]]
        source = write(tmp_path / "n.csv", rows, newline="\n")
        assert main(["score", str(source)]) == 0
        raw = (tmp_path / "n.scored.csv").read_bytes()
        assert b"\r\n" not in raw
        assert read(tmp_path / "n.scored.csv")[1][:3] == [
            "a",
            "x",
            "line one\nline two",
        ]
        crlf = write(tmp_path / "c.csv", rows, newline="\r\n")
        assert main(["score", str(crlf)]) == 0
        assert (tmp_path / "c.scored.csv").read_bytes().count(b"\r\n") == 2

    def test_ragged_rows_and_blank_lines(self, tmp_path: Path) -> None:
        text = "id,arthritis,notes\na,x\n\nb,x,n,extra\n,,\n"
        source = tmp_path / "r.csv"
        source.write_text(text, encoding="utf-8")
        assert main(["score", str(source)]) == 1
        out = read(tmp_path / "r.scored.csv")
        assert len(out) == 5
        assert out[1][:3] == ["a", "x", ""]
        assert appended(out[1][:10])["mexsledai_score"] == "2"
        assert out[2] == [""] * 10  # the blank line, copied through
        assert out[3][:3] == ["b", "x", "n"]
        assert out[3][-1] == "extra"
        assert out[3][3:9][4] == "error"
        assert "has 4 cells" in out[3][3:9][5]
        assert out[4] == [""] * 10

    def test_huge_cell_stops_the_run(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = tmp_path / "big.csv"
        source.write_text(
            "id,arthritis\na,x\nb," + "x" * (16 * 1024 * 1024 + 10) + "\n"
        )
        assert main(["score", str(source)]) == 2
        assert "row 3" in capsys.readouterr().err
        assert not (tmp_path / "big.scored.csv").exists()

    def test_formula_escaping_and_rescoring(self, tmp_path: Path) -> None:
        rows = [["id", "arthritis", "fatigue", "notes"],
                ["=HYPERLINK(\"x\")", "+", "-", "@SUM(1)"],
                ["-5", "-", "'-", "'=already escaped"]]  # fmt: skip
        source = write(tmp_path / "f.csv", rows)
        assert main(["score", str(source)]) == 0
        out = read(tmp_path / "f.scored.csv")
        assert out[1][:4] == ['\'=HYPERLINK("x")', "'+", "'-", "'@SUM(1)"]
        assert out[1][4] == "2"  # arthritis "+" present, fatigue "-" absent
        assert out[2][:4] == ["-5", "'-", "'-", "'=already escaped"]
        assert out[2][4] == "0"
        # Re-scoring the scored file drops its mexsledai columns and reads the
        # escaped cells back: the same file again.
        again = tmp_path / "f.scored.scored.csv"
        assert main(["score", str(tmp_path / "f.scored.csv")]) == 0
        assert again.read_bytes() == (tmp_path / "f.scored.csv").read_bytes()

    def test_output_is_never_the_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write(tmp_path / "same.csv", [HEADER, ROWS[1]])
        before = source.read_bytes()
        assert main(["score", str(source), "-o", str(source)]) == 2
        assert main(["score", str(source), "-o", str(tmp_path / "." / "same.csv")]) == 2
        assert "is the input" in capsys.readouterr().err
        assert source.read_bytes() == before

    def test_failed_run_leaves_existing_output_untouched(self, tmp_path: Path) -> None:
        source = tmp_path / "bad.csv"
        source.write_bytes(b"id,arthritis\n" + b"a,x\n" * 100 + b"b,\xff\n")
        target = tmp_path / "out.csv"
        target.write_text("precious", encoding="utf-8")
        assert main(["score", str(source), "-o", str(target)]) == 2
        assert target.read_text(encoding="utf-8") == "precious"
        assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())

    def test_replaces_existing_output(self, tmp_path: Path) -> None:
        source = write(tmp_path / "v.csv", [HEADER, ROWS[1]])
        target = tmp_path / "v.scored.csv"
        target.write_text("old", encoding="utf-8")
        assert main(["score", str(source)]) == 0
        assert read(target)[1][-6] == "11"

    def test_header_problems_stop_before_writing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = [["id", "psycosis", "temperature", "arthritis"], ["a", "x", "38", "x"]]
        source = write(tmp_path / "h.csv", rows)
        assert main(["score", str(source)]) == 2
        err = capsys.readouterr().err
        assert "'psycosis'" in err
        assert "close to 'psychosis'" in err
        assert "'temperature'" in err
        assert "temperature_c" in err
        assert not (tmp_path / "h.scored.csv").exists()
        assert main(["score", str(source), "--ignore-column", "psycosis",
                     "--ignore-column", "temperature"]) == 0  # fmt: skip

    def test_no_key_in_any_split_points_at_the_header(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write(
            tmp_path / "h.csv", [["id", "psycosis", "temperature"], ["a", "x", "38"]]
        )
        assert main(["score", str(source)]) == 2
        err = capsys.readouterr().err
        assert "pass --delimiter" in err
        assert "close to 'psychosis'" in err
        assert "temperature_c" in err

    def test_ignore_column(self, tmp_path: Path) -> None:
        source = write(tmp_path / "i.csv", [["seizure", "arthritis"], ["yes", "x"]])
        assert main(["score", str(source), "--ignore-column", "seizure"]) == 0
        out = read(tmp_path / "i.scored.csv")
        assert out[1][:3] == ["yes", "x", "2"]

    def test_policy_and_scheme(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write(
            tmp_path / "p.csv", [HEADER, ["P", "v", "", "x", "", "", "", ""]]
        )
        assert main(["score", str(source), "--unrecorded", "unknown",
                     "--scheme", "three-level-id"]) == 0  # fmt: skip
        row = appended(read(tmp_path / "p.scored.csv")[1])
        # arthritis 2; seizures, fatigue/fever and leukopenia/lymphopenia unknown
        assert (row["mexsledai_score"], row["mexsledai_min"]) == ("", "2")
        assert row["mexsledai_status"] == "incomplete"
        err = capsys.readouterr().err
        assert "three-level-id" in err
        assert "blank finding cells counted absent: 0" in err

    @pytest.mark.parametrize(
        "argv",
        [
            ["score", "x.pdf"],
            ["score", "in.csv", "-o", "out.json"],
            ["score", "missing.csv"],
            ["score", "in.csv", "--scheme", "four-level"],
            ["score", "in.csv", "--decimal", ";"],
            ["score", "in.csv", "--delimiter", "ab"],
        ],
    )
    def test_bad_arguments_exit_2(
        self, tmp_path: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        write(tmp_path / "in.csv", [HEADER, ROWS[1]])
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's own refusals
            code = int(stop.code or 0)
        assert code == 2


def test_stdin_and_stdout_in_process(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = b"id,arthritis\na,x\n"
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))
    )
    assert main(["score", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.decode().splitlines()[1] == "a,x,2,2,2,mild,scored,,"
    assert b"wrote standard output" in captured.err


def test_iter_scored_file_writes_nothing(tmp_path: Path) -> None:
    source = write(tmp_path / "v.csv", ROWS)
    results = list(iter_scored_file(str(source)))
    assert [r.status for r in results] == [
        "scored",
        "scored",
        "error",
        "empty",
        "scored",
    ]
    assert [r.row for r in results] == [2, 3, 4, 5, 6]
    assert results[0].score is not None
    assert results[0].score.total == 11
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]
