"""The language table: complete in every language, level labels as the spec
lists them, and a template in any language scores as the English one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mexsledai._flat import FLAT_KEYS
from mexsledai.languages import (
    DESCRIPTOR_LABELS,
    DESCRIPTOR_NAMES,
    DESCRIPTOR_NOTES,
    FINDING_ALIASES,
    FINDING_DEFINITIONS,
    FINDING_LABELS,
    HEADER_QUANTITIES,
    HEADINGS,
    LANGS,
    LEVEL_LABELS,
    check_lang,
    descriptor_label,
    descriptor_note,
    finding_definition,
    finding_label,
    level_label,
    template_header,
)
from mexsledai.registry import DESCRIPTORS, FINDING_KEYS
from mexsledai.tables import score_rows
from tests import language_tables, spec_tables


class TestComplete:
    """Every label, definition and heading exists in every language."""

    @pytest.mark.parametrize("lang", ["es", "id", "pt"])
    def test_translations(self, lang: str) -> None:
        assert set(FINDING_LABELS[lang]) == set(FINDING_KEYS)
        assert set(FINDING_DEFINITIONS[lang]) == set(FINDING_KEYS)
        assert set(DESCRIPTOR_LABELS[lang]) == {d.key for d in DESCRIPTORS}
        assert set(DESCRIPTOR_NOTES[lang]) == {d.key for d in DESCRIPTORS if d.note}
        assert set(HEADINGS[lang]) == set(HEADINGS["en"])

    @pytest.mark.parametrize("lang", LANGS)
    def test_accessors(self, lang: str) -> None:
        for descriptor in DESCRIPTORS:
            assert descriptor_label(descriptor.key, lang)
            assert bool(descriptor_note(descriptor.key, lang)) == bool(descriptor.note)
            for finding in descriptor.findings:
                assert finding_label(finding.key, lang)
                assert finding_definition(finding.key, lang)

    @pytest.mark.parametrize("lang", ["es", "id", "pt"])
    def test_numbers_in_definitions_survive_translation(self, lang: str) -> None:
        """A threshold written in a definition is written in its translation."""
        for key in FINDING_KEYS:
            english = finding_definition(key)
            translated = (
                finding_definition(key, lang).replace(".", "").replace(",", ".")
            )
            for number in (
                "12",
                "3",
                "5",
                "0.5",
                "38",
                "4",
                "1",
                "100",
                "1200",
                "1500",
            ):
                if f" {number} " in english.replace(",", "") and number != "1":
                    assert number in translated, (key, number)

    def test_unknown_language(self) -> None:
        with pytest.raises(
            ValueError, match="lang must be one of en, es, id, pt, got 'fr'"
        ):
            check_lang("fr")


@pytest.mark.parametrize(
    ("scheme", "level", "lang", "label"),
    language_tables.LEVELS,
    ids=[f"{s}-{v}-{lang}" for s, v, lang, _ in language_tables.LEVELS],
)
def test_level_labels(scheme: str, level: str, lang: str, label: str) -> None:
    assert scheme in spec_tables.LEVEL_OF
    assert level_label(level, lang) == label


def _filled(draw: st.DrawFn) -> list[str]:
    cells = []
    for key in FLAT_KEYS:
        if key in spec_tables.RANGES:
            low, high = spec_tables.RANGES[key]
            cells.append(
                draw(st.sampled_from(["", str(low), str(high), str((low + high) / 2)]))
            )
        else:
            cells.append(draw(st.sampled_from(["", "", "1", "0", "x", "no"])))
    return cells


@given(st.data(), st.sampled_from(["es", "id", "pt"]))
def test_a_template_in_any_language_scores_as_the_english_one(
    data: st.DataObject, lang: str
) -> None:
    rows = [data.draw(st.composite(_filled)()) for _ in range(3)]
    # one quantity under one unit only: blank the second unit of each pair
    for row in rows:
        for index, key in enumerate(FLAT_KEYS):
            if key.endswith(("10e9_per_l", "_g_per_l", "temperature_f")):
                row[index] = ""
    english = [[*FLAT_KEYS], *rows]
    translated = [[template_header(key, lang) for key in FLAT_KEYS], *rows]
    expected = [(r.status, r.score, r.message) for r in score_rows(english)]
    assert [(r.status, r.score, r.message) for r in score_rows(translated)] == expected


def test_the_languages_page_lists_every_name() -> None:
    page = (Path(__file__).parent.parent / "docs" / "languages.md").read_text(
        encoding="utf-8"
    )
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in page.splitlines()
        if line.startswith("| ")
    }
    for key, by_lang in FINDING_ALIASES.items():
        for lang in LANGS:
            cell = rows[key].split("|")[2 + LANGS.index(lang)]
            assert [n.strip() for n in cell.split(",")] == list(by_lang[lang])
    for key, by_lang in DESCRIPTOR_NAMES.items():
        for lang in LANGS:
            cell = rows[key].split("|")[2 + LANGS.index(lang)]
            assert [n.strip() for n in cell.split(",")] == list(by_lang[lang])
    for entry in HEADER_QUANTITIES.values():
        for names in entry.names.values():
            for name in names:
                assert name in page
        for key, spellings in entry.units.items():
            assert rows[key].count("`") == 2 * len(spellings) + 2
            for spelling in spellings:
                assert f"`{spelling}`" in rows[key]
    for level, labels in LEVEL_LABELS.items():
        assert (
            rows[level]
            == f"| `{level}` | " + " | ".join(labels[lang] for lang in LANGS) + " |"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_instrument_page_in_each_language_is_generated(lang: str) -> None:
    from mexsledai.definitions import definitions_markdown  # noqa: PLC0415

    page = Path(__file__).parent.parent / "docs" / "instrument" / f"{lang}.md"
    assert page.read_text(encoding="utf-8") == definitions_markdown(lang), (
        f"regenerate docs/instrument/{lang}.md from definitions_markdown({lang!r})"
    )
