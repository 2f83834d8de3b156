"""Write an output file whole or not at all: to `name.part` beside it, then rename.

A failure (a missing directory, a path that is a directory, no permission) is an OutputError
naming the path, and leaves nothing behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError

__all__ = ["write_output"]


def write_output(path: str | Path, data: str | bytes) -> Path:
    """Write data (text as UTF-8) to path atomically and return the path."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(path, "output", "is a directory; give a file name")
    if not path.parent.is_dir():
        raise OutputError(path, "output", f"directory {path.parent} does not exist")
    part = path.with_name(path.name + ".part")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        part.write_bytes(payload)
        os.replace(part, path)
    except OSError as err:
        part.unlink(missing_ok=True)
        raise OutputError(path, "output", f"cannot write: {err.strerror or err}") from err
    return path
