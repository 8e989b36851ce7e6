// Verilock dashboard: sessions, evidence, liveness timeline, manual review, workflows (liveness settings).
// Signs in with an organisation's secret API key, kept in sessionStorage (gone when the tab closes); every call
// sends it as a Bearer token. No framework: hash routes (#/sessions, #/sessions/{id}, #/workflows).

const KEY = 'verilock.apiKey';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const statusRegion = document.getElementById('status');
const CHALLENGES = ['head_left', 'head_right', 'smile', 'blink'];
const STATUSES = ['created', 'in_progress', 'approved', 'needs_review', 'declined', 'expired'];
let blobUrls = [];

const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const code = (v) => (v == null ? '' : String(v).toLowerCase());
const num = (v, d = 1) => (typeof v === 'number' ? v.toFixed(d) : '—');
const say = (text) => { statusRegion.textContent = text; };

class HttpError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY)}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    sessionStorage.removeItem(KEY);
    render();
    throw new HttpError(401, null);
  }
  const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new HttpError(res.status, json);
  return json;
}

async function blobUrl(path) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}` } });
  if (!res.ok) throw new HttpError(res.status, null);
  const url = URL.createObjectURL(await res.blob());
  blobUrls.push(url);
  return url;
}

function view(html, title) {
  blobUrls.forEach((u) => URL.revokeObjectURL(u));
  blobUrls = [];
  main.innerHTML = html;
  document.title = `${title} · Verilock dashboard`;
  const h = main.querySelector('h2');
  if (h) { h.tabIndex = -1; h.focus(); }
}

// ---------- sign-in ----------

function signIn() {
  nav.hidden = true;
  view(`<h2>Sign in</h2>
    <form id="sign-in" class="card">
      <label>Organisation API key <input name="key" type="password" autocomplete="off" required size="48"
        placeholder="vl_live_… or vl_test_…" aria-describedby="key-help"></label>
      <p id="key-help">The key stays in this browser tab only (sessionStorage) and is sent to this server as a Bearer token.</p>
      <button type="submit">Sign in</button> <span class="error" id="sign-in-error" role="alert"></span>
    </form>`, 'Sign in');
  main.querySelector('#sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = e.target.key.value.trim();
    sessionStorage.setItem(KEY, key);
    try {
      await api('GET', '/v1/sessions?limit=1');
      location.hash = '#/sessions';
      render();
    } catch (err) {
      sessionStorage.removeItem(KEY);
      signIn();
      main.querySelector('#sign-in-error').textContent = 'That key was not accepted.';
    }
  });
}

// ---------- sessions ----------

async function sessionsList(query) {
  const status = query.get('status') || '';
  view(`<h2>Sessions</h2>
    <form id="filter"><label>Status <select name="status"><option value="">all</option>
      ${STATUSES.map((s) => `<option ${s === status ? 'selected' : ''}>${s}</option>`).join('')}</select></label></form>
    <table><caption class="sr">Sessions, newest first</caption>
      <thead><tr><th scope="col">Session</th><th scope="col">Status</th><th scope="col">Mode</th><th scope="col">Created</th></tr></thead>
      <tbody id="rows"></tbody></table>
    <button type="button" class="secondary" id="more" hidden>Load more</button>`, 'Sessions');
  main.querySelector('#filter select').addEventListener('change', (e) => {
    location.hash = e.target.value ? `#/sessions?status=${e.target.value}` : '#/sessions';
  });
  const rows = main.querySelector('#rows');
  const more = main.querySelector('#more');
  let cursor = null;
  const load = async () => {
    const q = new URLSearchParams({ limit: '20' });
    if (status) q.set('status', status);
    if (cursor) q.set('cursor', cursor);
    const page = await api('GET', `/v1/sessions?${q}`);
    rows.insertAdjacentHTML('beforeend', page.data.map((s) => `<tr>
      <td><a href="#/sessions/${esc(s.id)}">${esc(s.id)}</a>${s.sandbox ? ' <span class="badge">sandbox</span>' : ''}</td>
      <td><span class="badge ${esc(s.status)}">${esc(s.status)}</span></td>
      <td>${esc(s.profile?.liveness_mode || '')}</td><td>${esc(new Date(s.created_at).toLocaleString())}</td></tr>`).join(''));
    if (!rows.children.length) rows.innerHTML = '<tr><td colspan="4">No sessions.</td></tr>';
    cursor = page.next_cursor;
    more.hidden = !cursor;
    say(`${rows.children.length} sessions shown`);
  };
  more.addEventListener('click', load);
  await load();
}

