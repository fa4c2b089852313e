// title_sv: Vilka organisationer deltar i en samverkansyta eller ett projekt?
// title_en: Which organisations take part in an arena or project?
// description: The organisations that lead, are members of or are partners in an arena (or a
// description: project), with their role (leads, member, partner) and the passages that say so.
// param: arena: id = arena:hallbara-vasterbotten
// column: organisation: value
// column: name: value
// column: role: value
// column: sources: set
MATCH (o:Organisation)-[r:LEADS|MEMBER_OF|PARTNER_IN]->(:Entity {id: $arena})
WITH o, CASE type(r) WHEN 'LEADS' THEN 'leads' WHEN 'MEMBER_OF' THEN 'member' ELSE 'partner' END AS role, [i IN range(0, size(coalesce(r.ev_quotes, [])) - 1) | r.ev_documents[i] + ': ' + r.ev_quotes[i]] AS src
WITH o, role, collect(src) AS srcs
RETURN o.id AS organisation, o.name AS name, role,
       reduce(acc = [], s IN srcs | acc + s) AS sources
ORDER BY role, name
