// Sends a reader who follows an old link to a section that moved (hooks/moved_anchors.py) on
// to its new place. Without JavaScript, the link lands on a line that links there instead.
(function () {
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var link = id && document.getElementById(id);
    if (link && link.classList.contains("moved-anchor")) location.replace(link.href);
  }
  window.addEventListener("hashchange", follow);
  if (window.document$) window.document$.subscribe(follow); // after each instant navigation
  else follow();
})();
