// Suggestions for every treatment in a comma-separated list, not only the first: the
// datalist's options are rewritten to start with what has been typed before the last comma.
// Listening on the document keeps it working when the form is replaced after an error.

document.addEventListener("input", (event) => {
  const input = event.target;
  if (!input.matches?.("input[list=treatment-suggestions]")) return;
  const list = document.getElementById("treatment-suggestions");
  list.dataset.names ??= JSON.stringify([...list.options].map((option) => option.value));
  const names = JSON.parse(list.dataset.names);
  const typed = input.value.split(",");
  const before = typed.slice(0, -1).map((name) => name.trim()).filter(Boolean);
  const chosen = new Set(before.map((name) => name.toLowerCase()));
  const prefix = before.length ? `${before.join(", ")}, ` : "";
  list.replaceChildren(
    ...names.filter((name) => !chosen.has(name.toLowerCase())).map((name) => new Option(prefix + name)),
  );
});
