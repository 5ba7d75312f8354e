// docscreen pages: repeatable form rows, status polling, evidence viewer, decision keys (a / r / c).
(function () {
  "use strict";

  document.querySelectorAll(".add-row").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var body = document.querySelector("#" + btn.dataset.target + " tbody");
      var last = body.querySelector("tr.repeat:last-of-type");
      var row = last.cloneNode(true);
      row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
      body.appendChild(row);
      var first = row.querySelector("input, select");
      if (first) first.focus();
    });
  });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".remove-row");
    if (!btn) return;
    var row = btn.closest("tr");
    var body = row.parentNode;
    if (body.querySelectorAll("tr.repeat").length > 1) row.remove();
    else row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
  });

  var poll = document.getElementById("poll");
  if (poll) {
    var tick = function () {
      fetch(poll.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && (data.status === "done" || data.status === "failed")) window.location.reload();
          else setTimeout(tick, 1500);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  }

  var viewer = document.getElementById("viewer");
  document.querySelectorAll("a.thumb").forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (!viewer || !viewer.showModal) return;
      e.preventDefault();
      document.getElementById("viewer-img").src = a.dataset.full;
      viewer.showModal();
    });
  });

  document.querySelectorAll("table.queue tbody tr[data-href]").forEach(function (tr) {
    tr.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      window.location = tr.dataset.href;
    });
  });

  var form = document.getElementById("decision-form");
  if (form) {
    var comment = document.getElementById("comment");
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      var tag = (e.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select") return;
      var btn = form.querySelector('button[data-key="' + e.key.toLowerCase() + '"]');
      if (!btn) return;
      e.preventDefault();
      if (btn.value !== "approve" && !comment.value.trim()) {
        comment.focus();
        comment.dataset.pending = btn.value;
        return;
      }
      btn.click();
    });
    comment.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && comment.dataset.pending) {
        e.preventDefault();
        form.querySelector('button[value="' + comment.dataset.pending + '"]').click();
      }
    });
  }
})();
