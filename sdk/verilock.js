// Verilock Web SDK: the selfie step of a verification session, in the browser. Plain ES module, no dependencies.
//
//   import { Verilock } from '/sdk/verilock.js';
//   const handle = Verilock.mount(document.getElementById('verify'), {
//     token: 'vlct_...',            // the session's client token (from your backend's POST /v1/sessions)
//     baseUrl: 'https://verify.example.com',   // default: the page's origin
//     locale: 'en',                 // 'en' or 'fr' (falls back to English)
//     onComplete: (r) => {},        // the capture was sent; ask your backend for the decision
//     onError: (e) => {},           // {code, message}: camera_denied, camera_missing, session_expired, connection_lost, ...
//     onProgress: (p) => {},        // {state, prompt, completed, total, reason}
//   });
//   handle.destroy();
//
// Protocol: docs/CAPTURE.md. The device never sees a score; the server decides.

const FRAME_INTERVAL_MS = 125;      // ~8 frames per second
const FRAME_MAX_SIDE = 640;         // frames are sent at 640 px on their longest side
const JPEG_QUALITY = 0.85;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];  // a lost connection is retried this often, then the capture fails

export const STRINGS = {
  en: {
    title: 'Take a selfie',
    intro: 'We check that you are a real person. Keep your face inside the oval.',
    starting: 'Starting the camera…',
    allow_camera: 'Please allow the camera when your browser asks.',
    baseline: 'Look straight at the camera',
    head_left: 'Turn your head to your left',
    head_right: 'Turn your head to your right',
    smile: 'Smile',
    blink: 'Blink',
    progress: 'Step {completed} of {total}',
    passive_hint: 'Keep your face inside the oval, then take the photo.',
    take_photo: 'Take photo',
    sending: 'Sending…',
    done_title: 'Done',
    done_text: 'Thank you. Your selfie has been sent.',
    retry: 'Try again',
    reconnecting: 'Connection lost, retrying…',
    preview_label: 'Camera preview (mirrored)',
    reasons: {
      no_face: 'We cannot see your face. Move into the oval.',
      several_faces: 'Only one person should be in view.',
      face_too_small: 'Come a little closer.',
      face_too_large: 'Move a little further away.',
      blurred: 'Hold the camera steady.',
      too_dark: 'We need more light on your face.',
      too_bright: 'Too much light: avoid bright light behind or on you.',
      partly_outside_frame: 'Keep your whole face inside the oval.',
      look_straight: 'Look straight at the camera.',
      open_eyes: 'Keep your eyes open.',
      relax_face: 'Relax your face.',
      hold_still: 'Hold still for a moment.',
      turn_further: 'Turn a little further.',
      turn_back: 'Now look back at the camera.',
      wrong_direction: 'Other way.',
      smile_wider: 'A bigger smile.',
      discontinuous_motion: 'Please do it again, naturally, facing the camera.',
    },
    errors: {
      camera_denied: 'Camera access was denied. Allow the camera in your browser settings, then try again.',
      camera_missing: 'No camera was found. Connect a camera, or continue on a phone.',
      camera_unsupported: 'This browser cannot use the camera. Try a recent browser over HTTPS.',
      session_expired: 'This verification link has expired. Please start again from the website that sent you here.',
      session_closed: 'This verification has already ended.',
      connection_lost: 'The connection was lost. Check your internet connection and try again.',
      unexpected: 'Something went wrong. Please try again.',
    },
  },
  fr: {
    title: 'Prenez un selfie',
    intro: 'Nous vérifions que vous êtes une vraie personne. Gardez votre visage dans l’ovale.',
    starting: 'Démarrage de la caméra…',
    allow_camera: 'Autorisez la caméra lorsque votre navigateur le demande.',
    baseline: 'Regardez la caméra bien en face',
    head_left: 'Tournez la tête vers votre gauche',
    head_right: 'Tournez la tête vers votre droite',
    smile: 'Souriez',
    blink: 'Clignez des yeux',
    progress: 'Étape {completed} sur {total}',
    passive_hint: 'Gardez votre visage dans l’ovale, puis prenez la photo.',
    take_photo: 'Prendre la photo',
    sending: 'Envoi…',
    done_title: 'Terminé',
    done_text: 'Merci. Votre selfie a été envoyé.',
    retry: 'Réessayer',
    reconnecting: 'Connexion perdue, nouvelle tentative…',
    preview_label: 'Aperçu de la caméra (en miroir)',
    reasons: {
      no_face: 'Nous ne voyons pas votre visage. Placez-vous dans l’ovale.',
      several_faces: 'Une seule personne doit être visible.',
      face_too_small: 'Rapprochez-vous un peu.',
      face_too_large: 'Éloignez-vous un peu.',
      blurred: 'Tenez la caméra immobile.',
      too_dark: 'Il faut plus de lumière sur votre visage.',
      too_bright: 'Trop de lumière : évitez une lumière vive derrière ou sur vous.',
      partly_outside_frame: 'Gardez tout votre visage dans l’ovale.',
      look_straight: 'Regardez la caméra bien en face.',
      open_eyes: 'Gardez les yeux ouverts.',
      relax_face: 'Détendez votre visage.',
      hold_still: 'Ne bougez plus un instant.',
      turn_further: 'Tournez un peu plus.',
      turn_back: 'Regardez de nouveau la caméra.',
      wrong_direction: 'De l’autre côté.',
      smile_wider: 'Un plus grand sourire.',
      discontinuous_motion: 'Recommencez, naturellement, face à la caméra.',
    },
    errors: {
      camera_denied: 'L’accès à la caméra a été refusé. Autorisez la caméra dans les réglages du navigateur, puis réessayez.',
      camera_missing: 'Aucune caméra n’a été trouvée. Branchez une caméra ou continuez sur un téléphone.',
      camera_unsupported: 'Ce navigateur ne peut pas utiliser la caméra. Essayez un navigateur récent en HTTPS.',
      session_expired: 'Ce lien de vérification a expiré. Recommencez depuis le site qui vous a envoyé ici.',
      session_closed: 'Cette vérification est déjà terminée.',
      connection_lost: 'La connexion a été perdue. Vérifiez votre connexion internet et réessayez.',
      unexpected: 'Une erreur est survenue. Veuillez réessayer.',
    },
  },
};

