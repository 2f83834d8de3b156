"""Find and read the law and the cases: Turtle files -> rdflib graphs -> compiled doctrine and Case.

The ontology and bundled cases ship as package data. A compiled doctrine, and the verdict that a
case file passed the shapes, are cached under the user's cache directory keyed by the SHA-256 of
every input file, so a run does not re-parse and re-validate the law (LEXPATH_CACHE_DIR overrides
the place; a cache that cannot be written is simply not used).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, Namespace
from rdflib.plugins.parsers.notation3 import BadSyntax

from . import __version__
from .doctrine import Doctrine, Text, compile_doctrine, local_name
from .errors import CaseNotFoundError, DoctrineError, InputFileError, InvalidCaseError, TurtleError
from .frozen import FrozenMap
from .logic import Value
from .terms import LEX
from .timing import derive_timings

__all__ = [
    "Entity",
    "Fact",
    "Holding",
    "Source",
    "Passage",
    "Case",
    "read_case_graph",
    "data_dir",
    "bundled_cases",
    "bundled_doctrines",
    "resolve_case",
    "read_turtle",
    "doctrine_files",
    "load_doctrine",
    "doctrine_for",
    "parse_case",
    "load_case",
    "shape_problems",
    "members",
    "classes_of",
    "with_timings",
    "read_fact",
    "require_source_texts",
    "read_against",
]

ENTITY_ROOTS = (str(LEX.Actor), str(LEX.Artefact))
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF_PAGE = URIRef("http://xmlns.com/foaf/0.1/page")


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or artefact of a case, with every class it belongs to."""

    id: str
    iri: str
    label: Text
    classes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Fact:
    """What a case states about one base proposition for one entity (or ordered entities)."""

    id: str
    proposition: str
    about: tuple[str, ...]
    value: Value
    locator: str  # the keys of its passages, "; "-joined, as printed beside it
    tag: str
    open_to_change: bool
    date: str = ""  # ISO date of the event it states (lex:date), "" when undated
    derived_from: tuple[str, ...] = ()  # the dated facts a timing proposition was derived from
    passages: tuple[str, ...] = ()  # ids of the passages it rests on (lex:locator)
    contradicted_by: tuple[str, ...] = ()  # ids of passages that say otherwise (lex:contradictedBy)


@dataclass(frozen=True, slots=True)
class Holding:
    """The court's holding, or a variant's expected outcome, on one statement for some actors."""

    id: str
    statement: str
    about: tuple[str, ...]
    value: Value
    locator: str
    tag: str
    by_court: bool
    under: str = ""  # lex:underDoctrine of an expectation: the doctrine it is read under ("": the case's own)
    passages: tuple[str, ...] = ()  # ids of the passages it rests on (lex:locator)


@dataclass(frozen=True, slots=True)
class Source:
    """A document a case's facts come from: a judgment, a court's release, a report."""

    id: str
    title: Text
    publisher: Text
    date: str  # ISO date of publication, "" when not given
    address: str  # its web address (foaf:page), "" when not given
    official: bool  # a judgment or a court's own release


@dataclass(frozen=True, slots=True)
class Passage:
    """Where in a source a fact is found: the source's own words (a W3C Web Annotation text quote)."""

    id: str
    key: str  # the short locator printed beside a fact (rdfs:label), such as F4
    source: str  # Source.id
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Case:
    """One case file, read: metadata, entities, relations between them, facts and holdings."""

    id: str
    path: str
    iri: str
    title: Text
    court: Text
    number: str
    filed: str
    decided: str
    jurisdiction: str
    variant_of: str
    changes: Text
    entities: FrozenMap  # id -> Entity
    relations: frozenset[tuple[str, str, str]]  # (subject id, property IRI, object id)
    facts: tuple[Fact, ...]
    holdings: tuple[Holding, ...]
    sources: FrozenMap = FrozenMap({})  # id -> Source
    passages: FrozenMap = FrozenMap({})  # id -> Passage
    appeal: Text = FrozenMap({})
    base_files: tuple[str, ...] = ()  # the files a variant inherits from, nearest first
    unread: tuple[Holding, ...] = ()  # holdings for this doctrine on conclusions it does not have


# -- files --------------------------------------------------------------------

