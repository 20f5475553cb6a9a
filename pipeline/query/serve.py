"""A read-only SPARQL 1.1 Protocol endpoint over a build's store.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=``, or the
query itself as ``application/sparql-query``), results as JSON, XML, CSV or TSV
(triples as Turtle, N-Triples, JSON-LD or RDF/XML) by content negotiation.
Queries may use the prefixes of ``papergraph query`` (pg:, skos:, dcterms:, ...)
without declaring them. Updates are refused (403), a malformed query gets 400
with the parser's message, a request over the size limit 413, a query over the
time limit 503.

Each query runs in a worker process with its own read-only handle on the
store: Oxigraph cannot interrupt a running query, but a process can be killed
when the time limit passes, and a fresh worker takes its place. The HTTP side
is the standard library's threading server; loopback is the default address.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ENDPOINT_PATH = "/sparql"

# (media type, format name of pipeline.query.store); the first is the default.
RESULT_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
)
GRAPH_TYPES = (
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
)
# The `format` / `output` parameter some clients send (SPARQLWrapper does).
_FORMAT_PARAMS = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv",
                  "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
                  "json-ld": "jsonld", "jsonld": "jsonld", "rdfxml": "rdfxml", "rdf+xml": "rdfxml"}

Reply = tuple[int, str, bytes]
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Limits:
    """What one request may cost.

    Attributes:
        timeout_s: seconds a query may run before it is stopped (503).
        max_request_bytes: the largest query string or request body (413/414).
        workers: queries that run at the same time (one process each).
    """

    timeout_s: float = 30.0
    max_request_bytes: int = 1 << 20
    workers: int = 2


# ------------------------------------------------------------ negotiation


def negotiate(accept: str | None, offers: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The offer the ``Accept`` header prefers; the first offer when any will do.

    The most specific media range that matches an offer gives its quality;
    among equal qualities the server's order decides.

    >>> negotiate("text/csv, application/json;q=0.5", RESULT_TYPES)
    ('text/csv', 'csv')
    >>> negotiate(None, RESULT_TYPES), negotiate("image/png", RESULT_TYPES)
    (('application/sparql-results+json', 'json'), None)
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer[0].split("/")[0]
        matches = [(m.count("*"), q) for m, q in ranges if m in (offer[0], f"{kind}/*", "*/*")]
        if not matches:
            continue
        quality = min(matches)[1]  # fewest wildcards: the most specific range
        if quality > best_q:
            best, best_q = offer, quality
    return best


# ---------------------------------------------------------------- queries


def answer(store: Any, request: dict[str, Any], prefixes: dict[str, str] | None = None) -> Reply:
    """Run one protocol request against an open store: status, content type, body.

    Args:
        store: a pyoxigraph store.
        request: ``query``, ``accept`` (the header), ``format`` (a format
            parameter or None), ``default_graph_uri`` and ``named_graph_uri``
            (lists of IRIs).
        prefixes: prefixes a query may use without declaring them (the ones
            ``papergraph query`` knows); a query's own PREFIX lines win.
    """
    import pyoxigraph as ox

    from .store import serialize_answer

    try:
        default_graph = [ox.NamedNode(i) for i in request.get("default_graph_uri") or ()] or None
        named_graphs = [ox.NamedNode(i) for i in request.get("named_graph_uri") or ()] or None
    except ValueError as exc:
        return 400, TEXT, f"bad graph IRI: {exc}\n".encode()
    try:
        result = store.query(
            request["query"], default_graph=default_graph, named_graphs=named_graphs, prefixes=prefixes
        )
    except SyntaxError as exc:
        return 400, TEXT, f"malformed query: {exc}\n".encode()
    except (RuntimeError, ValueError) as exc:
        return 400, TEXT, f"the query cannot run: {exc}\n".encode()
    offers = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
    wanted = _FORMAT_PARAMS.get((request.get("format") or "").lower())
    chosen = next((o for o in offers if o[1] == wanted), None) or negotiate(request.get("accept"), offers)
    if chosen is None:
        types = ", ".join(t for t, _ in offers)
        return 406, TEXT, f"none of the accepted types can be given; this answer comes as {types}\n".encode()
    media, fmt = chosen
    try:
        body = serialize_answer(result, fmt)
    except (RuntimeError, OSError) as exc:
        return 500, TEXT, f"the query failed: {exc}\n".encode()
    return 200, media, body


def _worker_main(store_path: str, prefixes: dict[str, str], conn: Any) -> None:
    """A worker process: open the store read-only, answer requests until told to stop."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send((500, TEXT, f"the store cannot be opened: {exc}\n".encode()))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        conn.send(answer(store, request, prefixes))


