// Papers that build on a method, directly or through a chain of BUILDS_ON (variable-length path).
// param name: the method's name or an alias (letter case, spaces and hyphens do not matter)
//
// The Cypher twin of builds_on.rq. A paper builds on X when it BUILDS_ON X,
// or BUILDS_ON something that builds on X (X-2 builds on X), or PROPOSES
// something that builds on X, through derived entity-to-entity BUILDS_ON edges
// of any length. A size or checkpoint of X (VARIANT_OF: "Llama-3-8B" of Llama 3)
// is a step toward X; proposing one is proposing X, not building on it.
// COMPARES_WITH is not building on. direct: the paper names X itself.
//
// Each paper's chain is chosen as `papergraph builds-on` chooses it: the
// shortest; then one whose first hop is BUILDS_ON rather than PROPOSES; then
// the surest. confidence is the product of its edges' confidences (each edge's
// is that of its best evidence), chain names what it goes through, evidence is
// the sentence of its first hop, and via lists every entity the paper links to
// on its way to X.
MATCH (target:Entity)
WHERE any(label IN [target.name] + coalesce(target.aliases, [])
          WHERE reduce(s = toLower(label), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, ''))
              = reduce(s = toLower($name), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, '')))
// Every entity with a BUILDS_ON path to the target, the target itself at length 0,
// and its surest shortest way there. Shortest paths are found without listing
// the longer ones, and at most 100 of them are weighed per entity, so a lineage
// braided into exponentially many equal ways stays cheap (`builds-on` weighs
// them all; the two agree wherever an entity has 100 shortest ways or fewer).
MATCH (target)<-[:BUILDS_ON|VARIANT_OF*0..]-(via:Entity)
WITH DISTINCT target, via
CALL (target, via) {
  MATCH way = allShortestPaths((via)-[:BUILDS_ON|VARIANT_OF*0..]->(target))
  WITH way LIMIT 100
  WITH way, reduce(c = 1.0, edge IN relationships(way) | c * coalesce(edge.confidence, 1.0)) AS sure
  ORDER BY sure DESC
  RETURN {way: way, sure: sure} AS surest
  LIMIT 1
}
MATCH (paper:Paper)-[first:BUILDS_ON|PROPOSES]->(via)
WHERE NOT (type(first) = 'PROPOSES' AND (via = target OR EXISTS { (via)-[:VARIANT_OF*1..]->(target) }))
WITH target, paper, via, first, surest.way AS way, coalesce(first.confidence, 1.0) * surest.sure AS confidence
ORDER BY length(way), type(first) <> 'BUILDS_ON', confidence DESC
WITH target, paper,
     collect(DISTINCT via.name) AS via,
     head(collect({way: way, confidence: confidence, sentence: first.sentence, builds: type(first) = 'BUILDS_ON'})) AS chosen
RETURN target.name AS method,
       paper.id AS id,
       paper.title AS title,
       chosen.builds AND length(chosen.way) = 0 AS direct,
       via,
       [node IN nodes(chosen.way) | node.name] AS chain,
       round(chosen.confidence, 3) AS confidence,
       chosen.sentence AS evidence
ORDER BY direct DESC, title
