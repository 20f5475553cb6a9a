// Papers that build on a method, directly or through a chain of BUILDS_ON (variable-length path).
// param name: the method's name or an alias (letter case, spaces and hyphens do not matter)
//
// The Cypher twin of builds_on.rq. A paper builds on X when it BUILDS_ON X,
// or BUILDS_ON something that builds on X (X-2 builds on X), or PROPOSES
// something that builds on X, through derived entity-to-entity BUILDS_ON edges
// of any length. COMPARES_WITH is not building on. direct: the paper names X itself.
MATCH (target:Entity)
WHERE any(label IN [target.name] + coalesce(target.aliases, [])
          WHERE reduce(s = toLower(label), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, ''))
              = reduce(s = toLower($name), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, '')))
// every entity with a BUILDS_ON path to the target, the target itself at length 0
MATCH (target)<-[:BUILDS_ON*0..]-(via:Entity)
WITH DISTINCT target, via
MATCH (paper:Paper)-[edge:BUILDS_ON|PROPOSES]->(via)
WHERE NOT (type(edge) = 'PROPOSES' AND via = target)
WITH target, paper,
     collect({name: via.name, direct: via = target, sentence: edge.sentence}) AS links
RETURN target.name AS method,
       paper.id AS id,
       paper.title AS title,
       any(link IN links WHERE link.direct) AS direct,
       [link IN links | link.name] AS via,
       head([link IN links WHERE link.direct | link.sentence] + [link IN links | link.sentence]) AS evidence
ORDER BY direct DESC, title
