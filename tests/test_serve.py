"""`papergraph serve`: a read-only SPARQL 1.1 Protocol endpoint, tested with a
real client (SPARQLWrapper) and with raw HTTP."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from pipeline.errors import GraphDirError
from pipeline.query.serve import Limits, SparqlServer

from .hand_graph import BUILDS_ON_FLASHATTENTION, hand_graph
from .test_store import build_folder

PREFIXES = "PREFIX pg: <https://w3id.org/papergraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
PAPERS = PREFIXES + "SELECT ?id WHERE { ?p a pg:Paper ; dcterms:identifier ?id } ORDER BY ?id"
BUILDS_ON = PREFIXES + """SELECT ?id WHERE {
  ?p (pg:buildsOn|pg:proposes/pg:buildsOn)/pg:buildsOn* <https://w3id.org/papergraph/method/flashattention> ;
     a pg:Paper ; dcterms:identifier ?id }"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LIMITS = Limits(timeout_s=3.0, max_request_bytes=4096, workers=2)


@pytest.fixture(scope="module")
def hand_dir(tmp_path_factory) -> Path:
    return build_folder(hand_graph(), tmp_path_factory.mktemp("serve") / "graph")


@pytest.fixture(scope="module")
def server(hand_dir):
    server = SparqlServer(hand_dir, "127.0.0.1", 0, LIMITS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def request(server, method: str, target: str, body: bytes | None = None, headers: dict | None = None):
    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read()
    finally:
        connection.close()


def get(server, query: str, accept: str | None = None, **params: str):
    target = "/sparql?" + urlencode({"query": query, **params})
    return request(server, "GET", target, headers={"Accept": accept} if accept else {})


# ------------------------------------------------------------- a real client


def test_serve_sparqlwrapper_get_json(server):
    client = SPARQLWrapper(server.url)
    client.setQuery(BUILDS_ON)
    client.setReturnFormat(JSON)
    results = client.query().convert()
    assert {b["id"]["value"] for b in results["results"]["bindings"]} == BUILDS_ON_FLASHATTENTION


@pytest.mark.parametrize("fmt", [XML, CSV])
def test_serve_sparqlwrapper_post(server, fmt):
    client = SPARQLWrapper(server.url)
    client.setMethod(POST)
    client.setQuery(PAPERS)
    client.setReturnFormat(fmt)
    converted = client.query().convert()
    if fmt == XML:
        ids = [node.firstChild.nodeValue for node in converted.getElementsByTagName("literal")]
    else:
        ids = converted.decode().split()[1:]
    assert ids == ["2205.14135", "2211.17192", "2307.08691", "2309.06180", "2407.08608"]


def test_serve_sparqlwrapper_construct_turtle(server):
    client = SPARQLWrapper(server.url)
    client.setQuery(PREFIXES + "CONSTRUCT { ?m pg:buildsOn ?x } WHERE { ?m a pg:Method ; pg:buildsOn ?x }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    base = "https://w3id.org/papergraph/method/"
    assert set(graph) == {
        (rdflib.URIRef(base + "flashattention-2"), rdflib.URIRef("https://w3id.org/papergraph/ontology#buildsOn"), rdflib.URIRef(base + "flashattention")),
        (rdflib.URIRef(base + "flashattention-3"), rdflib.URIRef("https://w3id.org/papergraph/ontology#buildsOn"), rdflib.URIRef(base + "flashattention-2")),
    }


def test_serve_sparqlwrapper_malformed_query(server):
    client = SPARQLWrapper(server.url)
    client.setQuery("SELECT ?x WHERE { ?x ?y }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="malformed query: error at 1:26"):
        client.query()



def test_serve_knows_the_query_prefixes(server):
    """pg: and dcterms: need no PREFIX lines, as with `papergraph query`; a query's own win."""
    status, _, body = get(server, PAPERS[len(PREFIXES):], "application/sparql-results+json")
    assert status == 200
    ids = [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert ids == ["2205.14135", "2211.17192", "2307.08691", "2309.06180", "2407.08608"]
    redeclared = "PREFIX pg: <http://example.org/not-papergraph#> SELECT ?p WHERE { ?p a pg:Paper }"
    status, _, body = get(server, redeclared, "application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


# ---------------------------------------------------------------- raw HTTP


def test_serve_post_forms_and_direct_queries(server):
    for body, content_type in [
        (urlencode({"query": PAPERS}).encode(), "application/x-www-form-urlencoded"),
        (PAPERS.encode(), "application/sparql-query"),
    ]:
        status, media, data = request(server, "POST", "/sparql", body, {"Content-Type": content_type})
        assert (status, media) == (200, "application/sparql-results+json")
        assert len(json.loads(data)["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    "accept, media",
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml;q=0.9, text/csv;q=0.5", "application/sparql-results+xml"),
        ("text/html, application/xhtml+xml, */*;q=0.8", "application/sparql-results+json"),
    ],
)
def test_serve_content_negotiation(server, accept, media):
    status, content_type, body = get(server, PAPERS, accept)
    assert (status, content_type) == (200, media)
    assert b"2307.08691" in body


def test_serve_ask_and_unacceptable_type(server):
    status, _, body = get(server, PREFIXES + "ASK { ?p pg:buildsOn ?x }")
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})
    status, _, body = get(server, PAPERS, "image/png")
    assert status == 406
    assert body.decode().startswith("none of the accepted types can be given; this answer comes as application/sparql-results+json")


def test_serve_malformed_query_is_400_with_the_parsers_message(server):
    status, content_type, body = get(server, "SELECT ?x WHERE { ?x ?y }")
    assert (status, content_type) == (400, "text/plain; charset=utf-8")
    assert body.decode() == "malformed query: error at 1:26: expected one of LATERAL, SERVICE, [_]\n"


@pytest.mark.parametrize(
    "method, target, body, headers",
    [
        ("POST", "/sparql", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}),
        ("POST", "/sparql", urlencode({"update": "DELETE WHERE { ?s ?p ?o }"}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
        ("GET", "/sparql?" + urlencode({"update": "CLEAR ALL"}), None, {}),
    ],
)
def test_serve_refuses_updates(server, method, target, body, headers):
    status, _, data = request(server, method, target, body, headers)
    assert (status, data) == (403, b"this endpoint is read-only: SPARQL updates are refused\n")
    status, _, data = get(server, PAPERS)
    assert status == 200 and len(json.loads(data)["results"]["bindings"]) == 5, "the graph is unchanged"


def test_serve_update_sent_as_a_query_does_not_parse(server):
    status, _, body = get(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400 and body.startswith(b"malformed query: ")


def test_serve_oversize_requests(server):
    big = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 5000
    status, _, body = request(server, "POST", "/sparql", big.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413
    assert body.decode().endswith("bytes, over the limit of 4096 bytes\n")
    status, _, _ = get(server, big)
    assert status == 414


@pytest.mark.parametrize(
    "method, target, body, headers, status",
    [
        ("GET", "/other", None, {}, 404),
        ("GET", "/sparql", None, {}, 400),
        ("DELETE", "/sparql", None, {}, 405),
        ("HEAD", "/sparql", None, {}, 405),
        ("POST", "/sparql", b"query=x", {"Content-Type": "text/plain"}, 415),
    ],
)
def test_serve_bad_requests(server, method, target, body, headers, status):
    assert request(server, method, target, body, headers)[0] == status


def test_serve_time_limit_stops_a_query_and_serves_on(server):
    status, _, body = get(server, SLOW)
    assert status == 503
    assert body == b"the query ran longer than the time limit of 3 s and was stopped\n"
    status, _, body = get(server, BUILDS_ON)
    assert status == 200
    assert {b["id"]["value"] for b in json.loads(body)["results"]["bindings"]} == BUILDS_ON_FLASHATTENTION


def test_serve_listens_on_loopback_by_default(hand_dir):
    server = SparqlServer(hand_dir, port=0, limits=Limits(workers=1))
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.url.startswith("http://127.0.0.1:")
    finally:
        server.server_close()


def test_serve_without_a_store(tmp_path):
    with pytest.raises(GraphDirError, match="no SPARQL store here"):
        SparqlServer(tmp_path, port=0)


def test_serve_cli_serves_until_interrupted(hand_dir):
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--graph", str(hand_dir), "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("serving http://127.0.0.1:") and first.rstrip().endswith("(read-only; Ctrl-C stops)")
        url = first.split()[1]
        client = SPARQLWrapper(url)
        client.setQuery(PAPERS)
        client.setReturnFormat(JSON)
        assert len(client.query().convert()["results"]["bindings"]) == 5
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "GET /sparql?" in stderr, "each request is logged to stderr"