/** The timeline of yaw, eye openness and smile across the kept frames, prompts marked. Inline SVG. */
function timeline(analysis) {
  const frames = (analysis?.frames || []).slice().sort((a, b) => a.timestamp_ms - b.timestamp_ms);
  if (!frames.length) return '<p>No kept frames in the analysis.</p>';
  if (frames.length === 1) {
    const f = frames[0];
    return `<p>One frame (${esc(code(f.why) || 'photo')}): yaw ${num(f.yaw)}°, pitch ${num(f.pitch)}°, eyes ${num(((f.eye_left ?? 0) + (f.eye_right ?? 0)) / 2, 2)}, smile ${num(f.smile, 2)}, texture live ${num(f.texture_live, 2)}.</p>`;
  }
  const W = 720, H = 260, L = 44, R = 44, T = 24, B = 36;
  const t0 = Math.min(frames[0].timestamp_ms, ...(analysis.challenges || []).map((c) => c.prompted_at ?? Infinity));
  const t1 = Math.max(frames[frames.length - 1].timestamp_ms, ...(analysis.challenges || []).map((c) => c.completed_at ?? 0));
  const span = Math.max(1, t1 - t0);
  const x = (t) => L + ((t - t0) / span) * (W - L - R);
  const yawMax = Math.max(45, ...frames.map((f) => Math.abs(f.yaw || 0)));
  const yYaw = (v) => T + (1 - (v + yawMax) / (2 * yawMax)) * (H - T - B);
  const yUnit = (v) => T + (1 - Math.max(0, Math.min(1, v))) * (H - T - B);
  const line = (pts, color, dash = '') => `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${pts.join(' ')}"/>`;
  const yawPts = frames.map((f) => `${x(f.timestamp_ms).toFixed(1)},${yYaw(f.yaw || 0).toFixed(1)}`);
  const eyePts = frames.map((f) => `${x(f.timestamp_ms).toFixed(1)},${yUnit(((f.eye_left ?? 0) + (f.eye_right ?? 0)) / 2).toFixed(1)}`);
  const smilePts = frames.map((f) => `${x(f.timestamp_ms).toFixed(1)},${yUnit(f.smile ?? 0).toFixed(1)}`);
  const marks = (analysis.challenges || []).filter((c) => c.prompted_at != null).map((c) => {
    const px = x(c.prompted_at);
    const done = c.completed_at != null ? `<line x1="${x(c.completed_at)}" x2="${x(c.completed_at)}" y1="${T}" y2="${H - B}" stroke="#1d7a3a" stroke-dasharray="2 3"/>` : '';
    return `<line x1="${px}" x2="${px}" y1="${T}" y2="${H - B}" stroke="#6b7580" stroke-dasharray="5 4"/>
      <text x="${px + 3}" y="${T - 8}" fill="#1b1f24">${esc(code(c.challenge))} (${esc(code(c.status))})</text>${done}`;
  }).join('');
  const dots = frames.map((f) => `<circle cx="${x(f.timestamp_ms)}" cy="${yYaw(f.yaw || 0)}" r="3" fill="#0b5cad"><title>${esc(code(f.why))} ${esc(code(f.challenge))}: yaw ${num(f.yaw)}°, eyes ${num(((f.eye_left ?? 0) + (f.eye_right ?? 0)) / 2, 2)}, smile ${num(f.smile, 2)}</title></circle>`).join('');
  const desc = frames.map((f) => `${((f.timestamp_ms - t0) / 1000).toFixed(1)} s: yaw ${num(f.yaw)}°, eyes ${num(((f.eye_left ?? 0) + (f.eye_right ?? 0)) / 2, 2)}, smile ${num(f.smile, 2)}`).join('; ');
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="tl-title tl-desc" data-testid="timeline">
    <title id="tl-title">Yaw, eye openness and smile across the kept frames</title><desc id="tl-desc">${esc(desc)}</desc>
    <rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="#fafbfc" stroke="#dde3ea"/>
    <line x1="${L}" x2="${W - R}" y1="${yYaw(0)}" y2="${yYaw(0)}" stroke="#dde3ea"/>
    <text x="4" y="${yYaw(yawMax) + 4}">+${Math.round(yawMax)}°</text><text x="4" y="${yYaw(0) + 4}">0°</text><text x="4" y="${yYaw(-yawMax) + 4}">−${Math.round(yawMax)}°</text>
    <text x="${W - R + 4}" y="${yUnit(1) + 4}">1.0</text><text x="${W - R + 4}" y="${yUnit(0) + 4}">0.0</text>
    <text x="${L}" y="${H - 18}">0 s</text><text x="${W - R - 30}" y="${H - 18}">${(span / 1000).toFixed(1)} s</text>
    ${marks}${line(yawPts, '#0b5cad')}${line(eyePts, '#b35c00', '6 3')}${line(smilePts, '#7b2cbf', '2 3')}${dots}
    <g transform="translate(${L},${H - 4})"><rect width="12" height="3" y="-5" fill="#0b5cad"/><text x="16">yaw (°, left axis)</text>
      <rect x="140" width="12" height="3" y="-5" fill="#b35c00"/><text x="156">eye openness (right axis)</text>
      <rect x="320" width="12" height="3" y="-5" fill="#7b2cbf"/><text x="336">smile (right axis)</text>
      <line x1="450" x2="462" y1="-4" y2="-4" stroke="#6b7580" stroke-dasharray="3 2"/><text x="466">prompt</text></g>
  </svg>`;
}

async function sessionDetail(id) {
  const s = await api('GET', `/v1/sessions/${encodeURIComponent(id)}`);
  const a = s.analysis || {};
  const sf = s.selfie || {};
  const deductions = (a.deductions || []).map((d) => `<li><strong>${esc(d.code)}</strong>: ${esc(d.reason)}${d.cap_at != null ? ` (score capped at ${esc(d.cap_at)})` : ''}</li>`).join('');
  const challenges = (a.challenges || []).map((c) => `<tr><td>${esc(code(c.challenge))}</td><td>${esc(code(c.status))}</td><td>${num(c.score)}</td>
    <td>${c.peak_yaw_change != null ? `${num(c.peak_yaw_change)}°` : ''}${c.blink_depth != null ? ` blink ${num(c.blink_depth, 2)}` : ''}${c.smile_rise != null ? ` smile +${num(c.smile_rise, 2)}` : ''}</td></tr>`).join('');
  const review = s.review ? `<p>Reviewed: <strong>${esc(s.review.decision)}</strong> by <code>${esc(s.review.reviewed_by)}</code> at ${esc(s.review.reviewed_at)}${s.review.note ? ` — “${esc(s.review.note)}”` : ''}</p>` : '';
  view(`<p><a href="#/sessions">← Sessions</a></p>
    <h2>Session <code>${esc(s.id)}</code> <span class="badge ${esc(s.status)}">${esc(s.status)}</span></h2>
    ${review}
    ${s.status === 'needs_review' ? `<form id="review" class="card" aria-labelledby="review-title"><h3 id="review-title">Manual review</h3>
      <label>Note (optional) <textarea name="note" rows="2" cols="50" maxlength="2000"></textarea></label>
      <button type="submit" name="decision" value="approved">Approve</button>
      <button type="submit" name="decision" value="declined" class="danger">Decline</button>
      <span class="error" role="alert" id="review-error"></span></form>` : ''}
    <div class="grid">
      <div class="card"><h3>Score breakdown</h3><dl>
        <dt>Liveness mode</dt><dd>${esc(sf.liveness_mode || s.profile?.liveness_mode)}</dd>
        <dt>Liveness score</dt><dd data-testid="score">${num(sf.liveness_score)}</dd>
        <dt>Threshold</dt><dd>${esc(sf.liveness_threshold ?? s.profile?.liveness_threshold)}</dd>
        <dt>Passed</dt><dd>${sf.liveness_passed == null ? '—' : sf.liveness_passed ? 'yes' : 'no'}</dd>
        <dt>Pose variation (50%)</dt><dd>${num(sf.pose_variation_score)}</dd>
        <dt>Expression variation (50%)</dt><dd>${num(sf.expression_variation_score)}</dd>
        <dt>Challenges completed</dt><dd>${esc((sf.challenges_completed || []).join(', ') || '—')}</dd>
        <dt>Frames captured</dt><dd>${esc(sf.frames_captured ?? '—')}</dd>
        <dt>Band</dt><dd>${esc(code(a.band))}</dd>
        <dt>Sequence</dt><dd>${esc(code(a.sequence_state))}${a.stop_reason ? ` (${esc(code(a.stop_reason))})` : ''}${a.failure ? ` — ${esc(a.failure)}` : ''}</dd>
      </dl></div>
      <div class="card"><h3>Deductions</h3>${deductions ? `<ul>${deductions}</ul>` : '<p>None.</p>'}
        ${a.texture ? `<p>Texture: median live ${num(a.texture.median_live, 2)}, min ${num(a.texture.min_live, 2)}${a.texture.confident_spoof ? ' — confident spoof' : ''}</p>` : ''}
        ${a.geometry ? `<p>Geometry: ${a.geometry.flat == null ? 'undetermined' : a.geometry.flat ? 'flat (picture-like)' : 'not flat'}${a.geometry.residual != null ? `, residual ${num(a.geometry.residual, 3)}` : ''}</p>` : ''}
        ${(a.notes || []).length ? `<p>Notes: ${esc(a.notes.join('; '))}</p>` : ''}</div>
    </div>
    <div class="card"><h3>Timeline</h3>${timeline(a)}</div>
    ${challenges ? `<div class="card"><h3>Challenges</h3><table><thead><tr><th scope="col">Challenge</th><th scope="col">Status</th><th scope="col">Credit</th><th scope="col">Measured</th></tr></thead><tbody>${challenges}</tbody></table></div>` : ''}
    <div class="card"><h3>Evidence</h3><div class="frames" id="frames">Loading…</div></div>
    <details class="card"><summary>Raw session JSON</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`, `Session ${s.id}`);

  const form = main.querySelector('#review');
  if (form) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const decision = e.submitter?.value;
      try {
        await api('POST', `/v1/sessions/${encodeURIComponent(id)}/review`, { decision, note: form.note.value || null });
        say(`Session ${decision}`);
        await sessionDetail(id);
      } catch (err) {
        form.querySelector('#review-error').textContent = err.message;
      }
    });
  }
  const framesEl = main.querySelector('#frames');
  try {
    const list = await api('GET', `/v1/sessions/${encodeURIComponent(id)}/evidence`);
    if (!list.data.length) { framesEl.textContent = 'No evidence.'; return; }
    // Kept frames name the evidence file they became (evidence_n): draw their landmarks over it.
    const reports = new Map((a.frames || []).filter((f) => f.evidence_n != null).map((f) => [f.evidence_n, f]));
    const urls = await Promise.all(list.data.map((e) => blobUrl(`/v1/sessions/${encodeURIComponent(id)}/evidence/${e.n}`)));
    framesEl.innerHTML = list.data.map((e, i) => {
      const r = reports.get(e.n);
      const caption = `${esc(e.kind)} #${e.n}${r ? ` · ${esc(code(r.why))} · yaw ${num(r.yaw)}°` : ''}`;
      return r && r.landmarks
        ? `<figure><canvas data-i="${i}" role="img" aria-label="${esc(e.kind)} ${e.n} with face landmarks"></canvas><figcaption>${caption}</figcaption></figure>`
        : `<figure><img src="${urls[i]}" alt="${esc(e.kind)} ${e.n}"><figcaption>${caption}</figcaption></figure>`;
    }).join('');
    framesEl.querySelectorAll('canvas').forEach((canvas) => {
      const i = Number(canvas.dataset.i);
      drawLandmarks(canvas, urls[i], reports.get(list.data[i].n).landmarks);
    });
  } catch (err) {
    framesEl.textContent = `Evidence unavailable: ${err.message}`;
  }
}