def data_dir(name: str) -> Path:
    """The bundled folder `name` (ontology, cases): inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise CaseNotFoundError(here / name, name, "the bundled data is missing from the installation")


def bundled_cases() -> dict[str, Path]:
    """Bundled case ids -> their files."""
    return {p.stem: p for p in sorted(data_dir("cases").glob("*.ttl"))}


def resolve_case(ref: str) -> Path:
    """A bundled case id or a path -> the case file; an unknown id lists the known ones."""
    path = Path(ref)
    if path.suffix == ".ttl" or os.sep in ref or path.exists():
        if path.is_dir():
            raise InputFileError(ref, "path", "is a directory, not a case file")
        if not path.exists():
            raise CaseNotFoundError(ref, "path", "no such file")
        return path
    known = bundled_cases()
    if ref not in known:
        raise CaseNotFoundError(ref, "case", f"no bundled case has this id; known: {', '.join(known)}")
    return known[ref]


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError as err:
        raise InputFileError(path, "path", "is a directory, not a Turtle file") from err
    except FileNotFoundError as err:
        raise CaseNotFoundError(path, "path", "no such file") from err
    except OSError as err:
        raise InputFileError(path, "path", f"cannot be read ({err.strerror})") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputFileError(path, f"byte {err.start}", "not UTF-8 text") from err


def read_turtle(path: Path, into: Graph | None = None) -> Graph:
    """Parse one Turtle file; a syntax error names the file and line."""
    text = _read_text(path)
    graph = Graph() if into is None else into
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as err:
        raise TurtleError(path, f"line {err.lines + 1}", "not valid Turtle: " + _syntax_reason(err)) from err
    except (ValueError, TypeError, AssertionError) as err:  # rdflib's other parse failures (bad IRIs, literals,
        # and an assert on a string left open at the end of the file)
        raise TurtleError(path, "file", f"not valid Turtle: {str(err).splitlines()[0][:200]}") from err
    return graph


def read_case_graph(path: Path) -> tuple[Graph, tuple[Path, ...]]:
    """A case file's graph and the files it came from; a teaching variant is merged onto its base.

    A variant names its base case (lex:variantOf) and states only what it changes: it inherits the
    base's entities, facts, sources and passages (not its holdings or expectations, nor its case
    node), a fact of the variant replacing the base's fact on the same proposition about the same
    entities, and a fact it withdraws (lex:withdraws) left unstated. The base is the file `<id>.ttl` beside the variant, else the bundled case `<id>`,
    where `<id>` ends the base's IRI path (`…/case/<id>#case`).
    """
    return _read_case_graph(Path(path), ())


def _read_case_graph(path: Path, seen: tuple[Path, ...]) -> tuple[Graph, tuple[Path, ...]]:
    graph = read_turtle(path)
    heads = [s for s in graph.subjects(LEX.variantOf, None)]
    if len(heads) != 1:
        return graph, (path,)
    head = heads[0]
    base_iri = graph.value(head, LEX.variantOf)
    base_path = _base_file(path, head, base_iri)
    if base_path.resolve() in {p.resolve() for p in (path, *seen)}:
        raise InvalidCaseError(path, local_name(str(head)), f"its base case {base_iri} is itself, or a variant of it (a cycle of lex:variantOf)")
    base, files = _read_case_graph(base_path, (*seen, path))
    base_heads = [s for s in base.subjects(RDF.type, None) if (s, DCTERMS.identifier, None) in base and s == base_iri]
    if not base_heads:
        raise InvalidCaseError(path, local_name(str(head)), f"its base file {base_path} holds no case {base_iri}")
    return _merge(base, base_iri, graph, head, path), (path, *files)


def _base_file(path: Path, head, base_iri) -> Path:
    ident = str(base_iri).split("#")[0].rstrip("/").rsplit("/", 1)[-1]
    beside = path.parent / f"{ident}.ttl"
    if ident and beside.is_file():
        return beside
    bundled = bundled_cases()
    if ident in bundled:
        return bundled[ident]
    raise InvalidCaseError(path, local_name(str(head)), f"its base case {base_iri} is neither beside it ({ident}.ttl) nor a bundled case")


def _drop(graph: Graph, subject) -> None:
    """Remove a subject's statements and the RDF lists (lex:about) it owns."""
    for node in graph.objects(subject, LEX.about):
        if isinstance(node, BNode):
            Collection(graph, node).clear()
            graph.remove((node, None, None))
    graph.remove((subject, None, None))


