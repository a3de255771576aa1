// Suggestions for every treatment in a comma-separated list, not only the first: the
// datalist's options are rewritten to start with what has been typed before the last comma.

const input = document.querySelector("input[list=treatment-suggestions]");
const list = document.getElementById("treatment-suggestions");

if (input && list) {
  const names = [...list.options].map((option) => option.value);
  input.addEventListener("input", () => {
    const typed = input.value.split(",");
    const before = typed.slice(0, -1).map((name) => name.trim()).filter(Boolean);
    const chosen = new Set(before.map((name) => name.toLowerCase()));
    const prefix = before.length ? `${before.join(", ")}, ` : "";
    list.replaceChildren(
      ...names
        .filter((name) => !chosen.has(name.toLowerCase()))
        .map((name) => new Option(prefix + name)),
    );
  });
}