/** The frame with its 468 mesh points as small dots, at the frame's own pixel size (CSS scales it down). */
function drawLandmarks(canvas, url, points) {
  const img = new Image();
  img.onload = () => {
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    g.fillStyle = 'rgba(80, 255, 120, 0.9)';
    const r = Math.max(1, img.naturalWidth / 400);
    for (const [x, y] of points) g.fillRect(x - r / 2, y - r / 2, r, r);
  };
  img.src = url;
}

// ---------- workflows ----------

function workflowForm(w) {
  const p = w || { liveness_mode: 'passive', liveness_threshold: 75, liveness_challenges: CHALLENGES, steps: ['document', 'selfie'] };
  const chosen = p.liveness_challenges || CHALLENGES;
  return `<form class="card workflow" data-id="${esc(w?.id || '')}">
    <h3>${w ? `Edit <code>${esc(w.id)}</code>` : 'New workflow'}</h3>
    <label>Name <input name="name" value="${esc(w?.name || '')}" required></label>
    <fieldset><legend>Liveness mode</legend>
      <label><input type="radio" name="mode" value="passive" ${p.liveness_mode !== 'active' ? 'checked' : ''}> Passive</label>
      <label><input type="radio" name="mode" value="active" ${p.liveness_mode === 'active' ? 'checked' : ''}> Active</label></fieldset>
    <label>Threshold (0-100) <input name="threshold" type="number" min="0" max="100" value="${esc(p.liveness_threshold ?? 75)}"></label>
    <fieldset><legend>Challenges (active mode)</legend>
      ${CHALLENGES.map((c) => `<label><input type="checkbox" name="challenges" value="${c}" ${chosen.includes(c) ? 'checked' : ''}> ${c}</label>`).join('')}</fieldset>
    <button type="submit">${w ? 'Save' : 'Create'}</button> <span class="error" role="alert"></span>
  </form>`;
}