def _merge(base: Graph, base_head, variant: Graph, head, path: Path) -> Graph:
    """The base graph without its case node, holdings, expectations and restated facts, plus the variant."""

    def key(graph: Graph, fact) -> tuple:
        return graph.value(fact, LEX.states), tuple(members(graph, graph.value(fact, LEX.about)))

    restated = {key(variant, f) for f in variant.subjects(RDF.type, LEX.Fact)}
    for field in (DCTERMS.source, LEX.jurisdiction, LEX.filed):  # what the variant does not say, it inherits
        if variant.value(head, field) is None:
            for o in base.objects(base_head, field):
                variant.add((head, field, o))
    base.remove((base_head, None, None))
    for kind in (LEX.Holding, LEX.Expectation):
        for h in list(base.subjects(RDF.type, kind)):
            _drop(base, h)
    withdrawn = set(variant.objects(head, LEX.withdraws))
    for f in withdrawn - set(base.subjects(RDF.type, LEX.Fact)):
        raise InvalidCaseError(path, local_name(str(head)), f"withdraws {f}, which is no fact of its base case")
    for f in list(base.subjects(RDF.type, LEX.Fact)):
        if key(base, f) in restated or f in withdrawn:
            _drop(base, f)
    ours = {local_name(str(s)): s for s in variant.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for s in set(base.subjects(RDF.type, None)):
        if isinstance(s, URIRef) and ours.get(local_name(str(s)), s) != s:
            raise InvalidCaseError(path, local_name(str(s)), f"its base case already has {s}: a variant names the base's entities by the base's IRIs and gives its own facts other names")
    return base + variant


def _syntax_reason(err: BadSyntax) -> str:
    return " ".join(str(err.message).split())[:160]


# -- the cache ------------------------------------------------------------------

def _cache_dir() -> Path:
    if os.environ.get("LEXPATH_CACHE_DIR"):
        return Path(os.environ["LEXPATH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lexpath"


def _digest(paths: Iterable[Path], salt: str = "") -> str:
    h = hashlib.sha256(f"{__version__}\0{salt}\0".encode())
    for p in paths:
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:40]


def _cache_get(name: str):
    try:
        return pickle.loads((_cache_dir() / name).read_bytes())
    except Exception:  # a missing, stale or unreadable cache entry is just a miss
        return None


def _cache_put(name: str, obj) -> None:
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            pickle.dump(obj, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / name)
    except Exception:  # the cache is an optimisation; failing to write it is not an error
        pass


# -- doctrines ---------------------------------------------------------------------

def _vocabulary_files() -> list[Path]:
    onto = data_dir("ontology")
    return [onto / "core.ttl", onto / "propositions.ttl"]


def bundled_doctrines() -> dict[str, Doctrine]:
    """Bundled doctrine id -> compiled doctrine (every ontology/doctrine*.ttl)."""
    found = {}
    for path in sorted(data_dir("ontology").glob("doctrine*.ttl")):
        doctrine = load_doctrine(path)
        found[doctrine.id] = doctrine
    return dict(sorted(found.items()))


def doctrine_files(path: Path) -> list[Path]:
    """The Turtle files of a doctrine: one file, or every *.ttl of a folder (recursively, sorted)."""
    path = Path(path)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*.ttl") if p.is_file())
        if not found:
            raise InputFileError(path, "folder", "holds no .ttl file: a doctrine folder holds the doctrine's Turtle files")
        return found
    if not path.is_file():
        raise CaseNotFoundError(path, "path", "no such doctrine file or folder")
    return [path]


_COMPILED: dict[tuple, Doctrine] = {}  # doctrines read in this process, by file, mtime and size


def load_doctrine(path: Path) -> Doctrine:
    """Compile the doctrine in path, a file or a folder (with the shared vocabulary), cached when unchanged."""
    own = doctrine_files(path)
    files = _vocabulary_files() + own
    for f in files:
        if not f.is_file():
            raise CaseNotFoundError(f, "path", "no such doctrine file")
    code = Path(__file__).resolve().parent / "doctrine.py"  # a changed compiler invalidates the cache
    stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in [code, *files])
    if stamp in _COMPILED:  # already read in this process
        return _COMPILED[stamp]
    key = f"doctrine-{_digest([code, *files])}.pickle"
    cached = _cache_get(key)
    if isinstance(cached, Doctrine):  # the same contents, perhaps read from another install: its paths are ours
        cached = replace(cached, files=tuple(str(f) for f in files))
        _COMPILED[stamp] = cached
        return cached
    graph = Graph()
    for f in files:
        read_turtle(f, into=graph)
    problems = _shacl(graph, Path(path))
    if problems:
        raise DoctrineError(path, problems[0][0], problems[0][1])
    doctrine = compile_doctrine(graph, tuple(str(f) for f in files))
    if Path(path).resolve().parent == data_dir("ontology").resolve():
        require_source_texts(graph, Path(path))
    _cache_put(key, doctrine)
    _COMPILED[stamp] = doctrine
    return doctrine


def require_source_texts(graph: Graph, path: Path) -> None:
    """A bundled doctrine quotes every article it holds: its official text and our translation, zh and en.

    A whole instrument (a source that others are dct:isPartOf) is named, not quoted.
    """
    for source in sorted(graph.subjects(RDF.type, LEX.LegalSource), key=str):
        if (None, DCTERMS.isPartOf, source) in graph:
            continue
        official = {o.language for o in graph.objects(source, LEX.officialText) if isinstance(o, Literal)}
        translated = {o.language for o in graph.objects(source, LEX.translation) if isinstance(o, Literal)}
        if len(official) != 1 or len(translated) != 1 or official | translated != {"zh", "en"}:
            raise DoctrineError(path, local_name(str(source)), "a bundled doctrine's legal source needs lex:officialText in its own language and lex:translation in the other (zh and en)")


def doctrine_for(ref: str | None, jurisdiction: str) -> Doctrine:
    """The doctrine named by ref (a bundled id, a file or a folder), else the bundled one of the jurisdiction."""
    known = bundled_doctrines()
    if ref is None:
        for doctrine in known.values():
            if doctrine.jurisdiction == jurisdiction:
                return doctrine
        raise CaseNotFoundError(jurisdiction, "jurisdiction", f"no bundled doctrine; known: {', '.join(known)}")
    if ref in known:
        return known[ref]
    path = Path(ref)
    if path.suffix != ".ttl" and not path.exists():
        raise CaseNotFoundError(ref, "doctrine", f"no bundled doctrine has this id; known: {', '.join(known)}")
    return load_doctrine(path)


# -- shapes --------------------------------------------------------------------------

def _shacl(data: Graph, file: Path) -> list[tuple[str, str]]:
    """SHACL problems of data (merged with what it needs of the vocabulary) as (subject, message)."""
    from pyshacl import validate as shacl_validate  # heavy: only when the cache misses

    shapes = read_turtle(data_dir("ontology") / "shapes.ttl")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    SH = "http://www.w3.org/ns/shacl#"
    problems = []
    for result in report.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = report.value(result, URIRef(SH + "focusNode"))
        message = report.value(result, URIRef(SH + "resultMessage"))
        problems.append((_name(focus), " ".join(str(message).split())))
    return sorted(problems)


def _name(node) -> str:
    return local_name(str(node)) if isinstance(node, URIRef) else "a blank node"


def shape_problems(files: Sequence[Path], graph: Graph) -> list[tuple[str, str]]:
    """SHACL problems of a case graph read from files (a variant and its bases), skipping pyshacl
    when these exact files passed before."""
    onto = data_dir("ontology")
    key = f"valid-{_digest([*files, onto / 'shapes.ttl', *_vocabulary_files()])}.pickle"
    if _cache_get(key) is True:
        return []
    merged = Graph()
    for f in _vocabulary_files():
        read_turtle(f, into=merged)
    merged += graph
    problems = _shacl(merged, files[0])
    if not problems:
        _cache_put(key, True)
    return problems


# -- cases -----------------------------------------------------------------------------

def _text(graph: Graph, subject, predicate) -> FrozenMap:
    return FrozenMap({o.language or "": str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)})


