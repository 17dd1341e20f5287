// Notes: quick exit, auto-lock, and small helpers. No inline scripts (CSP), no network
// requests except to this app, and one navigation to the neutral exit site.
(function () {
  "use strict";
  var body = document.body;
  var exitUrl = body.getAttribute("data-exit") || "https://www.bbc.co.uk/weather";
  var meta = document.querySelector('meta[name="csrf"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var gone = false;

  function lockNow(why) {
    var data = new Blob(["via=" + why + "&csrf=" + encodeURIComponent(csrf)],
                        {type: "application/x-www-form-urlencoded"});
    if (!(navigator.sendBeacon && navigator.sendBeacon("/exit", data))) {
      try {
        fetch("/exit", {method: "POST", body: data, keepalive: true, credentials: "same-origin"});
      } catch (e) { /* leaving anyway */ }
    }
  }

  function blank() {
    document.title = "Weather";
    body.textContent = "";
    body.className = "blank";
  }

  function quickExit(ev) {
    if (ev) { ev.preventDefault(); }
    if (gone) { return; }
    gone = true;
    blank();
    lockNow("exit");
    // A navigation, not a fetch: replaces this page in the history.
    window.location.replace(exitUrl);
  }

  var btn = document.getElementById("quick-exit");
  if (btn) { btn.addEventListener("click", quickExit); }
  var form = document.getElementById("quick-exit-form");
  if (form) { form.addEventListener("submit", quickExit); }

  // Shift pressed three times within two seconds.
  var shifts = [];
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Shift" || ev.repeat) { return; }
    var now = Date.now();
    shifts = shifts.filter(function (t) { return now - t < 2000; });
    shifts.push(now);
    if (shifts.length >= 3) { quickExit(ev); }
  });

  // Never show case content again from the back-forward cache.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted || gone) {
      blank();
      window.location.replace("/");
    }
  });
  window.addEventListener("pagehide", function () {
    if (gone) { blank(); }
  });

  // Auto-lock after the idle time; activity is reported to the server now and then.
  var idle = parseInt(body.getAttribute("data-autolock") || "0", 10);
  if (idle > 0) {
    var last = Date.now();
    var lastPing = Date.now();
    var onActivity = function () {
      last = Date.now();
      if (last - lastPing > Math.min(60000, idle * 500)) {
        lastPing = last;
        fetch("/alive", {method: "POST", headers: {"X-CSRF-Token": csrf},
                         credentials: "same-origin"}).then(function (r) {
          if (r.status === 401) { blank(); window.location.replace("/unlock"); }
        }).catch(function () {});
      }
    };
    ["keydown", "mousedown", "mousemove", "scroll", "touchstart", "input"].forEach(function (n) {
      document.addEventListener(n, onActivity, {passive: true});
    });
    window.setInterval(function () {
      if (!gone && Date.now() - last > idle * 1000) {
        gone = true;
        blank();
        lockNow("idle");
        window.location.replace("/unlock");
      }
    }, 1000);
  }

  // Import: drag and drop onto the drop zone fills the file input.
  var drop = document.getElementById("dropzone");
  var input = document.getElementById("files");
  if (drop && input) {
    var list = document.getElementById("chosen");
    var show = function () {
      if (!list) { return; }
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement("li");
        li.textContent = f.name + " (" + Math.max(1, Math.round(f.size / 1024)) + " KB)";
        list.appendChild(li);
      });
    };
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (n) {
      drop.addEventListener(n, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (n) {
      drop.addEventListener(n, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (ev) {
      ev.preventDefault();
      if (ev.dataTransfer && ev.dataTransfer.files.length) {
        input.files = ev.dataTransfer.files;
        show();
      }
    });
  }

  // Import: progress while it runs.
  var progress = document.getElementById("import-progress");
  if (progress) {
    var status = document.getElementById("import-status");
    var poll = function () {
      fetch("/import/status", {credentials: "same-origin"}).then(function (r) {
        return r.json();
      }).then(function (s) {
        if (status) { status.textContent = s.line; }
        if (s.total) { progress.max = s.total; progress.value = s.done; }
        if (s.state === "running") { window.setTimeout(poll, 500); }
        else { window.location.replace("/import"); }
      }).catch(function () { window.setTimeout(poll, 1000); });
    };
    window.setTimeout(poll, 300);
  }

  // Review: keyboard shortcuts (c confirm, d dismiss, s skip, n note).
  var review = document.getElementById("review-form");
  if (review) {
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      if (t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT")) { return; }
      var map = {c: "confirm", d: "dismiss", s: "skip"};
      if (map[ev.key]) {
        ev.preventDefault();
        var b = document.getElementById("review-" + map[ev.key]);
        if (b) { b.click(); }
      } else if (ev.key === "n") {
        ev.preventDefault();
        var note = document.getElementById("note");
        if (note) { note.focus(); }
      }
    });
  }

  // Report: confirm before leaving a page with an unsent form is not needed; nothing else.
}());
