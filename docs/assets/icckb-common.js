// Helpers shared by the site's scripts. Each script starts with icckb.onPage, on
// Material's document$ (the theme's own start signal), and everything taken from
// records is inserted as text (textContent), never as HTML.
window.icckb = (function () {
  "use strict";

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? String(values[key]) : whole; });
  }

  // Run start() once the page is ready, as the theme does for its own scripts.
  function onPage(start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { start(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }

  // The site's root (where pagefind/ is), from the theme's configuration.
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  // Pagefind, for this page's language, loaded once, with its engine and the language's
  // list of index chunks (it would load them at the first search otherwise).
  var engine = null;
  function pagefind() {
    if (!engine) {
      var root = siteRoot();
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () { return module.init(); }).then(function () { return module; });
      });
    }
    return engine;
  }

  // Data the build put in a <script type="application/json"> inside root.
  function settings(root) {
    var data = root.querySelector('script[type="application/json"]');
    return data ? JSON.parse(data.textContent) : {};
  }

  return { element: element, format: format, onPage: onPage, siteRoot: siteRoot, pagefind: pagefind, settings: settings };
})();
