"use strict";
// The explorer: search, focus, filters, colouring, details, paths, clusters and activity.
//
// One state holds everything the page shows (focus, selection, filters, mode, path ends,
// language). Every control, the URL, the graph, the details, the path list and the charts are
// drawn from it: a change goes through `update`, which writes the URL and re-renders each
// part whose inputs changed. Nothing reads a control's value to learn the state.
//
// Every string from data is put on the page with textContent or as an attribute value, never
// parsed as HTML; elements holding data are marked translate="no".
(function () {
  const TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const LANGS = ["nb", "nn", "en"];
  const DEFAULTS = { depth: "1", colour: "cluster", lang: "nn" };
  const VIEW_FIELDS = ["focus", "depth", "cluster", "overview", "actor_kind", "county", "initiative_kind",
                       "theme", "since", "until", "min_weight", "sourced", "colour"];
  // What each part of the page is drawn from.
  const GRAPH_KEYS = [...VIEW_FIELDS, "path", "lang"];
  const DETAIL_KEYS = ["sel", "focus", "path", "since", "until", "lang"];
  const PATH_KEYS = ["from", "to", "path", "lang"];
  const CHART_KEYS = ["actor_kind", "county", "initiative_kind", "theme", "since", "until", "min_weight", "cluster",
                      "per_capita", "lang"];
  const COLLABORATORS = 10, EVIDENCE_SHOWN = 3, DRAWN_LISTED = 300, PAGE = 500, ALL_PAGES = 10;
  const $ = (id) => document.getElementById(id);

  let state = readState();
  let t = TEXTS[state.lang];
  let current = null; // { drawn, network, nodes, edges }
  let years = null; // [first, last] year with activity in the whole store
  const names = new Map(); // id -> name, from whatever has shown one
  const types = new Map(); // id -> "actor" or "initiative", likewise
  let drawing = Promise.resolve(); // the graph being loaded, which tells what a selected id is
  let missing = null; // a focus the graph's answer said does not exist: the details need not ask again
  const showingAll = new Set(); // actors whose every collaborator was asked for

  // --- state <-> URL -------------------------------------------------------------------
  function readState() {
    const s = {};
    for (const [key, value] of new URLSearchParams(location.search)) if (value !== "") s[key] = value;
    if (!LANGS.includes(s.lang)) delete s.lang;
    if (s.path && (!s.from || !s.to)) [s.from, s.to] = s.path.split(",");
    return Object.assign({}, DEFAULTS, s);
  }

  function writeURL(push) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state)) if (DEFAULTS[key] !== value) params.set(key, value);
    const url = params.toString() ? `?${params}` : location.pathname;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  function differs(a, b, keys) {
    return keys.some((k) => (a[k] || "") !== (b[k] || ""));
  }

  // The one way the state changes: merged, tidied, written to the URL, then rendered.
  function update(changes, push) {
    const before = state;
    const next = Object.assign({}, state);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === "" || value === false) delete next[key];
      else next[key] = String(value);
    }
    // A new focus, cluster or mode is also what the details show, unless a selection is given.
    if (["focus", "cluster", "overview"].some((k) => k in changes) && !("sel" in changes)) delete next.sel;
    if (next.sel && next.sel === next.focus) delete next.sel;
    state = next;
    writeURL(push);
    render(before, state);
  }

  function render(before, after, first) {
    if (first || before.lang !== after.lang) { t = TEXTS[after.lang]; applyTexts(); }
    syncControls();
    if (first || differs(before, after, GRAPH_KEYS)) loadGraph();
    else markSelection();
    if (first || differs(before, after, DETAIL_KEYS)) loadDetails();
    if (first || differs(before, after, PATH_KEYS)) renderPath();
    if (first || differs(before, after, CHART_KEYS)) loadActivity();
  }

  function viewParams() {
    const params = new URLSearchParams({ lang: state.lang });
    for (const key of VIEW_FIELDS) if (state[key] !== undefined) params.set(key, state[key]);
    return params;
  }

  function windowParams() {
    const params = new URLSearchParams();
    for (const key of ["since", "until"]) if (state[key]) params.set(key, state[key]);
    return params;
  }

  // --- words and numbers -----------------------------------------------------------------
  const { fill, number } = SamspillDraw;
  const plural = (key, n) => SamspillDraw.plural(t, key, n); // numbers as the page's language writes them

  function date(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.split("-").map(Number);
    const months = t.months.split(",");
    if (!m) return String(y);
    return state.lang === "en" ? `${d} ${months[m - 1]} ${y}` : `${d}. ${months[m - 1]} ${y}`;
  }

  function kind(type, value) {
    return t[`${type}_kind.${value}`] || value;
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    document.title = t.title;
    for (const e of document.querySelectorAll("[data-t]")) e.textContent = t[e.dataset.t];
    for (const e of document.querySelectorAll("[data-t-placeholder]")) {
      e.placeholder = t[e.dataset.tPlaceholder];
      e.setAttribute("aria-label", t[e.dataset.tPlaceholder]);
    }
    for (const e of document.querySelectorAll("[data-t-label]")) e.setAttribute("aria-label", t[e.dataset.tLabel]);
    for (const o of $("lang").options) o.textContent = t[`lang.${o.value}`];
    fillKinds($("f-actor_kind"), "actor_kind.");
    fillKinds($("f-initiative_kind"), "initiative_kind.");
    fillCounties();
    const unknown = document.body.dataset.unknownLang;
    if (unknown) {
      $("notice").textContent = fill(t.lang_unknown, { lang: unknown });
      $("notice").hidden = false;
    }
  }

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function fillKinds(select, prefix) {
    select.replaceChildren(option("", t.any));
    for (const key of Object.keys(t).filter((k) => k.startsWith(prefix))) {
      select.append(option(key.slice(prefix.length), t[key]));
    }
  }

  function fillCounties() {
    // Today's counties from the page's own table; an older one only when a link asks for it.
    const select = $("f-county");
    const codes = Object.keys(t).filter((k) => k.startsWith("county.")).map((k) => k.slice(7))
      .filter((c) => !t[`county.${c}`].includes("(") || c === state.county);
    select.replaceChildren(option("", t.any), ...codes.sort((a, b) => t[`county.${a}`].localeCompare(t[`county.${b}`], "nb"))
      .map((c) => option(c, t[`county.${c}`])));
  }

  // --- fetching ------------------------------------------------------------------------
  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      // The API explains in English; the page says it in the reader's language.
      const error = new Error(t[`error.${response.status}`] || `${t.error} (${response.status})`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  // --- the graph -------------------------------------------------------------------------
  let loading = 0;
  function loadGraph() {
    drawing = fetchGraph();
    return drawing;
  }

  async function fetchGraph() {
    const mine = ++loading;
    $("status").textContent = t.loading;
    SamspillDraw.supersede();
    document.body.dataset.ready = "0";
    const started = performance.now();
    let drawn;
    try {
      drawn = state.path
        ? await getJSON(`/api/views/path?${new URLSearchParams({ source: state.from, target: state.to, lang: state.lang })}`)
        : await getJSON(`/api/views/network?${viewParams()}`);
    } catch (error) {
      if (mine !== loading) return;
      missing = error.status === 404 ? state.focus || null : null;
      // What was drawn before answers another question: it goes, and the error says why.
      if (current) { current.network.destroy(); current = null; }
      for (const id of ["legend", "drawn-list"]) $(id).replaceChildren();
      $("drawn-count").textContent = "";
      $("status").textContent = error.message;
      $("status").dataset.nodes = "0";
      $("status").dataset.edges = "0";
      $("note").textContent = "";
      document.body.dataset.ready = "error";
      return;
    }
    if (mine !== loading) return; // a newer request has been made
    missing = null;
    drawGraph(drawn, started);
  }

  function drawGraph(drawn, started) {
    if (current) current.network.destroy();
    const graph = SamspillDraw.draw($("graph"), drawn, started, (network) => {
      if (state.path) network.fit({ animation: false }); // the whole path, labels inside the canvas
    });
    current = Object.assign({ drawn }, graph);
    for (const n of drawn.vis.nodes) if (n.type !== "cluster") { names.set(n.id, n.label); types.set(n.id, n.type); }
    // A handle for automation and the browser console: what is drawn, and the selection.
    window.__samspill = { nodes: graph.nodes, edges: graph.edges, network: graph.network,
                          select: (id) => update({ sel: id }), state: () => Object.assign({}, state) };
    const status = $("status");
    status.textContent = state.path && !drawn.vis.nodes.length ? t.path_none : SamspillDraw.status(drawn, t);
    status.dataset.nodes = String(drawn.vis.nodes.length);
    status.dataset.edges = String(drawn.vis.edges.length);
    $("note").textContent = SamspillDraw.notes(drawn, t);
    SamspillDraw.legend($("legend"), drawn.view.legend);
    const canvas = $("graph").querySelector("canvas");
    if (canvas) {
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", fill(t.graph_label, { nodes: drawn.vis.nodes.length, ties: drawn.vis.edges.length }));
    }
    const frame = $("graph").querySelector(".vis-network");
    if (frame) frame.setAttribute("aria-label", t.network);
    graph.network.on("click", (event) => { if (event.nodes.length) update({ sel: event.nodes[0] }); });
    graph.network.on("doubleClick", (event) => {
      const node = event.nodes.length ? graph.nodes.get(event.nodes[0]) : null;
      if (node && node.type === "actor") expand(node.id);
      else if (node && node.type === "cluster") openCluster(node.cluster);
    });
    listDrawn();
    markSelection();
  }

  function selected() {
    if (state.sel) return state.sel;
    if (state.focus) return state.focus;
    if (state.path) return state.from;
    return null;
  }

  function markSelection() {
    if (!current) return;
    const id = selected();
    if (id && current.nodes.get(id)) current.network.selectNodes([id]);
    else current.network.unselectAll();
    for (const b of $("drawn-list").querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.id === id));
  }

  function listDrawn() {
    // The graph as text: every drawn node, heaviest first, each a button that selects it.
    const nodes = current.nodes.get().sort((a, b) => (b.weight || 0) - (a.weight || 0) || a.label.localeCompare(b.label));
    const total = nodes.length;
    $("drawn-count").textContent = `(${fill(t.shown_of, { shown: Math.min(total, DRAWN_LISTED), total })})`;
    $("drawn-list").replaceChildren(...nodes.slice(0, DRAWN_LISTED).map((n) => {
      const li = el("li");
      const b = button("", () => update({ sel: n.id }), "drawn-node");
      b.dataset.id = n.id;
      b.append(data("span", n.label), el("small", ` ${n.type === "cluster" ? `${number(n.value)} ${t.actors}` : kind(n.type, n.kind)}`));
      li.append(b);
      return li;
    }));
  }

  // --- focus, expand, clusters -------------------------------------------------------
  function focus(id) {
    update({ focus: id, cluster: null, overview: null, path: null }, true);
  }

  function openCluster(id) {
    update({ cluster: id, focus: null, overview: null, path: null }, true);
  }

  async function expand(id) {
    // Adds the node's own collaborators (same filters) to what is drawn, without redrawing.
    const params = viewParams();
    for (const key of ["cluster", "overview"]) params.delete(key);
    params.set("focus", id);
    params.set("depth", "1");
    const drawn = await getJSON(`/api/views/network?${params}`);
    if (!current || drawn.view.aggregated) return;
    const anchor = current.network.getPositions([id])[id] || { x: 0, y: 0 };
    const fresh = drawn.vis.nodes.filter((n) => !current.nodes.get(n.id));
    fresh.forEach((n, k) => {
      const angle = (2 * Math.PI * k) / Math.max(fresh.length, 1);
      n.x = anchor.x + 120 * Math.cos(angle);
      n.y = anchor.y + 120 * Math.sin(angle);
      names.set(n.id, n.label);
    });
    current.nodes.add(fresh);
    const known = new Set(current.edges.get().map((e) => [e.from, e.to].sort().join("\u0000")));
    current.edges.add(drawn.vis.edges.filter((e) => !known.has([e.from, e.to].sort().join("\u0000"))));
    const status = $("status");
    status.dataset.nodes = String(current.nodes.length);
    status.dataset.edges = String(current.edges.length);
    status.textContent = `${number(current.nodes.length)} ${t.nodes} · ${number(current.edges.length)} ${t.ties}`;
    listDrawn();
  }

  // --- elements ------------------------------------------------------------------------
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function data(tag, text, className) {
    // Text from the data (names, titles): shown as it is, in no language of ours.
    const e = el(tag, text, className);
    e.setAttribute("translate", "no");
    return e;
  }

  function button(text, onClick, testid) {
    const b = el("button", text);
    b.type = "button";
    if (testid) b.dataset.testid = testid;
    b.addEventListener("click", onClick);
    return b;
  }

  function nameButton(id, name, testid, type) {
    const b = button("", () => focus(id), testid);
    b.append(data("span", name));
    b.dataset.id = id;
    names.set(id, name);
    types.set(id, type || "actor");
    return b;
  }

  function safeLink(url, text) {
    // Only web links are made clickable; anything else (javascript:, data:) stays text.
    if (!/^https?:\/\//i.test(url || "")) return data("span", text);
    const a = data("a", text);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function section(title, items, extra) {
    const box = el("section");
    const heading = el("h3", title);
    if (extra) heading.append(" ", extra);
    box.append(heading);
    const list = el("ul");
    for (const item of items) {
      const li = el("li");
      li.append(...(Array.isArray(item) ? item : [item]));
      list.append(li);
    }
    box.append(list);
    return box;
  }

  function facts(rows) {
    const dl = el("dl");
    for (const [key, value, isData] of rows) dl.append(el("dt", key), isData ? data("dd", value) : el("dd", value));
    return dl;
  }

  // --- details panel -----------------------------------------------------------------
  let detailing = 0;
  async function loadDetails() {
    const mine = ++detailing;
    const body = $("details-body");
    const id = selected();
    if (!id) {
      delete body.dataset.id;
      body.replaceChildren(el("p", t.details_hint, "hint"));
      body.dataset.ready = "1";
      return;
    }
    body.dataset.id = id;
    body.dataset.ready = "0";
    body.replaceChildren(el("p", t.loading));
    let parts;
    if (!id.startsWith("cluster:") && !types.has(id)) await drawing;
    try {
      if (id === missing) throw Object.assign(new Error(t["error.404"]), { status: 404 });
      if (id.startsWith("cluster:")) parts = await clusterDetails(Number(id.slice(8)));
      else if (types.get(id) === "initiative") parts = await initiativeDetails(id);
      else parts = await actorOrInitiative(id);
    } catch (error) {
      parts = [el("p", error.status === 404 ? `${t.not_found}: ${id}` : error.message, "error")];
    }
    if (mine !== detailing) return; // the selection moved on meanwhile
    body.replaceChildren(...parts);
    body.dataset.ready = "1";
  }

  async function actorOrInitiative(id) {
    try {
      return await actorDetails(id);
    } catch (error) {
      if (error.status !== 404) throw error;
      return initiativeDetails(id);
    }
  }

  async function collaboratorsOf(id, all) {
    const window_ = windowParams();
    if (!all) return getJSON(`/api/actors/${id}/collaborators?${window_}&limit=${COLLABORATORS}`);
    let answer = null;
    for (let page = 0; page < ALL_PAGES; page++) {
      const found = await getJSON(`/api/actors/${id}/collaborators?${window_}&limit=${PAGE}&offset=${page * PAGE}`);
      if (answer) answer.collaborators.push(...found.collaborators); else answer = found;
      if (answer.collaborators.length >= found.total || !found.collaborators.length) break;
    }
    return answer;
  }

  async function actorDetails(actorId) {
    const id = encodeURIComponent(actorId);
    const actor = await getJSON(`/api/actors/${id}`);
    const [collaborators, recommendations] = await Promise.all([
      collaboratorsOf(id, showingAll.has(actorId)),
      getJSON(`/api/actors/${id}/recommendations?limit=5&lang=${state.lang}`).catch(() => ({})),
    ]);
    const a = actor.actor;
    names.set(a.id, a.name);
    const parts = [data("h3", a.name, "name")];
    const props = [[t.actor_kind, kind("actor", a.kind)]];
    if (a.orgnr) props.push([t.orgnr, a.orgnr]);
    if (a.fylkesnummer) props.push([t.county, t[`county.${a.fylkesnummer}`] || a.fylkesnummer, true]);
    if (a.kommunenummer) props.push([t.kommunenummer, a.kommunenummer]);
    if (a.country) props.push([t.country, a.country, true]);
    if (a.aliases && a.aliases.length) props.push([t.aliases, a.aliases.join(", "), true]);
    parts.push(facts(props));
    if (a.website) parts.push(safeLink(a.website, a.website));
    if (a.sources && a.sources.length) {
      parts.push(section(t.sources, a.sources.map((s) => safeLink(s.url, [s.title, s.publisher, s.date].filter(Boolean).join(" · ")))));
    }
    const list = collaborators.collaborators;
    const rows = list.map((c) => {
      const titles = (c.evidence || []).filter((e) => e.title).slice(0, EVIDENCE_SHOWN);
      const more = c.evidence_count - titles.length;
      const line = el("small");
      if (titles.length) line.append(data("span", titles.map((e) => e.title).join(" · ")));
      else if ((c.evidence || []).length) line.append(t.partners);
      if (more > 0) line.append(el("span", ` ${fill(plural("more_initiatives", more), { n: more })}`, "more"));
      return [nameButton(c.id, c.name, "collaborator"), el("span", ` ${number(c.weight, 2)}`, "count"), line];
    });
    const total = el("span", fill(t.shown_of, { shown: list.length, total: collaborators.total }), "total");
    total.dataset.testid = "collaborators-total";
    const extra = [total];
    if (list.length < collaborators.total && !showingAll.has(actorId)) {
      const all = button(t.show_all, () => { showingAll.add(actorId); loadDetails(); }, "show-all");
      extra.push(" ", all);
    } else if (list.length < collaborators.total) {
      const sheet = el("a", "CSV");
      sheet.href = `/api/actors/${id}/collaborators/download?format=csv&lang=${state.lang}`;
      extra.push(" ", sheet);
    }
    const box = section(t.collaborators, rows);
    box.querySelector("h3").append(" ", ...extra);
    parts.push(box);
    const recs = (recommendations.recommendations || []).map((r) => [nameButton(r.id, r.name), data("small", r.why || "")]);
    if (recs.length) parts.push(section(t.recommendations, recs));
    parts.push(actions(a.id, "actor", `/api/actors/${id}`));
    return parts;
  }

  async function initiativeDetails(initiativeId) {
    const id = encodeURIComponent(initiativeId);
    const found = await getJSON(`/api/initiatives/${id}`);
    const i = found.initiative;
    names.set(i.id, i.title);
    const parts = [data("h3", i.title, "name")];
    const props = [[t.initiative_kind, kind("initiative", i.kind)]];
    if (i.start) props.push([t.years, [date(i.start), date(i.end)].filter(Boolean).join(" – ")]);
    if (i.county) props.push([t.county, t[`county.${i.county}`] || i.county, true]);
    if (i.themes && i.themes.length) props.push([t.theme, i.themes.join(", "), true]);
    parts.push(facts(props));
    if (i.description) parts.push(data("p", i.description));
    if (i.sources && i.sources.length) {
      parts.push(section(t.sources, i.sources.map((s) => safeLink(s.url, [s.title, s.publisher, s.date].filter(Boolean).join(" · ")))));
    }
    const people = (found.participants || []).map((p) => [nameButton(p.id, p.name), data("small", ` ${p.roles.join(", ")}`)]);
    if (people.length) parts.push(section(t.participants, people, el("span", number(people.length), "total")));
    parts.push(actions(i.id, "initiative", `/api/initiatives/${id}`));
    return parts;
  }

  async function clusterDetails(cluster) {
    const c = await getJSON(`/api/clusters/${encodeURIComponent(cluster)}`);
    const parts = [data("h3", c.label, "name"), el("p", `${number(c.size)} ${t.actors}`)];
    const members = c.members.slice(0, 15).map((m) => [nameButton(m.id, m.name), el("span", ` ${number(m.weighted_degree, 2)}`, "count")]);
    parts.push(section(t.members, members, el("span", fill(t.shown_of, { shown: members.length, total: c.members.length }), "total")));
    if (c.themes.length) parts.push(section(t.theme, c.themes.map((x) => data("span", `${x.theme} (${number(x.initiatives)})`))));
    const json = el("a", t.json);
    json.href = `/api/clusters/${cluster}`;
    const row = el("div", null, "row");
    row.append(button(t.open_cluster, () => openCluster(cluster), "open-cluster"), json);
    parts.push(row);
    return parts;
  }

  function actions(id, type, api) {
    const row = el("div", null, "row");
    row.append(button(t.focus_here, () => focus(id), "focus-here"));
    if (type === "actor") {
      row.append(button(t.expand, () => expand(id), "expand"));
      row.append(button(`${t.path_from} ⟶`, () => update({ from: id, path: null }), "path-from"));
      row.append(button(`⟶ ${t.path_to}`, () => update({ to: id, path: null }), "path-to"));
    }
    const json = el("a", t.json);
    json.href = api;
    json.target = "_blank";
    row.append(json);
    return row;
  }

  // --- path ----------------------------------------------------------------------------
  async function nameOf(id) {
    if (names.has(id)) return names.get(id);
    try {
      const found = await getJSON(`/api/actors/${encodeURIComponent(id)}`);
      names.set(id, found.actor.name);
    } catch (error) {
      names.set(id, id);
    }
    return names.get(id);
  }

  let pathing = 0;
  async function renderPath() {
    const mine = ++pathing;
    const [from, to] = await Promise.all([state.from ? nameOf(state.from) : "–", state.to ? nameOf(state.to) : "–"]);
    if (mine !== pathing) return;
    $("path-from").replaceChildren(data("span", from));
    $("path-to").replaceChildren(data("span", to));
    const same = state.from && state.from === state.to;
    $("path-go").disabled = !(state.from && state.to) || same;
    $("path-clear").disabled = !(state.from || state.to);
    $("path-note").textContent = same ? t.path_same : "";
    const box = $("paths");
    if (!state.path) { box.hidden = true; $("paths-list").replaceChildren(); return; }
    let found;
    try {
      found = await getJSON(`/api/paths?${new URLSearchParams({ source: state.from, target: state.to, k: 3 })}&${windowParams()}`);
    } catch (error) {
      found = { paths: [], error: error.message };
    }
    if (mine !== pathing) return;
    box.hidden = false;
    const list = $("paths-list");
    if (!found.paths.length) { list.replaceChildren(el("li", found.error || t.path_none)); return; }
    const who = new Map(found.paths.flatMap((p) => p.actors.map((a) => [a.id, a.name])));
    list.replaceChildren(...found.paths.map((p, k) => {
      const li = el("li");
      li.dataset.testid = "path";
      if (k === 0) li.className = "best";
      li.append(el("strong", `${fill(t.path_n, { n: k + 1 })}${k === 0 ? ` (${t.best_path})` : ""} · ${fill(plural("hops", p.hops.length), { n: p.hops.length })}`));
      const hops = el("ol", null, "hops");
      for (const hop of p.hops) {
        const item = el("li");
        item.dataset.testid = "hop";
        const initiatives = hop.evidence.filter((e) => e.initiative_id);
        const count = initiatives.length + hop.more_evidence;
        item.dataset.initiatives = String(count);
        item.append(nameButton(hop.source, who.get(hop.source) || hop.source), " → ",
                    nameButton(hop.target, who.get(hop.target) || hop.target),
                    el("span", ` · ${t.weight} ${number(hop.weight, 2)}`, "count"));
        const evidence = el("small");
        if (count) evidence.append(el("span", `${number(count)} ${t.shared}: `));
        evidence.append(data("span", initiatives.map((e) => e.title || e.initiative_id).join(" · ")));
        if (hop.more_evidence) evidence.append(el("span", ` ${fill(plural("more_initiatives", hop.more_evidence), { n: hop.more_evidence })}`, "more"));
        if (hop.evidence.some((e) => !e.initiative_id)) evidence.append(el("span", ` · ${t.partners}`));
        item.append(evidence);
        hops.append(item);
      }
      li.append(hops);
      return li;
    }));
  }

  // --- controls ------------------------------------------------------------------------
  function syncControls() {
    $("lang").value = state.lang;
    $("f-depth").value = state.depth || "1";
    for (const key of ["actor_kind", "initiative_kind", "theme"]) $(`f-${key}`).value = state[key] || "";
    if (state.county && !$("f-county").querySelector(`option[value="${CSS.escape(state.county)}"]`)) fillCounties();
    $("f-county").value = state.county || "";
    $("f-min_weight").value = state.min_weight || "0";
    $("weight-out").textContent = number(Number(state.min_weight || 0));
    $("f-sourced").checked = state.sourced === "true";
    $("f-colour").value = state.colour || "cluster";
    $("per-capita").checked = state.per_capita === "true";
    if (years) {
      $("f-from").value = state.since ? state.since.slice(0, 4) : years[0];
      $("f-to").value = state.until ? state.until.slice(0, 4) : years[1];
      $("years-out").textContent = `${$("f-from").value} – ${$("f-to").value}`;
    }
    $("mode-clusters").setAttribute("aria-pressed", String(state.overview === "true"));
    $("mode-network").setAttribute("aria-pressed", String(state.overview !== "true"));
    for (const b of document.querySelectorAll("#chart-county [data-testid=county-bar]")) {
      b.setAttribute("aria-pressed", String(state.county === b.dataset.key));
    }
    for (const b of document.querySelectorAll("#chart-year [data-testid=year-column]")) {
      b.setAttribute("aria-pressed", String(state.since === `${b.dataset.key}-01-01` && state.until === `${b.dataset.key}-12-31`));
    }
  }

  function drawer(open) {
    document.body.classList.toggle("drawer-open", open);
    $("filters-toggle").setAttribute("aria-expanded", String(open));
    if (open) $("filters-close").focus();
  }

  function wireControls() {
    $("f-depth").addEventListener("change", (e) => update({ depth: e.target.value }));
    for (const key of ["actor_kind", "initiative_kind", "county"]) {
      $(`f-${key}`).addEventListener("change", (e) => update({ [key]: e.target.value, path: null }));
    }
    $("f-theme").addEventListener("change", (e) => update({ theme: e.target.value.trim(), path: null }));
    $("f-min_weight").addEventListener("input", (e) => { $("weight-out").textContent = number(Number(e.target.value)); });
    $("f-min_weight").addEventListener("change", (e) => update({ min_weight: e.target.value === "0" ? null : e.target.value }));
    $("f-sourced").addEventListener("change", (e) => update({ sourced: e.target.checked ? "true" : null }));
    $("f-colour").addEventListener("change", (e) => update({ colour: e.target.value }));
    $("per-capita").addEventListener("change", (e) => update({ per_capita: e.target.checked ? "true" : null }));
    for (const id of ["f-from", "f-to"]) {
      $(id).addEventListener("input", () => { $("years-out").textContent = `${$("f-from").value} – ${$("f-to").value}`; });
      $(id).addEventListener("change", () => {
        let from = Number($("f-from").value), to = Number($("f-to").value);
        if (from > to) [from, to] = [to, from];
        update({ since: from > years[0] ? `${from}-01-01` : null, until: to < years[1] ? `${to}-12-31` : null });
      });
    }
    $("reset").addEventListener("click", () => {
      const cleared = Object.fromEntries(Object.keys(state).filter((k) => k !== "lang").map((k) => [k, null]));
      update(Object.assign(cleared, { depth: DEFAULTS.depth, colour: DEFAULTS.colour }), true);
    });
    $("mode-network").addEventListener("click", () => update({ overview: null, cluster: null, path: null }, true));
    $("mode-clusters").addEventListener("click", () => update({ overview: "true", focus: null, cluster: null, path: null }, true));
    $("path-go").addEventListener("click", () => update({ path: `${state.from},${state.to}`, sel: null }, true));
    $("path-clear").addEventListener("click", () => update({ from: null, to: null, path: null }, true));
    $("lang").addEventListener("change", (e) => {
      delete document.body.dataset.unknownLang;
      $("notice").hidden = true;
      update({ lang: e.target.value });
    });
    $("share").addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(location.href); } catch (error) { /* shown below anyway */ }
      $("note").textContent = `${t.copied}: ${location.href}`;
    });
    for (const b of document.querySelectorAll("[data-export]")) b.addEventListener("click", () => exportView(b.dataset.export));
    $("filters-toggle").addEventListener("click", () => drawer(!document.body.classList.contains("drawer-open")));
    $("filters-close").addEventListener("click", () => { drawer(false); $("filters-toggle").focus(); });
    document.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if ($("export-menu").open) { $("export-menu").open = false; $("export-menu").querySelector("summary").focus(); }
      if (document.body.classList.contains("drawer-open")) { drawer(false); $("filters-toggle").focus(); }
    });
    document.addEventListener("click", (e) => {
      if ($("export-menu").open && !$("export-menu").contains(e.target)) $("export-menu").open = false;
    });
    window.addEventListener("popstate", () => { const before = state; state = readState(); render(before, state); });
  }

  // --- search --------------------------------------------------------------------------
  function wireSearch() {
    const input = $("search"), list = $("suggestions"), note = $("search-note");
    let timer = null, active = -1, found = [];
    const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
    const choose = (s) => {
      close();
      note.hidden = true;
      input.value = s.name;
      focus(s.id);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { note.hidden = true; return close(); }
      timer = setTimeout(async () => {
        let hits = [];
        try { hits = await getJSON(`/api/search?${new URLSearchParams({ q })}`); } catch (error) { hits = []; }
        if (q !== input.value.trim()) return;
        found = hits;
        for (const s of hits) { names.set(s.id, s.name); types.set(s.id, s.type); }
        list.replaceChildren(...hits.map((s, k) => {
          const li = el("li");
          li.setAttribute("role", "option");
          li.id = `suggestion-${k}`;
          li.dataset.id = s.id;
          li.append(data("span", s.name, "name"), el("small", [kind(s.type, s.kind), s.detail].filter(Boolean).join(" · ")));
          li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(s); });
          return li;
        }));
        list.hidden = !hits.length;
        input.setAttribute("aria-expanded", String(!!hits.length));
        const [before, after] = t.no_hits.split("{q}");
        note.replaceChildren(...(hits.length ? [] : [before, data("span", q), after]));
        note.hidden = !!hits.length;
      }, 120);
    });
    input.addEventListener("keydown", (e) => {
      const items = list.querySelectorAll("li");
      if (e.key === "Escape") { close(); note.hidden = true; return; }
      if (list.hidden || !items.length) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach((item, k) => item.setAttribute("aria-selected", String(k === active)));
        input.setAttribute("aria-activedescendant", items[active].id);
      } else if (e.key === "Enter") {
        e.preventDefault();
        choose(found[Math.max(active, 0)]);
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  // --- activity charts -----------------------------------------------------------------
  function activityParams(by) {
    // The same filters the view has (graph/analytics/hotspots.py counts what the view is made of).
    const params = new URLSearchParams({ by });
    const map = { initiative_kind: "kind", theme: "theme", county: "county", since: "since", until: "until",
                  actor_kind: "actor_kind", cluster: "cluster", min_weight: "min_weight" };
    for (const [key, name] of Object.entries(map)) if (state[key]) params.set(name, state[key]);
    if (by === "county" && state.per_capita === "true") params.set("per_capita", "true");
    return params;
  }

  let charting = 0;
  async function loadActivity() {
    const mine = ++charting;
    $("chart-county").dataset.ready = "0";
    const [counties, byYear, everyYear] = await Promise.all([
      getJSON(`/api/hotspots?${activityParams("county")}`).catch(() => []),
      getJSON(`/api/hotspots?${activityParams("year")}`).catch(() => []),
      years ? null : getJSON("/api/hotspots?by=year").catch(() => []),
    ]);
    if (mine !== charting) return;
    if (everyYear) {
      const known = everyYear.map((h) => Number(h.key)).filter(Boolean);
      if (known.length) {
        years = [Math.min(...known), Math.max(...known)];
        for (const id of ["f-from", "f-to"]) { $(id).min = years[0]; $(id).max = years[1]; }
        $("years").hidden = false;
      }
    }
    for (const [list, found] of [[$("chart-county"), counties], [$("chart-year"), byYear]]) {
      list.dataset.empty = found.length ? "" : t.no_activity;
    }
    const perCapita = state.per_capita === "true";
    const value = (h) => (perCapita ? h.initiatives_per_10k || 0 : h.initiatives);
    const top = Math.max(1, ...counties.map(value));
    $("chart-county").replaceChildren(...counties.map((h) => {
      const li = el("li");
      const b = button("", () => update({ county: state.county === h.key ? null : h.key, path: null }), "county-bar");
      b.dataset.key = h.key;
      const bar = el("span", null, "bar");
      bar.style.width = `${(100 * value(h)) / top}%`;
      const amount = perCapita ? number(value(h), 1) : number(value(h));
      b.append(data("span", t[`county.${h.key}`] || h.name || h.key, "label"), bar, el("span", amount, "count"));
      b.setAttribute("aria-label", `${t[`county.${h.key}`] || h.name || h.key}: ${amount} ${t.initiatives}`);
      li.append(b);
      return li;
    }));
    const yearTop = Math.max(1, ...byYear.map((h) => h.initiatives));
    $("chart-year").replaceChildren(...byYear.map((h) => {
      const li = el("li");
      const picked = state.since === `${h.key}-01-01` && state.until === `${h.key}-12-31`;
      const b = button("", () => update(picked ? { since: null, until: null }
                                                : { since: `${h.key}-01-01`, until: `${h.key}-12-31` }), "year-column");
      b.dataset.key = h.key;
      b.title = `${h.key}: ${number(h.initiatives)} ${t.initiatives}`;
      b.setAttribute("aria-label", b.title);
      const bar = el("span", null, "column");
      bar.style.height = `${(100 * h.initiatives) / yearTop}%`;
      b.append(bar, el("small", h.key.slice(2)));
      li.append(b);
      return li;
    }));
    $("chart-county").dataset.total = String(counties.reduce((n, h) => n + h.initiatives, 0));
    $("chart-year").dataset.total = String(byYear.reduce((n, h) => n + h.initiatives, 0));
    syncControls();
    $("chart-county").dataset.ready = "1";
  }

  // --- export --------------------------------------------------------------------------
  function download(href, name) {
    const a = el("a");
    a.href = href;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  }

  function exportName(ext) {
    // What the view is of, and when: samspill-ks-2026-12-03.png, samspill-path-a-b-….
    const what = state.path ? `path-${state.from}-${state.to}` : state.focus ? state.focus
      : state.cluster ? `cluster-${state.cluster}` : state.overview ? "clusters" : "network";
    const slug = what.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "view";
    return `samspill-${slug}-${new Date().toISOString().slice(0, 10)}.${ext}`;
  }

  function caption() {
    const what = state.path ? `${names.get(state.from) || state.from} → ${names.get(state.to) || state.to}`
      : state.focus ? names.get(state.focus) || state.focus : $("status").textContent;
    return `Samspill · ${what} · ${$("status").textContent} · ${date(new Date().toISOString().slice(0, 10))}`;
  }

  function exportPNG() {
    // The drawing with a caption above and the legend below, on white.
    const source = current.network.canvas.frame.canvas;
    const entries = current.drawn.view.legend;
    const ratio = window.devicePixelRatio || 1, line = 18 * ratio, pad = 12 * ratio;
    const columns = Math.max(1, Math.floor(source.width / (220 * ratio)));
    const legendHeight = Math.ceil(entries.length / columns) * line + (entries.length ? pad : 0);
    const canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height + line + 2 * pad + legendHeight;
    const c = canvas.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, canvas.width, canvas.height);
    c.fillStyle = "#1d2733";
    c.font = `${13 * ratio}px system-ui, sans-serif`;
    c.fillText(caption(), pad, pad + 12 * ratio, canvas.width - 2 * pad);
    c.drawImage(source, 0, line + pad);
    entries.forEach((entry, k) => {
      const x = pad + (k % columns) * 220 * ratio, y = source.height + line + 2 * pad + Math.floor(k / columns) * line;
      c.fillStyle = entry.colour;
      c.beginPath();
      c.arc(x + 6 * ratio, y + 6 * ratio, 6 * ratio, 0, 2 * Math.PI);
      c.fill();
      c.fillStyle = "#1d2733";
      c.fillText(`${entry.label} (${number(entry.nodes)})`, x + 18 * ratio, y + 11 * ratio, 195 * ratio);
    });
    download(canvas.toDataURL("image/png"), exportName("png"));
  }

  function exportView(format) {
    $("export-menu").open = false;
    if (!current) return;
    if (format === "png") return exportPNG();
    // GraphML, GEXF and JSON of the same view, from the server (JSON with every field).
    const params = state.path ? new URLSearchParams({ source: state.from, target: state.to, lang: state.lang }) : viewParams();
    params.set("format", format);
    download(`/api/views/${state.path ? "path" : "network"}/export?${params}`, exportName(format));
  }

  // --- start ---------------------------------------------------------------------------
  wireControls();
  wireSearch();
  writeURL(false); // an unknown language or a bare path= link is tidied in the address too
  render(state, state, true);
})();
