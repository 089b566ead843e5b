"""Pattern data: loading, validating, hashing and saving the JSONL rule files.

factex keeps every rule as data. A rule set is a folder of ``*.jsonl`` files (one JSON object per line,
each with a unique ``id``). The package ships one in ``factex/patterns``; users may point the pipeline at
their own folder, and the spaCy component saves and restores its rules with ``to_disk``/``from_disk``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

#: The files a complete rule set holds, each a list of entries with an ``id``.
RULE_FILES = ("numbers", "currencies", "units", "qualifiers", "rules", "exclusions")


class PatternError(ValueError):
    """A pattern file is malformed: bad JSON, a missing or duplicate ``id``."""


@dataclass(frozen=True)
class RuleSet:
    """All pattern entries, grouped by the file (stem) they came from."""

    files: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)

    def entries(self, name: str) -> tuple[dict[str, Any], ...]:
        """Return the entries of one file (empty when the set has no such file)."""
        return self.files.get(name, ())

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for name in sorted(self.files):
            yield from self.files[name]

    @property
    def ids(self) -> set[str]:
        """Every rule id in the set."""
        return {entry["id"] for entry in self}

    def digest(self) -> str:
        """A stable SHA-256 over the whole rule set (changes whenever a rule changes)."""
        h = hashlib.sha256()
        for name in sorted(self.files):
            h.update(name.encode())
            for entry in self.files[name]:
                h.update(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode())
        return h.hexdigest()

    def merged(self, extra: RuleSet) -> RuleSet:
        """Return a new set where entries of ``extra`` are added (same id replaces the old entry)."""
        files = {name: list(entries) for name, entries in self.files.items()}
        for name, entries in extra.files.items():
            current = files.setdefault(name, [])
            by_id = {e["id"]: i for i, e in enumerate(current)}
            for entry in entries:
                if entry["id"] in by_id:
                    current[by_id[entry["id"]]] = entry
                else:
                    current.append(entry)
        result = RuleSet({name: tuple(entries) for name, entries in files.items()})
        _check_unique(result)
        return result

    def to_disk(self, path: str | Path) -> None:
        """Write the set as ``NAME.jsonl`` files into the folder ``path`` (created if needed)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, entries in self.files.items():
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
            (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")


def parse_lines(lines: Iterable[str], source: str) -> tuple[dict[str, Any], ...]:
    """Parse JSONL lines into entries, naming ``source`` and the line in every error."""
    entries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{source}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
            raise PatternError(f"{source}:{number}: every pattern needs a string 'id'")
        entries.append(entry)
    return tuple(entries)


def _check_unique(ruleset: RuleSet) -> None:
    seen: dict[str, str] = {}
    for name in sorted(ruleset.files):
        for entry in ruleset.files[name]:
            if entry["id"] in seen:
                raise PatternError(f"duplicate pattern id {entry['id']!r} in {seen[entry['id']]} and {name}")
            seen[entry["id"]] = name


def load_folder(path: str | Path) -> RuleSet:
    """Load every ``*.jsonl`` file of a folder as a rule set."""
    folder = Path(path)
    if not folder.is_dir():
        raise PatternError(f"{folder}: not a folder of pattern files")
    files = {
        f.stem: parse_lines(f.read_text(encoding="utf-8").splitlines(), str(f))
        for f in sorted(folder.glob("*.jsonl"))
    }
    ruleset = RuleSet(files)
    _check_unique(ruleset)
    return ruleset


def load_default() -> RuleSet:
    """Load the rule set shipped inside the package (``factex/patterns``)."""
    root = resources.files("factex") / "patterns"
    files = {}
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".jsonl"):
            stem = item.name[: -len(".jsonl")]
            files[stem] = parse_lines(item.read_text(encoding="utf-8").splitlines(), f"factex/patterns/{item.name}")
    ruleset = RuleSet(files)
    _check_unique(ruleset)
    return ruleset
