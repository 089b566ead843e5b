"""Write output documents safely: a temp file in the same folder, then an atomic rename."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def dumps(document: dict[str, Any], *, indent: int | None = 2) -> str:
    """Serialize a document the same way everywhere (UTF-8, stable key order as built)."""
    return json.dumps(document, ensure_ascii=False, indent=indent)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
