// title_sv: Kortaste samverkanskedjan mellan två organisationer
// title_en: Shortest collaboration chain between two organisations
// description: The shortest chains of shared arenas and projects between two organisations: an
// description: arena or project both take part in (lead, member or partner; length 2), else two
// description: arenas or projects joined by a third organisation that takes part in both
// description: (length 4). Every chain of the shortest length is returned, ids and names in order.
// param: from: id = org:umea-universitet
// param: to: id = org:lulea-tekniska-universitet
// column: path: path
// column: names: path
// column: length: value
MATCH (a:Organisation {id: $from})-[:MEMBER_OF|LEADS|PARTNER_IN]->(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(b:Organisation {id: $to})
WHERE a <> b AND (x:Arena OR x:Project)
RETURN DISTINCT [a.id, x.id, b.id] AS path, [a.name, x.name, b.name] AS names, 2 AS length
UNION
MATCH (a:Organisation {id: $from})-[:MEMBER_OF|LEADS|PARTNER_IN]->(x)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(m:Organisation)-[:MEMBER_OF|LEADS|PARTNER_IN]->(y)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(b:Organisation {id: $to})
WHERE a <> b AND m <> a AND m <> b AND x <> y
  AND (x:Arena OR x:Project) AND (y:Arena OR y:Project)
  AND NOT (a)-[:MEMBER_OF|LEADS|PARTNER_IN]->(:Arena)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(b)
  AND NOT (a)-[:MEMBER_OF|LEADS|PARTNER_IN]->(:Project)<-[:MEMBER_OF|LEADS|PARTNER_IN]-(b)
RETURN DISTINCT [a.id, x.id, m.id, y.id, b.id] AS path,
       [a.name, x.name, m.name, y.name, b.name] AS names, 4 AS length
