// title_sv: Jämför två regioner inom ett tema
// title_en: Compare two regions within a theme
// description: For one theme, the arenas and projects that reach each of two areas (by default
// description: Norrbotten and Västerbotten) and the organisations that take part in them; region is
// description: the name of the area a row belongs to.
// param: theme: theme = energi
// param: a: area = norrbotten
// param: b: area = vasterbotten
// column: region: value
// column: item: value
// column: name: value
// column: type: value
// column: actors: set
// column: actor_names: set
MATCH (:Theme {id: $theme})<-[:HAS_THEME]-(x)
WHERE x:Arena OR x:Project
WITH x, [(x)-[:LOCATED_IN|TARGETS_PLACE]->(pl) | pl.id] + [(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(:Organisation)-[:LOCATED_IN]->(pl2) | pl2.id] AS reach
UNWIND [{region: $a_name, places: $a}, {region: $b_name, places: $b}] AS side
WITH x, side.region AS region, [place IN reach WHERE place IN side.places] AS hits
WHERE size(hits) > 0
RETURN region, x.id AS item, x.name AS name, x.type AS type,
       [(o:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(x) | o.id] AS actors,
       [(o2:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(x) | o2.name] AS actor_names
ORDER BY region, type, name
