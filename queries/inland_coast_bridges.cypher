// title_sv: Vilka samverkansytor och projekt knyter ihop inland och kust?
// title_en: Which arenas and projects bridge the inland and the coast?
// description: Arenas and projects that reach places in both areas (by default inland and coast:
// description: located in or targeting a place, or with a participating organisation located
// description: there), with the places reached on each side and the organisations that broker them
// description: (every lead, member or partner).
// param: a: area = inland
// param: b: area = coast
// column: item: value
// column: name: value
// column: type: value
// column: a_places: set
// column: b_places: set
// column: brokers: set
// column: broker_names: set
MATCH (x)
WHERE x:Arena OR x:Project
WITH x, [(x)-[:LOCATED_IN|TARGETS_PLACE]->(pl) | pl.id] + [(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(:Organisation)-[:LOCATED_IN]->(pl2) | pl2.id] AS reach
WITH x, [place IN reach WHERE place IN $a] AS a_places, [place IN reach WHERE place IN $b] AS b_places
WHERE size(a_places) > 0 AND size(b_places) > 0
RETURN x.id AS item, x.name AS name, x.type AS type, a_places, b_places,
       [(br:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(x) | br.id] AS brokers,
       [(br2:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(x) | br2.name] AS broker_names
ORDER BY type, name
