"""Shared helpers: the bundled files, a private cache, and running the CLI as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lexpath.load import data_dir


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Keep the tests' cache apart from the user's; subprocesses inherit it."""
    os.environ["LEXPATH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def hangzhou_text() -> str:
    return (data_dir("cases") / "hangzhou-ultraman-lora.ttl").read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lexpath(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m lexpath ARGS` in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "lexpath", *args], capture_output=True, encoding="utf-8", cwd=cwd
    )


def one_line_error(r: subprocess.CompletedProcess, *needles: str) -> None:
    """The failure contract: exit 1, one line on stderr, no traceback, nothing on stdout."""
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""
    for needle in needles:
        assert needle in r.stderr, (needle, r.stderr)
