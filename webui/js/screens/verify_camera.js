// The QR side of 证书核验: camera frames and chosen pictures become 8-bit grey pixels, scaled
// down so that w×h ≤ 1,048,576 (the server's limit), and are decoded on the server
// (POST /certificates/scan). The camera sends about three frames a second until a QR code is
// found, and stops when it is found, when the person stops it, or when the screen is left
// (including the idle reset, which empties the page).

import { C } from '../strings/certificates.zh.js';
import { scanImage } from '../api_certificates.js';

export const MAX_PIXELS = 1048576;
const FRAME_MS = 333;
const CAMERA_MAX_WIDTH = 1280;

// Draws `source` (video, img, canvas, ImageBitmap) of size sw×sh — or its part `crop`
// {x, y, w, h} — at a scale that fits maxPixels (and maxWidth), and returns
// { pixels: Uint8Array (grey, row by row), w, h }.
export function greyPixels(source, sw, sh, { maxPixels = MAX_PIXELS, maxWidth = Infinity, canvas, crop } = {}) {
  const c = crop || { x: 0, y: 0, w: sw, h: sh };
  let scale = Math.min(1, Math.sqrt(maxPixels / (c.w * c.h)), maxWidth / c.w);
  let w = Math.max(1, Math.floor(c.w * scale));
  let h = Math.max(1, Math.floor(c.h * scale));
  while (w * h > maxPixels) { scale *= 0.99; w = Math.floor(c.w * scale); h = Math.floor(c.h * scale); }
  const cv = canvas || document.createElement('canvas');
  cv.width = w;
  cv.height = h;
  const g = cv.getContext('2d', { willReadFrequently: true });
  g.drawImage(source, c.x, c.y, c.w, c.h, 0, 0, w, h);
  const rgba = g.getImageData(0, 0, w, h).data;
  const pixels = new Uint8Array(w * h);
  for (let i = 0, j = 0; j < pixels.length; i += 4, j += 1) {
    // ITU-R BT.601 luma in integers
    pixels[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
  }
  return { pixels, w, h };
}

// Overlapping square crops (half a tile apart) of a sw×sh picture seen at up to `pixels` in all,
// each tile ≤ MAX_PIXELS once scaled: the QR code of a photo that is much larger than the scan
// limit keeps enough pixels per module in one of them. Middle tiles first.
function tiles(sw, sh, pixels = 4 * MAX_PIXELS) {
  const scale = Math.min(1, Math.sqrt(pixels / (sw * sh)));
  const side = Math.min(Math.floor(Math.sqrt(MAX_PIXELS) / scale), Math.max(sw, sh));
  const starts = (len) => {
    if (len <= side) return [0];
    const n = Math.ceil((len - side) / (side / 2)) + 1;
    return Array.from({ length: n }, (_, i) => Math.round((i * (len - side)) / (n - 1)));
  };
  const out = [];
  for (const y of starts(sh)) for (const x of starts(sw)) out.push({ x, y, w: Math.min(side, sw), h: Math.min(side, sh) });
  const cx = sw / 2;
  const cy = sh / 2;
  return out.sort((a, b) => Math.hypot(a.x + a.w / 2 - cx, a.y + a.h / 2 - cy) - Math.hypot(b.x + b.w / 2 - cx, b.y + b.h / 2 - cy));
}

// scanImage, waiting a moment and trying again while the server answers 429 busy (it decodes
// two frames at a time for everyone).
async function scanPatiently(pixels, w, h) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await scanImage(pixels, w, h);
    } catch (err) {
      if (err.status !== 429 || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250 + attempt * 50));
    }
  }
}

