"use strict";
// Draws a view the server built (nodes, edges and options from pyvis) with vis-network, and
// writes its legend and notes. Shared by the explorer and standalone view files. Data only
// ever reaches the page through textContent and vis-network's canvas (tooltips are plain
// strings, which vis-network 9 shows with innerText).
window.SamspillDraw = (function () {
  function number(n, decimals) {
    // As graph/language.py writes them, in the page's language: 1,333.5 in English, 1 333,5
    // in Bokmål and Nynorsk (Chromium's own Nynorsk locale falls back to English).
    if (typeof n !== "number" || !isFinite(n)) return String(n);
    const text = decimals !== undefined ? n.toFixed(decimals)
      : Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
    const [whole, part] = text.split(".");
    const en = document.documentElement.lang === "en";
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, en ? "," : "\u00a0");
    return part ? `${grouped}${en ? "." : ","}${part}` : grouped;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (_, key) => number(values[key]));
  }

  // A text's singular form ("key_one") when there is one and n is 1.
  function plural(t, key, n) {
    return n === 1 && t[`${key}_one`] ? t[`${key}_one`] : t[key];
  }

  let drawing = 0;

  function draw(container, drawn, started, onReady) {
    const nodes = new vis.DataSet(drawn.vis.nodes);
    const edges = new vis.DataSet(drawn.vis.edges);
    const network = new vis.Network(container, { nodes, edges }, drawn.vis.options);
    const mine = ++drawing;
    let done = false;
    function ready() {
      // A drawing replaced before it settled must not mark its successor ready.
      if (done || mine !== drawing) return;
      done = true;
      // Since the view was asked for, and since the page began to load.
      document.body.dataset.drawMs = String(Math.round(performance.now() - started));
      document.body.dataset.interactiveMs = String(Math.round(performance.now()));
      document.body.dataset.ready = "1";
      if (onReady) onReady(network);
    }
    // Laid-out views are interactive after their first frame; small ones after physics settles.
    if (drawn.view.laid_out) network.once("afterDrawing", ready);
    else {
      network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); ready(); });
      setTimeout(ready, 4000);
    }
    return { network, nodes, edges };
  }

  function legend(list, entries) {
    list.replaceChildren();
    for (const entry of entries) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = entry.colour;
      const label = document.createElement("span");
      label.textContent = entry.label;
      label.setAttribute("translate", "no");
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = number(entry.nodes);
      item.dataset.key = entry.key;
      item.append(swatch, label, count);
      list.append(item);
    }
  }

  function notes(drawn, t) {
    const view = drawn.view, parts = [];
    if (view.aggregated && view.is_truncated) parts.push(fill(t.aggregated, view));
    else if (view.is_truncated) parts.push(fill(t.truncated, { shown: drawn.vis.nodes.length, matched: view.matched }));
    const drawnTies = drawn.vis.edges.filter((e) => !e.dashes).length;
    if (view.ties > drawnTies) parts.push(fill(t.strongest_ties, { shown: drawnTies, ties: view.ties }));
    if (view.isolated) parts.push(fill(plural(t, "hidden_isolates", view.isolated), { n: view.isolated }));
    if (!drawn.vis.nodes.length) parts.push(t.empty);
    return parts.join(" ");
  }

  function status(drawn, t) {
    return `${number(drawn.vis.nodes.length)} ${t.nodes} · ${number(drawn.vis.edges.length)} ${t.ties}`;
  }

  // Called when another view is asked for: what is drawn now is no longer the one awaited.
  function supersede() {
    drawing += 1;
  }

  return { draw, supersede, legend, notes, status, fill, number, plural };
})();
