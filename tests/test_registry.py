"""The registry is the instrument: it must match the published weights and
findings, and every model, docstring and doc page must agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mexsledai
from mexsledai import models
from mexsledai.labs import LAB_KEYS, LAB_RULES
from mexsledai.registry import (
    DESCRIPTOR_BY_KEY,
    DESCRIPTOR_KEYS,
    DESCRIPTORS,
    FINDING_KEYS,
    MAX_TOTAL,
)
from tests import spec_tables

DOCS = Path(__file__).parent.parent / "docs"


class TestWeights:
    """Ten descriptors, weights 8, 6, 4, 3, 3, 2, 2, 2, 1, 1: 32 in all."""

    def test_descriptors_in_published_order(self) -> None:
        assert tuple(spec_tables.DESCRIPTORS) == DESCRIPTOR_KEYS

    @pytest.mark.parametrize("key", list(spec_tables.DESCRIPTORS))
    def test_weight(self, key: str) -> None:
        assert DESCRIPTOR_BY_KEY[key].weight == spec_tables.WEIGHT[key]

    def test_maximum_is_32(self) -> None:
        assert MAX_TOTAL == 32 == sum(d.weight for d in DESCRIPTORS)


class TestFindings:
    """25 findings, each in exactly one descriptor; no SLEDAI-only item."""

    @pytest.mark.parametrize("key", list(spec_tables.DESCRIPTORS))
    def test_findings_of_descriptor(self, key: str) -> None:
        assert DESCRIPTOR_BY_KEY[key].finding_keys == spec_tables.DESCRIPTORS[key][1]

    def test_25_unique_findings(self) -> None:
        assert FINDING_KEYS == spec_tables.FINDINGS
        assert len(set(FINDING_KEYS)) == 25

    @pytest.mark.parametrize(
        "sledai_only",
        ["lupus_headache", "visual_disturbance", "cranial_nerve_disorder"],
    )
    def test_sledai_items_are_not_findings(self, sledai_only: str) -> None:
        assert sledai_only not in FINDING_KEYS
        with pytest.raises(mexsledai.InvalidAssessmentError):
            mexsledai.score({sledai_only: True})

    def test_every_descriptor_has_definition_and_source(self) -> None:
        for descriptor in DESCRIPTORS:
            assert descriptor.definition
            assert "J Rheumatol 1992" in descriptor.source
            for finding in descriptor.findings:
                assert finding.definition in descriptor.definition

    def test_lab_rules_follow_registry_order(self) -> None:
        # Conflicts and derived findings are reported in registry order because
        # the rules are evaluated in it.
        order = [FINDING_KEYS.index(rule.finding) for rule in LAB_RULES]
        assert order == sorted(order)


class TestModelsFollowTheRegistry:
    """One explicit model per descriptor, its fields the registry's findings."""

    def test_assessment_fields(self) -> None:
        assert tuple(mexsledai.Assessment.model_fields) == (*DESCRIPTOR_KEYS, "labs")

    @pytest.mark.parametrize("model", models.DESCRIPTOR_MODELS)
    def test_descriptor_model_fields(
        self, model: type[models._DescriptorModel]
    ) -> None:
        descriptor = DESCRIPTOR_BY_KEY[model.descriptor_key]
        assert tuple(model.model_fields) == descriptor.finding_keys
        annotation = mexsledai.Assessment.model_fields[descriptor.key].annotation
        assert annotation is model

    @pytest.mark.parametrize("model", models.DESCRIPTOR_MODELS)
    def test_docstring_states_the_registry_weight(
        self, model: type[models._DescriptorModel]
    ) -> None:
        descriptor = DESCRIPTOR_BY_KEY[model.descriptor_key]
        doc = model.__doc__ or ""
        assert re.findall(r"weight (\d+)", doc) == [str(descriptor.weight)]
        assert "Source:" in doc

    def test_labs_fields_in_units_table_order(self) -> None:
        assert tuple(mexsledai.Labs.model_fields) == LAB_KEYS == spec_tables.LAB_KEYS

    def test_json_schema_carries_definitions(self) -> None:
        schema = mexsledai.Assessment.model_json_schema()
        defs = schema["$defs"]
        for descriptor in DESCRIPTORS:
            props = defs[models.DESCRIPTOR_MODELS_BY_KEY[descriptor.key].__name__][
                "properties"
            ]
            for finding in descriptor.findings:
                assert props[finding.key]["description"] == finding.definition


def _weights_stated_in(text: str) -> dict[str, int]:
    """`descriptor key` ... weight pairs from a markdown table row."""
    stated: dict[str, int] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        keys = re.findall(r"`([a-z_]+)`", cells[0])
        if (
            len(cells) >= 2
            and keys
            and keys[0] in DESCRIPTOR_BY_KEY
            and re.fullmatch(r"\d+", cells[1])
        ):
            stated[keys[0]] = int(cells[1])
    return stated


@pytest.mark.parametrize("page", ["instrument.md", "index.md"])
def test_docs_state_the_registry_weights(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    stated = _weights_stated_in(text)
    if page == "instrument.md":
        assert set(stated) == set(DESCRIPTOR_KEYS)
    for key, weight in stated.items():
        assert weight == DESCRIPTOR_BY_KEY[key].weight, (page, key)
