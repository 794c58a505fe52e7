"""An evaluator of the REDCap calc subset the dictionary may use, written
for the tests: ``if()``, ``and``, ``or``, ``=``, ``<>``, ``<``, ``>``, ``<=``,
``>=``, ``+``, ``-``, ``*``, ``/``, parentheses, numbers, quoted strings,
``[field]`` and ``isblankormissingcode()``. ``and``, ``or`` and ``if()`` are
lazy, as REDCap's are. A blank met by a numeric comparison or by arithmetic
is an error here, so an unguarded formula fails its tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<string>'[^']*'|\"[^\"]*\")"
    r"|(?P<field>\[[a-z][a-z0-9_]*\])|(?P<word>[A-Za-z_]+)"
    r"|(?P<op><>|<=|>=|=|<|>|\+|-|\*|/|\(|\)|,))"
)
ALLOWED_WORDS = {"if", "and", "or", "isblankormissingcode"}


class BlankError(ValueError):
    """A blank field met by a numeric comparison or by arithmetic."""


Node = Callable[[Mapping[str, str]], Any]


def tokens(text: str) -> list[tuple[str, str]]:
    out, at = [], 0
    text = text.strip()
    while at < len(text):
        found = _TOKEN.match(text, at)
        if found is None or found.end() == at:
            msg = f"cannot read {text[at : at + 20]!r}"
            raise SyntaxError(msg)
        kind = found.lastgroup or ""
        value = found.group(kind)
        if kind == "word" and value.lower() not in ALLOWED_WORDS:
            msg = f"{value!r} is not in the allowed subset"
            raise SyntaxError(msg)
        out.append((kind, value.lower() if kind == "word" else value))
        at = found.end()
    return out


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if value == "":
        raise BlankError
    return float(value)


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def _joined(op: str, a: Node, b: Node) -> Node:
    """``a op b`` for the lazy boolean and the arithmetic operators."""

    def node(record: Mapping[str, str]) -> Any:
        if op == "or":
            return _truthy(a(record)) or _truthy(b(record))
        if op == "and":
            return _truthy(a(record)) and _truthy(b(record))
        left, right = _number(a(record)), _number(b(record))
        return {"+": left + right, "-": left - right, "*": left * right}.get(
            op, left / right if op == "/" else None
        )

    return node


def _constant(value: Any) -> Node:
    def node(record: Mapping[str, str]) -> Any:  # noqa: ARG001
        return value

    return node


class _Parser:
    def __init__(self, text: str) -> None:
        self.items = tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.items[self.at] if self.at < len(self.items) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        item = self.peek()
        if item is None or (value is not None and item[1] != value):
            msg = f"expected {value!r}, got {item!r}"
            raise SyntaxError(msg)
        self.at += 1
        return item

    def parse(self) -> Node:
        node = self.either()
        if self.peek() is not None:
            msg = f"trailing {self.peek()!r}"
            raise SyntaxError(msg)
        return node

    def either(self) -> Node:
        node = self.both()
        while self.peek() == ("word", "or"):
            self.take()
            node = _joined("or", node, self.both())
        return node

    def both(self) -> Node:
        node = self.compare()
        while self.peek() == ("word", "and"):
            self.take()
            node = _joined("and", node, self.compare())
        return node

    def compare(self) -> Node:
        start = self.at
        left = self.add()
        item = self.peek()
        if item is None or item[1] not in ("=", "<>", "<", ">", "<=", ">="):
            return left
        op = self.take()[1]
        right_start = self.at
        right = self.add()
        # "=" and "<>" against a quoted string compare text (blanks allowed)
        literal = (
            self.items[start][0] == "string" or self.items[right_start][0] == "string"
        )
        if op in ("=", "<>") and literal:
            return lambda r: (str(left(r)) == str(right(r))) == (op == "=")
        numeric: dict[str, Callable[[float, float], bool]] = {
            "=": lambda a, b: a == b, "<>": lambda a, b: a != b,
            "<": lambda a, b: a < b, ">": lambda a, b: a > b,
            "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
        }  # fmt: skip
        test = numeric[op]
        return lambda r: test(_number(left(r)), _number(right(r)))

    def add(self) -> Node:
        node = self.times()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            node = _joined(op, node, self.times())
        return node

    def times(self) -> Node:
        node = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            node = _joined(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.peek() == ("op", "-"):
            self.take()
            inner = self.unary()
            return lambda r: -_number(inner(r))
        return self.primary()

    def primary(self) -> Node:
        kind, value = self.take()
        if kind == "number":
            return _constant(float(value))
        if kind == "string":
            return _constant(value[1:-1])
        if kind == "field":
            name = value[1:-1]
            return lambda r: r[name]
        if (kind, value) == ("word", "if"):
            self.take("(")
            test = self.either()
            self.take(",")
            yes = self.either()
            self.take(",")
            no = self.either()
            self.take(")")
            return lambda r: yes(r) if _truthy(test(r)) else no(r)
        if (kind, value) == ("word", "isblankormissingcode"):
            self.take("(")
            inner = self.either()
            self.take(")")
            return lambda r: inner(r) == ""
        if value == "(":
            inner = self.either()
            self.take(")")
            return inner
        msg = f"unexpected {value!r}"
        raise SyntaxError(msg)


def evaluate(formula: str, record: Mapping[str, str]) -> Any:
    """The value of a calc formula for a record of field name → text."""
    return _Parser(formula).parse()(record)


def calctext(annotation: str, record: Mapping[str, str]) -> Any:
    """The value of an ``@CALCTEXT(...)`` annotation."""
    assert annotation.startswith("@CALCTEXT(")
    assert annotation.endswith(")")
    return evaluate(annotation[len("@CALCTEXT(") : -1], record)
