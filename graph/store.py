"""Where a corpus lives: a pyoxigraph store in memory or on disk, or a SPARQL 1.1 endpoint.

`open_store(None)` is an in-memory store, `open_store(PATH)` an on-disk one (RocksDB, created when
missing), `open_store(URL)` a server spoken to through the SPARQL 1.1 Protocol: queries to
`URL/query`, updates to `URL/update` (the layout of the Oxigraph server, `oxigraph serve`). Every
store answers SPARQL with pyoxigraph's result objects, so callers never see the difference.

Each case lives in its own named graph, its conclusions in another; the index graph lists the
cases loaded completely. Replacing cases is atomic per batch on a server (one SPARQL Update
request); on a local store the data goes in through the bulk loader and the index entry is
written after it, so a case cut off half-way is invisible (no index entry) and replaced on the
next load. pyoxigraph is imported inside the functions that need it.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError

__all__ = [
    "CORPUS",
    "INDEX",
    "RUNS",
    "case_graph",
    "conclusions_graph",
    "doctrine_graph",
    "Batch",
    "LocalStore",
    "RemoteStore",
    "open_store",
]

CORPUS = "https://w3id.org/lexpath/corpus/"
INDEX = CORPUS + "index"
RUNS = CORPUS + "runs"
_DCT_ID = "http://purl.org/dc/terms/identifier"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_QUERY_TIMEOUT = 600


def case_graph(case_id: str) -> str:
    """The named graph that holds one case's facts and holdings.

    >>> case_graph("abc")
    'https://w3id.org/lexpath/corpus/case/abc'
    """
    return f"{CORPUS}case/{case_id}"


def conclusions_graph(case_id: str) -> str:
    """The named graph that holds what lexpath derived for one case, apart from its facts."""
    return f"{CORPUS}conclusions/{case_id}"


def doctrine_graph(doctrine_id: str) -> str:
    """The named graph that holds a doctrine's statements and their lex:dependsOn edges."""
    return f"{CORPUS}doctrine/{doctrine_id}"


@dataclass(frozen=True, slots=True)
class Batch:
    """Named graphs to replace in one step: graph IRI -> N-Triples text, and graphs to drop."""

    graphs: Sequence[tuple[str, str]]
    drop: Sequence[str] = ()


def _iri(text: str) -> str:
    return f"<{text}>"


def _index_lines(cases: Iterable[tuple[str, str, str]]) -> str:
    """N-Triples for the index graph: each case graph, its id and the file it came from."""
    out = []
    for graph, case_id, source in cases:
        escaped = case_id.replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'<{graph}> <{_DCT_ID}> "{escaped}" .\n')
        out.append(f"<{graph}> <{_DERIVED}> <{source}> .\n")
    return "".join(out)


class _Base:
    location: str

    def select(self, sparql: str):
        """Run a SELECT and return pyoxigraph QuerySolutions (iterable rows with .variables)."""
        result = self.query(sparql)
        if not hasattr(result, "variables"):
            raise StoreError(self.location, "query", "expected a SELECT query")
        return result

    def cases(self) -> list[tuple[str, str]]:
        """(case graph, case id) of every case loaded completely, by id."""
        rows = self.select(f"SELECT ?g ?id WHERE {{ GRAPH <{INDEX}> {{ ?g <{_DCT_ID}> ?id }} }} ORDER BY ?id")
        return [(row[0].value, row[1].value) for row in rows]

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def _drop_update(self, graphs: Iterable[str]) -> str:
        parts = []
        for g in graphs:
            parts.append(f"DROP SILENT GRAPH <{g}>")
            parts.append(f"DELETE WHERE {{ GRAPH <{INDEX}> {{ <{g}> ?p ?o }} }}")
        return " ;\n".join(parts)


