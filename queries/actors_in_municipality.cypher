// title_sv: Vilka aktörer, samverkansytor och projekt finns i en kommun?
// title_en: Which organisations, arenas and projects are in a municipality?
// description: Organisations, arenas and projects located in the municipality (route located_in),
// description: targeting it (route targets_place), or arenas and projects with a participating
// description: organisation located there (route participant; through names that organisation).
// param: municipality: municipality = 2480
// column: entity: value
// column: name: value
// column: type: value
// column: route: value
// column: through: value
// column: sources: set
MATCH (e)-[r:LOCATED_IN]->(:Municipality {id: $municipality})
WHERE e:Organisation OR e:Arena OR e:Project
WITH e, null AS through, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH e, through, collect(src) AS srcs
RETURN e.id AS entity, e.name AS name, e.type AS type, 'located_in' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
UNION
MATCH (e)-[r:TARGETS_PLACE]->(:Municipality {id: $municipality})
WHERE e:Organisation OR e:Arena OR e:Project
WITH e, null AS through, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH e, through, collect(src) AS srcs
RETURN e.id AS entity, e.name AS name, e.type AS type, 'targets_place' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
UNION
MATCH (e)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(o:Organisation)-[r:LOCATED_IN]->(:Municipality {id: $municipality})
WHERE e:Arena OR e:Project
WITH e, o.id AS through, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH e, through, collect(src) AS srcs
RETURN e.id AS entity, e.name AS name, e.type AS type, 'participant' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
