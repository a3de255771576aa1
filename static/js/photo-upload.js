// The ask and edit forms without a page reload for photos: choose or drop photos, see them,
// describe or remove each before sending, and watch the upload. Without this file the plain
// multiple file input and the description fields still work.

const form = document.querySelector("form[data-photo-form]");
if (form) enhance(form, []);

function enhance(form, keep) {
  const input = form.querySelector("input[type=file]");
  const dropzone = form.querySelector("[data-dropzone]");
  const previews = form.querySelector("[data-previews]");
  const altFields = form.querySelector("[data-alt-fields]");
  const progress = form.querySelector("[data-upload-progress]");
  const submit = form.querySelector("button[type=submit]");
  const maxPhotos = Number(form.dataset.maxPhotos);
  const accepted = /\.(jpe?g|png|webp|gif|heic|heif)$/i;
  const maxBytes = 15 * 1024 * 1024;
  let chosen = keep.map(({ file, alt }) => ({ file, alt }));

  // The per-photo descriptions move into the previews; the plain fields stop being sent.
  altFields.hidden = true;
  for (const field of altFields.querySelectorAll("input")) field.disabled = true;
  for (const hint of form.querySelectorAll("[data-js-only]")) hint.hidden = false;
  const status = document.createElement("p");
  status.className = "photo-status";
  status.setAttribute("role", "status");
  dropzone.after(status);
  progress.querySelector(".upload-progress__label").setAttribute("aria-live", "polite");
  if (chosen.length) sync();

  const kept = () =>
    form.querySelectorAll(".photo-edit").length -
    form.querySelectorAll("input[name=remove_photo]:checked").length;

  function add(files) {
    const problems = [];
    for (const file of files) {
      if (kept() + chosen.length >= maxPhotos) {
        const noun = form.dataset.noun ?? "question";
        problems.push(`A${noun === "update" ? "n" : ""} ${noun} can have at most ${maxPhotos} photos.`);
        break;
      }
      if (!accepted.test(file.name) && !file.type.startsWith("image/")) {
        problems.push(`“${file.name}” isn't a JPEG, PNG, WebP, GIF or HEIC photo.`);
      } else if (file.size > maxBytes) {
        problems.push(`“${file.name}” is larger than 15 MB.`);
      } else {
        chosen.push({ file, alt: "" });
      }
    }
    say(problems.join(" "), true);
    sync();
  }

  function say(message, isProblem = false) {
    status.textContent = message;
    status.classList.toggle("photo-status--problem", isProblem);
  }

  function sync() {
    const transfer = new DataTransfer();
    for (const { file } of chosen) transfer.items.add(file);
    input.files = transfer.files;
    render();
  }

  function render() {
    for (const img of previews.querySelectorAll("img")) URL.revokeObjectURL(img.src);
    previews.replaceChildren(...chosen.map(preview));
    previews.hidden = chosen.length === 0;
  }

  function preview(item, index) {
    const li = document.createElement("li");
    li.className = "photo-preview";
    const img = document.createElement("img");
    img.alt = "";
    img.src = URL.createObjectURL(item.file);
    img.addEventListener("error", () => img.replaceWith(placeholder(item.file.name)));
    const fields = document.createElement("div");
    fields.className = "photo-preview__fields";
    const name = document.createElement("p");
    name.className = "photo-preview__name";
    name.textContent = `${item.file.name} · ${readableSize(item.file.size)}`;
    const label = document.createElement("label");
    label.htmlFor = `alt_${index}`;
    label.textContent = `Description of new photo ${index + 1}`;
    const alt = document.createElement("input");
    Object.assign(alt, { id: `alt_${index}`, name: `alt_${index}`, type: "text", maxLength: 200 });
    alt.value = item.alt;
    alt.addEventListener("input", () => (item.alt = alt.value));
    const bar = document.createElement("progress");
    Object.assign(bar, { max: 100, value: 0, hidden: true });
    bar.setAttribute("aria-label", `Upload of ${item.file.name}`);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button button--secondary button--small";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${item.file.name}`);
    remove.addEventListener("click", () => {
      chosen.splice(index, 1);
      say(`Removed ${item.file.name}.`);
      sync();
      input.focus();
    });
    fields.append(name, label, alt, bar, remove);
    li.append(img, fields);
    return li;
  }

  function readableSize(bytes) {
    if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function placeholder(fileName) {
    const box = document.createElement("div");
    box.className = "photo-preview__placeholder";
    box.textContent = fileName.split(".").pop().toUpperCase();
    return box;
  }

  input.addEventListener("change", () => {
    const files = [...input.files];
    add(files.filter((file) => !chosen.some((item) => item.file === file)));
  });

  for (const type of ["dragenter", "dragover"]) {
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add("dropzone--active");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    dropzone.addEventListener(type, () => dropzone.classList.remove("dropzone--active"));
  }
  dropzone.addEventListener("drop", (event) => {
    event.preventDefault();
    add([...event.dataTransfer.files]);
  });

  form.addEventListener("submit", (event) => {
    if (chosen.length === 0) return; // nothing to upload: the ordinary submit is fine
    event.preventDefault();
    send();
  });

  function send() {
    const data = new FormData(form);
    const noun = form.dataset.noun ?? "question";
    const bars = previews.querySelectorAll("progress");
    const sizes = chosen.map(({ file }) => file.size);
    const overall = progress.querySelector("[data-overall]");
    const label = progress.querySelector(".upload-progress__label");
    progress.hidden = false;
    submit.disabled = true;
    for (const bar of bars) bar.hidden = false;

    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    // Told where to go rather than redirected: an XHR would follow the redirect itself,
    // using up the page's one-time messages and losing its #fragment.
    request.setRequestHeader("X-Photo-Upload", "1");
    request.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      overall.value = (event.loaded / event.total) * 100;
      // The files are the bulk of the body and are sent in order, so each file's share
      // of the bytes sent so far is its own progress.
      let start = event.total - sizes.reduce((a, b) => a + b, 0);
      sizes.forEach((size, i) => {
        bars[i].value = Math.max(0, Math.min(1, (event.loaded - start) / size)) * 100;
        start += size;
      });
      label.textContent = `Sending your ${noun}… ${Math.round(overall.value)}%`;
    });
    request.upload.addEventListener("load", () => {
      overall.value = 100;
      for (const bar of bars) bar.value = 100;
      label.textContent = "Checking your photos and removing their location data…";
    });
    request.addEventListener("load", () => {
      if (request.status === 400) {
        showErrors(request.responseText);
      } else if (request.status === 204 && request.getResponseHeader("X-Location")) {
        go(new URL(request.getResponseHeader("X-Location"), window.location.href));
      } else if (request.status < 400) {
        window.location.assign(request.responseURL);
      } else {
        failed(`The server answered ${request.status}.`);
      }
    });
    request.addEventListener("error", () => failed("The connection was lost."));
    request.send(data);

    // The form came back with messages: show them in place, keep the chosen photos (the
    // patient removes the one that was refused, if any), and put the focus on the first one.
    function showErrors(html) {
      const page = new DOMParser().parseFromString(html, "text/html");
      const main = page.querySelector("#main");
      document.querySelector("#main").replaceWith(main);
      document.title = page.title;
      enhance(main.querySelector("form[data-photo-form]"), chosen);
      const first =
        main.querySelector("[aria-invalid='true']") ?? main.querySelector(".errorlist");
      if (first) {
        if (!first.matches("input, textarea, select")) first.tabIndex = -1;
        first.focus();
      }
    }

    // Back to the same page (a follow-up's #update-N): a change of #fragment alone would not
    // load it again, so set it and reload.
    function go(target) {
      const here = window.location;
      if (target.pathname === here.pathname && target.search === here.search) {
        here.hash = target.hash;
        here.reload();
      } else {
        here.assign(target.href);
      }
    }

    function failed(reason) {
      progress.hidden = true;
      submit.disabled = false;
      say(`${reason} Your ${noun} was not posted; please try again.`, true);
    }
  }
}
