// The camera decoder's Web Worker, so reading a frame never holds up the camera view: Java ZXing, compiled to
// an ES module (zxing.js) by TeaVM in the skanna-decoder build. A message is one frame, either an ImageBitmap
// (scaled here on an OffscreenCanvas) or RGBA pixels; the answer is the code's text or null, and how long the
// decode took. scanner.js is the only page code that talks to it.

import { decode } from './zxing.js';

let canvas = null;

self.onmessage = (event) => {
  const { id, bitmap, rgba, width, height, formats, tryHarder } = event.data;
  const started = performance.now();
  let text = null;
  let error = null;
  try {
    const pixels = rgba ? new Uint8ClampedArray(rgba) : draw(bitmap, width, height);
    const decodeStarted = performance.now();
    text = decode(grey(pixels, width * height), width, height, formats, Boolean(tryHarder)) ?? null;
    const decodeMs = performance.now() - decodeStarted;
    self.postMessage({ id, text, ms: performance.now() - started, decodeMs });
    return;
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  } finally {
    if (bitmap) bitmap.close();
  }
  self.postMessage({ id, text, error, ms: performance.now() - started, decodeMs: 0 });
};

function draw(bitmap, width, height) {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
  }
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}

// ITU-R BT.601 luma, as ZXing's own RGB source computes it
function grey(rgba, count) {
  const out = new Int8Array(count);
  for (let i = 0, p = 0; i < count; i++, p += 4) {
    out[i] = (rgba[p] * 306 + rgba[p + 1] * 601 + rgba[p + 2] * 117) >> 10;
  }
  return out;
}
