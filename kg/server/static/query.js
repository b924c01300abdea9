// The geokg query page: saved questions, a SPARQL editor and a results table.
// Plain JavaScript served by the package (no CDN); every value is inserted as text, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const PREFIXES = {};
  let questions = [];

  function element(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  function compact(iri) {
    let best = "";
    for (const [name, ns] of Object.entries(PREFIXES)) {
      if (iri.startsWith(ns) && ns.length > (PREFIXES[best] || "").length) {
        const local = iri.slice(ns.length);
        if (local && !/[/#?<> ]/.test(local)) best = name;
      }
    }
    if (!best) return iri;
    let local = iri.slice(PREFIXES[best].length);
    try { local = decodeURIComponent(local); } catch (e) { /* keep it encoded */ }
    return best + ":" + local;
  }

  function isGraphQuery(text) {
    const body = text.replace(/#[^\n]*/g, "").replace(/<[^>\s]*>/g, "<>").replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
    const match = body.replace(/^\s*((BASE\s*<>|PREFIX\s+\S*:\s*<>)\s*)*/i, "").match(/^[A-Za-z]+/);
    return !!match && /^(CONSTRUCT|DESCRIBE)$/i.test(match[0]);
  }

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = false;
  }

  function clear() {
    $("error").hidden = true;
    $("output").replaceChildren();
    $("status").textContent = "";
    $("downloads").replaceChildren();
  }

  function termCell(term) {
    const cell = element("td");
    if (!term) return cell;
    if (term.type === "uri") {
      const link = element("a", compact(term.value), { href: "#", title: term.value });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        $("sparql").value = "SELECT ?property ?value ?direction WHERE {\n" +
          "  { <" + term.value + "> ?property ?value BIND(\"out\" AS ?direction) }\n" +
          "  UNION { ?value ?property <" + term.value + "> BIND(\"in\" AS ?direction) }\n}\nORDER BY ?direction ?property LIMIT 500";
        runEditor();
      });
      cell.appendChild(link);
    } else if (term.type === "bnode") {
      cell.textContent = "_:" + term.value;
    } else {
      cell.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) cell.appendChild(element("span", "@" + term["xml:lang"], { class: "lang" }));
    }
    return cell;
  }

  function renderResults(data) {
    const output = $("output");
    if (typeof data.boolean === "boolean") {
      output.appendChild(element("p", String(data.boolean), { class: "answer" }));
      return 1;
    }
    const vars = data.head.vars || [];
    const rows = data.results.bindings || [];
    const table = element("table");
    const head = element("tr");
    vars.forEach((v) => head.appendChild(element("th", v)));
    table.appendChild(element("thead")).appendChild(head);
    const body = table.appendChild(element("tbody"));
    for (const row of rows) {
      const tr = element("tr");
      vars.forEach((v) => tr.appendChild(termCell(row[v])));
      body.appendChild(tr);
    }
    output.appendChild(table);
    return rows.length;
  }

  function downloads(url, body, graph) {
    const box = $("downloads");
    box.appendChild(document.createTextNode("download:"));
    const kinds = graph ? ["turtle", "jsonld", "ntriples", "rdfxml"] : ["csv", "tsv", "json", "xml"];
    for (const kind of kinds) {
      const params = new URLSearchParams(body);
      params.set("format", kind);
      box.appendChild(element("a", kind, { href: url + "?" + params.toString(), download: "answer." + kind }));
    }
  }

  async function send(url, body, graph) {
    clear();
    $("status").textContent = "running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": graph ? "text/turtle" : "application/sparql-results+json" },
        body: new URLSearchParams(body),
      });
    } catch (e) {
      $("status").textContent = "";
      showError("The server cannot be reached: " + e);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const text = await response.text();
    if (!response.ok) {
      $("status").textContent = "HTTP " + response.status + " · " + ms + " ms";
      showError(text.trim());
      return;
    }
    let count;
    if (graph || !(response.headers.get("Content-Type") || "").includes("json")) {
      $("output").appendChild(element("pre", text));
      count = (text.match(/ \.\s*$/gm) || []).length;
    } else {
      count = renderResults(JSON.parse(text));
    }
    const cap = response.headers.get("X-SPARQL-MaxRows");
    $("status").textContent = count + (count === 1 ? " row" : " rows") + " · " + ms + " ms" +
      (cap ? " · cut at " + cap + " rows (add LIMIT/OFFSET to page)" : "");
    downloads(url, body, graph);
  }

  function runEditor() {
    const text = $("sparql").value;
    send("/sparql", { query: text }, isGraphQuery(text));
  }

  function selectedQuestion() {
    return questions.find((q) => q.name === $("question").value);
  }

  function showQuestion() {
    const q = selectedQuestion();
    const params = $("question-params");
    params.replaceChildren();
    $("question-title").textContent = q ? q.title : "";
    $("question-description").textContent = q ? q.description : "";
    $("ask").disabled = $("edit").disabled = !q;
    if (!q) return;
    for (const p of q.params) {
      const label = element("label");
      label.appendChild(element("span", p.name, { class: p.required ? "req" : "" }));
      const input = element("input", null, { name: p.name, placeholder: p.kind });
      if (p.required) input.required = true;
      label.appendChild(input);
      label.appendChild(element("span", p.help, { class: "hint" }));
      params.appendChild(label);
    }
  }

  async function init() {
    $("run").addEventListener("click", runEditor);
    $("sparql").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); runEditor(); }
    });
    $("question").addEventListener("change", showQuestion);
    $("question-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const q = selectedQuestion();
      if (!q) return;
      const body = {};
      for (const input of $("question-params").querySelectorAll("input")) {
        if (input.value.trim()) body[input.name] = input.value.trim();
      }
      send("/questions/" + encodeURIComponent(q.name), body, false);
    });
    $("edit").addEventListener("click", () => {
      const q = selectedQuestion();
      if (q) $("sparql").value = q.sparql;
    });
    $("endpoint").textContent = new URL("/sparql", window.location.href).href;
    try {
      Object.assign(PREFIXES, await (await fetch("/prefixes")).json());
      questions = await (await fetch("/questions")).json();
      for (const q of questions) $("question").appendChild(element("option", q.name + " — " + q.title, { value: q.name }));
    } catch (e) {
      showError("Cannot load the saved questions: " + e);
    }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
