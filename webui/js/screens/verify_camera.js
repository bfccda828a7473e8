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

// Draws `source` (video, img, canvas, ImageBitmap) of size sw×sh at a scale that fits maxPixels
// (and maxWidth), and returns { pixels: Uint8Array (grey, row by row), w, h }.
export function greyPixels(source, sw, sh, { maxPixels = MAX_PIXELS, maxWidth = Infinity, canvas } = {}) {
  let scale = Math.min(1, Math.sqrt(maxPixels / (sw * sh)), maxWidth / sw);
  let w = Math.max(1, Math.floor(sw * scale));
  let h = Math.max(1, Math.floor(sh * scale));
  while (w * h > maxPixels) { scale *= 0.99; w = Math.floor(sw * scale); h = Math.floor(sh * scale); }
  const cv = canvas || document.createElement('canvas');
  cv.width = w;
  cv.height = h;
  const g = cv.getContext('2d', { willReadFrequently: true });
  g.drawImage(source, 0, 0, w, h);
  const rgba = g.getImageData(0, 0, w, h).data;
  const pixels = new Uint8Array(w * h);
  for (let i = 0, j = 0; j < pixels.length; i += 4, j += 1) {
    // ITU-R BT.601 luma in integers
    pixels[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
  }
  return { pixels, w, h };
}

// A picture chosen by the person (File/Blob) → the scan answer. Tried at the largest allowed
// size, then once smaller (a very large photo of a small QR decodes better that way sometimes).
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
  let last = null;
  for (const maxPixels of [MAX_PIXELS, MAX_PIXELS / 4]) {
    const { pixels, w, h } = greyPixels(img, sw, sh, { maxPixels });
    last = await scanImage(pixels, w, h);
    if (last.found) return last;
    if (sw * sh <= maxPixels) break; // already at full size: a smaller copy will not help
  }
  return { ...last, message: C.uploadNotFound };
}

function loadImage(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('bad image')); };
    img.src = url;
  });
}

// The camera scanner for one <video>. onFound(scanAnswer) once a QR is read; onMessage(text,
// kind) for what to tell the person ('info' | 'error'); onStop() whenever it stops.
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
          if (answer.found) {
            stop();
            onFound(answer);
            return;
          }
        } catch (err) {
          if (!running || gone()) return;
          if (err.status === 0) onMessage(err.message, 'error'); // the network: keep trying
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
