// Glossary terms (abbreviations) can be reached with the keyboard: their
// explanation then shows on focus as it does on hover.
icckb.onPage(function () {
  document.querySelectorAll("abbr[title]").forEach(function (abbr) {
    abbr.tabIndex = 0;
  });
});
