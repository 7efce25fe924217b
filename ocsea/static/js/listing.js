// Progressive enhancement of the practice listing: facets and sort apply without a full page
// reload, the address bar keeps a shareable URL, focus stays on the control that was used and
// the new result count is announced. Long facets get a type-to-filter box. Without JavaScript
// the form submits as usual and "Show all" lists are plain <details>.
(function () {
  "use strict";
  var form = document.querySelector("form[data-listing]");
  if (!form || !window.fetch || !window.history || !window.DOMParser) {
    return;
  }
  var controller = null;
  var wide = window.matchMedia("(min-width: 50em)");
  var filterTexts = {};

  function queryFromForm() {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "" && params.getAll(key).length === 1) {
        params.delete(key);
      }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function applyFilterText(facet, text) {
    var needle = normalise(text.trim());
    var more = facet.querySelector("details[data-facet-more]");
    if (more && needle) {
      more.open = true;
    }
    facet.querySelectorAll(".facet__option").forEach(function (item) {
      item.hidden = needle !== "" && normalise(item.textContent).indexOf(needle) === -1;
    });
  }

  // A type-to-filter box for each facet with a "Show all" list (JavaScript only: without it,
  // the box would do nothing).
  function enhanceFacets(root) {
    root.querySelectorAll("details.facet").forEach(function (facet) {
      if (!facet.querySelector("details[data-facet-more]")) {
        return;
      }
      var param = facet.dataset.facet;
      var fieldset = facet.querySelector("fieldset");
      var input = document.createElement("input");
      input.type = "search";
      input.className = "input input--small facet__filter";
      input.id = "filter-" + param;
      input.setAttribute("autocomplete", "off");
      var label = document.createElement("label");
      label.className = "label label--small";
      label.htmlFor = input.id;
      label.textContent = facet.dataset.filterLabel;
      var legend = fieldset.querySelector("legend");
      if (legend) {
        legend.after(label, input);
      } else {
        fieldset.prepend(label, input);
      }
      input.value = filterTexts[param] || "";
      if (input.value) {
        applyFilterText(facet, input.value);
      }
      input.addEventListener("input", function () {
        filterTexts[param] = input.value;
        applyFilterText(facet, input.value);
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    });
  }

  function syncFilters() {
    var filters = form.querySelector("details[data-filters]");
    if (filters && wide.matches) {
      filters.open = true;
    }
  }

  function swap(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var incoming = next.querySelector("form[data-listing] .listing-layout");
    var current = form.querySelector(".listing-layout");
    if (!incoming || !current) {
      return false;
    }
    var open = {};
    current.querySelectorAll("details[id], details[data-facet]").forEach(function (d) {
      open[d.id || d.dataset.facet] = d.open;
    });
    current.querySelectorAll("details[data-facet-more]").forEach(function (d) {
      open["more-" + d.closest("[data-facet]").dataset.facet] = d.open;
    });
    var focused = document.activeElement && document.activeElement.id;
    current.replaceWith(incoming);
    incoming.querySelectorAll("details[id], details[data-facet]").forEach(function (d) {
      var key = d.id || d.dataset.facet;
      if (key in open) {
        d.open = open[key] || d.open;
      }
    });
    incoming.querySelectorAll("details[data-facet-more]").forEach(function (d) {
      var key = "more-" + d.closest("[data-facet]").dataset.facet;
      if (open[key]) {
        d.open = true;
      }
    });
    enhanceFacets(incoming);
    syncFilters();
    document.title = next.title;
    var heading = document.getElementById("results-heading");
    var status = document.getElementById("listing-status");
    if (heading && status) {
      status.textContent = heading.textContent.trim();
    }
    var target = focused && document.getElementById(focused);
    if (target) {
      var more = target.closest("details[data-facet-more]");
      if (more) {
        more.open = true;
      }
      target.focus();
    }
    return true;
  }

  function load(url, push) {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    form.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, signal: controller.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (!swap(html)) {
          window.location.assign(url);
          return;
        }
        if (push) {
          window.history.pushState({ listing: true }, "", url);
        }
        shown = window.location.pathname + window.location.search;
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.assign(url);
        }
      })
      .finally(function () {
        form.removeAttribute("aria-busy");
      });
  }

  enhanceFacets(form);
  syncFilters();
  wide.addEventListener("change", syncFilters);
  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox], select")) {
      load(queryFromForm(), true);
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(queryFromForm(), true);
  });
  form.addEventListener("click", function (event) {
    var link = event.target.closest("a.chip, .pagination a");
    if (link && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      event.preventDefault();
      load(link.href, true).then(function () {
        var results = document.getElementById("results");
        if (results) {
          results.focus();
        }
      });
    }
  });
  // Back and forward reload the listing; a skip link's "#results" changes only the fragment.
  var shown = window.location.pathname + window.location.search;
  window.addEventListener("popstate", function () {
    var address = window.location.pathname + window.location.search;
    if (address !== shown) {
      shown = address;
      load(window.location.href, false);
    }
  });
})();

// Search-as-you-type: title suggestions in the search box's native <datalist>.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  var list = input && document.getElementById(input.getAttribute("list"));
  if (!input || !list || !window.fetch) {
    return;
  }
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = window.setTimeout(function () {
      fetch(input.dataset.suggestUrl + "&q=" + encodeURIComponent(q))
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          list.replaceChildren.apply(
            list,
            data.results.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            })
          );
        })
        .catch(function () {});
    }, 150);
  });
})();
