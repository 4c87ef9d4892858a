"use strict";
// The explorer: search, focus, filters, colouring, details, paths, clusters and activity.
// The URL holds the whole view, so a copied link reopens it. Every string from data is put
// on the page with textContent or as an attribute value, never parsed as HTML.
(function () {
  const TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const VIEW_FIELDS = ["focus", "depth", "cluster", "overview", "actor_kind", "county", "initiative_kind",
                       "theme", "since", "until", "min_weight", "sourced", "colour"];
  const DEFAULTS = { depth: "1", colour: "cluster", lang: "nn" };
  const $ = (id) => document.getElementById(id);
  let state = readState();
  let t = TEXTS[state.lang] || TEXTS.nn;
  let current = null; // { drawn, network, nodes, edges }
  let years = null; // [first, last] year with activity
  let pathEnds = { from: null, to: null }; // { id, name }

  // --- state <-> URL -------------------------------------------------------------------
  function readState() {
    const params = new URLSearchParams(location.search);
    const s = {};
    for (const [key, value] of params) if (value !== "") s[key] = value;
    return Object.assign({}, DEFAULTS, s);
  }

  function writeState(push) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state)) {
      if (value !== undefined && value !== null && value !== "" && DEFAULTS[key] !== value) params.set(key, value);
    }
    const url = params.toString() ? `?${params}` : location.pathname;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  function viewParams() {
    const params = new URLSearchParams({ lang: state.lang });
    for (const key of VIEW_FIELDS) if (state[key] !== undefined && state[key] !== "") params.set(key, state[key]);
    return params;
  }

  function set(changes, push) {
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === "" || value === false) delete state[key];
      else state[key] = String(value);
    }
    writeState(push);
    load();
  }

  // --- texts ---------------------------------------------------------------------------
  function applyTexts() {
    document.documentElement.lang = state.lang;
    document.title = t.title;
    for (const el of document.querySelectorAll("[data-t]")) el.textContent = t[el.dataset.t];
    for (const el of document.querySelectorAll("[data-t-placeholder]")) {
      el.placeholder = t[el.dataset.tPlaceholder];
      el.setAttribute("aria-label", t[el.dataset.tPlaceholder]);
    }
    fillKinds($("f-actor_kind"), "actor_kind.");
    fillKinds($("f-initiative_kind"), "initiative_kind.");
  }

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function fillKinds(select, prefix) {
    const keep = select.value;
    select.replaceChildren(option("", t.any));
    for (const key of Object.keys(t).filter((k) => k.startsWith(prefix))) {
      select.append(option(key.slice(prefix.length), t[key]));
    }
    select.value = keep;
  }

  // --- fetching ------------------------------------------------------------------------
  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || body.title || `${response.status}`);
    return body;
  }

  let loading = 0;
  async function load() {
    const mine = ++loading;
    syncControls();
    $("status").textContent = t.loading;
    SamspillDraw.supersede();
    document.body.dataset.ready = "0";
    const started = performance.now();
    let drawn;
    try {
      drawn = state.path
        ? await getJSON(`/api/views/path?${new URLSearchParams({ source: state.path.split(",")[0],
                                                                 target: state.path.split(",")[1], lang: state.lang })}`)
        : await getJSON(`/api/views/network?${viewParams()}`);
    } catch (error) {
      if (mine !== loading) return;
      $("status").textContent = `${t.error}: ${error.message}`;
      $("note").textContent = "";
      document.body.dataset.ready = "error";
      return;
    }
    if (mine !== loading) return; // a newer request has been made
    render(drawn, started);
  }

  function render(drawn, started) {
    if (current) current.network.destroy();
    const view = drawn.view;
    const graph = SamspillDraw.draw($("graph"), drawn, started);
    current = Object.assign({ drawn }, graph);
    // A handle for automation and the browser console: what is drawn, and the details panel.
    window.__samspill = { nodes: graph.nodes, edges: graph.edges, network: graph.network,
                          select: (id) => select(graph.nodes.get(id)) };
    const status = $("status");
    status.textContent = state.path && !drawn.vis.nodes.length ? t.path_none : SamspillDraw.status(drawn, t);
    status.dataset.nodes = String(drawn.vis.nodes.length);
    status.dataset.edges = String(drawn.vis.edges.length);
    $("note").textContent = SamspillDraw.notes(drawn, t);
    SamspillDraw.legend($("legend"), view.legend);
    graph.network.on("click", (event) => {
      if (event.nodes.length) select(graph.nodes.get(event.nodes[0]));
    });
    graph.network.on("doubleClick", (event) => {
      const node = event.nodes.length ? graph.nodes.get(event.nodes[0]) : null;
      if (node && node.type === "actor") expand(node.id);
      else if (node && node.type === "cluster") openCluster(node.cluster);
    });
    if (state.focus && graph.nodes.get(state.focus)) {
      graph.network.selectNodes([state.focus]);
      if (!$("details-body").dataset.id) select(graph.nodes.get(state.focus));
    }
  }

  // --- focus, expand, clusters -------------------------------------------------------
  function focus(id) {
    set({ focus: id, cluster: null, overview: null, path: null }, true);
  }

  function openCluster(id) {
    set({ cluster: id, focus: null, overview: null, path: null }, true);
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
    });
    current.nodes.add(fresh);
    const known = new Set(current.edges.get().map((e) => [e.from, e.to].sort().join("\u0000")));
    current.edges.add(drawn.vis.edges.filter((e) => !known.has([e.from, e.to].sort().join("\u0000"))));
    const status = $("status");
    status.dataset.nodes = String(current.nodes.length);
    status.dataset.edges = String(current.edges.length);
    status.textContent = `${SamspillDraw.number(current.nodes.length)} ${t.nodes} · ${SamspillDraw.number(current.edges.length)} ${t.ties}`;
  }

  // --- details panel -----------------------------------------------------------------
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }

  function button(text, onClick, testid) {
    const b = el("button", text);
    b.type = "button";
    if (testid) b.dataset.testid = testid;
    b.addEventListener("click", onClick);
    return b;
  }

  function safeLink(url, text) {
    // Only web links are made clickable; anything else (javascript:, data:) stays text.
    if (!/^https?:\/\//i.test(url || "")) return el("span", text);
    const a = el("a", text);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function section(title, items) {
    const box = el("section");
    box.append(el("h3", title));
    const list = el("ul");
    for (const item of items) {
      const li = el("li");
      li.append(...(Array.isArray(item) ? item : [item]));
      list.append(li);
    }
    box.append(list);
    return box;
  }

  async function select(node) {
    const body = $("details-body");
    body.dataset.id = node.id;
    body.replaceChildren(el("p", t.loading));
    try {
      if (node.type === "cluster") await clusterDetails(body, node);
      else if (node.type === "initiative") await initiativeDetails(body, node);
      else await actorDetails(body, node);
    } catch (error) {
      body.replaceChildren(el("p", `${t.error}: ${error.message}`));
    }
  }

  function window_() {
    // The details follow the view's time window.
    const params = new URLSearchParams();
    for (const key of ["since", "until"]) if (state[key]) params.set(key, state[key]);
    return params.toString() ? `${params}&` : "";
  }

  async function actorDetails(body, node) {
    const id = encodeURIComponent(node.id);
    const [actor, collaborators, recommendations] = await Promise.all([
      getJSON(`/api/actors/${id}`),
      getJSON(`/api/actors/${id}/collaborators?${window_()}limit=10`),
      getJSON(`/api/actors/${id}/recommendations?limit=5`).catch(() => ({})),
    ]);
    const a = actor.actor;
    const parts = [el("h3", a.name, "name")];
    const props = [[t.actor_kind, t[`actor_kind.${a.kind}`] || a.kind]];
    if (a.orgnr) props.push(["org.nr.", a.orgnr]);
    if (a.fylkesnummer) props.push([t.county, a.fylkesnummer]);
    if (a.kommunenummer) props.push(["kommunenr.", a.kommunenummer]);
    if (a.country) props.push([t.country, a.country]);
    if (a.aliases && a.aliases.length) props.push(["alias", a.aliases.join(", ")]);
    const dl = el("dl");
    for (const [key, value] of props) dl.append(el("dt", key), el("dd", value));
    parts.push(dl);
    if (a.website) parts.push(safeLink(a.website, a.website));
    if (a.sources && a.sources.length) {
      parts.push(section(t.sources, a.sources.map((s) => safeLink(s.url, [s.title, s.publisher, s.date].filter(Boolean).join(" · ")))));
    }
    const rows = collaborators.collaborators.map((c) => [
      button(c.name, () => focus(c.id), "collaborator"),
      el("span", ` ${c.weight.toFixed(2)}`, "count"),
      el("small", (c.evidence || []).map((e) => e.title || t.partners).slice(0, 3).join(" · ")),
    ]);
    parts.push(section(t.collaborators, rows));
    const recs = (recommendations.recommendations || []).map((r) => [
      button(r.name, () => focus(r.id)), el("small", ` ${r.why || ""}`)]);
    if (recs.length) parts.push(section(t.recommendations, recs));
    parts.push(actions(node, `/api/actors/${id}`));
    body.replaceChildren(...parts);
  }

  async function initiativeDetails(body, node) {
    const id = encodeURIComponent(node.id);
    const found = await getJSON(`/api/initiatives/${id}`);
    const i = found.initiative;
    const parts = [el("h3", i.title, "name")];
    const dl = el("dl");
    dl.append(el("dt", t.initiative_kind), el("dd", t[`initiative_kind.${i.kind}`] || i.kind));
    if (i.start) dl.append(el("dt", t.years), el("dd", [i.start, i.end].filter(Boolean).join(" – ")));
    if (i.themes && i.themes.length) dl.append(el("dt", t.theme), el("dd", i.themes.join(", ")));
    parts.push(dl);
    if (i.description) parts.push(el("p", i.description));
    if (i.sources && i.sources.length) {
      parts.push(section(t.sources, i.sources.map((s) => safeLink(s.url, [s.title, s.publisher, s.date].filter(Boolean).join(" · ")))));
    }
    const people = (found.participants || []).map((p) => [button(p.name, () => focus(p.id)), el("small", ` ${p.roles.join(", ")}`)]);
    if (people.length) parts.push(section(t.participants, people));
    parts.push(actions(node, `/api/initiatives/${id}`));
    body.replaceChildren(...parts);
  }

  async function clusterDetails(body, node) {
    const c = await getJSON(`/api/clusters/${encodeURIComponent(node.cluster)}`);
    const parts = [el("h3", c.label, "name"), el("p", `${c.size} ${t.actors}`)];
    parts.push(section(t.members, c.members.slice(0, 15).map((m) => [button(m.name, () => focus(m.id)),
      el("span", ` ${m.weighted_degree.toFixed(2)}`, "count")])));
    if (c.themes.length) parts.push(section(t.theme, c.themes.map((x) => `${x.theme} (${x.initiatives})`)));
    const row = el("div", null, "row");
    row.append(button(t.open_cluster, () => openCluster(node.cluster), "open-cluster"),
               safeLink(new URL(`/api/clusters/${node.cluster}`, location.href).href, t.json));
    parts.push(row);
    body.replaceChildren(...parts);
  }

  function actions(node, api) {
    const row = el("div", null, "row");
    row.append(button(t.focus_here, () => focus(node.id), "focus-here"));
    if (node.type === "actor") {
      row.append(button(t.expand, () => expand(node.id), "expand"));
      row.append(button(`${t.path_from} ⟶`, () => pathEnd("from", node), "path-from"));
      row.append(button(`⟶ ${t.path_to}`, () => pathEnd("to", node), "path-to"));
    }
    const json = el("a", t.json);
    json.href = api;
    json.target = "_blank";
    row.append(json);
    return row;
  }

  // --- path ----------------------------------------------------------------------------
  function pathEnd(end, node) {
    pathEnds[end] = { id: node.id, name: node.label };
    $(`path-${end}`).textContent = node.label;
    $("path-go").disabled = !(pathEnds.from && pathEnds.to);
  }

  // --- controls ------------------------------------------------------------------------
  function syncControls() {
    $("f-depth").value = state.depth || "1";
    for (const key of ["actor_kind", "initiative_kind", "county", "theme"]) $(`f-${key}`).value = state[key] || "";
    $("f-min_weight").value = state.min_weight || "0";
    $("weight-out").textContent = state.min_weight || "0";
    $("f-sourced").checked = state.sourced === "true";
    $("f-colour").value = state.colour || "cluster";
    if (years) {
      $("f-from").value = state.since ? state.since.slice(0, 4) : years[0];
      $("f-to").value = state.until ? state.until.slice(0, 4) : years[1];
      $("years-out").textContent = `${$("f-from").value} – ${$("f-to").value}`;
    }
    $("mode-clusters").setAttribute("aria-pressed", String(state.overview === "true"));
    $("mode-network").setAttribute("aria-pressed", String(state.overview !== "true"));
    if (state.path) {
      const [from, to] = state.path.split(",");
      pathEnds.from = pathEnds.from || { id: from, name: from };
      pathEnds.to = pathEnds.to || { id: to, name: to };
      $("path-from").textContent = pathEnds.from.name;
      $("path-to").textContent = pathEnds.to.name;
      $("path-go").disabled = false;
    }
  }

  function wireControls() {
    $("f-depth").addEventListener("change", (e) => set({ depth: e.target.value }));
    for (const key of ["actor_kind", "initiative_kind", "county"]) {
      $(`f-${key}`).addEventListener("change", (e) => set({ [key]: e.target.value, path: null }));
    }
    $("f-theme").addEventListener("change", (e) => set({ theme: e.target.value.trim(), path: null }));
    $("f-min_weight").addEventListener("input", (e) => { $("weight-out").textContent = e.target.value; });
    $("f-min_weight").addEventListener("change", (e) => set({ min_weight: e.target.value === "0" ? null : e.target.value }));
    $("f-sourced").addEventListener("change", (e) => set({ sourced: e.target.checked ? "true" : null }));
    $("f-colour").addEventListener("change", (e) => set({ colour: e.target.value }));
    for (const id of ["f-from", "f-to"]) {
      $(id).addEventListener("input", () => {
        $("years-out").textContent = `${$("f-from").value} – ${$("f-to").value}`;
      });
      $(id).addEventListener("change", () => {
        let from = Number($("f-from").value), to = Number($("f-to").value);
        if (from > to) [from, to] = [to, from];
        set({ since: from > years[0] ? `${from}-01-01` : null, until: to < years[1] ? `${to}-12-31` : null });
      });
    }
    $("reset").addEventListener("click", () => {
      state = { lang: state.lang, depth: "1", colour: "cluster" };
      pathEnds = { from: null, to: null };
      $("path-from").textContent = "–";
      $("path-to").textContent = "–";
      $("details-body").replaceChildren();
      delete $("details-body").dataset.id;
      writeState(true);
      load();
    });
    $("mode-network").addEventListener("click", () => set({ overview: null, cluster: null, path: null }, true));
    $("mode-clusters").addEventListener("click", () => set({ overview: "true", focus: null, cluster: null, path: null }, true));
    $("path-go").addEventListener("click", () => set({ path: `${pathEnds.from.id},${pathEnds.to.id}` }, true));
    $("lang").addEventListener("click", () => {
      state.lang = state.lang === "nn" ? "en" : "nn";
      t = TEXTS[state.lang];
      applyTexts();
      writeState(false);
      load();
      loadActivity();
    });
    $("share").addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(location.href); } catch (error) { /* shown below anyway */ }
      $("note").textContent = `${t.copied}: ${location.href}`;
    });
    for (const b of document.querySelectorAll("[data-export]")) b.addEventListener("click", () => exportView(b.dataset.export));
    window.addEventListener("popstate", () => { state = readState(); load(); });
  }

  // --- search --------------------------------------------------------------------------
  function wireSearch() {
    const input = $("search"), list = $("suggestions");
    let timer = null, active = -1;
    const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
    const choose = (s) => {
      close();
      input.value = s.name;
      focus(s.id);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) return close();
      timer = setTimeout(async () => {
        let found = [];
        try { found = await getJSON(`/api/search?${new URLSearchParams({ q })}`); } catch (error) { found = []; }
        if (q !== input.value.trim()) return;
        list.replaceChildren(...found.map((s, k) => {
          const li = el("li");
          li.setAttribute("role", "option");
          li.id = `suggestion-${k}`;
          li.dataset.id = s.id;
          li.append(el("span", s.name, "name"),
                    el("small", [t[`${s.type}_kind.${s.kind}`] || s.kind, s.detail].filter(Boolean).join(" · ")));
          li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(s); });
          return li;
        }));
        list.hidden = !found.length;
        input.setAttribute("aria-expanded", String(!!found.length));
        list._found = found;
      }, 120);
    });
    input.addEventListener("keydown", (e) => {
      const items = list.querySelectorAll("li");
      if (list.hidden || !items.length) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach((item, k) => item.setAttribute("aria-selected", String(k === active)));
        input.setAttribute("aria-activedescendant", items[active].id);
      } else if (e.key === "Enter") {
        e.preventDefault();
        choose(list._found[Math.max(active, 0)]);
      } else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  // --- activity charts -----------------------------------------------------------------
  async function loadActivity() {
    const perCapita = $("per-capita").checked;
    const [counties, byYear] = await Promise.all([
      getJSON(`/api/hotspots?by=county&per_capita=${perCapita}`).catch(() => []),
      getJSON("/api/hotspots?by=year").catch(() => []),
    ]);
    for (const [list, found] of [[$("chart-county"), counties], [$("chart-year"), byYear]]) {
      list.dataset.empty = found.length ? "" : t.no_activity;
    }
    const value = (h) => (perCapita ? h.initiatives_per_10k || 0 : h.initiatives);
    const top = Math.max(1, ...counties.map(value));
    $("chart-county").replaceChildren(...counties.map((h) => {
      const li = el("li");
      const b = button("", () => set({ county: state.county === h.key ? null : h.key, path: null }), "county-bar");
      b.dataset.key = h.key;
      b.setAttribute("aria-pressed", String(state.county === h.key));
      const bar = el("span", null, "bar");
      bar.style.width = `${(100 * value(h)) / top}%`;
      b.append(el("span", h.name || h.key, "label"), bar, el("span", perCapita ? value(h).toFixed(1) : value(h), "count"));
      li.append(b);
      return li;
    }));
    const yearTop = Math.max(1, ...byYear.map((h) => h.initiatives));
    $("chart-year").replaceChildren(...byYear.map((h) => {
      const li = el("li");
      li.title = `${h.key}: ${h.initiatives}`;
      const bar = el("span", null, "column");
      bar.style.height = `${(100 * h.initiatives) / yearTop}%`;
      li.append(bar, el("small", h.key.slice(2)));
      return li;
    }));
    const known = byYear.map((h) => Number(h.key)).filter(Boolean);
    if (known.length && !years) {
      years = [Math.min(...known), Math.max(...known)];
      for (const id of ["f-from", "f-to"]) { $(id).min = years[0]; $(id).max = years[1]; }
      $("years").hidden = false;
      syncControls();
    }
  }

  async function loadCounties() {
    const found = await getJSON("/api/actors?kind=county&limit=100").catch(() => ({ items: [] }));
    const select = $("f-county");
    select.replaceChildren(option("", t.any), ...found.items.filter((a) => a.fylkesnummer)
      .sort((a, b) => a.name.localeCompare(b.name)).map((a) => option(a.fylkesnummer, a.name)));
    select.value = state.county || "";
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

  function exportView(format) {
    $("export-menu").open = false;
    if (!current) return;
    if (format === "png") {
      const source = current.network.canvas.frame.canvas;
      const canvas = document.createElement("canvas");
      canvas.width = source.width;
      canvas.height = source.height;
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(source, 0, 0);
      download(canvas.toDataURL("image/png"), "samspill-view.png");
    } else {
      // GraphML, GEXF and JSON of the same view, from the server (JSON with every field).
      const [source, target] = (state.path || ",").split(",");
      const params = state.path ? new URLSearchParams({ source, target, lang: state.lang }) : viewParams();
      params.set("format", format);
      download(`/api/views/${state.path ? "path" : "network"}/export?${params}`, `samspill-view.${format}`);
    }
  }

  // --- start ---------------------------------------------------------------------------
  applyTexts();
  wireControls();
  wireSearch();
  $("per-capita").addEventListener("change", loadActivity);
  loadCounties();
  loadActivity();
  load();
})();
