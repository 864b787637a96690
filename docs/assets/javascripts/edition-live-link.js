// On a frozen edition's pages, the notice's link to the live site follows the section being read
// (its #anchor), so that a reader lands on the same section there. Without JavaScript it opens the
// same page. The live site has no such link, so this does nothing there.
(function () {
  function follow() {
    var link = document.querySelector("a[data-live-link]");
    if (link) link.hash = location.hash;
  }
  window.addEventListener("hashchange", follow);
  if (window.document$) window.document$.subscribe(follow); // after each instant navigation
  else follow();
})();
