// Search on Pagefind's per-language index: the search box of the header and the home
// page, the search page, and the filterable databases (practices, publications).
(function () {
  "use strict";

  var element = icckb.element;
  var PAGE_SIZE = 20;
  var SHOWN = 8;  // results the search box lists

  var FIRST = 5;  // results shown before the rest of a page of them has come

  // The data of results[0:count] in two turns: the first FIRST as soon as they have come
  // (each result's text is one more request), then the rest. show(items, first) returns
  // false when its list has moved on to other results.
  function inTurns(results, count, show) {
    var data = function (part) { return Promise.all(part.map(function (result) { return result.data(); })); };
    var head = results.slice(0, Math.min(count, FIRST)), tail = results.slice(head.length, count);
    return data(head).then(function (items) {
      if (show(items, true) === false || !tail.length) return;
      return data(tail).then(function (items) { show(items, false); });
    });
  }

  // A label of the page's language from the build's settings, with its {placeholders} filled.
  function label(data, key, values) {
    return icckb.format(data.labels[key] || key, values || {});
  }

  // The parts of a list of results that the search page and the databases share: its
  // count (announced), the list and its "show more" button, made for view.
  function resultParts(view) {
    view.count = element("p", { class: "icckb-db-count", role: "status", "aria-live": "polite" });
    view.list = element("ol", { class: "icckb-db-results" });
    view.more = element("button", { type: "button", class: "md-button icckb-db-more", hidden: "" }, view.label("show_more"));
    view.more.addEventListener("click", function () { view.shown += PAGE_SIZE; view.render(view.ticket); });
    return [view.count, view.list, view.more];
  }

  // "n results" of view's results, or the label ``none`` when there are none.
  function countText(view, none) {
    var total = view.results.length;
    return total === 1 ? view.label("results_count_one") : total ? view.label("results_count", { count: total }) : view.label(none);
  }

  // A page of view's results in its list (the first turn replaces what was there) under
  // ``count``; data-query says what the list shows results for, data-ready that it is whole.
  function showResults(view, ticket, count) {
    return inTurns(view.results, view.shown, function (items, first) {
      if (ticket !== view.ticket) return false;
      if (first) {
        view.count.textContent = count;
        view.list.textContent = "";
        view.more.hidden = view.results.length <= view.shown;
        view.root.dataset.query = view.query.value.trim();
      }
      items.forEach(function (item) { view.list.appendChild(view.result(item)); });
    }).then(function () { if (ticket === view.ticket) view.root.dataset.ready = "true"; });
  }

  // -- the search box (header, home page) -----------------------------------------

  function Finder(form) {
    this.form = form;
    this.input = form.querySelector("input");
    this.list = form.querySelector('[role="listbox"]');
    this.types = JSON.parse(form.dataset.types || "{}");
    this.active = -1;
    this.ticket = 0;
    var self = this, timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 120);
    });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    this.input.addEventListener("focus", function () { icckb.pagefind(); });  // load while the reader types
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) self.close(); });
  }

  Finder.prototype.run = function () {
    var self = this, query = this.input.value.trim(), ticket = ++this.ticket;
    if (!query) return this.close();
    icckb.pagefind().then(function (pagefind) { return pagefind.search(query); }).then(function (search) {
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    }).then(function (items) {
      if (ticket === self.ticket) self.show(items);
    });
  };

  Finder.prototype.show = function (items) {
    var self = this;
    this.list.textContent = "";
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    items.forEach(function (item, index) {
      var meta = item.meta || {};
      var option = element("li", { role: "option", id: self.list.id + "-" + index, "aria-selected": "false" });
      option.appendChild(element("a", { href: item.url, tabindex: "-1", dir: "auto" }, meta.title || item.url));
      var facts = [self.types[meta.type] || self.types.page, meta.place, meta.year].filter(Boolean).join(" · ");
      option.appendChild(element("span", { class: "icckb-find-facts" }, facts));
      self.list.appendChild(option);
    });
    if (!items.length) this.list.appendChild(element("li", { class: "icckb-find-none" }, this.form.dataset.none));
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Finder.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Finder.prototype.key = function (event) {
    var options = this.list.querySelectorAll('[role="option"]');
    if (event.key === "Escape") { this.close(); return; }
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length) {
      event.preventDefault();
      this.active = (this.active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length;
      options.forEach(function (option, index) { option.setAttribute("aria-selected", String(index === this.active)); }, this);
      this.input.setAttribute("aria-activedescendant", options[this.active].id);
      options[this.active].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" && this.active >= 0 && options[this.active]) {
      event.preventDefault();
      location.href = options[this.active].querySelector("a").href;
    }
  };

  // "/" puts the cursor in the search box, as on most sites, unless the reader is typing.
  function slashToSearch() {
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      var input = document.querySelector(".icckb-find input");
      if (input) { event.preventDefault(); input.focus(); }
    });
  }

  // -- the search page ------------------------------------------------------------

  // Every page of this language that has the words: each with its type, place and year and
  // the words found, a type to narrow to, and the address holding ?q=…&type=….
  function SearchPage(root) {
    this.root = root;
    this.data = icckb.settings(root);
    this.every = root.dataset.every;
    this.shown = PAGE_SIZE;
    this.ticket = 0;
    this.results = [];
  }

  SearchPage.prototype.label = function (key, values) { return label(this.data, key, values); };

  SearchPage.prototype.start = function () {
    var self = this;
    this.build();
    var params = new URLSearchParams(location.search);
    this.query.value = params.get("q") || "";
    this.kind.value = this.data.kinds.indexOf(params.get("type")) !== -1 ? params.get("type") : "";
    // Its engine loads on arrival, not at the first key: the first results come sooner.
    this.engine = icckb.pagefind();
    this.engine.catch(function (error) {
      self.failed = true;
      self.count.textContent = self.label("search_unavailable");
      console.warn("The search data did not load.", error);
    });
    this.query.focus();
    return this.run();
  };

  SearchPage.prototype.build = function () {
    var self = this, timer = null;
    var bar = element("form", { class: "icckb-db-bar", role: "search" });
    bar.addEventListener("submit", function (event) { event.preventDefault(); self.changed(); });
    this.query = element("input", { type: "search", name: "q", placeholder: this.label("find_placeholder"), "aria-label": this.label("search_title") });
    this.query.addEventListener("input", function () {
      var query = self.query.value.trim();
      clearTimeout(timer);
      // The words' index chunks load while the reader may still be typing.
      if (query) self.engine.then(function (pagefind) { return pagefind.preload(query); }).catch(function () {});
      timer = setTimeout(function () { self.changed(); }, 50);
    });
    bar.appendChild(this.query);
    var kindLabel = element("label", { class: "icckb-db-sort" }, this.label("search_type") + " ");
    this.kind = element("select", { name: "type" });
    this.kind.appendChild(element("option", { value: "" }, this.label("search_every_type")));
    this.data.kinds.forEach(function (kind) { self.kind.appendChild(element("option", { value: kind }, self.data.types[kind])); });
    this.kind.addEventListener("change", function () { self.changed(); });
    kindLabel.appendChild(this.kind);
    bar.appendChild(kindLabel);
    [bar].concat(resultParts(this)).forEach(function (node) { self.root.appendChild(node); });
  };

  // The address follows what is typed and chosen, without a step in history per key.
  SearchPage.prototype.changed = function () {
    var params = new URLSearchParams();
    if (this.query.value.trim()) params.set("q", this.query.value.trim());
    if (this.kind.value) params.set("type", this.kind.value);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
    this.shown = PAGE_SIZE;
    return this.run();
  };

  SearchPage.prototype.run = function () {
    var self = this, ticket = ++this.ticket, query = this.query.value.trim();
    var options = this.kind.value ? { filters: { type: this.kind.value } } : {};
    if (this.failed) return Promise.resolve();
    if (!query) {
      this.results = [];
      return this.render(ticket);
    }
    return this.engine.then(function (pagefind) { return pagefind.search(query, options); }).then(function (search) {
      if (ticket !== self.ticket) return;
      self.results = search.results;
      return self.render(ticket);
    }, function () {});
  };

  SearchPage.prototype.render = function (ticket) {
    return showResults(this, ticket, this.query.value.trim() ? countText(this, "search_none") : "");
  };

  SearchPage.prototype.result = function (item) {
    var meta = item.meta || {}, types = this.data.types;
    var li = element("li", { class: "icckb-db-result" });
    // A record not yet translated is in its own language: let its text take its own direction.
    li.appendChild(element("a", { href: item.url, dir: "auto" }, meta.title || item.url));
    li.appendChild(element("span", { class: "icckb-db-facts" }, " — " + [types[meta.type] || types.page, meta.place, meta.year].filter(Boolean).join(" · ")));
    li.appendChild(excerpt(item.excerpt, this.every));
    return li;
  };

  // Pagefind's excerpt is the page's text, escaped, with the words found in <mark>: it is
  // read as text and marks only, without the word every record page carries for the databases.
  function excerpt(html, every) {
    var body = new DOMParser().parseFromString(html || "", "text/html").body;
    var paragraph = element("p", { dir: "auto" });
    body.childNodes.forEach(function (node) {
      var words = node.textContent.split(every).join("");
      paragraph.appendChild(node.nodeName === "MARK" ? element("mark", {}, words) : document.createTextNode(words));
    });
    return paragraph;
  }

  // -- the databases ----------------------------------------------------------------

  // The URL holds the state: ?topic=a&topic=b&country=es&from=2015&q=youth&sort=oldest
  function Database(root) {
    this.root = root;
    this.data = icckb.settings(root);
    this.facets = root.dataset.facets.split(" ").filter(Boolean);
    // The word on every record page: "all of them" without fetching the whole index (a page
    // built before it has none: then null, which fetches every chunk but finds the same).
    this.every = root.dataset.every;
    this.shown = PAGE_SIZE;
    this.ticket = 0;
  }

  Database.prototype.label = function (key, values) { return label(this.data, key, values); };

  Database.prototype.start = function () {
    var self = this;
    return icckb.pagefind().then(function (pagefind) {
      self.pagefind = pagefind;
      // Pagefind counts only the filters it has loaded: load them all, so that every
      // value has its count on the first results.
      return pagefind.filters();
    }).then(function () {
      self.build();
      self.root.hidden = false;
      window.addEventListener("popstate", function () { self.read(); self.run(); });
      self.read();
      return self.run();
    }).catch(function (error) {
      showStatic();
      console.warn("The database's search data did not load; a link to the full list is shown instead.", error);
    });
  };

  // What the build wrote for readers without JavaScript, in <noscript> (a link to the full
  // list), shown when the search data cannot load. It is the page's own markup, escaped by
  // the build, parsed as the page itself was.
  function showStatic() {
    document.querySelectorAll(".icckb-db-static > noscript").forEach(function (node) {
      var list = document.createElement("div");
      list.innerHTML = node.textContent;
      node.replaceWith(list);
    });
  }

  Database.prototype.build = function () {
    var self = this, root = this.root;
    var bar = element("form", { class: "icckb-db-bar", role: "search" });
    bar.addEventListener("submit", function (event) { event.preventDefault(); });
    this.query = element("input", { type: "search", name: "q", placeholder: this.label("placeholder"), "aria-label": this.label("placeholder") });
    this.query.addEventListener("input", function () { self.changed(false); });
    bar.appendChild(this.query);
    var sortLabel = element("label", { class: "icckb-db-sort" }, this.label("sort_by") + " ");
    this.sort = element("select", { name: "sort" });
    ["relevance", "newest", "oldest", "title"].forEach(function (key) {
      self.sort.appendChild(element("option", { value: key }, self.label("sort_" + key)));
    });
    this.sort.addEventListener("change", function () { self.changed(true); });
    sortLabel.appendChild(this.sort);
    bar.appendChild(sortLabel);
    this.toggle = element("button", { type: "button", class: "md-button icckb-db-toggle", "aria-expanded": "false", "aria-controls": root.id + "-facets" });
    this.toggle.addEventListener("click", function () { self.openFilters(self.toggle.getAttribute("aria-expanded") !== "true"); });
    bar.appendChild(this.toggle);
    root.appendChild(bar);

    var layout = element("div", { class: "icckb-db-layout" });
    this.panel = element("div", { class: "icckb-db-facets", id: root.id + "-facets", role: "group", "aria-label": this.label("filters") });
    this.groups = {};
    this.facets.forEach(function (facet) { self.panel.appendChild(self.facet(facet)); });
    this.panel.appendChild(this.yearRange());
    var clear = element("button", { type: "button", class: "md-button icckb-db-clear" }, this.label("clear_filters"));
    clear.addEventListener("click", function () { self.write(new URLSearchParams(self.query.value.trim() ? { q: self.query.value.trim() } : {}), true); self.read(); self.run(); });
    this.panel.appendChild(clear);
    layout.appendChild(this.panel);

    var main = element("div", { class: "icckb-db-main" });
    this.chips = element("ul", { class: "icckb-db-chips", "aria-label": this.label("active_filters") });
    [this.chips].concat(resultParts(this)).forEach(function (node) { main.appendChild(node); });
    layout.appendChild(main);
    root.appendChild(layout);
  };

  Database.prototype.facet = function (facet) {
    var self = this, names = this.data.names[facet] || {};
    var fieldset = element("fieldset", { class: "icckb-db-facet", "data-facet": facet });
    fieldset.appendChild(element("legend", {}, this.label("filter_" + facet)));
    var list = element("div", { class: "icckb-db-options" });
    fieldset.appendChild(list);
    this.groups[facet] = list;
    Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); }).forEach(function (value) {
      var option = element("label", { class: "icckb-db-option", "data-value": value });
      var box = element("input", { type: "checkbox", name: facet, value: value });
      box.addEventListener("change", function () { self.changed(true); });
      option.appendChild(box);
      option.appendChild(element("span", {}, names[value]));
      option.appendChild(element("span", { class: "icckb-db-count-value" }, ""));
      list.appendChild(option);
    });
    return fieldset;
  };

  Database.prototype.yearRange = function () {
    var self = this;
    var years = element("fieldset", { class: "icckb-db-facet", "data-facet": "year" });
    years.appendChild(element("legend", {}, this.label("filter_year")));
    this.years = {};
    ["from", "to"].forEach(function (end) {
      var label = element("label", {}, self.label("filter_year_" + end) + " ");
      var select = element("select", { name: end });
      select.appendChild(element("option", { value: "" }, "—"));
      self.data.years.forEach(function (year) { select.appendChild(element("option", { value: String(year) }, String(year))); });
      select.addEventListener("change", function () { self.changed(true); });
      label.appendChild(select);
      years.appendChild(label);
      self.years[end] = select;
    });
    return years;
  };

  Database.prototype.openFilters = function (open) {
    this.toggle.setAttribute("aria-expanded", String(open));
    this.panel.classList.toggle("icckb-db-facets--open", open);
  };

  Database.prototype.read = function () {
    var params = new URLSearchParams(location.search);
    this.query.value = params.get("q") || "";
    this.root.querySelectorAll('.icckb-db-facets input[type="checkbox"]').forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
    this.years.from.value = params.get("from") || "";
    this.years.to.value = params.get("to") || "";
    this.sort.value = params.get("sort") || (this.query.value ? "relevance" : "newest");
  };

  Database.prototype.params = function () {
    var params = new URLSearchParams();
    if (this.query.value.trim()) params.set("q", this.query.value.trim());
    this.root.querySelectorAll('.icckb-db-facets input[type="checkbox"]:checked').forEach(function (box) { params.append(box.name, box.value); });
    if (this.years.from.value) params.set("from", this.years.from.value);
    if (this.years.to.value) params.set("to", this.years.to.value);
    var natural = this.query.value.trim() ? "relevance" : "newest";
    if (this.sort.value && this.sort.value !== natural) params.set("sort", this.sort.value);
    return params;
  };

  // A choice is one step back in the browser's history; typing only updates the address.
  Database.prototype.write = function (params, step) {
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    history[step ? "pushState" : "replaceState"](null, "", url);
  };

  Database.prototype.changed = function (step) {
    this.write(this.params(), step);
    this.shown = PAGE_SIZE;
    this.run();
  };

  // AND across facets, OR within one; the year range is any year inside it; archived
  // records only when asked for, as in the list without JavaScript.
  Database.prototype.filters = function (without) {
    var params = this.params(), data = this.data;
    var filters = { type: this.root.dataset.type };
    this.facets.forEach(function (facet) {
      var values = params.getAll(facet);
      if (values.length && facet !== without) filters[facet] = { any: values };
    });
    if (params.get("from") || params.get("to")) {
      var from = Number(params.get("from") || 0), to = Number(params.get("to") || 9999);
      filters.year = { any: data.years.filter(function (y) { return y >= from && y <= to; }).map(String) };
    }
    if (!params.get("status") && this.facets.indexOf("status") !== -1 && without !== "status") filters.status = { any: ["active"] };
    return filters;
  };

  Database.prototype.order = function (query) {
    var sort = this.sort.value;
    if (sort === "relevance" && query) return undefined;
    if (sort === "oldest") return { year: "asc" };
    if (sort === "title") return { title: "asc" };
    return { year: "desc" };
  };

  // Counts are disjunctive: a facet with ticked values counts as if it were cleared,
  // within every other facet and the query (one more search per such facet).
  Database.prototype.run = function () {
    var self = this, ticket = ++this.ticket;
    var query = this.query.value.trim(), term = query || this.every || null, params = this.params();
    var ticked = this.facets.filter(function (facet) { return params.getAll(facet).length; });
    var searches = [this.pagefind.search(term, { filters: this.filters(), sort: this.order(query) })];
    ticked.forEach(function (facet) { searches.push(self.pagefind.search(term, { filters: self.filters(facet) })); });
    return Promise.all(searches).then(function (found) {
      if (ticket !== self.ticket) return;
      var counts = Object.assign({}, found[0].filters || {});
      ticked.forEach(function (facet, index) { counts[facet] = (found[index + 1].filters || {})[facet] || {}; });
      self.results = found[0].results;
      self.counts(counts);
      self.showChips(params);
      return self.render(ticket);
    });
  };

  Database.prototype.counts = function (counts) {
    var self = this;
    this.facets.forEach(function (facet) {
      self.groups[facet].querySelectorAll(".icckb-db-option").forEach(function (option) {
        var count = (counts[facet] || {})[option.dataset.value] || 0;
        option.querySelector(".icckb-db-count-value").textContent = " (" + count + ")";
        option.classList.toggle("icckb-db-empty", count === 0);
      });
    });
  };

  Database.prototype.showChips = function (params) {
    var self = this, active = 0;
    this.chips.textContent = "";
    this.facets.forEach(function (facet) {
      params.getAll(facet).forEach(function (value) {
        var name = (self.data.names[facet] || {})[value] || value;
        self.chips.appendChild(self.chip(self.label("filter_" + facet) + ": " + name, function (next) {
          var kept = next.getAll(facet).filter(function (v) { return v !== value; });
          next.delete(facet);
          kept.forEach(function (v) { next.append(facet, v); });
        }));
        active++;
      });
    });
    ["from", "to"].forEach(function (end) {
      if (params.get(end)) {
        self.chips.appendChild(self.chip(self.label("filter_year_" + end) + " " + params.get(end), function (next) { next.delete(end); }));
        active++;
      }
    });
    this.toggle.textContent = this.label("filters_count", { count: active });
  };

  Database.prototype.chip = function (text, remove) {
    var self = this;
    var item = element("li");
    var button = element("button", { type: "button", class: "icckb-db-chip", "aria-label": this.label("remove_filter", { filter: text }) }, text + " ×");
    button.addEventListener("click", function () {
      var next = self.params();
      remove(next);
      self.write(next, true);
      self.read();
      self.shown = PAGE_SIZE;
      self.run();
    });
    item.appendChild(button);
    return item;
  };

  Database.prototype.render = function (ticket) {
    return showResults(this, ticket, countText(this, "no_results"));
  };

  Database.prototype.result = function (item) {
    var meta = item.meta || {};
    var li = element("li", { class: "icckb-db-result" });
    // A record not yet translated is in its own language: let its text take its own direction.
    li.appendChild(element("a", { href: item.url, dir: "auto" }, meta.title || item.url));
    var facts = [meta.place, meta.year].filter(Boolean).join(" · ");
    if (facts) li.appendChild(element("span", { class: "icckb-db-facts" }, " — " + facts));
    if (meta.topics) li.appendChild(element("div", { class: "icckb-db-topics" }, meta.topics));
    if (meta.summary) li.appendChild(element("p", { dir: "auto" }, meta.summary));
    return li;
  };

  icckb.onPage(function () {
    document.querySelectorAll(".icckb-find").forEach(function (form) { new Finder(form); });
    slashToSearch();
    var search = document.getElementById("icckb-search");
    if (search) new SearchPage(search).start();
    document.querySelectorAll(".icckb-db").forEach(function (root, index) {
      if (!root.id) root.id = "icckb-db-" + index;
      new Database(root).start();
    });
  });
})();
