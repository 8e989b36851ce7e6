// Types for @verilock/react.
import type { CSSProperties, ReactElement } from 'react';
import type { Challenge, Progress, StringOverrides, VerilockErrorInfo } from '@verilock/web-sdk';

/** The SDK's theme tokens (CSS custom properties --vl-*); camelCase names are turned into --vl-kebab-case. */
export interface VerilockTheme {
  font?: string;
  text?: string;
  muted?: string;
  accent?: string;
  accentText?: string;
  error?: string;
  success?: string;
  stageBg?: string;
  radius?: string;
  maxWidth?: string;
  /** Page height (CSS length) kept free for the title, prompt and buttons when sizing the preview. */
  reservedHeight?: string;
  [token: string]: string | undefined;
}

export interface VerilockCaptureProps {
  /** The session's client token (vlct_...), from your backend's POST /v1/sessions. Never a secret key. */
  clientToken: string;
  /** The Verilock service's origin; this page's origin must be on the organisation's allowed origins. */
  baseUrl?: string;
  /** 'en' (default), 'fr', 'es', 'de', 'pt'. */
  locale?: string;
  /** Overrides of any displayed string. */
  strings?: StringOverrides;
  theme?: VerilockTheme;
  /** The capture was sent; ask your backend for the decision (the device never sees it). */
  onComplete?: (result: { status: 'submitted' }) => void;
  onError?: (error: VerilockErrorInfo) => void;
  onProgress?: (progress: Progress) => void;
  /** After the server ended the session (e.g. a timeout): return a new session's client token to try again. */
  onRetry?: () => string | void | Promise<string | void>;
  /** Tests only, with a server started with test hooks. */
  testOrder?: Challenge[];
  className?: string;
  style?: CSSProperties;
}

export declare function VerilockCapture(props: VerilockCaptureProps): ReactElement;
export declare function themeStyle(theme?: VerilockTheme): Record<string, string>;
export default VerilockCapture;
