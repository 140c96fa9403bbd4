// Glossary terms (abbreviations) can be reached with the keyboard and by a tap: their
// explanation then shows below them, inside the window. Hovering shows it as the
// browser's own tooltip (the title stays, for assistive technology too). This replaces
// the theme's tooltips, whose set-up cost every page a tenth of a second on a phone.
icckb.onPage(function () {
  var tip = null;

  function hide() {
    if (!tip) return;
    document.querySelectorAll('[aria-describedby="icckb-tip"]').forEach(function (abbr) { abbr.removeAttribute("aria-describedby"); });
    tip.remove();
    tip = null;
  }

  function show(abbr) {
    hide();
    tip = icckb.element("div", { id: "icckb-tip", class: "icckb-tip", role: "tooltip", dir: "auto" }, abbr.title);
    document.body.appendChild(tip);
    abbr.setAttribute("aria-describedby", "icckb-tip");
    var place = abbr.getBoundingClientRect(), margin = 8;
    var left = Math.min(Math.max(place.left, margin), document.documentElement.clientWidth - tip.offsetWidth - margin);
    tip.style.left = Math.max(left, margin) + window.scrollX + "px";
    tip.style.top = place.bottom + 4 + window.scrollY + "px";
  }

  document.querySelectorAll("abbr[title]").forEach(function (abbr) {
    abbr.tabIndex = 0;
    abbr.addEventListener("focus", function () { show(abbr); });
    abbr.addEventListener("blur", hide);
    abbr.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  });
});
