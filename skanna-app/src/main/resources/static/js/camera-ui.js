// The camera controls shared by the shopper app and the staff console: start/stop, the light, the frame that
// flashes on a read, a beep and a buzz, and what the user is told. The page brings the markup (ids camera,
// camera-view, camera-video, camera-start, camera-stop, camera-torch, camera-state) and its texts; codes read
// go to onCode. The camera stays off until the user taps start; once they have, it starts by itself on the
// next visit if the browser remembers the permission, and it stops whenever the page is hidden.

import { CameraScanner, cameraSupported, confirmScan, audioContext } from './scanner.js';

const $ = (id) => document.getElementById(id);
const WANTED = 'skanna:camera';

/**
 * Wires the controls. text(key, arg) gives the text for 'starting', 'scanning', 'denied', 'missing', 'failed'
 * and 'read' (with the code); memory names the tab's memory of the last code; formats is 'retail' or 'qr';
 * active() says whether the page wants the camera now. Returns the scanner, or null without a camera.
 */
export function bindCameraUi({ text, onCode, memory, formats = 'retail', active = () => true }) {
  if (!cameraSupported()) return null; // the typed entry on the page is all there is
  $('camera').hidden = false;
  let audio = null;
  const scanner = new CameraScanner($('camera-video'), {
    memory,
    formats,
    onCode: (code) => {
      confirmScan(audio);
      $('camera-view').classList.add('read');
      setTimeout(() => $('camera-view').classList.remove('read'), 400);
      // the symbology identifier (]E0, ]d2…) and GS separators are for the server, not for the eye
      $('camera-state').textContent = text('read', code.replace(/^\][A-Za-z]\d/, '').replaceAll('\u001d', ' '));
      onCode(code);
    },
    onRead: () => {
      $('camera').dataset.reads = String(scanner.reads);
    },
    onState: (state, detail) => show(state, detail, scanner, text),
    // for tests and benchmarks: how the decoder is doing
    onStats: (stats) => {
      const average = (ms, n) => (n ? (ms / n).toFixed(1) : '-');
      $('camera').dataset.decoder =
        `${stats.frames} frames ${average(stats.decodeMs, stats.frames)} ms,` +
        ` ${stats.hardFrames} harder ${average(stats.hardMs, stats.hardFrames)} ms, ${stats.errors} errors`;
    },
  });
  $('camera-start').addEventListener('click', () => {
    audio ??= audioContext();
    localStorage.setItem(WANTED, 'on');
    scanner.start();
  });
  $('camera-stop').addEventListener('click', () => {
    localStorage.removeItem(WANTED);
    scanner.stop();
    $('camera-start').focus();
  });
  $('camera-torch').addEventListener('click', async () => {
    const on = await scanner.setTorch(!scanner.torchOn).catch(() => false);
    $('camera-torch').setAttribute('aria-pressed', String(on));
  });
  const startIfWanted = async () => {
    if (localStorage.getItem(WANTED) !== 'on' || scanner.running || !active()) return;
    try {
      const permission = await navigator.permissions.query({ name: 'camera' });
      if (permission.state === 'granted') scanner.start();
    } catch {
      // browsers that cannot tell wait for the tap
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      scanner.stop(); // no camera (and no battery drain) behind another app
    } else {
      startIfWanted();
    }
  });
  startIfWanted();
  return scanner;
}

function show(state, detail, scanner, text) {
  const scanning = state === 'scanning';
  $('camera-view').hidden = !scanning && state !== 'starting';
  $('camera-start').hidden = scanning || state === 'starting';
  $('camera-stop').hidden = !scanning;
  $('camera-torch').hidden = !(scanning && scanner.torchAvailable());
  $('camera-torch').setAttribute('aria-pressed', 'false');
  $('camera').dataset.state = state;
  let key = null;
  if (state === 'starting' || state === 'scanning') key = state;
  if (state === 'error') {
    if (detail === 'NotAllowedError' || detail === 'SecurityError') key = 'denied';
    else if (detail === 'NotFoundError' || detail === 'OverconstrainedError') key = 'missing';
    else key = 'failed';
  }
  $('camera-state').textContent = key ? text(key) : '';
}
