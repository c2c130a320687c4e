// Progressive enhancement for the coding page: select a passage of the transcript with
// the pointer (drag across sentences) and the sentences it touches are ticked, as if
// each checkbox had been ticked by hand. The checkboxes still work with the keyboard
// and without JavaScript; nothing is sent until "Apply the codes" is pressed.
const form = document.querySelector("form[data-module='lf-coding']");
if (form) {
  const boxes = [...form.querySelectorAll("input[name='sentences']")];
  const status = document.createElement("p");
  status.className = "govuk-body-s";
  status.setAttribute("role", "status");
  form.querySelector("fieldset")?.after(status);
  form.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    let ticked = 0;
    for (const box of boxes) {
      const label = form.querySelector(`label[for='${box.id}']`);
      if (label && range.intersectsNode(label) && !box.checked) {
        box.checked = true;
        ticked += 1;
      }
    }
    if (ticked) {
      status.textContent = `Ticked ${ticked} sentence${ticked === 1 ? "" : "s"} you selected.`;
      selection.removeAllRanges();
      // A drag inside one label ends in a click on it, which would untick it again:
      // ignore a click that comes straight after this mouseup, and only that one.
      const ignore = (event) => event.preventDefault();
      form.addEventListener("click", ignore, { capture: true, once: true });
      window.setTimeout(() => form.removeEventListener("click", ignore, { capture: true }), 0);
    }
  });
}
