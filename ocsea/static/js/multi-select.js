// A searchable multi-select: a <details> holding a checkbox list (which works without
// JavaScript) gets a type-to-filter box, and its summary counts the ticked boxes.
(function () {
  "use strict";
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("details[data-multi-select]").forEach(function (details, index) {
    var options = details.querySelector(".multi-select__options");
    var summary = details.querySelector("summary");
    if (!options || !summary) {
      return;
    }
    var items = Array.from(options.querySelectorAll("label")).map(function (label) {
      return { label: label, row: label.parentElement === options ? label : label.parentElement };
    });
    var input = document.createElement("input");
    input.type = "search";
    input.id = "multi-select-filter-" + index;
    input.className = "input input--small multi-select__filter";
    input.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "label label--small";
    label.textContent = options.dataset.filterLabel;
    options.parentNode.insertBefore(label, options);
    options.parentNode.insertBefore(input, options);
    input.addEventListener("input", function () {
      var needle = normalise(input.value.trim());
      items.forEach(function (item) {
        item.row.hidden = needle !== "" && normalise(item.label.textContent).indexOf(needle) === -1;
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
    var template = summary.textContent.replace(/\d+/, "{n}");
    options.addEventListener("change", function () {
      var n = options.querySelectorAll("input:checked").length;
      summary.textContent = template.replace("{n}", n);
    });
  });
})();