def members(graph: Graph, node) -> tuple:
    """The entities a lex:about names: one, or the members of an RDF list."""
    if isinstance(node, BNode) and (node, RDF.first, None) in graph:
        return tuple(Collection(graph, node))
    return (node,)


_VALUES = {LEX.established: Value.ESTABLISHED, LEX.refuted: Value.REFUTED, LEX.unknown: Value.UNKNOWN}


def parse_case(graph: Graph, path: Path, doctrine: Doctrine, base_files: tuple[str, ...] = ()) -> Case:
    """Read a case graph that passed the shapes and the structural checks into a Case."""
    heads = [s for s in graph.subjects(RDF.type, None) if classes_of(graph, s, doctrine) & {str(LEX.Case)}]
    head = heads[0]
    entities = {}
    for subject in set(graph.subjects(RDF.type, None)):
        classes = classes_of(graph, subject, doctrine)
        if isinstance(subject, URIRef) and classes & set(ENTITY_ROOTS):
            eid = local_name(str(subject))
            entities[eid] = Entity(eid, str(subject), _text(graph, subject, RDFS.label), frozenset(classes))
    iris = {e.iri: e.id for e in entities.values()}
    jurisdiction = str(graph.value(head, LEX.jurisdiction))
    relations = frozenset(
        (iris[str(s)], str(p), iris[str(o)])
        for s, p, o in graph
        if str(s) in iris and str(o) in iris and p != RDF.type
    )
    facts = tuple(sorted((read_fact(graph, f) for f in graph.subjects(RDF.type, LEX.Fact)), key=lambda fact: fact.id))
    filed = str(graph.value(head, LEX.filed) or "")
    facts = with_timings(facts, filed, doctrine)
    every = sorted(
        (
            Holding(
                id=local_name(str(h)),
                statement=str(graph.value(h, LEX.on)),
                about=tuple(iris.get(str(a), local_name(str(a))) for a in members(graph, graph.value(h, LEX.about))),
                value=_VALUES[graph.value(h, LEX.value)],
                locator=_keys(graph, graph.objects(h, LEX.locator)),
                tag=local_name(str(graph.value(h, LEX.tag))),
                by_court=kind == LEX.Holding,
                under=str(graph.value(h, LEX.underDoctrine) or ""),
                passages=_ids(graph.objects(h, LEX.locator)),
            )
            for kind in (LEX.Holding, LEX.Expectation)
            for h in graph.subjects(RDF.type, kind)
        ),
        key=lambda holding: holding.id,
    )
    holdings = tuple(h for h in every if applies_under(h.statement, h.by_court, h.under, doctrine, jurisdiction))
    unread = tuple(h for h in every if h.statement not in doctrine.statements and read_against(h.by_court, h.under, doctrine, jurisdiction))
    return Case(
        id=str(graph.value(head, DCTERMS.identifier)),
        path=str(path),
        iri=str(head),
        title=_text(graph, head, DCTERMS.title),
        court=_text(graph, head, LEX.court),
        number=str(graph.value(head, LEX.caseNumber) or ""),
        filed=str(graph.value(head, LEX.filed) or ""),
        decided=str(graph.value(head, LEX.decided) or ""),
        jurisdiction=jurisdiction,
        variant_of=str(graph.value(head, LEX.variantOf) or ""),
        changes=_text(graph, head, LEX.changes),
        entities=FrozenMap(entities),
        relations=relations,
        facts=facts,
        holdings=holdings,
        sources=FrozenMap({
            local_name(str(src)): Source(
                id=local_name(str(src)),
                title=_text(graph, src, DCTERMS.title),
                publisher=_text(graph, src, DCTERMS.publisher),
                date=str(graph.value(src, DCTERMS.date) or ""),
                address=str(graph.value(src, FOAF_PAGE) or ""),
                official=graph.value(src, LEX.official) == Literal(True),
            )
            for src in sorted(graph.subjects(RDF.type, LEX.Source))
        }),
        passages=FrozenMap({
            local_name(str(pas)): Passage(
                id=local_name(str(pas)),
                key=str(graph.value(pas, RDFS.label) or local_name(str(pas))),
                source=local_name(str(graph.value(pas, OA.hasSource))),
                exact=str(graph.value(selector, OA.exact) or ""),
                prefix=str(graph.value(selector, OA.prefix) or ""),
                suffix=str(graph.value(selector, OA.suffix) or ""),
            )
            for pas in sorted(graph.subjects(RDF.type, OA.SpecificResource))
            for selector in [graph.value(pas, OA.hasSelector)]
        }),
        appeal=_text(graph, head, LEX.appeal),
        base_files=base_files,
        unread=unread,
    )


