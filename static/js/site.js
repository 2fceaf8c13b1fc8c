// Small enhancements on every page. Everything works without this file.
// - "Copy link" buttons (the link stays visible to select by hand without JavaScript).
// - The shortlist (bewaarlijst) on a shared desk. It lives in the links (b=). This tab
//   also keeps it (sessionStorage: gone when the browser closes), so that Back never takes
//   it away; only after "Onthoud op dit apparaat" is it kept on the device (localStorage).
//   It is never added to a link by itself: a page opened without it offers "Eerdere
//   bewaarlijst terugzetten?" and "Wis bewaarlijst". No cookie, nothing sent anywhere.
(function () {
  "use strict";
  var TAB = "kiesjezorg-bewaarlijst";             // sessionStorage: this tab's list
  var DEVICE = "kiesjezorg-bewaarlijst-apparaat";  // localStorage: only when asked for
  var OLD = "kiesjezorg-bewaarlijst";              // localStorage of earlier versions

  function read(storage, key) {
    try {
      var ids = JSON.parse(window[storage].getItem(key) || "null");
      return Array.isArray(ids) ? ids.map(String).slice(0, 10) : null;
    } catch (e) { return null; }
  }
  function write(storage, key, ids) {
    try {
      if (ids === null) { window[storage].removeItem(key); }
      else { window[storage].setItem(key, JSON.stringify(ids)); }
    } catch (e) { /* storage off: the link still has the list */ }
  }
  function onDevice() { return read("localStorage", DEVICE) !== null; }

  // Earlier versions kept every list on the device without asking: forget those.
  if (read("localStorage", OLD) !== null && !onDevice()) { write("localStorage", OLD, null); }

  function save(ids) {
    write("sessionStorage", TAB, ids);
    if (onDevice()) { write("localStorage", DEVICE, ids); }
  }
  function forget() {
    write("sessionStorage", TAB, null);
    write("localStorage", DEVICE, null);
  }

  var carriesShortlist = /^\/(zoeken|aanbieder\/)/.test(window.location.pathname);
  function listOf(url) { return new URL(url, window.location.href).searchParams.getAll("b"); }

  var KJZ = window.KJZ = {
    // The list this tab has now (null: none yet).
    shortlist: function () { return read("sessionStorage", TAB); },
    // A page with this link is shown: its list is the list now.
    remember: function (url) { if (carriesShortlist) { save(listOf(url)); } },
    // Set by search.js on the search page; elsewhere the page is updated here.
    changeShortlist: function (href) { swapPage(href); },
    showShortlist: function () { swapPage(withList(window.location.href, KJZ.shortlist() || [])); }
  };

  function withList(url, ids) {
    var target = new URL(url, window.location.href);
    target.searchParams.delete("b");
    ids.forEach(function (id) { target.searchParams.append("b", id); });
    target.hash = "";
    return target.pathname + target.search;
  }

  // The same page with another shortlist, updated in place: no history step, the place
  // on the page kept, the focus on the shortlist control again.
  function swapPage(url) {
    fetch(url, { headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var main = document.querySelector("main");
        var freshMain = fresh.querySelector("main");
        var language = document.querySelector("nav.language");
        var freshLanguage = fresh.querySelector("nav.language");
        if (!main || !freshMain) { throw new Error("no main"); }
        var y = window.scrollY;
        main.replaceChildren.apply(main, Array.prototype.slice.call(freshMain.childNodes));
        if (language && freshLanguage) { language.replaceWith(freshLanguage); }
        history.replaceState(history.state, "", url);
        window.scrollTo(0, y);
        var toggle = document.querySelector("[data-shortlist-change]");
        if (toggle) { toggle.focus({ preventScroll: true }); }
        KJZ.remember(url);
        enhance();
      })
      .catch(function () { window.location.assign(url); });
  }

  // --- On load ------------------------------------------------------------------------

  function restorePrompt(ids) {
    var template = document.getElementById("shortlist-restore");
    if (!template || !ids || !ids.length) { return; }
    var prompt = template.content.firstElementChild.cloneNode(true);
    var count = prompt.querySelector("[data-count]");
    var words = ids.length === 1 ? count.getAttribute("data-one") : count.getAttribute("data-other");
    count.textContent = words.replace("%(num)s", String(ids.length));
    prompt.querySelector("[data-restore]").addEventListener("click", function () {
      prompt.remove();
      save(ids);
      KJZ.changeShortlist(withList(window.location.href, ids), prompt);
    });
    prompt.querySelector("[data-forget]").addEventListener("click", function () {
      forget();
      prompt.remove();
      var main = document.querySelector("main");
      if (main) { main.focus({ preventScroll: true }); }
    });
    // First in the page for screen readers and the keyboard; shown at the bottom of the
    // screen (fixed), so nothing on the page moves when it appears.
    document.querySelector("main").prepend(prompt);
    document.documentElement.classList.add("has-prompt");
  }

  if (carriesShortlist && window.URL) {
    var inLink = listOf(window.location.href);
    var navigation = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var backOrForward = navigation && navigation.type === "back_forward";
    var tab = KJZ.shortlist();
    if (backOrForward && tab && tab.join() !== inLink.join()) {
      // Back to a page from before the list changed: show the list as it is now.
      KJZ.showShortlist();
    } else if (inLink.length) {
      save(inLink);
    } else {
      restorePrompt(tab && tab.length ? tab : read("localStorage", DEVICE));
    }
  }
  // Back from another page, served from the browser's cache: the list may have changed.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted || !carriesShortlist) { return; }
    var tab = KJZ.shortlist();
    if (tab && tab.join() !== listOf(window.location.href).join()) { KJZ.showShortlist(); }
  });

  // --- Clicks -------------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    var link = event.target.closest && event.target.closest("a[data-shortlist-change]");
    if (link) {
      event.preventDefault();
      if (link.hasAttribute("data-shortlist-clear")) { forget(); } else { save(listOf(link.href)); }
      KJZ.changeShortlist(link.href, link);
      return;
    }
    var remember = event.target.closest && event.target.closest("[data-remember]");
    if (remember) {
      var on = remember.getAttribute("aria-pressed") !== "true";
      write("localStorage", DEVICE, on ? listOf(window.location.href) : null);
      remember.setAttribute("aria-pressed", String(on));
    }
  });

  // "Afdrukken": the browser's own print dialog (the print style makes the hand-out).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  document.addEventListener("click", function (event) {
    var copy = event.target.closest && event.target.closest("[data-copy-link]");
    var field = document.querySelector("[data-share-link]");
    var status = document.querySelector("[data-copy-status]");
    if (!copy || !field) { return; }
    var done = function () { status.textContent = copy.getAttribute("data-done") || "OK"; };
    var select = function () { field.select(); };  // no permission: select it to copy by hand
    if (navigator.clipboard) { navigator.clipboard.writeText(field.value).then(done, select); }
    else { select(); }
  });

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

  // Controls that depend on what this device holds; again after an update in place.
  function enhance() {
    document.querySelectorAll("[data-remember]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(onDevice()));
    });
  }
  KJZ.enhance = enhance;
  enhance();
})();
