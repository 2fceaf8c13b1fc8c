// Small enhancements on every page. Everything works without this file.
// - Search forms open their link without empty fields; the kinds of help follow "voor wie".
// - "Copy link" buttons (the link stays visible to select by hand without JavaScript).
// - The shortlist is also remembered on this device (localStorage; never sent anywhere
//   except in the links the visitor follows, and no cookie).
(function () {
  "use strict";

  // --- Forms ---------------------------------------------------------------------------

  // A GET form marked data-compact opens its link without the empty fields (the result
  // page's own link, in one request); the fields are already in the link's order.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-compact") || event.defaultPrevented || !window.URLSearchParams) { return; }
    event.preventDefault();
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      var text = String(value).replace(/\s+/g, " ").trim();
      if (text !== "") { params.append(name, text); }
    });
    var query = params.toString();
    window.location.assign(form.action.split(/[?#]/)[0] + (query ? "?" + query : ""));
  });

  // The kinds of help follow "voor wie": the other law's groups are disabled (CSS already
  // hides them), and a choice from them is undone.
  function followWet(form) {
    var chosen = form.querySelector("input[name=w]:checked");
    var wet = chosen ? chosen.value : "";
    var select = form.querySelector("select[name=d]");
    form.querySelectorAll("optgroup[data-wet]").forEach(function (group) {
      group.disabled = wet !== "" && group.getAttribute("data-wet") !== wet;
    });
    var option = select && select.selectedOptions[0];
    if (option && option.parentElement.disabled) { select.value = ""; }
  }
  document.querySelectorAll("form[data-follows-wet]").forEach(followWet);
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-follows-wet") && event.target.name === "w") { followWet(form); }
  });

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
