// The trainer's exercise form: readings found as the trainer types. An enhancement: without JavaScript
// the "Find readings" button asks the server, which shows the same list. Each search asks a small JSON
// endpoint for a few published readings whose title holds the words; readings ticked from an earlier
// search move to the chosen list first, so a new search never drops them.
(function () {
  "use strict";
  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch) return;
  var fieldset = document.getElementById("readings");
  var found = document.getElementById("readings-found");
  var status = document.getElementById("readings-found-status");
  var WAIT = 250;
  var MIN_CHARS = 2;
  var timer = null;
  var asked = 0;

  function chosenList() {
    var list = document.getElementById("readings-chosen");
    if (!list) {
      list = document.createElement("ul");
      list.className = "choice-list";
      list.id = "readings-chosen";
      var none = document.getElementById("readings-none");
      if (none) none.replaceWith(list);
      else fieldset.insertBefore(list, fieldset.querySelector(".reading-search"));
    }
    return list;
  }

  function keepTicked() {
    found.querySelectorAll("input[name=readings]:checked").forEach(function (box) {
      chosenList().appendChild(box.closest("li"));
    });
  }

  function chosenIds() {
    var ids = {};
    fieldset.querySelectorAll("#readings-chosen input[name=readings]").forEach(function (box) {
      ids[box.value] = true;
    });
    return ids;
  }

  function item(reading) {
    var li = document.createElement("li");
    li.className = "choice";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = "readings";
    box.value = reading.id;
    box.id = "reading-" + reading.id;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = reading.title + (reading.year ? " (" + reading.year + ")" : "");
    li.append(box, " ", label);
    return li;
  }

  function show(query, results, more) {
    keepTicked();
    var old = document.getElementById("readings-found-list");
    if (old) old.remove();
    var ids = chosenIds();
    var fresh = results.filter(function (reading) { return !ids[String(reading.id)]; });
    if (!fresh.length) {
      status.textContent = "No other published reading has “" + query + "” in its title.";
      return;
    }
    var list = document.createElement("ul");
    list.className = "choice-list";
    list.id = "readings-found-list";
    fresh.forEach(function (reading) { list.appendChild(item(reading)); });
    found.appendChild(list);
    status.textContent = fresh.length + " reading" + (fresh.length === 1 ? "" : "s") + " with “" + query +
      "” in the title" + (more ? " (the first " + fresh.length + ": add a word to narrow the search)" : "") +
      ": tick to add.";
  }

  function search() {
    var query = input.value.trim();
    if (query.length < MIN_CHARS) return;
    var mine = ++asked;
    fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (mine === asked) show(query, data.results, data.more);
      })
      .catch(function () {
        if (mine === asked) status.textContent = "The search did not answer. Press “Find readings” to try again.";
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, WAIT);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault(); // search here; without JavaScript, Enter asks the server for the same list
    clearTimeout(timer);
    search();
  });
})();
