// Progressive enhancement of the search page. Everything works without this file:
// the filters are a normal GET form and every choice is a link. With it:
// - a choice applies at once and the page is updated in place (focus stays where it
//   was); the new result count is announced by the role="status" summary;
// - every filter change is a step in the browser's history (Back undoes it); a change
//   of the shortlist is not, and Back never takes the shortlist away;
// - saving to the shortlist keeps the visitor's place on the page;
// - "Toon resultaten" moves focus to the results heading.
(function () {
  "use strict";
  if (!document.querySelector("form[data-live-search]") || !window.fetch || !window.DOMParser ||
      !window.URLSearchParams || !window.history.pushState) { return; }

  var PHONE = window.matchMedia("(max-width: 47.99rem)");
  var pending = null;

  function form() { return document.querySelector("form[data-live-search]"); }
  function panel() { return document.querySelector("[data-filter-panel]"); }

  // The search as the form holds it: empty fields left out, as in the site's own links.
  function formUrl(action) {
    var params = new URLSearchParams();
    new FormData(form()).forEach(function (value, name) {
      if (String(value).trim() !== "") { params.append(name, value); }
    });
    var query = params.toString();
    return action.split("#")[0] + (query ? "?" + query : "");
  }

  // `url` with the shortlist this tab has now, whatever the link said.
  function withShortlist(url) {
    var target = new URL(url, window.location.href);
    var ids = window.KJZ ? window.KJZ.shortlist() : null;
    if (ids) {
      target.searchParams.delete("b");
      ids.forEach(function (id) { target.searchParams.append("b", id); });
    }
    target.hash = "";
    return target.pathname + target.search;
  }

  function swap(fresh, selector) {
    var current = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (current && replacement) { current.replaceWith(replacement); }
  }

  // The summary stays the same element, so screen readers announce its new text.
  function render(fresh) {
    var status = document.getElementById("result-summary");
    var freshStatus = fresh.getElementById("result-summary");
    var open = panel() ? panel().open : false;
    swap(fresh, "#results");
    swap(fresh, "#view-slot");
    swap(fresh, "form[data-live-search]");
    if (status && freshStatus) {
      document.getElementById("result-summary").replaceWith(status);
      status.textContent = freshStatus.textContent;
    }
    var q = document.getElementById("q");
    var freshQ = fresh.getElementById("q");
    if (q && freshQ && document.activeElement !== q) { q.value = freshQ.value; }
    document.title = fresh.title;
    readyPanel(open);
  }

  // options.history: "push" (a filter change), "replace" (the shortlist) or "none" (Back);
  // options.after(): focus or scroll once the new results are in.
  function update(url, options) {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    document.body.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var results = fresh.getElementById("results");
        if (!results) { throw new Error("no results"); }
        var page = results.getAttribute("data-page") || url;
        var focus = focused();
        render(fresh);
        shown = searchOf(page);
        if (options.history === "push") { history.pushState({ search: true }, "", page); }
        else { history.replaceState({ search: true }, "", page); }
        if (window.KJZ) {
          window.KJZ.remember(new URL(page, window.location.href));
          window.KJZ.enhance();
        }
        if (options.after) { options.after(); } else { restoreFocus(focus); }
      })
      .catch(function (error) {
        // Offline or slow: fall back to a normal page load.
        if (error.name !== "AbortError") { window.location.assign(url); }
      })
      .finally(function () { document.body.removeAttribute("aria-busy"); });
  }

  function focused() {
    var el = document.activeElement;
    return el && el.name ? { name: el.name, value: el.value, type: el.type } : null;
  }

  // The replaced controls are new elements: find the one that had focus by name (and
  // value, for checkboxes and radios) and focus it again.
  function restoreFocus(focus) {
    if (!focus) { return; }
    var fields = document.querySelectorAll("[name]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var sameChoice = (focus.type !== "checkbox" && focus.type !== "radio") || field.value === focus.value;
      if (field.name === focus.name && field.form === form() && sameChoice) { field.focus(); return; }
    }
  }

  function focusHeading() {
    if (PHONE.matches && panel()) { panel().open = false; }
    var heading = document.getElementById("results-heading");
    if (heading) { heading.focus(); }
  }

  // CSS shows the panel on a desk from the first paint (static/css/site.css); a script
  // opens it for real, so that its state is told right, and keeps it open there.
  function readyPanel(open) {
    var details = panel();
    if (details) { details.open = open === undefined ? !PHONE.matches : open; }
  }

  // The phone's position, rounded to 2 decimals (about 1 km), is put in the search
  // link only: nothing is stored, and the server does not log query strings.
  function useLocation() {
    navigator.geolocation.getCurrentPosition(function (position) {
      setHidden("lat", position.coords.latitude.toFixed(2));
      setHidden("lon", position.coords.longitude.toFixed(2));
      var sort = document.getElementById("sort");
      if (sort) { sort.value = "afstand"; }
      update(formUrl(form().action), { history: "push" });
    }, function () { /* refused or unavailable: nothing changes */ },
    { enableHighAccuracy: false, maximumAge: 600000, timeout: 10000 });
  }

  function setHidden(name, value) {
    var input = form().querySelector("input[type=hidden][name='" + name + "']");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form().appendChild(input);
    }
    input.value = value;
  }

  // A shortlist link: the same page with one provider more or less. Not a history step;
  // the card stays where it was on the screen and keeps the focus.
  function changeShortlist(href, link) {
    var card = link.closest("[id^='p-']");
    var id = card ? card.id : null;
    var top = card ? card.getBoundingClientRect().top : 0;
    update(withShortlist(href), { history: "replace", after: function () {
      var again = id ? document.getElementById(id) : null;
      if (!again) {  // from the "terugzetten?" question: on to the list itself
        var heading = document.getElementById("shortlist-heading");
        if (heading) { heading.focus(); }
        return;
      }
      window.scrollBy(0, again.getBoundingClientRect().top - top);
      var toggle = again.querySelector("[data-shortlist-change]");
      if (toggle) { toggle.focus({ preventScroll: true }); }
    } });
  }

  // Choices apply at once; text fields wait for Enter or the button.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.form === form() && field.type !== "search") {
      update(formUrl(form().action), { history: "push" });
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target !== form()) { return; }
    event.preventDefault();
    var button = event.submitter;
    var show = button && button.hasAttribute("data-show-results");
    update(formUrl(form().action), { history: "push", after: show ? focusHeading : null });
  });
  // Links that change the search (chips, "zonder ...", "Bedoelde u"): in place too.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-search-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    update(withShortlist(link.href), { history: "push", after: focusHeading });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-location]");
    if (button && navigator.geolocation) { useLocation(); }
  });

  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("[data-filter-panel] > summary");
    if (summary && !PHONE.matches) { event.preventDefault(); }  // a sidebar on a desk: stays open
  });

  // Back and Forward: show that step's search, with the shortlist as it is now. (A jump
  // within the page, like "Naar de resultaten", is a history step of its own: ignored.)
  function searchOf(url) {
    var params = new URL(url, window.location.href).searchParams;
    params.delete("b");
    params.sort();
    return params.toString();
  }
  var shown = searchOf(window.location.href);
  window.addEventListener("popstate", function () {
    if (searchOf(window.location.href) === shown) { return; }
    update(withShortlist(window.location.href), { history: "none" });
  });

  if (window.KJZ) {
    window.KJZ.changeShortlist = changeShortlist;
    window.KJZ.showShortlist = function () {
      update(withShortlist(window.location.href), { history: "replace" });
    };
  }
  readyPanel();
})();
