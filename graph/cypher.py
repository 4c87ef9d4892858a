"""Every Cypher statement the Neo4j store runs, by name. Values always go in as $parameters;
labels and relationship types are spliced in only from the model's enums, and the only
number spliced in (a path's maximum length) is a checked int."""

from __future__ import annotations

from graph.model import ENDPOINTS, Label, RelType
from graph.store_results import ActivityBy

META = "SamspillMeta"
# Beside the graph (API keys, stories awaiting an editor): one node per document, never
# an Actor or Initiative, so no graph query sees them.
DOCUMENT = "SamspillDocument"
# The kept collaboration ties, one node per pair of actors sharing initiatives (a < b): nodes,
# not relationships, so no traversal, export or path ever meets them.
TIE = "SamspillTie"

# By name, so that opening a database that has them all changes nothing and takes no lock.
SCHEMA = (
    ("actor_id", "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE"),
    ("initiative_id", "CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (i:Initiative) REQUIRE i.id IS UNIQUE"),
    ("samspill_meta_key", f"CREATE CONSTRAINT samspill_meta_key IF NOT EXISTS FOR (m:{META}) REQUIRE m.key IS UNIQUE"),
    (
        "samspill_document",
        f"CREATE CONSTRAINT samspill_document IF NOT EXISTS FOR (d:{DOCUMENT}) REQUIRE (d.kind, d.key) IS UNIQUE",
    ),
    ("samspill_tie", f"CREATE CONSTRAINT samspill_tie IF NOT EXISTS FOR (t:{TIE}) REQUIRE (t.a, t.b) IS UNIQUE"),
    ("samspill_tie_a", f"CREATE INDEX samspill_tie_a IF NOT EXISTS FOR (t:{TIE}) ON (t.a)"),
    ("samspill_tie_b", f"CREATE INDEX samspill_tie_b IF NOT EXISTS FOR (t:{TIE}) ON (t.b)"),
    ("actor_name_key", "CREATE INDEX actor_name_key IF NOT EXISTS FOR (a:Actor) ON (a.name_key)"),
    ("actor_orgnr", "CREATE INDEX actor_orgnr IF NOT EXISTS FOR (a:Actor) ON (a.orgnr)"),
    ("actor_kind", "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)"),
    ("actor_county", "CREATE INDEX actor_county IF NOT EXISTS FOR (a:Actor) ON (a.county)"),
    ("actor_municipality", "CREATE INDEX actor_municipality IF NOT EXISTS FOR (a:Actor) ON (a.kommunenummer)"),
    ("initiative_kind", "CREATE INDEX initiative_kind IF NOT EXISTS FOR (i:Initiative) ON (i.kind)"),
    ("initiative_start", "CREATE INDEX initiative_start IF NOT EXISTS FOR (i:Initiative) ON (i.start_date)"),
    ("initiative_county", "CREATE INDEX initiative_county IF NOT EXISTS FOR (i:Initiative) ON (i.county)"),
    # No index on PARTICIPATED_IN.role: with one, MERGE (s)-[:PARTICIPATED_IN {role}]->(t) seeks
    # every relationship with that role and filters by the ends, O(n) per row (8,000 rows took
    # 57 s, 1 s without). Dropped here for databases an earlier version created.
    ("participation_role", "DROP INDEX participation_role IF EXISTS"),
    # Our own folded words, so the whitespace analyzer indexes exactly what both stores search.
    (
        "actor_search",
        (
            "CREATE FULLTEXT INDEX actor_search IF NOT EXISTS FOR (a:Actor) ON EACH [a.search_text] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
        ),
    ),
    (
        "initiative_search",
        (
            "CREATE FULLTEXT INDEX initiative_search IF NOT EXISTS FOR (i:Initiative) ON EACH [i.search_text] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
        ),
    ),
)
SCHEMA_NAMES = ("SHOW INDEXES YIELD name RETURN name", "SHOW CONSTRAINTS YIELD name RETURN name")
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

REVISION = f"MATCH (m:{META} {{key: 'revision'}}) RETURN m.value AS value"
BUMP_REVISION = f"MERGE (m:{META} {{key: 'revision'}}) ON CREATE SET m.value = 0 SET m.value = m.value + 1"

