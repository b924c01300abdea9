/* geokg view: the graph, its legend and filters, tooltips and the details panel.
 * Every string that comes from the data is set with textContent / createTextNode, never as
 * markup; the only attribute set from data is a link's href, and only for http(s) URLs. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/\s+/g, " ").trim().replace(/^the /, "");
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null; }
  function link(url, text) {
    var a = el("a", null, text || url);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }
  function status(text) { $("status").textContent = text || ""; }

  document.title = data.title;
  $("title").textContent = data.title;
  $("subtitle").textContent = data.subtitle || "";
  $("counts").textContent = plural(data.counts.entities, "entity", "entities") + " \u00b7 " +
    plural(data.counts.relations, "relation") + " \u00b7 " + plural(data.counts.evidence, "piece") + " of evidence";

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byNode = {};
  data.edges.forEach(function (e) {
    (byNode[e.from] = byNode[e.from] || []).push(e.id);
    if (e.to !== e.from) (byNode[e.to] = byNode[e.to] || []).push(e.id);
  });

  // ---- legend and filters ----
  var hiddenClasses = {}, hiddenRelations = {};
  function applyFilters() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !!hiddenClasses[n.cls] }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !!hiddenRelations[e.rel] }; }));
  }
  function checkbox(container, checked, onChange, parts) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    parts.forEach(function (p) { label.appendChild(p); });
    container.appendChild(label);
    return box;
  }
  var classCounts = {};
  data.nodes.forEach(function (n) { classCounts[n.cls] = (classCounts[n.cls] || 0) + 1; });
  data.legend.classes.forEach(function (entry) {
    var glyph = el("span", "glyph", entry.glyph);
    glyph.style.color = entry.color;
    checkbox($("legend-classes"), true, function (on) { hiddenClasses[entry.cls] = !on; applyFilters(); },
      [glyph, document.createTextNode(entry.cls), el("span", "n", classCounts[entry.cls] || 0)]);
  });
  var relationBoxes = [];
  data.relations.forEach(function (entry) {
    var line = el("span", "line" + (entry.dashed ? " dashed" : ""));
    line.style.borderTopColor = entry.color;
    var box = checkbox($("legend-relations"), true, function (on) { hiddenRelations[entry.relation] = !on; applyFilters(); },
      [line, document.createTextNode(entry.relation + (entry.symmetric ? "" : " \u2192")), el("span", "n", entry.count)]);
    relationBoxes.push([box, entry.relation]);
  });
  function allRelations(on) {
    relationBoxes.forEach(function (pair) { pair[0].checked = on; hiddenRelations[pair[1]] = !on; });
    applyFilters();
  }
  $("rel-all").addEventListener("click", function () { allRelations(true); });
  $("rel-none").addEventListener("click", function () { allRelations(false); });
  data.legend.relations.forEach(function (entry) {
    var row = el("div"), line = el("span", "line" + (entry.dashed ? " dashed" : ""));
    line.style.borderTopColor = entry.color;
    row.appendChild(line); row.appendChild(document.createTextNode(entry.group));
    $("legend-groups").appendChild(row);
  });

  // ---- the network ----
  var big = data.layout === "static";
  var options = {
    nodes: { borderWidth: 1.5, font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: big ? { min: 6, max: 40, label: { enabled: true, min: 10, max: 120, maxVisible: 26, drawThreshold: 7 } }
                          : { label: { drawThreshold: 5 } } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1, arrows: { to: { scaleFactor: 0.6 } },
             font: { size: 10, align: "middle", color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" } },
    physics: big ? false : {
      enabled: true, solver: "barnesHut", minVelocity: 1,
      barnesHut: { gravitationalConstant: -5000, springLength: 160, springConstant: 0.04, damping: 0.35, avoidOverlap: 0.3 },
      stabilization: { enabled: true, iterations: data.stabilize, updateInterval: 25, fit: true }
    },
    layout: { improvedLayout: !big && data.nodes.length <= 150, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false }
  };
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, options);
  window.network = network;
  function fitClear(animate) {
    // fit the graph into the part of the window the side panel leaves free
    network.fit({ animation: false });
    var width = $("graph").clientWidth, panel = $("panel").offsetWidth + 16;
    if (width > 2 * panel) {
      network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * (width - panel) / width,
                       offset: { x: panel / 2, y: 0 }, animation: animate ? { duration: 300 } : false });
    }
  }
  function ready() {
    if (window.geokgReady) return;
    if (data.nodes.length) fitClear(false);
    window.geokgReady = true;
    status(data.nodes.length ? "" : "Nothing to show: no entity matches the filters.");
  }
  if (big || !data.nodes.length) {
    network.once("afterDrawing", ready);
  } else {
    status("Arranging " + plural(data.nodes.length, "node") + "\u2026");
    var stop = function () { network.setOptions({ physics: false }); ready(); };
    network.once("stabilizationIterationsDone", stop);
    setTimeout(stop, 15000); // a hard bound, whatever happens
  }

  // ---- text built from the data ----
  function nodeName(id) { var n = nodes.get(id); return n ? n.name : String(id); }
  function arrow(e) { return e.arrows === "to" ? [" \u2192 ", " \u2192 "] : [" \u2014 ", " \u2014 "]; }
  function tripleText(e) { var a = arrow(e); return nodeName(e.from) + a[0] + e.rel + a[1] + nodeName(e.to); }
  function evidenceMeta(ev) {
    var parts = [];
    if (ev.title) parts.push(ev.title);
    if (ev.outlet) parts.push(ev.outlet);
    if (ev.date) parts.push(ev.date);
    else if (ev.published) parts.push("published " + ev.published);
    if (ev.date && ev.published && ev.published !== ev.date) parts.push("published " + ev.published);
    if (ev.confidence !== null && ev.confidence !== undefined) parts.push("confidence " + ev.confidence);
    return parts.join(" \u00b7 ");
  }
  function nodeSummary(n) {
    var k = (byNode[n.id] || []).length;
    return n.cls + " \u00b7 " + plural(k, "relation") + (n.docs ? " \u00b7 " + plural(n.docs, "document") : "");
  }

  function nodeTip(id) {
    var n = nodes.get(id), box = el("div");
    box.appendChild(el("div", "head", n.name));
    box.appendChild(el("div", "meta", nodeSummary(n)));
    if (n.names.length) box.appendChild(el("div", null, "Also: " + n.names.slice(0, 6).join("; ") + (n.names.length > 6 ? "; \u2026" : "")));
    if (n.wikidata) box.appendChild(el("div", null, "Wikidata: " + n.wikidata));
    var ids = byNode[id] || [];
    if (ids.length) {
      var list = el("ul");
      ids.slice(0, 10).forEach(function (eid) { list.appendChild(el("li", null, tripleText(edges.get(eid)))); });
      if (ids.length > 10) list.appendChild(el("li", "meta", "+" + (ids.length - 10) + " more: click the node"));
      box.appendChild(list);
    }
    return box;
  }
  function edgeTip(id) {
    var e = edges.get(id), box = el("div");
    box.appendChild(el("div", "head", tripleText(e)));
    box.appendChild(el("div", "meta", e.n ? plural(e.n, "piece") + " of evidence" : "no recorded evidence"));
    e.ev.slice(0, 2).forEach(function (ev) {
      box.appendChild(el("div", "quote", "\u201c" + ev.sentence + "\u201d"));
      box.appendChild(el("div", "meta", evidenceMeta(ev)));
    });
    if (e.n > 2) box.appendChild(el("div", "meta", "+" + (e.n - 2) + " more: click the edge"));
    return box;
  }

  // ---- tooltip ----
  var tip = $("tip"), mouse = { x: 0, y: 0 };
  function place() {
    var w = tip.offsetWidth, h = tip.offsetHeight, x = mouse.x + 16, y = mouse.y + 16;
    if (x + w > window.innerWidth - 4) x = Math.max(4, mouse.x - w - 16);
    if (y + h > window.innerHeight - 4) y = Math.max(4, window.innerHeight - h - 4);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function showTip(content) { tip.replaceChildren(content); tip.hidden = false; place(); }
  function hideTip() { tip.hidden = true; }
  $("graph").addEventListener("mousemove", function (ev) { mouse.x = ev.clientX; mouse.y = ev.clientY; if (!tip.hidden) place(); });
  $("graph").addEventListener("mouseleave", hideTip);
  network.on("hoverNode", function (p) { showTip(nodeTip(p.node)); });
  network.on("hoverEdge", function (p) { if (tip.hidden) showTip(edgeTip(p.edge)); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---- details panel ----
  var details = $("details"), body = $("details-body");
  function button(text, onClick) {
    var b = el("button", "link", text);
    b.type = "button"; b.addEventListener("click", onClick);
    return b;
  }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    body.replaceChildren();
    body.appendChild(el("h2", null, n.name));
    body.appendChild(el("div", "meta", nodeSummary(n)));
    if (n.names.length) body.appendChild(el("div", "meta", "Other names: " + n.names.join("; ")));
    if (n.wikidata && /^https?:\/\/www\.wikidata\.org\/entity\/Q[0-9]+$/.test(n.wikidata)) {
      var row = el("div", "meta", "Wikidata: ");
      row.appendChild(link(n.wikidata, n.wikidata.split("/").pop()));
      body.appendChild(row);
    }
    var ids = byNode[id] || [];
    body.appendChild(el("h3", null, "Relations (" + ids.length + ")"));
    var list = el("ul");
    ids.forEach(function (eid) {
      var e = edges.get(eid), li = el("li");
      li.appendChild(button(tripleText(e), function () { network.selectEdges([eid]); showEdge(eid); }));
      li.appendChild(el("span", "meta", " (" + e.n + ")"));
      list.appendChild(li);
    });
    body.appendChild(list);
    details.hidden = false;
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    var a = arrow(e), head = el("h2");
    head.appendChild(button(nodeName(e.from), function () { select(e.from); }));
    head.appendChild(document.createTextNode(a[0] + e.rel + a[1]));
    head.appendChild(button(nodeName(e.to), function () { select(e.to); }));
    body.replaceChildren(head);
    body.appendChild(el("div", "meta", e.n ? plural(e.n, "piece") + " of evidence" : "No recorded evidence (the relation has no assertion)."));
    e.ev.forEach(function (ev) {
      body.appendChild(el("blockquote", null, ev.sentence));
      body.appendChild(el("div", "meta", evidenceMeta(ev)));
      var extra = [];
      if (ev.rule) extra.push("rule " + ev.rule);
      if (ev.cameo) extra.push("CAMEO " + ev.cameo);
      if (extra.length) body.appendChild(el("div", "meta", extra.join(" \u00b7 ")));
      if (ev.source) {
        var src = el("div", "meta", "Source: "), url = safeUrl(ev.source);
        src.appendChild(url ? link(url) : document.createTextNode(ev.source));
        body.appendChild(src);
      }
    });
    if (e.n > e.ev.length) body.appendChild(el("div", "meta", (e.n - e.ev.length) + " more pieces of evidence are in the graph but not in this page."));
    details.hidden = false;
  }
  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  $("details-close").addEventListener("click", function () { details.hidden = true; network.unselectAll(); });
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else details.hidden = true;
  });
  $("fit").addEventListener("click", function () { fitClear(true); });

  // ---- search ----
  var index = {};
  data.nodes.forEach(function (n) {
    [n.name].concat(n.names).forEach(function (name) { var k = fold(name); (index[k] = index[k] || []).push(n.id); });
  });
  if (data.nodes.length <= 5000) {
    var names = $("names");
    data.nodes.forEach(function (n) { var o = el("option"); o.value = n.name; names.appendChild(o); });
  }
  function find(text) {
    var q = fold(text), hit = index[q];
    if (hit) return hit[0];
    var keys = Object.keys(index), k;
    for (k = 0; k < keys.length; k++) if (keys[k].indexOf(q) === 0) return index[keys[k]][0];
    for (k = 0; k < keys.length; k++) if (keys[k].indexOf(q) >= 0) return index[keys[k]][0];
    return null;
  }
  function search() {
    var text = $("search").value;
    if (!text.trim()) { $("search-status").textContent = ""; return; }
    var id = find(text);
    $("search-status").textContent = id ? "" : "No entity named \u201c" + text + "\u201d.";
    if (id) select(id);
  }
  $("search").addEventListener("change", search);
  $("search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") search(); });

  window.geokgView = { showNode: showNode, showEdge: showEdge, select: select, find: find, data: data };
})();
