// The camera part of the shopper app: start/stop, the light, and what the shopper is told. Codes read go to
// the same addCode() as typed ones. The camera stays off until the shopper taps "Scan with the camera"; once
// they have, it starts by itself on the next visit, if the browser remembers the permission.

import { CameraScanner, cameraSupported, confirmScan, audioContext } from '../scanner.js';
import { t } from './format.js';

const $ = (id) => document.getElementById(id);
const WANTED = 'skanna:camera';

/** Wires the camera controls; returns the scanner (to stop it when the shopper pays), or null without a camera. */
export function bindCamera(onCode) {
  if (!cameraSupported()) return null; // the typed entry below is all there is
  $('camera').hidden = false;
  let audio = null;
  const scanner = new CameraScanner($('camera-video'), {
    memory: `skanna:last-code:${document.body.dataset.storeId}`,
    onCode: (code) => {
      confirmScan(audio);
      $('camera-view').classList.add('read');
      setTimeout(() => $('camera-view').classList.remove('read'), 400);
      $('camera-state').textContent = t('app.camera.read', code);
      onCode(code);
    },
    onRead: () => {
      $('camera').dataset.reads = String(scanner.reads);
    },
    onState: (state, detail) => show(state, detail, scanner),
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
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      scanner.stop(); // no camera (and no battery drain) behind another app
    } else {
      startIfWanted(scanner);
    }
  });
  startIfWanted(scanner);
  return scanner;
}

async function startIfWanted(scanner) {
  if (localStorage.getItem(WANTED) !== 'on' || scanner.running || $('shopping').hidden) return;
  try {
    const permission = await navigator.permissions.query({ name: 'camera' });
    if (permission.state === 'granted') scanner.start();
  } catch {
    // browsers that cannot tell wait for the tap
  }
}

function show(state, detail, scanner) {
  const scanning = state === 'scanning';
  $('camera-view').hidden = !scanning && state !== 'starting';
  $('camera-start').hidden = scanning || state === 'starting';
  $('camera-stop').hidden = !scanning;
  $('camera-torch').hidden = !(scanning && scanner.torchAvailable());
  $('camera-torch').setAttribute('aria-pressed', 'false');
  $('camera').dataset.state = state;
  const text = {
    starting: t('app.camera.starting'),
    scanning: t('app.camera.scanning'),
    stopped: '',
    error:
      detail === 'NotAllowedError' || detail === 'SecurityError'
        ? t('app.camera.denied')
        : detail === 'NotFoundError' || detail === 'OverconstrainedError'
          ? t('app.camera.missing')
          : t('app.camera.failed'),
  }[state];
  $('camera-state').textContent = text ?? '';
}
