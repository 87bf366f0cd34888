// The console's own script (CSP: script-src 'self', no inline handlers). Buttons marked data-print print the page.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});
// A form marked data-once sends once: a second click while the first is on its way does nothing (the server also
// de-duplicates by the form's token; this only saves the round trip).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
});
