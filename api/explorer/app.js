/* Samverkansgrafen explorer: filters → GET /graph → vis-network; panel from GET /entities/{id}.
 * No external requests: vis-network is served from vendor/. All data text is inserted with
 * textContent (never innerHTML) because names and quotes come from report texts. */
"use strict";

(function () {
  const API = new URL(document.documentElement.dataset.apiBase || "/", location.href);
  const FILTERS = ["theme", "county", "area", "municipality", "sdg", "priority", "document"];
  const TYPE_ORDER = ["Organisation", "Arena", "Project", "Strategy", "Priority", "StrategicArea",
    "Theme", "SDG", "Municipality", "County", "Event", "ContactPerson"];
  const DEFAULT_TYPES = ["Organisation", "Arena", "Project", "Theme"];
  const GLYPHS = { dot: "●", diamond: "◆", square: "■", triangle: "▲", triangleDown: "▼", star: "★", hexagon: "⬢" };
  const PRIVATE_ATTRS = new Set(["phone", "email"]);
  const BIG_GRAPH = 400;
  const ITEM_TYPES = new Set(["Arena", "Project", "Event", "StrategicArea", "Priority"]);
  const COLLABORATION = new Set(["member_of", "leads", "partner_in", "funds", "participant_in"]);
  const MAX_CONTEXT = 120;

  const state = {
    lang: "sv", types: new Set(DEFAULT_TYPES), filters: {}, selected: null, tab: "list",
    hidden: new Set(), pinned: new Set(), extra: new Set(), question: null,
  };
  let style = null;
  let network = null;
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const names = new Map();
  let answer = null;
  let highlighted = null;
  let graphSeq = 0;
  let resolveReady;
  const ready = new Promise((r) => { resolveReady = r; });

  const $ = (id) => document.getElementById(id);
  const t = (key, vars) => {
    let s = (I18N[state.lang] && I18N[state.lang][key]) || I18N.sv[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replace("{" + k + "}", v);
    return s;
  };
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  const typeLabel = (type) => {
    const s = style && style.entity_types[type];
    return s ? s[state.lang === "sv" ? "label_sv" : "label_en"] : type;
  };
  const relLabel = (type) => {
    const s = style && style.relation_types[String(type).toLowerCase()];
    return s ? s[state.lang === "sv" ? "label_sv" : "label_en"] : type;
  };
  const glyph = (type) => {
    const s = (style && style.entity_types[type]) || { color: "#fff", border: "#595959", shape: "dot" };
    return el("span", { class: "glyph", "aria-hidden": "true", style: `color:${s.color};-webkit-text-stroke-color:${s.border}` },
      GLYPHS[s.shape] || "●");
  };

  async function api(path, params) {
    const url = new URL(path.replace(/^\//, ""), API);
    for (const [k, v] of Object.entries(params || {})) {
      for (const one of [].concat(v)) if (one !== "" && one !== null && one !== undefined) url.searchParams.append(k, one);
    }
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.statusText;
      try { detail = (await res.json()).detail || detail; } catch (_) { /* not JSON */ }
      throw new Error(`${res.status} ${detail}`);
    }
    return res.json();
  }

  function showError(err) {
    const box = $("error");
    if (!err) { box.hidden = true; return; }
    box.textContent = t("error", { msg: err.message || String(err) });
    box.hidden = false;
  }

  /* ---------- URL state (shareable views) ---------- */
  function readUrl() {
    const p = new URLSearchParams(location.search);
    state.lang = p.get("lang") === "en" ? "en" : "sv";
    if (p.has("type")) state.types = new Set(p.getAll("type"));
    for (const f of FILTERS) if (p.get(f)) state.filters[f] = p.get(f);
    state.selected = p.get("node");
    state.hidden = new Set(p.getAll("hide"));
    state.pinned = new Set(p.getAll("pin"));
    state.extra = new Set(p.getAll("add"));
    const q = p.get("question");
    if (q) {
      const params = {};
      for (const [k, v] of p.entries()) if (k.startsWith("q.")) params[k.slice(2)] = v;
      state.question = { name: q, params };
    }
  }
  function writeUrl() {
    const p = new URLSearchParams();
    if (state.lang !== "sv") p.set("lang", state.lang);
    const types = [...state.types].sort();
    if (types.join() !== [...DEFAULT_TYPES].sort().join()) for (const ty of types) p.append("type", ty);
    if (!types.length) p.append("type", "");
    for (const f of FILTERS) if (state.filters[f]) p.set(f, state.filters[f]);
    if (state.selected) p.set("node", state.selected);
    for (const h of state.hidden) p.append("hide", h);
    for (const n of state.pinned) p.append("pin", n);
    for (const a of state.extra) p.append("add", a);
    if (state.question) {
      p.set("question", state.question.name);
      for (const [k, v] of Object.entries(state.question.params)) p.set("q." + k, v);
    }
    const qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
  }

  /* ---------- language ---------- */
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
    for (const e of document.querySelectorAll("[data-i18n-aria-label]")) e.setAttribute("aria-label", t(e.dataset.i18nAriaLabel));
    const b = $("lang-button");
    b.textContent = t("lang_switch");
    b.lang = state.lang === "sv" ? "en" : "sv";
    b.setAttribute("aria-label", t("lang_switch_label"));
    renderTypeOptions();
    renderLegend();
    renderQuestionsMenu();
    refreshOptionLabels();
    renderPanel();
    updateStatus();
  }

  /* ---------- filters ---------- */
  function renderTypeOptions() {
    const box = $("type-options");
    box.replaceChildren();
    for (const type of TYPE_ORDER) {
      const id = "type-" + type;
      const cb = el("input", { type: "checkbox", id, value: type, checked: state.types.has(type) });
      cb.addEventListener("change", () => {
        if (cb.checked) state.types.add(type); else state.types.delete(type);
        reload();
      });
      box.append(el("label", { for: id }, cb, glyph(type), typeLabel(type)));
    }
  }
  const optionSources = {
    "f-theme": { type: "Theme", value: (e) => e.id.replace(/^theme:/, "") },
    "f-municipality": { type: "Municipality", value: (e) => e.attributes.code || e.id },
    "f-sdg": { type: "SDG", value: (e) => String(e.attributes.goal || e.id.replace(/^sdg:/, "")) },
    "f-priority": { type: "Priority", value: (e) => e.id },
  };
  const optionItems = {};
  async function loadFilterOptions() {
    const jobs = Object.entries(optionSources).map(async ([sel, src]) => {
      try {
        const page = await api("/entities", { type: src.type, limit: 500 });
        optionItems[sel] = page.items.map((e) => ({ value: src.value(e), e }));
      } catch (err) { optionItems[sel] = []; }
    });
    jobs.push((async () => {
      try { optionItems["f-document"] = await loadDocuments(); } catch (err) { optionItems["f-document"] = []; }
    })());
    await Promise.all(jobs);
    refreshOptionLabels();
  }
  /* GET /documents lists the sources; a store served without that route still names its
   * documents in RDF, so the read-only SPARQL endpoint is the fallback. */
  const DOCUMENTS_SPARQL = "PREFIX sam: <https://w3id.org/samverkansgrafen/ontology#> " +
    "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?id ?title WHERE { " +
    "?d a sam:Document ; sam:id ?id . OPTIONAL { ?d dcterms:title ?title } }";
  async function loadDocuments() {
    try {
      const docs = await api("/documents");
      const list = Array.isArray(docs) ? docs : (docs.items || docs.documents || []);
      return list.map((d) => ({ value: d.id, label: d.title ? `${d.title} (${d.id})` : d.id }));
    } catch (err) {
      const res = await api("/sparql", { query: DOCUMENTS_SPARQL });
      return res.results.bindings.map((b) => ({
        value: b.id.value, label: b.title ? `${b.title.value} (${b.id.value})` : b.id.value }));
    }
  }
  function optionLabel(item) {
    if (item.label) return item.label;
    const e = item.e;
    if (e.type === "Theme") return state.lang === "en" ? (e.attributes.label_en || e.name) : (e.attributes.label_sv || e.name);
    if (e.type === "SDG") return state.lang === "en" ? `${e.attributes.goal}. ${e.attributes.name_en || e.name}` : e.name;
    return e.name;
  }
  function refreshOptionLabels() {
    for (const [sel, items] of Object.entries(optionItems)) {
      const select = $(sel);
      const first = select.options[0];
      const sorted = [...items].sort((a, b) => sel === "f-sdg"
        ? Number(a.value) - Number(b.value) : optionLabel(a).localeCompare(optionLabel(b), "sv"));
      select.replaceChildren(first, ...sorted.map((it) => el("option", { value: it.value }, optionLabel(it))));
    }
    syncFilterForm();
  }
  function syncFilterForm() {
    for (const f of FILTERS) {
      const select = $("f-" + f);
      const v = state.filters[f] || "";
      if (v && ![...select.options].some((o) => o.value === v)) select.append(el("option", { value: v }, v));
      select.value = v;
    }
  }
  function onFilterChange(ev) {
    const f = ev.target.name;
    if (!FILTERS.includes(f)) return;
    if (ev.target.value) state.filters[f] = ev.target.value; else delete state.filters[f];
    reload();
  }

  /* ---------- legend ---------- */
  function renderLegend() {
    if (!style) return;
    const types = $("legend-types");
    types.replaceChildren(...TYPE_ORDER.map((ty) => el("li", null, glyph(ty), typeLabel(ty))));
    const rels = $("legend-edges");
    rels.replaceChildren(...Object.entries(style.relation_types).filter(([k]) => k !== "mentions").map(([k, s]) => {
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", "26"); svg.setAttribute("height", "8"); svg.setAttribute("aria-hidden", "true");
      const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      for (const [a, v] of Object.entries({ x1: 0, y1: 4, x2: 26, y2: 4, stroke: s.color, "stroke-width": Math.max(1, s.width) })) line.setAttribute(a, v);
      if (Array.isArray(s.dashes)) line.setAttribute("stroke-dasharray", s.dashes.join(" "));
      svg.append(line);
      return el("li", null, svg, relLabel(k));
    }));
  }

  /* ---------- network ---------- */
  function nodeFor(n) {
    const s = style.entity_types[n.type] || { color: "#fff", border: "#595959", shape: "dot" };
    names.set(n.id, n.name);
    const typeName = typeLabel(n.type);
    return {
      id: n.id, label: n.name, shape: s.shape, value: 1 + 100 * (n.centrality || 0),
      title: `${n.name}\n${typeName}`, type: n.type, raw: n,
      color: { background: s.color, border: s.border, highlight: { background: s.color, border: "#1f2328" },
        hover: { background: s.color, border: "#1f2328" } },
      borderWidth: state.pinned.has(n.id) ? 4 : 1.5,
      fixed: state.pinned.has(n.id),
      hidden: state.hidden.has(n.id) || (highlighted !== null && !highlighted.has(n.id)),
      opacity: highlighted !== null && !highlighted.has(n.id) ? 0.18 : 1,
    };
  }
  function edgeFor(e) {
    const key = String(e.type).toLowerCase();
    const s = style.relation_types[key] || { color: "#767676", dashes: false, width: 1, arrows: "to" };
    return {
      id: `${e.source}|${key}|${e.target}`, from: e.source, to: e.target, type: key, confidence: e.confidence,
      arrows: s.arrows, dashes: s.dashes, width: s.width, color: { color: s.color, highlight: "#1f2328", hover: "#1f2328" },
      title: `${names.get(e.source) || e.source} ${relLabel(key)} ${names.get(e.target) || e.target}`,
    };
  }
  function mergeGraph(view) {
    nodes.update(view.nodes.map(nodeFor));
    edges.update(view.edges.filter((e) => nodes.get(e.source) && nodes.get(e.target)).map(edgeFor));
  }

  function createNetwork() {
    network = new vis.Network($("network"), { nodes, edges }, {
      autoResize: true,
      nodes: {
        scaling: { min: style.size.min, max: style.size.max, label: { enabled: true, min: 14, max: 22, drawThreshold: 8 } },
        font: { face: "system-ui, -apple-system, Segoe UI, sans-serif", size: 13, color: style.label_colour, strokeWidth: 3, strokeColor: "#ffffff" },
      },
      edges: { smooth: false, selectionWidth: 1.5, arrowStrikethrough: false },
      physics: {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -45, centralGravity: 0.02, springLength: 110, avoidOverlap: 0.3 },
        // Layouts run only when asked (relayout): data changes never start one on their own.
        enabled: false,
        stabilization: { enabled: false, iterations: 350, updateInterval: 50, fit: true },
      },
      layout: { improvedLayout: false, randomSeed: 7 }, // the same URL draws the same picture
      interaction: { hover: true, tooltipDelay: 200, multiselect: false, keyboard: { enabled: true, bindToWindow: false }, hideEdgesOnDrag: false },
    });
    // Freeze after stabilising: large graphs then cost nothing while idle (no endless physics).
    network.on("stabilizationIterationsDone", layoutDone);
    network.on("click", (p) => { if (p.nodes.length) select(p.nodes[0]); });
    network.on("doubleClick", (p) => { if (p.nodes.length) expand(p.nodes[0]); });
    network.on("dragEnd", (p) => {
      for (const id of p.nodes) if (state.pinned.has(id)) nodes.update({ id, fixed: true });
    });
  }
  /* One layout at a time: vis-network runs overlapping stabilize() calls as interleaved
   * batches that stop each other early, which left nodes piled up. A layout asked for while
   * one runs starts when it ends. "frozen" on <body> means idle: loaded and laid out. */
  let layoutBusy = false;
  let layoutPending = 0;
  let loadsRunning = 0;
  const afterLayout = [];
  function layoutDone() {
    layoutBusy = false;
    if (layoutPending) { const n = layoutPending; layoutPending = 0; relayout(n); return; }
    freeze();
  }
  function freeze() {
    network.setOptions({ physics: { enabled: false } });
    if (loadsRunning) return;
    for (const fn of afterLayout.splice(0)) fn();
    document.body.dataset.layout = "frozen";
    updateStatus();
  }
  function relayout(iterations) {
    const n = iterations || 300;
    if (loadsRunning === 0) document.body.dataset.layout = "running";
    $("status").textContent = t("layouting");
    if (layoutBusy) { layoutPending = Math.max(layoutPending, n); return; }
    // stabilize() on nothing visible returns without an event: nothing to lay out.
    if (!nodes.get({ filter: (x) => !x.hidden }).length) { freeze(); return; }
    layoutBusy = true;
    // Small views show every label; big ones only when zoomed in (drawing text is the cost).
    const visible = nodes.get({ filter: (x) => !x.hidden }).length;
    const big = visible > 150;
    const label = big ? { min: 14, max: 22, drawThreshold: 10 } : { min: 20, max: 30, drawThreshold: 3 };
    // Small views: shorter springs and more pull to the centre, so the fitted picture is
    // larger (separate clusters stay close) and its labels readable.
    const forceAtlas2Based = big ? { gravitationalConstant: -45, centralGravity: 0.02, springLength: 110 }
      : { gravitationalConstant: -40, centralGravity: 0.035, springLength: 80, avoidOverlap: 1 };
    network.setOptions({ physics: { enabled: true, forceAtlas2Based }, nodes: { scaling: { label } } });
    network.stabilize(big ? n : Math.max(n, 500)); // small views settle fully, and cheaply
  }

  /* Goals and priorities are reached through strategic areas (strategic area → priority →
   * strategy, strategic area → goal), and a strategy's areas carry themes too, so those
   * filters also show the types that carry them (as `samverkan viz` does). */
  const IMPLIED_TYPES = {
    theme: ["StrategicArea"], sdg: ["SDG", "StrategicArea"], priority: ["Priority", "StrategicArea"],
  };
  function viewTypes() {
    const types = new Set(state.types);
    for (const [f, extra] of Object.entries(IMPLIED_TYPES)) if (state.filters[f] && types.size) extra.forEach((x) => types.add(x));
    return types;
  }
  function graphParams() {
    return { ...state.filters, type: [...viewTypes()], limit: 2000 };
  }
  async function reload() {
    writeUrl();
    const seq = ++graphSeq;
    // Set synchronously, so whoever waits for "frozen" waits for this view, not the last one.
    document.body.dataset.layout = "loading";
    highlighted = null; // a new view replaces an answer's subgraph (the answer tab stays)
    $("status").textContent = t("loading");
    showError(null);
    loadsRunning += 1;
    let view = { nodes: [], edges: [], truncated: false };
    let failed = null;
    try {
      if (state.types.size) {
        view = await api("/graph", graphParams());
        if (seq === graphSeq) {
          nodes.clear(); edges.clear(); names.clear();
          mergeGraph(view);
          // A source document names its organisations itself: no collaborators to bring.
          if (FILTERS.some((f) => f !== "document" && state.filters[f])) await addCollaborators(view.nodes);
          for (const id of state.extra) if (seq === graphSeq) await addNeighbourhood(id, 1);
        }
      } else { nodes.clear(); edges.clear(); }
    } catch (err) { failed = err; } finally { loadsRunning -= 1; }
    if (seq !== graphSeq) return; // a newer view is on its way
    if (failed) { showError(failed); freeze(); return; }
    afterLoad(view.truncated);
  }
  let truncated = false;
  function afterLoad(wasTruncated) {
    truncated = wasTruncated;
    relayout(nodes.length > BIG_GRAPH ? 200 : 350);
    renderPanel();
    updateStatus();
    if (state.question && !answer) runQuestion(state.question.name, state.question.params);
    resolveReady();
  }
  function visibleNodes() { return nodes.get({ filter: (n) => !n.hidden }); }
  function visibleEdges() {
    const shown = new Set(visibleNodes().map((n) => n.id));
    return edges.get({ filter: (e) => shown.has(e.from) && shown.has(e.to) });
  }
  function updateStatus() {
    if (!network) return;
    const status = $("status");
    if (document.body.dataset.layout !== "frozen") return;
    status.textContent = t("status", { nodes: visibleNodes().length, edges: visibleEdges().length }) + (truncated ? t("truncated") : "");
    const unhide = $("unhide-button");
    unhide.hidden = state.hidden.size === 0;
    unhide.textContent = t("unhide", { n: state.hidden.size });
    let empty = document.querySelector(".empty");
    if (!nodes.length) {
      if (!empty) { empty = el("p", { class: "empty" }); $("network").parentElement.append(empty); }
      empty.textContent = t("empty_view");
    } else if (empty) empty.remove();
  }

  /* /graph filters are strict (an organisation has no theme of its own), so with a content
   * filter the arenas and projects found bring the organisations that take part in them. */
  async function addCollaborators(found) {
    const types = viewTypes();
    const items = found.filter((n) => ITEM_TYPES.has(n.type)).slice(0, MAX_CONTEXT);
    const theme = state.filters.theme ? "theme:" + state.filters.theme.replace(/^theme:/, "") : null;
    for (let i = 0; i < items.length; i += 8) {
      const views = await Promise.all(items.slice(i, i + 8).map((n) =>
        api(`/entities/${encodeURIComponent(n.id)}/neighbourhood`, { depth: 1 }).catch(() => null)));
      for (const [k, view] of views.entries()) {
        if (!view) continue;
        const centre = items[i + k].id;
        const byId = new Map(view.nodes.map((n) => [n.id, n]));
        const links = view.edges.filter((e) => (e.source === centre || e.target === centre) &&
          (COLLABORATION.has(e.type.toLowerCase()) || (e.type.toLowerCase() === "has_theme" && e.target === theme)));
        const others = links.map((e) => byId.get(e.source === centre ? e.target : e.source))
          .filter((n) => n && types.has(n.type));
        const keep = new Set([centre, ...others.map((n) => n.id)]);
        mergeGraph({ nodes: others, edges: links.filter((e) => keep.has(e.source) && keep.has(e.target)) });
      }
    }
  }

  async function addNeighbourhood(id, depth) {
    const view = await api(`/entities/${encodeURIComponent(id)}/neighbourhood`, { depth });
    mergeGraph(view);
  }
  async function expand(id) {
    try {
      const before = new Set(nodes.getIds());
      const pos = network.getPositions([id])[id];
      const view = await api(`/entities/${encodeURIComponent(id)}/neighbourhood`, { depth: 1 });
      // Expanding inside an answer's subgraph grows the subgraph.
      if (highlighted) for (const n of view.nodes) highlighted.add(n.id);
      mergeGraph(view);
      state.extra.add(id);
      writeUrl();
      const added = nodes.getIds().filter((n) => !before.has(n));
      if (added.length && pos) {
        // New nodes start next to the expanded one, then a short layout settles them.
        nodes.update(added.map((n, i) => ({ id: n, x: pos.x + 40 * Math.cos(i), y: pos.y + 40 * Math.sin(i) })));
        relayout(120);
      }
      updateStatus();
      renderPanel();
    } catch (err) { showError(err); }
  }
  function hide(id) {
    state.hidden.add(id);
    nodes.update({ id, hidden: true });
    if (state.selected === id) { state.selected = null; setTab("list"); }
    writeUrl(); updateStatus(); renderPanel();
  }
  function unhideAll() {
    nodes.update([...state.hidden].filter((id) => nodes.get(id)).map((id) => ({ id, hidden: highlighted !== null && !highlighted.has(id) })));
    state.hidden.clear(); writeUrl(); updateStatus(); renderPanel();
  }
  function togglePin(id) {
    const pin = !state.pinned.has(id);
    if (pin) state.pinned.add(id); else state.pinned.delete(id);
    nodes.update({ id, fixed: pin, borderWidth: pin ? 4 : 1.5 });
    writeUrl(); renderPanel();
  }

  async function select(id, opts) {
    state.selected = id;
    writeUrl();
    if (!nodes.get(id)) {
      try { await addNeighbourhood(id, 1); state.extra.add(id); writeUrl(); relayout(120); } catch (err) { showError(err); }
    }
    if (nodes.get(id)) {
      network.selectNodes([id]);
      if (!opts || opts.focus !== false) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 400 } });
    }
    setTab("detail");
  }

  /* ---------- side panel ---------- */
  function setTab(tab) {
    state.tab = tab;
    document.body.dataset.tab = tab;
    for (const name of ["list", "detail", "answer"]) $("tab-" + name).setAttribute("aria-selected", String(name === tab));
    renderPanel();
  }
  let detailSeq = 0;
  function renderPanel() {
    const body = $("panel-body");
    if (!style) return;
    if (state.tab === "list") body.replaceChildren(renderList());
    else if (state.tab === "answer") body.replaceChildren(renderAnswer());
    else {
      if (!state.selected) { body.replaceChildren(el("p", { class: "muted" }, t("select_hint"))); return; }
      const seq = ++detailSeq;
      const id = state.selected;
      if (!body.firstChild || body.dataset.entity !== id) body.replaceChildren(el("p", { class: "muted" }, t("loading")));
      api(`/entities/${encodeURIComponent(id)}`).then((d) => {
        if (seq !== detailSeq || state.tab !== "detail") return;
        body.dataset.entity = id;
        body.replaceChildren(renderDetail(d));
      }).catch((err) => { if (seq === detailSeq) body.replaceChildren(el("p", { class: "error-inline" }, t("error", { msg: err.message }))); });
    }
  }
  const entityLink = (ref) => el("button", { type: "button", class: "entity-link", "data-id": ref.id, onclick: () => select(ref.id) }, ref.name || ref.id);

  function renderList() {
    const shown = visibleNodes();
    const wrap = el("div", { class: "entity-list" }, el("p", { class: "muted" }, t("list_hint")));
    for (const type of TYPE_ORDER) {
      const items = shown.filter((n) => n.type === type).sort((a, b) => (b.raw.centrality || 0) - (a.raw.centrality || 0) || a.label.localeCompare(b.label, "sv"));
      if (!items.length) continue;
      wrap.append(el("h3", null, glyph(type), typeLabel(type), el("span", { class: "count" }, `(${items.length})`)),
        el("ul", null, items.slice(0, 200).map((n) => el("li", null, entityLink({ id: n.id, name: n.label })))));
    }
    return wrap;
  }

  function attrValue(key, v) {
    if (Array.isArray(v)) return v.join(key === "section_path" ? " › " : ", ");
    if (v === true) return t("yes");
    if (v === false) return t("no");
    if (typeof v === "string" && /^[a-z-]+:[a-z0-9-]+$/.test(v) && names.has(v)) return names.get(v);
    return String(v);
  }
  function quoteBlock(text, doc, start, end) {
    return el("blockquote", { class: "quote" }, el("p", null, "«" + text.trim().replace(/\s+/g, " ") + "»"),
      el("cite", null, `${doc}, ${t("position", { start, end })}`));
  }
  const bare = (text) => String(text || "").trim().replace(/\s+/g, " ").toLowerCase();
  function renderDetail(d) {
    const e = d.entity;
    names.set(e.id, e.name);
    const frag = detailHeader(e);
    frag.append(...detailAttributes(e), ...detailRelations(d.relations || {}));
    // Sources first: they are what a strategist checks before quoting the graph.
    frag.insertBefore(detailSources(e, d.provenance || [], d.relations || {}), frag.querySelector("h3"));
    return frag;
  }
  function detailHeader(e) {
    const pinned = state.pinned.has(e.id);
    const frag = el("div", { class: "detail", "data-entity": e.id },
      el("h2", null, e.name),
      el("div", { class: "badge" }, glyph(e.type), typeLabel(e.type), el("span", { class: "muted" }, " · " + e.id)),
      el("div", { class: "row-actions" },
        el("button", { type: "button", onclick: () => expand(e.id) }, t("expand")),
        el("button", { type: "button", "aria-pressed": String(pinned), onclick: () => togglePin(e.id) }, pinned ? t("unpin") : t("pin")),
        el("button", { type: "button", onclick: () => hide(e.id) }, t("hide"))));
    if (e.aliases && e.aliases.length) frag.append(el("p", null, el("span", { class: "muted" }, t("aliases") + ": "), e.aliases.join(", ")));
    return frag;
  }
  function detailAttributes(e) {
    const attrs = Object.entries(e.attributes || {}).filter(([k, v]) => !PRIVATE_ATTRS.has(k) && v !== null && v !== "" && !(Array.isArray(v) && !v.length));
    if (!attrs.length) return [];
    return [el("h3", null, t("attributes")),
      el("dl", { class: "attrs" }, attrs.map(([k, v]) => [el("dt", null, k.replace(/_/g, " ")), el("dd", null, attrValue(k, v))]))];
  }
  function detailRelations(relations) {
    const groups = Object.entries(relations);
    if (!groups.length) return [];
    return [el("h3", null, t("relations")), ...groups.map(([type, links]) =>
      el("div", { class: "rel-group" }, el("h4", null, `${relLabel(type)} (${links.length})`), el("ul", null, links.map(relationItem))))];
  }
  function relationItem(l) {
    names.set(l.other.id, l.other.name);
    const li = el("li", null, el("span", { class: "muted", "aria-label": l.direction === "out" ? "ut" : "in" }, t(l.direction) + " "),
      entityLink(l.other), el("span", { class: "muted" }, " · " + typeLabel(l.other.type)));
    if (l.evidence && l.evidence.length) {
      li.append(el("details", { class: "ev" }, el("summary", null, `${t("evidence")} (${l.evidence.length})`),
        l.evidence.map((ev) => quoteBlock(ev.quote, ev.document, ev.start, ev.end))));
    }
    return li;
  }
  function detailSources(e, passages, relations) {
    const sources = el("section", { class: "sources" }, el("h3", null, t("sources")));
    // A mention span that is only the name says nothing more than the heading: passages
    // with context are quoted, bare mentions are listed compactly by document and position.
    // When every mention is bare, the sentences behind the entity's relations are its
    // context, so those are quoted instead.
    const own = new Set([e.name, ...(e.aliases || [])].map(bare));
    let quoted = passages.filter((p) => !own.has(bare(p.text)));
    const mentions = passages.filter((p) => own.has(bare(p.text)));
    if (!quoted.length) quoted = relationPassages(relations);
    if (!quoted.length && !mentions.length) sources.append(el("p", { class: "muted" }, t("no_sources")));
    for (const p of quoted.slice(0, 30)) sources.append(quoteBlock(p.text, p.document, p.start, p.end));
    if (mentions.length) sources.append(mentionList(mentions));
    return sources;
  }
  function relationPassages(relations) {
    const seen = new Set();
    const out = [];
    for (const links of Object.values(relations)) {
      for (const l of links) {
        for (const ev of l.evidence || []) {
          const key = `${ev.document}:${ev.start}:${ev.end}`;
          if (ev.quote && !seen.has(key)) { seen.add(key); out.push({ document: ev.document, start: ev.start, end: ev.end, text: ev.quote }); }
        }
      }
    }
    return out;
  }
  function mentionList(mentions) {
    const byDoc = new Map();
    for (const p of mentions) { if (!byDoc.has(p.document)) byDoc.set(p.document, []); byDoc.get(p.document).push(`${p.start}–${p.end}`); }
    return el("details", { class: "mentions" },
      el("summary", null, t("mentions", { n: mentions.length })),
      el("ul", null, [...byDoc.entries()].map(([doc, spans]) => el("li", null, el("cite", null, doc), ": " + t("position_list", { spans: spans.join(", ") })))));
  }

  /* ---------- ready-made questions ---------- */
  let questions = [];
  async function loadQuestions() {
    try { questions = await api("/questions"); } catch (err) { questions = []; }
    if (!Array.isArray(questions)) questions = questions.items || [];
    renderQuestionsMenu();
  }
  function renderQuestionsMenu() {
    const menu = $("questions-menu");
    const known = new Set(questions.map((q) => q.name));
    const presets = PRESETS.filter((p) => !questions.length || known.has(p.name));
    const items = [el("div", { class: "group", role: "presentation" }, t("presets"))];
    for (const p of presets) items.push(el("button", { type: "button", role: "menuitem", "data-question": p.name, onclick: () => { closeMenus(); runQuestion(p.name, p.params); } }, p[state.lang]));
    if (questions.length) items.push(el("div", { class: "group", role: "presentation" }, t("all_questions")));
    for (const q of questions) {
      const title = state.lang === "en" ? q.title_en : q.title_sv;
      items.push(el("button", { type: "button", role: "menuitem", "data-question": q.name, title: q.description, onclick: () => { closeMenus(); showQuestionForm(q); } }, title || q.name));
    }
    menu.replaceChildren(...items);
  }
  /* Parameters of a known kind get a list to choose from (the filter options); ids and
   * anything else stay free text with the query's default filled in. */
  const PARAM_OPTIONS = { theme: "f-theme", area: "f-area", sdg: "f-sdg", municipality: "f-municipality" };
  function paramInput(id, p) {
    const source = PARAM_OPTIONS[p.type] && $(PARAM_OPTIONS[p.type]);
    const value = p.default === null || p.default === undefined ? "" : String(p.default);
    if (!source) return el("input", { id, type: "text", value });
    const select = el("select", { id });
    for (const o of source.options) if (o.value) select.append(el("option", { value: o.value }, o.textContent));
    if (p.type === "area") for (const c of $("f-county").options) if (c.value) select.append(el("option", { value: c.value }, c.textContent));
    if (value && ![...select.options].some((o) => o.value === value)) select.append(el("option", { value }, value));
    select.value = value;
    return select;
  }
  function showQuestionForm(q) {
    answer = { form: q };
    setTab("answer");
  }
  async function runQuestion(name, params) {
    state.question = { name, params: { ...params } };
    writeUrl();
    answer = { loading: true, name, params };
    setTab("answer");
    try {
      const res = await api(`/questions/${encodeURIComponent(name)}`, params);
      answer = { result: res, name, params };
      highlight(res.subgraph);
    } catch (err) { answer = { error: err, name, params }; }
    if (state.tab === "answer") renderPanel();
  }
  /* An answer shows its subgraph on its own, laid out afresh so its labels are readable;
   * "Visa hela vyn" brings the rest of the view back. */
  function highlight(sub) {
    if (!sub || !sub.nodes) return;
    mergeGraph(sub);
    const ids = new Set(sub.nodes.map((n) => n.id));
    for (const id of ids) state.hidden.delete(id);
    highlighted = ids;
    nodes.update(nodes.get().map((n) => ({ id: n.id, opacity: ids.has(n.id) ? 1 : 0.18, hidden: !ids.has(n.id) || state.hidden.has(n.id) })));
    afterLayout.push(() => { if (highlighted === ids) network.fit({ nodes: [...ids].filter((id) => nodes.get(id)), animation: false }); });
    relayout(250);
    writeUrl();
    updateStatus();
  }
  function showWholeView() {
    if (!highlighted) return;
    highlighted = null;
    nodes.update(nodes.get().map((n) => ({ id: n.id, opacity: 1, hidden: state.hidden.has(n.id) })));
    relayout(200);
    updateStatus();
  }
  function clearHighlight() {
    showWholeView();
    state.question = null; answer = null; writeUrl(); renderPanel();
  }
  function renderAnswer() {
    const wrap = el("div", { class: "answer-view" });
    if (!answer) { wrap.append(el("p", { class: "muted" }, t("answer_hint"))); return wrap; }
    if (answer.form) {
      const q = answer.form;
      const inputs = {};
      wrap.append(el("h2", null, state.lang === "en" ? q.title_en : q.title_sv), el("p", { class: "muted" }, q.description || ""));
      const grid = el("div", { class: "params" });
      for (const p of q.params || []) {
        const id = "qp-" + p.name;
        inputs[p.name] = paramInput(id, p);
        grid.append(el("label", { for: id }, p.name), inputs[p.name]);
      }
      wrap.append(grid, el("button", { type: "button", class: "primary", onclick: () => {
        const params = {};
        for (const [k, inp] of Object.entries(inputs)) if (inp.value.trim()) params[k] = inp.value.trim();
        runQuestion(q.name, params);
      } }, t("run")));
      return wrap;
    }
    const title = questionTitle(answer.name, answer.params);
    wrap.append(el("h2", null, title), el("p", { class: "muted" }, Object.entries(answer.params || {}).map(([k, v]) => `${k}=${v}`).join(" · ")));
    if (answer.loading) { wrap.append(el("p", { class: "muted" }, t("loading"))); return wrap; }
    if (answer.error) { wrap.append(el("p", { class: "error-inline" }, t("error", { msg: answer.error.message }))); return wrap; }
    const r = answer.result;
    wrap.append(el("div", { class: "row-actions" },
      el("span", { class: "muted", "data-rows": String(r.rows.length) }, t("answer_rows", { n: r.rows.length }) + (r.truncated ? t("truncated") : "")),
      el("button", { type: "button", onclick: () => download(`${r.name}.csv`, toCsv(r.columns, r.rows), "text/csv") }, t("answer_csv")),
      highlighted ? el("button", { type: "button", onclick: () => { showWholeView(); renderPanel(); } }, t("whole_view")) : null,
      el("button", { type: "button", onclick: clearHighlight }, t("clear_highlight"))));
    if (!r.rows.length) { wrap.append(el("p", null, t("answer_none"))); return wrap; }
    const plan = tablePlan(r.columns);
    wrap.append(el("div", { class: "table-wrap" }, el("table", { class: "answer" },
      el("thead", null, el("tr", null, plan.map((c) => el("th", { scope: "col" }, c.title)))),
      el("tbody", null, r.rows.map((row) => el("tr", null, plan.map((c) => el("td", null, cell(row[c.i], c.names === null ? null : row[c.names])))))))));
    return wrap;
  }
  /* Id columns are shown as names linking to the entity: `items` pairs with `item_names`,
   * the first column with `name`; the paired name columns are then not shown twice. */
  function tablePlan(columns) {
    const used = new Set();
    const plan = [];
    columns.forEach((c, i) => {
      if (used.has(i)) return;
      let n = columns.indexOf(c.replace(/s$/, "") + "_names");
      if (n < 0 && i === 0) n = columns.indexOf("name");
      if (n >= 0) used.add(n);
      plan.push({ i, names: n >= 0 ? n : null, title: c.replace(/_/g, " ") });
    });
    return plan.filter((p) => !used.has(p.i));
  }
  const ID_RE = /^[a-z-]+:[a-z0-9-]+$/;
  function cell(v, label) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) {
      const labels = Array.isArray(label) ? label : [];
      // One item per line: names that wrap stay readable, and no separator is left dangling.
      const out = v.slice(0, 8).map((x, k) => el("span", { class: "item" }, cell(x, labels[k])));
      if (v.length > 8) out.push(el("span", { class: "item muted" }, t("more", { n: v.length - 8 })));
      return el("span", null, out);
    }
    if (typeof v === "object") return JSON.stringify(v);
    const s = String(v);
    if (ID_RE.test(s)) {
      const name = typeof label === "string" ? label : names.get(s);
      if (name) { names.set(s, name); return entityLink({ id: s, name }); }
    }
    return s;
  }
  function questionTitle(name, params) {
    const preset = PRESETS.find((p) => p.name === name && JSON.stringify(p.params) === JSON.stringify(params));
    if (preset) return preset[state.lang];
    const q = questions.find((x) => x.name === name);
    return q ? (state.lang === "en" ? q.title_en : q.title_sv) : name;
  }

  /* ---------- search with autocomplete ---------- */
  let searchSeq = 0;
  let searchTimer = null;
  let options = [];
  let active = -1;
  function onSearchInput() {
    clearTimeout(searchTimer);
    const q = $("search").value.trim();
    if (q.length < 2) { closeSearch(); return; }
    searchTimer = setTimeout(() => runSearch(q), 150);
  }
  async function runSearch(q) {
    const seq = ++searchSeq;
    try {
      const page = await api("/entities", { q, limit: 30 });
      if (seq !== searchSeq) return;
      renderSearch(page.items);
    } catch (err) { showError(err); }
  }
  function renderSearch(items) {
    const list = $("search-list");
    list.replaceChildren();
    options = [];
    active = -1;
    if (!items.length) list.append(el("div", { class: "none" }, t("search_none")));
    const byType = new Map();
    for (const it of items) { if (!byType.has(it.type)) byType.set(it.type, []); byType.get(it.type).push(it); }
    const order = [...byType.keys()].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
    for (const type of order) {
      const gid = "sg-" + type;
      const group = el("div", { role: "group", "aria-labelledby": gid }, el("div", { class: "group", id: gid }, typeLabel(type)));
      for (const it of byType.get(type)) {
        const idx = options.length;
        const alias = it.aliases && it.aliases.length ? it.aliases.join(", ") : "";
        const opt = el("div", { role: "option", id: "opt-" + idx, "aria-selected": "false", "data-id": it.id,
          onmousedown: (ev) => { ev.preventDefault(); choose(idx); } }, glyph(it.type), el("span", null, it.name), alias ? el("span", { class: "alias" }, alias) : null);
        options.push({ el: opt, item: it });
        group.append(opt);
      }
      list.append(group);
    }
    list.hidden = false;
    $("search").setAttribute("aria-expanded", "true");
  }
  function closeSearch() {
    $("search-list").hidden = true;
    $("search").setAttribute("aria-expanded", "false");
    $("search").removeAttribute("aria-activedescendant");
  }
  function moveActive(delta) {
    if (!options.length) return;
    if (active >= 0) options[active].el.setAttribute("aria-selected", "false");
    active = (active + delta + options.length) % options.length;
    const o = options[active].el;
    o.setAttribute("aria-selected", "true");
    o.scrollIntoView({ block: "nearest" });
    $("search").setAttribute("aria-activedescendant", o.id);
  }
  function choose(idx) {
    const it = options[idx] && options[idx].item;
    if (!it) return;
    names.set(it.id, it.name);
    $("search").value = it.name;
    closeSearch();
    select(it.id);
  }
  function onSearchKey(ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); if ($("search-list").hidden) onSearchInput(); else moveActive(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
    else if (ev.key === "Enter") { ev.preventDefault(); choose(active >= 0 ? active : 0); }
    else if (ev.key === "Escape") closeSearch();
  }

  /* ---------- menus ---------- */
  function toggleMenu(button, menu) {
    const open = menu.hidden;
    closeMenus();
    menu.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) { const first = menu.querySelector("button"); if (first) first.focus(); }
  }
  function closeMenus() {
    for (const [b, m] of [["questions-button", "questions-menu"], ["export-button", "export-menu"]]) {
      $(m).hidden = true; $(b).setAttribute("aria-expanded", "false");
    }
  }
  function menuKeys(ev) {
    const menu = ev.currentTarget;
    const items = [...menu.querySelectorAll("button")];
    const i = items.indexOf(document.activeElement);
    if (ev.key === "ArrowDown") { ev.preventDefault(); items[(i + 1) % items.length].focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
    else if (ev.key === "Escape") { const b = menu.id === "export-menu" ? "export-button" : "questions-button"; closeMenus(); $(b).focus(); }
  }

  /* ---------- exports (built from the current view) ---------- */
  function download(filename, content, mime) {
    const blob = content instanceof Blob ? content : new Blob([content], { type: mime + ";charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  }
  const csvCell = (v) => {
    const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : String(v);
    return /[",\n;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const toCsv = (cols, rows) => "\ufeff" + [cols, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  const xml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  function exportView(kind) {
    const ns = visibleNodes();
    const es = visibleEdges();
    const stamp = "samverkansgrafen";
    if (kind === "csv-nodes") {
      download(`${stamp}-noder.csv`, toCsv(["id", "type", "name", "centrality", "themes", "municipalities"],
        ns.map((n) => [n.id, n.type, n.label, n.raw.centrality, n.raw.themes || [], n.raw.municipalities || []])), "text/csv");
    } else if (kind === "csv-edges") {
      download(`${stamp}-relationer.csv`, toCsv(["source", "type", "target", "confidence"], es.map((e) => [e.from, e.type, e.to, e.confidence])), "text/csv");
    } else if (kind === "gexf") {
      const body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed" mode="static">',
        '<attributes class="node"><attribute id="type" title="type" type="string"/><attribute id="centrality" title="centrality" type="double"/></attributes>',
        '<attributes class="edge"><attribute id="relation" title="relation" type="string"/></attributes><nodes>',
        ...ns.map((n) => `<node id="${xml(n.id)}" label="${xml(n.label)}"><attvalues><attvalue for="type" value="${xml(n.type)}"/><attvalue for="centrality" value="${n.raw.centrality || 0}"/></attvalues></node>`),
        "</nodes><edges>",
        ...es.map((e, i) => `<edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}" weight="${e.confidence || 1}" label="${xml(e.type)}"><attvalues><attvalue for="relation" value="${xml(e.type)}"/></attvalues></edge>`),
        "</edges></graph></gexf>",
      ];
      download(`${stamp}.gexf`, body.join("\n"), "application/xml");
    } else if (kind === "graphml") {
      const body = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '<key id="name" for="node" attr.name="name" attr.type="string"/><key id="type" for="node" attr.name="type" attr.type="string"/>',
        '<key id="centrality" for="node" attr.name="centrality" attr.type="double"/><key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
        '<key id="confidence" for="edge" attr.name="confidence" attr.type="double"/><graph edgedefault="directed">',
        ...ns.map((n) => `<node id="${xml(n.id)}"><data key="name">${xml(n.label)}</data><data key="type">${xml(n.type)}</data><data key="centrality">${n.raw.centrality || 0}</data></node>`),
        ...es.map((e) => `<edge source="${xml(e.from)}" target="${xml(e.to)}"><data key="relation">${xml(e.type)}</data><data key="confidence">${e.confidence || 1}</data></edge>`),
        "</graph></graphml>",
      ];
      download(`${stamp}.graphml`, body.join("\n"), "application/xml");
    } else if (kind === "png") {
      const src = $("network").querySelector("canvas");
      const out = document.createElement("canvas");
      out.width = src.width; out.height = src.height;
      const ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      out.toBlob((blob) => download(`${stamp}.png`, blob, "image/png"), "image/png");
    }
  }

  /* ---------- wiring ---------- */
  function bind() {
    $("filter-form").addEventListener("change", onFilterChange);
    $("reset-filters").addEventListener("click", () => {
      state.filters = {}; state.types = new Set(DEFAULT_TYPES); state.hidden.clear(); state.extra.clear();
      syncFilterForm(); renderTypeOptions(); reload();
    });
    $("search").addEventListener("input", onSearchInput);
    $("search").addEventListener("keydown", onSearchKey);
    $("search").addEventListener("blur", () => setTimeout(closeSearch, 150));
    $("questions-button").addEventListener("click", () => toggleMenu($("questions-button"), $("questions-menu")));
    $("export-button").addEventListener("click", () => toggleMenu($("export-button"), $("export-menu")));
    $("questions-menu").addEventListener("keydown", menuKeys);
    $("export-menu").addEventListener("keydown", menuKeys);
    $("export-menu").addEventListener("click", (ev) => {
      const b = ev.target.closest("[data-export]"); if (!b) return;
      closeMenus(); exportView(b.dataset.export);
    });
    document.addEventListener("click", (ev) => { if (!ev.target.closest(".menu")) closeMenus(); });
    $("share-button").addEventListener("click", async () => {
      writeUrl();
      try { await navigator.clipboard.writeText(location.href); $("status").textContent = t("copied"); } catch (_) { prompt("URL", location.href); }
    });
    $("lang-button").addEventListener("click", () => { state.lang = state.lang === "sv" ? "en" : "sv"; writeUrl(); applyLanguage(); nodes.update(nodes.get().map((n) => nodeFor(n.raw))); });
    $("fit-button").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));
    $("layout-button").addEventListener("click", () => relayout(300));
    $("unhide-button").addEventListener("click", unhideAll);
    for (const name of ["list", "detail", "answer"]) $("tab-" + name).addEventListener("click", () => setTab(name));
    $("network").addEventListener("keydown", (ev) => {
      if (!state.selected) return;
      if (ev.key === "Enter") expand(state.selected);
      else if (ev.key === "Delete" || ev.key === "h") hide(state.selected);
      else if (ev.key === "p") togglePin(state.selected);
    });
  }

  async function start() {
    readUrl();
    bind();
    try { style = await api("/style"); } catch (err) { showError(err); return; }
    createNetwork();
    applyLanguage();
    syncFilterForm();
    await Promise.all([loadFilterOptions(), loadQuestions()]);
    if (state.selected) {
      setTab("detail");
      afterLayout.push(() => {
        if (!nodes.get(state.selected)) return;
        network.selectNodes([state.selected]);
        network.focus(state.selected, { scale: 1, animation: false });
      });
    }
    await reload();
  }

  // A small handle for the browser tests and for debugging in the console.
  window.samverkan = { state, nodes, edges, ready, get network() { return network; }, select, expand, hide, togglePin, runQuestion, exportView };
  start();
})();
