// Verilock Web SDK: the selfie step of a verification session, in the browser. ES module, no dependencies.
// The same file is the npm package @verilock/web-sdk and what a Verilock server serves at /sdk/verilock.js.
//
//   import { Verilock } from '@verilock/web-sdk';            // or 'https://verify.example.com/sdk/verilock.js'
//   const handle = Verilock.mount(document.getElementById('verify'), {
//     token: 'vlct_...',            // the session's client token (from your backend's POST /v1/sessions)
//     baseUrl: 'https://verify.example.com',   // default: the page's origin
//     locale: 'en',                 // en, fr, es, de, pt (falls back to English)
//     strings: { title: '...' },    // overrides of any string of STRINGS
//     onComplete: (r) => {},        // the capture was sent; ask your backend for the decision
//     onError: (e) => {},           // {code, message, reason, retryable}: timeout, capture_failed, camera_denied, ...
//     onRetry: async () => token,   // optional: a new session's client token when the user asks to try again
//     onProgress: (p) => {},        // {state, prompt, completed, total, reason, remaining_ms}
//   });
//   handle.destroy();
//
// Protocol: docs/CAPTURE.md. The device never sees a score; the server decides.

export const VERSION = '0.2.0';

const FRAME_INTERVAL_MS = 125;      // ~8 frames per second
const FRAME_MAX_SIDE = 640;         // frames are sent at 640 px on their longest side
const JPEG_QUALITY = 0.85;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];  // a lost connection is retried this often, then the capture fails
const COUNTDOWN_TICK_MS = 250;

