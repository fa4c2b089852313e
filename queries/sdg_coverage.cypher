// title_sv: Vilka globala mål täcker varje prioritering och sakområde?
// title_en: Which SDGs does each priority and strategic area cover?
// description: Per priority and strategic area (a strategic area is listed under the priority it
// description: is part of), the Sustainable Development Goals it is linked to (contributes_to).
// column: priority: value
// column: priority_name: value
// column: strategic_area: value
// column: strategic_area_name: value
// column: sdgs: set
MATCH (sa:StrategicArea)-[:CONTRIBUTES_TO]->(g:SDG)
OPTIONAL MATCH (sa)-[:PART_OF]->(p:Priority)
RETURN p.id AS priority, p.name AS priority_name, sa.id AS strategic_area,
       sa.name AS strategic_area_name, collect(DISTINCT g.id) AS sdgs
UNION
MATCH (p:Priority)-[:CONTRIBUTES_TO]->(g:SDG)
RETURN p.id AS priority, p.name AS priority_name, null AS strategic_area,
       null AS strategic_area_name, collect(DISTINCT g.id) AS sdgs
