// Notes for the client supporter, one per provider (comparison and conversation sheet).
// They are kept in the link only after the "#", which the browser never sends to a
// server, as n-<aanbieder id>=<note>; and in this tab (sessionStorage), so that going
// back and forth keeps them. Nothing is sent anywhere: no request is made here.
(function () {
  "use strict";
  var TAB = "kiesjezorg-notities";
  var MAX = 300;

  function fromHash() {
    var notes = {};
    var found = false;
    new URLSearchParams(window.location.hash.slice(1)).forEach(function (value, key) {
      if (key.indexOf("n-") === 0) { notes[key.slice(2)] = value.slice(0, MAX); found = true; }
    });
    return found ? notes : null;
  }
  function fromTab() {
    try { return JSON.parse(sessionStorage.getItem(TAB) || "{}") || {}; } catch (e) { return {}; }
  }
  function toTab(notes) {
    try {
      var all = fromTab();
      Object.keys(notes).forEach(function (id) {
        if (notes[id]) { all[id] = notes[id]; } else { delete all[id]; }
      });
      sessionStorage.setItem(TAB, JSON.stringify(all));
    } catch (e) { /* storage off: the link still has the notes */ }
  }

  // The providers on this page, in order.
  var ids = [];
  document.querySelectorAll("[data-note-text], [data-note]").forEach(function (el) {
    var id = el.getAttribute("data-note-text") || el.getAttribute("data-note");
    if (ids.indexOf(id) < 0) { ids.push(id); }
  });
  if (!ids.length) { return; }

  var linked = fromHash();
  var tab = fromTab();
  var notes = {};
  ids.forEach(function (id) { notes[id] = ((linked || tab)[id] || "").slice(0, MAX); });

  function hash() {
    var params = new URLSearchParams();
    ids.forEach(function (id) { if (notes[id]) { params.append("n-" + id, notes[id]); } });
    var text = params.toString();
    return text ? "#" + text : "";
  }

  // Every link that should carry the notes: this page's own share link, mail and
  // WhatsApp, and the way between comparison and conversation sheet.
  var share = document.querySelector("[data-share-link]");
  var shareBase = share ? share.value.split("#")[0] : "";
  var title = document.title;
  function show() {
    var tail = hash();
    ids.forEach(function (id) {
      document.querySelectorAll("[data-note-text]").forEach(function (el) {
        if (el.getAttribute("data-note-text") !== id) { return; }
        el.textContent = notes[id];
        var block = el.closest("[data-notes-block]") || el;
        if (block === el) { el.hidden = !notes[id]; }
      });
    });
    var block = document.querySelector("[data-notes-block]");
    if (block) { block.hidden = !ids.some(function (id) { return notes[id]; }); }
    document.querySelectorAll("a[data-keeps-notes]").forEach(function (a) {
      a.href = a.href.split("#")[0] + tail;
    });
    if (share) {
      var url = shareBase + tail;
      share.value = url;
      var mail = document.querySelector("a[href^='mailto:?']");
      var chat = document.querySelector("a[href^='https://wa.me/']");
      if (mail) { mail.href = "mailto:?subject=" + encodeURIComponent(title) + "&body=" + encodeURIComponent(url); }
      if (chat) { chat.href = "https://wa.me/?text=" + encodeURIComponent(title + " " + url); }
    }
    history.replaceState(history.state, "", window.location.pathname + window.location.search + tail);
  }

  document.querySelectorAll("textarea[data-note]").forEach(function (field) {
    var id = field.getAttribute("data-note");
    field.value = notes[id];
    field.addEventListener("input", function () {
      notes[id] = field.value.slice(0, MAX);
      var change = {};
      change[id] = notes[id];
      toTab(change);
      show();
    });
  });
  if (linked) { toTab(notes); }
  show();
})();
