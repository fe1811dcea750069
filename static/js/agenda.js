/* Agenda enhancements. Everything works without this file: filters are a GET form, views are
 * links, the map is server-drawn. With it: results update in place (the URL stays shareable),
 * the map gets PDOK background tiles when the tile server answers, and links can be copied. */
(function () {
  "use strict";

  function agendaForm() {
    var form = document.querySelector("[data-agenda-form]");
    var results = document.getElementById("agenda-results");
    var live = document.querySelector("[data-agenda-live]");
    if (!form || !results || !window.fetch || !window.DOMParser) return;
    var timer = null;
    var pending = null;
    var shown = location.pathname + location.search;

    function urlFor() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value !== "") params.append(key, value);
      });
      var query = params.toString();
      return form.action + (query ? "?" + query : "");
    }

    function update(url, push) {
      if (pending) pending.abort();
      pending = new AbortController();
      results.setAttribute("aria-busy", "true");
      fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("agenda-results");
          if (!fresh) { window.location.href = url; return; }
          results.innerHTML = fresh.innerHTML;
          doc.querySelectorAll("[data-agenda-form] label[for]").forEach(function (label) {
            var mine = form.querySelector('label[for="' + label.htmlFor + '"]');
            if (mine) mine.innerHTML = label.innerHTML;
          });
          if (push) history.pushState({ agenda: true }, "", url);
          shown = location.pathname + location.search;
          var count = results.querySelector("[data-results-count]") || results.querySelector("[role=alert] h2");
          if (live && count) live.textContent = count.textContent;
          results.removeAttribute("aria-busy");
          enhanceMaps(results);
        })
        .catch(function (error) {
          if (error.name !== "AbortError") window.location.href = url;
        });
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "q" || event.target.name === "near") return;
      update(urlFor(), true);
    });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "q" && event.target.name !== "near") return;
      clearTimeout(timer);
      timer = setTimeout(function () { update(urlFor(), true); }, 400);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(urlFor(), true);
    });
    // Back and forward between filter states reload; a jump within the page (the skip link
    // to the results fires popstate too) does not.
    window.addEventListener("popstate", function () {
      if (location.pathname + location.search !== shown) window.location.reload();
    });
  }

  /* Leaflet with background tiles, only when a tile actually loads (else: the stylised map). */
  function tileAnswers(template) {
    return new Promise(function (resolve) {
      var img = new Image();
      var done = function (ok) { img.onload = img.onerror = null; resolve(ok); };
      var timeout = setTimeout(function () { done(false); }, 4000);
      img.onload = function () { clearTimeout(timeout); done(true); };
      img.onerror = function () { clearTimeout(timeout); done(false); };
      img.src = template.replace("{z}", "7").replace("{x}", "65").replace("{y}", "42");
    });
  }

  var leafletLoading = null;
  function loadLeaflet(box) {
    if (window.L) return Promise.resolve(window.L);
    if (leafletLoading) return leafletLoading;
    leafletLoading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = box.dataset.leafletCss;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = box.dataset.leafletJs;
      script.onload = function () { resolve(window.L); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return leafletLoading;
  }

  function link(title, url) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = title;
    return a;
  }

  function enhanceMaps(root) {
    root.querySelectorAll("[data-agenda-map][data-tiles], [data-venue-map][data-tiles]").forEach(function (box) {
      var target = box.querySelector("[data-tile-map]");
      if (!target) return;
      tileAnswers(box.dataset.tiles).then(function (ok) {
        if (!ok) return;
        loadLeaflet(box).then(function (L) {
          target.hidden = false;
          var map = L.map(target, { scrollWheelZoom: false }).setView([52.15, 5.3], 7);
          L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 18, minZoom: 6 }).addTo(map);
          var points = [];
          if (box.hasAttribute("data-venue-map")) {
            var here = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
            L.circleMarker(here, { radius: 9, color: "#154273", weight: 3, fillOpacity: 0.8 })
              .addTo(map).bindPopup(box.dataset.title || "");
            map.setView(here, 14);
          } else {
            var data = document.getElementById("agenda-pins");
            (data ? JSON.parse(data.textContent) : []).forEach(function (pin) {
              /* One pin per town: its name and number link to the list of its activities. */
              var popup = document.createElement("div");
              popup.appendChild(link(pin.town + " (" + pin.count + ")", box.dataset.townList + encodeURIComponent(pin.town)));
              var radius = Math.min(5 + Math.sqrt(pin.count), 16);
              L.circleMarker([pin.lat, pin.lon], { radius: radius, color: "#154273", weight: 2, fillOpacity: 0.7 })
                .addTo(map).bindPopup(popup);
              points.push([pin.lat, pin.lon]);
            });
            if (points.length) map.fitBounds(points, { padding: [20, 20], maxZoom: 13 });
          }
          var figure = box.querySelector("figure, svg");
          if (figure) figure.hidden = true;
          if (figure && figure.tagName.toLowerCase() === "svg") figure.style.display = "none";
        });
      });
    });
  }

  function copyLinks() {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var status = button.parentNode.querySelector("[data-copy-status]");
        navigator.clipboard.writeText(button.dataset.copyLink).then(function () {
          if (status) status.textContent = button.dataset.copied || "";
        });
      });
    });
  }

  /* The filter panel is folded in the HTML (phones: the results come first, nothing shifts);
   * on wider screens agenda.css shows its content from the first paint. Marking it open there
   * only tells assistive technology what the eye already sees. */
  function openFiltersOnWideScreens() {
    var panel = document.querySelector(".agenda-filters details");
    if (panel && window.matchMedia && !window.matchMedia("(max-width: 50rem)").matches) {
      panel.open = true;
    }
  }

  openFiltersOnWideScreens();
  agendaForm();
  enhanceMaps(document);
  copyLinks();
})();
