"""The hostile input corpus (tests/data/hostile_inputs.json): loading it, and checking its shape.

The other ``test_hostile_*`` modules import :func:`cases` and the helpers here; the corpus is
data, so that a new nasty input is one more entry, not one more test.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.conftest import DATA

CORPUS = DATA / "hostile_inputs.json"
TEXT_CLASSES = ("line", "optional_line", "card", "notes", "record", "frame")
KINDS = ("text", "count", "date", "time", "amount", "terminal")


@cache
def corpus() -> dict[str, Any]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def cases(kind: str) -> list[dict[str, Any]]:
    """The cases of one kind, in file order."""
    return [case for case in corpus()["cases"] if case["kind"] == kind]


def value(spec: Any) -> Any:
    """A value of the corpus: as written, or a long one spelled as a repetition."""
    if isinstance(spec, dict):
        return spec.get("prefix", "") + spec["repeat"] * spec["times"] + spec.get("suffix", "")
    return spec


def text_expectation(case: dict[str, Any], field: str) -> dict[str, Any]:
    """What a text case must give in one field: ``{"refused": class}`` or ``{"stored": text}``."""
    expect = case["expect"]
    if field in expect.get("fields", {}):
        return expect["fields"][field]
    kind = corpus()["text_fields"][field]
    if kind == "optional_line" and "optional_line" not in expect:
        return expect["line"]
    if kind == "frame" and "frame" not in expect:
        return expect["notes"]
    return expect[kind]


def short_id(case: dict[str, Any]) -> str:
    return case["id"]


# ----------------------------------------------------------------- the corpus itself


def test_the_corpus_has_at_least_60_cases_of_every_kind_with_unique_ids() -> None:
    all_cases = corpus()["cases"]
    assert len(all_cases) >= 60
    ids = [case["id"] for case in all_cases]
    assert len(ids) == len(set(ids))
    assert {case["kind"] for case in all_cases} == set(KINDS)
    groups = {case["group"] for case in cases("text")}
    # The list: empty, long, control, ANSI, emoji, RTL, combining, SQL, markup.
    for group in ("empty", "whitespace", "long", "control", "ansi", "emoji", "rtl", "combining"):
        assert group in groups
    assert {"sql", "markup"} <= groups


def test_every_text_case_says_what_each_field_class_gives() -> None:
    fields = corpus()["text_fields"]
    assert set(fields.values()) <= set(TEXT_CLASSES)
    for case in cases("text"):
        for field in fields:
            expectation = text_expectation(case, field)
            assert set(expectation) in ({"refused"}, {"stored"}), (case["id"], field)
            if "refused" in expectation:
                assert expectation["refused"] == "InvalidInputError"


def test_every_count_date_time_and_amount_case_has_one_outcome() -> None:
    for case in cases("count"):
        assert len(set(case["expect"]) & {"number", "out_of_range", "refused"}) == 1
    for kind in ("date", "time", "amount"):
        for case in cases(kind):
            assert len(set(case["expect"]) & {"stored", "refused"}) == 1, case["id"]
