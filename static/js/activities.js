// The activity form: show the region of a typed postcode at once (the server checks it again).
(function () {
  "use strict";
  var form = document.querySelector("form[data-region-lookup]");
  if (!form) return;
  var input = form.querySelector("input[name=postcode]");
  var hint = document.getElementById("postcode-region");
  // The region's week beside the date fields follows the region (the server wrote the first one).
  var week = document.getElementById("region-week");
  var weeksData = document.getElementById("region-weeks");
  var weeks = weeksData ? JSON.parse(weeksData.textContent) : {};
  function showWeek(key) { if (week && weeks[key]) week.textContent = weeks[key]; }
  var onlineRegion = form.querySelector("select[name=online_region]");
  if (onlineRegion) onlineRegion.addEventListener("change", function () { showWeek(onlineRegion.value); });
  if (!input || !hint) return;
  input.addEventListener("change", function () {
    var value = input.value.trim();
    if (!value) { hint.textContent = ""; return; }
    fetch(form.dataset.regionLookup + "?postcode=" + encodeURIComponent(value), {headers: {Accept: "application/json"}})
      .then(function (response) { return response.json().then(function (body) { return {ok: response.ok, body: body}; }); })
      .then(function (result) {
        hint.textContent = result.ok
          ? form.dataset.regionText + " " + result.body.region + " (" + result.body.province_name + ")."
          : result.body.detail || "";
        if (result.ok) showWeek(result.body.region);
      })
      .catch(function () { hint.textContent = ""; });
  });
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
