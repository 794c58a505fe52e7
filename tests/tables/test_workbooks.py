""".ods and .xls input, read like xlsx (cached values, typed cells), and
percentage-formatted cells in every spreadsheet format.

The .ods files are written here as OpenDocument XML, the .xls files with
xlwt; both are the shapes LibreOffice and Excel save.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from mexsledai.cli import main
from mexsledai.tables import iter_scored_file, score_file
from mexsledai.tables.cells import PercentCell
from mexsledai.tables.dialects import read_workbook
from mexsledai.tables.headers import TableError

openpyxl = pytest.importorskip("openpyxl")

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(value: object) -> str:
    """One cell as LibreOffice writes it."""
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, str) and value.startswith("<"):
        return value  # raw XML, for special cells
    if isinstance(value, PercentCell):
        return (
            f'<table:table-cell office:value-type="percentage" '
            f'office:value="{value.fraction}"><text:p>{value}</text:p></table:table-cell>'
        )
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}">'
            f"<text:p>{flag.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>x</text:p></table:table-cell>'
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def write_ods(
    path: Path, sheets: dict[str, list[list[object]]], tail: str = ""
) -> Path:
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>"
            for row in rows
        )
        + tail
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content)
    return path


def write_xls(path: Path, rows: list[list[object]], sheet: str = "Visits") -> Path:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    target = book.add_sheet(sheet)
    percent = xlwt.easyxf(num_format_str="0.0%")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, PercentCell):
                target.write(r, c, value.fraction, percent)
            elif isinstance(value, dt.date):
                target.write(r, c, value, date)
            elif value is not None:
                target.write(r, c, value)
    book.save(str(path))
    return path


HEADER: list[object] = [
    "patient",
    "Convulsiones",
    "Artritis",
    "Leucocitos (/mm³)",
    "Linfocitos %",
    "visit",
]
ROWS: list[list[object]] = [
    HEADER,
    ["P1", True, "sí", 4000, PercentCell(0.299), dt.date(2025, 3, 1)],  # 8 + 2 + 1
    ["P2", False, "no", 4000, PercentCell(0.3), "day 22"],  # 1200: 0
    ["P3", None, 1, 4000, 30, None],  # a plain 30 in a % column is 30 %: 2
]


def _totals(path: Path) -> list[object]:
    return [
        r.score.total if r.score else r.message for r in iter_scored_file(str(path))
    ]


class TestOds:
    def test_scored_like_xlsx(self, tmp_path: Path) -> None:
        source = write_ods(tmp_path / "visits.ods", {"Hoja1": ROWS})
        assert _totals(source) == [11, 0, 2]

    def test_written_as_xlsx_by_default(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = write_ods(tmp_path / "visits.ods", {"Hoja1": ROWS})
        assert main(["score", str(source)]) == 0
        target = tmp_path / "visits.scored.xlsx"
        assert f"wrote {target}" in capsys.readouterr().err
        sheet = openpyxl.load_workbook(target).worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0][:6] == HEADER
        assert rows[1][0] == "P1"
        assert rows[1][5] == dt.datetime(2025, 3, 1)  # a date stays a date
        assert rows[1][6] == 11
        # the percentage is kept as one
        cell = sheet.cell(row=2, column=5)
        assert (cell.value, cell.number_format) == (0.299, "0.0%")

    def test_csv_output_shows_percentages(self, tmp_path: Path) -> None:
        source = write_ods(tmp_path / "visits.ods", {"Hoja1": ROWS})
        target = tmp_path / "out.csv"
        score_file(str(source), str(target))
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[1].startswith("P1,TRUE,sí,4000,29.9%,2025-03-01,11,")
        # and the written file scores the same
        assert _totals(target) == [11, 0, 2]

    def test_sheet_by_name(self, tmp_path: Path) -> None:
        other: list[list[object]] = [["id", "arthritis"], ["X", 1]]
        source = write_ods(tmp_path / "v.ods", {"First": other, "Second": ROWS})
        assert [r.score.total for r in iter_scored_file(str(source), sheet="Second")] == [11, 0, 2]  # type: ignore[union-attr]  # fmt: skip
        with pytest.raises(TableError, match=r"no sheet named 'Third'; the sheets are: 'First', 'Second'"):  # fmt: skip
            list(iter_scored_file(str(source), sheet="Third"))

    def test_repeated_rows_and_cells(self, tmp_path: Path) -> None:
        repeated = (
            '<table:table-row table:number-rows-repeated="2">'
            '<table:table-cell office:value-type="string"><text:p>R</text:p></table:table-cell>'
            '<table:table-cell table:number-columns-repeated="2"/>'
            '<table:table-cell office:value-type="float" office:value="1"/>'
            "</table:table-row>"
            '<table:table-row table:number-rows-repeated="1048000">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
        source = write_ods(
            tmp_path / "v.ods",
            {"S": [["id", "seizures", "fever", "arthritis"]]},
            tail=repeated,
        )
        table = read_workbook(source)
        assert list(table.rows) == [["R", None, None, 1.0], ["R", None, None, 1.0]]

    def test_special_cells(self, tmp_path: Path) -> None:
        spaced = (
            '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b'
            "</text:p><text:p>c</text:p></table:table-cell>"
        )
        uncached = '<table:table-cell table:formula="of:=[.B2]+1"/>'
        time = '<table:table-cell office:value-type="time" office:time-value="PT08H30M00S"/>'
        stamp = (
            '<table:table-cell office:value-type="date" '
            'office:date-value="2025-03-01T08:30:00"/>'
        )
        source = write_ods(
            tmp_path / "v.ods",
            {"S": [["id", "arthritis", "note", "t", "s"], [spaced, uncached, None, time, stamp]]},
        )  # fmt: skip
        table = read_workbook(source)
        (row,) = list(table.rows)
        assert row[0] == "a  b\nc"
        assert str(row[1]) == "of:=[.B2]+1"
        assert row[3] == dt.time(8, 30)
        assert row[4] == dt.datetime(2025, 3, 1, 8, 30)
        (result,) = iter_scored_file(str(source))
        assert result.status == "error"
        assert "has no saved value" in result.message

    @pytest.mark.parametrize("content", [b"not a zip", None])
    def test_not_an_ods_file(self, tmp_path: Path, content: bytes | None) -> None:
        path = tmp_path / "bad.ods"
        if content is None:
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("content.xml", "<broken")
        else:
            path.write_bytes(content)
        with pytest.raises(TableError, match=r"as an \.ods spreadsheet"):
            list(iter_scored_file(str(path)))


class TestXls:
    def test_scored_like_xlsx(self, tmp_path: Path) -> None:
        source = write_xls(tmp_path / "visits.xls", ROWS)
        assert _totals(source) == [11, 0, 2]

    def test_written_as_xlsx_by_default(self, tmp_path: Path) -> None:
        source = write_xls(tmp_path / "visits.xls", ROWS)
        assert main(["score", str(source)]) == 0
        sheet = openpyxl.load_workbook(tmp_path / "visits.scored.xlsx").worksheets[0]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[1][1] is True
        assert rows[1][5] == dt.datetime(2025, 3, 1)

    def test_sheet_by_name(self, tmp_path: Path) -> None:
        source = write_xls(tmp_path / "v.xls", ROWS, sheet="Day 22")
        assert len(list(iter_scored_file(str(source), sheet="Day 22"))) == 3
        with pytest.raises(
            TableError, match=r"no sheet named 'x'; the sheets are: 'Day 22'"
        ):
            list(iter_scored_file(str(source), sheet="x"))

    def test_not_an_xls_file(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.xls"
        path.write_bytes(b"not a workbook")
        with pytest.raises(TableError, match=r"as an \.xls workbook"):
            list(iter_scored_file(str(path)))


class TestPercentages:
    """A percentage-formatted cell shows the percentage in a ``_percent``
    column, in every spreadsheet format; elsewhere it is a row error."""

    def test_xlsx(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(
            ["id", "leukocytes_per_mm3", "lymphocytes_percent", "hemoglobin_g_per_dl"]
        )
        sheet.append(["A", 4000, 0.299, 13])
        sheet.append(["B", 4000, 0.3, 13])
        sheet.append(["C", 4000, 0.3, 0.13])
        for row in (2, 3):
            sheet.cell(row=row, column=3).number_format = "0.0%"
        sheet.cell(row=4, column=3).number_format = "0%"
        sheet.cell(row=4, column=4).number_format = "0%"  # 13 %: no hemoglobin
        source = tmp_path / "p.xlsx"
        book.save(source)
        results = list(iter_scored_file(str(source)))
        assert [r.score.total if r.score else None for r in results] == [1, 0, None]
        assert "is formatted as a percentage, but this column is not a percentage" in (
            results[2].message
        )

    @pytest.mark.parametrize("writer", ["ods", "xls"])
    def test_not_in_other_columns(self, tmp_path: Path, writer: str) -> None:
        rows: list[list[object]] = [["id", "platelets_10e9_per_l", "fever"]]
        rows += [["A", PercentCell(0.85), None], ["B", 85, PercentCell(1.0)]]
        path = tmp_path / f"p.{writer}"
        source = (
            write_ods(path, {"S": rows}) if writer == "ods" else write_xls(path, rows)
        )
        first, second = iter_scored_file(str(source))
        assert first.status == second.status == "error"
        assert "'85%' is formatted as a percentage" in first.message
        assert "a percentage (100%): not a finding value" in second.message

    def test_the_shown_percentage_is_exact(self) -> None:
        assert PercentCell(0.299).percentage == 29.9
        assert PercentCell(0.07).percentage == 7.0  # not 7.000000000000001


def test_xls_without_xlrd_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_xls(tmp_path / "v.xls", ROWS)
    monkeypatch.setitem(sys.modules, "xlrd", None)
    with pytest.raises(TableError, match=r"pip install 'mexsledai\[xls\]'"):
        list(iter_scored_file(str(source)))
