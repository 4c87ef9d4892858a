"""Every SQL statement the embedded store runs, by name. Values always go in as parameters;
the only text ever spliced in is chosen from the fixed tables below, keyed by enums."""

from __future__ import annotations

from graph.store_results import ActivityBy

SCHEMA_VERSION = 6

# Every pair of actors sharing initiatives, summed (a < b): what the maintained ties hold and
# what a rebuild or `db check` recomputes from the members.
_FRESH_TIES = """
SELECT x.actor_id AS a, y.actor_id AS b, sum(1.0 / (i.participants - 1)) AS weight, count(*) AS initiatives
FROM initiatives i
JOIN members x ON x.initiative_id = i.id
JOIN members y ON y.initiative_id = i.id AND y.actor_id > x.actor_id
WHERE i.participants > 1
GROUP BY x.actor_id, y.actor_id"""

# Each entry migrates from version (index) to version (index + 1).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO meta (key, value) VALUES ('revision', 0);

    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        orgnr TEXT,
        kommunenummer TEXT,
        county TEXT,
        doc TEXT NOT NULL
    );
    CREATE INDEX actors_by_name ON actors (name_key, id);
    CREATE INDEX actors_by_kind ON actors (kind, name_key, id);
    CREATE INDEX actors_by_county ON actors (county, name_key, id);
    CREATE INDEX actors_by_orgnr ON actors (orgnr);
    CREATE INDEX actors_by_municipality ON actors (kommunenummer);

    -- Folded name and alias keys, for exact look-ups that ignore case and accents.
    CREATE TABLE actor_keys (
        key TEXT NOT NULL,
        actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        is_alias INTEGER NOT NULL,
        PRIMARY KEY (key, actor_id)
    );
    CREATE INDEX actor_keys_by_actor ON actor_keys (actor_id);

    -- Full-text search over folded names, aliases and organisation numbers; rowid = actors.rowid.
    CREATE VIRTUAL TABLE actor_search USING fts5 (search_text, tokenize = 'unicode61');

    CREATE TABLE initiatives (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        kommunenummer TEXT,
        county TEXT,
        is_open INTEGER NOT NULL,
        doc TEXT NOT NULL
    );
    CREATE INDEX initiatives_by_kind ON initiatives (kind);
    CREATE INDEX initiatives_by_start ON initiatives (start_date);
    CREATE INDEX initiatives_by_county ON initiatives (county);

    CREATE TABLE initiative_themes (
        initiative_id TEXT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        theme_key TEXT NOT NULL,
        PRIMARY KEY (initiative_id, theme_key)
    );
    CREATE INDEX initiative_themes_by_theme ON initiative_themes (theme_key);

    CREATE TABLE participations (
        actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        initiative_id TEXT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        doc TEXT NOT NULL,
        PRIMARY KEY (actor_id, initiative_id, role)
    );
    CREATE INDEX participations_by_initiative ON participations (initiative_id, actor_id);

    CREATE TABLE actor_links (
        type TEXT NOT NULL,
        source TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        start_date TEXT,
        end_date TEXT,
        doc TEXT NOT NULL,
        PRIMARY KEY (source, type, target)
    );
    CREATE INDEX actor_links_by_target ON actor_links (target, type);

    CREATE TABLE initiative_links (
        type TEXT NOT NULL,
        source TEXT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
        start_date TEXT,
        end_date TEXT,
        doc TEXT NOT NULL,
        PRIMARY KEY (source, type, target)
    );
    CREATE INDEX initiative_links_by_target ON initiative_links (target, type);
    """,
    """
    -- The last clustering of each variant, so the next keeps its ids.
    CREATE TABLE clusterings (key TEXT PRIMARY KEY, doc TEXT NOT NULL);
    """,
    """
    -- What lives beside the graph: API keys (hashed), submitted stories awaiting an editor.
    CREATE TABLE documents (kind TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, key));
    """,
    """
    -- Who takes part in each initiative, once per actor whatever its roles, and how many they
    -- are: collaborator weights read these instead of counting every initiative's
    -- participations on each question (a municipality in 2,000 initiatives: 4x faster).
    -- Kept by the triggers below, so every write path (and cascade) keeps them exact.
    ALTER TABLE initiatives ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE members (
        initiative_id TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        roles TEXT NOT NULL,
        PRIMARY KEY (initiative_id, actor_id)
    ) WITHOUT ROWID;
    CREATE INDEX members_by_actor ON members (actor_id, initiative_id);
    INSERT INTO members (initiative_id, actor_id, roles)
        SELECT initiative_id, actor_id, group_concat(role, ',') FROM participations GROUP BY initiative_id, actor_id;
    UPDATE initiatives SET participants = (SELECT COUNT(*) FROM members m WHERE m.initiative_id = initiatives.id);

    CREATE TRIGGER participation_added AFTER INSERT ON participations BEGIN
        UPDATE initiatives SET participants = participants + 1 WHERE id = NEW.initiative_id
            AND NOT EXISTS (SELECT 1 FROM members WHERE initiative_id = NEW.initiative_id AND actor_id = NEW.actor_id);
        INSERT INTO members (initiative_id, actor_id, roles) VALUES (NEW.initiative_id, NEW.actor_id, NEW.role)
            ON CONFLICT (initiative_id, actor_id) DO UPDATE SET roles = roles || ',' || excluded.roles;
    END;

    CREATE TRIGGER participation_removed AFTER DELETE ON participations BEGIN
        DELETE FROM members WHERE initiative_id = OLD.initiative_id AND actor_id = OLD.actor_id
            AND NOT EXISTS (SELECT 1 FROM participations WHERE initiative_id = OLD.initiative_id AND actor_id = OLD.actor_id);
        UPDATE initiatives SET participants = participants - 1 WHERE id = OLD.initiative_id
            AND NOT EXISTS (SELECT 1 FROM members WHERE initiative_id = OLD.initiative_id AND actor_id = OLD.actor_id);
        UPDATE members SET roles = (SELECT group_concat(role, ',') FROM participations
                                    WHERE initiative_id = OLD.initiative_id AND actor_id = OLD.actor_id)
            WHERE initiative_id = OLD.initiative_id AND actor_id = OLD.actor_id;
    END;

    -- Nothing moves a participation to another actor, initiative or role (it is deleted and the
    -- new one added); refusing it keeps the two triggers above the only ones members need.
    CREATE TRIGGER participation_moved BEFORE UPDATE OF actor_id, initiative_id, role ON participations BEGIN
        SELECT RAISE(ABORT, 'a participation is not moved: delete it and add the new one');
    END;
    """,
    """
    -- A deleted actor's search entry goes with it, however it was deleted (earlier versions
    -- left it behind, and db check then reported it).
    CREATE TRIGGER actor_removed AFTER DELETE ON actors BEGIN
        DELETE FROM actor_search WHERE rowid = OLD.rowid;
    END;
    DELETE FROM actor_search WHERE rowid NOT IN (SELECT rowid FROM actors);
    """,
    """
    -- Collaboration ties kept, not recomputed per question: every pair of actors sharing
    -- initiatives (a < b), its weight (sum of 1/(n-1)) and how many initiatives it shares.
    -- The members triggers log who joined or left which initiative; each write transaction
    -- settles the log into ties before it commits (SETTLE_TIES), so ties never lag the members.
    CREATE TABLE ties (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        weight REAL NOT NULL,
        initiatives INTEGER NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX ties_by_b ON ties (b, a);
    CREATE INDEX ties_ended ON ties (a, b) WHERE initiatives = 0;
    CREATE TABLE member_changes (initiative_id TEXT NOT NULL, actor_id TEXT NOT NULL, delta INTEGER NOT NULL);
    CREATE INDEX member_changes_by_pair ON member_changes (initiative_id, actor_id);
    CREATE TRIGGER member_joined AFTER INSERT ON members BEGIN
        INSERT INTO member_changes VALUES (NEW.initiative_id, NEW.actor_id, 1);
    END;
    CREATE TRIGGER member_left AFTER DELETE ON members BEGIN
        INSERT INTO member_changes VALUES (OLD.initiative_id, OLD.actor_id, -1);
    END;
    INSERT INTO ties (a, b, weight, initiatives) """
    + _FRESH_TIES
    + """;

    -- Initiative titles searched as actor names are: their folded words, prefix-matched
    -- (suggestions read every title once per revision before: seconds on a funder's register).
    CREATE VIRTUAL TABLE initiative_search USING fts5 (search_text, tokenize = 'unicode61');
    INSERT INTO initiative_search (rowid, search_text) SELECT rowid, samspill_title_words(title) FROM initiatives;
    CREATE TRIGGER initiative_removed AFTER DELETE ON initiatives BEGIN
        DELETE FROM initiative_search WHERE rowid = OLD.rowid;
    END;
    """,
]

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    # Readers (one connection per API thread, up to 40) share the OS page cache; 16 MB each.
    "PRAGMA cache_size = -16384",
)
# The default page cache thrashes once a graph has a million relationships: every upsert then
# reads its index pages from disk. A connection that writes gets 128 MB.
WRITER_CACHE = "PRAGMA cache_size = -131072"

REVISION = "SELECT value FROM meta WHERE key = 'revision'"
BUMP_REVISION = "UPDATE meta SET value = value + 1 WHERE key = 'revision'"
SET_REVISION = "INSERT INTO meta (key, value) VALUES ('revision', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"

ACTOR_DOCS = "SELECT id, doc FROM actors WHERE id IN (SELECT value FROM json_each(?))"
ACTORS_BY_ORGNR = "SELECT orgnr, doc FROM actors WHERE orgnr IN (SELECT value FROM json_each(?)) ORDER BY id"
ACTOR_ROWIDS = "SELECT id, rowid FROM actors WHERE id IN (SELECT value FROM json_each(?))"
INSERT_ACTOR = """
INSERT INTO actors (id, name, name_key, kind, orgnr, kommunenummer, county, doc)
VALUES (:id, :name, :name_key, :kind, :orgnr, :kommunenummer, :county, :doc)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, name_key = excluded.name_key, kind = excluded.kind, orgnr = excluded.orgnr,
    kommunenummer = excluded.kommunenummer, county = excluded.county, doc = excluded.doc
"""
DELETE_ACTOR_KEYS = "DELETE FROM actor_keys WHERE actor_id = ?"
INSERT_ACTOR_KEY = "INSERT OR IGNORE INTO actor_keys (key, actor_id, is_alias) VALUES (?, ?, ?)"
DELETE_ACTOR_SEARCH = "DELETE FROM actor_search WHERE rowid = ?"
INSERT_ACTOR_SEARCH = "INSERT INTO actor_search (rowid, search_text) VALUES (?, ?)"
GET_ACTOR = "SELECT doc FROM actors WHERE id = ?"
DELETE_ACTOR = "DELETE FROM actors WHERE id = ?"

INITIATIVE_DOCS = "SELECT id, doc FROM initiatives WHERE id IN (SELECT value FROM json_each(?))"
INSERT_INITIATIVE = """
INSERT INTO initiatives (id, title, kind, start_date, end_date, kommunenummer, county, is_open, doc)
VALUES (:id, :title, :kind, :start_date, :end_date, :kommunenummer, :county, :is_open, :doc)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, kind = excluded.kind, start_date = excluded.start_date,
    end_date = excluded.end_date, kommunenummer = excluded.kommunenummer, county = excluded.county,
    is_open = excluded.is_open, doc = excluded.doc
"""
DELETE_THEMES = "DELETE FROM initiative_themes WHERE initiative_id = ?"
INSERT_THEME = "INSERT OR IGNORE INTO initiative_themes (initiative_id, theme_key) VALUES (?, ?)"
GET_INITIATIVE = "SELECT doc FROM initiatives WHERE id = ?"
DELETE_INITIATIVE = "DELETE FROM initiatives WHERE id = ?"

EXISTING_ACTORS = "SELECT id FROM actors WHERE id IN (SELECT value FROM json_each(?))"
EXISTING_INITIATIVES = "SELECT id FROM initiatives WHERE id IN (SELECT value FROM json_each(?))"

# Relationships live in three tables, one per pair of end labels.
# Stored docs of a batch of participations, given [[actor, initiative, role], ...] as JSON.
PARTICIPATION_DOCS = """
SELECT p.actor_id, p.initiative_id, p.role, p.doc FROM participations p
JOIN (SELECT json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS i, json_extract(value, '$[2]') AS r
      FROM json_each(?)) k ON p.actor_id = k.a AND p.initiative_id = k.i AND p.role = k.r
"""
UPSERT_PARTICIPATION = """
INSERT INTO participations (actor_id, initiative_id, role, start_date, end_date, doc)
VALUES (:source, :target, :role, :start_date, :end_date, :doc)
ON CONFLICT (actor_id, initiative_id, role) DO UPDATE SET
    start_date = excluded.start_date, end_date = excluded.end_date, doc = excluded.doc
"""
DELETE_PARTICIPATION = "DELETE FROM participations WHERE actor_id = ? AND initiative_id = ? AND role = ?"

LINK_TABLES = ("actor_links", "initiative_links")
UPSERT_LINK = {
    t: f"""
INSERT INTO {t} (type, source, target, start_date, end_date, doc)
VALUES (:type, :source, :target, :start_date, :end_date, :doc)
ON CONFLICT (source, type, target) DO UPDATE SET
    start_date = excluded.start_date, end_date = excluded.end_date, doc = excluded.doc
"""
    for t in LINK_TABLES
}
LINK_DOCS = {
    t: f"""
SELECT l.source, l.type, l.target, l.doc FROM {t} l
JOIN (SELECT json_extract(value, '$[0]') AS s, json_extract(value, '$[1]') AS ty, json_extract(value, '$[2]') AS t
      FROM json_each(?)) k ON l.source = k.s AND l.type = k.ty AND l.target = k.t
"""
    for t in LINK_TABLES
}
DELETE_LINK = {t: f"DELETE FROM {t} WHERE source = ? AND type = ? AND target = ?" for t in LINK_TABLES}

RELATIONSHIPS_OF_ACTOR = """
SELECT doc FROM participations WHERE actor_id = :id
UNION ALL SELECT doc FROM actor_links WHERE source = :id OR target = :id
"""
RELATIONSHIPS_OF_INITIATIVE = """
SELECT doc FROM participations WHERE initiative_id = :id
UNION ALL SELECT doc FROM initiative_links WHERE source = :id OR target = :id
"""

# Text search: every folded word of the query as a prefix, e.g. '"inno"* AND "nor"*'.
FIND_ACTORS = """
SELECT a.doc, a.name_key, a.id FROM actors a
WHERE (:match IS NULL OR a.rowid IN (SELECT rowid FROM actor_search WHERE actor_search MATCH :match))
  AND (:kind IS NULL OR a.kind = :kind)
  AND (:county IS NULL OR a.county = :county)
  AND (:municipality IS NULL OR a.kommunenummer = :municipality)
  AND (:after_key IS NULL OR (a.name_key, a.id) > (:after_key, :after_id))
ORDER BY a.name_key, a.id
LIMIT :limit
"""

_INITIATIVE_WINDOW = """
    (:since IS NULL OR COALESCE(i.end_date, i.start_date) >= :since)
    AND (:until IS NULL OR i.start_date <= :until)
"""
_INITIATIVE_FILTERS = f"""
    (:kind IS NULL OR i.kind = :kind)
    AND (:theme IS NULL OR EXISTS (
        SELECT 1 FROM initiative_themes t WHERE t.initiative_id = i.id AND t.theme_key = :theme))
    AND (:open IS NULL OR i.is_open = :open)
    AND {_INITIATIVE_WINDOW}
"""

INITIATIVE_ROWIDS = "SELECT id, rowid FROM initiatives WHERE id IN (SELECT value FROM json_each(?))"
DELETE_INITIATIVE_SEARCH = "DELETE FROM initiative_search WHERE rowid = ?"
INSERT_INITIATIVE_SEARCH = "INSERT INTO initiative_search (rowid, search_text) VALUES (?, ?)"

FIND_INITIATIVES = f"""
SELECT i.doc, COALESCE(i.start_date, ''), i.id FROM initiatives i
WHERE (:match IS NULL OR i.rowid IN (SELECT rowid FROM initiative_search WHERE initiative_search MATCH :match))
  AND {_INITIATIVE_FILTERS}
  AND (:county IS NULL OR i.county = :county)
  AND (:after_start IS NULL OR (COALESCE(i.start_date, ''), i.id) > (:after_start, :after_id))
ORDER BY COALESCE(i.start_date, ''), i.id
LIMIT :limit
"""

# Resolution: (doc, why) for every actor matching the id, the orgnr, or a folded name/alias.
EXACT_ACTORS = """
SELECT doc, 'id' FROM actors WHERE id = :ref
UNION ALL SELECT doc, 'orgnr' FROM actors WHERE :orgnr IS NOT NULL AND orgnr = :orgnr
UNION ALL SELECT a.doc, CASE k.is_alias WHEN 1 THEN 'alias' ELSE 'name' END
    FROM actor_keys k JOIN actors a ON a.id = k.actor_id WHERE k.key = :key
"""

# The heaviest collaborators by shared initiatives alone, summed here: a hub's answer then
# fetches evidence only for the few it shows, not for every co-participant it ever had.
COLLABORATOR_WEIGHTS = f"""
WITH mine AS MATERIALIZED (
    SELECT m.initiative_id AS id, i.participants AS n FROM members m JOIN initiatives i ON i.id = m.initiative_id
    WHERE m.actor_id = :actor AND i.participants > 1 AND {_INITIATIVE_WINDOW}
)
SELECT q.actor_id, SUM(1.0 / (mine.n - 1)) AS w, COUNT(*) FROM mine CROSS JOIN members q ON q.initiative_id = mine.id
WHERE q.actor_id <> :actor AND (:among IS NULL OR +q.actor_id IN (SELECT value FROM json_each(:among)))
GROUP BY q.actor_id ORDER BY w DESC, q.actor_id LIMIT :limit
"""

# The evidence for chosen collaborators (:among, never all of a hub's): the :evidence heaviest
# initiatives each shares with the actor (their weights and counts come from the query above).
COLLABORATORS_SHARED = f"""
WITH mine AS MATERIALIZED (
    SELECT m.initiative_id AS id, i.participants AS n FROM members m JOIN initiatives i ON i.id = m.initiative_id
    WHERE m.actor_id = :actor AND i.participants > 1 AND {_INITIATIVE_WINDOW}
), ranked AS (
    -- Each initiative's members read (a dozen, mostly), not each collaborator's initiatives
    -- (a hub's: thousands); `+` keeps SQLite from probing every (initiative, collaborator) pair.
    SELECT q.actor_id AS other, q.initiative_id, q.roles, mine.n,
           ROW_NUMBER() OVER (PARTITION BY q.actor_id ORDER BY mine.n, q.initiative_id) AS place
    FROM mine CROSS JOIN members q ON q.initiative_id = mine.id
    WHERE +q.actor_id IN (SELECT value FROM json_each(:among)) AND q.actor_id <> :actor
)
SELECT a.id, a.name, a.kind, r.roles, m.id, m.title, m.kind, m.start_date, m.end_date, r.n
FROM ranked r JOIN initiatives m ON m.id = r.initiative_id JOIN actors a ON a.id = r.other
WHERE r.place <= :evidence
"""

# Without a window the kept ties answer it: one index range, however many initiatives.
KEPT_COLLABORATOR_WEIGHTS = """
SELECT other, w, n FROM (
    SELECT b AS other, weight AS w, initiatives AS n FROM ties WHERE a = :actor
    UNION ALL SELECT a, weight, initiatives FROM ties WHERE b = :actor
) WHERE :among IS NULL OR other IN (SELECT value FROM json_each(:among))
ORDER BY w DESC, other LIMIT :limit
"""

# Partnerships run on with no end date; undated ones count only without a window.
_LINK_WINDOW = """
    (:since IS NULL OR (l.start_date IS NOT NULL AND COALESCE(l.end_date, '9999-12-31') >= :since))
    AND (:until IS NULL OR l.start_date <= :until)
"""
COLLABORATORS_PARTNERS = f"""
SELECT a.id, a.name, a.kind, l.start_date, l.end_date
FROM actor_links l
JOIN actors a ON a.id = CASE WHEN l.source = :actor THEN l.target ELSE l.source END
WHERE l.type = 'PARTNER_OF' AND (l.source = :actor OR l.target = :actor) AND {_LINK_WINDOW}
  AND (:among IS NULL OR a.id IN (SELECT value FROM json_each(:among)))
"""

COUNT_COLLABORATORS = f"""
WITH mine AS MATERIALIZED (
    SELECT m.initiative_id AS id FROM members m JOIN initiatives i ON i.id = m.initiative_id
    WHERE m.actor_id = :actor AND i.participants > 1 AND {_INITIATIVE_WINDOW}
)
SELECT COUNT(*) FROM (
    SELECT q.actor_id FROM mine CROSS JOIN members q ON q.initiative_id = mine.id WHERE q.actor_id <> :actor
    UNION
    SELECT CASE WHEN l.source = :actor THEN l.target ELSE l.source END FROM actor_links l
    WHERE l.type = 'PARTNER_OF' AND (l.source = :actor OR l.target = :actor) AND {_LINK_WINDOW}
)
"""

KEPT_COUNT_COLLABORATORS = """
SELECT COUNT(*) FROM (
    SELECT b FROM ties WHERE a = :actor
    UNION SELECT a FROM ties WHERE b = :actor
    UNION SELECT CASE WHEN l.source = :actor THEN l.target ELSE l.source END FROM actor_links l
    WHERE l.type = 'PARTNER_OF' AND (l.source = :actor OR l.target = :actor)
)
"""

# Settling the members log into the kept ties, before each write transaction commits. For each
# initiative whose members changed: its pairs as they were (the members now, less who joined,
# plus who left) give back 1/(n-1) each, its pairs as they are now add theirs.
HAS_MEMBER_CHANGES = "SELECT EXISTS (SELECT 1 FROM member_changes)"
SETTLE_TIES = (
    """
WITH net AS MATERIALIZED (
    SELECT initiative_id AS i, actor_id AS a, sum(delta) AS d FROM member_changes GROUP BY initiative_id, actor_id
), dirty AS MATERIALIZED (SELECT DISTINCT i FROM net WHERE d <> 0),
now AS MATERIALIZED (SELECT initiative_id AS i, actor_id AS a FROM members WHERE initiative_id IN (SELECT i FROM dirty)),
before AS MATERIALIZED (
    SELECT now.i, now.a FROM now LEFT JOIN net ON net.i = now.i AND net.a = now.a WHERE coalesce(net.d, 0) <= 0
    UNION ALL SELECT i, a FROM net WHERE d < 0
),
sizes AS MATERIALIZED (
    SELECT i, sum(was) AS was, sum(is_now) AS is_now FROM (
        SELECT i, 1 AS was, 0 AS is_now FROM before UNION ALL SELECT i, 0, 1 FROM now
    ) GROUP BY i
),
moves AS (
    SELECT x.a AS a, y.a AS b, -1.0 / (s.was - 1) AS w, -1 AS k
    FROM before x JOIN before y ON y.i = x.i AND y.a > x.a JOIN sizes s ON s.i = x.i
    UNION ALL
    SELECT x.a, y.a, 1.0 / (s.is_now - 1), 1
    FROM now x JOIN now y ON y.i = x.i AND y.a > x.a JOIN sizes s ON s.i = x.i
)
INSERT INTO ties (a, b, weight, initiatives)
SELECT a, b, sum(w), sum(k) FROM moves WHERE true GROUP BY a, b HAVING sum(k) <> 0 OR sum(w) <> 0
ON CONFLICT (a, b) DO UPDATE SET weight = weight + excluded.weight, initiatives = initiatives + excluded.initiatives
""",
    "DELETE FROM ties WHERE initiatives = 0",
    "DELETE FROM member_changes",
)
REBUILD_TIES = ("DELETE FROM member_changes", "DELETE FROM ties", f"INSERT INTO ties (a, b, weight, initiatives) {_FRESH_TIES}")

# Edges touching a set of nodes, as (type, source label, source, target label, target, role).
EDGES_OF_ACTORS = """
WITH ids(id) AS (SELECT value FROM json_each(:ids))
SELECT 'PARTICIPATED_IN', 'Actor', p.actor_id, 'Initiative', p.initiative_id, p.role
    FROM participations p WHERE p.actor_id IN ids
UNION ALL SELECT l.type, 'Actor', l.source, 'Actor', l.target, NULL FROM actor_links l WHERE l.source IN ids
UNION ALL SELECT l.type, 'Actor', l.source, 'Actor', l.target, NULL FROM actor_links l WHERE l.target IN ids
"""
EDGES_OF_INITIATIVES = """
WITH ids(id) AS (SELECT value FROM json_each(:ids))
SELECT 'PARTICIPATED_IN', 'Actor', p.actor_id, 'Initiative', p.initiative_id, p.role
    FROM participations p WHERE p.initiative_id IN ids
UNION ALL SELECT l.type, 'Initiative', l.source, 'Initiative', l.target, NULL
    FROM initiative_links l WHERE l.source IN ids
UNION ALL SELECT l.type, 'Initiative', l.source, 'Initiative', l.target, NULL
    FROM initiative_links l WHERE l.target IN ids
"""
# Edges whose two ends are both among the given actors and initiatives (the edges of a
# neighbourhood once its nodes are chosen; a hub's thousands of other edges stay in SQL).
EDGES_AMONG = """
WITH a(id) AS (SELECT value FROM json_each(:actors)), i(id) AS (SELECT value FROM json_each(:initiatives))
SELECT 'PARTICIPATED_IN', 'Actor', p.actor_id, 'Initiative', p.initiative_id, p.role
    FROM participations p WHERE p.actor_id IN a AND p.initiative_id IN i
UNION ALL SELECT l.type, 'Actor', l.source, 'Actor', l.target, NULL FROM actor_links l
    WHERE l.source IN a AND l.target IN a
UNION ALL SELECT l.type, 'Initiative', l.source, 'Initiative', l.target, NULL FROM initiative_links l
    WHERE l.source IN i AND l.target IN i
"""
DESCRIBE_ACTORS = "SELECT id, name, kind FROM actors WHERE id IN (SELECT value FROM json_each(?))"
DESCRIBE_INITIATIVES = "SELECT id, title, kind FROM initiatives WHERE id IN (SELECT value FROM json_each(?))"

PROJECTION_ACTORS = "SELECT id, name, kind, county, kommunenummer FROM actors"
# Our documents are compact JSON, where '"sources":[]' can only be the empty sources list (a
# quote inside a string value is escaped): :sourced keeps what cites at least one source.
_SOURCED = """(NOT :sourced OR instr({alias}.doc, '"sources":[]') = 0)"""
PROJECTION_TIES = f"""
SELECT x.actor_id, y.actor_id, sum(1.0 / (i.participants - 1)), count(*)
FROM initiatives i
JOIN members x ON x.initiative_id = i.id
JOIN members y ON y.initiative_id = i.id AND y.actor_id > x.actor_id
WHERE i.participants > 1 AND {_INITIATIVE_FILTERS} AND {_SOURCED.format(alias="i")}
GROUP BY x.actor_id, y.actor_id
"""
# The kept ties in the order of their key, as the table of every tie wants them.
KEPT_TIES = "SELECT a, b, weight, initiatives FROM ties ORDER BY a, b"
PROJECTION_PARTNERS = f"""
SELECT l.source, l.target FROM actor_links l
WHERE l.type = 'PARTNER_OF' AND {_LINK_WINDOW} AND {_SOURCED.format(alias="l")}
"""

# :groups is a JSON array of [actor id, group] pairs.
GROUP_ACTIVITY = f"""
WITH grouped AS (
    SELECT json_extract(value, '$[0]') AS actor_id, json_extract(value, '$[1]') AS grp FROM json_each(:groups)
), chosen AS MATERIALIZED (
    SELECT DISTINCT g.grp, i.id, i.start_date FROM grouped g
    JOIN participations p ON p.actor_id = g.actor_id
    JOIN initiatives i ON i.id = p.initiative_id
    WHERE {_INITIATIVE_WINDOW}
)
SELECT grp, 'initiatives', NULL, count(*) FROM chosen GROUP BY grp
UNION ALL SELECT grp, 'year', substr(start_date, 1, 4), count(*) FROM chosen
    WHERE start_date IS NOT NULL GROUP BY grp, substr(start_date, 1, 4)
UNION ALL SELECT c.grp, 'theme', t.theme_key, count(*) FROM chosen c
    JOIN initiative_themes t ON t.initiative_id = c.id GROUP BY c.grp, t.theme_key
"""

# Activity: (initiative, key, actor) rows, then counted per key. The initiative's own key
# counts it; a participant's key counts the participant (and, for places, the initiative).
_ACTIVITY_SELECTED = f"""
chosen AS (SELECT value AS id FROM json_each(COALESCE(:actors, '[]'))),
selected AS (
    SELECT i.* FROM initiatives i
    WHERE {_INITIATIVE_FILTERS}
      AND (:county IS NULL OR i.county = :county OR EXISTS (
          SELECT 1 FROM participations p JOIN actors a ON a.id = p.actor_id
          WHERE p.initiative_id = i.id AND a.county = :county))
      AND (:actors IS NULL OR EXISTS (
          SELECT 1 FROM members p WHERE p.initiative_id = i.id AND p.actor_id IN (SELECT id FROM chosen)))
),
counted AS (SELECT m.* FROM members m WHERE :actors IS NULL OR m.actor_id IN (SELECT id FROM chosen))"""
_ACTIVITY_KEYED = {
    ActivityBy.KIND: "SELECT s.id, s.kind AS key FROM selected s",
    ActivityBy.MONTH: "SELECT s.id, substr(s.start_date, 1, 7) AS key FROM selected s",
    ActivityBy.YEAR: "SELECT s.id, substr(s.start_date, 1, 4) AS key FROM selected s",
    ActivityBy.THEME: "SELECT s.id, t.theme_key AS key FROM selected s JOIN initiative_themes t ON t.initiative_id = s.id",
}
_ACTIVITY_PLACE = {ActivityBy.COUNTY: "county", ActivityBy.MUNICIPALITY: "kommunenummer"}


def activity_query(by: ActivityBy) -> str:
    if by in _ACTIVITY_PLACE:
        column = _ACTIVITY_PLACE[by]
        rows = f"""
            SELECT s.id AS initiative_id, s.{column} AS key, NULL AS actor_id FROM selected s
            UNION ALL
            SELECT s.id, a.{column}, a.id FROM selected s
            JOIN counted p ON p.initiative_id = s.id JOIN actors a ON a.id = p.actor_id"""
    else:
        rows = """
            SELECT k.id AS initiative_id, k.key, NULL AS actor_id FROM keyed k
            UNION ALL
            SELECT k.id, k.key, p.actor_id FROM keyed k JOIN counted p ON p.initiative_id = k.id"""
    keyed = f", keyed AS ({_ACTIVITY_KEYED[by]})" if by in _ACTIVITY_KEYED else ""
    return f"""
WITH {_ACTIVITY_SELECTED}{keyed}, located AS ({rows})
SELECT key, COUNT(DISTINCT initiative_id), COUNT(DISTINCT actor_id) FROM located
WHERE key IS NOT NULL GROUP BY key ORDER BY key
"""


COUNT_ACTORS = "SELECT COUNT(*) FROM actors"
COUNT_INITIATIVES = "SELECT COUNT(*) FROM initiatives"
# PART_OF joins actors and joins initiatives: one count per type, whatever tables hold it.
COUNT_RELATIONSHIPS = """
SELECT type, SUM(n) FROM (
    SELECT 'PARTICIPATED_IN' AS type, COUNT(*) AS n FROM participations
    UNION ALL SELECT type, COUNT(*) FROM actor_links GROUP BY type
    UNION ALL SELECT type, COUNT(*) FROM initiative_links GROUP BY type
) GROUP BY type
"""

EXPORT_ACTORS = "SELECT doc FROM actors ORDER BY id"
EXPORT_INITIATIVES = "SELECT doc FROM initiatives ORDER BY id"
# Relationships by their start (actors first), type, end and role: the same order as Neo4j's.
EXPORT_RELATIONSHIPS = """
SELECT doc FROM (
    SELECT 0 AS l, actor_id AS s, 'PARTICIPATED_IN' AS t, initiative_id AS o, role AS r, doc FROM participations
    UNION ALL SELECT 0, source, type, target, NULL, doc FROM actor_links
    UNION ALL SELECT 1, source, type, target, NULL, doc FROM initiative_links
) ORDER BY l, s, t, o, r
"""

INTEGRITY_CHECK = "PRAGMA integrity_check"
FOREIGN_KEY_CHECK = "PRAGMA foreign_key_check"
# A row foreign_key_check names, by the columns that say what it is.
DANGLING_ROW = {
    table: f"SELECT {columns} FROM {table} WHERE rowid = ?"
    for table, columns in (
        ("participations", "actor_id, initiative_id, role"),
        ("actor_links", "source, type, target"),
        ("initiative_links", "source, type, target"),
        ("actor_keys", "actor_id, key"),
        ("initiative_themes", "initiative_id, theme_key"),
    )
}
# What `check` asks beyond SQLite's own checks: (name, query returning one row per finding).
CHECKS = (
    (
        "documents",
        """
        SELECT 'actor ' || id || ': its document names ' || coalesce(json_extract(doc, '$.id'), 'no id')
        FROM actors WHERE json_valid(doc) = 0 OR json_extract(doc, '$.id') IS NOT id
        UNION ALL
        SELECT 'initiative ' || id || ': its document names ' || coalesce(json_extract(doc, '$.id'), 'no id')
        FROM initiatives WHERE json_valid(doc) = 0 OR json_extract(doc, '$.id') IS NOT id""",
    ),
    (
        "members",
        """
        SELECT 'initiative ' || initiative_id || ', actor ' || actor_id || ': ' || problem FROM (
            SELECT initiative_id, actor_id, 'takes part but is not a member' AS problem FROM (
                SELECT DISTINCT initiative_id, actor_id FROM participations
                EXCEPT SELECT initiative_id, actor_id FROM members)
            UNION ALL
            SELECT initiative_id, actor_id, 'a member without a participation' FROM (
                SELECT initiative_id, actor_id FROM members
                EXCEPT SELECT initiative_id, actor_id FROM participations))""",
    ),
    (
        "participant counts",
        """
        SELECT 'initiative ' || i.id || ': ' || i.participants || ' participants kept, ' || count(m.actor_id) || ' taking part'
        FROM initiatives i LEFT JOIN members m ON m.initiative_id = i.id
        GROUP BY i.id HAVING i.participants <> count(m.actor_id)""",
    ),
    (
        "ties",
        f"""
        SELECT 'actors ' || coalesce(t.a, f.a) || ' and ' || coalesce(t.b, f.b) || ': '
               || coalesce(t.initiatives, 0) || ' shared initiatives kept (weight ' || coalesce(round(t.weight, 6), 0)
               || '), ' || coalesce(f.initiatives, 0) || ' recomputed (weight ' || coalesce(round(f.weight, 6), 0) || ')'
        FROM ties t FULL OUTER JOIN ({_FRESH_TIES}) f ON f.a = t.a AND f.b = t.b
        WHERE t.a IS NULL OR f.a IS NULL OR t.initiatives <> f.initiatives OR abs(t.weight - f.weight) > 1e-9""",
    ),
    (
        "search index",
        """
        SELECT 'actor ' || a.id || ': not in the search index' FROM actors a
        WHERE NOT EXISTS (SELECT 1 FROM actor_search s WHERE s.rowid = a.rowid)
        UNION ALL
        SELECT 'search entry ' || s.rowid || ': no such actor' FROM actor_search s
        WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE a.rowid = s.rowid)
        UNION ALL
        SELECT 'initiative ' || i.id || ': not in the search index' FROM initiatives i
        WHERE NOT EXISTS (SELECT 1 FROM initiative_search s WHERE s.rowid = i.rowid)
        UNION ALL
        SELECT 'title search entry ' || s.rowid || ': no such initiative' FROM initiative_search s
        WHERE NOT EXISTS (SELECT 1 FROM initiatives i WHERE i.rowid = s.rowid)""",
    ),
    (
        "revision",
        """
        SELECT 'the revision counter is missing' WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'revision')""",
    ),
)

WIPE = (
    "DELETE FROM clusterings",
    "DELETE FROM documents WHERE kind <> 'api_key'",  # access survives a wipe of the content
    "DELETE FROM members",  # first: the triggers of the next then find nothing to keep
    "DELETE FROM participations",
    "DELETE FROM actor_links",
    "DELETE FROM initiative_links",
    "DELETE FROM initiative_themes",
    "DELETE FROM actor_keys",
    "DELETE FROM actor_search",
    "DELETE FROM initiative_search",
    "DELETE FROM initiatives",
    "DELETE FROM actors",
    "DELETE FROM ties",  # last: the deletes above logged every member leaving
    "DELETE FROM member_changes",
)

SAVE_CLUSTERS = "INSERT INTO clusterings (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc"
LOAD_CLUSTERS = "SELECT doc FROM clusterings WHERE key = ?"

PUT_DOCUMENT = "INSERT INTO documents (kind, key, doc) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET doc = excluded.doc"
ADD_DOCUMENT = "INSERT INTO documents (kind, key, doc) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO NOTHING"
GET_DOCUMENT = "SELECT doc FROM documents WHERE kind = ? AND key = ?"
DOCUMENTS = "SELECT doc FROM documents WHERE kind = ? ORDER BY key"
