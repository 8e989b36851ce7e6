// Type-checked by run-e2e.sh (tsc --noEmit, strict) against the .d.ts files of the installed npm tarballs: an
// integrator's TypeScript code using both packages' public types compiles.
import { mount, STRINGS, VERSION, resolveStrings, type MountOptions, type VerilockErrorInfo, type Progress } from '@verilock/web-sdk';
import { VerilockCapture, themeStyle, type VerilockCaptureProps } from '@verilock/react';

const options: MountOptions = {
  token: 'vlct_example',
  baseUrl: 'https://verify.example.com',
  locale: 'de',
  strings: { title: 'Kurzer Selfie-Check', errors: { unexpected: 'Bitte erneut versuchen.' } },
  onComplete: (r) => console.log(r.status),
  onError: (e: VerilockErrorInfo) => { if (e.code === 'timeout' && e.retryable) console.log(e.reason); },
  onProgress: (p: Progress) => console.log(p.state, p.remaining_ms),
  onRetry: async () => 'vlct_next',
};
const handle = mount(document.createElement('div'), options);
handle.destroy();
const text: string = STRINGS.fr.errors.unexpected;
const version: string = VERSION;
console.log(text, version, resolveStrings('pt-BR', { retry: 'De novo' }).t.retry);

const props: VerilockCaptureProps = {
  clientToken: 'vlct_example',
  theme: { accent: '#6b21a8', stageBg: '#000' },
  onComplete: (r) => console.log(r.status),
  onError: (e) => console.log(e.code),
};
console.log(VerilockCapture(props), themeStyle(props.theme));
