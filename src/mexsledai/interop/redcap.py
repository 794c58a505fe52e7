"""REDCap: the MEX-SLEDAI instrument as a data dictionary whose calculated
fields implement `mexsledai.score` under the ``absent`` policy.

The dictionary has REDCap's 18 columns, in their order and spelled as REDCap
exports them. One ``yesno`` field per finding (its definition as field
note), one ``text`` field per lab key validated as a number within its
plausible range, one ``calc`` field per descriptor (its points) and one for
the total, and a text field with ``@CALCTEXT`` giving the activity level's
value. The formulas are built from the registry and the lab rules, using
only ``if()``, ``and``, ``or``, comparisons, arithmetic, numbers, quoted
strings and ``[field]`` references; a numeric comparison or a product on a
field is only reached when the field is not blank (REDCap evaluates ``and``,
``or`` and ``if()`` lazily). A recorded finding beats a derived one, as in
``score()``.

What REDCap's calc cannot do: the ``unknown`` policy (a blank is absent
here), and refusing one quantity entered in two units (both are read; the
audit catches it).

Examples:
    >>> FIELD_NAMES["reticulocytes_corrected_percent"], CALC_FIELDS["total"]
    ('retic_corrected_pct', 'mex_sledai_total')
    >>> print(descriptor_formula("fever_fatigue"))
    if(if([fever] <> '', [fever] = '1', ([temperature_c] <> '' and \
[temperature_c] > 38) or ([temperature_f] <> '' and [temperature_f] > 100.4)) \
or [fatigue] = '1', 1, 0)
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from fractions import Fraction
from typing import Final

from .._bands import BUILT_IN_BANDS, DEFAULT_SCHEME, unknown_scheme
from .._flat import FLAT_KEYS
from ..labs import (
    LAB_RULE_BY_FINDING,
    LAB_UNIT_BY_KEY,
    PERCENT_KEY,
    QUANTITY_BY_NAME,
    LabUnit,
    format_number,
)
from ..languages import (
    REDCAP_CALC_FIELDS,
    descriptor_label,
    finding_definition,
    redcap_calc_labels,
    redcap_field_name,
    redcap_label,
    report_word,
)
from ..registry import DESCRIPTOR_BY_KEY, DESCRIPTORS, FINDING_KEYS

__all__ = [
    "CALC_FIELDS",
    "COLUMNS",
    "FIELD_NAMES",
    "data_dictionary",
    "descriptor_formula",
    "dictionary_csv",
    "level_formula",
    "total_formula",
    "write_dictionary",
]

#: REDCap's data dictionary columns, in order, spelled as REDCap exports them.
COLUMNS: Final = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
#: Every flat key → its REDCap field name (the key where it fits 26 characters).
FIELD_NAMES: Final[dict[str, str]] = {key: redcap_field_name(key) for key in FLAT_KEYS}
#: The calculated fields' names: each descriptor key, ``total`` and ``level``.
CALC_FIELDS: Final[dict[str, str]] = dict(REDCAP_CALC_FIELDS)
_FORM = re.compile(r"[a-z][a-z0-9_]*")


def _ref(key: str) -> str:
    return f"[{FIELD_NAMES[key]}]"


def _abnormal(unit: LabUnit) -> str:
    """A lab value past its threshold, guarded against a blank."""
    quantity = QUANTITY_BY_NAME[unit.quantity]
    side = "<" if quantity.abnormal == "below" else ">"
    field = _ref(unit.key)
    threshold = format_number(unit.threshold)  # type: ignore[arg-type]
    return f"({field} <> '' and {field} {side} {threshold})"


def _any_unit(quantity: str) -> str:
    return " or ".join(_abnormal(unit) for unit in QUANTITY_BY_NAME[quantity].units)


def _hundred_times(unit: LabUnit) -> str:
    """100 × a threshold, exactly (1.2 gives 120, not 119.99999999999999)."""
    return format_number(float(Fraction(format_number(unit.threshold or 0)) * 100))


def _lymphopenia() -> str:
    """Lymphopenia from lab values: an absolute count decides; without one,
    leukocytes × percentage against 100 × the threshold in the leukocyte
    count's unit (no division, so equal products compare equal)."""
    absolute = QUANTITY_BY_NAME["lymphocytes"].units
    given = " or ".join(f"{_ref(u.key)} <> ''" for u in absolute)
    products = " or ".join(
        f"({_ref(leukocytes.key)} <> '' and {_ref(leukocytes.key)} * "
        f"{_ref(PERCENT_KEY)} < {_hundred_times(lymphocytes)})"
        for leukocytes, lymphocytes in zip(
            QUANTITY_BY_NAME["leukocytes"].units, absolute, strict=True
        )
    )
    return (
        f"if({given}, {_any_unit('lymphocytes')}, "
        f"{_ref(PERCENT_KEY)} <> '' and ({products}))"
    )