/**
 * Every string the SDK shows, per locale. Override any of them with the `strings` option (merged over the locale's,
 * nested `reasons`, `failures` and `errors` included); `{name}` placeholders are filled in by the SDK.
 */
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
    countdown: '{seconds} s left',
    passive_hint: 'Keep your face inside the oval, then take the photo.',
    take_photo: 'Take photo',
    sending: 'Sending…',
    done_title: 'Done',
    done_text: 'Thank you. Your selfie has been sent.',
    failed_title: 'The check was not completed',
    failed_restart: 'Please start again from the website that sent you here.',
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
    failures: {
      baseline_timeout: 'We could not see your face clearly in time.',
      challenge_timeout: 'Time ran out before the step was done.',
      abandoned: 'The check stopped because no pictures arrived.',
      other: 'The check could not be finished.',
    },
    errors: {
      camera_denied: 'Camera access was denied. Allow the camera in your browser settings, then try again.',
      camera_missing: 'No camera was found. Connect a camera, or continue on a phone.',
      camera_unsupported: 'This browser cannot use the camera. Try a recent browser over HTTPS.',
      session_expired: 'This verification link has expired. Please start again from the website that sent you here.',
      session_closed: 'This verification has already ended.',
      connection_lost: 'The connection was lost. Check your internet connection and try again.',
      service_unreachable: 'This page cannot reach the verification service. Please try again later or contact the website.',
      origin_not_allowed: 'This website is not allowed to use this verification. Please contact the website.',
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
    countdown: 'Encore {seconds} s',
    passive_hint: 'Gardez votre visage dans l’ovale, puis prenez la photo.',
    take_photo: 'Prendre la photo',
    sending: 'Envoi…',
    done_title: 'Terminé',
    done_text: 'Merci. Votre selfie a été envoyé.',
    failed_title: 'La vérification n’a pas abouti',
    failed_restart: 'Recommencez depuis le site qui vous a envoyé ici.',
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
    failures: {
      baseline_timeout: 'Nous n’avons pas pu voir votre visage nettement à temps.',
      challenge_timeout: 'Le temps était écoulé avant la fin de l’étape.',
      abandoned: 'La vérification s’est arrêtée : aucune image n’arrivait.',
      other: 'La vérification n’a pas pu être terminée.',
    },
    errors: {
      camera_denied: 'L’accès à la caméra a été refusé. Autorisez la caméra dans les réglages du navigateur, puis réessayez.',
      camera_missing: 'Aucune caméra n’a été trouvée. Branchez une caméra ou continuez sur un téléphone.',
      camera_unsupported: 'Ce navigateur ne peut pas utiliser la caméra. Essayez un navigateur récent en HTTPS.',
      session_expired: 'Ce lien de vérification a expiré. Recommencez depuis le site qui vous a envoyé ici.',
      session_closed: 'Cette vérification est déjà terminée.',
      connection_lost: 'La connexion a été perdue. Vérifiez votre connexion internet et réessayez.',
      service_unreachable: 'Cette page ne peut pas joindre le service de vérification. Réessayez plus tard ou contactez le site.',
      origin_not_allowed: 'Ce site n’est pas autorisé à utiliser cette vérification. Contactez le site.',
      unexpected: 'Une erreur est survenue. Veuillez réessayer.',
    },
  },
  es: {
    title: 'Hazte un selfi',
    intro: 'Comprobamos que eres una persona real. Mantén la cara dentro del óvalo.',
    starting: 'Iniciando la cámara…',
    allow_camera: 'Permite el acceso a la cámara cuando el navegador lo pida.',
    baseline: 'Mira de frente a la cámara',
    head_left: 'Gira la cabeza hacia tu izquierda',
    head_right: 'Gira la cabeza hacia tu derecha',
    smile: 'Sonríe',
    blink: 'Parpadea',
    progress: 'Paso {completed} de {total}',
    countdown: 'Quedan {seconds} s',
    passive_hint: 'Mantén la cara dentro del óvalo y haz la foto.',
    take_photo: 'Hacer la foto',
    sending: 'Enviando…',
    done_title: 'Listo',
    done_text: 'Gracias. Tu selfi se ha enviado.',
    failed_title: 'La comprobación no se ha completado',
    failed_restart: 'Vuelve a empezar desde la web que te ha enviado aquí.',
    retry: 'Intentar de nuevo',
    reconnecting: 'Conexión perdida, reintentando…',
    preview_label: 'Vista previa de la cámara (en espejo)',
    reasons: {
      no_face: 'No vemos tu cara. Colócate dentro del óvalo.',
      several_faces: 'Solo debe verse una persona.',
      face_too_small: 'Acércate un poco.',
      face_too_large: 'Aléjate un poco.',
      blurred: 'Mantén la cámara quieta.',
      too_dark: 'Necesitamos más luz en tu cara.',
      too_bright: 'Demasiada luz: evita una luz intensa detrás o sobre ti.',
      partly_outside_frame: 'Mantén toda la cara dentro del óvalo.',
      look_straight: 'Mira de frente a la cámara.',
      open_eyes: 'Mantén los ojos abiertos.',
      relax_face: 'Relaja la cara.',
      hold_still: 'Quédate quieto un momento.',
      turn_further: 'Gira un poco más.',
      turn_back: 'Ahora vuelve a mirar a la cámara.',
      wrong_direction: 'Hacia el otro lado.',
      smile_wider: 'Una sonrisa más amplia.',
      discontinuous_motion: 'Hágalo de nuevo, con naturalidad, frente a la cámara.',
    },
    failures: {
      baseline_timeout: 'No hemos podido ver bien tu cara a tiempo.',
      challenge_timeout: 'Se acabó el tiempo antes de completar el paso.',
      abandoned: 'La comprobación se detuvo porque no llegaban imágenes.',
      other: 'No se ha podido terminar la comprobación.',
    },
    errors: {
      camera_denied: 'Se ha denegado el acceso a la cámara. Permítelo en los ajustes del navegador e inténtalo de nuevo.',
      camera_missing: 'No se ha encontrado ninguna cámara. Conecta una cámara o continúa en un móvil.',
      camera_unsupported: 'Este navegador no puede usar la cámara. Prueba con un navegador reciente y HTTPS.',
      session_expired: 'Este enlace de verificación ha caducado. Vuelve a empezar desde la web que te ha enviado aquí.',
      session_closed: 'Esta verificación ya ha terminado.',
      connection_lost: 'Se ha perdido la conexión. Comprueba tu conexión a internet e inténtalo de nuevo.',
      service_unreachable: 'Esta página no puede conectar con el servicio de verificación. Inténtalo más tarde o contacta con la web.',
      origin_not_allowed: 'Esta web no tiene permiso para usar esta verificación. Contacta con la web.',
      unexpected: 'Algo ha fallado. Inténtalo de nuevo.',
    },
  },
  de: {
    title: 'Selfie aufnehmen',
    intro: 'Wir prüfen, ob Sie eine echte Person sind. Halten Sie Ihr Gesicht im Oval.',
    starting: 'Kamera wird gestartet…',
    allow_camera: 'Bitte erlauben Sie die Kamera, wenn Ihr Browser fragt.',
    baseline: 'Schauen Sie direkt in die Kamera',
    head_left: 'Drehen Sie den Kopf nach links',
    head_right: 'Drehen Sie den Kopf nach rechts',
    smile: 'Lächeln Sie',
    blink: 'Blinzeln Sie',
    progress: 'Schritt {completed} von {total}',
    countdown: 'Noch {seconds} s',
    passive_hint: 'Halten Sie Ihr Gesicht im Oval und nehmen Sie dann das Foto auf.',
    take_photo: 'Foto aufnehmen',
    sending: 'Wird gesendet…',
    done_title: 'Fertig',
    done_text: 'Vielen Dank. Ihr Selfie wurde gesendet.',
    failed_title: 'Die Prüfung wurde nicht abgeschlossen',
    failed_restart: 'Bitte beginnen Sie erneut auf der Website, die Sie hierher geschickt hat.',
    retry: 'Erneut versuchen',
    reconnecting: 'Verbindung unterbrochen, neuer Versuch…',
    preview_label: 'Kameravorschau (gespiegelt)',
    reasons: {
      no_face: 'Wir sehen Ihr Gesicht nicht. Gehen Sie in das Oval.',
      several_faces: 'Nur eine Person sollte zu sehen sein.',
      face_too_small: 'Kommen Sie etwas näher.',
      face_too_large: 'Gehen Sie etwas weiter weg.',
      blurred: 'Halten Sie die Kamera ruhig.',
      too_dark: 'Wir brauchen mehr Licht auf Ihrem Gesicht.',
      too_bright: 'Zu viel Licht: Vermeiden Sie helles Licht hinter oder auf Ihnen.',
      partly_outside_frame: 'Halten Sie Ihr ganzes Gesicht im Oval.',
      look_straight: 'Schauen Sie direkt in die Kamera.',
      open_eyes: 'Lassen Sie die Augen offen.',
      relax_face: 'Entspannen Sie Ihr Gesicht.',
      hold_still: 'Halten Sie kurz still.',
      turn_further: 'Drehen Sie etwas weiter.',
      turn_back: 'Schauen Sie jetzt wieder in die Kamera.',
      wrong_direction: 'Andere Richtung.',
      smile_wider: 'Ein breiteres Lächeln.',
      discontinuous_motion: 'Bitte noch einmal, natürlich, zur Kamera gewandt.',
    },
    failures: {
      baseline_timeout: 'Wir konnten Ihr Gesicht nicht rechtzeitig deutlich sehen.',
      challenge_timeout: 'Die Zeit für diesen Schritt ist abgelaufen.',
      abandoned: 'Die Prüfung wurde beendet, weil keine Bilder ankamen.',
      other: 'Die Prüfung konnte nicht beendet werden.',
    },
    errors: {
      camera_denied: 'Der Kamerazugriff wurde verweigert. Erlauben Sie die Kamera in den Browsereinstellungen und versuchen Sie es erneut.',
      camera_missing: 'Keine Kamera gefunden. Schließen Sie eine Kamera an oder fahren Sie auf einem Smartphone fort.',
      camera_unsupported: 'Dieser Browser kann die Kamera nicht verwenden. Versuchen Sie einen aktuellen Browser über HTTPS.',
      session_expired: 'Dieser Prüfungslink ist abgelaufen. Bitte beginnen Sie erneut auf der Website, die Sie hierher geschickt hat.',
      session_closed: 'Diese Prüfung ist bereits beendet.',
      connection_lost: 'Die Verbindung wurde unterbrochen. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
      service_unreachable: 'Diese Seite erreicht den Prüfdienst nicht. Versuchen Sie es später erneut oder wenden Sie sich an die Website.',
      origin_not_allowed: 'Diese Website darf diese Prüfung nicht verwenden. Bitte wenden Sie sich an die Website.',
      unexpected: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    },
  },
  pt: {
    title: 'Tire uma selfie',
    intro: 'Verificamos que você é uma pessoa real. Mantenha o rosto dentro do oval.',
    starting: 'Iniciando a câmera…',
    allow_camera: 'Permita o uso da câmera quando o navegador pedir.',
    baseline: 'Olhe diretamente para a câmera',
    head_left: 'Vire a cabeça para a sua esquerda',
    head_right: 'Vire a cabeça para a sua direita',
    smile: 'Sorria',
    blink: 'Pisque',
    progress: 'Etapa {completed} de {total}',
    countdown: 'Faltam {seconds} s',
    passive_hint: 'Mantenha o rosto dentro do oval e tire a foto.',
    take_photo: 'Tirar foto',
    sending: 'Enviando…',
    done_title: 'Concluído',
    done_text: 'Obrigado. Sua selfie foi enviada.',
    failed_title: 'A verificação não foi concluída',
    failed_restart: 'Comece de novo pelo site que enviou você até aqui.',
    retry: 'Tentar novamente',
    reconnecting: 'Conexão perdida, tentando novamente…',
    preview_label: 'Pré-visualização da câmera (espelhada)',
    reasons: {
      no_face: 'Não conseguimos ver seu rosto. Posicione-se dentro do oval.',
      several_faces: 'Apenas uma pessoa deve aparecer.',
      face_too_small: 'Aproxime-se um pouco.',
      face_too_large: 'Afaste-se um pouco.',
      blurred: 'Mantenha a câmera parada.',
      too_dark: 'Precisamos de mais luz no seu rosto.',
      too_bright: 'Luz demais: evite luz forte atrás ou sobre você.',
      partly_outside_frame: 'Mantenha o rosto inteiro dentro do oval.',
      look_straight: 'Olhe diretamente para a câmera.',
      open_eyes: 'Mantenha os olhos abertos.',
      relax_face: 'Relaxe o rosto.',
      hold_still: 'Fique parado por um momento.',
      turn_further: 'Vire um pouco mais.',
      turn_back: 'Agora olhe de novo para a câmera.',
      wrong_direction: 'Para o outro lado.',
      smile_wider: 'Um sorriso maior.',
      discontinuous_motion: 'Faça de novo, com naturalidade, de frente para a câmara.',
    },
    failures: {
      baseline_timeout: 'Não conseguimos ver seu rosto com clareza a tempo.',
      challenge_timeout: 'O tempo acabou antes de a etapa ser concluída.',
      abandoned: 'A verificação parou porque nenhuma imagem chegou.',
      other: 'Não foi possível concluir a verificação.',
    },
    errors: {
      camera_denied: 'O acesso à câmera foi negado. Permita a câmera nas configurações do navegador e tente novamente.',
      camera_missing: 'Nenhuma câmera foi encontrada. Conecte uma câmera ou continue em um celular.',
      camera_unsupported: 'Este navegador não pode usar a câmera. Tente um navegador recente com HTTPS.',
      session_expired: 'Este link de verificação expirou. Comece de novo pelo site que enviou você até aqui.',
      session_closed: 'Esta verificação já terminou.',
      connection_lost: 'A conexão foi perdida. Verifique sua internet e tente novamente.',
      service_unreachable: 'Esta página não consegue acessar o serviço de verificação. Tente mais tarde ou fale com o site.',
      origin_not_allowed: 'Este site não tem permissão para usar esta verificação. Fale com o site.',
      unexpected: 'Algo deu errado. Tente novamente.',
    },
  },
};

