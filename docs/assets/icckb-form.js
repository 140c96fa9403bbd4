// The practice submission form: checks the answers with the validator's rules and
// messages (sent by the build), then writes the Markdown file to download, copy or
// propose on GitHub.
(function () {
  "use strict";

  var element = icckb.element, format = icckb.format;

  function slugify(title) {
    return title.toLowerCase().normalize("NFKD").replace(/[^\x00-\x7f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "") || "new-practice";
  }

  function Form(root) {
    this.root = root;
    this.settings = icckb.settings(root);
  }

  Form.prototype.field = function (form, name, label, control) {
    var wrapper = element("p", { class: "icckb-form-field" });
    var id = "icckb-" + name;
    control.id = id;
    control.name = name;
    wrapper.appendChild(element("label", { for: id }, label));
    wrapper.appendChild(element("br"));
    wrapper.appendChild(control);
    form.appendChild(wrapper);
    return control;
  };

  Form.prototype.select = function (form, name, label, options) {
    var select = element("select", { multiple: "", size: "8" });
    Object.keys(options).sort(function (a, b) { return options[a].localeCompare(options[b]); }).forEach(function (id) {
      select.appendChild(element("option", { value: id }, options[id]));
    });
    return this.field(form, name, label, select);
  };

  Form.prototype.label = function (key) { return this.settings.labels[key] || key; };

  Form.prototype.build = function () {
    var self = this, s = this.settings, l = this.label.bind(this);
    var form = element("form", { class: "icckb-form", novalidate: "" });
    form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    this.inputs = {
      title: this.field(form, "title", l("form_field_title"), element("input", { type: "text", size: "60" })),
      cities: this.select(form, "cities", l("form_field_cities"), s.cities),
      year: this.field(form, "year", l("form_field_year"), element("input", { type: "number", min: String(s.years[0]), max: String(s.years[1]) })),
      topics: this.select(form, "topics", l("form_field_topics"), s.topics),
      summary: this.field(form, "summary", l("form_field_summary"), element("textarea", { rows: "3", cols: "60" })),
      target_groups: this.select(form, "target_groups", l("form_field_target_groups"), s.target_groups),
      contact: this.field(form, "contact", l("form_field_contact"), element("input", { type: "text", size: "60" })),
      sources: this.field(form, "sources", l("form_field_sources"), element("textarea", { rows: "2", cols: "60" }))
    };
    // Sections are named in the reader's language; the file keeps the headings the validator knows.
    this.sections = s.sections.map(function (section, i) {
      return self.field(form, "section-" + slugify(section), s.section_names[i] || section, element("textarea", { rows: "5", cols: "60" }));
    });
    form.appendChild(element("button", { type: "submit", class: "md-button md-button--primary" }, l("form_submit")));
    this.errors = element("ul", { class: "icckb-form-errors", role: "alert" });
    this.output = element("div", { class: "icckb-form-output", hidden: "" });
    this.root.appendChild(form);
    this.root.appendChild(this.errors);
    this.root.appendChild(this.output);
  };

  function selected(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
  }

  Form.prototype.values = function () {
    var inputs = this.inputs;
    return {
      title: inputs.title.value.trim(),
      cities: selected(inputs.cities),
      year: inputs.year.value.trim(),
      topics: selected(inputs.topics),
      summary: inputs.summary.value.trim(),
      target_groups: selected(inputs.target_groups),
      contact: inputs.contact.value.trim(),
      sources: inputs.sources.value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean)
    };
  };

  // The validator's rules, with its words: "field: message".
  Form.prototype.check = function (v) {
    var self = this, s = this.settings, m = s.messages, problems = [];
    function missing(name) { problems.push(name + ": " + format(m.missing, { name: name, example: s.examples[name] || "..." })); }
    function text(name, value, limit) {
      var tag = value.match(new RegExp(s.tag));
      if (new RegExp(s.control).test(value)) problems.push(name + ": " + self.label("form_control"));
      if (tag) problems.push(name + ": " + format(m.html, { tag: '"' + tag[0] + '"' }));
      if (limit && value.length > limit) problems.push(name + ": " + format(m.too_long, { length: value.length, limit: limit, over: value.length - limit }));
    }
    if (!v.title) missing("title"); else text("title", v.title, s.limits.title);
    if (!v.cities.length) missing("cities");
    if (!v.year) missing("year");
    else if (!/^\d+$/.test(v.year) || Number(v.year) < s.years[0] || Number(v.year) > s.years[1]) {
      problems.push("year: " + format(m.year_range, { value: v.year, minimum: s.years[0], maximum: s.years[1] }));
    }
    if (!v.topics.length) missing("topics");
    if (!v.summary) missing("summary"); else text("summary", v.summary, s.limits.summary);
    if (v.contact) text("contact", v.contact, 300);
    v.sources.forEach(function (source, i) { text("sources[" + i + "]", source, 300); });
    this.sections.forEach(function (area, i) {
      area.value.split("\n").forEach(function (line) {
        for (var k = 0; k < s.unsafe.length; k++) {
          var match = line.match(new RegExp(s.unsafe[k][0], "i"));
          if (match) {
            problems.push("body: " + s.unsafe[k][1].replace("{0}", match[1] || "") + " " + format(self.label("form_in_section"), { section: s.section_names[i] || s.sections[i] }));
            break;
          }
        }
      });
    });
    return problems;
  };

  function quote(value) { return JSON.stringify(value); }  // a JSON string is a valid YAML scalar
  function list(values) { return "[" + values.join(", ") + "]"; }

  Form.prototype.markdown = function (v) {
    var lines = ["---", "title: " + quote(v.title), "cities: " + list(v.cities), "year: " + Number(v.year),
                 "topics: " + list(v.topics), "summary: " + quote(v.summary)];
    if (v.target_groups.length) lines.push("target_groups: " + list(v.target_groups));
    if (v.contact) lines.push("contact: " + quote(v.contact));
    if (v.sources.length) lines.push("sources: [" + v.sources.map(quote).join(", ") + "]");
    lines.push("---", "");
    var self = this;
    this.settings.sections.forEach(function (section, i) {
      lines.push("## " + section, "", self.sections[i].value.trim() || "<!-- To be written -->", "");
    });
    return lines.join("\n");
  };

  Form.prototype.submit = function () {
    var v = this.values(), problems = this.check(v), s = this.settings;
    this.errors.textContent = "";
    this.output.hidden = true;
    if (problems.length) {
      problems.forEach(function (p) { this.errors.appendChild(element("li", {}, p)); }, this);
      return;
    }
    var content = this.markdown(v);
    var name = slugify(v.title) + ".md";
    this.output.textContent = "";
    this.output.appendChild(element("p", {}, s.folder + "/" + name));
    var area = element("textarea", { rows: "16", cols: "80", readonly: "", class: "icckb-form-file", "aria-label": name });
    area.value = content;
    this.output.appendChild(area);
    var blob = URL.createObjectURL(new Blob([content], { type: "text/markdown" }));
    this.output.appendChild(element("a", { href: blob, download: name, class: "md-button" }, this.label("form_download")));
    var copy = element("button", { type: "button", class: "md-button" }, this.label("form_copy"));
    copy.addEventListener("click", function () { navigator.clipboard.writeText(content); });
    this.output.appendChild(copy);
    if (s.repo) {
      var url = s.repo + "/new/" + s.branch + "/" + s.folder + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(content);
      this.output.appendChild(element("a", { href: url, class: "md-button md-button--primary icckb-form-propose", rel: "noopener" }, this.label("form_propose")));
    }
    this.output.hidden = false;
  };

  icckb.onPage(function () {
    var root = document.getElementById("icckb-form");
    if (root) new Form(root).build();
  });
})();
