"""The line path: rows of delimited text that need no CSV parsing, read and
written as whole lines.

Most clinic exports quote nothing: every line is one row, and splitting it at
the delimiter gives exactly the cells a CSV reader gives. Such a block of
lines is split with `str.split`, and each row is written back as its own
line, unchanged, with the appended values after it: the same text a CSV
writer would write for those cells (`csv.writer` quotes only cells holding
the delimiter, a quote or a line break, and such lines are not plain), in a
fraction of the time.

A block is plain when it holds no quote, no NUL, no line break other than the
file's own, and no cell a spreadsheet could read as a formula (those are
escaped by the usual writer). The first block with a quote hands the rest of
the file to the CSV reader, since a quoted cell may span lines; any other
block that is not plain is read by the CSV reader on its own (without quotes,
its lines are its rows) and written the usual way.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import contains, is_, itemgetter, not_, or_
from typing import IO, Any, Final

from .dialects import MAX_CELL_BYTES
from .rows import splice_messages

__all__ = ["AppendedText", "Block", "LineReader"]

_BLOCK_CHARS: Final = 1 << 18  # text read at once
_KEPT: Final = 8192  # appended texts kept for rows that share their values
_HEAD: Final = itemgetter(slice(None, -2))  # the values before the message
_MESSAGE: Final = itemgetter(-2)
_DERIVED: Final = itemgetter(-1)
_FIRST: Final = itemgetter(0)
_SECOND: Final = itemgetter(1)


def _breaks(text: str) -> bool:
    return "\r" in text or "\n" in text


@dataclass
class Block:
    """Rows read together.

    Attributes:
        rows: the cells of each row.
        lines: each row's text without its line break, when the block is
            plain and every row is as wide as the header; else ``None``
            (the rows are written the usual way).
    """

    rows: list[list[str]]
    lines: list[str] | None


class LineReader:
    """The data rows of a text table, in blocks of at most ``batch`` rows.

    Args:
        text: the decoded text, just after the header row.
        delimiter: the cell delimiter.
        newline: the file's line break (``"\\r\\n"`` or ``"\\n"``).
        width: the header's number of cells.
        batch: the most rows in a block.
    """

    def __init__(
        self, text: IO[str], *, delimiter: str, newline: str, width: int, batch: int
    ) -> None:
        self._text = text
        self._delimiter = delimiter
        self._newline = newline
        self._width = width
        self._batch = batch
        # A cell that starts like a formula, after a line break or the
        # delimiter ("-5" is found too, and the usual writer looks closer):
        # substring searches, many times faster than a regular expression.
        starts = "=+-@" if delimiter == "\t" else "=+-@\t"
        self._starts = tuple(starts)
        self._formula = tuple(
            before + start for before in ("\n", delimiter) for start in starts
        )
        self._rest = ""
        #: After a quote: the CSV reader that reads the rest of the file.
        self.csv_rows: Iterator[list[str]] | None = None
        #: Whether each line read so far was one row (until a quote, or a
        #: line break other than the file's).
        self.lines_are_rows = True

    def blocks(self) -> Iterator[Block]:
        """The blocks, in file order, until the end or the first quote (then
        `csv_rows` holds the reader of the rest)."""
        for text in self._texts():
            if '"' in text:
                # The CSV reader takes over from the start of this text, with
                # the line begun after it (read up to its end) and the rest.
                unread = text + self._rest + self._text.readline()
                self._rest = ""
                self.lines_are_rows = False
                self.csv_rows = csv.reader(
                    chain(io.StringIO(unread, newline=""), self._text),
                    delimiter=self._delimiter,
                )
                return
            lines = text.split(self._newline)
            breaks = len(lines) - 1
            if lines[-1] == "":
                lines.pop()  # the text ended with a line break
            if self._plain(text, lines, breaks):
                split = self._delimiter
                for start in range(0, len(lines), self._batch):
                    some = lines[start : start + self._batch]
                    rows = list(map(str.split, some, repeat(split)))
                    lengths = set(map(len, rows))
                    yield Block(rows, some if lengths == {self._width} else None)
            else:
                rows = list(
                    csv.reader(io.StringIO(text, newline=""), delimiter=self._delimiter)
                )
                if len(rows) != len(lines):
                    self.lines_are_rows = False
                for start in range(0, len(rows), self._batch):
                    yield Block(rows[start : start + self._batch], None)

    def _texts(self) -> Iterator[str]:
        """The text in pieces of whole lines (the last may lack its break)."""
        while True:
            read = self._text.read(_BLOCK_CHARS)
            if not read:
                last, self._rest = self._rest, ""
                if last:
                    yield last
                return
            text = self._rest + read
            # Cut after the last "\n"; a "\r" just before the cut stays with
            # its line, and a "\r" at the very end may begin a "\r\n".
            cut = text.rfind("\n") + 1
            self._rest = text[cut:]
            if cut:
                yield text[:cut]

    def _plain(self, text: str, lines: Sequence[str], breaks: int) -> bool:
        """Whether the lines are the rows: no NUL, no other line break, no
        empty line, no cell that looks like a formula. ``breaks``: the file's
        line breaks in ``text`` (its lines, less one)."""
        if "\x00" in text or "" in lines:
            return False
        if max(map(len, lines)) > MAX_CELL_BYTES:  # as the CSV reader refuses it
            return False
        if self._newline == "\r\n":
            # Every "\r" and every "\n" in a CRLF (one-character counts cost
            # less than counting the pair).
            if text.count("\n") != breaks or text.count("\r") != breaks:
                return False
        elif "\r" in text:
            return False
        if not any(start in text for start in self._starts):
            return True  # the common case: one fast scan per character
        return not text.startswith(self._starts) and not any(
            pattern in text for pattern in self._formula
        )


class AppendedText:
    """The text that follows a row's own cells: the delimiter, the appended
    values as a CSV writer writes them, and the line break.

    Args:
        delimiter: the cell delimiter.
        newline: the line break.
    """

    def __init__(self, delimiter: str, newline: str) -> None:
        self._delimiter = delimiter
        self._newline = newline
        self._buffer = io.StringIO()
        self._writer = csv.writer(
            self._buffer, delimiter=delimiter, lineterminator=newline
        )
        # Texts of whole rows without a message, and of the values before
        # the message: rows share them.
        self._texts: dict[tuple[str, ...], str] = {}
        self._heads: dict[tuple[str, ...], str] = {}
        # The text before a row's message and the text after it, by the
        # row's values without a message.
        self._halves: dict[tuple[str, ...], tuple[str, str]] = {}

    def texts_apart(
        self, rows: list[tuple[Any, ...]], warned: list[int], messages: list[str]
    ) -> list[str]:
        """The texts of rows whose messages are given apart (as
        `FastRows.batch_apart` gives them): the rows at ``warned`` have an
        empty message in their values, and ``messages`` in order. The same
        texts as `texts` gives for the rows with their messages in."""
        if _breaks("".join(messages)):  # no warning is worded so, but if one is
            spliced = list(rows)
            splice_messages(spliced, warned, messages)
            return self.texts(spliced)
        found = self.texts(rows)
        if not warned:
            return found
        # Each message between the texts around it, kept by the row's
        # values (rows share them).
        halves = self._halves
        if len(halves) > _KEPT:
            halves.clear()
        shared = list(map(rows.__getitem__, warned))
        around: list[Any] = list(map(halves.get, shared))
        for at in compress(range(len(around)), map(is_, around, repeat(None))):
            values = shared[at]
            head = self(values[:-2])[: -len(self._newline)]
            rest = self(values[-1:])[: -len(self._newline)]
            around[at] = halves[values] = (
                head + self._delimiter,
                self._delimiter + rest[1:] + self._newline,
            )
        written = map(
            "".join,
            zip(
                map(_FIRST, around),
                *self._fields(messages),
                map(_SECOND, around),
                strict=False,
            ),
        )
        deque(map(found.__setitem__, warned, written), maxlen=0)
        return found

    def texts(self, rows: list[tuple[Any, ...]]) -> list[str]:
        """The texts of rows' appended values (each all text, the message
        second to last, as the fast path gives them)."""
        texts = self._texts
        if len(texts) > _KEPT:
            texts.clear()
        found: list[Any] = list(map(texts.get, rows))
        missing = list(compress(range(len(found)), map(is_, found, repeat(None))))
        if not missing:
            return found
        new = [rows[at] for at in missing]
        messages = list(map(_MESSAGE, new))
        derived = list(map(_DERIVED, new))
        if _breaks("".join(messages)) or _breaks("".join(derived)):
            written = list(map(self, new))  # rare: as the CSV writer writes it
        else:
            # All at once: the values before the message (shared by many
            # rows), then the message and the derived text, each quoted when
            # it holds the delimiter or a quote.
            heads: list[Any] = list(map(self._heads.get, map(_HEAD, new)))
            for at in compress(range(len(heads)), map(is_, heads, repeat(None))):
                head = _HEAD(new[at])
                heads[at] = self._heads[head] = self(head)[: -len(self._newline)]
            written = list(
                map(
                    "".join,
                    zip(
                        heads,
                        repeat(self._delimiter),
                        *self._fields(messages),
                        repeat(self._delimiter),
                        *self._fields(derived),
                        repeat(self._newline),
                    ),
                )
            )
        deque(map(found.__setitem__, missing, written), maxlen=0)  # at C speed
        # Rows without a message share their text (a message is seldom
        # written twice).
        texts.update(compress(zip(new, written, strict=True), map(not_, messages)))
        return found

    def _fields(self, values: list[str]) -> tuple[Iterable[str], ...]:
        """Values as the CSV writer writes them (none holds a line break):
        quoted, their quotes doubled, when they hold the delimiter or a
        quote. Given as the pieces to join (the opening quote, the value,
        the closing quote), so that no quoted copy is made; when all or none
        must be quoted, at C speed."""
        quoted = list(
            map(
                or_,
                map(contains, values, repeat(self._delimiter)),
                map(contains, values, repeat('"')),
            )
        )
        if not any(quoted):
            return (values,)
        doubled = map(str.replace, values, repeat('"'), repeat('""'))
        if all(quoted):
            return repeat('"'), doubled, repeat('"')
        marks = ['"' if quote else "" for quote in quoted]
        return marks, doubled, marks

    def __call__(self, values: Sequence[str]) -> str:
        """The text for one row's appended values (all text)."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(["", *values])
        return self._buffer.getvalue()
