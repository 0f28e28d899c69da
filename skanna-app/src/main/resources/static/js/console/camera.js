// Camera scanning in the staff console, on pages that include the console/fragments :: camera markup: a code
// read fills the form's field and either submits the form (exit passes: the verdict page follows) or posts it
// in the background and refreshes parts of the page (audit items: the camera keeps running between items).
// Without JavaScript or a camera, the form is used by hand as before.

import { bindCameraUi } from '../camera-ui.js';

const root = document.getElementById('camera');
if (root) {
  const form = document.getElementById(root.dataset.form);
  const field = form.elements.namedItem(root.dataset.field);
  const texts = {
    starting: root.dataset.textStarting,
    scanning: root.dataset.textScanning,
    denied: root.dataset.textDenied,
    missing: root.dataset.textMissing,
    failed: root.dataset.textFailed,
    read: root.dataset.textRead,
  };
  bindCameraUi({
    text: (key, code) => (texts[key] ?? '').replace('{0}', code ?? ''),
    formats: root.dataset.formats,
    memory: `skanna:console-code:${root.dataset.form}`,
    onCode: (code) => {
      field.value = code;
      if (root.dataset.mode === 'submit') {
        form.requestSubmit();
      } else {
        post(form, field, code, root.dataset.refresh.split(/\s+/).filter(Boolean));
      }
    },
  });
}

let chain = Promise.resolve(); // one item at a time, in the order they were read

function post(form, field, code, targets) {
  const body = new FormData(form);
  field.value = '';
  chain = chain.then(async () => {
    try {
      const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const parts = targets.map((id) => [document.getElementById(id), page.getElementById(id)]);
      if (response.ok && parts.length && parts.every(([shown, fresh]) => shown && fresh)) {
        parts.forEach(([shown, fresh]) => shown.replaceChildren(...fresh.childNodes));
      } else {
        field.value = code;
        form.requestSubmit(); // the session ended or something unexpected: let the page show it
      }
    } catch {
      field.value = code; // no network: the code stays in the field, to send by hand
    }
  });
}
