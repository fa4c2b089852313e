// title_sv: Kortaste samverkanskedjan mellan två organisationer
// title_en: Shortest collaboration chain between two organisations
// description: The shortest chains of shared arenas and projects (lead, member or partner links,
// description: in either direction) from one organisation to another, up to four links long
// description: (two shared arenas or projects with one organisation in between); every chain of
// description: the shortest length is returned, with node ids and names in order.
// param: from: id = org:umea-universitet
// param: to: id = org:lulea-tekniska-universitet
// column: path: path
// column: names: path
// column: length: value
MATCH p = (:Organisation {id: $from})-[:MEMBER_OF|LEADS|PARTNER_IN*1..4]-(:Organisation {id: $to})
WITH min(length(p)) AS best
MATCH p = (:Organisation {id: $from})-[:MEMBER_OF|LEADS|PARTNER_IN*1..4]-(:Organisation {id: $to})
WHERE length(p) = best
RETURN DISTINCT [n IN nodes(p) | n.id] AS path, [n IN nodes(p) | n.name] AS names,
       length(p) AS length
ORDER BY path