ADVANCE_REVISION = f"""
MERGE (m:{META} {{key: 'revision'}}) ON CREATE SET m.value = 0
SET m.value = CASE WHEN m.value > $past THEN m.value ELSE $past END + 1
RETURN m.value AS value
"""

PING = "RETURN 1 AS ok"

# Delete in slices so a large wipe never needs one huge transaction.
# Relationships first, a slice per transaction: a node's DETACH DELETE takes all of its
# relationships in one transaction, and a hub's hundred thousand exceed Neo4j's memory limit.
TIES_CLEAR_SLICE = f"MATCH (t:{TIE}) WITH t LIMIT $slice DELETE t RETURN count(*) AS n"
WIPE_SLICES = (
    "MATCH (:Actor|Initiative)-[r]->() WITH r LIMIT $slice DELETE r RETURN count(*) AS n",
    "MATCH (n) WHERE n:Actor OR n:Initiative WITH n LIMIT $slice DETACH DELETE n RETURN count(*) AS n",
    TIES_CLEAR_SLICE,
)

_OUTCOME = """
WITH row, old, CASE WHEN old IS NULL THEN 'created' WHEN old.doc = row.props.doc THEN 'unchanged' ELSE 'updated' END AS outcome
"""
_ONLY_CHANGED = "FOREACH (_ IN CASE WHEN outcome <> 'unchanged' THEN [1] ELSE [] END |"


def _upsert_node(label: Label) -> str:
    return f"""
UNWIND $rows AS row
OPTIONAL MATCH (old:{label} {{id: row.id}})
{_OUTCOME}
{_ONLY_CHANGED} MERGE (n:{label} {{id: row.id}}) SET n = row.props)
RETURN outcome, count(*) AS n
"""


UPSERT_ACTORS = _upsert_node(Label.ACTOR)
UPSERT_INITIATIVES = _upsert_node(Label.INITIATIVE)

# One record holding the ids that are not there (usually none), not a record per id found:
# the driver's cost is per record, and a batch asks about thousands.
MISSING = {
    label: f"UNWIND $ids AS id OPTIONAL MATCH (n:{label} {{id: id}}) WITH id, n WHERE n IS NULL RETURN collect(id) AS ids"
    for label in Label
}


def _upsert_relationship(rel_type: RelType, source: Label, target: Label) -> str:
    key = " {role: row.role}" if rel_type == RelType.PARTICIPATED_IN else ""
    return f"""
UNWIND $rows AS row
MATCH (s:{source} {{id: row.source}})
MATCH (t:{target} {{id: row.target}})
OPTIONAL MATCH (s)-[old:{rel_type}{key}]->(t)
WITH row, s, t, old
{_OUTCOME.replace("WITH row, old,", "WITH row, s, t, old,")}
{_ONLY_CHANGED} MERGE (s)-[r:{rel_type}{key}]->(t) SET r = row.props)
RETURN outcome, count(*) AS n
"""


UPSERT_RELATIONSHIP = {
    (rel_type, source, target): _upsert_relationship(rel_type, source, target)
    for rel_type, pairs in ENDPOINTS.items()
    for source, target in pairs
}
DELETE_RELATIONSHIP = {
    (rel_type, source, target): f"""
MATCH (s:{source} {{id: $source}})-[r:{rel_type}]->(t:{target} {{id: $target}})
WHERE $role IS NULL OR r.role = $role
DELETE r RETURN count(*) AS n
"""
    for rel_type, pairs in ENDPOINTS.items()
    for source, target in pairs
}

