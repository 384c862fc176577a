// The essay editor's footnote references, numbered as on the page (1, 2, … in
// order of first appearance) instead of wagtail-footnotes' short hex ids, and
// a note created with "Fn" that receives what is typed straight away.
(function () {
  "use strict";

  const FORMS = "#id_footnotes-FORMS";

  function renumber() {
    const numbers = new Map();
    document.querySelectorAll("sup[data-footnote-uuid]").forEach(function (sup) {
      if (sup.closest(FORMS)) return;
      const uuid = sup.getAttribute("data-footnote-uuid");
      if (!numbers.has(uuid)) numbers.set(uuid, numbers.size + 1);
      const number = String(numbers.get(uuid));
      if (sup.getAttribute("data-footnote-number") !== number) {
        sup.setAttribute("data-footnote-number", number);
        sup.setAttribute("title", "Note " + number);
      }
    });
    document.querySelectorAll(FORMS + ' input[id$="-uuid"]').forEach(function (input) {
      const shown = document.getElementById(input.id + "_display-value");
      if (!shown) return;
      const number = numbers.has(input.value) ? String(numbers.get(input.value)) : "";
      if ((shown.getAttribute("data-footnote-number") || "") !== number) {
        if (number) shown.setAttribute("data-footnote-number", number);
        else shown.removeAttribute("data-footnote-number");
      }
    });
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      renumber();
    });
  }

  // wagtail-footnotes focuses the new note's editor by script, with no caret in
  // it: the letters then showed on screen but never reached Draft.js, and the
  // note was saved empty. A caret placed at the start of the note makes Draft.js
  // (through the selectionchange event) take the focus as its own.
  document.addEventListener("focusin", function (event) {
    const editor = event.target;
    if (!(editor instanceof Element) || !editor.matches(".public-DraftEditor-content")) return;
    if (!editor.closest(FORMS)) return;
    const selection = window.getSelection();
    if (selection.rangeCount && editor.contains(selection.anchorNode)) return;
    const leaf = editor.querySelector("[data-offset-key] [data-offset-key], [data-offset-key]");
    if (leaf) selection.collapse(leaf, 0);
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector(FORMS)) return;
    renumber();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["value"],
    });
    document.addEventListener("input", schedule);
  });
})();
