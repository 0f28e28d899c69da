// Camera scanning for the shopper app and the staff console, and the only page code that talks to a decoder:
// the back camera's video is read a few times a second by the browser's own BarcodeDetector where it has one
// (a fast path, for the formats it has), and by Skanna's decoder for everything else: Java ZXing compiled to
// JavaScript by TeaVM (module skanna-decoder, served under /decoder/), running in a Web Worker so the camera
// view never waits for it. The worker is started with the camera, after the page is up. Each frame goes to the
// worker at the next of a few scales (full resolution and smaller), and with ZXing's harder search (rotated
// codes, more rows) whenever the frames leave time for it.
//
// A code counts only when two different frames read the same text, so a one-frame misread that happens to
// pass its check digit never lands in the cart. A code that stays in view is reported once: it must leave the
// picture for HOLD_MS before the same code counts again, so holding a pack still never adds it twice. The
// last code is remembered for the tab (sessionStorage), so a reload or a camera restart with the same pack
// still in view does not add it again either.

const WORKER_URL = '/decoder/worker.js';
// ZXing's names; GS1 DataMatrix and QR codes carry GS1 Digital Links and element strings, QR also exit passes
const FORMATS = {
  retail: ['EAN_13', 'EAN_8', 'UPC_A', 'UPC_E', 'RSS_14', 'RSS_EXPANDED', 'DATA_MATRIX', 'QR_CODE'],
  qr: ['QR_CODE'],
};
// the BarcodeDetector's names for the formats it reads as well as ZXing does (its DataBar, where it has one,
// does not give the AIs, and its DataMatrix does not say where FNC1 was)
const NATIVE_NAMES = { EAN_13: 'ean_13', EAN_8: 'ean_8', UPC_A: 'upc_a', UPC_E: 'upc_e', QR_CODE: 'qr_code' };
// a hard code (a deli label under glare) is read only in some frames: gaps between its reads must not look
// like the pack leaving the picture, or a weighed item lands twice
const HOLD_MS = 2500;
const AGREE_MS = 1200; // two frames agreeing further apart than this are two separate glimpses
const FRAME_MS = 100;
const MAX_WIDTH = 1280;
const SCALES = [1, 0.5, 0.75, 1.5];
const HARD_BUDGET_MS = 120; // the harder search runs on every other frame while it costs less than this
const WORKER_TIMEOUT_MS = 3000;

