// Progressive enhancement: after the thread has been open a few seconds, send the
// "Mark as read" form by itself (the button still works without JavaScript). A GET
// never writes, so reading is recorded by this POST.
const form = document.querySelector("form[data-mark-read]");
if (form) {
  window.setTimeout(async () => {
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const note = document.createElement("p");
        note.className = "govuk-body-s";
        note.setAttribute("role", "status");
        note.textContent = "Marked as read.";
        form.replaceWith(note);
      }
    } catch {
      // The button is still there to press.
    }
  }, 4000);
}
