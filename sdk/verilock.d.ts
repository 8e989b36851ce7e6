// Types for the Verilock Web SDK (sdk/verilock.js).

export type Challenge = 'head_left' | 'head_right' | 'smile' | 'blink';

export type GuidanceReason =
  | 'no_face' | 'several_faces' | 'face_too_small' | 'face_too_large' | 'blurred' | 'too_dark' | 'too_bright'
  | 'partly_outside_frame' | 'look_straight' | 'open_eyes' | 'relax_face' | 'hold_still' | 'turn_further'
  | 'turn_back' | 'wrong_direction' | 'smile_wider' | 'discontinuous_motion' | 'baseline_timeout' | 'challenge_timeout' | 'abandoned';

export interface Progress {
  state: 'baseline' | 'prompting' | 'done' | 'failed';
  prompt: Challenge | null;
  completed: number;
  total: number;
  reason: GuidanceReason | null;
}

export type ErrorCode =
  | 'camera_denied' | 'camera_missing' | 'camera_unsupported' | 'session_expired' | 'session_closed'
  | 'connection_lost' | 'unexpected';

export interface VerilockErrorInfo {
  code: ErrorCode;
  /** The localised text the SDK shows. */
  message: string;
  detail?: string;
}

export interface MountOptions {
  /** The session's client token (vlct_...), from your backend's POST /v1/sessions. */
  token: string;
  /** The Verilock service's origin; default: the page's own origin. */
  baseUrl?: string;
  /** 'en' (default) or 'fr'; region subtags are ignored ('fr-CA' → 'fr'). */
  locale?: string;
  /** The capture was sent. Never carries a score: ask your backend (GET /v1/sessions/{id}) for the decision. */
  onComplete?: (result: { status: 'submitted' }) => void;
  onError?: (error: VerilockErrorInfo) => void;
  onProgress?: (progress: Progress) => void;
  /** Tests only: a fixed prompt order, honoured only by a server started with test hooks. */
  testOrder?: Challenge[];
}

export interface MountHandle {
  /** Stops the camera and the capture, and empties the element. */
  destroy(): void;
}

export declare function mount(element: HTMLElement, options: MountOptions): MountHandle;
export declare const STRINGS: Record<string, Record<string, unknown>>;
export declare const Verilock: { mount: typeof mount; STRINGS: typeof STRINGS };
export default Verilock;
