// title_sv: Vilka projekt och samverkansytor bidrar till ett globalt mål?
// title_en: Which projects and arenas contribute to a Sustainable Development Goal?
// description: Arenas and projects that contribute to SDG N directly (route direct), through a
// description: strategic area they are part of (route strategic_area) or through a strategic area
// description: that shares one of their themes (route theme); through names that strategic area,
// description: and the sources are the passages linking the goal.
// param: goal: sdg = 7
// column: item: value
// column: name: value
// column: type: value
// column: route: value
// column: through: value
// column: sources: set
MATCH (x)-[c:CONTRIBUTES_TO]->(:SDG {id: $goal})
WHERE x:Arena OR x:Project
WITH x, null AS through, [i IN range(0, size(coalesce(c.ev_quotes, [])) - 1) | c.ev_documents[i] + ': ' + c.ev_quotes[i]] AS src
WITH x, through, collect(src) AS srcs
RETURN x.id AS item, x.name AS name, x.type AS type, 'direct' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
UNION
MATCH (x)-[:PART_OF]->(sa:StrategicArea)-[c:CONTRIBUTES_TO]->(:SDG {id: $goal})
WHERE x:Arena OR x:Project
WITH x, sa.id AS through, [i IN range(0, size(coalesce(c.ev_quotes, [])) - 1) | c.ev_documents[i] + ': ' + c.ev_quotes[i]] AS src
WITH x, through, collect(src) AS srcs
RETURN x.id AS item, x.name AS name, x.type AS type, 'strategic_area' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
UNION
MATCH (x)-[:HAS_THEME]->(:Theme)<-[:HAS_THEME]-(sa:StrategicArea)-[c:CONTRIBUTES_TO]->(:SDG {id: $goal})
WHERE x:Arena OR x:Project
WITH x, sa.id AS through, [i IN range(0, size(coalesce(c.ev_quotes, [])) - 1) | c.ev_documents[i] + ': ' + c.ev_quotes[i]] AS src
WITH x, through, collect(src) AS srcs
RETURN x.id AS item, x.name AS name, x.type AS type, 'theme' AS route, through,
       reduce(acc = [], s IN srcs | acc + s) AS sources
