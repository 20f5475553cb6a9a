// Hardware a method was run or measured on, and the papers that say so.
// param name: the method's name or an alias (letter case, spaces and hyphens do not matter)
//
// The Cypher twin of method_hardware.rq. how: "runs on" (the derived RUNS_ON
// edge: the paper that proposes the method ran on the hardware), "result" (a
// result of a paper that proposes it names the hardware) or "baseline" (a
// result measured against it names the hardware).
MATCH (method:Entity)
WHERE any(label IN [method.name] + coalesce(method.aliases, [])
          WHERE reduce(s = toLower(label), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, ''))
              = reduce(s = toLower($name), c IN [' ', '\u00a0', '\t', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015'] | replace(s, c, '')))
CALL (method) {
  MATCH (method)-[runs:RUNS_ON]->(hardware:Hardware)
  UNWIND runs.derived_from AS paper
  RETURN hardware, 'runs on' AS how, paper, runs.sentence AS evidence
  UNION
  MATCH (proposer:Paper)-[:PROPOSES]->(method),
        (proposer)-[:REPORTS]->(result:Result)-[:ON_HARDWARE]->(hardware:Hardware)
  RETURN hardware, 'result' AS how, proposer.id AS paper, result.sentence AS evidence
  UNION
  MATCH (reporter:Paper)-[:REPORTS]->(result:Result)-[:VERSUS]->(method),
        (result)-[:ON_HARDWARE]->(hardware:Hardware)
  RETURN hardware, 'baseline' AS how, reporter.id AS paper, result.sentence AS evidence
}
WITH method, hardware, how, paper, evidence
ORDER BY paper
RETURN method.name AS method,
       hardware.name AS hardware,
       how,
       collect(DISTINCT paper) AS papers,
       head(collect(evidence)) AS evidence
ORDER BY hardware, how
