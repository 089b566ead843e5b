"""The shipped unit table agrees with pint, so checks can convert without building a pint registry."""

from __future__ import annotations

import math

import pytest

from factex.checks import units


def test_shipped_table_matches_pint() -> None:
    fresh = units.build_table(units.pint_names())
    shipped = units._shipped_table()
    assert sorted(shipped) == sorted(fresh), "run `python -m factex.checks.units` after editing units.jsonl"
    for unit, entry in fresh.items():
        assert shipped[unit]["base"] == entry["base"], unit
        assert shipped[unit]["temperature"] == entry["temperature"], unit
        assert math.isclose(shipped[unit]["factor"], entry["factor"], rel_tol=1e-12), unit


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [("t", "kg", 1000.0), ("Mt", "t", 1e6), ("kg", "t", 0.001), ("mi", "km", 1.609344), ("MWh", "kWh", 1000.0)],
)
def test_factor_converts_measures(source: str, target: str, expected: float) -> None:
    assert units.factor(source, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "target"),
    [("t", "km"), ("degC", "degF"), ("MB", "ppm"), ("degree", "GB"), ("USD", "EUR"), ("kg", "train")],
)
def test_factor_refuses_what_does_not_convert(source: str, target: str) -> None:
    assert units.factor(source, target) is None


def test_factor_agrees_with_pint_for_every_pair_of_same_base() -> None:
    ureg = units._registry()
    names = units.pint_names()
    for a, a_name in names.items():
        for b, b_name in names.items():
            got = units.factor(a, b)
            if got is None:
                continue
            assert math.isclose(got, ureg.Quantity(1.0, a_name).to(b_name).magnitude, rel_tol=1e-9), (a, b)


def test_base_unit_of_a_measure_and_of_a_count() -> None:
    assert units.base("t") == ("kg", pytest.approx(1000.0))
    assert units.base("train") == ("train", 1.0)
    assert units.base("degC") == ("degC", 1.0)
