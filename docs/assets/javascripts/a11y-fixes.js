// Accessibility fixes to markup that Material's script creates after a page loads (and again
// after each instant navigation, hence the observer), found by axe-core:
// - Each code block gets a <nav> for its copy button; several unlabelled navigation landmarks
//   cannot be told apart by screen-reader users (landmark-unique), so each gets a label.
// - Wide tables are wrapped in a horizontally scrolling box; one that overflows must be
//   reachable by keyboard so it can be scrolled without a mouse (scrollable-region-focusable).
(function () {
  function fix() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
      var name = "Code block " + (index + 1) + " actions";
      if (nav.getAttribute("aria-label") !== name) nav.setAttribute("aria-label", name);
    });
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && wrap.getAttribute("tabindex") !== "0") wrap.setAttribute("tabindex", "0");
      if (!scrolls && wrap.hasAttribute("tabindex")) wrap.removeAttribute("tabindex");
    });
  }
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", fix);
  fix();
})();
