// title_sv: Vem samverkar om ett tema i ett område?
// title_en: Who collaborates on a theme within an area?
// description: Organisations that share an arena or project (as lead, member or partner) with at
// description: least one other organisation, where the arena or project has the theme and reaches
// description: the area (located in or targeting one of its places, or with a participating
// description: organisation located there). Each row names the arenas/projects and partners that
// description: make the organisation count, and the passages behind its participation.
// param: theme: theme = energi
// param: area: area = inland
// column: organisation: value
// column: name: value
// column: items: set
// column: item_names: set
// column: partners: set
// column: partner_names: set
// column: sources: set
MATCH (:Theme {id: $theme})<-[:HAS_THEME]-(x)
WHERE x:Arena OR x:Project
WITH x, [(x)-[:LOCATED_IN|TARGETS_PLACE]->(pl) | pl.id] + [(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(:Organisation)-[:LOCATED_IN]->(pl2) | pl2.id] AS reach
WHERE any(place IN reach WHERE place IN $area)
MATCH (o:Organisation)-[r:MEMBER_OF|LEADS|PARTNER_IN]->(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(p:Organisation)
WHERE p <> o
WITH o, x, p, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH o, collect(DISTINCT x.id) AS items, collect(DISTINCT x.name) AS item_names,
     collect(DISTINCT p.id) AS partners, collect(DISTINCT p.name) AS partner_names,
     collect(src) AS srcs
RETURN o.id AS organisation, o.name AS name, items, item_names, partners, partner_names,
       reduce(acc = [], s IN srcs | acc + s) AS sources
ORDER BY name, organisation