// Simple outline icons (no animation: nothing flashes).
const SVG = (body) => `<svg viewBox="0 0 48 48" width="40" height="40" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
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

// Theme tokens: set these CSS custom properties on the element you mount into (or any ancestor).
//   --vl-font, --vl-text, --vl-muted, --vl-accent, --vl-accent-text, --vl-error, --vl-success, --vl-stage-bg,
//   --vl-radius, --vl-max-width, --vl-reserved-height (page height kept for the title, prompt and buttons).
// The stage (preview + oval) is sized so that it, the prompt and the countdown fit the viewport without scrolling.
const CSS = `
.vl-root{font:16px/1.4 var(--vl-font,system-ui,sans-serif);color:var(--vl-text,#1b1f24);max-width:var(--vl-max-width,480px);margin:0 auto;text-align:center}
.vl-root h2{font-size:1.15rem;margin:.25rem 0}
.vl-prompt{display:flex;align-items:center;justify-content:center;gap:.6rem;min-height:44px;margin:.25rem 0;font-size:1.2rem;font-weight:600}
.vl-prompt svg{color:var(--vl-accent,#0b5cad);flex:none}
.vl-status{display:flex;justify-content:center;gap:1rem;min-height:1.4em;color:var(--vl-muted,#3d4550);font-variant-numeric:tabular-nums}
.vl-countdown{font-weight:600}
.vl-hint{min-height:1.4em;color:var(--vl-muted,#3d4550);margin:.1rem 0 .35rem}
.vl-stage{position:relative;width:min(100%,calc((100vh - var(--vl-reserved-height,250px))*.75));width:min(100%,calc((100dvh - var(--vl-reserved-height,250px))*.75));min-width:min(100%,200px);aspect-ratio:3/4;margin:0 auto;background:var(--vl-stage-bg,#1b1f24);border-radius:var(--vl-radius,12px);overflow:hidden}
.vl-stage video{position:absolute;inset:0;width:100%;height:100%;object-fit:cover;transform:scaleX(-1)}
.vl-stage svg.vl-oval{position:absolute;inset:0;width:100%;height:100%}
.vl-intro{margin:.5rem 0;color:var(--vl-muted,#3d4550);font-size:.95rem}
.vl-progress{margin:.35rem 0}
.vl-progress progress{width:60%;height:.6rem;accent-color:var(--vl-accent,#0b5cad)}
.vl-root.vl-error .vl-prompt,.vl-root.vl-error .vl-prompt svg{color:var(--vl-error,#a1141b)}
.vl-root button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:2px solid var(--vl-accent,#0b5cad);background:var(--vl-accent,#0b5cad);color:var(--vl-accent-text,#fff);cursor:pointer;margin:.5rem}
.vl-root button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.vl-root.vl-done .vl-prompt svg{color:var(--vl-success,#1d7a3a)}
.vl-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.vl-root [hidden]{display:none!important}
@media (prefers-reduced-motion: reduce){.vl-root *{transition:none!important;animation:none!important}}
`;

function format(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The locale's strings with the integrator's overrides merged over them (one level of nesting). */
export function resolveStrings(locale, overrides) {
  const lang = String(locale || 'en').toLowerCase().split(/[-_]/)[0];
  const key = STRINGS[lang] ? lang : 'en';
  const base = STRINGS[key];
  const out = { ...STRINGS.en, ...base };
  for (const nested of ['reasons', 'failures', 'errors']) out[nested] = { ...STRINGS.en[nested], ...base[nested] };
  if (overrides && typeof overrides === 'object') {
    for (const [k, v] of Object.entries(overrides)) {
      if (v && typeof v === 'object' && out[k] && typeof out[k] === 'object') out[k] = { ...out[k], ...v };
      else if (typeof v === 'string') out[k] = v;
    }
  }
  return { locale: key, t: out };
}

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

const escapeHtml = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

class Capture {
  constructor(element, options) {
    if (!element) throw new Error('Verilock.mount needs an element');
    if (!options || !options.token) throw new Error('Verilock.mount needs options.token (the session client token)');
    this.el = element;
    this.opts = options;
    this.token = options.token;
    this.baseUrl = (options.baseUrl || (typeof location !== 'undefined' ? location.origin : '')).replace(/\/$/, '');
    const { locale, t } = resolveStrings(options.locale, options.strings);
    this.locale = locale;
    this.t = t;
    this.stopped = false;
    this.stream = null;
    this.lastAnnounced = '';
    this.reached = false;   // whether any request reached the service (a first failure is not a "lost" connection)
    this.deadline = null;
    this.timer = null;
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
    // Title, prompt, countdown and hint come first, above the preview, so they stay in view on short screens.
    root.innerHTML = `
      <h2 tabindex="-1" class="vl-title">${escapeHtml(t.title)}</h2>
      <div class="vl-prompt" data-testid="vl-prompt"><span class="vl-icon"></span><span class="vl-prompt-text">${escapeHtml(t.starting)}</span></div>
      <div class="vl-status"><span class="vl-countdown" data-testid="vl-countdown" role="timer" aria-live="off"></span><span class="vl-progress-text"></span></div>
      <div class="vl-hint" data-testid="vl-hint"></div>
      <div class="vl-stage" role="img" aria-label="${escapeHtml(t.preview_label)}">
        <video playsinline muted autoplay></video>
        <svg class="vl-oval" viewBox="0 0 300 400" preserveAspectRatio="none" aria-hidden="true">
          <defs><mask id="vl-mask"><rect width="300" height="400" fill="#fff"/><ellipse cx="150" cy="190" rx="95" ry="130" fill="#000"/></mask></defs>
          <rect width="300" height="400" fill="rgba(0,0,0,.45)" mask="url(#vl-mask)"/>
          <ellipse cx="150" cy="190" rx="95" ry="130" fill="none" stroke="#fff" stroke-width="4"/>
        </svg>
      </div>
      <div class="vl-progress" hidden><progress max="1" value="0"></progress></div>
      <div class="vl-actions"></div>
      <p class="vl-intro">${escapeHtml(t.intro)}</p>
      <div class="vl-sr vl-live" role="status" aria-live="polite" aria-atomic="true"></div>
      <div class="vl-sr vl-alert" role="alert"></div>`;
    this.el.appendChild(root);
    this.root = root;
    this.video = root.querySelector('video');
    this.stage = root.querySelector('.vl-stage');
    this.promptIcon = root.querySelector('.vl-icon');
    this.promptText = root.querySelector('.vl-prompt-text');
    this.countdown = root.querySelector('.vl-countdown');
    this.progressText = root.querySelector('.vl-progress-text');
    this.hint = root.querySelector('.vl-hint');
    this.progress = root.querySelector('.vl-progress');
    this.actions = root.querySelector('.vl-actions');
    this.intro = root.querySelector('.vl-intro');
    this.live = root.querySelector('.vl-live');
    this.alert = root.querySelector('.vl-alert');
  }

  /** Back to the capture view (after a retry). */
  reset() {
    this.root.classList.remove('vl-error', 'vl-done');
    this.stage.hidden = false;
    this.intro.hidden = false;
    this.alert.textContent = '';
    this.actions.innerHTML = '';
    this.hint.textContent = '';
    this.progressText.textContent = '';
    this.progress.hidden = true;
    this.lastAnnounced = '';
    this.setDeadline(null);
  }

  /** Brings the prompt into view when the page has it off screen (no smooth scrolling: nothing animates). */
  reveal() {
    const box = this.root.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight * 0.4) this.root.scrollIntoView({ block: 'start' });
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

  /** The countdown runs from the server's remaining_ms, ticking locally between frames. */
  setDeadline(remainingMs) {
    this.deadline = typeof remainingMs === 'number' && remainingMs > 0 ? performance.now() + remainingMs : null;
    if (this.deadline && !this.timer) this.timer = setInterval(() => this.tick(), COUNTDOWN_TICK_MS);
    if (!this.deadline && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    this.tick();
  }

  tick() {
    if (!this.deadline) {
      this.countdown.textContent = '';
      return;
    }
    const seconds = Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
    const text = format(this.t.countdown, { seconds });
    if (this.countdown.textContent !== text) this.countdown.textContent = text;
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
    // "Step n of total" once a challenge is prompted (during the baseline there is no step yet).
    if (g.total > 0 && g.state === 'prompting') {
      this.progress.hidden = false;
      const bar = this.progress.querySelector('progress');
      bar.max = g.total;
      bar.value = g.completed;
      const label = format(t.progress, { completed: Math.min(g.completed + (g.state === 'prompting' ? 1 : 0), g.total), total: g.total });
      this.progressText.textContent = label;
      bar.setAttribute('aria-label', label);
    }
    if (!g.finished) this.setDeadline(g.remaining_ms);
    // Screen readers hear each new prompt, then a changed hint; repeats are not re-announced.
    this.announce(reason ? `${text}. ${reason}` : text);
  }

  /** The end screens hide the preview and the step indicators. */
  showEnd(kind) {
    this.setDeadline(null);
    this.stage.hidden = true;
    this.intro.hidden = true;
    this.progress.hidden = true;
    this.progressText.textContent = '';
    this.hint.textContent = '';
    this.actions.innerHTML = '';
    this.root.classList.add(kind === 'done' ? 'vl-done' : 'vl-error');
  }

  showDone() {
    const t = this.t;
    this.showEnd('done');
    this.showPrompt('done', t.done_title);
    this.hint.textContent = t.done_text;
    this.announce(`${t.done_title}. ${t.done_text}`);
    this.root.querySelector('.vl-title').focus();
  }

  /** An error or failed capture: the message, and a retry button when a retry can happen. */
  showError(title, text, retry) {
    this.showEnd('error');
    this.showPrompt('error', title);
    this.hint.textContent = text || '';
    this.alert.textContent = text ? `${title} ${text}` : title;
    if (retry) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = this.t.retry;
      button.addEventListener('click', () => retry(), { once: true });
      this.actions.appendChild(button);
      button.focus();
    } else {
      this.root.querySelector('.vl-title').focus();
    }
  }

  // ---------- network ----------

  async request(method, path, body, contentType) {
    let lastError;
    // Until the service has answered once, a failed fetch is most often a browser refusal (CORS: this page's origin
    // is not on the organisation's allowed origins) or a wrong baseUrl, not a lost connection: one quiet retry.
    const delays = this.reached ? RETRY_DELAYS_MS : RETRY_DELAYS_MS.slice(0, 1);
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (this.stopped) throw new VerilockError('stopped', 'stopped');
      if (attempt > 0) {
        if (this.reached) this.hint.textContent = this.t.reconnecting;
        await sleep(delays[attempt - 1]);
      }
      let res;
      try {
        const headers = { Authorization: `Bearer ${this.token}` };
        if (contentType) headers['Content-Type'] = contentType;
        res = await fetch(this.baseUrl + path, { method, headers, body, cache: 'no-store', credentials: 'omit' });
      } catch (e) {
        lastError = this.reached ? new VerilockError('connection_lost', String(e && e.message || e))
          : new VerilockError('service_unreachable', this.unreachableDetail(e));
        continue; // network failure: retry
      }
      this.reached = true;
      if (res.status >= 500 || res.status === 429) {
        lastError = new VerilockError('connection_lost', `HTTP ${res.status}`, res.status);
        continue;
      }
      let json = null;
      try { json = await res.json(); } catch (e) { json = null; }
      if (res.ok) return json;
      const code = json && json.error && json.error.code || `http_${res.status}`;
      const message = json && json.error && json.error.message || code;
      if (res.status === 401) throw new VerilockError('session_expired', message, 401);
      throw new VerilockError(code, message, res.status);
    }
    throw lastError;
  }

  unreachableDetail(e) {
    const here = typeof location !== 'undefined' ? location.origin : '?';
    const crossOrigin = this.baseUrl && !this.baseUrl.startsWith(here);
    return `${String(e && e.message || e)}: the browser could not reach ${this.baseUrl || here}`
      + (crossOrigin ? ` from ${here}. Either the service is down or the browser refused the answer (CORS): add ${here} to the organisation's allowed origins.` : '.');
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
      this.reset();
      this.showPrompt('baseline', this.t.starting);
      const session = await this.request('GET', '/v1/client/session');
      const mode = session && session.profile && session.profile.liveness_mode || 'passive';
      if (session && session.status && !['created', 'in_progress'].includes(session.status)) {
        throw new VerilockError(session.status === 'expired' ? 'session_expired' : 'session_closed', session.status);
      }
      await this.openCamera();
      this.reveal();
      if (mode === 'active') await this.runActive();
      else await this.runPassive();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Whether this session can take another attempt: the server keeps it open (with a valid token) after a failure. */
  async serverAllowsRetry() {
    try {
      const res = await fetch(`${this.baseUrl}/v1/client/session`, { headers: { Authorization: `Bearer ${this.token}` }, cache: 'no-store', credentials: 'omit' });
      if (!res.ok) return false;
      const s = await res.json();
      return ['created', 'in_progress'].includes(s.status);
    } catch (e) {
      return false;
    }
  }

  /** The retry action for an ended capture, or null: in place when the server allows, else through onRetry. */
  async retryAction(inPlace) {
    if (inPlace && await this.serverAllowsRetry()) return () => this.run();
    if (typeof this.opts.onRetry !== 'function') return null;
    return async () => {
      try {
        const token = await this.opts.onRetry();
        if (this.stopped) return;
        if (typeof token === 'string' && token) {
          this.token = token;
          this.reached = false;
          this.run();
        }
      } catch (e) {
        this.fail(e);
      }
    };
  }

  async fail(e) {
    if (this.stopped) return;
    this.closeCamera();
    let code = e instanceof VerilockError ? e.code : 'unexpected';
    if (code === 'step_not_in_profile') code = 'session_closed';
    if (!this.t.errors[code]) code = 'unexpected';
    const message = this.t.errors[code];
    // Retried in place: a camera or network problem (the session is untouched). Otherwise a new session (onRetry).
    const inPlace = ['camera_denied', 'camera_missing', 'connection_lost', 'service_unreachable', 'unexpected'].includes(code);
    const retry = inPlace ? () => this.run() : code === 'origin_not_allowed' ? null : await this.retryAction(false);
    if (this.stopped) return;
    this.showError(message, '', retry);
    const detail = e && e.message;
    if (code === 'service_unreachable' && typeof console !== 'undefined') console.error(`Verilock: ${detail}`);
    this.callback('onError', { code, message, detail, retryable: !!retry });
  }

  /** The capture ended without completing (a timeout, no frames): never shown as success. */
  async failedCapture(g) {
    this.closeCamera();
    const t = this.t;
    const reason = g && g.reason || 'other';
    const text = t.failures[reason] || t.failures.other;
    this.setDeadline(null);
    const retry = await this.retryAction(true);
    if (this.stopped) return;
    this.showError(t.failed_title, retry ? text : `${text} ${t.failed_restart}`, retry);
    const code = reason === 'baseline_timeout' || reason === 'challenge_timeout' ? 'timeout' : 'capture_failed';
    this.callback('onError', { code, message: `${t.failed_title}. ${text}`, reason, retryable: !!retry });
  }

  callback(name, value) {
    if (typeof this.opts[name] !== 'function') return;
    try {
      this.opts[name](value);
    } catch (e) { /* the integrator's callback must not break the capture */ }
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
            guidance = { state: 'failed', finished: true, reason: 'abandoned' };
            break;
          } else {
            throw e;
          }
        }
      }
      const wait = FRAME_INTERVAL_MS - (performance.now() - began);
      if (wait > 0) await sleep(wait);
    }
    if (this.stopped) return;
    if (guidance.state === 'failed') await this.failedCapture(guidance);
    else this.finish();
  }

  async runPassive() {
    const t = this.t;
    this.showPrompt('baseline', t.baseline);
    this.hint.textContent = t.passive_hint;
    this.announce(`${t.baseline}. ${t.passive_hint}`);
    // The service asks for another photo when it cannot judge this one (state "retake" with a guidance reason).
    for (;;) {
      const answer = await this.takePassivePhoto();
      if (!answer || answer.state !== 'retake' || this.stopped) break;
      const reason = t.reasons[answer.reason] || t.passive_hint;
      this.hint.textContent = reason;
      this.announce(reason);
      this.callback('onProgress', { state: 'retake', prompt: null, completed: 0, total: 0, reason: answer.reason || null,
        remaining_ms: null });
    }
    this.finish();
  }

  async takePassivePhoto() {
    const t = this.t;
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
    return this.request('POST', '/v1/client/selfie', blob, 'image/jpeg');
  }

  update(g) {
    if (!g) return;
    this.showGuidance(g);
    this.callback('onProgress', { state: g.state, prompt: g.prompt || null, completed: g.completed, total: g.total,
      reason: g.reason || null, remaining_ms: typeof g.remaining_ms === 'number' ? g.remaining_ms : null });
  }

  finish() {
    this.closeCamera();
    if (this.stopped) return;
    this.showDone();
    // Neutral on purpose: the decision is the server's and reaches the integrator's backend, never the device.
    this.callback('onComplete', { status: 'submitted' });
  }

  destroy() {
    this.stopped = true;
    this.setDeadline(null);
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

export const Verilock = { mount, STRINGS, VERSION, resolveStrings };
export default Verilock;
