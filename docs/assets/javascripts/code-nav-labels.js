// Material adds a <nav> with a copy button to each code block. Several unlabelled navigation
// landmarks on one page cannot be told apart by screen-reader users (axe-core: landmark-unique),
// so each gets a label with its block's position on the page. Material creates these navs after
// the page loads and again after each instant navigation, hence the observer.
(function () {
  function label() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
      var name = "Code block " + (index + 1) + " actions";
      if (nav.getAttribute("aria-label") !== name) {
        nav.setAttribute("aria-label", name);
      }
    });
  }
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
  label();
})();
