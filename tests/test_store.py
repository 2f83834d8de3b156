"""The store through a real Oxigraph server (SPARQL 1.1 Protocol), started and stopped by the tests."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lexpath.generate import generate_corpus
from lexpath.load import bundled_cases
from lexpath.store import INDEX, LocalStore, case_graph, open_store

from conftest import lexpath, one_line_error

OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
server_only = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph executable is not installed (pip install 'lexpath[server]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`oxigraph serve` on 127.0.0.1, a free port and a directory of its own."""

    def __init__(self, location: Path) -> None:
        self.location, self.port, self.proc = location, _free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        self.proc = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("oxigraph serve did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)  # the process this test started, by its id
            self.proc.wait()


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "oxigraph").start()
    yield s
    s.stop()


def _count(url: str, where: str) -> int:
    rows = list(open_store(url).select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0].value)


def test_local_store_in_memory_and_on_disk(tmp_path):
    mem = LocalStore(None)
    assert mem.cases() == [] and bool(mem.query("ASK {}"))
    disk = LocalStore(str(tmp_path / "s"))
    disk.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    disk.close()
    assert bool(LocalStore(str(tmp_path / "s"), read_only=True).query("ASK { GRAPH <urn:g> { <urn:a> ?p ?o } }"))


@server_only
def test_load_evaluate_query_through_the_protocol(server, tmp_path):
    cases = [str(p) for p in bundled_cases().values()]
    r = lexpath("corpus", "load", *cases, "--store", server.url)
    assert r.returncode == 0 and "5 cases loaded" in r.stdout, r.stderr
    r = lexpath("corpus", "evaluate", "--store", server.url, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert " 0 disagree" in r.stdout and "5 cases evaluated" in r.stdout
    q = ("PREFIX lex: <https://w3id.org/lexpath/ns#> SELECT ?c WHERE { GRAPH ?c { ?d a lex:Derivation ; lex:on ?s ; lex:value lex:established } "
         "GRAPH ?dg { ?s lex:dependsOn+ ?p } FILTER(STRENDS(STR(?p), '#WorkFamous')) } GROUP BY ?c ORDER BY ?c")
    r = lexpath("query", "--store", server.url, "--format", "csv", q)
    assert r.returncode == 0 and len(r.stdout.split()) == 6, r.stdout  # a header and every bundled case
    # a re-load through the protocol replaces: still one index entry and one graph per case
    assert lexpath("corpus", "load", *cases, "--store", server.url).returncode == 0
    assert _count(server.url, f"GRAPH <{INDEX}> {{ ?g <http://purl.org/dc/terms/identifier> ?id }}") == 5
    assert _count(server.url, "GRAPH ?c { ?c <http://www.w3.org/ns/prov#wasDerivedFrom> ?g }") == 0  # stale conclusions dropped


@server_only
def test_query_syntax_error_reports_the_servers_message(server):
    r = lexpath("query", "--store", server.url, "SELECT ?x WHERE { ?x }")
    one_line_error(r, server.url, "query", "400")


@server_only
def test_server_stopped_mid_load_then_reload_leaves_each_case_once(tmp_path):
    files = generate_corpus(250, seed=11, out_dir=str(tmp_path / "gen"))
    location = tmp_path / "oxigraph"
    server = Server(location).start()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lexpath", "corpus", "load", str(tmp_path / "gen"), "--store", server.url, "--jobs", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8",
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if _count(server.url, f"GRAPH <{INDEX}> {{ ?g ?p ?o }}") > 0:
                    break
            except Exception:
                pass
            time.sleep(0.02)
        server.stop()
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, (out, err)
        assert err.count("\n") == 1 and "Traceback" not in err and server.url in err, err
        server = Server(location).start()  # the same data directory
        loaded_before = _count(server.url, f"GRAPH <{INDEX}> {{ ?g <http://purl.org/dc/terms/identifier> ?id }}")
        assert 0 < loaded_before < 250
        r = lexpath("corpus", "load", str(tmp_path / "gen"), "--store", server.url)
        assert r.returncode == 0, r.stderr
        assert _count(server.url, f"GRAPH <{INDEX}> {{ ?g <http://purl.org/dc/terms/identifier> ?id }}") == 250
        import pyoxigraph as ox

        for path in files[::25]:
            expected = len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))
            assert _count(server.url, f"GRAPH <{case_graph(path.stem)}> {{ ?s ?p ?o }}") == expected
        ids = list(open_store(server.url).select(
            f"SELECT ?id (COUNT(?g) AS ?n) WHERE {{ GRAPH <{INDEX}> {{ ?g <http://purl.org/dc/terms/identifier> ?id }} }} GROUP BY ?id HAVING (COUNT(?g) > 1)"))
        assert ids == []
    finally:
        server.stop()
