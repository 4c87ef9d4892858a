"use strict";
// A standalone view file: the view and its texts are in the page; nothing is fetched.
(function () {
  const drawn = JSON.parse(document.getElementById("view").textContent);
  const t = JSON.parse(document.getElementById("texts").textContent);
  const status = document.getElementById("status");
  status.textContent = SamspillDraw.status(drawn, t);
  status.dataset.nodes = String(drawn.vis.nodes.length);
  status.dataset.edges = String(drawn.vis.edges.length);
  document.getElementById("note").textContent = SamspillDraw.notes(drawn, t);
  SamspillDraw.legend(document.getElementById("legend"), drawn.view.legend);
  SamspillDraw.draw(document.getElementById("graph"), drawn, performance.now());
})();