async function workflows() {
  const list = await api('GET', '/v1/workflows');
  view(`<h2>Workflows &gt; Liveness Settings</h2>
    <table><thead><tr><th scope="col">Name</th><th scope="col">Mode</th><th scope="col">Threshold</th><th scope="col">Challenges</th><th scope="col"></th></tr></thead>
    <tbody>${list.data.map((w) => `<tr><td>${esc(w.name)}</td><td>${esc(w.liveness_mode ?? w.profile?.liveness_mode)}</td>
      <td>${esc(w.liveness_threshold ?? w.profile?.liveness_threshold)}</td><td>${esc((w.liveness_challenges ?? w.profile?.liveness_challenges ?? []).join(', '))}</td>
      <td><button type="button" class="secondary edit" data-id="${esc(w.id)}">Edit</button></td></tr>`).join('') || '<tr><td colspan="5">No workflows yet.</td></tr>'}</tbody></table>
    <div id="editor">${workflowForm(null)}</div>`, 'Workflows');
  const bind = () => main.querySelectorAll('form.workflow').forEach((form) => form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {
      name: form.name.value,
      liveness_mode: form.mode.value,
      liveness_threshold: Number(form.threshold.value),
      liveness_challenges: [...form.querySelectorAll('input[name=challenges]:checked')].map((i) => i.value),
    };
    try {
      if (form.dataset.id) await api('PATCH', `/v1/workflows/${encodeURIComponent(form.dataset.id)}`, body);
      else await api('POST', '/v1/workflows', body);
      say('Workflow saved');
      await workflows();
    } catch (err) {
      form.querySelector('.error').textContent = err.message;
    }
  }));
  main.querySelectorAll('button.edit').forEach((b) => b.addEventListener('click', () => {
    const w = list.data.find((x) => x.id === b.dataset.id);
    main.querySelector('#editor').innerHTML = workflowForm(w.profile ? { ...w.profile, ...w } : w);
    bind();
    main.querySelector('#editor input[name=name]').focus();
  }));
  bind();
}

// ---------- routing ----------

async function render() {
  if (!sessionStorage.getItem(KEY)) return signIn();
  nav.hidden = false;
  const [path, qs] = (location.hash.slice(1) || '/sessions').split('?');
  const query = new URLSearchParams(qs || '');
  try {
    const m = path.match(/^\/sessions\/([^/]+)$/);
    if (m) await sessionDetail(decodeURIComponent(m[1]));
    else if (path === '/workflows') await workflows();
    else await sessionsList(query);
  } catch (err) {
    if (err.status !== 401) view(`<h2>Error</h2><p class="error" role="alert">${esc(err.message)}</p>`, 'Error');
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  location.hash = '';
  render();
});
window.addEventListener('hashchange', render);
render();
