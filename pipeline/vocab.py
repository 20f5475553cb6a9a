"""The ontology's terms as code: a closed namespace checked against the Turtle file.

:class:`PG` lists every term ``ontology/papergraph.ttl`` declares, as rdflib's
own vocabularies do (``rdflib/namespace/_PROV.py``): a misspelt term fails when
the module that uses it is imported, not later as an empty query answer.
``tests/test_rdf.py`` checks that the two lists are the same.

The other namespaces the outputs use are here too, so every writer and query
names them the same way.
"""

from __future__ import annotations

from pathlib import Path

from rdflib.namespace import DC, DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/papergraph/ontology"


class PG(DefinedNamespace):
    """papergraph ontology (https://w3id.org/papergraph/ontology#)."""

    _NS = Namespace("https://w3id.org/papergraph/ontology#")
    _fail = True

    # Classes
    Paper: URIRef
    Entity: URIRef
    Method: URIRef
    Model: URIRef
    Dataset: URIRef
    Hardware: URIRef
    Metric: URIRef
    Result: URIRef
    Evidence: URIRef
    Assertion: URIRef
    Similarity: URIRef

    # Edges from papers (roles), and between papers
    proposes: URIRef
    uses: URIRef
    buildsOn: URIRef
    comparesWith: URIRef
    evaluatedOn: URIRef
    runsOn: URIRef
    reports: URIRef
    mentions: URIRef
    similarTo: URIRef

    # Entities
    nameKey: URIRef
    variantOf: URIRef

    # Results
    metric: URIRef
    value: URIRef
    fromValue: URIRef
    valueText: URIRef
    unitText: URIRef
    ucumCode: URIRef
    onDataset: URIRef
    onHardware: URIRef
    baseline: URIRef

    # Evidence
    evidence: URIRef
    sentence: URIRef
    span: URIRef
    sentenceStart: URIRef
    start: URIRef
    end: URIRef
    component: URIRef
    confidence: URIRef
    score: URIRef

    # Annotation properties of the vocabulary (ontology/vocabulary/)
    entityType: URIRef
    matchCase: URIRef
    successorOf: URIRef
    notAnEntity: URIRef
    commonWord: URIRef
    genericClass: URIRef
    namesakeDataset: URIRef
    numberFormat: URIRef
    memory: URIRef
    processorPart: URIRef
    titleLabel: URIRef
    measuredLabel: URIRef


CITO = Namespace("http://purl.org/spar/cito/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SHAPES = Namespace("https://w3id.org/papergraph/shapes#")

# Prefixes of the terms outputs use (instance prefixes depend on the base IRI).
PREFIXES: dict[str, str] = {
    "pg": str(PG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dc": str(DC),
    "schema": str(SDO),
    "prov": str(PROV),
    "cito": str(CITO),
    "qudt": str(QUDT),
    "unit": str(UNIT),
}

# Role of pipeline.records.ROLES (and "mentions") -> the edge property.
ROLE_PROPERTIES: dict[str, URIRef] = {
    "proposes": PG.proposes,
    "uses": PG.uses,
    "builds_on": PG.buildsOn,
    "compares_with": PG.comparesWith,
    "evaluated_on": PG.evaluatedOn,
    "runs_on": PG.runsOn,
    "reports": PG.reports,
    "mentions": PG.mentions,
}

# Entity type of pipeline.records.ENTITY_TYPES -> its class.
ENTITY_CLASSES: dict[str, URIRef] = {
    "Method": PG.Method,
    "Model": PG.Model,
    "Dataset": PG.Dataset,
    "Hardware": PG.Hardware,
    "Metric": PG.Metric,
}


def ontology_file(name: str = "papergraph.ttl") -> Path:
    """A file of ``ontology/``, in an installed package or in the source tree.

    An installed papergraph carries the folder as ``pipeline/ontology/``; a
    source checkout has it beside ``pipeline/``.
    """
    here = Path(__file__).resolve().parent
    installed = here / "ontology" / name
    return installed if installed.exists() else here.parent / "ontology" / name
