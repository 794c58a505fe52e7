"""Scoring a large plain text file in parts, one process per part.

When every line of a file is one row (no quote, no NUL, one kind of line
break), the file can be cut at line breaks into parts that are scored
independently: part ``k`` starts at a known row number, and its output is the
same text the whole run would write for those rows. Each part but the first
is scored in a forked process into a temporary file; the first is scored in
this process, straight into the output; the parts are then joined in order.

Only on Linux, in a process that runs one thread (``fork`` is safe there; a
notebook or a server with threads scores in one process), for UTF-8 text of
at least `MIN_BYTES`, and with two or more usable CPUs. If a
part fails for any reason, the parts are discarded and the file is scored
the usual way, which explains the failure.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, cast

__all__ = [
    "MIN_BYTES",
    "NotCut",
    "Part",
    "cut",
    "run_parts",
    "single_threaded",
    "text_of",
    "usable_cpus",
]

#: The smallest data worth cutting: below it, forking costs more than it saves.
MIN_BYTES: Final = 4 * 1024 * 1024
_MOST_PARTS: Final = 8  # by default
_MOST_JOBS: Final = 64  # when asked for more
_SCAN: Final = 1 << 18  # bytes counted at once


class NotCut(Exception):
    """A part found the file cannot be cut after all: score it whole."""


@dataclass(frozen=True)
class Part:
    """A range of a file's bytes, whole lines, and the number of its first row.

    Attributes:
        start: the offset of its first byte.
        end: the offset after its last byte.
        first_row: the spreadsheet number of its first row.
    """

    start: int
    end: int
    first_row: int


def single_threaded() -> bool:
    """Whether this process runs one thread (its own, C threads included):
    forking a process with other threads may deadlock the child."""
    try:
        return len(list(Path("/proc/self/task").iterdir())) == 1
    except OSError:  # pragma: no cover - Linux has /proc
        return False


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - Linux has sched_getaffinity


def cut(path: str, *, encoding: str, parts: int | None = None) -> list[Part] | None:
    """The parts of a file's data rows (after its one-line header), or
    ``None`` when it should not be cut: not on Linux, a process with other
    threads (a notebook, a server: forking it is not safe), one CPU, another
    encoding than UTF-8, less than `MIN_BYTES`, or a quote or a NUL (which
    may make a row of many lines). Each part must still check that its lines
    are its rows (`LineReader.lines_are_rows`): another line break than the
    file's may make a line two rows.

    Args:
        path: the file.
        encoding: its encoding, as the table was opened with.
        parts: how many parts (default: one per usable CPU, at most 8; at
            most 64 when asked); 1 or fewer: none.
    """
    if not sys.platform.startswith("linux") or encoding not in ("utf-8", "utf-8-sig"):
        return None
    if not single_threaded():
        return None
    count = min(usable_cpus(), _MOST_PARTS) if parts is None else min(parts, _MOST_JOBS)
    if count < 2:
        return None
    with open(path, "rb") as stream:  # noqa: PTH123
        header = stream.readline()
        start = len(header)
        size = os.fstat(stream.fileno()).st_size
        if not header.endswith(b"\n") or b'"' in header or size - start < MIN_BYTES:
            return None
        # The cuts: just after the first line break at or after each
        # equal share of the data.
        cuts = [start]
        for number in range(1, count):
            stream.seek(start + (size - start) * number // count)
            stream.readline()
            cuts.append(max(stream.tell(), cuts[-1]))
        cuts.append(size)
        breaks = _line_breaks(stream, cuts)
        if breaks is None:
            return None
        first = 2
        result = []
        for number, (begin, end) in enumerate(itertools.pairwise(cuts)):
            if begin < end:
                result.append(Part(begin, end, first))
            if number < len(breaks):
                first += breaks[number]
    return result if len(result) > 1 else None


def _line_breaks(stream: io.BufferedReader, cuts: list[int]) -> list[int] | None:
    """The line breaks of each part but the last (which needs only its first
    row's number), or ``None`` at a quote or a NUL (which may make a row of
    many lines). The data is read a buffer at a time into one buffer, reused:
    new memory costs more than the reading, and the file is never held."""
    buffer = bytearray(_SCAN)
    view = memoryview(buffer)
    breaks = [0] * (len(cuts) - 2)
    part, at = 0, cuts[0]
    stream.seek(at)
    while read := stream.readinto(view):
        if buffer.find(b'"', 0, read) >= 0 or buffer.find(b"\x00", 0, read) >= 0:
            return None
        end = at + read
        while part < len(breaks) and cuts[part] < end:
            low = max(cuts[part], at) - at
            high = min(cuts[part + 1], end) - at
            breaks[part] += buffer.count(b"\n", low, high)
            if cuts[part + 1] > end:
                break  # the part goes on in the next buffer
            part += 1
        at = end
    return breaks


class _Range(io.RawIOBase):
    """The bytes of one part of a file."""

    def __init__(self, path: str, part: Part) -> None:
        self._stream = open(path, "rb", buffering=0)  # noqa: SIM115, PTH123
        self._stream.seek(part.start)
        self._left = part.end - part.start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        read = self._stream.readinto(view) or 0
        self._left -= read
        return read

    def close(self) -> None:
        self._stream.close()
        super().close()


def text_of(path: str, part: Part) -> io.TextIOWrapper:
    """The decoded text of one part."""
    return io.TextIOWrapper(
        io.BufferedReader(_Range(path, part)), encoding="utf-8", newline=""
    )


def run_parts(
    parts: list[Part],
    output: io.TextIOWrapper,
    score: Callable[[Part, IO[str]], object],
    *,
    folder: str | None = None,
) -> list[object] | None:
    """Score every part, the first in this process into ``output``, the others
    in forked processes; then append their text to ``output`` in order.

    Args:
        parts: the parts of the input file.
        output: the UTF-8 text stream the rows are written to (after the
            header); the parts' bytes are appended to its buffer.
        score: scores one part into a text stream and returns what the
            caller needs of it (picklable: the part's counts).
        folder: where the forked processes write their parts (beside the
            output, which needs the room anyway); the system's temporary
            folder by default.

    Returns:
        What ``score`` returned for each part, in order; or ``None`` when a
        part failed (nothing of the parts has been written to ``output``
        then, except the first part's rows: the caller starts again).
    """
    import pickle  # noqa: PLC0415  (only a run in parts needs it)

    folder = tempfile.mkdtemp(prefix=".mexsledai-parts-", dir=folder)
    children: list[tuple[int, Path]] = []
    try:
        for number, part in enumerate(parts[1:], 1):
            target = Path(folder) / f"{number}.part"
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child (its coverage is not saved)
                _child(part, target, score)
            children.append((pid, target))
        results: list[object] = [score(parts[0], output)]
        failed = False
        for pid, target in children:
            _, status = os.waitpid(pid, 0)
            if status != 0:
                failed = True
                continue
            with target.with_suffix(".result").open("rb") as stream:
                results.append(pickle.load(stream))  # our own child's
        children = []
        if failed:
            return None
        output.flush()
        for number in range(1, len(parts)):
            with (Path(folder) / f"{number}.part").open("rb") as part_bytes:
                _append(part_bytes, cast("IO[bytes]", output.buffer))
        return results
    finally:
        for pid, _ in children:  # a failure in this process: stop the others
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:  # pragma: no cover - already gone
                pass
        shutil.rmtree(folder, ignore_errors=True)


def _append(source: IO[bytes], target: IO[bytes]) -> None:
    """Append the bytes of the file ``source`` (from its start) to
    ``target``: copied by the kernel (``copy_file_range``) between two files,
    else through memory."""
    target.flush()
    size = os.fstat(source.fileno()).st_size
    try:
        copied = os.copy_file_range(source.fileno(), target.fileno(), size)
    except OSError:  # not a file (a pipe, memory), or a kernel without it
        shutil.copyfileobj(source, target)
        return
    while copied < size:
        done = os.copy_file_range(source.fileno(), target.fileno(), size - copied)
        if not done:
            msg = f"{source.name!r} ended after {copied} of its {size} bytes"
            raise OSError(msg)
        copied += done
    target.seek(0, os.SEEK_END)  # the stream learns its new position


def _child(  # pragma: no cover - runs in the child (its coverage is not saved)
    part: Part, target: Path, score: Callable[[Part, IO[str]], object]
) -> None:
    """Score one part into ``target`` and its result beside it, then exit
    without running anything of the parent's (its buffers, its cleanups)."""
    import pickle  # noqa: PLC0415  (only a run in parts needs it)

    code = 1
    try:
        with target.open("w", encoding="utf-8", newline="") as stream:
            result = score(part, stream)
        with target.with_suffix(".result").open("wb") as stream:
            pickle.dump(result, stream)
        code = 0
    except BaseException:  # noqa: BLE001, S110  (the parent starts again)
        pass
    finally:
        os._exit(code)
