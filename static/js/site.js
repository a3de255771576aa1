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

// The directory's "Use my location": the browser's position in place of a typed ZIP code
// (without JavaScript, or if the visitor says no, the ZIP code box does the same).
const locate = document.querySelector("[data-locate]");
if (locate && "geolocation" in navigator) {
  locate.hidden = false;
  locate.addEventListener("click", () => {
    const form = locate.closest("form");
    const help = form.querySelector("#filter-near-help");
    locate.disabled = true;
    help.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const lat = form.querySelector("[data-locate-lat]");
        const lng = form.querySelector("[data-locate-lng]");
        lat.value = position.coords.latitude.toFixed(4);
        lng.value = position.coords.longitude.toFixed(4);
        lat.disabled = lng.disabled = false;
        form.querySelector("#filter-near").value = "";
        form.querySelector("#filter-sort").value = "distance";
        form.submit();
      },
      () => {
        locate.disabled = false;
        help.textContent = "Your browser did not share your location. Enter a ZIP code instead.";
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}