class LocalStore(_Base):
    """A pyoxigraph store: in memory (path None) or on disk."""


    def __init__(self, path: str | None, read_only: bool = False) -> None:
        import pyoxigraph

        self.path = None if read_only else path
        self.location = path or "memory"
        if path is None:
            self.store = pyoxigraph.Store()
            return
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise StoreError(path, "store", "is a file, not a store directory")
        if read_only and not p.is_dir():
            raise StoreError(path, "store", "no such store directory")
        try:
            self.store = pyoxigraph.Store.read_only(path) if read_only else pyoxigraph.Store(path)
        except (OSError, RuntimeError) as err:  # RocksDB's corruption and lock errors are RuntimeErrors
            reason = " ".join(str(err).split())[:200]
            raise StoreError(path, "store", f"cannot be opened ({reason})") from err

    def query(self, sparql: str):
        try:
            return self.store.query(sparql)
        except SyntaxError as err:
            raise StoreError(self.location, "query", " ".join(str(err).split())) from err
        except (OSError, ValueError) as err:
            raise StoreError(self.location, "query", " ".join(str(err).split())) from err

    def update(self, sparql: str) -> None:
        if not sparql.strip():
            return
        try:
            self.store.update(sparql)
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(self.location, "update", " ".join(str(err).split())) from err

    def load_cases(self, cases: Iterable[tuple[str, str, str, list]]) -> int:
        """Put cases in through one bulk load: (graph, id, source IRI, pyoxigraph triples) each.

        One pass, as the fastest plain load does (many small bulk loads cost far more). An older
        version of a case is removed, with its index entry and conclusions, just before the new
        one streams in; the index entries are written after all the data, so a load cut off
        half-way leaves no case visible that is not whole.
        """
        import pyoxigraph as ox

        index: list[tuple[str, str, str]] = []

        def quads():
            for g, case_id, source, triples in cases:
                graph = ox.NamedNode(g)
                if self.store.contains_named_graph(graph):
                    self.update(f"DELETE WHERE {{ GRAPH <{INDEX}> {{ <{g}> ?p ?o }} }}")
                    self._remove([g, g.replace(f"{CORPUS}case/", f"{CORPUS}conclusions/", 1)])
                index.append((g, case_id, source))
                for t in triples:
                    yield ox.Quad(t.subject, t.predicate, t.object, graph)

        self.store.bulk_extend(quads())
        if index:
            self.store.bulk_load(input=_index_lines(index).encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(INDEX))
        return len(index)

    def write(self, batch: Batch) -> None:
        """Replace whole graphs, given as N-Triples text."""
        import pyoxigraph as ox

        self._remove(batch.drop)
        for g, text in batch.graphs:
            if text:
                self.store.load(input=text.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))

    def remove_graphs(self, graphs: Iterable[str]) -> None:
        """Remove named graphs, those that exist."""
        self._remove(list(graphs))

    def bulk_stream(self, chunks: Iterable[bytes]) -> None:
        """Bulk-load N-Quads given as a stream of byte chunks, in one pass."""
        import pyoxigraph as ox

        self.store.bulk_load(input=_ChunkReader(iter(chunks)), format=ox.RdfFormat.N_QUADS)

    def _remove(self, graphs: Sequence[str]) -> None:
        """Remove the graphs that exist (a DROP of many absent graphs is slow in one update)."""
        import pyoxigraph as ox

        for g in graphs:
            node = ox.NamedNode(g)
            if self.store.contains_named_graph(node):
                self.store.remove_graph(node)

    def snapshot(self) -> str:
        """A read-only copy of the store as it is now, in a new folder beside it; its path.

        A RocksDB checkpoint: its files are hard links (on the same file system), so it is made
        at once; no one writes it, so other processes may read it while this one writes the store.
        """
        import tempfile

        here = Path(self.path).resolve()
        target = Path(tempfile.mkdtemp(dir=here.parent, prefix=f".{here.name}.snapshot-"))
        target.rmdir()  # the checkpoint makes its own folder
        try:
            self.store.flush()
            self.store.backup(str(target))
        except (OSError, RuntimeError) as err:
            reason = " ".join(str(err).split())[:200]
            raise StoreError(self.location, "store", f"cannot take a snapshot to read from ({reason})") from err
        return str(target)

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    def close(self) -> None:
        self.flush()
        del self.store


