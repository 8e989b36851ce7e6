// @verilock/react: the Verilock selfie capture as a React component. Plain JavaScript (no JSX, no build step):
// a thin wrapper that mounts @verilock/web-sdk into a <div> and destroys it on unmount.
//
//   <VerilockCapture clientToken={token} baseUrl="https://verify.example.com"
//                    onComplete={() => askYourBackend()} onError={(e) => console.warn(e.code)}
//                    locale="de" strings={{ title: 'Kurzer Selfie-Check' }} theme={{ accent: '#6b21a8' }} />
import { createElement, useEffect, useRef } from 'react';
import { mount, VERSION } from '@verilock/web-sdk';

/** theme {accent: '#123', stageBg: '#000'} → {'--vl-accent': '#123', '--vl-stage-bg': '#000'} (the SDK's CSS tokens). */
export function themeStyle(theme) {
  const style = {};
  if (!theme) return style;
  for (const [name, value] of Object.entries(theme)) {
    if (value == null) continue;
    const token = name.startsWith('--') ? name : `--vl-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    style[token] = String(value);
  }
  return style;
}

/**
 * Mounts the capture for one session. A new clientToken (or baseUrl, locale, strings) starts a new capture; the
 * callbacks may change freely without restarting it.
 */
export function VerilockCapture({ clientToken, baseUrl, locale, strings, theme, onComplete, onError, onProgress, onRetry,
  testOrder, className, style }) {
  const ref = useRef(null);
  const callbacks = useRef({});
  callbacks.current = { onComplete, onError, onProgress, onRetry };
  const hasRetry = typeof onRetry === 'function';
  const stringsKey = strings ? JSON.stringify(strings) : '';
  const orderKey = Array.isArray(testOrder) ? testOrder.join(',') : '';
  useEffect(() => {
    if (!clientToken || !ref.current) return undefined;
    const handle = mount(ref.current, {
      token: clientToken,
      baseUrl,
      locale,
      strings,
      testOrder,
      onComplete: (r) => callbacks.current.onComplete && callbacks.current.onComplete(r),
      onError: (e) => callbacks.current.onError && callbacks.current.onError(e),
      onProgress: (p) => callbacks.current.onProgress && callbacks.current.onProgress(p),
      onRetry: hasRetry ? () => callbacks.current.onRetry && callbacks.current.onRetry() : undefined,
    });
    return () => handle.destroy();
    // strings and testOrder are compared by value (their keys), not by identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clientToken, baseUrl, locale, stringsKey, orderKey, hasRetry]);
  return createElement('div', {
    ref,
    className,
    style: { ...themeStyle(theme), ...style },
    'data-verilock-sdk': VERSION,
  });
}

export default VerilockCapture;
