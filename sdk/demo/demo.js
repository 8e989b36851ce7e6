// The demo page: a sandbox session of the demo organisation (created server-side: no secret key reaches the
// browser), the Web SDK's selfie step, then the session detail.
// Query parameters (used by the end-to-end tests): ?mode=active|passive&locale=fr&autostart=1&testOrder=head_right,head_left
import { Verilock } from '/sdk/verilock.js';

const params = new URLSearchParams(location.search);
const form = document.getElementById('start');
const sdk = document.getElementById('sdk');
const result = document.getElementById('result');
// A trace of the SDK's callbacks with timestamps, for the tests and for curious developers.
const trace = (window.verilockTrace = []);
const log = (type, data) => trace.push({ t: Math.round(performance.now()), type, ...data });

if (params.get('mode')) form.mode.value = params.get('mode');
if (params.get('locale')) form.locale.value = params.get('locale');

async function showSession(id) {
  const res = await fetch(`/demo/sessions/${encodeURIComponent(id)}`);
  const body = await res.json();
  result.hidden = false;
  document.getElementById('result-status').textContent = `Status: ${body.status}`;
  document.getElementById('result-json').textContent = JSON.stringify(body, null, 2);
  document.body.dataset.sessionStatus = body.status;
  log('session', { status: body.status });
  document.getElementById('result-title').focus();
}

async function start(event) {
  if (event) event.preventDefault();
  form.hidden = true;
  result.hidden = true;
  const res = await fetch('/demo/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ liveness_mode: form.mode.value }),
  });
  const session = await res.json();
  if (!res.ok) {
    sdk.textContent = `Could not create a session: ${session.error ? session.error.message : res.status}`;
    form.hidden = false;
    return;
  }
  document.body.dataset.sessionId = session.id;
  log('created', { id: session.id });
  const testOrder = params.get('testOrder') ? params.get('testOrder').split(',') : undefined;
  Verilock.mount(sdk, {
    token: session.client_token,
    locale: form.locale.value,
    testOrder,
    onProgress: (p) => log('progress', p),
    onComplete: async (r) => {
      log('complete', r);
      // The decision may need a moment after the last frame; poll briefly.
      for (let i = 0; i < 20; i++) {
        const s = await (await fetch(`/demo/sessions/${encodeURIComponent(session.id)}`)).json();
        if (!['created', 'in_progress'].includes(s.status)) break;
        await new Promise((r2) => setTimeout(r2, 500));
      }
      await showSession(session.id);
      form.hidden = false;
    },
    onError: (e) => {
      log('error', e);
      document.body.dataset.sdkError = e.code;
      form.hidden = false;
    },
  });
}

form.addEventListener('submit', start);
if (params.get('autostart') === '1') start();
