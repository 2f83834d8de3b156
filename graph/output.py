"""Write an output file whole or not at all: to a temporary file beside it, then rename.

A failure (a missing directory, a path that is or names a directory, no permission) is an
OutputError naming the path, and leaves nothing behind. The temporary file has a name of its own
(`.NAME.XXXX.part`), so two runs writing the same output never share one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["write_output"]


def write_output(path: str | Path, data: str | bytes) -> Path:
    """Write data (text as UTF-8) to path atomically and return the path."""
    if str(path).endswith(("/", os.sep)):  # pathlib drops the slash: `-o out/` would write a file `out`
        raise OutputError(path, "output", "names a directory; give a file name")
    path = Path(path)
    if path.is_dir():
        raise OutputError(path, "output", "is a directory; give a file name")
    if not path.parent.is_dir():
        raise OutputError(path, "output", f"directory {path.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    part = None
    try:
        fd, part = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.chmod(part, 0o666 & ~_umask())
        os.replace(part, path)
    except OSError as err:
        if part is not None:
            Path(part).unlink(missing_ok=True)
        raise OutputError(path, "output", f"cannot write: {err.strerror or err}") from err
    return path


def _umask() -> int:
    """The process's umask (mkstemp makes files 0600; an output file gets the usual mode)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
