"""Matching headers to keys in four languages; what cannot be placed stops the run.

Expected keys come from the copy of LANGUAGES.md (`tests.language_tables`),
not from the package's own tables.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mexsledai._flat import FLAT_KEYS
from mexsledai.languages import (
    DESCRIPTOR_NAMES,
    FINDING_ALIASES,
    HEADER_QUANTITIES,
    UNCORRECTED_RETICULOCYTES,
)
from mexsledai.registry import FINDING_KEYS
from mexsledai.tables.headers import (
    OUTPUT_COLUMNS,
    REDCAP_IDENTIFIERS,
    HeaderError,
    column_letter,
    match_header,
    normalize_header,
    resolve_header,
)
from tests import language_tables, spec_tables


def _key_of(header: str) -> str:
    plan = match_header(["id", header])
    (key,) = [k for _, k in (*plan.findings, *plan.labs)]
    return key


def _stop(header: str, **options: object) -> str:
    with pytest.raises(HeaderError) as caught:
        match_header(["patient_id", "seizures", header], **options)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    assert f"column C {header!r}" in problem
    assert f"--ignore-column {header.strip()!r}" in problem
    return problem


class TestNormalising:
    """Accents, case, µ, superscripts, × and separators do not matter."""

    @pytest.mark.parametrize(
        ("text", "normal"),
        [
            ("Convulsiones", "convulsiones"),
            ("CONVULSIONES", "convulsiones"),
            ("Leucocitos (/mm³)", "leucocitos (/mm3)"),
            ("leucocitos  /mm3", "leucocitos /mm3"),
            ("Hemácias_na-urina", "hemacias na urina"),
            ("Cells/µL", "cells/ul"),
            ("cells/μL", "cells/ul"),  # Greek mu
            ("×10⁹/L", "x109/l"),
            ("ºC", "°c"),
            ("Temp.", "temp"),
            ("  a . b__c--d ", "a b c d"),
        ],
    )
    def test_examples(self, text: str, normal: str) -> None:
        assert normalize_header(text) == normal

    def test_ascii_has_nothing_to_decompose(self) -> None:
        # The premise of reading an ASCII name without decomposing it.
        for char in map(chr, range(128)):
            assert unicodedata.normalize("NFKD", char) == char
            assert not unicodedata.combining(char)

    @pytest.mark.parametrize(
        ("header", "key"),
        [
            ("seizures", "seizures"),
            ("SEIZURES", "seizures"),
            ("  Seizures ", "seizures"),
            ("Malar rash", "malar_rash"),
            ("malar-rash", "malar_rash"),
            ("malar.rash", "malar_rash"),
            ("Leukocytes per mm3", "leukocytes_per_mm3"),
            ("Temperature-C", "temperature_c"),
            ("temperature_c\xa0", "temperature_c"),
            ("LYMPHOCYTES_PERCENT", "lymphocytes_percent"),
        ],
    )
    def test_keys_match_in_any_form(self, header: str, key: str) -> None:
        assert _key_of(header) == key

    def test_every_key_matches_itself_in_order(self) -> None:
        header = ["patient_id", "visit", *spec_tables.FINDINGS, *spec_tables.LAB_KEYS]
        plan = match_header(header)
        assert [k for _, k in plan.findings] == list(FINDING_KEYS)
        assert [k for _, k in plan.labs] == list(spec_tables.LAB_KEYS)
        assert plan.missing == ()
        assert plan.matched == ()  # written as keys: nothing to report
        assert plan.output_header == (*header, *OUTPUT_COLUMNS)


class TestFindingAliases:
    """Every finding matches its names in the four languages of LANGUAGES.md."""

    @pytest.mark.parametrize(
        ("lang", "alias", "key"),
        language_tables.FINDING_ALIASES,
        ids=[f"{lang}-{alias}" for lang, alias, _ in language_tables.FINDING_ALIASES],
    )
    def test_alias(self, lang: str, alias: str, key: str) -> None:
        assert lang in language_tables.LANGS
        assert _key_of(alias) == key
        assert _key_of(alias.upper()) == key

    def test_the_spec_lists_every_finding(self) -> None:
        assert {k for _, _, k in language_tables.FINDING_ALIASES} == set(FINDING_KEYS)

    def test_matched_aliases_are_reported(self) -> None:
        plan = match_header(["Convulsiones", "arthritis", "Leucocitos (/mm³)"])
        assert plan.matches() == (
            "'Convulsiones' → seizures",
            "'Leucocitos (/mm³)' → leukocytes_per_mm3",
        )


def _lab_forms(name: str, unit: str) -> list[str]:
    forms = [
        f"{name} {unit}",
        f"{name} ({unit})",
        f"{name} [{unit}]",
        f"{name}, {unit}",
    ]
    if unit[0] in "/%(":
        forms.append(f"{name}{unit}")  # glued
    return forms


_LAB_CASES = [
    (name, spelling, key)
    for quantity, spelling, key in language_tables.UNITS
    for name in language_tables.QUANTITY_NAMES[quantity]
]


class TestLabHeaders:
    """A quantity name and a unit spelling: the unit decides the key."""

    @pytest.mark.parametrize(
        ("name", "unit", "key"),
        _LAB_CASES,
        ids=[f"{n}|{u}|{k}" for n, u, k in _LAB_CASES],
    )
    def test_name_and_unit(self, name: str, unit: str, key: str) -> None:
        for header in _lab_forms(name, unit):
            assert resolve_header(header) == key, header

    @pytest.mark.parametrize(
        ("header", "key"),
        [
            # the sheets, as clinics and laboratories write them
            ("leucocitos_por_mm3", "leukocytes_per_mm3"),
            ("WBC x10^9/L", "leukocytes_10e9_per_l"),
            ("Lymphs (x10^9/L)", "lymphocytes_10e9_per_l"),
            ("PLT 10^3/uL", "platelets_10e9_per_l"),
            ("Hb g/dL", "hemoglobin_g_per_dl"),
            ("Temp (°F)", "temperature_f"),
            ("Hb(g/dL)", "hemoglobin_g_per_dl"),
            ("Leucocitos/mm3", "leukocytes_per_mm3"),
            ("Linfocitos %", "lymphocytes_percent"),
            ("Linfócitos(%)", "lymphocytes_percent"),
            ("Suhu (ºC)", "temperature_c"),
            ("WBC x 10⁹/L", "leukocytes_10e9_per_l"),
        ],
    )
    def test_examples(self, header: str, key: str) -> None:
        assert _key_of(header) == key

    def test_longest_name_first(self) -> None:
        # "reticulocitos corregidos" before "reticulocitos"; "temperature" before "temp"
        assert resolve_header("Reticulocitos corregidos %") == (
            "reticulocytes_corrected_percent"
        )
        assert resolve_header("Body temperature °C") == "temperature_c"

    def test_two_units_of_one_quantity_are_two_columns(self) -> None:
        plan = match_header(["WBC /uL", "Leucocitos x10^9/L"])
        assert [k for _, k in plan.labs] == [
            "leukocytes_per_mm3",
            "leukocytes_10e9_per_l",
        ]


class TestStops:
    """Headers that look clinical but cannot be placed stop the run."""

    @pytest.mark.parametrize(
        ("header", "fragment"),
        [
            # a quantity without its unit
            ("leukocytes", "without its unit"),
            ("Platelets", "without its unit"),
            ("Hemoglobina", "without its unit"),
            ("Hb", "without its unit"),
            ("temp", "without its unit"),
            ("WBC", "without its unit"),
            ("Suhu", "without its unit"),
            # a unit not accepted for the quantity
            ("Hemoglobina mmol/L", "a unit this library does not read"),
            ("Proteínas en orina mg/dL", "a unit this library does not read"),
            ("Eritrocitos en orina /µL", "a unit this library does not read"),
            ("Linfocitos (x10^6/L)", "a unit this library does not read"),
            ("Temperatura (K)", "a unit this library does not read"),
            # uncorrected reticulocytes
            ("Reticulocitos %", "without the word for corrected"),
            ("Retic (%)", "without the word for corrected"),
            ("reticulocytes", "without the word for corrected"),
            # a finding's name followed by a unit
            ("Proteinuria (g/L)", "is the finding proteinuria followed by"),
            ("Fiebre (sí/no)", "is the finding fever followed by"),
            ("Hematuria /hpf", "is the finding hematuria followed by"),
            ("fever, °C", "is the finding fever followed by"),
            # near misses of a key or an alias in any language
            ("psycosis", "close to 'psychosis'"),
            ("leukopaenia", "close to 'leukopenia'"),
            ("convulsion", "close to 'convulsiones' (seizures)"),
            ("fiebr", "close to 'fiebre' (fever)"),
            ("temperatur_c", "close to 'temperature_c'"),
            ("leukocytes_per_mm", "a unit this library does not read"),
            # descriptors, in any language
            ("renal", "is the descriptor renal"),
            ("Ginjal", "is the descriptor renal"),
            ("Neurológico", "is the descriptor neurological"),
            ("fever_fatigue", "is the descriptor fever_fatigue"),
            ("Serosite", "is the descriptor serositis"),
            # a name inside a header, as whole words
            ("Leucocitos totales", "a unit this library does not read"),
            ("Recuento de leucocitos", "contains 'leucocitos'"),
            ("Día de fiebre", "contains 'fiebre'"),
            ("total WBC (/mm3)", "contains 'wbc'"),
        ],
    )
    def test_stop(self, header: str, fragment: str) -> None:
        assert fragment in _stop(header)

    def test_stops_list_the_accepted_units(self) -> None:
        problem = _stop("Hemoglobina mmol/L")
        assert "g/dL, gr/dL, g% (→ hemoglobin_g_per_dl)" in problem
        assert "g/L, gr/L (→ hemoglobin_g_per_l)" in problem

    @pytest.mark.parametrize(
        ("lang", "name", "key"),
        language_tables.DESCRIPTOR_NAMES,
        ids=[f"{lang}-{name}" for lang, name, _ in language_tables.DESCRIPTOR_NAMES],
    )
    def test_every_descriptor_name_stops(self, lang: str, name: str, key: str) -> None:
        assert lang in language_tables.LANGS
        assert f"is the descriptor {key}" in _stop(name)

    @pytest.mark.parametrize("name", language_tables.UNCORRECTED)
    @pytest.mark.parametrize("unit", ["", " %", " (%)"])
    def test_uncorrected_reticulocytes_always_stop(self, name: str, unit: str) -> None:
        assert "without the word for corrected" in _stop(name + unit)

    @pytest.mark.parametrize(
        "header", ["leukocytes", "psycosis", "renal", "Fiebre (sí/no)"]
    )
    def test_ignore_column_passes_it_through(self, header: str) -> None:
        plan = match_header(
            ["id", "arthritis", header],
            ignore_columns=[header.upper().replace(" ", "_")],
        )
        assert [k for _, k in plan.findings] == ["arthritis"]
        assert plan.kept == (0, 1, 2)

    def test_ignore_column_must_name_a_column(self) -> None:
        with pytest.raises(HeaderError, match="names no column"):
            match_header(["arthritis"], ignore_columns=["arthritsi"])

    def test_an_exact_match_is_never_a_near_miss(self) -> None:
        # "seizure" is an English alias (close to "seizures", but exact)
        assert _key_of("seizure") == "seizures"

    @pytest.mark.parametrize(
        "header",
        [
            "patient_id", "visit", "arm", "day", "notes", "date", "site", "",
            "Nombre", "catatan", "paciente", "visita", "kunjungan", "braço",
            "edad", "sexo", "creatinina", "C3", "C4", "anti-dsDNA", "prednisone",
            *REDCAP_IDENTIFIERS, "mex_sledai_complete",
        ],
    )  # fmt: skip
    def test_ordinary_columns_pass_through(self, header: str) -> None:
        plan = match_header([header, "arthritis"])
        assert plan.kept == (0, 1)

    def test_two_columns_for_one_key(self) -> None:
        with pytest.raises(HeaderError, match="both name arthritis"):
            match_header(["Arthritis", "artritis"])

    def test_no_key_at_all(self) -> None:
        with pytest.raises(HeaderError, match="no column is named after"):
            match_header(["patient", "visit", "notes"])

    def test_every_problem_at_once(self) -> None:
        with pytest.raises(HeaderError) as caught:
            match_header(["psycosis", "renal", "temp", "arthritis", "Hb mmol/L"])
        assert len(caught.value.problems) == 4


class TestColumnMap:
    """``columns=`` overrides every rule for the headers it names."""

    def test_map_wins(self) -> None:
        plan = match_header(
            ["Conv.", "Leuco", "renal", "arthritis"],
            columns={"Conv.": "seizures", "Leuco": "leukocytes_per_mm3", "renal": None},
        )
        assert plan.findings == ((0, "seizures"), (3, "arthritis"))
        assert plan.labs == ((1, "leukocytes_per_mm3"),)
        assert plan.matches() == ("'Conv.' → seizures", "'Leuco' → leukocytes_per_mm3")

    def test_matched_on_trimmed_nfc_text_only(self) -> None:
        decomposed = unicodedata.normalize("NFD", " Convulsión ")
        plan = match_header(
            [decomposed, "arthritis"], columns={"Convulsión": "seizures"}
        )
        assert plan.findings[0] == (0, "seizures")
        with pytest.raises(HeaderError, match="'convulsión', which is not a column"):
            match_header(
                ["Convulsión", "arthritis"], columns={"convulsión": "seizures"}
            )

    @pytest.mark.parametrize(
        ("columns", "fragment"),
        [
            ({"Conv": "siezures"}, "did you mean 'seizures'?"),
            (
                {"Conv": "convulsiones"},
                "it is a name of seizures: write the key 'seizures'",
            ),
            ({"Conv": "zzz"}, "which is not a MEX-SLEDAI key"),
            ({"Nope": "seizures"}, "'Nope', which is not a column of the header"),
            ({"Conv": "seizures", "Other": "seizures"}, "maps both 'Conv' and 'Other'"),
            ({"Conv": "arthritis"}, "both name arthritis"),
        ],
    )
    def test_map_errors(self, columns: dict[str, str | None], fragment: str) -> None:
        with pytest.raises(HeaderError) as caught:
            match_header(["Conv", "Other", "arthritis"], columns=columns)
        assert any(fragment in problem for problem in caught.value.problems)

    def test_map_and_ignore_together_is_an_error(self) -> None:
        with pytest.raises(HeaderError, match="both --columns and --ignore-column"):
            match_header(
                ["Conv", "arthritis"],
                columns={"Conv": "seizures"},
                ignore_columns=["Conv"],
            )

    def test_map_errors_and_header_stops_come_together(self) -> None:
        with pytest.raises(HeaderError) as caught:
            match_header(["Conv", "renal", "arthritis"], columns={"Conv": "siezures"})
        assert len(caught.value.problems) == 2


class TestOneKeyPerName:
    """No name leads to two keys, in the package or in the spec."""

    def test_package_tables(self) -> None:
        targets: dict[str, set[str]] = defaultdict(set)
        for key, by_lang in FINDING_ALIASES.items():
            for names in by_lang.values():
                for name in names:
                    targets[normalize_header(name)].add(key)
        for key, by_lang in DESCRIPTOR_NAMES.items():
            for names in by_lang.values():
                for name in names:
                    targets[normalize_header(name)].add(key)
        for quantity, entry in HEADER_QUANTITIES.items():
            for names in entry.names.values():
                for name in names:
                    targets[normalize_header(name)].add(quantity)
        for names in UNCORRECTED_RETICULOCYTES.values():
            for name in names:
                targets[normalize_header(name)].add("uncorrected")
        for key in FLAT_KEYS:
            targets[normalize_header(key)].add(key)
        clashes = {name: keys for name, keys in targets.items() if len(keys) > 1}
        assert clashes == {}

    def test_units_of_one_quantity_give_one_key_each(self) -> None:
        for entry in HEADER_QUANTITIES.values():
            seen: dict[str, str] = {}
            for key, spellings in entry.units.items():
                for spelling in spellings:
                    compact = normalize_header(spelling).replace(" ", "")
                    assert seen.setdefault(compact, key) == key

    def test_the_package_has_every_name_of_the_spec(self) -> None:
        for _, alias, key in language_tables.FINDING_ALIASES:
            assert resolve_header(alias) == key


_SEPARATORS = st.sampled_from([" ", "  ", "_", "-", ".", " - ", "__"])


def _accented(text: str) -> st.SearchStrategy[str]:
    """``text`` with accents removed, or acute accents added at random."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    return st.lists(st.booleans(), min_size=len(plain), max_size=len(plain)).map(
        lambda marks: unicodedata.normalize(
            "NFC",
            "".join(
                c + "\u0301" if mark and c in "aeiou" else c
                for c, mark in zip(plain, marks, strict=True)
            ),
        )
    )


