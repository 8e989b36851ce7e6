// The demo page: a sandbox session of the demo organisation (created server-side: no secret key reaches the
// browser), the Web SDK's selfie step, then a readable summary of the session detail with its JSON folded below.
// Query parameters (used by the end-to-end tests): ?mode=active|passive&challenges=blink,smile&locale=fr&autostart=1
// &testOrder=head_right,head_left
import { Verilock } from '/sdk/verilock.js';

const params = new URLSearchParams(location.search);
const form = document.getElementById('start');
const about = document.getElementById('about');
const sdk = document.getElementById('sdk');
const result = document.getElementById('result');
const formError = document.getElementById('form-error');
const challengeBoxes = [...form.querySelectorAll('input[name=challenge]')];
// A trace of the SDK's callbacks with timestamps, for the tests and for curious developers.
const trace = (window.verilockTrace = []);
const log = (type, data) => trace.push({ t: Math.round(performance.now()), type, ...data });

if (params.get('mode')) form.mode.value = params.get('mode');
if (params.get('locale')) form.locale.value = params.get('locale');
if (params.get('challenges')) {
  const wanted = params.get('challenges').split(',');
  challengeBoxes.forEach((box) => { box.checked = wanted.includes(box.value); });
}
const syncChallenges = () => { document.getElementById('challenges').disabled = form.mode.value !== 'active'; };
form.addEventListener('change', syncChallenges);
syncChallenges();

const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const CHALLENGE_NAMES = { head_left: 'Turn head left', head_right: 'Turn head right', smile: 'Smile', blink: 'Blink' };
// The spec's interpretation bands (LivenessBand).
const BANDS = { very_high: 'very high confidence (90-100)', high: 'high confidence (75-89)', review: 'review (50-74)', spoof: 'likely spoof (below 50)' };

/** The session detail as a summary: status, score and band, each challenge, frames, deductions. */
function summarise(body) {
  const selfie = body.selfie || {};
  const analysis = body.analysis || selfie.analysis || {};
  const dl = document.getElementById('result-summary');
  dl.replaceChildren();
  const row = (term, value) => {
    dl.append(el('dt', term));
    const dd = el('dd');
    if (value instanceof Node) dd.append(value); else dd.textContent = value;
    dl.append(dd);
  };
  row('Status', el('span', body.status, `badge ${body.status}`));
  if (typeof selfie.liveness_score === 'number') {
    row('Liveness score', `${selfie.liveness_score.toFixed(1)} (threshold ${selfie.liveness_threshold}; ${selfie.liveness_passed ? 'passed' : 'not passed'})`);
  }
  if (analysis.band) row('Band', BANDS[analysis.band] || analysis.band);
  row('Mode', selfie.liveness_mode || body.profile?.liveness_mode || '—');
  if (typeof selfie.frames_captured === 'number') row('Frames kept', `${selfie.frames_captured} of ${analysis.frames_seen ?? '?'} seen`);
  if (analysis.sequence_state) row('Capture', analysis.sequence_state + (analysis.stop_reason ? ` (${analysis.stop_reason})` : ''));
  if (analysis.failure) row('Failure', analysis.failure);
  if (body.review) row('Review', `${body.review.decision} by ${body.review.reviewed_by}`);

  const table = document.getElementById('result-challenges');
  const tbody = table.querySelector('tbody');
  tbody.replaceChildren();
  for (const c of analysis.challenges || []) {
    const tr = el('tr');
    const took = typeof c.completed_at === 'number' && typeof c.prompted_at === 'number' ? `${((c.completed_at - c.prompted_at) / 1000).toFixed(1)} s` : '—';
    tr.append(el('td', CHALLENGE_NAMES[c.challenge] || c.challenge), el('td', c.status), el('td', typeof c.score === 'number' ? c.score.toFixed(1) : '—'), el('td', took));
    tbody.append(tr);
  }
  table.hidden = !tbody.children.length;
  const deductions = document.getElementById('result-deductions');
  deductions.replaceChildren(...(analysis.deductions || []).map((d) => el('li', `${d.code}: ${d.reason}`)));
}

async function showSession(id, { focus = true } = {}) {
  const res = await fetch(`/demo/sessions/${encodeURIComponent(id)}`);
  const body = await res.json();
  result.hidden = false;
  summarise(body);
  document.getElementById('result-json').textContent = JSON.stringify(body, null, 2);
  document.body.dataset.sessionStatus = body.status;
  log('session', { status: body.status });
  if (focus) document.getElementById('result-title').focus();
}

/** The decision may need a moment after the last frame: polls briefly. */
async function waitDecided(id) {
  for (let i = 0; i < 20; i++) {
    const s = await (await fetch(`/demo/sessions/${encodeURIComponent(id)}`)).json();
    if (!['created', 'in_progress'].includes(s.status)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A new demo session with the form's choices; returns it, or null with the error shown. */
async function createSession() {
  const body = { liveness_mode: form.mode.value };
  if (form.mode.value === 'active') body.liveness_challenges = challengeBoxes.filter((b) => b.checked).map((b) => b.value);
  const res = await fetch('/demo/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const session = await res.json();
  if (!res.ok) {
    formError.textContent = `Could not create a session: ${session.error ? session.error.message : res.status}`;
    return null;
  }
  document.body.dataset.sessionId = session.id;
  delete document.body.dataset.sdkError;
  log('created', { id: session.id });
  return session;
}

async function start(event) {
  if (event) event.preventDefault();
  formError.textContent = '';
  if (form.mode.value === 'active' && !challengeBoxes.some((b) => b.checked)) {
    formError.textContent = 'Pick at least one challenge.';
    return;
  }
  result.hidden = true;
  delete document.body.dataset.sessionStatus;
  const session = await createSession();
  if (!session) return;
  // While the capture runs, the page shows only the SDK: its prompt and preview stay in view on small screens.
  form.hidden = true;
  about.hidden = true;
  const testOrder = params.get('testOrder') ? params.get('testOrder').split(',') : undefined;
  let current = session;
  Verilock.mount(sdk, {
    token: session.client_token,
    locale: form.locale.value,
    testOrder,
    onProgress: (p) => log('progress', p),
    onComplete: async (r) => {
      log('complete', r);
      await waitDecided(current.id);
      await showSession(current.id);
    },
    onError: (e) => {
      log('error', e);
      document.body.dataset.sdkError = e.code;
      if (!e.retryable) form.hidden = false;
      // A capture that ended badly (timeout) still decided its session: show what the backend reads, below the
      // SDK's failure screen (whose "Try again" keeps the focus).
      if (e.code === 'timeout' || e.code === 'capture_failed') waitDecided(current.id).then(() => showSession(current.id, { focus: false }));
    },
    // A timed-out capture ends its session: "Try again" starts a new demo session with the same choices.
    onRetry: async () => {
      const next = await createSession();
      if (!next) throw new Error('no new session');
      log('retry', { id: next.id });
      result.hidden = true;
      delete document.body.dataset.sessionStatus;
      current = next;
      return next.client_token;
    },
  });
}

form.addEventListener('submit', start);
document.getElementById('again').addEventListener('click', () => {
  result.hidden = true;
  sdk.replaceChildren();
  form.hidden = false;
  about.hidden = false;
  form.querySelector('button[type=submit]').focus();
});
if (params.get('autostart') === '1') start();