// A picture chosen by the person (File/Blob) → the scan answer. First the whole picture scaled
// into the limit; if that finds nothing and the picture is larger than the limit, its tiles at a
// finer scale (a photo of a whole certificate leaves the QR code only a few pixels per module
// once the whole photo is scaled down).
export async function scanPicture(file) {
  let img;
  try {
    img = await loadImage(file);
  } catch {
    return { found: false, message: C.uploadBadFile, badFile: true };
  }
  const sw = img.naturalWidth || img.width;
  const sh = img.naturalHeight || img.height;
  if (!sw || !sh) return { found: false, message: C.uploadBadFile, badFile: true };
  const canvas = document.createElement('canvas');
  const whole = greyPixels(img, sw, sh, { canvas });
  let last = await scanPatiently(whole.pixels, whole.w, whole.h);
  if (last.found || sw * sh <= MAX_PIXELS) return last.found ? last : { ...last, message: C.uploadNotFound };
  for (const crop of tiles(sw, sh)) {
    const part = greyPixels(img, sw, sh, { canvas, crop });
    last = await scanPatiently(part.pixels, part.w, part.h);
    if (last.found) return last;
  }
  return { ...last, message: C.uploadNotFound };
}

// Decodes a chosen file. createImageBitmap needs no URL (the page's CSP allows images only from
// 'self' and data:, so a blob: URL would be refused); older engines get a data: URL.
async function loadImage(file) {
  if (typeof createImageBitmap === 'function') {
    try { return await createImageBitmap(file); } catch { /* not decodable this way: try the <img> */ }
  }
  const url = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  const img = new Image();
  img.src = url;
  await img.decode();
  return img;
}

// The camera scanner for one <video>. onFound(scanAnswer) once a QR is read; onMessage(text,
// kind) for what to tell the person ('info' and 'status': in the camera panel; 'error': the camera
// cannot be used); onStop() whenever it stops.
export function cameraScanner({ video, alive, onFound, onMessage, onStop }) {
  let stream = null;
  let running = false;
  let watchdog = null;
  const canvas = document.createElement('canvas');

  function stop() {
    const was = running || stream;
    running = false;
    clearInterval(watchdog);
    watchdog = null;
    if (stream) for (const t of stream.getTracks()) t.stop();
    stream = null;
    video.pause();
    video.srcObject = null;
    if (was) onStop();
  }

  const gone = () => !alive() || !video.isConnected;
  // A passing problem shown in the camera's own status line (the panel stays open).
  let troubled = false;
  const camStatusError = (text) => { troubled = true; onMessage(text, 'status'); };

  async function start() {
    if (running) return;
    running = true;
    // Leaving the screen (or the idle reset emptying it) stops the camera within a quarter second.
    watchdog = setInterval(() => { if (gone()) stop(); }, 250);
    onMessage(C.cameraStarting, 'info');
    if (!navigator.mediaDevices?.getUserMedia) {
      stop();
      onMessage(C.cameraUnsupported, 'error');
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (err) {
      stop();
      if (!gone()) onMessage(cameraError(err), 'error');
      return;
    }
    if (!running || gone()) { stop(); return; }
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    try { await video.play(); } catch { /* frames still arrive; readyState is checked below */ }
    onMessage(C.cameraScanning, 'info');
    loop();
  }

  async function loop() {
    while (running && !gone()) {
      const t0 = performance.now();
      if (video.readyState >= 2 && video.videoWidth > 0) {
        try {
          const { pixels, w, h } = greyPixels(video, video.videoWidth, video.videoHeight, { maxWidth: CAMERA_MAX_WIDTH, canvas });
          const answer = await scanImage(pixels, w, h);
          if (!running || gone()) return;
          if (troubled) { troubled = false; onMessage(C.cameraScanning, 'info'); }
          if (answer.found) {
            stop();
            onFound(answer);
            return;
          }
        } catch (err) {
          if (!running || gone()) return;
          // 429 busy (others are scanning) and network blips: the next frame tries again.
          if (err.status === 0) camStatusError(err.message);
        }
      }
      const wait = Math.max(20, FRAME_MS - (performance.now() - t0));
      await new Promise((r) => setTimeout(r, wait));
    }
    if (running) stop();
  }

  return { start, stop, isRunning: () => running };
}

function cameraError(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return C.cameraDenied;
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return C.cameraNone;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return C.cameraBusy;
    default:
      return C.cameraFailed;
  }
}
