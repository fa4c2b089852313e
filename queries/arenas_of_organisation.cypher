// title_sv: Vilka samverkansytor och projekt deltar en organisation i?
// title_en: Which arenas and projects does an organisation take part in?
// description: The arenas and projects an organisation leads, is a member of or is a partner in,
// description: with its role (leads, member, partner) and the passages that say so.
// param: org: id = org:region-vasterbotten
// column: item: value
// column: name: value
// column: type: value
// column: role: value
// column: sources: set
MATCH (:Organisation {id: $org})-[r:LEADS|MEMBER_OF|PARTNER_IN]->(x)
WHERE x:Arena OR x:Project
WITH x, CASE type(r) WHEN 'LEADS' THEN 'leads' WHEN 'MEMBER_OF' THEN 'member' ELSE 'partner' END AS role, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH x, role, collect(src) AS srcs
RETURN x.id AS item, x.name AS name, x.type AS type, role,
       reduce(acc = [], s IN srcs | acc + s) AS sources
ORDER BY type, name, role
