// Small enhancements on every page. Everything works without this file.
// - "Copy link" buttons (the link stays visible to select by hand without JavaScript).
// - The shortlist is also remembered on this device (localStorage; never sent anywhere
//   except in the links the visitor follows, and no cookie).
(function () {
  "use strict";
  var STORE = "kiesjezorg-bewaarlijst";

  function stored() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }

  function store(ids) {
    try { window.localStorage.setItem(STORE, JSON.stringify(ids)); } catch (e) { /* private mode: the link still has it */ }
  }

  function shortlistOf(url) {
    return new URL(url, window.location.href).searchParams.getAll("b");
  }

  // Pages that carry the shortlist in their link (search and provider pages).
  var carriesShortlist = /^\/(zoeken|aanbieder\/)/.test(window.location.pathname);
  if (carriesShortlist && window.URL) {
    var inLink = shortlistOf(window.location.href);
    if (inLink.length) {
      store(inLink);
    } else if (stored().length) {
      // Came here without the list (a new tab, a bookmark): bring it back from this device.
      var url = new URL(window.location.href);
      stored().forEach(function (id) { url.searchParams.append("b", id); });
      window.location.replace(url.toString());
      return;
    }
  }

  // Adding or removing: remember the new list before following the link, so removing the
  // last one is not undone by the restore above.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-shortlist-change]");
    if (link) { store(shortlistOf(link.href)); }
  });

  var copy = document.querySelector("[data-copy-link]");
  var field = document.querySelector("[data-share-link]");
  var status = document.querySelector("[data-copy-status]");
  if (copy && field && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = copy.getAttribute("data-done") || "OK";
      }, function () {
        field.select();  // no permission: select it so the visitor can copy it
      });
    });
  }
})();
