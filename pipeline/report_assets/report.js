// The papergraph report page: reads the JSON data block, draws the graph with
// Cytoscape.js, and fills the search list, the details panel and the cards.
// Text from the data only ever reaches the page as text nodes (textContent),
// never as markup, so a title or a sentence cannot inject HTML.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("pg-data").textContent);
  const colours = data.colours;
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const ROLE_WORDS = {
    proposes: "proposes", uses: "uses", builds_on: "builds on", compares_with: "compares with",
    evaluated_on: "evaluated on", runs_on: "runs on", reports: "reports", mentions: "mentions",
  };

  // ------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Letter case, spaces and dashes folded away, as names are matched elsewhere
  // in papergraph: "Flash Attention" finds FlashAttention.
  function fold(text) {
    return (text || "").toLowerCase().replace(/[\s\p{Pd}]/gu, "");
  }

  function roleWord(role) {
    return ROLE_WORDS[role] || role.replace(/_/g, " ");
  }

  function nameOf(key) {
    const node = nodeById.get(key);
    return node ? node.name : key;
  }

  function typeBadge(type) {
    return el("span", { class: "type", style: `background:${colours[type] || "#888"}` }, type);
  }

  function chip(key) {
    const node = nodeById.get(key);
    const type = node ? node.type : "Paper";
    return el("span", {
      class: "chip", title: `${type}: ${nameOf(key)}`, style: `background:${colours[type] || "#888"}`,
      "data-key": key, onclick: (event) => { event.stopPropagation(); select(key); },
    }, node ? node.label : key);
  }

  function paperLink(key) {
    return el("span", { class: "paper-link", "data-key": key, onclick: () => select(key) }, nameOf(key));
  }

  // An evidence sentence with the named span marked.
  function evidence(ev, withPaper) {
    const s = ev.sentence || "";
    const ok = Number.isInteger(ev.start) && Number.isInteger(ev.end) && ev.start >= 0 && ev.start < ev.end && ev.end <= s.length;
    const quote = ok
      ? el("blockquote", { class: "evidence" }, s.slice(0, ev.start), el("mark", {}, s.slice(ev.start, ev.end)), s.slice(ev.end))
      : el("blockquote", { class: "evidence" }, s);
    const by = [];
    if (withPaper && ev.paper) by.push(el("span", {}, "from ", paperLink(ev.paper), " · "));
    by.push(`${ev.component}, confidence ${ev.confidence}`);
    quote.append(el("span", { class: "by" }, by));
    return quote;
  }

  // ------------------------------------------------------------- counts

  function showCounts() {
    const c = data.counts;
    const items = [["papers", c.papers]];
    for (const [type, n] of Object.entries(c.entities)) items.push([type.toLowerCase() + (n === 1 ? "" : type === "Hardware" ? "" : "s"), n]);
    items.push(["edges", c.edges], ["results", c.results], ["similar links", c.similar_links]);
    const box = document.getElementById("counts");
    for (const [label, n] of items) box.append(el("span", { class: "count" }, el("b", {}, n), " ", label));
  }

  // ------------------------------------------------------------- legend

  function showLegend() {
    const box = document.getElementById("legend");
    for (const [type, colour] of Object.entries(colours)) {
      box.append(el("div", {}, el("span", { class: "swatch" + (type === "Paper" ? " paper" : ""), style: `background:${colour}` }), type));
    }
    box.append(el("div", {}, el("span", { class: "edge-key" }), "builds on"));
    box.append(el("div", {}, el("span", { class: "edge-key proposes" }), "proposes"));
    box.append(el("div", {}, el("span", { class: "edge-key other" }), "other roles"));
  }

  // -------------------------------------------------------------- graph

  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: {
      // Sizes (by degree) and positions come with the data: laid out when the
      // report was written. Labels grow with the node, so hubs read first.
      nodes: data.nodes.map((n) => ({
        data: { id: n.id, type: n.type, label: n.label, colour: colours[n.type] || "#888", size: n.size, font: 8 + (n.size - 12) * 0.6 },
        position: { x: n.x, y: n.y },
      })),
      edges: data.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
    },
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": "data(font)", color: "#333", "text-valign": "bottom",
        "text-margin-y": 2, "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 10,
        "border-width": 1, "border-color": "#fff",
      } },
      { selector: 'node[type = "Paper"]', style: { shape: "round-rectangle" } },
      { selector: "edge", style: { width: 1, "line-color": "#c9d0d8", "curve-style": "straight", opacity: 0.8 } },
      { selector: 'edge[type = "BUILDS_ON"]', style: {
        width: 2.5, "line-color": "#3b3f45", "target-arrow-shape": "triangle", "target-arrow-color": "#3b3f45", "arrow-scale": 0.9, opacity: 1,
      } },
      { selector: 'edge[type = "PROPOSES"]', style: {
        width: 2, "line-color": colours.Paper, "target-arrow-shape": "triangle", "target-arrow-color": colours.Paper, "arrow-scale": 0.8,
      } },
      { selector: 'edge[type = "SIMILAR_TO"]', style: { "line-style": "dashed", "line-color": "#9fb3c8" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "edge:selected", style: { "line-color": "#d1242f", "target-arrow-color": "#d1242f", width: 3 } },
      { selector: ".faded", style: { opacity: 0.12, "text-opacity": 0 } },
      { selector: ".hit", style: { "border-width": 3, "border-color": "#111", "min-zoomed-font-size": 0 } },
      { selector: ".hidden", style: { display: "none" } },
    ],
    layout: { name: "preset", fit: true, padding: 20 },
    minZoom: 0.05,
    maxZoom: 3,
  });

  cy.on("tap", "node", (event) => select(event.target.id(), true));
  cy.on("tap", "edge", (event) => showEdge(event.target.id()));
  cy.on("tap", (event) => { if (event.target === cy) search(document.getElementById("search").value); });

  // ------------------------------------------------------------- details

  const details = document.getElementById("details");

  // Select a node: show it in the panel and bring out its neighbourhood. From
  // the list, a card or a chip, the view also moves to the neighbourhood; a
  // node tapped on the canvas stays where the reader is looking.
  function select(key, tapped) {
    const node = cy.getElementById(key);
    if (node.empty()) return;
    if (node.hasClass("hidden")) showWhole();
    cy.elements().unselect();
    node.select();
    // Bring out the node's neighbourhood; the rest fades until the background is tapped.
    const near = node.closedNeighborhood().filter((e) => !e.hasClass("hidden"));
    cy.batch(() => {
      cy.elements().removeClass("hit").addClass("faded");
      near.removeClass("faded");
    });
    if (!tapped) {
      // Fit the neighbourhood, but never zoom in so far that labels swamp it.
      const box = near.boundingBox();
      const level = Math.min(1.2, (cy.width() - 120) / Math.max(box.w, 1), (cy.height() - 120) / Math.max(box.h, 1));
      cy.stop(true);
      cy.animate({ zoom: level, center: { eles: near } }, { duration: 250 });
    }
    for (const li of document.querySelectorAll("#list li.current")) li.classList.remove("current");
    const li = document.querySelector(`#list li[data-key="${CSS.escape(key)}"]`);
    if (li) li.classList.add("current");
    if (key.startsWith("paper/")) showPaper(key);
    else showEntity(key);
  }

  function showPaper(key) {
    details.replaceChildren(card(key, true));
    details.scrollTop = 0;
  }

  function showEntity(key) {
    const e = data.entities[key];
    const parts = [
      el("div", {}, typeBadge(e.type)),
      el("h2", {}, e.name),
      e.aliases.length ? el("div", { class: "aliases" }, "also: ", e.aliases.join(", ")) : null,
      e.definition ? el("p", { class: "definition" }, e.definition) : null,
    ];
    if (e.ancestors.length || e.descendants.length || e.builders.length) {
      parts.push(el("div", { class: "actions" }, el("button", { type: "button", id: "show-lineage", onclick: () => showLineage(key) }, "Show its lineage")));
    }
    if (e.ancestors.length) parts.push(el("h3", {}, "Builds on"), el("div", {}, e.ancestors.map(chip)));
    if (e.descendants.length) parts.push(el("h3", {}, "Built on by"), el("div", {}, e.descendants.map(chip)));
    if (e.builders.length) {
      parts.push(el("h3", {}, `Papers that build on it (${e.builders.length})`));
      parts.push(el("div", { id: "builders" }, e.builders.map((b) => {
        // Each hop's surest sentence: the first hop's is the paper's own.
        const shown = b.hops.map((id, i) => {
          const hop = edgeById.get(id);
          const ev = hop ? hop.evidence[b.best[i]] : null;
          return ev ? evidence(ev, i > 0) : null;
        });
        return el("div", { class: "entry builder", "data-key": b.paper },
          paperLink(b.paper),
          el("div", { class: "chain" }, b.direct ? "directly: " : "", b.chain, ` (confidence ${b.confidence.toFixed(2)})`),
          shown);
      })));
    }
    parts.push(el("h3", {}, `Papers naming it (${e.papers.length})`));
    parts.push(el("div", { id: "naming" }, e.papers.map((p) => el("div", { class: "entry", "data-key": p.paper },
      paperLink(p.paper),
      el("div", {}, p.roles.map((r) => el("span", { class: "role" }, roleWord(r)))),
      p.edges.map((id) => edgeById.get(id)).flatMap((edge) => edge.evidence.map((ev) => evidence(ev, false)))))));
    details.replaceChildren(...parts.filter(Boolean));
    details.scrollTop = 0;
  }

  function showEdge(id) {
    const edge = edgeById.get(id);
    const words = edge.type === "SIMILAR_TO" ? `similar to (score ${edge.score})` : edge.type.toLowerCase().replace(/_/g, " ");
    const parts = [
      el("h3", {}, "Edge"),
      el("h2", {}, chip(edge.source), " ", words, " ", chip(edge.target)),
    ];
    if (edge.derived_from.length) parts.push(el("p", { class: "muted" }, "derived from ", edge.derived_from.map((p) => el("div", {}, paperLink(p)))));
    parts.push(...edge.evidence.map((ev) => evidence(ev, true)));
    details.replaceChildren(...parts);
  }

  // --------------------------------------------------------------- cards

  function card(key, inPanel) {
    const p = data.papers[key];
    const title = p.url ? el("a", { href: p.url, target: "_blank", rel: "noopener" }, p.title) : p.title;
    const meta = [];
    if (p.code_url) meta.push(el("a", { href: p.code_url, target: "_blank", rel: "noopener", class: "code-link" }, "code"));
    if (p.url) meta.push(el("a", { href: p.url, target: "_blank", rel: "noopener" }, "paper"));
    if (p.published) meta.push(p.published + " ");
    if (p.authors.length) meta.push(p.authors.slice(0, 6).join(", ") + (p.authors.length > 6 ? ", …" : ""));
    const box = el("article", { class: "card", "data-key": key },
      inPanel ? el("div", {}, typeBadge("Paper")) : null,
      el(inPanel ? "h2" : "h3", {}, inPanel ? title : el("span", { class: "paper-link", onclick: () => { select(key); window.scrollTo({ top: 0, behavior: "smooth" }); } }, p.title)),
      meta.length ? el("div", { class: "meta" }, meta) : null);
    const roles = Object.entries(p.roles);
    if (roles.length) {
      box.append(el("div", { class: "section-title" }, "Entities by role"));
      for (const [role, items] of roles) {
        box.append(el("div", { class: "role-row" }, el("span", { class: "role" }, roleWord(role)), items.map((i) => chip(i.entity))));
      }
    }
    if (p.results.length) {
      box.append(el("div", { class: "section-title" }, `Results (${p.results.length})`));
      // One line per result: value, metric, where, against what; click for the sentence.
      box.append(el("ul", { class: "results" }, p.results.map((r) => {
        const quote = evidence(r.evidence, false);
        quote.hidden = true;
        const where = [r.dataset, r.hardware].filter(Boolean);
        return el("li", { class: "result", title: "click for the sentence", onclick: () => { quote.hidden = !quote.hidden; } },
          el("span", { class: "value" }, r.value, r.unit && !r.value.endsWith(r.unit) ? " " + r.unit : ""), " ",
          r.metric ? part(r.metric) : null,
          where.length ? el("span", { class: "muted" }, " on ") : null, where.map(part),
          r.baseline ? el("span", { class: "muted" }, " vs ") : null, r.baseline ? part(r.baseline) : null,
          quote);
      })));
    }
    if (inPanel && roles.length) {
      // In the panel there is room for why: each role's sentence, the entity marked.
      box.append(el("div", { class: "section-title" }, "Evidence"));
      for (const [role, items] of roles) {
        for (const item of items) {
          const edge = edgeById.get(item.edge);
          box.append(el("div", { class: "entry evidence-entry" },
            el("span", { class: "role" }, roleWord(role)), chip(item.entity),
            edge.evidence.slice(0, 1).map((ev) => evidence(ev, false))));
        }
      }
    }
    if (p.similar.length) {
      box.append(el("div", { class: "section-title" }, "Similar papers"));
      box.append(el("div", {}, p.similar.slice(0, 8).map((s) => el("div", {}, paperLink(s.paper), el("span", { class: "muted" }, ` ${s.score.toFixed(2)}`)))));
    }
    return box;
  }

  function part(ref) {
    return ref.key ? chip(ref.key) : el("span", {}, ref.name);
  }

  // -------------------------------------------------------------- search

  // What a search matches: a paper by its title and the names of its
  // entities; an entity by its name and aliases.
  const searchText = new Map();
  for (const n of data.nodes) {
    if (n.type === "Paper") {
      const names = Object.values(data.papers[n.id].roles).flat().map((r) => nameOf(r.entity));
      searchText.set(n.id, fold([n.name, ...names].join("\u0000")));
    } else {
      searchText.set(n.id, fold([n.name, ...data.entities[n.id].aliases].join("\u0000")));
    }
  }
  const listOrder = [...data.nodes].sort((a, b) =>
    (a.type === "Paper" ? 0 : 1) - (b.type === "Paper" ? 0 : 1) || a.name.localeCompare(b.name));
  const listItems = new Map();
  const list = document.getElementById("list");
  for (const n of listOrder) {
    const li = el("li", { "data-key": n.id, "data-type": n.type, onclick: () => select(n.id) }, typeBadge(n.type), el("span", {}, n.name));
    listItems.set(n.id, li);
    list.append(li);
  }
  const cardBox = document.getElementById("cards");
  const cards = new Map();
  for (const n of listOrder) {
    if (n.type !== "Paper") continue;
    const c = card(n.id, false);
    cards.set(n.id, c);
    cardBox.append(c);
  }

  function search(query) {
    const q = fold(query);
    let shown = 0;
    let shownCards = 0;
    const hits = new Set();
    for (const [key, li] of listItems) {
      const match = !q || searchText.get(key).includes(q);
      li.hidden = !match;
      if (match) { shown += 1; hits.add(key); }
      const c = cards.get(key);
      if (c) { c.hidden = !match; if (match) shownCards += 1; }
    }
    document.getElementById("match-count").textContent = q
      ? `${shown} of ${listItems.size} match` : `${listItems.size} papers and entities`;
    document.getElementById("card-count").textContent = q ? `(${shownCards} of ${cards.size})` : `(${cards.size})`;
    cy.batch(() => {
      cy.elements().removeClass("faded hit");
      if (q) {
        cy.nodes().forEach((node) => node.addClass(hits.has(node.id()) ? "hit" : "faded"));
        cy.edges().forEach((edge) => { if (!hits.has(edge.source().id()) || !hits.has(edge.target().id())) edge.addClass("faded"); });
      }
    });
    return shown;
  }

  let pending = null;
  document.getElementById("search").addEventListener("input", (event) => {
    clearTimeout(pending);
    pending = setTimeout(() => search(event.target.value), 120);
  });

  // ------------------------------------------------------------- lineage

  const lineageSelect = document.getElementById("lineage");
  for (const key of data.lineage_roots) {
    const e = data.entities[key];
    const n = e.builders.length;
    lineageSelect.append(el("option", { value: key }, `${e.name} (${e.type.toLowerCase()}, ${n} paper${n === 1 ? "" : "s"})`));
  }
  lineageSelect.addEventListener("change", () => (lineageSelect.value ? showLineage(lineageSelect.value) : showWhole()));

  // X's lineage: what X builds on and what builds on X (entities), the papers
  // that build on X, and the papers that propose any entity of the lineage.
  function showLineage(key) {
    const e = data.entities[key];
    const entities = new Set([key, ...e.ancestors, ...e.descendants]);
    const keep = new Set(entities);
    for (const b of e.builders) keep.add(b.paper);
    for (const k of entities) for (const p of data.entities[k].proposed_by) keep.add(p);
    lineageSelect.value = key;
    cy.batch(() => {
      cy.elements().removeClass("faded hit");
      cy.nodes().forEach((node) => node.toggleClass("hidden", !keep.has(node.id())));
      cy.edges().forEach((edge) => edge.toggleClass("hidden",
        !(keep.has(edge.source().id()) && keep.has(edge.target().id()) && (edge.data("type") === "BUILDS_ON" || edge.data("type") === "PROPOSES"))));
    });
    // Oldest ancestors on top: what builds on them hangs below.
    const roots = new Set([key, ...e.ancestors].filter((k) => !data.entities[k].ancestors.some((a) => entities.has(a))));
    cy.elements(":visible").layout({
      name: "breadthfirst", directed: false, roots: cy.nodes().filter((node) => roots.has(node.id())),
      spacingFactor: 1.1, padding: 30, animate: false, fit: true, nodeDimensionsIncludeLabels: true,
    }).run();
    cy.elements().unselect();
    cy.getElementById(key).select();
    showEntity(key);
  }

  function showWhole() {
    lineageSelect.value = "";
    cy.batch(() => {
      cy.elements().removeClass("hidden");
      cy.nodes().forEach((node) => node.position({ x: nodeById.get(node.id()).x, y: nodeById.get(node.id()).y }));
    });
    cy.fit(undefined, 20);
    search(document.getElementById("search").value);
  }

  document.getElementById("whole").addEventListener("click", showWhole);
  document.getElementById("fit").addEventListener("click", () => cy.fit(cy.elements(":visible"), 20));

  // --------------------------------------------------------------- start

  showCounts();
  showLegend();
  search("");

  // For tests and the browser console.
  window.papergraph = { cy, data, select, search, showLineage, showWhole };
})();
