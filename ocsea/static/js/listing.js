// Progressive enhancement of the practice listing: facets and sort apply without a full page
// reload and the address bar keeps a shareable URL. Without JavaScript the form submits as usual.
(function () {
  "use strict";
  var form = document.querySelector("form[data-listing]");
  if (!form || !window.fetch || !window.history || !window.DOMParser) {
    return;
  }
  var controller = null;

  function queryFromForm() {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    // The server's default order needs no parameter: keep shared URLs short.
    var defaultSort = params.get("q") ? "relevance" : "title";
    if (params.get("sort") === defaultSort) {
      params.delete("sort");
    }
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "" && params.getAll(key).length === 1) {
        params.delete(key);
      }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function swap(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var incoming = next.querySelector("form[data-listing] .listing-layout");
    var current = form.querySelector(".listing-layout");
    if (!incoming || !current) {
      return false;
    }
    var openFacets = Array.from(current.querySelectorAll("details.facet")).map(function (d) {
      return d.open;
    });
    current.replaceWith(incoming);
    incoming.querySelectorAll("details.facet").forEach(function (d, i) {
      if (i < openFacets.length) {
        d.open = openFacets[i];
      }
    });
    document.title = next.title;
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
        var heading = document.getElementById("results-heading");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
        }
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
      load(link.href, true);
    }
  });
  window.addEventListener("popstate", function () {
    load(window.location.href, false);
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
