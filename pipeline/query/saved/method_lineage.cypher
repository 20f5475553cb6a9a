// The lineage of a method: every BUILDS_ON edge between entities among what it builds on
// (ancestors) and what builds on it (descendants), with the papers each edge was derived from.
// param name: the method's name or an alias (letter case, spaces and hyphens do not matter)
//
// The Cypher twin of method_lineage.rq, with variable-length BUILDS_ON paths.
MATCH (method:Entity)
WHERE any(label IN [method.name] + coalesce(method.aliases, [])
          WHERE reduce(s = toLower(label), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, ''))
              = reduce(s = toLower($name), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, '')))
CALL (method) {
  MATCH (method)-[:BUILDS_ON*0..]->(from:Entity)-[edge:BUILDS_ON]->(to:Entity)
  RETURN 'ancestor' AS direction, from, to, edge
  UNION
  MATCH (from:Entity)-[edge:BUILDS_ON]->(to:Entity)-[:BUILDS_ON*0..]->(method)
  RETURN 'descendant' AS direction, from, to, edge
}
RETURN method.name AS method,
       direction,
       from.name AS from,
       to.name AS to,
       edge.derived_from AS papers,
       edge.sentence AS evidence
ORDER BY direction, from, to