@st.composite
def _written(draw: st.DrawFn, text: str) -> str:
    """``text`` as a person might type it: case, accents, separators."""
    words = draw(_accented(text)).split(" ")
    out = words[0]
    for word in words[1:]:
        out += draw(_SEPARATORS) + word
    cased = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in out)
    return (
        draw(st.sampled_from(["", " ", "\xa0"]))
        + cased
        + draw(st.sampled_from(["", " "]))
    )


@given(data=st.data(), case=st.sampled_from(language_tables.FINDING_ALIASES))
def test_any_spelling_of_an_alias_reaches_its_key(
    data: st.DataObject, case: tuple[str, str, str]
) -> None:
    _, alias, key = case
    assert resolve_header(data.draw(_written(alias))) == key


@given(data=st.data(), case=st.sampled_from(_LAB_CASES))
def test_any_spelling_of_a_lab_header_reaches_its_key(
    data: st.DataObject, case: tuple[str, str, str]
) -> None:
    name, unit, key = case
    written = data.draw(_written(name))
    assert resolve_header(f"{written} ({unit})") == key


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (2, "C"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])  # fmt: skip
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_earlier_scores_are_dropped() -> None:
    header = ["id", "arthritis", *OUTPUT_COLUMNS, "mexsledai_change", "notes"]
    plan = match_header(header)
    assert plan.kept == (0, 1, 10)
    assert plan.output_header == ("id", "arthritis", "notes", *OUTPUT_COLUMNS)


def test_missing_keys_count_a_quantity_once() -> None:
    plan = match_header(["arthritis", "leukocytes_10e9_per_l"])
    assert "arthritis" not in plan.missing
    assert "leukocytes_per_mm3" not in plan.missing
    assert "temperature_c" in plan.missing
    assert "temperature_f" in plan.missing
    assert "seizures" in plan.missing


def test_redcap_names_and_calc_fields() -> None:
    """REDCap field names are aliases; the dictionary's calculated fields, by
    name or label, pass through as ordinary columns."""
    from mexsledai.languages import LANGS, redcap_calc_labels  # noqa: PLC0415
    from mexsledai.redcap import CALC_FIELDS, FIELD_NAMES  # noqa: PLC0415

    for key, name in FIELD_NAMES.items():
        assert resolve_header(name) == key
    labels = [label for lang in LANGS for label in redcap_calc_labels(lang).values()]
    header = [
        "record_id",
        "seizures",
        *CALC_FIELDS.values(),
        *labels,
        "mex_sledai_complete",
    ]
    plan = match_header(header)
    assert plan.findings == ((1, "seizures"),)
    assert len(plan.kept) == len(header)