/** Whether this browser can show a camera at all (a secure page with getUserMedia). */
export function cameraSupported() {
  return Boolean(window.isSecureContext && navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

/**
 * Reports each code that comes into view once: {@code accept(code, now)} is true for a new code, and for
 * the same code again only after it was out of view for {@code holdMs}.
 */
export function repeatGuard(holdMs = HOLD_MS, inView = null, since = 0) {
  let last = inView;
  let seenAt = since;
  return (code, now) => {
    const repeat = code === last && now - seenAt < holdMs;
    last = code;
    seenAt = now;
    return !repeat;
  };
}

/**
 * Lets a read through only when it agrees with the read before it from another frame, less than
 * {@code agreeMs} earlier: {@code agree(code, frame, now)}. A second read of the same frame proves nothing and
 * is ignored; a different code starts over.
 */
export function frameAgreement(agreeMs = AGREE_MS) {
  let last = null;
  let lastFrame = null;
  let at = 0;
  return (code, frame, now) => {
    if (code === last && frame === lastFrame) return false;
    const agrees = code === last && now - at < agreeMs;
    last = code;
    lastFrame = frame;
    at = now;
    return agrees;
  };
}

/**
 * A camera scanner drawing into {@code video}. {@code onCode(text)} gets each new code, {@code onRead(text)}
 * every read, repeats too; {@code onStats(stats)} hears after each frame the worker read (frames, decodeMs,
 * hardFrames, hardMs, errors: totals); {@code onState(state, detail)} hears 'starting', 'scanning', 'stopped' and 'error'
 * (detail: the DOMException's name). {@code memory} names where the last code is kept for the tab.
 */
export class CameraScanner {
  constructor(
    video,
    { onCode, onRead = () => {}, onState = () => {}, onStats = () => {}, memory = 'skanna:last-code', formats = 'retail' },
  ) {
    this.video = video;
    this.onStats = onStats;
    this.onCode = onCode;
    this.onRead = onRead;
    this.onState = onState;
    this.memory = memory;
    this.formats = formats;
    this.stream = null;
    this.timer = null;
    this.native = null;
    this.decoder = null;
    this.frame = 0;
    this.videoFrame = 0;
    this.canvas = null;
    this.accept = repeatGuard();
    this.agree = frameAgreement();
    this.torchOn = false;
    this.reads = 0;
    this.stats = { frames: 0, decodeMs: 0, hardFrames: 0, hardMs: 0, errors: 0 };
  }

  get running() {
    return this.stream !== null;
  }

  /** Starts the back camera and the decoding loop; resolves when the first frame shows. */
  async start() {
    if (this.running) return;
    this.onState('starting');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
      this.video.srcObject = this.stream;
      this.video.muted = true;
      this.video.setAttribute('playsinline', '');
      await this.video.play();
      this.countVideoFrames();
      // whatever was last read counts as still in view until it has been out of the picture for HOLD_MS
      this.accept = repeatGuard(HOLD_MS, sessionStorage.getItem(this.memory), performance.now());
      this.agree = frameAgreement();
      const wanted = FORMATS[this.formats] ?? FORMATS.retail;
      this.native = await nativeDetector(wanted);
      const rest = wanted.filter((format) => !this.native?.formats.includes(format));
      // the worker reads what the browser cannot; without it the browser's formats still work
      this.decoder = rest.length > 0 ? (this.decoder ?? startDecoder()) : null;
      this.decoderFormats = rest.join(',');
      this.onState('scanning');
      this.schedule();
    } catch (e) {
      this.stop();
      this.onState('error', e && e.name ? e.name : 'Error');
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.stream) {
      this.stream.getTracks().forEach((track) => track.stop());
      this.stream = null;
      this.video.srcObject = null;
      this.torchOn = false;
      this.onState('stopped');
    }
  }

  /** Whether the camera has a light the page may switch (most phones' back cameras, few laptops). */
  torchAvailable() {
    const track = this.stream?.getVideoTracks()[0];
    return Boolean(track && typeof track.getCapabilities === 'function' && track.getCapabilities().torch);
  }

  async setTorch(on) {
    const track = this.stream?.getVideoTracks()[0];
    if (!track) return false;
    await track.applyConstraints({ advanced: [{ torch: on }] });
    this.torchOn = on;
    return on;
  }

  /** Numbers the frames the camera delivers, so two reads of the same frame are known as such. */
  countVideoFrames() {
    if (typeof this.video.requestVideoFrameCallback !== 'function') return;
    const stream = this.stream;
    const next = (now, metadata) => {
      if (this.stream !== stream) return;
      this.videoFrame = metadata.presentedFrames ?? this.videoFrame + 1;
      this.video.requestVideoFrameCallback(next);
    };
    this.video.requestVideoFrameCallback(next);
  }

  schedule() {
    this.timer = setTimeout(() => this.scanFrame(), FRAME_MS);
  }

  async scanFrame() {
    if (!this.running) return;
    try {
      // without frame numbers (no requestVideoFrameCallback), every decode is taken as a frame of its own
      const frame = typeof this.video.requestVideoFrameCallback === 'function' ? this.videoFrame : this.frame;
      const code = await this.decode();
      if (code && this.running && this.agree(code, frame, performance.now())) {
        this.reads++;
        this.onRead(code);
        if (this.accept(code, performance.now())) {
          sessionStorage.setItem(this.memory, code);
          this.onCode(code);
        }
      }
    } catch {
      // a frame that cannot be read is just the next frame's job
    }
    if (this.running) this.schedule();
  }

  async decode() {
    const video = this.video;
    if (video.readyState < 2 || video.videoWidth === 0) return null;
    this.frame++;
    if (this.native) {
      const found = await this.native.detector.detect(video);
      if (found.length > 0) {
        const { format, rawValue } = found[0];
        // eight UPC-E digits can pass for an EAN-8: the symbology identifier tells the server which it is
        return format === 'upc_e' && rawValue.length === 8 ? `]E0${rawValue}` : rawValue;
      }
      if (!this.decoder || this.frame % 2 !== 0) return null; // DataBar and the rest: every other frame
    }
    if (!this.decoder) return null;
    // each scale in turn, each once plainly and once with the harder search
    const scale = Math.min(MAX_WIDTH / video.videoWidth, SCALES[Math.floor(this.frame / 2) % SCALES.length]);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    const averageHard = this.stats.hardFrames ? this.stats.hardMs / this.stats.hardFrames : 0;
    const tryHarder = this.frame % 2 === 1 && (averageHard < HARD_BUDGET_MS || this.frame % 8 === 1);
    const answer = await this.decoder.read(video, width, height, this.decoderFormats, tryHarder);
    this.count(answer, tryHarder);
    return answer.text ?? null;
  }

  count(answer, tryHarder) {
    if (answer.error) this.stats.errors++;
    if (tryHarder) {
      this.stats.hardFrames++;
      this.stats.hardMs += answer.decodeMs ?? 0;
    } else {
      this.stats.frames++;
      this.stats.decodeMs += answer.decodeMs ?? 0;
    }
    this.onStats(this.stats);
  }
}

async function nativeDetector(wanted) {
  if (!('BarcodeDetector' in window)) return null;
  try {
    const supported = await window.BarcodeDetector.getSupportedFormats();
    const formats = wanted.filter((format) => NATIVE_NAMES[format] && supported.includes(NATIVE_NAMES[format]));
    if (formats.length === 0) return null;
    return { formats, detector: new window.BarcodeDetector({ formats: formats.map((f) => NATIVE_NAMES[f]) }) };
  } catch {
    return null;
  }
}

/**
 * The decoder worker, as {@code read(video, width, height, formats, tryHarder)} resolving to {text, decodeMs,
 * error}: the frame goes over as an ImageBitmap where the browser can scale it in the worker (OffscreenCanvas),
 * else as RGBA pixels read here.
 */
function startDecoder() {
  const worker = new Worker(WORKER_URL, { type: 'module' });
  const pending = new Map();
  let next = 0;
  let canvas = null;
  worker.onmessage = (event) => {
    const resolve = pending.get(event.data.id);
    pending.delete(event.data.id);
    if (resolve) resolve(event.data);
  };
  worker.onerror = () => {
    pending.forEach((resolve) => resolve({ text: null, error: 'worker' }));
    pending.clear();
  };
  const offscreen = typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';
  return {
    async read(video, width, height, formats, tryHarder) {
      const id = ++next;
      const message = { id, width, height, formats, tryHarder };
      let transfer;
      if (offscreen) {
        message.bitmap = await createImageBitmap(video);
        transfer = [message.bitmap];
      } else {
        canvas ??= document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        context.drawImage(video, 0, 0, width, height);
        message.rgba = context.getImageData(0, 0, width, height).data.buffer;
        transfer = [message.rgba];
      }
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage(message, transfer);
        setTimeout(() => {
          if (pending.delete(id)) resolve({ text: null, error: 'timeout' });
        }, WORKER_TIMEOUT_MS);
      });
    },
  };
}

/** A short beep and a buzz: the shopper hears and feels that the code was read, without looking. */
export function confirmScan(audio) {
  if (navigator.vibrate) navigator.vibrate(60);
  if (!audio) return;
  try {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 1760;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.08);
  } catch {
    // no sound is no reason to stop scanning
  }
}

/** An AudioContext made during a tap (browsers only allow sound after one), or null. */
export function audioContext() {
  const Context = window.AudioContext || window.webkitAudioContext;
  try {
    return Context ? new Context() : null;
  } catch {
    return null;
  }
}
