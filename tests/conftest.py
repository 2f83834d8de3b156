"""Shared helpers: the bundled files, a private cache, and running the CLI as a user does."""

from __future__ import annotations

import contextlib
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


# -- a real browser ------------------------------------------------------------------

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def chromium():
    """Headless Debian Chromium driven by Debian's chromedriver on a free loopback port.

    The network is made unreachable (a dead proxy, every host name unresolvable), so a page that
    reached for anything online would fail. Nothing is downloaded: both binaries come from apt.
    The driver is stopped by the process id this started. benches/ use it too.
    """
    os.environ["SE_OFFLINE"] = "true"  # selenium must never fetch a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--window-size=1400,900", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(CHROMEDRIVER, port=free_port())
    driver = webdriver.Chrome(service=service, options=options)
    pid = service.process.pid
    try:
        yield driver
    finally:
        driver.quit()
        if service.process.poll() is None:
            os.kill(pid, 15)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    with chromium() as driver:
        yield driver


def open_page(driver, path: Path, timeout: float = 10.0) -> list[dict]:
    """Load a page and wait until vis-network has drawn; the console messages logged meanwhile."""
    import time

    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    end = time.monotonic() + timeout
    while driver.execute_script("return document.body && document.body.dataset.drawn") is None:
        if time.monotonic() > end:
            raise AssertionError(f"the page did not draw within {timeout} s: {driver.get_log('browser')}")
        time.sleep(0.02)
    return driver.get_log("browser")


def follows_schema(doc, name: str) -> None:
    """Validate doc against graph/schema/NAME.schema.json, which may refer to explain.schema.json."""
    import json

    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    folder = Path(__file__).resolve().parent.parent / "graph" / "schema"
    explain = json.loads((folder / "explain.schema.json").read_text(encoding="utf-8"))
    schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource(explain["$id"], referencing.Resource.from_contents(explain))
    jsonschema.Draft202012Validator(schema, registry=registry).validate(doc)


# The head of a small doctrine of a user's own, for tests that write one: prefixes, the doctrine, one source.
TINY_HEAD = """@prefix dct: <http://purl.org/dc/terms/> .
@prefix lex: <https://w3id.org/lexpath/ns#> .
@prefix p: <https://w3id.org/lexpath/prop#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix t: <https://example.org/tiny#> .

t:doctrine a lex:Doctrine ; dct:identifier "tiny" ; lex:jurisdiction lex:China ;
    rdfs:label "小"@zh , "tiny"@en ; skos:definition "测试"@zh , "a test doctrine"@en .
t:art1 a lex:LegalSource ; rdfs:label "第一条"@zh , "art. 1"@en ; skos:definition "一"@zh , "one"@en .
"""
