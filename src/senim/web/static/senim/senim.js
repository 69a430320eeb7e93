/* Senim page helpers. No inline script anywhere: the CSP allows only files from this host. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // Language and role pickers submit on change; their buttons remain for pages without JS.
    document.addEventListener("change", function (event) {
      var target = event.target;
      if (target instanceof HTMLSelectElement && target.hasAttribute("data-senim-autosubmit") && target.form) {
        target.form.submit();
      }
    });

    // Phone-width menu.
    var toggle = document.querySelector("[data-senim-menu-toggle]");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("is-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }

    // Confirm before irreversible steps: <button data-senim-confirm="...">.
    document.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("[data-senim-confirm]") : null;
      if (button && !window.confirm(button.getAttribute("data-senim-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
