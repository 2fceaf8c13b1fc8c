// Progressive enhancement of the search page. Everything works without this file:
// the filters are a normal GET form. With it, a change applies at once, the page is
// updated in place (focus stays where it was), the URL stays in step, and the new
// result count is announced by the role="status" summary.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }

  var pending = null;

  // Short links: leave out empty fields, as the server's canonical links do.
  function queryString() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim() !== "") { params.append(name, value); }
    });
    return params.toString();
  }

  function swap(fresh, selector) {
    var current = document.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (current && replacement) { current.replaceWith(replacement); }
  }

  function update() {
    var url = form.action + (queryString() ? "?" + queryString() : "");
    var focused = document.activeElement;
    var focus = focused && focused.name ? { name: focused.name, value: focused.value, type: focused.type } : null;
    var panelWasOpen = panelOpen();
    if (pending) { pending.abort(); }
    pending = new AbortController();
    document.body.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text().then(function (html) { return [response.url, html]; });
      })
      .then(function (answer) {
        var fresh = new DOMParser().parseFromString(answer[1], "text/html");
        swap(fresh, "#results");
        swap(fresh, ".filters .filter-panel");
        setPanelOpen(panelWasOpen);
        document.title = fresh.title;
        history.replaceState(null, "", answer[0]);
        restoreFocus(focus);
        enhance();
      })
      .catch(function (error) {
        // Offline or slow: fall back to a normal page load.
        if (error.name !== "AbortError") { form.submit(); }
      })
      .finally(function () { document.body.removeAttribute("aria-busy"); });
  }

  // The replaced controls are new elements: find the one that had focus by name (and
  // value, for checkboxes and radios) and focus it again.
  function restoreFocus(focus) {
    if (!focus) { return; }
    var fields = document.querySelectorAll("[name]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var sameChoice = (focus.type !== "checkbox" && focus.type !== "radio") || field.value === focus.value;
      if (field.name === focus.name && field.form === form && sameChoice) { field.focus(); return; }
    }
  }

  function panelOpen() {
    var panel = form.querySelector("[data-filter-panel]");
    return panel ? panel.open : true;
  }

  function setPanelOpen(open) {
    var panel = form.querySelector("[data-filter-panel]");
    if (panel) { panel.open = open; }
  }

  // The phone's position, rounded to 2 decimals (about 1 km), is put in the search
  // link only: nothing is stored, and the server does not log query strings.
  function useLocation() {
    navigator.geolocation.getCurrentPosition(function (position) {
      setHidden("lat", position.coords.latitude.toFixed(2));
      setHidden("lon", position.coords.longitude.toFixed(2));
      var sort = document.getElementById("sort");
      if (sort) { sort.value = "afstand"; }
      update();
    }, function () { /* refused or unavailable: nothing changes */ },
    { enableHighAccuracy: false, maximumAge: 600000, timeout: 10000 });
  }

  function setHidden(name, value) {
    var input = form.querySelector("input[type=hidden][name='" + name + "']");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function enhance() {
    var locationRow = document.querySelector("[data-geolocation]");
    if (locationRow && navigator.geolocation) {
      locationRow.hidden = false;
      locationRow.querySelector("[data-use-location]").addEventListener("click", useLocation);
    }
  }

  // Text fields wait for Enter or the button; choices apply at once.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.form === form && field.type !== "search") { update(); }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  var q = document.getElementById("q");
  if (q) {
    q.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); update(); }
    });
  }

  // On a phone the filters start folded, so the results come first.
  if (window.matchMedia("(max-width: 47.99rem)").matches) { setPanelOpen(false); }
  enhance();
})();