def read_fact(graph: Graph, f) -> Fact:
    """The fact node f of a case graph; the loader and the validator read facts alike."""
    return Fact(
        id=local_name(str(f)),
        proposition=str(graph.value(f, LEX.states)),
        about=tuple(local_name(str(a)) for a in members(graph, graph.value(f, LEX.about))),
        value=_VALUES[graph.value(f, LEX.value)],
        locator=_keys(graph, graph.objects(f, LEX.locator)),
        tag=local_name(str(graph.value(f, LEX.tag))),
        open_to_change=graph.value(f, LEX.openToChange) != Literal(False),
        date=str(graph.value(f, LEX.date) or ""),
        passages=_ids(graph.objects(f, LEX.locator)),
        contradicted_by=_ids(graph.objects(f, LEX.contradictedBy)),
    )


def _ids(passages: Iterable) -> tuple[str, ...]:
    return tuple(sorted(local_name(str(p)) for p in passages))


def _keys(graph: Graph, passages: Iterable) -> str:
    """The passages' locator keys, as printed beside a fact: "F9; K1"."""
    return "; ".join(sorted(str(graph.value(p, RDFS.label) or local_name(str(p))) for p in passages))


def with_timings(facts: tuple[Fact, ...], filed: str, doctrine: Doctrine) -> tuple[Fact, ...]:
    """The facts, and a fact (tagged inferred) for each timing proposition their dates decide."""
    derived = derive_timings(facts, filed, doctrine)
    extra = tuple(
        Fact(
            id="dated-" + "-".join((local_name(d.proposition), *d.about)),
            proposition=d.proposition,
            about=d.about,
            value=d.value,
            locator=d.locator,
            tag="inferred",
            open_to_change=True,
            derived_from=d.sources,
            passages=tuple(sorted({p for f in facts if f.id in d.sources for p in f.passages})),
        )
        for d in derived
    )
    return tuple(sorted(facts + extra, key=lambda fact: fact.id))


