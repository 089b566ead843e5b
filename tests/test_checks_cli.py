"""``factex check OUTDIR [--reference CSV]`` end to end: extracted articles in a tmp dir, across articles and
against a reference table."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import GOLDEN, SHARED
from factex.cli import app

CASES = GOLDEN / "checks"
_NEXT_TO_PYTHON = Path(sys.executable).parent / "factex"
FACTEX = str(_NEXT_TO_PYTHON) if _NEXT_TO_PYTHON.exists() else shutil.which("factex")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "TERM": "dumb"}
ARTICLES = {
    "grain_a.txt": "21_cross_grain/a.txt",
    "grain_b.txt": "21_cross_grain/b_conflict.txt",
    "grain_c.txt": "21_cross_grain/b.txt",
    "gdp_a.txt": "22_cross_currency/a.txt",
    "gdp_b.txt": "22_cross_currency/b.txt",
    "harvest.txt": "02_harvest_sum/wrong_total.txt",
}
REFERENCE = """subject,metric,period,value,unit,source,tolerance
China|PRC,grain production,2023,695.41,million t,National Bureau of Statistics,
Heilongjiang,grain output,2023,77.88,million t,NBS,
Shaanxi,GDP,2024,3.55,trillion CNY,Shaanxi statistics bureau,0.5%
Shaanxi,GDP,2024-H1,1.7,trillion CNY,Shaanxi statistics bureau,
"""


def run(*args: Any) -> subprocess.CompletedProcess[str]:
    assert FACTEX, "the factex command is not installed"
    return subprocess.run([FACTEX, *map(str, args)], capture_output=True, text=True, env=ENV, timeout=300, check=False)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles extracted by ``factex extract`` (dated by a sidecar each), plus the example article."""
    src, out = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("out")
    for name, case in ARTICLES.items():
        shutil.copy(CASES / case, src / name)
        (src / name.replace(".txt", ".meta.json")).write_text(json.dumps({"date": "2025-01-24"}), encoding="utf-8")
    seed = SHARED / "seeds" / "000_b6a3ab0eac62f55c.txt"
    if seed.exists():
        shutil.copy(seed, src / "seed.txt")
        (src / "seed.meta.json").write_text(json.dumps({"date": "2024-09-01"}), encoding="utf-8")
    done = run("extract", src, "-o", out, "-j", "1", "-q")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def report(outdir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reference = tmp_path_factory.mktemp("ref") / "stats.csv"
    reference.write_text(REFERENCE, encoding="utf-8")
    done = run("check", outdir, "--reference", reference, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _find(report: dict[str, Any], kind: str, *articles: str) -> list[dict[str, Any]]:
    return [
        c
        for c in report["checks"]
        if c["kind"] == kind and all(a in (c.get("articles") or [c.get("article")]) for a in articles)
    ]


def test_every_output_document_carries_its_checks(outdir: Path) -> None:
    document = json.loads((outdir / "harvest.claims.json").read_text(encoding="utf-8"))
    assert [(c["kind"], c["status"]) for c in document["checks"]] == [("sum", "fails"), ("sum", "holds")]


def test_conflict_across_articles_after_unit_conversion(report: dict[str, Any]) -> None:
    (conflict,) = _find(report, "cross.conflict", "grain_a", "grain_b")
    assert conflict["status"] == "fails" and conflict["unit"] == "t"
    assert (conflict["expected"], conflict["observed"]) == (77.9e6, 75.88e6)
    assert "(= 75.88 million t)" in conflict["explanation"]


def test_stated_currency_conversion_is_respected(report: dict[str, Any]) -> None:
    (agree,) = _find(report, "cross.corroboration", "gdp_a", "gdp_b")
    assert agree["status"] == "holds" and agree["rule"] == "check.cross.conversion"
    assert "stated there as 'US$487 billion'" in agree["explanation"]


def test_reference_verified_and_contradicted_with_deviation(report: dict[str, Any]) -> None:
    by_article = {c["article"]: c for c in _find(report, "reference") if c["reference"]["metric"] == "grain output"}
    assert by_article["grain_a"]["verdict"] == "verified" and by_article["grain_a"]["status"] == "holds"
    assert by_article["grain_b"]["verdict"] == "contradicted" and by_article["grain_b"]["status"] == "fails"
    assert by_article["grain_b"]["deviation"] == pytest.approx(75.88 / 77.88 - 1, rel=1e-4)
    (gdp,) = [c for c in _find(report, "reference", "gdp_a")]
    assert gdp["verdict"] == "verified" and gdp["reference"]["period"] == "2024"  # the full year, not H1


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared is not beside this checkout")
def test_implied_total_of_a_share_against_the_reference(report: dict[str, Any]) -> None:
    (implied,) = _find(report, "reference.implied", "seed")
    assert implied["status"] == "holds" and implied["reference"]["subject"] == "China|PRC"
    assert implied["observed"] == pytest.approx(695.5e6, rel=1e-3)


def test_failed_checks_come_first(report: dict[str, Any]) -> None:
    order = {"fails": 0, "unclear": 1, "holds": 2}
    statuses = [order[c["status"]] for c in report["checks"]]
    assert statuses == sorted(statuses)
    assert report["summary"]["fails"] == sum(c["status"] == "fails" for c in report["checks"])


def test_table_lists_failed_checks_first(outdir: Path) -> None:
    done = run("check", outdir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.index("fails") < done.stdout.index("holds")
    assert "fail," in done.stdout.splitlines()[-1]


def test_no_conversion_is_invented(tmp_path: Path, outdir: Path) -> None:
    for name in ("gdp_a", "gdp_b"):
        document = json.loads((outdir / f"{name}.claims.json").read_text(encoding="utf-8"))
        if name == "gdp_a":  # drop the stated US$ figure: only yuan is left
            document["claims"] = [c for c in document["claims"] if c["value"]["unit"] == "CNY"]
            document["article"]["text"] = document["article"]["text"].replace("or about US$487 billion", "")
            document.pop("checks")
        (tmp_path / f"{name}.claims.json").write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.stdout)["checks"]
    assert [(c["kind"], c["status"]) for c in checks] == [("cross.incomparable", "unclear")]
    assert "does not convert currencies" in checks[0]["explanation"]


def test_usage_errors(tmp_path: Path, outdir: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["check", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    empty = runner.invoke(app, ["check", str(tmp_path)])
    assert empty.exit_code == 1 and "no factex output documents" in empty.output
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,metric,value\nChina,gdp,1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(outdir), "--reference", str(bad)])
    assert result.exit_code == 2 and "missing column(s) period, unit, source" in result.output
    bad.write_text("subject,metric,period,value,unit,source\nChina,gdp,2023,lots,USD,x\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(outdir), "--reference", str(bad)])
    assert result.exit_code == 2 and "bad.csv:2: value 'lots' is not a number" in result.output
