// Figures page: switching the map's figure submits the form at once (the button still works).
document.querySelectorAll("form[data-auto-submit] select").forEach((select) => {
  select.addEventListener("change", () => select.form.requestSubmit());
});