def read_against(by_court: bool, under: str, doctrine: Doctrine, jurisdiction: str) -> bool:
    """Whether a holding is one this doctrine is read against: the court's own, or an expectation under it."""
    if not by_court and under:
        return under == doctrine.iri
    return doctrine.jurisdiction == jurisdiction


def applies_under(statement: str, by_court: bool, under: str, doctrine: Doctrine, jurisdiction: str) -> bool:
    """Whether a holding or expectation on statement is compared under this doctrine.

    A court's holding is compared only under a doctrine of the court's own jurisdiction; an
    expectation names the doctrine it is read under (lex:underDoctrine), else the case's own.
    """
    if statement not in doctrine.statements:
        return False
    return read_against(by_court, under, doctrine, jurisdiction)


def classes_of(graph: Graph, subject, doctrine: Doctrine) -> set[str]:
    """Every class of subject: its types and all their superclasses."""
    found: set[str] = set()
    for cls in graph.objects(subject, RDF.type):
        found |= doctrine.ancestors.get(str(cls), {str(cls)})
    return found


def load_case(ref: str, doctrine_ref: str | None = None) -> tuple[Case, Doctrine]:
    """A case id or path -> the validated Case and the doctrine to read it with.

    Raises InvalidCaseError with the first problem; `lexpath validate` lists them all.
    """
    from .validate import check_graph  # validate imports this module

    path = resolve_case(ref)
    graph, files = read_case_graph(path)
    problems, doctrine = check_graph(graph, files, doctrine_ref)
    if problems:
        more = f" (and {len(problems) - 1} more: run lexpath validate)" if len(problems) > 1 else ""
        first = problems[0]
        raise InvalidCaseError(first.file, first.subject, first.message + more)
    return parse_case(graph, path, doctrine, tuple(str(f) for f in files[1:])), doctrine