class RemoteStore(_Base):
    """A SPARQL 1.1 endpoint: URL/query and URL/update (the Oxigraph server's layout)."""

    batch_size = 100  # cases per SPARQL Update request (one transaction each)

    def __init__(self, url: str) -> None:
        self.location = url.rstrip("/")
        self.query_url = self.location + "/query"
        self.update_url = self.location + "/update"

    def _post(self, url: str, body: bytes, content_type: str, accept: str, what: str) -> bytes:
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=_QUERY_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            message = " ".join(err.read().decode("utf-8", "replace").split())[:300]
            raise StoreError(self.location, what, f"the store answered {err.code}: {message}") from err
        except urllib.error.URLError as err:
            raise StoreError(self.location, "store", f"cannot reach the SPARQL endpoint ({err.reason})") from err
        except (ConnectionError, TimeoutError, OSError) as err:
            reason = getattr(err, "strerror", None) or err.__class__.__name__
            raise StoreError(self.location, "store", f"the connection to the SPARQL endpoint failed ({reason})") from err

    def query(self, sparql: str):
        import pyoxigraph as ox

        data = self._post(
            self.query_url,
            sparql.encode("utf-8"),
            "application/sparql-query",
            "application/sparql-results+json, application/n-triples;q=0.9",
            "query",
        )
        if data.lstrip().startswith(b"{"):
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)

    def update(self, sparql: str) -> None:
        if sparql.strip():
            self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*", "update")

    def load_cases(self, cases: Iterable[tuple[str, str, str, list]]) -> int:
        """One SPARQL Update per batch of cases: each batch is one transaction on the server."""
        batch, count = [], 0
        for case in cases:
            batch.append(case)
            if len(batch) >= self.batch_size:
                self.replace_cases(batch)
                count, batch = count + len(batch), []
        if batch:
            self.replace_cases(batch)
            count += len(batch)
        return count

    def replace_cases(self, cases: Sequence[tuple[str, str, str, list]]) -> None:
        """One SPARQL Update: drop the old versions, insert the new ones and their index."""
        graphs = [g for g, *_ in cases]
        drops = self._drop_update(graphs + [g.replace(f"{CORPUS}case/", f"{CORPUS}conclusions/", 1) for g in graphs])
        blocks = [
            f"GRAPH <{g}> {{\n" + "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples) + "}"
            for g, _, _, triples in cases
        ]
        index = f"GRAPH <{INDEX}> {{\n{_index_lines((g, cid, src) for g, cid, src, _ in cases)}}}"
        self.update(f"{drops} ;\nINSERT DATA {{\n" + "\n".join(blocks) + f"\n{index}\n}}")

    def write(self, batch: Batch) -> None:
        drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in batch.drop)
        blocks = "\n".join(f"GRAPH <{g}> {{\n{text}}}" for g, text in batch.graphs if text)
        update = drops
        if blocks:
            update = (drops + " ;\n" if drops else "") + f"INSERT DATA {{\n{blocks}\n}}"
        self.update(update)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


class _ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte chunks, so a bulk load can stream from a generator."""

    def __init__(self, chunks) -> None:
        self.chunks, self.buffer, self.at = chunks, b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while self.at >= len(self.buffer):
            chunk = next(self.chunks, None)
            if chunk is None:
                return 0
            self.buffer, self.at = memoryview(chunk), 0
        n = min(len(target), len(self.buffer) - self.at)
        target[:n] = self.buffer[self.at : self.at + n]
        self.at += n
        return n


def is_url(ref: str | None) -> bool:
    """Whether a --store value names a SPARQL endpoint rather than a directory."""
    return ref is not None and ref.startswith(("http://", "https://"))


def open_store(ref: str | None, read_only: bool = False):
    """A store from a --store value: None (in memory), a directory path, or an endpoint URL."""
    if is_url(ref):
        store = RemoteStore(ref)
        store.query("ASK { }")  # fail now, in one line, if nothing answers there
        return store
    return LocalStore(ref, read_only=read_only)
