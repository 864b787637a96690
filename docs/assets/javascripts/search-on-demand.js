// Loads the search index only when a reader starts to search, not on every page view.
// Material's bundle requests search/search_index.json as soon as a page loads, and the index
// grows with every page of the site. This holds that one request back until the reader focuses
// or opens the search box (or arrives with a shared ?q= search), then lets it go. It runs in
// <head>, before the bundle; if Material ever requests the index another way, the index simply
// loads at once again, and tests/test_search.py notices.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var released = false;
  var held = [];

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this._searchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request._searchIndex || released) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  if (new URLSearchParams(location.search).has("q")) release(); // a shared search link
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release(); // the search toggle
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search]")) release();
  });
})();
