"""Unit conversion through pint, with the ``pint`` names of ``patterns/units.jsonl``.

Only measures convert (77.88 billion kg is 77.88 million t); currencies never do: a conversion between
currencies is used only where an article states it (see :mod:`factex.checks.crossdoc`).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


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


@functools.cache
def factor(from_unit: str, to_unit: str) -> float | None:
    """How many ``to_unit`` one ``from_unit`` is (1000 for t -> kg), or None when they do not convert."""
    if from_unit == to_unit:
        return 1.0
    names = pint_names()
    if from_unit not in names or to_unit not in names:
        return None
    ureg = _registry()
    try:
        source = ureg.Quantity(1.0, names[from_unit])
        if not source.is_compatible_with(names[to_unit]):
            return None
        if source.dimensionality == ureg.Quantity(1.0, "kelvin").dimensionality:
            return None  # temperatures have offsets: no single factor
        return float(source.to(names[to_unit]).magnitude)
    except Exception:  # pint raises many kinds of errors for unknown or odd expressions
        return None


def base(unit: str) -> tuple[str, float]:
    """The unit a measure is compared in across articles and its factor (t -> ("kg", 1000))."""
    names = pint_names()
    if unit not in names:
        return unit, 1.0
    ureg = _registry()
    try:
        quantity = ureg.Quantity(1.0, names[unit])
        if quantity.dimensionality == ureg.Quantity(1.0, "kelvin").dimensionality:
            return unit, 1.0
        converted = quantity.to_base_units()
        return f"{converted.units:~}", float(converted.magnitude)
    except Exception:  # an expression pint cannot take to base units: compare as is
        return unit, 1.0
