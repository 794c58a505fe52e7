"""Errors raised for invalid assessments, with every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["InvalidAssessmentError", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, with what would be valid.

    Attributes:
        key: the input key the problem is about.
        value: the value given under that key.
        message: a sentence naming the key, the value and what is valid.
        suggestion: a valid key the user probably meant, or ``None``.
        code: a stable snake_case code for programs (``"unknown_key"``,
            ``"not_a_boolean"``, ``"not_a_number"``, ``"implausible_value"``,
            ``"quantity_given_twice"``, ``"descriptor_key"``, ``"missing_unit"``).
    """

    key: str
    value: object
    message: str
    suggestion: str | None = None
    code: str = "invalid"


class InvalidAssessmentError(ValueError):
    """An assessment that cannot be scored; ``problems`` lists every reason.

    Examples:
        >>> err = InvalidAssessmentError([
        ...     Problem("psycosis", True, "unknown key 'psycosis'; did you mean "
        ...             "'psychosis'?", "psychosis", "unknown_key"),
        ... ])
        >>> print(err)
        invalid MEX-SLEDAI assessment (1 problem):
        - unknown key 'psycosis'; did you mean 'psychosis'?
        >>> err.problems[0].suggestion
        'psychosis'
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = [
            f"invalid MEX-SLEDAI assessment ({count} problem{'s' if count != 1 else ''}):"
        ]
        lines.extend(f"- {p.message}" for p in self.problems)
        super().__init__("\n".join(lines))
