// title_sv: Samverkansytor och projekt per tema
// title_en: Arenas and projects per theme
// description: Every theme with its arenas and projects and, for each, how many organisations
// description: lead it, are members or are partners (members).
// column: theme: value
// column: theme_name: value
// column: item: value
// column: item_name: value
// column: type: value
// column: members: value
MATCH (t:Theme)<-[:HAS_THEME]-(x)
WHERE x:Arena OR x:Project
OPTIONAL MATCH (o:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(x)
RETURN t.id AS theme, t.name AS theme_name, x.id AS item, x.name AS item_name,
       x.type AS type, count(DISTINCT o) AS members
ORDER BY theme_name, members DESC, item_name