def _derived(finding: str) -> str:
    """The finding derived present from lab values (absent otherwise)."""
    if finding == "lymphopenia":
        return _lymphopenia()
    quantities = LAB_RULE_BY_FINDING[finding].quantities
    if len(quantities) == 1:
        return _any_unit(quantities[0])
    return " and ".join(f"({_any_unit(q)})" for q in quantities)


def _finding(key: str) -> str:
    """A finding present: as recorded, else as lab values derive it."""
    field = _ref(key)
    if key not in LAB_RULE_BY_FINDING:
        return f"{field} = '1'"
    return f"if({field} <> '', {field} = '1', {_derived(key)})"


def descriptor_formula(key: str) -> str:
    """The calc of a descriptor's points: its weight when any finding is
    present, else 0."""
    descriptor = DESCRIPTOR_BY_KEY[key]
    present = " or ".join(_finding(f) for f in descriptor.finding_keys)
    return f"if({present}, {descriptor.weight}, 0)"


def total_formula() -> str:
    """The calc of the total: the sum of the descriptors' points (blank until
    every descriptor field is calculated)."""
    fields = [f"[{CALC_FIELDS[d.key]}]" for d in DESCRIPTORS]
    ready = " and ".join(f"{f} <> ''" for f in fields)
    return f"if({ready}, {' + '.join(fields)}, '')"


def level_formula(scheme: str = DEFAULT_SCHEME) -> str:
    """The ``@CALCTEXT`` of the activity level: the `ActivityLevel` value
    (``very_severe``) of the total under ``scheme``, whatever the language."""
    if scheme not in BUILT_IN_BANDS:
        raise unknown_scheme(scheme)
    total = f"[{CALC_FIELDS['total']}]"
    bands = BUILT_IN_BANDS[scheme]
    text = f"'{bands[-1][2]}'"
    for _, high, level in reversed(bands[:-1]):
        text = f"if({total} <= {high}, '{level}', {text})"
    return f"@CALCTEXT(if({total} = '', '', {text}))"


def _row(**cells: str) -> dict[str, str]:
    names = {
        "name": "Variable / Field Name",
        "form": "Form Name",
        "section": "Section Header",
        "type": "Field Type",
        "label": "Field Label",
        "choices": "Choices, Calculations, OR Slider Labels",
        "note": "Field Note",
        "validation": "Text Validation Type OR Show Slider Number",
        "low": "Text Validation Min",
        "high": "Text Validation Max",
        "annotation": "Field Annotation",
    }
    row = dict.fromkeys(COLUMNS, "")
    for short, value in cells.items():
        row[names[short]] = value
    return row


