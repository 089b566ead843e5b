"""The pattern data (factex/patterns/*.jsonl) and the RuleSet that loads, checks, hashes and saves it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pint
import pytest
import regex

from factex.lexicon import Lexicon
from factex.ruleset import RULE_FILES, PatternError, RuleSet, load_default, load_folder, parse_lines

SHIPPED = sorted(
    (item.name, item.read_text(encoding="utf-8"))
    for item in (resources.files("factex") / "patterns").iterdir()
    if item.name.endswith(".jsonl")
)
DEFAULT = load_default()
UREG = pint.UnitRegistry()
LEX = Lexicon.from_ruleset(DEFAULT)
UNITS_WITH_PINT = [e for e in DEFAULT.entries("units") if e.get("pint")]


def _entry_params(entries, xfails: dict[str, str] | None = None) -> list[Any]:
    xfails = xfails or {}
    return [
        pytest.param(e, id=e["id"], marks=[pytest.mark.xfail(strict=True, reason=xfails[e["id"]])])
        if e["id"] in xfails
        else pytest.param(e, id=e["id"])
        for e in entries
    ]


# -- the shipped data -----------------------------------------------------------------------------


def test_every_rule_file_is_shipped():
    assert {name.removesuffix(".jsonl") for name, _ in SHIPPED} >= set(RULE_FILES)
    for name in RULE_FILES:
        assert DEFAULT.entries(name), f"{name}.jsonl has no entries"


def test_every_shipped_line_has_a_unique_string_id():
    seen: dict[str, str] = {}
    problems = []
    for name, text in SHIPPED:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{name}:{number}"
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"].strip():
                problems.append(f"{where}: no string id")
                continue
            if entry["id"] in seen:
                problems.append(f"{where}: id {entry['id']!r} already used at {seen[entry['id']]}")
            seen[entry["id"]] = where
    assert not problems, "\n".join(problems)
    assert len(seen) == len(DEFAULT.ids)


@pytest.mark.parametrize("entry", _entry_params(DEFAULT.entries("rules")))
def test_every_rule_template_expands_and_compiles(entry):
    expanded = LEX.expand(entry["template"])
    leftover = regex.findall(r"\{[A-Z_]+\}", expanded)
    assert not leftover, f"unknown placeholders {leftover} (they would match literally, i.e. never)"
    pattern = regex.compile(expanded)
    assert entry["kind"] in {"quantity", "percent", "money", "count", "rank", "ratio", "duration"}
    assert pattern.pattern


@pytest.mark.parametrize("entry", _entry_params([e for e in DEFAULT.entries("exclusions") if "regex" in e]))
def test_every_exclusion_regex_expands_and_compiles(entry):
    expanded = LEX.expand(entry["regex"])
    assert not regex.findall(r"\{[A-Z_]+\}", expanded)
    regex.compile(expanded)


@pytest.mark.parametrize("entry", _entry_params(UNITS_WITH_PINT))
def test_every_pint_name_is_known_to_pint(entry):
    unit = UREG.parse_units(entry["pint"])  # raises UndefinedUnitError for a name pint does not know
    assert UREG.Unit(entry["pint"]) == unit


DURATION_XFAILS: dict[str, str] = {}


@pytest.mark.parametrize(
    "entry", _entry_params([e for e in UNITS_WITH_PINT if e["kind"] == "duration"], DURATION_XFAILS)
)
def test_duration_units_have_time_dimensionality(entry):
    assert UREG.parse_units(entry["pint"]).dimensionality == UREG.parse_units("second").dimensionality
    # the canonical unit times the entry's factor is the pint unit: 1 century == 100 year
    amount = UREG.Quantity(entry.get("factor", 1), entry["unit"]).to(entry["pint"]).magnitude
    assert amount == pytest.approx(1)


UNIT_XFAILS = {
    "unit.barrel": (
        "known: DESIGN.md names the oil unit 'barrel', which pint reads as a 31.5-gallon barrel; "
        "conversions must use the entry's pint name (oil_barrel, 42 gal)"
    ),
}


def _parsable_units() -> list[dict[str, Any]]:
    result = []
    for entry in UNITS_WITH_PINT:
        if entry["kind"] == "duration":  # checked above, factor included
            continue
        try:
            UREG.parse_units(entry["unit"])
        except Exception:  # "km2", "m3": pint reads no such symbol, nothing to compare
            continue
        result.append(entry)
    return result


@pytest.mark.parametrize("entry", _entry_params(_parsable_units(), UNIT_XFAILS))
def test_canonical_unit_means_the_same_to_pint(entry):
    """DESIGN.md: units are canonicalized with pint, so pint must read the output `unit` as the entry's unit."""
    canonical = UREG.Quantity(entry.get("factor", 1), entry["unit"])
    named = UREG.Quantity(1, entry["pint"])
    assert canonical.dimensionality == named.dimensionality
    assert canonical.to(named.units).magnitude == pytest.approx(1)


