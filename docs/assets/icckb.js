// Glossary terms (abbreviations) can be reached with the keyboard and by a tap: their
// explanation then shows below them, inside the window. Hovering shows it as the
// browser's own tooltip (the title stays, for assistive technology too). This replaces
// the theme's tooltips, whose set-up cost every page a tenth of a second on a phone.
icckb.onPage(function () {
  var tip = null, shownFor = null;

  function hide() {
    if (!tip) return;
    shownFor.removeAttribute("aria-describedby");
    tip.remove();
    tip = shownFor = null;
  }

  function show(abbr) {
    hide();
    tip = icckb.element("div", { id: "icckb-tip", class: "icckb-tip", role: "tooltip", dir: "auto" }, abbr.title);
    document.body.appendChild(tip);
    shownFor = abbr;
    abbr.setAttribute("aria-describedby", "icckb-tip");
    // Under the term, moved left as far as it must to end inside the window, never past its left edge.
    var place = abbr.getBoundingClientRect(), margin = 8;
    var left = Math.max(margin, Math.min(place.left, document.documentElement.clientWidth - tip.offsetWidth - margin));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = place.bottom + 4 + window.scrollY + "px";
  }

  document.querySelectorAll("abbr[title]").forEach(function (abbr) {
    abbr.tabIndex = 0;
    abbr.addEventListener("focus", function () { show(abbr); });
    abbr.addEventListener("blur", hide);
    abbr.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  });
});