GET = {label: f"MATCH (n:{label} {{id: $id}}) RETURN n.doc AS doc" for label in Label}
GET_MANY = {label: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, n.doc AS doc" for label in Label}
ACTORS_BY_ORGNR = "UNWIND $orgnrs AS o MATCH (a:Actor {orgnr: o}) RETURN o AS orgnr, a.doc AS doc ORDER BY a.id"
GET_RELATIONSHIPS = {
    (rel_type, source, target): f"""
UNWIND $rows AS row
MATCH (s:{source} {{id: row.source}})-[r:{rel_type}]->(t:{target} {{id: row.target}})
WHERE row.role IS NULL OR r.role = row.role
RETURN r.doc AS doc
"""
    for rel_type, pairs in ENDPOINTS.items()
    for source, target in pairs
}
DELETE = {label: f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n RETURN count(*) AS n" for label in Label}

RELATIONSHIPS_OF = {label: f"MATCH (n:{label} {{id: $id}})-[r]-() RETURN r.doc AS doc" for label in Label}

_ACTOR_FILTERS = """
    ($kind IS NULL OR a.kind = $kind)
    AND ($county IS NULL OR a.county = $county)
    AND ($municipality IS NULL OR a.kommunenummer = $municipality)
    AND ($after_key IS NULL OR a.name_key > $after_key OR (a.name_key = $after_key AND a.id > $after_id))
"""
_ACTOR_PAGE = "RETURN a.doc AS doc, a.name_key AS k, a.id AS id ORDER BY a.name_key, a.id LIMIT $limit"
FIND_ACTORS = f"MATCH (a:Actor) WHERE {_ACTOR_FILTERS} {_ACTOR_PAGE}"
SEARCH_ACTORS = f"""
CALL db.index.fulltext.queryNodes('actor_search', $match) YIELD node AS a
WHERE {_ACTOR_FILTERS} {_ACTOR_PAGE}
"""

_INITIATIVE_WINDOW = """
    ($since IS NULL OR coalesce(i.end_date, i.start_date) >= $since)
    AND ($until IS NULL OR i.start_date <= $until)
"""
_INITIATIVE_FILTERS = f"""
    ($kind IS NULL OR i.kind = $kind)
    AND ($theme IS NULL OR $theme IN i.theme_keys)
    AND ($open IS NULL OR i.is_open = $open)
    AND {_INITIATIVE_WINDOW}
"""
FIND_INITIATIVES = f"""
MATCH (i:Initiative)
WHERE {_INITIATIVE_FILTERS}
  AND ($county IS NULL OR i.county = $county)
WITH i, coalesce(i.start_date, '') AS s
WHERE $after_start IS NULL OR s > $after_start OR (s = $after_start AND i.id > $after_id)
RETURN i.doc AS doc, s, i.id AS id ORDER BY s, i.id LIMIT $limit
"""

SEARCH_INITIATIVES = f"""
CALL db.index.fulltext.queryNodes('initiative_search', $match) YIELD node AS i
WHERE {_INITIATIVE_FILTERS}
  AND ($county IS NULL OR i.county = $county)
WITH i, coalesce(i.start_date, '') AS s
WHERE $after_start IS NULL OR s > $after_start OR (s = $after_start AND i.id > $after_id)
RETURN i.doc AS doc, s, i.id AS id ORDER BY s, i.id LIMIT $limit
"""
# Initiatives stored before their titles were indexed, a page at a time.
UNINDEXED_TITLES = "MATCH (i:Initiative) WHERE i.search_text IS NULL RETURN i.id AS id, i.title AS title LIMIT $page"
INDEX_TITLES = "UNWIND $rows AS row MATCH (i:Initiative {id: row.id}) SET i.search_text = row.words"

EXACT_ACTORS = """
UNWIND $lookups AS l
CALL {
    WITH l MATCH (a:Actor {id: l.ref}) RETURN a, 'id' AS why
    UNION ALL WITH l MATCH (a:Actor {orgnr: l.orgnr}) RETURN a, 'orgnr' AS why
    UNION ALL WITH l MATCH (a:Actor {name_key: l.key}) RETURN a, 'name' AS why
}
RETURN l.n AS n, a.doc AS doc, why
"""
# Aliases through the full-text index (a phrase of the key's words), then the exact key.
ALIAS_ACTORS = """
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('actor_search', l.phrase) YIELD node AS a
WITH l, a WHERE l.key IN a.alias_keys
RETURN l.n AS n, a.doc AS doc, 'alias' AS why
"""

# Each initiative's participants are walked once: counted (n) and summed from the same list.
COLLABORATOR_WEIGHTS = f"""
MATCH (me:Actor {{id: $actor}})-[:PARTICIPATED_IN]->(i:Initiative)
WHERE {_INITIATIVE_WINDOW}
WITH DISTINCT me, i
MATCH (i)<-[:PARTICIPATED_IN]-(p:Actor)
WITH me, i, collect(DISTINCT p) AS taking_part
WITH me, taking_part, size(taking_part) AS n
UNWIND taking_part AS other
WITH other, n WHERE other <> me AND ($among IS NULL OR other.id IN $among)
// Summed per node, then named: a hub's 40,000 rows read 10,000 ids, not 40,000.
WITH other, sum(1.0 / (n - 1)) AS w, count(*) AS shared
RETURN other.id AS id, w, shared ORDER BY w DESC, id LIMIT $limit
"""
# The evidence for chosen collaborators ($among): the $evidence heaviest initiatives each
# shares with the actor (their weights and counts come from the query above).
COLLABORATORS_SHARED = f"""
MATCH (me:Actor {{id: $actor}})-[:PARTICIPATED_IN]->(i:Initiative)
WHERE {_INITIATIVE_WINDOW}
WITH DISTINCT me, i
MATCH (i)<-[r:PARTICIPATED_IN]-(other:Actor)
WHERE other <> me AND other.id IN $among
WITH i, other, collect(r.role) AS roles
WITH i, collect({{other: other, roles: roles}}) AS sharing
// Counted once per shared initiative, not once per collaborator sharing it.
CALL {{ WITH i MATCH (i)<-[:PARTICIPATED_IN]-(p:Actor) RETURN count(DISTINCT p) AS n }}
UNWIND sharing AS s
WITH s.other AS other, i, s.roles AS roles, n ORDER BY n, i.id
WITH other, collect({{i: i, roles: roles, n: n}})[..$evidence] AS shared
UNWIND shared AS e
RETURN other.id AS id, other.name AS name, other.kind AS kind, e.roles AS roles,
       e.i.id AS initiative, e.i.title AS title, e.i.kind AS initiative_kind,
       e.i.start_date AS start, e.i.end_date AS end, e.n AS n
"""
_LINK_WINDOW = """
    ($since IS NULL OR (l.start_date IS NOT NULL AND coalesce(l.end_date, '9999-12-31') >= $since))
    AND ($until IS NULL OR l.start_date <= $until)
"""
COLLABORATORS_PARTNERS = f"""
MATCH (me:Actor {{id: $actor}})-[l:PARTNER_OF]-(other:Actor)
WHERE {_LINK_WINDOW} AND ($among IS NULL OR other.id IN $among)
RETURN other.id AS id, other.name AS name, other.kind AS kind, l.start_date AS start, l.end_date AS end
"""

COUNT_COLLABORATORS = f"""
CALL {{
    MATCH (me:Actor {{id: $actor}})-[:PARTICIPATED_IN]->(i:Initiative)<-[:PARTICIPATED_IN]-(other:Actor)
    WHERE {_INITIATIVE_WINDOW} AND other <> me
    RETURN other
    UNION
    MATCH (me:Actor {{id: $actor}})-[l:PARTNER_OF]-(other:Actor)
    WHERE {_LINK_WINDOW}
    RETURN other
}}
RETURN count(DISTINCT other) AS n
"""

# Without a window the kept ties answer it: two index seeks, however many initiatives.
KEPT_COLLABORATOR_WEIGHTS = f"""
CALL {{
    MATCH (t:{TIE} {{a: $actor}}) RETURN t.b AS id, t.weight AS w, t.initiatives AS shared
    UNION ALL
    MATCH (t:{TIE} {{b: $actor}}) RETURN t.a AS id, t.weight AS w, t.initiatives AS shared
}}
WITH id, w, shared WHERE $among IS NULL OR id IN $among
RETURN id, w, shared ORDER BY w DESC, id LIMIT $limit
"""
KEPT_COUNT_COLLABORATORS = f"""
CALL {{
    MATCH (t:{TIE} {{a: $actor}}) RETURN t.b AS other
    UNION
    MATCH (t:{TIE} {{b: $actor}}) RETURN t.a AS other
    UNION
    MATCH (:Actor {{id: $actor}})-[:PARTNER_OF]-(o:Actor) RETURN o.id AS other
}}
RETURN count(other) AS n
"""

# Each initiative's distinct members (`ids`) as every pair a < b, with its 1/(n-1) as w: the
# one expansion that projections, kept ties and their check share.
_PAIRS = """WITH ids, size(ids) AS n WHERE n > 1
UNWIND range(0, n - 2) AS x
UNWIND range(x + 1, n - 1) AS y
WITH CASE WHEN ids[x] < ids[y] THEN ids[x] ELSE ids[y] END AS a,
     CASE WHEN ids[x] < ids[y] THEN ids[y] ELSE ids[x] END AS b, 1.0 / (n - 1) AS w"""

# Keeping the ties in the transactions that change who takes part. The pairs of the given
# initiatives' members give back (sign -1) or add (+1) their 1/(n-1) each; a write runs the
# first before it changes the members and the second after.
TIE_SHARES = f"""
UNWIND $initiatives AS iid
MATCH (i:Initiative {{id: iid}})<-[:PARTICIPATED_IN]-(p:Actor)
WITH i, collect(DISTINCT p.id) AS ids
{_PAIRS}
WITH a, b, sum(w) AS w, count(*) AS k
MERGE (t:{TIE} {{a: a, b: b}})
ON CREATE SET t.weight = 0.0, t.initiatives = 0
SET t.weight = t.weight + $sign * w, t.initiatives = t.initiatives + $sign * k
WITH t WHERE t.initiatives <= 0
DELETE t
RETURN count(*) AS ended
"""
# Write locks taken before members are read, so a concurrent write to the same initiatives
# (or actor) waits for this one to commit and then reads who takes part as it left them.
LOCK_INITIATIVES = "UNWIND $ids AS id MATCH (i:Initiative {id: id}) SET i.locked = true REMOVE i.locked"
LOCK_ACTOR = "MATCH (a:Actor {id: $id}) SET a.locked = true REMOVE a.locked"
# The initiatives a batch of participations ([[actor, initiative], ...]) brings a new member.
JOINED = """
UNWIND $pairs AS pair
MATCH (i:Initiative {id: pair[1]})
WHERE NOT EXISTS { MATCH (:Actor {id: pair[0]})-[:PARTICIPATED_IN]->(i) }
RETURN collect(DISTINCT i.id) AS ids
"""
# The initiatives an actor takes part in, and the one a deleted participation leaves (when it
# was the actor's last role there).
MEMBER_OF = "MATCH (:Actor {id: $id})-[:PARTICIPATED_IN]->(i:Initiative) RETURN collect(DISTINCT i.id) AS ids"
LEAVES = """
MATCH (:Actor {id: $source})-[r:PARTICIPATED_IN]->(i:Initiative {id: $target})
WITH i, count(r) AS roles, sum(CASE WHEN $role IS NULL OR r.role = $role THEN 1 ELSE 0 END) AS going
WHERE going > 0 AND going = roles
RETURN collect(i.id) AS ids
"""
# Whether a one-time job on the whole database (building the ties, indexing the titles of an
# earlier version's initiatives) is done: asked in a read, so an open that finds it done writes nothing.
DONE = f"OPTIONAL MATCH (m:{META} {{key: $key}}) RETURN coalesce(m.done, false) AS done"
MARK_DONE = f"MERGE (m:{META} {{key: $key}}) SET m.done = true"
# A rebuild goes through the initiatives a page at a time; where it has got to is kept on the
# meta node, whose write lock makes processes that open a store at once take turns.
TIES_REBUILT = f"""
MERGE (m:{META} {{key: 'ties'}}) ON CREATE SET m.after = null, m.done = false
SET m.locked = true REMOVE m.locked
RETURN m.after AS after, m.done AS done
"""
TIES_PAGE = "MATCH (i:Initiative) WHERE $after IS NULL OR i.id > $after RETURN i.id AS id ORDER BY id LIMIT $page"
TIES_PROGRESS = f"MATCH (m:{META} {{key: 'ties'}}) SET m.after = $after, m.done = $done"
TIES_RESET = f"MERGE (m:{META} {{key: 'ties'}}) SET m.after = null, m.done = false"

_END = "CASE WHEN {n}:Actor THEN 'Actor' ELSE 'Initiative' END"
EXPAND = {
    label: f"""
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})-[r]-()
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS t
RETURN type(r) AS type, r.role AS role,
       {_END.format(n="s")} AS s_label, s.id AS s_id, coalesce(s.name, s.title) AS s_name, s.kind AS s_kind,
       {_END.format(n="t")} AS t_label, t.id AS t_id, coalesce(t.name, t.title) AS t_name, t.kind AS t_kind
"""
    for label in Label
}
# Edges whose two ends are both among the given actors and initiatives.
EDGES_AMONG = f"""
CALL {{
    UNWIND $actors AS id
    MATCH (s:Actor {{id: id}})-[r]->(t)
    WHERE (t:Initiative AND t.id IN $initiatives) OR (t:Actor AND t.id IN $actors)
    RETURN r, s, t
  UNION ALL
    UNWIND $initiatives AS id
    MATCH (s:Initiative {{id: id}})-[r]->(t:Initiative)
    WHERE t.id IN $initiatives
    RETURN r, s, t
}}
RETURN type(r) AS type, r.role AS role,
       {_END.format(n="s")} AS s_label, s.id AS s_id, {_END.format(n="t")} AS t_label, t.id AS t_id
"""
DESCRIBE = {
    label: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, coalesce(n.name, n.title) AS name, n.kind AS kind"
    for label in Label
}


def shortest_path(max_hops: int) -> str:
    if not isinstance(max_hops, int) or not 1 <= max_hops <= 12:
        raise ValueError(f"max_hops must be an int from 1 to 12, got {max_hops!r}")
    return f"""
MATCH (a:Actor {{id: $source}}), (b:Actor {{id: $target}})
MATCH p = shortestPath((a)-[*..{max_hops:d}]-(b))
RETURN [n IN nodes(p) | {{label: {_END.format(n="n")}, id: n.id, name: coalesce(n.name, n.title), kind: n.kind}}] AS nodes,
       [r IN relationships(p) | {{type: type(r), role: r.role,
            s_label: {_END.format(n="startNode(r)")}, s_id: startNode(r).id,
            t_label: {_END.format(n="endNode(r)")}, t_id: endNode(r).id}}] AS edges
"""


_ACTIVITY_SELECTED = f"""
MATCH (i:Initiative)
WHERE {_INITIATIVE_FILTERS}
  AND ($county IS NULL OR i.county = $county
       OR EXISTS {{ MATCH (i)<-[:PARTICIPATED_IN]-(x:Actor) WHERE x.county = $county }})
  AND ($actors IS NULL OR EXISTS {{ MATCH (i)<-[:PARTICIPATED_IN]-(x:Actor) WHERE x.id IN $actors }})
"""
_ACTIVITY_KEY = {
    ActivityBy.KIND: "WITH i, i.kind AS key",
    ActivityBy.MONTH: "WITH i, substring(i.start_date, 0, 7) AS key",
    ActivityBy.YEAR: "WITH i, substring(i.start_date, 0, 4) AS key",
    ActivityBy.THEME: "UNWIND i.theme_keys AS key WITH i, key",
}
_ACTIVITY_PLACE = {ActivityBy.COUNTY: "county", ActivityBy.MUNICIPALITY: "kommunenummer"}
_ACTIVITY_RETURN = "RETURN key, count(DISTINCT i) AS initiatives, count(DISTINCT {actor}) AS actors ORDER BY key"


def activity_query(by: ActivityBy) -> str:
    if by in _ACTIVITY_PLACE:
        prop = _ACTIVITY_PLACE[by]
        return f"""{_ACTIVITY_SELECTED}
OPTIONAL MATCH (i)<-[:PARTICIPATED_IN]-(a:Actor)
WHERE $actors IS NULL OR a.id IN $actors
WITH i, collect(DISTINCT a) AS actors
UNWIND [{{key: i.{prop}, actor: null}}] + [x IN actors | {{key: x.{prop}, actor: x.id}}] AS row
WITH i, row.key AS key, row.actor AS actor
WHERE key IS NOT NULL
{_ACTIVITY_RETURN.format(actor="actor")}
"""
    return f"""{_ACTIVITY_SELECTED}
{_ACTIVITY_KEY[by]}
WHERE key IS NOT NULL
OPTIONAL MATCH (i)<-[:PARTICIPATED_IN]-(a:Actor)
WHERE $actors IS NULL OR a.id IN $actors
{_ACTIVITY_RETURN.format(actor="a")}
"""


PROJECTION_ACTORS = (
    "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.county AS county, a.kommunenummer AS kommunenummer"
)
# $groups is a list of [actor id, group] pairs.
GROUP_ACTIVITY = f"""
UNWIND $groups AS g
MATCH (:Actor {{id: g[0]}})-[:PARTICIPATED_IN]->(i:Initiative)
WHERE {_INITIATIVE_WINDOW}
WITH DISTINCT g[1] AS grp, i
UNWIND [['initiatives', null]]
     + [k IN coalesce(i.theme_keys, []) | ['theme', k]]
     + CASE WHEN i.start_date IS NULL THEN [] ELSE [['year', substring(i.start_date, 0, 4)]] END AS row
RETURN grp, row[0] AS what, row[1] AS key, count(*) AS n
"""
# Our documents are compact JSON, where '"sources":[]' can only be the empty sources list (a
# quote inside a string value is escaped): $sourced keeps what cites at least one source.
_SOURCED = """(NOT $sourced OR NOT {alias}.doc CONTAINS '"sources":[]')"""
PROJECTION_TIES = f"""
MATCH (a:Actor)-[:PARTICIPATED_IN]->(i:Initiative)
WHERE {_INITIATIVE_FILTERS} AND {_SOURCED.format(alias="i")}
WITH i, collect(DISTINCT a.id) AS ids
{_PAIRS}
RETURN a, b, sum(w) AS weight, count(*) AS initiatives
"""
# One record per lower end, its ties as three lists in one order (one aggregation fills them
# row by row): the driver decodes a few thousand lists far faster than 700,000 records.
KEPT_TIES = f"""
MATCH (t:{TIE})
RETURN t.a AS a, collect(t.b) AS b, collect(t.weight) AS weight, collect(t.initiatives) AS initiatives
"""
PROJECTION_PARTNERS = f"""
MATCH (a:Actor)-[l:PARTNER_OF]->(b:Actor)
WHERE {_LINK_WINDOW} AND {_SOURCED.format(alias="l")}
RETURN a.id AS a, b.id AS b
"""

COUNT = {label: f"MATCH (n:{label}) RETURN count(n) AS n" for label in Label}
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n"

# Export pages through nodes by id; each page brings the relationships its nodes start.
EXPORT_PAGE = {
    label: f"""
MATCH (n:{label}) WHERE $after IS NULL OR n.id > $after
WITH n ORDER BY n.id LIMIT $page
OPTIONAL MATCH (n)-[r]->(m)
// Each node's relationships in the order the embedded store exports them, so an export is the
// same whichever store (or restore) it comes from.
WITH n, r, m ORDER BY n.id, type(r), m.id, r.role
RETURN n.id AS id, n.doc AS doc, collect(r.doc) AS rels ORDER BY id
"""
    for label in Label
}

# Keys are 'clusters:' + the variant, apart from the 'revision' key.
SAVE_CLUSTERS = f"MERGE (m:{META} {{key: 'clusters:' + $key}}) SET m.doc = $doc"
LOAD_CLUSTERS = f"MATCH (m:{META} {{key: 'clusters:' + $key}}) RETURN m.doc AS doc"
WIPE_CLUSTERS = f"MATCH (m:{META}) WHERE m.key STARTS WITH 'clusters:' DELETE m"
# Written back in slices, so a large graph is not one transaction.
CLEAR_CLUSTER_SLICE = "MATCH (a:Actor) WHERE a.cluster IS NOT NULL WITH a LIMIT $slice REMOVE a.cluster RETURN count(*) AS n"
SET_CLUSTERS = "UNWIND $rows AS row MATCH (a:Actor {id: row.id}) SET a.cluster = row.cluster"

PUT_DOCUMENT = f"MERGE (d:{DOCUMENT} {{kind: $kind, key: $key}}) SET d.doc = $doc"
ADD_DOCUMENT = f"""
MERGE (d:{DOCUMENT} {{kind: $kind, key: $key}})
ON CREATE SET d.doc = $doc, d.created = true
WITH d, coalesce(d.created, false) AS created
REMOVE d.created
RETURN created
"""
GET_DOCUMENT = f"MATCH (d:{DOCUMENT} {{kind: $kind, key: $key}}) RETURN d.doc AS doc"
# Setting a property takes the node's write lock before the document is read.
LOCK_DOCUMENT = f"MATCH (d:{DOCUMENT} {{kind: $kind, key: $key}}) SET d.locked = true REMOVE d.locked RETURN d.doc AS doc"
DOCUMENTS = f"MATCH (d:{DOCUMENT} {{kind: $kind}}) RETURN d.doc AS doc ORDER BY d.key"
WIPE_DOCUMENTS = f"MATCH (d:{DOCUMENT}) WHERE d.kind <> 'api_key' DELETE d"


# What `check` asks: (name, query returning `detail` per finding, at most $most).
CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name"
EXPECTED_CONSTRAINTS = ("actor_id", "initiative_id", "samspill_meta_key", "samspill_document", "samspill_tie")


def _ends_allowed(rel_type: RelType) -> str:
    return " OR ".join(f"(s:{source} AND t:{target})" for source, target in ENDPOINTS[rel_type])


CHECKS = (
    *(
        (
            f"{label} ids",
            f"""
MATCH (n:{label}) WITH n.id AS id, count(*) AS copies WHERE copies > 1
RETURN '{label} ' + coalesce(id, '(no id)') + ': ' + toString(copies) + ' nodes' AS detail LIMIT $most
""",
        )
        for label in Label
    ),
    *(
        (
            f"{label} documents",
            f"""
MATCH (n:{label}) WHERE n.id IS NULL OR n.doc IS NULL
RETURN '{label} ' + coalesce(n.id, elementId(n)) + ': no ' + CASE WHEN n.id IS NULL THEN 'id' ELSE 'document' END AS detail
LIMIT $most
""",
        )
        for label in Label
    ),
    (
        "labels",
        """
MATCH (n:Actor:Initiative) RETURN 'node ' + coalesce(n.id, elementId(n)) + ': both an Actor and an Initiative' AS detail LIMIT $most
""",
    ),
    *(
        (
            f"{rel_type} ends",
            f"""
MATCH (s)-[r:{rel_type}]->(t) WHERE NOT ({_ends_allowed(rel_type)})
RETURN '{rel_type} from ' + coalesce(s.id, elementId(s)) + ' to ' + coalesce(t.id, elementId(t)) + ': ends of the wrong kind' AS detail
LIMIT $most
""",
        )
        for rel_type in RelType
    ),
    (
        "relationships",
        """
MATCH (s)-[r]->(t) WHERE (s:Actor OR s:Initiative) AND (NOT type(r) IN $types OR r.doc IS NULL)
RETURN type(r) + ' from ' + coalesce(s.id, elementId(s)) + ' to ' + coalesce(t.id, elementId(t)) + ': '
       + CASE WHEN type(r) IN $types THEN 'no document' ELSE 'not a Samspill relationship' END AS detail
LIMIT $most
""",
    ),
    (
        "ties",
        f"""
CALL {{
    MATCH (p:Actor)-[:PARTICIPATED_IN]->(i:Initiative)
    WITH i, collect(DISTINCT p.id) AS ids
    {_PAIRS}
    WITH a, b, sum(w) AS weight, count(*) AS shared
    OPTIONAL MATCH (t:{TIE} {{a: a, b: b}})
    WITH a, b, weight, shared, t WHERE t IS NULL OR t.initiatives <> shared OR abs(t.weight - weight) > 1e-9
    RETURN a, b, coalesce(t.initiatives, 0) AS kept, shared
  UNION ALL
    MATCH (t:{TIE})
    WHERE NOT EXISTS {{ MATCH (:Actor {{id: t.a}})-[:PARTICIPATED_IN]->(:Initiative)<-[:PARTICIPATED_IN]-(:Actor {{id: t.b}}) }}
    RETURN t.a AS a, t.b AS b, t.initiatives AS kept, 0 AS shared
}}
RETURN 'actors ' + a + ' and ' + b + ': ' + toString(kept) + ' shared initiatives kept, ' + toString(shared)
       + ' recomputed (or their weights differ)' AS detail
LIMIT $most
""",
    ),
    (
        "orphans",
        f"""
MATCH (n) WHERE NOT (n:Actor OR n:Initiative OR n:{META} OR n:{DOCUMENT} OR n:{TIE})
RETURN 'node ' + elementId(n) + ' (' + reduce(text = '', l IN labels(n) | text + ':' + l) + '): not part of Samspill' AS detail
LIMIT $most
""",
    ),
    (
        "revision",
        f"""
OPTIONAL MATCH (m:{META} {{key: 'revision'}}) WITH m WHERE m IS NULL RETURN 'the revision counter is missing' AS detail
""",
    ),
)
