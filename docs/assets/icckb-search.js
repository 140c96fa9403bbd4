// Search page and filterable databases, on Pagefind's per-language index.
// Everything record-derived is inserted as text (textContent), never as HTML.
(function () {
  "use strict";

  var PAGE_SIZE = 20;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = element("script", { src: src });
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function baseUrl(bundle) {
    // Where the site lives: the bundle is at <site>/pagefind/.
    return new URL(bundle + "../", location.href).pathname;
  }

  // -- the search page ------------------------------------------------------

  function searchPage(root) {
    var types = JSON.parse(root.dataset.types);
    var css = element("link", { rel: "stylesheet", href: root.dataset.bundle + "pagefind-ui.css" });
    document.head.appendChild(css);
    loadScript(root.dataset.bundle + "pagefind-ui.js").then(function () {
      new window.PagefindUI({
        element: "#icckb-search",
        baseUrl: baseUrl(root.dataset.bundle),
        showImages: false,
        showSubResults: false,
        autofocus: true,
        debounceTimeoutMs: 100,  // results within about a tenth of a second of typing
        processResult: function (result) {
          var meta = result.meta || {};
          var facts = [types[meta.type] || types.page, meta.place, meta.year].filter(Boolean).join(" · ");
          meta.title = (meta.title || "") + " — " + facts;
          return result;
        }
      });
      // Load the search engine and this language's index list now, not on the first key.
      import(root.dataset.bundle + "pagefind.js").then(function (pagefind) { return pagefind.init(); });
      root.querySelector("input").setAttribute("aria-label", root.dataset.label);
      var query = new URLSearchParams(location.search).get("q");
      if (query) {
        var input = root.querySelector("input");
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  // -- the databases ------------------------------------------------------

  function Database(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
    this.facets = root.dataset.facets.split(" ");
    this.shown = PAGE_SIZE;
  }

  Database.prototype.start = function () {
    var self = this;
    return import(this.root.dataset.bundle + "pagefind.js").then(function (pagefind) {
      self.pagefind = pagefind;
      return pagefind.options({ baseUrl: baseUrl(self.root.dataset.bundle) });
    }).then(function () {
      self.build();
      self.root.hidden = false;
      document.querySelectorAll(".icckb-db-static").forEach(function (node) { node.hidden = true; });
      window.addEventListener("popstate", function () { self.read(); self.run(); });
      self.read();
      return self.run();
    });
  };

  Database.prototype.label = function (key) { return this.data.labels[key] || key; };

  Database.prototype.build = function () {
    var self = this;
    var form = element("form", { class: "icckb-db-form", role: "search" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var search = element("div", { class: "icckb-db-query" });
    this.query = element("input", { type: "search", name: "q", placeholder: this.label("placeholder"), "aria-label": this.label("placeholder") });
    search.appendChild(this.query);
    form.appendChild(search);
    this.query.addEventListener("input", function () { self.changed(); });

    this.groups = {};
    this.facets.forEach(function (facet) {
      var fieldset = element("fieldset", { class: "icckb-db-facet", "data-facet": facet });
      fieldset.appendChild(element("legend", {}, self.label("filter_" + facet)));
      var list = element("div", { class: "icckb-db-options" });
      fieldset.appendChild(list);
      self.groups[facet] = list;
      Object.keys(self.data.names[facet] || {}).sort(function (a, b) {
        return self.data.names[facet][a].localeCompare(self.data.names[facet][b]);
      }).forEach(function (value) {
        var option = element("label", { class: "icckb-db-option", "data-value": value });
        var box = element("input", { type: "checkbox", name: facet, value: value });
        box.addEventListener("change", function () { self.changed(); });
        option.appendChild(box);
        option.appendChild(element("span", {}, self.data.names[facet][value]));
        option.appendChild(element("span", { class: "icckb-db-count-value" }, ""));
        list.appendChild(option);
      });
      form.appendChild(fieldset);
    });

    var years = element("fieldset", { class: "icckb-db-facet", "data-facet": "year" });
    years.appendChild(element("legend", {}, this.label("filter_year")));
    this.years = {};
    ["from", "to"].forEach(function (end) {
      var label = element("label", {}, self.label("filter_year_" + end) + " ");
      var select = element("select", { name: end });
      select.appendChild(element("option", { value: "" }, "—"));
      self.data.years.forEach(function (year) { select.appendChild(element("option", { value: String(year) }, String(year))); });
      select.addEventListener("change", function () { self.changed(); });
      label.appendChild(select);
      years.appendChild(label);
      self.years[end] = select;
    });
    form.appendChild(years);

    var clear = element("button", { type: "button", class: "md-button" }, this.label("clear_filters"));
    clear.addEventListener("click", function () { self.write(new URLSearchParams()); self.read(); self.run(); });
    form.appendChild(clear);

    this.count = element("p", { class: "icckb-db-count", role: "status", "aria-live": "polite" });
    this.list = element("ol", { class: "icckb-db-results" });
    this.more = element("button", { type: "button", class: "md-button icckb-db-more", hidden: "" }, this.label("show_more"));
    this.more.addEventListener("click", function () { self.shown += PAGE_SIZE; self.render(); });
    this.root.appendChild(form);
    this.root.appendChild(this.count);
    this.root.appendChild(this.list);
    this.root.appendChild(this.more);
  };

  // The URL holds the state: ?topic=a&topic=b&country=es&from=2015&q=youth
  Database.prototype.read = function () {
    var params = new URLSearchParams(location.search);
    this.query.value = params.get("q") || "";
    this.root.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    this.years.from.value = params.get("from") || "";
    this.years.to.value = params.get("to") || "";
  };

  Database.prototype.params = function () {
    var params = new URLSearchParams();
    if (this.query.value.trim()) params.set("q", this.query.value.trim());
    this.root.querySelectorAll('input[type="checkbox"]:checked').forEach(function (box) { params.append(box.name, box.value); });
    if (this.years.from.value) params.set("from", this.years.from.value);
    if (this.years.to.value) params.set("to", this.years.to.value);
    return params;
  };

  Database.prototype.write = function (params) {
    var query = params.toString();
    history.pushState(null, "", location.pathname + (query ? "?" + query : ""));
  };

  Database.prototype.changed = function () {
    this.write(this.params());
    this.shown = PAGE_SIZE;
    this.run();
  };

  // AND across facets, OR within one; the year range is any year inside it.
  Database.prototype.filters = function () {
    var params = this.params();
    var filters = { type: this.root.dataset.type };
    this.facets.forEach(function (facet) {
      var values = params.getAll(facet);
      if (values.length) filters[facet] = { any: values };
    });
    var from = Number(params.get("from") || 0), to = Number(params.get("to") || 9999);
    if (params.get("from") || params.get("to")) {
      filters.year = { any: this.data.years.filter(function (y) { return y >= from && y <= to; }).map(String) };
    }
    if (!params.get("status") && this.facets.indexOf("status") !== -1) filters.status = { any: ["active"] };
    return filters;
  };

  Database.prototype.run = function () {
    var self = this;
    var ticket = (this.ticket = (this.ticket || 0) + 1);
    var query = this.query.value.trim() || null;
    return this.pagefind.search(query, { filters: this.filters(), sort: query ? undefined : { year: "desc" } }).then(function (search) {
      if (ticket !== self.ticket) return;
      self.results = search.results;
      self.counts(search.filters || {});
      return self.render();
    });
  };

  Database.prototype.counts = function (counts) {
    var self = this;
    this.facets.forEach(function (facet) {
      self.groups[facet].querySelectorAll(".icckb-db-option").forEach(function (option) {
        var count = (counts[facet] || {})[option.dataset.value] || 0;
        option.querySelector(".icckb-db-count-value").textContent = " (" + count + ")";
        option.classList.toggle("icckb-db-empty", count === 0 && !option.querySelector("input").checked);
      });
    });
  };

  Database.prototype.render = function () {
    var self = this;
    var total = this.results.length;
    this.count.textContent = total ? this.label("results_count").replace("{count}", total) : this.label("no_results");
    var page = this.results.slice(0, this.shown);
    return Promise.all(page.map(function (result) { return result.data(); })).then(function (items) {
      self.list.textContent = "";
      items.forEach(function (item) {
        var meta = item.meta || {};
        var li = element("li", { class: "icckb-db-result" });
        li.appendChild(element("a", { href: item.url }, meta.title || item.url));
        var facts = [meta.place, meta.year].filter(Boolean).join(" · ");
        if (facts) li.appendChild(element("span", { class: "icckb-db-facts" }, " — " + facts));
        if (meta.topics) li.appendChild(element("div", { class: "icckb-db-topics" }, meta.topics));
        if (meta.summary) li.appendChild(element("p", {}, meta.summary));
        self.list.appendChild(li);
      });
      self.more.hidden = total <= self.shown;
      self.root.dataset.ready = "true";
    });
  };

  function start() {
    var search = document.getElementById("icckb-search");
    if (search && search.dataset.bundle) searchPage(search);
    document.querySelectorAll(".icckb-db").forEach(function (root) { new Database(root).start(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