class _Worker:
    def __init__(self, context: Any, store_path: str, prefixes: dict[str, str]):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(store_path, prefixes, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2)
        self.conn.close()


class WorkerPool:
    """Worker processes, each with the store open; a stuck one is replaced."""

    def __init__(self, store_path: Path, size: int, prefixes: dict[str, str] | None = None):
        # spawn, not fork: the parent's threads and the store's native state
        # must not be copied into a child.
        self._context = multiprocessing.get_context("spawn")
        self._store_path = str(store_path)
        self._prefixes = dict(prefixes or {})
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self._store_path, self._prefixes)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        self._idle.put(self._start())

    def run(self, request: dict[str, Any], timeout_s: float) -> Reply:
        """Answer a request in a worker; 503 when it runs over ``timeout_s``."""
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            return 503, TEXT, f"every worker stayed busy for {timeout_s:g} s; try again later\n".encode()
        try:
            worker.conn.send(request)
            if worker.conn.poll(timeout_s):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            return 500, TEXT, b"the query worker stopped unexpectedly\n"
        self._replace(worker)
        return 503, TEXT, f"the query ran longer than the time limit of {timeout_s:g} s and was stopped\n".encode()

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


# ------------------------------------------------------------------- HTTP


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: HTTP threads in front of a :class:`WorkerPool`."""

    daemon_threads = True

    def __init__(
        self,
        graph_dir: Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        limits: Limits = Limits(),
        log: Callable[[str], None] | None = None,
    ):
        from .store import open_store, query_prefixes, store_path

        open_store(graph_dir)  # fails here, with a clear message, when there is no store
        self.limits = limits
        self.log = log
        super().__init__((host, port), _Handler)
        self.pool = WorkerPool(store_path(graph_dir), limits.workers, query_prefixes(graph_dir))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}{ENDPOINT_PATH}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "papergraph-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _reply(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":  # a HEAD answer has headers only
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._reply(status, TEXT, f"{message}\n".encode(), headers)

    def _refuse_method(self) -> None:
        self._error(405, f"{self.command} is not supported: send the query with GET or POST", {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = do_HEAD = _refuse_method

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            self._error(404, f"no such resource; the SPARQL endpoint is {ENDPOINT_PATH}")
            return
        if len(url.query) > self.server.limits.max_request_bytes:
            self._error(414, f"the query string is over the limit of {self.server.limits.max_request_bytes} bytes; "
                             "POST a shorter query")
            return
        self._dispatch(parse_qs(url.query, keep_blank_values=True))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        limit = self.server.limits.max_request_bytes
        length = self.headers.get("Content-Length")
        if url.path != ENDPOINT_PATH:
            self.close_connection = True
            self._error(404, f"no such resource; the SPARQL endpoint is {ENDPOINT_PATH}")
            return
        if length is None or not length.isdigit():
            self.close_connection = True
            self._error(411, "a POST needs a Content-Length")
            return
        if int(length) > limit or len(url.query) > limit:
            # The body is not read: close the connection rather than drain it.
            self.close_connection = True
            self._error(413, f"the request is {length} bytes, over the limit of {limit} bytes")
            return
        body = self.rfile.read(int(length))
        params = parse_qs(url.query, keep_blank_values=True)
        content_type = self.headers.get_content_type()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(400, "the request body is not UTF-8")
            return
        if content_type == "application/sparql-update":
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
            return
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-query":
            params.setdefault("query", []).append(text)
        else:
            self._error(415, f"a POST body must be application/x-www-form-urlencoded or "
                             f"application/sparql-query, not {content_type}")
            return
        self._dispatch(params)

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(403, "this endpoint is read-only: SPARQL updates are refused")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(400, "give exactly one 'query' parameter" if queries else "missing 'query' parameter")
            return
        fmt = next((params[k][0] for k in ("format", "output", "results") if k in params), None)
        request = {
            "query": queries[0],
            "accept": self.headers.get("Accept"),
            "format": fmt,
            "default_graph_uri": params.get("default-graph-uri", []),
            "named_graph_uri": params.get("named-graph-uri", []),
        }
        started = time.perf_counter()
        status, content_type, body = self.server.pool.run(request, self.server.limits.timeout_s)
        self._reply(status, content_type, body, {"X-Query-Seconds": f"{time.perf_counter() - started:.3f}"})