# -- parsing and checking -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"id": "ok.1"', "not valid JSON"),
        ('{"kind": "money"}', "needs a string 'id'"),
        ('{"id": 7}', "needs a string 'id'"),
        ('{"id": ""}', "needs a string 'id'"),
        ('["id", "x"]', "needs a string 'id'"),
    ],
    ids=["bad-json", "no-id", "int-id", "empty-id", "not-object"],
)
def test_malformed_line_names_file_and_line(tmp_path, line, words):
    (tmp_path / "good.jsonl").write_text('{"id": "good.1"}\n', encoding="utf-8")
    (tmp_path / "mine.jsonl").write_text(f'{{"id": "mine.1"}}\n\n// a comment\n{line}\n', encoding="utf-8")
    with pytest.raises(PatternError) as info:
        load_folder(tmp_path)
    message = str(info.value)
    assert f"{tmp_path / 'mine.jsonl'}:4:" in message
    assert words in message


def test_parse_lines_skips_blank_and_comment_lines():
    entries = parse_lines(["", '{"id": "a", "x": 1}', "   ", "// note", '  {"id": "b"}'], "src")
    assert entries == ({"id": "a", "x": 1}, {"id": "b"})


def test_duplicate_id_in_one_file_is_refused(tmp_path):
    (tmp_path / "units.jsonl").write_text('{"id": "u.a"}\n{"id": "u.b"}\n{"id": "u.a"}\n', encoding="utf-8")
    with pytest.raises(PatternError, match=r"duplicate pattern id 'u\.a'"):
        load_folder(tmp_path)


def test_duplicate_id_across_files_is_refused(tmp_path):
    (tmp_path / "units.jsonl").write_text('{"id": "x.same"}\n', encoding="utf-8")
    (tmp_path / "rules.jsonl").write_text('{"id": "x.same"}\n', encoding="utf-8")
    with pytest.raises(PatternError) as info:
        load_folder(tmp_path)
    assert "'x.same'" in str(info.value)
    assert "rules" in str(info.value)
    assert "units" in str(info.value)


def test_merged_replaces_same_id_in_same_file_and_refuses_it_elsewhere():
    base = RuleSet({"units": ({"id": "u.a", "v": 1}, {"id": "u.b", "v": 2}), "rules": ({"id": "r.a"},)})
    merged = base.merged(RuleSet({"units": ({"id": "u.a", "v": 10}, {"id": "u.c", "v": 3})}))
    assert merged.entries("units") == ({"id": "u.a", "v": 10}, {"id": "u.b", "v": 2}, {"id": "u.c", "v": 3})
    assert base.entries("units")[0] == {"id": "u.a", "v": 1}  # the original is unchanged
    with pytest.raises(PatternError, match=r"'r\.a'"):
        base.merged(RuleSet({"units": ({"id": "r.a"},)}))


def test_merging_a_shipped_id_into_another_file_is_refused():
    with pytest.raises(PatternError, match=r"'cur\.usd'"):
        DEFAULT.merged(RuleSet({"units": ({"id": "cur.usd", "kind": "quantity", "unit": "x", "forms": ["x"]},)}))


def test_load_folder_needs_a_folder(tmp_path):
    with pytest.raises(PatternError, match="not a folder"):
        load_folder(tmp_path / "missing")


# -- hashing and saving ---------------------------------------------------------------------------


def test_digest_is_stable_and_changes_with_any_entry():
    files = {name: tuple(dict(e) for e in DEFAULT.entries(name)) for name in DEFAULT.files}
    same = RuleSet({name: tuple(dict(reversed(list(e.items()))) for e in entries) for name, entries in files.items()})
    assert same.digest() == DEFAULT.digest()  # key order inside an entry does not matter
    assert len(DEFAULT.digest()) == 64
    changed = dict(files)
    first = dict(changed["units"][0])
    first["forms"] = [*first["forms"], "extra form"]
    changed["units"] = (first, *changed["units"][1:])
    assert RuleSet(changed).digest() != DEFAULT.digest()
    added = DEFAULT.merged(RuleSet({"units": ({"id": "user.unit", "kind": "quantity", "unit": "u", "forms": ["u"]},)}))
    assert added.digest() != DEFAULT.digest()
    moved = RuleSet({**files, "other": files["counts"], "counts": ()})
    assert moved.digest() != DEFAULT.digest()  # the same entries in another file are another rule set


def test_to_disk_and_load_folder_round_trip(tmp_path):
    DEFAULT.to_disk(tmp_path / "saved")
    saved = sorted(p.name for p in (tmp_path / "saved").iterdir())
    assert saved == sorted(f"{name}.jsonl" for name in DEFAULT.files)
    for path in (tmp_path / "saved").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line)["id"], str)
    loaded = load_folder(tmp_path / "saved")
    assert loaded == DEFAULT
    assert loaded.digest() == DEFAULT.digest()
    assert loaded.ids == DEFAULT.ids


def test_to_disk_keeps_non_ascii_readable(tmp_path):
    rs = RuleSet({"currencies": ({"id": "cur.test", "code": "EUR", "prefix": ["\u20ac"]},)})
    rs.to_disk(tmp_path)
    assert "\u20ac" in (tmp_path / "currencies.jsonl").read_text(encoding="utf-8")
    assert load_folder(tmp_path) == rs
