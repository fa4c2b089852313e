// title_sv: Vilka textstycken stöder en entitet och dess relationer?
// title_en: Which passages support an entity and its relations?
// description: Every evidence passage (document, character offsets, quote) of every relation into
// description: or out of the entity, and the documents that mention the entity (relation
// description: mentioned_in, without offsets).
// param: entity: id = org:region-vasterbotten
// column: relation: value
// column: direction: value
// column: other: value
// column: other_name: value
// column: document: value
// column: char_start: value
// column: char_end: value
// column: quote: value
MATCH (:Entity {id: $entity})-[r]->(o:Entity)
UNWIND range(0, size(coalesce(r.ev_quotes, [])) - 1) AS i
RETURN toLower(type(r)) AS relation, 'out' AS direction, o.id AS other,
       o.name AS other_name, r.ev_documents[i] AS document, r.ev_starts[i] AS char_start,
       r.ev_ends[i] AS char_end, r.ev_quotes[i] AS quote
UNION
MATCH (:Entity {id: $entity})<-[r]-(o:Entity)
UNWIND range(0, size(coalesce(r.ev_quotes, [])) - 1) AS i
RETURN toLower(type(r)) AS relation, 'in' AS direction, o.id AS other,
       o.name AS other_name, r.ev_documents[i] AS document, r.ev_starts[i] AS char_start,
       r.ev_ends[i] AS char_end, r.ev_quotes[i] AS quote
UNION
MATCH (d:Document)-[:MENTIONS]->(:Entity {id: $entity})
RETURN 'mentioned_in' AS relation, 'in' AS direction, null AS other, null AS other_name,
       d.id AS document, null AS char_start, null AS char_end, null AS quote
