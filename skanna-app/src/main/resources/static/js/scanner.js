// Camera scanning for the shopper app and the staff console: the back camera's video is read a few times a
// second by the browser's own BarcodeDetector where it has one (EAN-13/8, UPC-A/E), and by the ZXing
// decoder (zxing-js, from the html5-qrcode WebJar, loaded only when needed) otherwise and for GS1 DataBar,
// which no BarcodeDetector reads (Omnidirectional; this zxing-js misses DataBar Expanded, see the shopper
// guide). A code that stays in view is reported once: it must leave the picture
// for HOLD_MS before the same code counts again, so holding a pack still never adds it twice. The last code
// is remembered for the tab (sessionStorage), so a reload or a camera restart with the same pack still in
// view does not add it again either.

const ZXING_URL = '/webjars/html5-qrcode/third_party/zxing-js.umd.min.js';
const NATIVE_FORMATS = { retail: ['ean_13', 'ean_8', 'upc_a', 'upc_e'], qr: ['qr_code'] };
const HOLD_MS = 1500;
const FRAME_MS = 120;
const MAX_WIDTH = 960;
// zxing-js misses some codes at one size and reads them at another (seen with exit pass QR codes: about one
// in four unreadable at any single size); each frame is read at the next of these scales
const SCALES = [1, 0.75, 1.5, 0.5];

let zxingLoading = null;

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
 * A camera scanner drawing into {@code video}. {@code onCode(text)} gets each new code, {@code onRead(text)}
 * every read, repeats too; {@code onState(state, detail)} hears 'starting', 'scanning', 'stopped' and 'error'
 * (detail: the DOMException's name). {@code memory} names where the last code is kept for the tab.
 */
export class CameraScanner {
  constructor(video, { onCode, onRead = () => {}, onState = () => {}, memory = 'skanna:last-code', formats = 'retail' }) {
    this.video = video;
    this.onCode = onCode;
    this.onRead = onRead;
    this.onState = onState;
    this.memory = memory;
    this.formats = formats;
    this.stream = null;
    this.timer = null;
    this.native = null;
    this.zxing = null;
    this.frame = 0;
    this.canvas = document.createElement('canvas');
    this.accept = repeatGuard();
    this.torchOn = false;
    this.reads = 0;
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
      // whatever was last read counts as still in view until it has been out of the picture for HOLD_MS
      this.accept = repeatGuard(HOLD_MS, sessionStorage.getItem(this.memory), performance.now());
      this.native = await nativeDetector(NATIVE_FORMATS[this.formats]);
      // without a native reader, ZXing reads everything; with one for retail codes, ZXing still looks for DataBar
      this.zxing = this.native && this.formats === 'qr' ? null : await zxingReader(this.formats, this.native === null);
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

  schedule() {
    this.timer = setTimeout(() => this.scanFrame(), FRAME_MS);
  }

  async scanFrame() {
    if (!this.running) return;
    try {
      const code = await this.decode();
      if (code && this.running) {
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
      const found = await this.native.detect(video);
      if (found.length > 0) return found[0].rawValue;
      if (!this.zxing || this.frame % 3 !== 0) return null; // DataBar: every third frame is enough
    }
    if (!this.zxing) return null;
    const scale = Math.min(MAX_WIDTH / video.videoWidth, SCALES[this.frame % SCALES.length]);
    this.canvas.width = Math.round(video.videoWidth * scale);
    this.canvas.height = Math.round(video.videoHeight * scale);
    const context = this.canvas.getContext('2d', { willReadFrequently: true }); // read back every frame
    context.drawImage(video, 0, 0, this.canvas.width, this.canvas.height);
    return this.zxing(this.canvas);
  }
}

async function nativeDetector(wanted) {
  if (!('BarcodeDetector' in window)) return null;
  try {
    const supported = await window.BarcodeDetector.getSupportedFormats();
    const formats = wanted.filter((format) => supported.includes(format));
    return formats.length > 0 ? new window.BarcodeDetector({ formats }) : null;
  } catch {
    return null;
  }
}

/**
 * A function reading one canvas with ZXing, or null if it won't load: QR codes, or retail codes (all of them,
 * or only DataBar when the browser reads the others itself).
 */
async function zxingReader(kind, allFormats) {
  try {
    const ZXing = await loadZxing();
    const F = ZXing.BarcodeFormat;
    let formats = [F.RSS_14, F.RSS_EXPANDED];
    if (kind === 'qr') formats = [F.QR_CODE];
    else if (allFormats) formats = [F.EAN_13, F.EAN_8, F.UPC_A, F.UPC_E, F.RSS_14, F.RSS_EXPANDED];
    const hints = new Map([[ZXing.DecodeHintType.POSSIBLE_FORMATS, formats]]);
    const reader = new ZXing.MultiFormatReader();
    reader.setHints(hints);
    return (canvas) => {
      try {
        const source = new ZXing.HTMLCanvasElementLuminanceSource(canvas);
        return reader.decodeWithState(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source))).getText();
      } catch {
        return null; // nothing readable in this frame
      } finally {
        reader.reset();
      }
    };
  } catch {
    return null;
  }
}

function loadZxing() {
  if (window.ZXing) return Promise.resolve(window.ZXing);
  zxingLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = ZXING_URL;
    script.async = true;
    script.onload = () => (window.ZXing ? resolve(window.ZXing) : reject(new Error('ZXing did not load')));
    script.onerror = () => {
      zxingLoading = null;
      reject(new Error('ZXing did not load'));
    };
    document.head.append(script);
  });
  return zxingLoading;
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
