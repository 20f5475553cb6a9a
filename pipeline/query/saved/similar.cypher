// The papers nearest to a paper by embedding, from the vector index paper_embedding.
// param paper: the paper's id ("2307.08691")
// param k: how many neighbours
//
// Cosine similarity of the papers' title+abstract embeddings, which
// `papergraph neo4j load` stores in Paper.embedding.
MATCH (paper:Paper {id: $paper})
CALL db.index.vector.queryNodes('paper_embedding', toInteger($k) + 1, paper.embedding)
YIELD node, score
WHERE node <> paper
RETURN node.id AS paper, node.title AS title, score
ORDER BY score DESC, paper
LIMIT toInteger($k)