// Simple outline icons (no animation: nothing flashes).
const SVG = (body) => `<svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
const FACE = '<circle cx="24" cy="24" r="16"/>';
const ICONS = {
  baseline: SVG(`${FACE}<circle cx="18" cy="21" r="1.5" fill="currentColor"/><circle cx="30" cy="21" r="1.5" fill="currentColor"/><path d="M18 31h12"/>`),
  // The preview is mirrored, so "your left" is the screen's left.
  head_left: SVG('<path d="M40 24H10"/><path d="M20 14L10 24l10 10"/>'),
  head_right: SVG('<path d="M8 24h30"/><path d="M28 14l10 10-10 10"/>'),
  smile: SVG(`${FACE}<circle cx="18" cy="20" r="1.5" fill="currentColor"/><circle cx="30" cy="20" r="1.5" fill="currentColor"/><path d="M16 28c4 5 12 5 16 0"/>`),
  blink: SVG(`${FACE}<path d="M14 22c2 2 6 2 8 0"/><path d="M26 22c2 2 6 2 8 0"/><path d="M19 31h10"/>`),
  done: SVG('<circle cx="24" cy="24" r="18"/><path d="M15 24l6 6 12-12"/>'),
  error: SVG('<circle cx="24" cy="24" r="18"/><path d="M24 14v12"/><path d="M24 33v1"/>'),
};

const CSS = `
.vl-root{font:16px/1.4 system-ui,sans-serif;color:#1b1f24;max-width:480px;margin:0 auto;text-align:center}
.vl-root h2{font-size:1.25rem;margin:.5rem 0}
.vl-stage{position:relative;width:100%;aspect-ratio:3/4;background:#1b1f24;border-radius:12px;overflow:hidden}
.vl-stage video{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;transform:scaleX(-1)}
.vl-stage svg.vl-oval{position:absolute;inset:0;width:100%;height:100%}
.vl-prompt{display:flex;align-items:center;justify-content:center;gap:.75rem;min-height:56px;margin:.75rem 0 .25rem;font-size:1.2rem;font-weight:600}
.vl-prompt svg{color:#0b5cad;flex:none}
.vl-hint{min-height:1.5em;color:#3d4550}
.vl-progress{margin:.5rem 0}
.vl-progress progress{width:60%;height:.6rem}
.vl-root.vl-error .vl-prompt{color:#a1141b}
.vl-root.vl-error .vl-prompt svg{color:#a1141b}
.vl-root button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:2px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer;margin:.5rem}
.vl-root button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.vl-root.vl-done .vl-prompt svg{color:#1d7a3a}
.vl-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (prefers-reduced-motion: reduce){.vl-root *{transition:none!important;animation:none!important}}
`;

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));


// The SDK's styles go in a constructed stylesheet: no inline <style> element, so pages with a strict
// Content-Security-Policy (style-src 'self', as Verilock's own pages) need no 'unsafe-inline'. Browsers without
// constructed stylesheets get a <style> element (which such a policy would block).
let stylesInstalled = null;
function installStyles() {
  if (stylesInstalled) return;
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    stylesInstalled = new CSSStyleSheet();
    stylesInstalled.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, stylesInstalled];
  } else if (!document.getElementById('vl-style')) {
    const style = document.createElement('style');
    style.id = 'vl-style';
    style.textContent = CSS;
    document.head.appendChild(style);
    stylesInstalled = style;
  }
}
class VerilockError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

class Capture {
  constructor(element, options) {
    if (!element) throw new Error('Verilock.mount needs an element');
    if (!options || !options.token) throw new Error('Verilock.mount needs options.token (the session client token)');
    this.el = element;
    this.opts = options;
    this.baseUrl = (options.baseUrl || (typeof location !== 'undefined' ? location.origin : '')).replace(/\/$/, '');
    const lang = String(options.locale || 'en').toLowerCase().split(/[-_]/)[0];
    this.locale = STRINGS[lang] ? lang : 'en';
    this.t = STRINGS[this.locale];
    this.stopped = false;
    this.stream = null;
    this.lastAnnounced = '';
    this.render();
  }

  // ---------- view ----------

  render() {
    const t = this.t;
    installStyles();
    this.el.innerHTML = '';
    const root = document.createElement('section');
    root.className = 'vl-root';
    root.setAttribute('lang', this.locale);
    root.setAttribute('aria-label', t.title);
    root.innerHTML = `
      <h2 tabindex="-1" class="vl-title">${t.title}</h2>
      <p class="vl-intro">${t.intro}</p>
      <div class="vl-stage" role="img" aria-label="${t.preview_label}">
        <video playsinline muted autoplay></video>
        <svg class="vl-oval" viewBox="0 0 300 400" preserveAspectRatio="none" aria-hidden="true">
          <defs><mask id="vl-mask"><rect width="300" height="400" fill="#fff"/><ellipse cx="150" cy="190" rx="95" ry="130" fill="#000"/></mask></defs>
          <rect width="300" height="400" fill="rgba(0,0,0,.45)" mask="url(#vl-mask)"/>
          <ellipse cx="150" cy="190" rx="95" ry="130" fill="none" stroke="#fff" stroke-width="4"/>
        </svg>
      </div>
      <div class="vl-prompt" data-testid="vl-prompt"><span class="vl-icon"></span><span class="vl-prompt-text">${t.starting}</span></div>
      <div class="vl-hint" data-testid="vl-hint"></div>
      <div class="vl-progress" hidden><progress max="1" value="0"></progress><div class="vl-progress-text"></div></div>
      <div class="vl-actions"></div>
      <div class="vl-sr vl-live" role="status" aria-live="polite" aria-atomic="true"></div>
      <div class="vl-sr vl-alert" role="alert"></div>`;
    this.el.appendChild(root);
    this.root = root;
    this.video = root.querySelector('video');
    this.promptIcon = root.querySelector('.vl-icon');
    this.promptText = root.querySelector('.vl-prompt-text');
    this.hint = root.querySelector('.vl-hint');
    this.progress = root.querySelector('.vl-progress');
    this.actions = root.querySelector('.vl-actions');
    this.live = root.querySelector('.vl-live');
    this.alert = root.querySelector('.vl-alert');
  }

  announce(text) {
    if (text && text !== this.lastAnnounced) {
      this.lastAnnounced = text;
      this.live.textContent = text;
    }
  }

  showPrompt(key, text) {
    this.promptIcon.innerHTML = ICONS[key] || '';
    if (this.promptText.textContent !== text) this.promptText.textContent = text;
  }

  showGuidance(g) {
    const t = this.t;
    let key = 'baseline';
    let text = t.baseline;
    if (g.state === 'prompting' && g.prompt && t[g.prompt]) {
      key = g.prompt;
      text = t[g.prompt];
    }
    this.showPrompt(key, text);
    const reason = g.reason && t.reasons[g.reason] ? t.reasons[g.reason] : '';
    if (this.hint.textContent !== reason) this.hint.textContent = reason;
    if (g.total > 0) {
      this.progress.hidden = false;
      const bar = this.progress.querySelector('progress');
      bar.max = g.total;
      bar.value = g.completed;
      const label = format(t.progress, { completed: Math.min(g.completed + (g.state === 'prompting' ? 1 : 0), g.total), total: g.total });
      this.progress.querySelector('.vl-progress-text').textContent = label;
      bar.setAttribute('aria-label', label);
    }
    // Screen readers hear each new prompt, then a changed hint; repeats are not re-announced.
    this.announce(reason ? `${text}. ${reason}` : text);
  }

  showDone() {
    const t = this.t;
    this.root.querySelector('.vl-stage').hidden = true;
    this.root.querySelector('.vl-intro').hidden = true;
    this.progress.hidden = true;
    this.hint.textContent = '';
    this.actions.innerHTML = '';
    this.root.classList.add('vl-done');
    this.showPrompt('done', t.done_title);
    this.hint.textContent = t.done_text;
    this.announce(`${t.done_title}. ${t.done_text}`);
    this.root.querySelector('.vl-title').focus();
  }

  showError(code) {
    const t = this.t;
    const message = t.errors[code] || t.errors.unexpected;
    this.root.classList.add('vl-error');
    this.root.querySelector('.vl-stage').hidden = true;
    this.progress.hidden = true;
    this.showPrompt('error', message);
    this.hint.textContent = '';
    this.alert.textContent = message;
    this.actions.innerHTML = '';
    if (code === 'camera_denied' || code === 'camera_missing' || code === 'connection_lost' || code === 'unexpected') {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = t.retry;
      retry.addEventListener('click', () => {
        this.root.classList.remove('vl-error');
        this.root.querySelector('.vl-stage').hidden = false;
        this.alert.textContent = '';
        this.actions.innerHTML = '';
        this.run();
      });
      this.actions.appendChild(retry);
      retry.focus();
    }
    return message;
  }

  // ---------- network ----------

  async request(method, path, body, contentType) {
    let lastError;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (this.stopped) throw new VerilockError('stopped', 'stopped');
      if (attempt > 0) {
        this.hint.textContent = this.t.reconnecting;
        await sleep(RETRY_DELAYS_MS[attempt - 1]);
      }
      let res;
      try {
        const headers = { Authorization: `Bearer ${this.opts.token}` };
        if (contentType) headers['Content-Type'] = contentType;
        res = await fetch(this.baseUrl + path, { method, headers, body, cache: 'no-store' });
      } catch (e) {
        lastError = new VerilockError('connection_lost', String(e && e.message || e));
        continue; // network failure: retry
      }
      if (res.status >= 500 || res.status === 429) {
        lastError = new VerilockError('connection_lost', `HTTP ${res.status}`, res.status);
        continue;
      }
      let json = null;
      try { json = await res.json(); } catch (e) { json = null; }
      if (res.ok) return json;
      const code = json && json.error && json.error.code || `http_${res.status}`;
      if (res.status === 401) throw new VerilockError('session_expired', code, 401);
      throw new VerilockError(code, json && json.error && json.error.message || code, res.status);
    }
    throw lastError;
  }

  // ---------- camera ----------

  async openCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw new VerilockError('camera_unsupported', 'getUserMedia unavailable');
    this.hint.textContent = this.t.allow_camera;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (e) {
      const name = e && e.name;
      if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') throw new VerilockError('camera_denied', name);
      if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError' || name === 'DevicesNotFoundError') {
        throw new VerilockError('camera_missing', name);
      }
      throw new VerilockError('camera_unsupported', String(name || e));
    }
    this.video.srcObject = this.stream;
    await this.video.play().catch(() => {});
    // Wait for real dimensions.
    for (let i = 0; i < 50 && !this.video.videoWidth; i++) await sleep(100);
    if (!this.video.videoWidth) throw new VerilockError('camera_missing', 'no video frames');
    this.hint.textContent = '';
  }

  closeCamera() {
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    this.stream = null;
    if (this.video) this.video.srcObject = null;
  }

  /** One unmirrored JPEG of the current video frame, 640 px on its longest side. */
  grabFrame() {
    const w = this.video.videoWidth;
    const h = this.video.videoHeight;
    const scale = Math.min(1, FRAME_MAX_SIDE / Math.max(w, h));
    if (!this.canvas) this.canvas = document.createElement('canvas');
    this.canvas.width = Math.round(w * scale);
    this.canvas.height = Math.round(h * scale);
    this.canvas.getContext('2d').drawImage(this.video, 0, 0, this.canvas.width, this.canvas.height);
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  }

  // ---------- flow ----------

  async run() {
    try {
      this.showPrompt('baseline', this.t.starting);
      const session = await this.request('GET', '/v1/client/session');
      const mode = session && session.profile && session.profile.liveness_mode || 'passive';
      if (session && session.status && !['created', 'in_progress'].includes(session.status)) {
        throw new VerilockError(session.status === 'expired' ? 'session_expired' : 'session_closed', session.status);
      }
      await this.openCamera();
      if (mode === 'active') await this.runActive();
      else await this.runPassive();
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e) {
    if (this.stopped) return;
    this.closeCamera();
    let code = e instanceof VerilockError ? e.code : 'unexpected';
    if (code === 'step_not_in_profile') code = 'session_closed';
    if (!this.t.errors[code]) code = 'unexpected';
    const message = this.showError(code);
    if (this.opts.onError) this.opts.onError({ code, message, detail: e && e.message });
  }

  async runActive() {
    const start = {};
    if (Array.isArray(this.opts.testOrder) && this.opts.testOrder.length) start.order = this.opts.testOrder;
    let guidance = await this.request('POST', '/v1/client/capture', JSON.stringify(start), 'application/json');
    this.update(guidance);
    let restarted = false;
    while (!this.stopped && !guidance.finished) {
      const began = performance.now();
      const blob = await this.grabFrame();
      if (blob) {
        try {
          guidance = await this.request('POST', '/v1/client/capture/frames', blob, 'image/jpeg');
          this.update(guidance);
        } catch (e) {
          if (!(e instanceof VerilockError)) throw e;
          // A frozen camera repeats bytes the server refuses; an undecodable frame is skipped: the next one counts.
          if (e.code === 'duplicate_evidence' || e.status === 422 || e.status === 413 || e.status === 415) {
            // skip
          } else if (e.code === 'capture_not_started' && !restarted) {
            restarted = true; // the server restarted: resume the capture once
            guidance = await this.request('POST', '/v1/client/capture', JSON.stringify(start), 'application/json');
            this.update(guidance);
          } else if (e.code === 'capture_finished') {
            break;
          } else {
            throw e;
          }
        }
      }
      const wait = FRAME_INTERVAL_MS - (performance.now() - began);
      if (wait > 0) await sleep(wait);
    }
    this.finish(guidance);
  }

  async runPassive() {
    const t = this.t;
    this.showPrompt('baseline', t.baseline);
    this.hint.textContent = t.passive_hint;
    this.announce(`${t.baseline}. ${t.passive_hint}`);
    await new Promise((resolve) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t.take_photo;
      button.addEventListener('click', () => resolve(), { once: true });
      this.actions.appendChild(button);
      button.focus();
    });
    this.actions.innerHTML = '';
    this.hint.textContent = t.sending;
    const blob = await this.grabFrame();
    const result = await this.request('POST', '/v1/client/selfie', blob, 'image/jpeg');
    this.finish(result);
  }

  update(g) {
    if (!g) return;
    this.showGuidance(g);
    if (this.opts.onProgress) {
      try {
        this.opts.onProgress({ state: g.state, prompt: g.prompt || null, completed: g.completed, total: g.total, reason: g.reason || null });
      } catch (e) { /* the integrator's callback must not break the capture */ }
    }
  }

  finish() {
    this.closeCamera();
    if (this.stopped) return;
    this.showDone();
    // Neutral on purpose: the decision is the server's and reaches the integrator's backend, never the device.
    if (this.opts.onComplete) this.opts.onComplete({ status: 'submitted' });
  }

  destroy() {
    this.stopped = true;
    this.closeCamera();
    this.el.innerHTML = '';
  }
}

/** Mounts the selfie capture into element and starts it; returns a handle with destroy(). */
export function mount(element, options) {
  const capture = new Capture(element, options);
  capture.run();
  return { destroy: () => capture.destroy() };
}

export const Verilock = { mount, STRINGS };
export default Verilock;
