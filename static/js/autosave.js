// Autosave for the writing page: an enhancement. Without JavaScript the "Save draft" button saves.
//
// A draft is saved a couple of seconds after typing stops and when the tab is hidden. Every save names
// the version it was made from; if another tab or device saved in between, the server refuses (409) and
// this page shows both texts and lets the writer keep either. Until a save succeeds the text is also kept
// in this browser (localStorage), so a lost connection or an ended session loses nothing.
(function () {
  "use strict";
  var form = document.getElementById("reflection-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;

  var DELAY = 2000; // after typing stops
  var RETRY = 10000; // while offline or logged out
  var KEEPALIVE_LIMIT = 60000; // browsers refuse larger keepalive requests
  var NOT_FIELDS = ["csrfmiddlewaretoken", "version", "page", "public_id", "exercise", "model"];

  var statusBox = document.getElementById("save-status");
  var problemBox = document.getElementById("save-problem");
  var conflictPanel = document.getElementById("conflict-panel");
  var versionInput = form.elements.namedItem("version");
  var autosaveUrl = form.dataset.autosaveUrl;
  var storePrefix = "reflection-draft:" + form.dataset.reflection + ":";
  var storeKey = storePrefix + Math.random().toString(36).slice(2);

  var dirty = false; // changed since the last successful save
  var changes = 0; // counts edits, to tell whether a save carried the latest text
  var inFlight = false;
  var again = false;
  var leaving = false;
  var stopped = false;
  var conflict = null;
  var timer = null;
  var retryTimer = null;

  // ---- the form's text ----------------------------------------------------------------------------
  function fieldValues() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      var name = element.name;
      if (!name || NOT_FIELDS.indexOf(name) !== -1) return;
      if (element.type === "checkbox") values[name] = element.checked ? "true" : "false";
      else if (element.type !== "hidden" && element.type !== "submit" && element.type !== "button") values[name] = element.value;
    });
    return values;
  }

  function setField(name, value) {
    var element = form.querySelector('[name="' + name + '"]:not([type="hidden"])');
    if (!element) return;
    if (element.type === "checkbox") element.checked = value === "true";
    else element.value = value;
  }

  function fieldLabel(name) {
    var element = form.querySelector('[name="' + name + '"]:not([type="hidden"])');
    var label = element && element.id ? form.querySelector('label[for="' + element.id + '"]') : null;
    if (!label) return name;
    var title = label.querySelector(".stage-title");
    var question = label.querySelector(".stage-question");
    if (title) return title.textContent.trim();
    if (question) return question.textContent.trim();
    return label.childNodes[0].textContent.trim() || label.textContent.trim();
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = form.elements.namedItem("csrfmiddlewaretoken");
    return input ? input.value : "";
  }

  // ---- this browser's copy --------------------------------------------------------------------------
  function keepLocally() {
    try {
      localStorage.setItem(
        storeKey,
        JSON.stringify({ fields: fieldValues(), at: Date.now(), page: location.pathname + location.search })
      );
    } catch (error) {
      /* storage full or switched off: the server copy is all there is */
    }
  }

  function forgetLocally() {
    try {
      localStorage.removeItem(storeKey);
    } catch (error) {
      /* nothing to forget */
    }
  }

  // ---- messages -------------------------------------------------------------------------------------
  function clock(iso) {
    var when = iso ? new Date(iso) : new Date();
    return ("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2);
  }

  function setStatus(text) {
    statusBox.textContent = text;
  }

  function showProblem(parts) {
    problemBox.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") problemBox.appendChild(document.createTextNode(part));
      else problemBox.appendChild(part);
    });
    problemBox.hidden = false;
  }

  function hideProblem() {
    problemBox.hidden = true;
    problemBox.textContent = "";
  }

  function loginLink() {
    var link = document.createElement("a");
    link.href = form.dataset.loginUrl;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Log in again in a new tab";
    return link;
  }

  function renderFindings(findings) {
    var byField = {};
    (findings || []).forEach(function (finding) {
      (byField[finding.field] = byField[finding.field] || []).push(finding);
    });
    form.querySelectorAll("[data-findings-for]").forEach(function (list) {
      var found = byField[list.dataset.findingsFor] || [];
      list.textContent = "";
      found.forEach(function (finding) {
        var item = document.createElement("li");
        item.className = "finding finding-" + finding.check;
        var kind = document.createElement("span");
        kind.className = "finding-kind";
        kind.textContent = finding.check === "identifiable" ? "Could identify someone:" : "Recovery language:";
        item.appendChild(kind);
        item.appendChild(
          document.createTextNode(" “" + finding.text + "”. " + finding.message + (finding.suggestion ? " Try: " + finding.suggestion + "." : ""))
        );
        list.appendChild(item);
      });
      list.hidden = found.length === 0;
    });
    return (findings || []).filter(function (finding) { return finding.check === "identifiable"; }).length;
  }

  // ---- saving ---------------------------------------------------------------------------------------
  function changed() {
    dirty = true;
    changes += 1;
    keepLocally();
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(save, RETRY);
  }

  function save(options) {
    clearTimeout(timer);
    if (stopped || conflict || leaving || !dirty) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    var sent = changes;
    var body = new URLSearchParams(new FormData(form));
    body.delete("csrfmiddlewaretoken"); // a stale token in the body would win over the header's fresh one
    var text = body.toString();
    fetch(autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(options && options.leaving) && text.length < KEEPALIVE_LIMIT,
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () { return {}; })
          .then(function (json) { handle(response.status, json, sent); });
      })
      .catch(function () {
        showProblem([
          "Not saved: there is no connection. Your text is kept in this browser and will be saved when the connection is back.",
        ]);
        retryLater();
      })
      .then(function () {
        inFlight = false;
        if (again) {
          again = false;
          save();
        }
      });
  }

  function handle(status, json, sent) {
    if (status === 200 && typeof json.version !== "number") {
      // Not our JSON (a proxy's page, say): nothing is known to be saved.
      showProblem(["Not saved: the site answered unexpectedly. Your text is kept in this browser; trying again shortly."]);
      return retryLater();
    }
    if (status === 200) {
      versionInput.value = json.version;
      if (changes === sent) {
        dirty = false;
        forgetLocally();
      } else {
        keepLocally();
      }
      if (json.edit_url && autosaveUrl !== json.autosave_url) becameSaved(json);
      hideProblem();
      var count = renderFindings(json.findings);
      setStatus("Saved " + clock(json.saved_at) + (count ? ". " + count + " detail" + (count === 1 ? "" : "s") + " to check" : ""));
      return;
    }
    if (status === 409 && json.fields) return showConflict(json);
    if (status === 409) {
      stopped = true;
      return showProblem([json.message || "This reflection can no longer be changed."]);
    }
    if (status === 403) {
      showProblem([
        "Not saved: you are no longer logged in. ",
        loginLink(),
        ", then come back to this page: your text is kept in this browser and will be saved once you are logged in.",
      ]);
      return retryLater();
    }
    if (status === 400 || status === 404) {
      return showProblem([(json.message || "Not saved.") + " Your text is kept in this browser."]);
    }
    showProblem(["Not saved: the site had a problem. Your text is kept in this browser; trying again shortly."]);
    retryLater();
  }

  function becameSaved(json) {
    // A new page's first save made the reflection: from now on this page edits it.
    autosaveUrl = json.autosave_url;
    form.action = json.edit_url;
    if (window.history && history.replaceState) history.replaceState(null, "", json.edit_url);
  }

  // ---- two saves from the same version: show both texts, let the writer choose ----------------------------
  function textBlock(heading, text) {
    var block = document.createElement("div");
    block.className = "conflict-text";
    var title = document.createElement("p");
    title.className = "label";
    title.textContent = heading;
    var body = document.createElement("div");
    body.className = "conflict-body";
    body.textContent = text || "(empty)";
    block.appendChild(title);
    block.appendChild(body);
    return block;
  }

  function showConflict(json) {
    var mine = fieldValues();
    var differing = Object.keys(json.fields).filter(function (name) {
      return name in mine && mine[name] !== json.fields[name];
    });
    if (differing.length === 0) {
      versionInput.value = json.version; // the same text was saved elsewhere: nothing to choose
      dirty = false;
      forgetLocally();
      setStatus("Saved " + clock(json.saved_at));
      return;
    }
    conflict = json;
    var when = clock(json.saved_at);
    conflictPanel.textContent = "";
    var heading = document.createElement("h2");
    heading.id = "conflict-heading";
    heading.textContent = "Saved somewhere else as well";
    conflictPanel.setAttribute("aria-labelledby", heading.id);
    conflictPanel.setAttribute("role", "region");
    var intro = document.createElement("p");
    intro.textContent =
      "This reflection was saved from another tab or device at " + when + ", after this page last saved. " +
      "Nothing has been overwritten. Compare the two, then choose which to keep.";
    conflictPanel.appendChild(heading);
    conflictPanel.appendChild(intro);
    differing.forEach(function (name) {
      var part = document.createElement("section");
      part.className = "conflict-field";
      var title = document.createElement("h3");
      title.textContent = fieldLabel(name);
      part.appendChild(title);
      part.appendChild(textBlock("Your text on this page", mine[name]));
      part.appendChild(textBlock("Saved elsewhere at " + when, json.fields[name]));
      conflictPanel.appendChild(part);
    });
    var actions = document.createElement("p");
    actions.className = "actions";
    var keep = document.createElement("button");
    keep.type = "button";
    keep.textContent = "Keep my text";
    keep.addEventListener("click", keepMine);
    var take = document.createElement("button");
    take.type = "button";
    take.className = "button-secondary";
    take.textContent = "Use the text saved elsewhere";
    take.addEventListener("click", takeTheirs);
    actions.appendChild(keep);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(take);
    conflictPanel.appendChild(actions);
    conflictPanel.hidden = false;
    setStatus("Not saved: this reflection was also saved somewhere else. Choose which text to keep.");
    conflictPanel.focus();
  }

  function closeConflict() {
    versionInput.value = conflict.version;
    conflict = null;
    conflictPanel.hidden = true;
    conflictPanel.textContent = "";
  }

  function keepMine() {
    closeConflict();
    dirty = true;
    save();
  }

  function takeTheirs() {
    var theirs = conflict.fields;
    var when = clock(conflict.saved_at);
    closeConflict();
    Object.keys(theirs).forEach(function (name) { setField(name, theirs[name]); });
    dirty = false;
    forgetLocally();
    setStatus("Showing the text saved at " + when);
  }

  // ---- text left in this browser by an earlier page ---------------------------------------------------------
  function offerLeftovers() {
    var here = fieldValues();
    var found = null;
    try {
      for (var index = localStorage.length - 1; index >= 0; index -= 1) {
        var key = localStorage.key(index);
        if (!key || key.indexOf(storePrefix) !== 0 || key === storeKey) continue;
        var entry = JSON.parse(localStorage.getItem(key));
        var differs = entry && entry.fields && Object.keys(entry.fields).some(function (name) {
          return name in here && entry.fields[name] !== here[name];
        });
        if (!differs) localStorage.removeItem(key);
        else if (!found || entry.at > found.entry.at) found = { key: key, entry: entry };
      }
    } catch (error) {
      return;
    }
    if (!found) return;
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Put that text back";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button-secondary";
    discard.textContent = "Discard it";
    restore.addEventListener("click", function () {
      Object.keys(found.entry.fields).forEach(function (name) { setField(name, found.entry.fields[name]); });
      localStorage.removeItem(found.key);
      hideProblem();
      changed();
    });
    discard.addEventListener("click", function () {
      localStorage.removeItem(found.key);
      hideProblem();
    });
    showProblem([
      "Text you wrote at " + clock(new Date(found.entry.at).toISOString()) +
        " was kept in this browser but never saved, and differs from what is on this page. ",
      restore,
      " ",
      discard,
    ]);
  }

  // ---- wiring -----------------------------------------------------------------------------------------
  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox" || event.target.type === "date") changed();
  });
  form.addEventListener("submit", function () {
    // The plain "Save draft" or "Review and submit" takes over; an autosave racing it would make it stale.
    leaving = true;
    clearTimeout(timer);
  });
  form.querySelectorAll("[data-suggest-for]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var name = button.dataset.suggestFor;
      var field = form.elements.namedItem(name);
      var text = document.getElementById("suggestion-" + name).innerText.trim();
      field.value = field.value.trim() ? field.value.replace(/\s+$/, "") + "\n\n" + text : text;
      field.focus();
      changed();
    });
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save({ leaving: true });
  });
  window.addEventListener("pagehide", function () { save({ leaving: true }); });
  window.addEventListener("online", function () { save(); });
  window.addEventListener("focus", function () { if (!problemBox.hidden) save(); });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !(dirty || inFlight)) return;
    event.preventDefault();
    event.returnValue = ""; // the browser asks "Leave site? Changes you made may not be saved."
  });

  offerLeftovers();
})();
