/* Network chart: Cytoscape.js served by Senim itself. Data from the page's data-url (JSON elements);
   filters by edge kind and date, colour by role or charge, double-click to expand, PNG export. */
(function () {
  "use strict";
  var ROLE_COLOURS = {
    organizer: "#b2182b", financier: "#d6604d", recruiter: "#f4a582", transporter: "#fddbc7",
    harbourer: "#d1e5f0", exploiter: "#92c5de", corrupt_official: "#762a83", other: "#bababa",
    victim: "#4393c3", identifier: "#f7f7f7", restricted: "#404040"
  };
  var CHARGE_COLOURS = {
    trafficking: "#1a9850", other_criminal: "#a6d96a", administrative: "#fdae61", none: "#d73027", "": "#bababa"
  };

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    var container = document.querySelector("[data-net-chart]");
    if (!container || typeof window.cytoscape !== "function") { return; }
    var controls = document.querySelector("[data-net-controls]");
    var status = document.querySelector("[data-net-status]");
    var details = document.querySelector("[data-net-details]");
    var labels = { roles: {}, charges: {}, kinds: {} };
    var cy = window.cytoscape({
      container: container,
      elements: [],
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 90,
          "background-color": "data(colour)", "border-width": 1, "border-color": "#333", "width": 22, "height": 22 } },
        { selector: "node[type = 'victim']", style: { "shape": "diamond" } },
        { selector: "node[role = 'identifier']", style: { "shape": "round-rectangle", "width": 14, "height": 14 } },
        { selector: "node[?restricted]", style: { "border-style": "dashed", "color": "#555" } },
        { selector: "node[score >= 0.55]", style: { "width": 34, "height": 34, "border-width": 3 } },
        { selector: "edge", style: {
          "width": 1.5, "line-color": "#999", "target-arrow-color": "#999", "curve-style": "bezier", "font-size": 7,
          "label": "data(kindLabel)", "text-rotation": "autorotate", "color": "#666" } },
        { selector: "edge[kind = 'paid']", style: { "line-color": "#1b7837", "target-arrow-color": "#1b7837",
          "target-arrow-shape": "triangle", "width": 2.5 } },
        { selector: "edge[kind = 'recruited'], edge[kind = 'transported'], edge[kind = 'harboured'], edge[kind = 'exploited']",
          style: { "line-color": "#b2182b", "target-arrow-color": "#b2182b", "target-arrow-shape": "triangle" } },
        { selector: ".hidden", style: { "display": "none" } }
      ]
    });

    function colourMode() {
      var checked = controls ? controls.querySelector("input[name=colour]:checked") : null;
      return checked ? checked.value : "role";
    }

    function paint() {
      var mode = colourMode();
      cy.nodes().forEach(function (node) {
        var data = node.data();
        var colour;
        if (data.restricted) { colour = ROLE_COLOURS.restricted; }
        else if (mode === "charge" && data.type === "person") { colour = CHARGE_COLOURS[data.charge || ""]; }
        else { colour = ROLE_COLOURS[data.role] || ROLE_COLOURS.other; }
        node.data("colour", colour);
      });
    }

    function applyFilters() {
      if (!controls) { return; }
      var kinds = {};
      controls.querySelectorAll("input[name=kind]").forEach(function (box) { kinds[box.value] = box.checked; });
      var since = controls.querySelector("input[name=since]").value;
      var until = controls.querySelector("input[name=until]").value;
      cy.edges().forEach(function (edge) {
        var date = edge.data("date");
        var hide = kinds[edge.data("kind")] === false ||
          (since && date && date < since) || (until && date && date > until);
        edge.toggleClass("hidden", Boolean(hide));
      });
    }

    function add(payload) {
      labels = payload.labels || labels;
      var fresh = payload.elements.filter(function (el) { return cy.getElementById(el.data.id).empty(); });
      fresh.forEach(function (el) {
        if (el.group === "edges") { el.data.kindLabel = labels.kinds[el.data.kind] || el.data.kind; }
      });
      cy.add(fresh);
      paint();
      applyFilters();
      cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 }).run();
      if (status) {
        status.textContent = cy.nodes().length ? (payload.truncated ? container.dataset.truncated : "") : container.dataset.empty;
      }
    }

    function load(url) {
      return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(add)
        .catch(function (error) { if (status) { status.textContent = "Error " + error.message; } });
    }

    function text(value) { return document.createTextNode(value === null || value === undefined ? "" : String(value)); }

    function showDetails(element) {
      if (!details) { return; }
      details.replaceChildren();
      var data = element.data();
      var list = document.createElement("dl");
      function row(term, value, href) {
        if (value === null || value === undefined || value === "") { return; }
        var dt = document.createElement("dt"); dt.appendChild(text(term));
        var dd = document.createElement("dd");
        if (href) { var a = document.createElement("a"); a.href = href; a.appendChild(text(value)); dd.appendChild(a); }
        else { dd.appendChild(text(value)); }
        list.appendChild(dt); list.appendChild(dd);
      }
      if (element.isNode()) {
        row("", data.label, data.url);
        row("role", labels.roles[data.role] || data.role);
        row("charge", labels.charges[data.charge] || data.charge);
        row("score", typeof data.score === "number" ? data.score.toFixed(2) : "");
        row("suggested", labels.roles[data.suggested_role] || data.suggested_role);
        if (data.reasons && data.reasons.length) {
          var reasons = document.createElement("ul");
          data.reasons.forEach(function (reason) {
            var item = document.createElement("li"); item.appendChild(text(reason)); reasons.appendChild(item);
          });
          details.appendChild(list);
          details.appendChild(reasons);
          return;
        }
      } else {
        row("", labels.kinds[data.kind] || data.kind);
        row("date", data.date);
        row("amount", data.amount);
        row("case", data.case, data.case_url);
        row("source", data.source_label);
      }
      details.appendChild(list);
    }

    cy.on("tap", "node, edge", function (event) { showDetails(event.target); });
    cy.on("dbltap", "node", function (event) {
      var url = container.dataset.nodeUrl.replace("00000000-0000-0000-0000-000000000000", event.target.id());
      load(url);
    });
    if (controls) {
      controls.addEventListener("change", function () { paint(); applyFilters(); });
      var png = controls.querySelector("[data-net-png]");
      if (png) {
        png.addEventListener("click", function () {
          var link = document.createElement("a");
          link.href = cy.png({ full: true, scale: 2, bg: "#ffffff" });
          link.download = "network.png";
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      }
    }
    load(container.dataset.url);
  });
})();
