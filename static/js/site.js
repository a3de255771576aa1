// Progressive enhancement only: every page works without this file.

// Close an open menu (<details data-menu>) on Escape or on a click outside it.
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

// After a form comes back with errors, put the keyboard on the first field to fix.
const invalid = document.querySelector("[aria-invalid='true']");
if (invalid) invalid.focus();
