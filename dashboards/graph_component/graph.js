// kflow's graph view, a Streamlit component without a build step: it speaks Streamlit's component
// protocol (postMessage) itself and draws with cytoscape.js. Why its own component: parallel
// claims must fold into one counted edge that opens in place, labels must stay readable, the view
// must re-fit on every change, and positions must persist across reruns (they come from Python).
// Names are untrusted: they reach the canvas as text and the DOM only through textContent.
(function () {
  "use strict";

  let cy = null;
  let revision = null;
  let styleKey = null;
  let args = {};
  let folded = {}; // aggregated edge id -> its element JSON, while it is opened into its claims

  // Captions arrive as each element's style bypass (raw text, drawn on the canvas only) and are
  // kept as `data.caption` under one mapped rule: hundreds of per-element bypasses make cytoscape
  // restyle element by element, which was a third of drawing a 500-node neighbourhood.
  const CAPTION_RULE = { selector: "node, edge", style: { label: "data(caption)" } };

  function asElements(list, group) {
    return (list || []).map((e) => ({
      group: group,
      data: Object.assign({}, e.data, { caption: (e.style && e.style.label) || "" }),
      position: e.position,
    }));
  }

  function send(type, extra) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra), "*");
  }

  function emit(action, data) {
    send("streamlit:setComponentValue", { value: { action: action, data: data, timestamp: Date.now() }, dataType: "json" });
  }

  function text(tag, value, className) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  }

  function drawLegend(rows) {
    const box = document.getElementById("legend");
    box.replaceChildren();
    if (!rows || !rows.length) { box.style.display = "none"; return; }
    box.style.display = "";
    let kind = null;
    for (const row of rows) {
      if (row.kind !== kind) {
        kind = row.kind;
        box.appendChild(text("div", kind === "node" ? "Nodes" : "Claims (×n: n claims, click to open)", "title"));
      }
      const line = document.createElement("div");
      line.className = "row";
      const mark = document.createElement("span");
      if (row.kind === "node") {
        mark.className = "swatch";
        mark.style.background = row.colour;
        if (row.shape === "ellipse") mark.style.borderRadius = "50%";
        if (row.shape === "diamond") mark.style.transform = "rotate(45deg) scale(0.8)";
      } else {
        mark.className = "line";
        mark.style.borderTopColor = row.colour;
        mark.style.borderTopStyle = row.line || "solid";
      }
      line.appendChild(mark);
      line.appendChild(text("span", row.type));
      box.appendChild(line);
    }
  }

  function nodeName(id) {
    const n = cy.getElementById(id);
    return n.nonempty() ? String(n.style("label") || n.data("name") || id) : id;
  }

  function showInfo(ele) {
    const box = document.getElementById("infopanelProps");
    box.replaceChildren();
    if (!ele) return;
    if (ele.isNode()) {
      box.appendChild(text("div", String(ele.style("label"))));
      box.appendChild(text("div", "type: " + ele.data("label")));
    } else {
      const count = ele.data("count") || 1;
      box.appendChild(text("div", nodeName(ele.data("source")) + " → " + nodeName(ele.data("target"))));
      box.appendChild(text("div", ele.data("label") + (count > 1 ? " · " + count + " claims" : "")));
      if (ele.data("date")) box.appendChild(text("div", "date: " + ele.data("date")));
    }
  }

  function openEdge(edge) {
    // One aggregated edge becomes one edge per claim, each captioned with its date.
    const members = edge.data("members") || [];
    folded[edge.id()] = edge.json();
    const added = members.map((m) => ({
      group: "edges",
      data: { id: m.id, label: edge.data("label"), source: edge.data("source"), target: edge.data("target"), count: 1, date: m.date, opened_from: edge.id(), caption: m.caption },
      classes: "opened",
    }));
    cy.batch(() => { edge.remove(); cy.add(added); });
  }

  function foldAll() {
    cy.batch(() => {
      cy.edges(".opened").remove();
      for (const json of Object.values(folded)) cy.add(json);
    });
    folded = {};
  }

  function claimIds(edge) {
    const members = edge.data("members");
    return members && members.length ? members.map((m) => m.id) : [edge.id()];
  }

  function fit() {
    // Captions grow as the view zooms out, and the fit must include them: fit, resize, fit again.
    if (!cy || cy.elements().empty()) return;
    const most = args.max_fit_zoom || 1.3;
    const fitOnce = () => {
      if (!args.scale_labels) {
        // A large graph is fitted to its nodes alone: at the zoom that fits hundreds of nodes their
        // captions fall below min-zoomed-font-size and are not drawn, and measuring them all was
        // the slowest step of drawing a 500-node neighbourhood.
        cy.fit(cy.nodes().boundingBox({ includeLabels: false, includeOverlays: false }), 30);
      } else {
        cy.elements().boundingBox({ useCache: false }); // label sizes are measured again after a font change
        cy.fit(cy.elements(), 30);
      }
      if (cy.zoom() > most) { cy.zoom(most); cy.center(); }
    };
    fitOnce();
    for (let pass = 0; pass < 3 && scaleLabels(); pass++) fitOnce();
    // cytoscape measures a caption when it draws it: once drawn at its new size, fit once more
    if (args.scale_labels) requestAnimationFrame(() => requestAnimationFrame(fitOnce));
  }

  function scaleLabels() {
    // Below zoom 1 node captions grow in graph units so that they keep a readable size on screen
    // (up to `label_growth` times the base size); large graphs keep fixed sizes (drawing cost).
    if (!args.scale_labels) return false;
    const base = args.font_px || 12;
    const size = Math.min(base / Math.min(cy.zoom(), 1), base * (args.label_growth || 3));
    if (Math.abs(size - (cy.scratch("_fontPx") || 0)) < 0.25) return false;
    cy.scratch("_fontPx", size);
    cy.batch(() => {
      cy.nodes().style("font-size", size);
      cy.edges("[count > 1]").style("font-size", size * 0.85); // a count stays readable too
    });
    return true;
  }

  function bind() {
    cy.on("tap", "node", (evt) => {
      showInfo(evt.target);
      emit("clicked_node", { target_id: evt.target.id() });
    });
    cy.on("tap", "edge", (evt) => {
      const edge = evt.target;
      const ids = claimIds(edge);
      const source = edge.data("source"), target = edge.data("target"), label = edge.data("label");
      if ((edge.data("count") || 1) > 1) openEdge(edge);
      const shown = cy.edges().filter((e) => ids.includes(e.id()));
      showInfo(shown.nonempty() ? shown[0] : edge);
      emit("clicked_edge", { target_id: ids[0], claim_ids: ids, source: source, target: target, type: label });
    });
    cy.on("dbltap", "node", (evt) => {
      if (args.actions) emit("expand", { node_ids: [evt.target.id()] });
    });
    cy.on("zoom", () => scaleLabels());
    document.addEventListener("keydown", (evt) => {
      if (!args.actions || !cy || (evt.key !== "Delete" && evt.key !== "Backspace")) return;
      const picked = cy.nodes(":selected");
      if (picked.nonempty()) emit("remove", { node_ids: picked.map((n) => n.id()) });
    });
    document.getElementById("fit").addEventListener("click", fit);
    document.getElementById("collapse").addEventListener("click", () => { foldAll(); fit(); });
  }

  function render(next) {
    args = next;
    const height = args.height || 560;
    document.getElementById("container").style.height = height + "px";
    send("streamlit:setFrameHeight", { height: height + 2 });
    document.getElementById("hint").textContent = args.hint || "";
    if (args.revision === revision) return; // a rerun with the same graph: keep the view as it is
    if (!cy && !(args.elements.nodes || []).length) return; // preloaded empty: cytoscape starts with a graph
    revision = args.revision;
    folded = {};
    const els = asElements(args.elements.nodes, "nodes").concat(asElements(args.elements.edges, "edges"));
    const style = [CAPTION_RULE].concat(args.style || []);
    const key = JSON.stringify(args.style);
    if (!cy) {
      cy = cytoscape({
        container: document.getElementById("cy"),
        elements: els,
        style: style,
        layout: { name: "preset", fit: false },
        wheelSensitivity: 0.3,
        textureOnViewport: args.elements.nodes.length > 250,
        hideEdgesOnViewport: args.elements.nodes.length > 250,
        pixelRatio: 1,
      });
      styleKey = key;
      bind();
    } else {
      cy.batch(() => {
        if (key !== styleKey) { cy.style(style); styleKey = key; }
        cy.elements().remove();
        cy.add(els);
      });
      cy.scratch("_fontPx", 0);
      showInfo(null);
    }
    drawLegend(args.legend);
    fit();
    if (args.report_drawn) {
      const drawn = revision;
      // once the first frame is painted and the page is idle, so the rerun it starts (and the tables
      // that rerun draws) never competes with drawing the graph
      const idle = window.requestIdleCallback
        ? (f, options) => window.requestIdleCallback(f, options)
        : (f) => setTimeout(f, 50); // Safari has no requestIdleCallback
      requestAnimationFrame(() => idle(() => emit("drawn", { revision: drawn }), { timeout: 1000 }));
    }
  }

  window.addEventListener("message", (evt) => {
    if (evt.data && evt.data.type === "streamlit:render") render(evt.data.args || {});
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
