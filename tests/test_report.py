"""The reports: every line a clinician needs, in four languages; the HTML page
holds everything itself."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

import mexsledai

VISIT = {
    "seizures": True,  # 8
    "pleuritis": False,
    "hemoglobin_g_per_dl": 10.5,  # with reticulocytes 4.1 %: hemolysis, 3
    "reticulocytes_corrected_percent": 4.1,
    "leukocytes_per_mm3": 3200,  # leukopenia, 1
    "fever": False,  # recorded absent, but 38.5 °C: a conflict
    "temperature_c": 38.5,
}


@pytest.fixture
def result() -> mexsledai.Score:
    return mexsledai.score(VISIT)


class TestText:
    def test_every_line(self, result: mexsledai.Score) -> None:
        text = result.to_text()
        assert "Total: 12 of 32 points" in text
        assert "Activity: severe (five-level scheme; the bands are conventional" in text
        assert (
            "Neurological disorder               8  present       8  Seizures" in text
        )
        assert (
            "Hemolysis (from hemoglobin_g_per_dl = 10.5, "
            "reticulocytes_corrected_percent = 4.1)"
        ) in text
        assert "Leukopenia (from leukocytes_per_mm3 = 3200)" in text
        assert "Conflicts (the recorded finding is used): Fever" in text
        assert "- fever recorded False, but temperature_c = 38.5 is above 38 °C" in text
        assert "Assumed absent because not recorded (20):" in text
        assert f"mexsledai {mexsledai.__version__}" in text
        assert "J Rheumatol 1992" in text
        assert str(result) == text

    def test_an_incomplete_result(self) -> None:
        text = mexsledai.score({"arthritis": True}, unrecorded="unknown").to_text()
        assert "Total: undetermined, between 2 and 32 of 32 points" in text
        assert "unknown: Neurological disorder, Renal disorder" in text
        assert "Activity: undetermined, the range spans several levels" in text
        assert "Findings not recorded were left unknown" in text
        assert "Vasculitis                          4  unknown       –" in text

    @pytest.mark.parametrize(
        ("lang", "words"),
        [
            ("es", ["Total: 12 de 32 puntos", "Actividad: severa", "Trastorno neurológico",
                    "presente", "Hemólisis (por hemoglobin_g_per_dl = 10.5"]),
            ("id", ["Total: 12 dari 32 poin", "Aktivitas: berat", "Gangguan neurologis",
                    "Leukopenia (dari leukocytes_per_mm3 = 3200)"]),
            ("pt", ["Total: 12 de 32 pontos", "Atividade: grave", "Distúrbio neurológico",
                    "Considerados ausentes"]),
        ],
    )  # fmt: skip
    def test_languages(
        self, result: mexsledai.Score, lang: str, words: list[str]
    ) -> None:
        text = result.to_text(lang)
        for word in words:
            assert word in text

    def test_unknown_language(self, result: mexsledai.Score) -> None:
        with pytest.raises(ValueError, match="lang must be one of"):
            result.to_text("fr")


def test_markdown(result: mexsledai.Score) -> None:
    text = result.to_markdown()
    assert text.startswith("### MEX-SLEDAI disease activity")
    assert "| Neurological disorder | 8 | present | 8 | Seizures |" in text
    assert result._repr_markdown_() == text
    assert repr(result).startswith("Score(total=12")  # repr stays pydantic's


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append((name, value))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("lang", ["en", "es", "id", "pt"])
def test_html_is_one_self_contained_page(result: mexsledai.Score, lang: str) -> None:
    page = _Page()
    page.feed(result.to_html(lang))
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert "img" not in page.tags
    assert page.external == []
    assert page.tags.count("tr") == 11  # the header and ten descriptors
    text = " ".join(page.text)
    assert result.to_text(lang).splitlines()[1] in text  # the total line


def test_html_escapes() -> None:
    scheme = mexsledai.CategoryScheme(
        name="<b>x</b>",
        bands=tuple(
            mexsledai.Band(low=lo, high=hi, level=lv)
            for lo, hi, lv in (
                (0, 1, mexsledai.ActivityLevel.NONE),
                (2, 32, mexsledai.ActivityLevel.MILD),
            )
        ),
    )
    page = mexsledai.score({"arthritis": True}, scheme=scheme).to_html()
    assert "<b>x</b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_json_travels(result: mexsledai.Score) -> None:
    data = json.loads(json.dumps(result.model_dump(mode="json")))
    assert mexsledai.Score.model_validate(data) == result
    assert data["derived"] == ["hemolysis", "leukopenia"]
    assert data["labs"]["leukocytes_per_mm3"] == 3200