def data_dictionary(
    *,
    lang: str = "en",
    form: str = "mex_sledai",
    scheme: str = DEFAULT_SCHEME,
    record_id: bool = True,
) -> list[dict[str, str]]:
    """The REDCap data dictionary of the MEX-SLEDAI instrument, one dict per
    field keyed by `COLUMNS`.

    Args:
        lang: the language of labels, notes and section headers.
        form: the instrument's name (lowercase letters, digits, underscores).
        scheme: the activity scheme of the level field.
        record_id: start with a ``record_id`` text field (for a new project).

    Raises:
        ValueError: a bad form name, language or scheme.
    """
    if not _FORM.fullmatch(form) or len(form) > 100:
        msg = (
            f"the form name must be lowercase letters, digits and underscores, "
            f"starting with a letter, got {form!r}"
        )
        raise ValueError(msg)
    if scheme not in BUILT_IN_BANDS:
        raise unknown_scheme(scheme)
    rows = []
    if record_id:
        rows.append(_row(name="record_id", form=form, type="text", label="Record ID"))
    for descriptor in DESCRIPTORS:
        section = report_word(
            "section_descriptor", lang,
            descriptor=descriptor_label(descriptor.key, lang), weight=descriptor.weight,
        )  # fmt: skip
        for index, key in enumerate(descriptor.finding_keys):
            rows.append(
                _row(
                    name=FIELD_NAMES[key],
                    form=form,
                    section=section if index == 0 else "",
                    type="yesno",
                    label=redcap_label(key, lang),
                    note=finding_definition(key, lang),
                )
            )
    for position, key in enumerate(k for k in FLAT_KEYS if k not in FINDING_KEYS):
        unit = LAB_UNIT_BY_KEY[key]
        rows.append(
            _row(
                name=FIELD_NAMES[key],
                form=form,
                section=report_word("section_labs", lang) if position == 0 else "",
                type="text",
                label=redcap_label(key, lang),
                note=f"{unit.unit}; {format_number(unit.low)}-{format_number(unit.high)}",
                validation="number",
                low=format_number(unit.low),
                high=format_number(unit.high),
            )
        )
    labels = redcap_calc_labels(lang, scheme)
    for position, descriptor in enumerate(DESCRIPTORS):
        rows.append(
            _row(
                name=CALC_FIELDS[descriptor.key],
                form=form,
                section=report_word("section_scores", lang) if position == 0 else "",
                type="calc",
                label=labels[descriptor.key],
                choices=descriptor_formula(descriptor.key),
            )
        )
    rows.append(
        _row(
            name=CALC_FIELDS["total"], form=form, type="calc",
            label=labels["total"], choices=total_formula(),
        )
    )  # fmt: skip
    rows.append(
        _row(
            name=CALC_FIELDS["level"], form=form, type="text",
            label=labels["level"], annotation=level_formula(scheme),
        )
    )  # fmt: skip
    return rows


def dictionary_csv(rows: list[dict[str, str]]) -> str:
    """The dictionary as REDCap's CSV text (a header row of `COLUMNS`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_dictionary(
    path: str,
    *,
    lang: str = "en",
    form: str = "mex_sledai",
    scheme: str = DEFAULT_SCHEME,
) -> None:
    """Write the dictionary: ``.csv`` (with ``record_id``, for a new project;
    ``-`` for standard output) or ``.zip`` (REDCap's instrument ZIP:
    ``instrument.csv`` without ``record_id``, and ``OriginID.txt``), whole or
    not at all.

    Raises:
        TableError: another extension.
        ValueError: a bad form name, language or scheme.
    """
    from ..tables.files import STDIO, _atomic  # noqa: PLC0415
    from ..tables.headers import TableError  # noqa: PLC0415

    suffix = "" if path == STDIO else path.rsplit(".", 1)[-1].lower()
    if path != STDIO and suffix not in ("csv", "zip"):
        msg = f"the dictionary {path!r} must end in .csv (a new project) or .zip (an instrument)"
        raise TableError(msg)
    rows = data_dictionary(
        lang=lang, form=form, scheme=scheme, record_id=suffix != "zip"
    )
    text = dictionary_csv(rows)
    with _atomic(path) as binary:
        if suffix == "zip":
            with zipfile.ZipFile(binary, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("instrument.csv", "\ufeff" + text)
                archive.writestr("OriginID.txt", "mexsledai")
        else:
            binary.write(text.encode("utf-8"))
