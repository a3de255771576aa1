// Progressive enhancement only: every page works without this file.

// Close an open menu (<details data-menu>) on Escape or on a click outside it...
const menus = () => document.querySelectorAll("details[data-menu][open]");

document.addEventListener("click", (event) => {
  for (const menu of menus()) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of menus()) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});

// ...and when the keyboard moves on past its last link.
document.addEventListener("focusin", (event) => {
  for (const menu of menus()) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});

// After a form comes back with errors, put the keyboard on the first field to fix.
const invalid = document.querySelector("[aria-invalid='true']");
if (invalid) invalid.focus();

// htmx fragments (the "helpful" and "follow" buttons): announce the new state, and fall back to the full
// page when the server says something a fragment cannot show (log in again, not allowed).
document.addEventListener("htmx:afterSwap", (event) => {
  const count = event.detail.elt.querySelector?.("[data-vote-count], [data-announce]");
  const live = document.getElementById("live-status");
  if (count && live) live.textContent = count.textContent;
});

document.addEventListener("htmx:beforeSwap", (event) => {
  const url = event.detail.xhr.responseURL || "";
  if (url.includes("/account/login/")) {
    event.detail.shouldSwap = false;
    window.location.assign(url);
  }
});

document.addEventListener("htmx:responseError", (event) => {
  const form = event.detail.elt.closest?.("form");
  if (form) form.submit(); // the plain form shows the server's full page with its reason
});
