"""Unit conversion with the ``pint`` names of ``patterns/units.jsonl``.

Only measures convert (77.88 billion kg is 77.88 million t); currencies never do: a conversion between
currencies is used only where an article states it (see :mod:`factex.checks.crossdoc`).

Building a pint registry takes most of a second, so the shipped units are read from ``unit_table.json``:
each unit's base unit and factor, computed by pint (``python -m factex.checks.units`` rewrites it; a
test checks that it still agrees with pint). A unit added to ``units.jsonl`` but missing from the table
falls back to pint itself.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict

TABLE_FILE = "unit_table.json"


class UnitBase(TypedDict):
    """A unit's base unit (as pint writes it) and how many of the base one unit is."""

    base: str
    factor: float
    temperature: bool


@functools.cache
def pint_names() -> dict[str, str]:
    """Map each factex unit symbol to its pint expression, from the shipped ``units.jsonl``."""
    text = (resources.files("factex") / "patterns" / "units.jsonl").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip():
            entry = json.loads(line)
            if entry.get("pint") and entry.get("unit") and entry.get("factor") is None:
                names.setdefault(entry["unit"], entry["pint"])
    return names


@functools.cache
def _registry() -> Any:
    import pint  # imported here: building a registry takes a moment

    return pint.UnitRegistry()


def pint_base(expression: str) -> UnitBase | None:
    """Ask pint for the base unit and factor of one expression (None when pint cannot read it)."""
    ureg = _registry()
    try:
        quantity = ureg.Quantity(1.0, expression)
        temperature = quantity.dimensionality == ureg.Quantity(1.0, "kelvin").dimensionality
        converted = quantity.to_base_units()
        return {"base": f"{converted.units:~}", "factor": float(converted.magnitude), "temperature": temperature}
    except Exception:  # pint raises many kinds of errors for unknown or odd expressions
        return None


def build_table(names: dict[str, str]) -> dict[str, UnitBase]:
    """The table of :func:`pint_base` for every unit in ``names`` (units pint cannot read are left out)."""
    table: dict[str, UnitBase] = {}
    for unit, expression in sorted(names.items()):
        found = pint_base(expression)
        if found is not None:
            table[unit] = found
    return table


@functools.cache
def _shipped_table() -> dict[str, UnitBase]:
    text = (resources.files("factex.checks") / TABLE_FILE).read_text(encoding="utf-8")
    return dict(json.loads(text))


@functools.cache
def unit_base(unit: str) -> UnitBase | None:
    """Base unit and factor of a factex unit symbol; None when it is no pint unit."""
    names = pint_names()
    if unit not in names:
        return None
    shipped = _shipped_table().get(unit)
    return shipped if shipped is not None else pint_base(names[unit])


@functools.cache
def factor(from_unit: str, to_unit: str) -> float | None:
    """How many ``to_unit`` one ``from_unit`` is (1000 for t -> kg), or None when they do not convert."""
    if from_unit == to_unit:
        return 1.0
    source, target = unit_base(from_unit), unit_base(to_unit)
    if source is None or target is None or source["base"] != target["base"]:
        return None
    if source["temperature"]:
        return None  # temperatures have offsets: no single factor
    return source["factor"] / target["factor"]


def base(unit: str) -> tuple[str, float]:
    """The unit a measure is compared in across articles and its factor (t -> ("kg", 1000))."""
    found = unit_base(unit)
    if found is None or found["temperature"]:
        return unit, 1.0
    return found["base"], found["factor"]


def main() -> None:
    """Rewrite the shipped table from pint (run after editing ``patterns/units.jsonl``)."""
    path = Path(__file__).with_name(TABLE_FILE)
    table = build_table(pint_names())
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} units to {path}")


if __name__ == "__main__":
    main()
