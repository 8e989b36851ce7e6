// Types for the Verilock Web SDK (@verilock/web-sdk; served as /sdk/verilock.js by a Verilock server).

export type Challenge = 'head_left' | 'head_right' | 'smile' | 'blink';

export type GuidanceReason =
  | 'no_face' | 'several_faces' | 'face_too_small' | 'face_too_large' | 'blurred' | 'too_dark' | 'too_bright'
  | 'partly_outside_frame' | 'look_straight' | 'open_eyes' | 'relax_face' | 'hold_still' | 'turn_further'
  | 'turn_back' | 'wrong_direction' | 'smile_wider' | 'discontinuous_motion' | 'baseline_timeout' | 'challenge_timeout' | 'abandoned';

export interface Progress {
  state: 'baseline' | 'prompting' | 'done' | 'failed' | 'retake';
  prompt: Challenge | null;
  completed: number;
  total: number;
  reason: GuidanceReason | null;
  /** Time left for the current step, from the server (the SDK shows it as a countdown). */
  remaining_ms: number | null;
}

export type ErrorCode =
  /** The capture ended because a step ran out of time (baseline_timeout, challenge_timeout). */
  | 'timeout'
  /** The capture ended without completing for another reason (abandoned: no frames arrived). */
  | 'capture_failed'
  | 'camera_denied' | 'camera_missing' | 'camera_unsupported' | 'session_expired' | 'session_closed'
  | 'connection_lost'
  /** The very first request failed: the service is down, or the browser refused its answer (CORS). */
  | 'service_unreachable'
  /** The service answered 403 origin_not_allowed: add this page's origin to the organisation's allowed origins. */
  | 'origin_not_allowed'
  | 'unexpected';

export interface VerilockErrorInfo {
  code: ErrorCode;
  /** The localised text the SDK shows. */
  message: string;
  /** For developers (e.g. what to fix for service_unreachable); never shown. */
  detail?: string;
  /** For timeout and capture_failed: the server's reason. */
  reason?: GuidanceReason | 'other';
  /** Whether the SDK shows a "Try again" button (in place, or through onRetry). */
  retryable: boolean;
}

/** One locale's strings (see STRINGS.en for every key); `{name}` placeholders are filled in by the SDK. */
export interface Strings {
  [key: string]: string | Record<string, string>;
  reasons: Record<string, string>;
  failures: Record<string, string>;
  errors: Record<string, string>;
}
/** Any subset of a locale's strings; the nested groups (reasons, failures, errors) are merged key by key. */
export interface StringOverrides {
  [key: string]: string | Record<string, string> | undefined;
  reasons?: Record<string, string>;
  failures?: Record<string, string>;
  errors?: Record<string, string>;
}

export interface MountOptions {
  /** The session's client token (vlct_...), from your backend's POST /v1/sessions. */
  token: string;
  /** The Verilock service's origin; default: the page's own origin. Another origin must be on the organisation's allowed origins. */
  baseUrl?: string;
  /** 'en' (default), 'fr', 'es', 'de' or 'pt'; region subtags are ignored ('fr-CA' → 'fr'). */
  locale?: string;
  /** Overrides of any displayed string, merged over the locale's. */
  strings?: StringOverrides;
  /** The capture was sent. Never carries a score: ask your backend (GET /v1/sessions/{id}) for the decision. */
  onComplete?: (result: { status: 'submitted' }) => void;
  onError?: (error: VerilockErrorInfo) => void;
  onProgress?: (progress: Progress) => void;
  /**
   * Called when the user presses "Try again" after the server ended the session (a timeout spends the session):
   * create a new session on your backend and return its client token; the SDK starts again with it. Without it, an
   * ended session shows no retry button (the message says to start again from your website).
   */
  onRetry?: () => string | void | Promise<string | void>;
  /** Tests only: a fixed prompt order, honoured only by a server started with test hooks. */
  testOrder?: Challenge[];
}

export interface MountHandle {
  /** Stops the camera and the capture, and empties the element. */
  destroy(): void;
}

export declare const VERSION: string;
export declare function mount(element: HTMLElement, options: MountOptions): MountHandle;
export declare function resolveStrings(locale?: string, overrides?: StringOverrides): { locale: string; t: Strings };
export declare const STRINGS: Record<'en' | 'fr' | 'es' | 'de' | 'pt', Strings>;
export declare const Verilock: { mount: typeof mount; STRINGS: typeof STRINGS; VERSION: string; resolveStrings: typeof resolveStrings };
export default Verilock;
