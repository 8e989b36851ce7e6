// A client generated from the OpenAPI document (openapi-typescript types + openapi-fetch), compiled by tsc --strict and
// run against a running service (.ci/openapi.sh starts one): if the document and the service disagree on a path,
// a field name or a type, this either fails to compile or fails here.
import assert from 'node:assert/strict';
import createClient from 'openapi-fetch';
import type { paths, components } from './generated/verilock.js';

const baseUrl = process.env.VERILOCK_URL;
const key = process.env.VERILOCK_KEY;
if (!baseUrl || !key) throw new Error('set VERILOCK_URL and VERILOCK_KEY');

const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

// The spec's custom-challenge profile.
const profile: components['schemas']['ProfileInput'] = {
  steps: ['document', 'selfie'], liveness_mode: 'active', liveness_threshold: 80, liveness_challenges: ['head_left', 'head_right', 'blink'],
};
const created = await api.POST('/v1/sessions', { body: { profile } });
assert.equal(created.response.status, 201, JSON.stringify(created.error));
assert.ok(created.data);
const session = created.data;
assert.match(session.id, /^ses_/);
assert.match(session.client_token, /^vlct_/);
assert.equal(session.status, 'created');

const detail = await api.GET('/v1/sessions/{id}', { params: { path: { id: session.id } } });
assert.equal(detail.response.status, 200);
const selfie: components['schemas']['Selfie'] = detail.data!.selfie;
// Configured from creation; measured fields null until decided.
assert.equal(selfie?.liveness_mode, 'active');
assert.equal(selfie?.liveness_threshold, 80);
assert.equal(selfie?.liveness_score, null);
assert.equal(selfie?.liveness_passed, null);
assert.equal(detail.data!.analysis, null);
assert.deepEqual(detail.data!.profile.liveness_challenges, ['head_left', 'head_right', 'blink']);

const page = await api.GET('/v1/sessions', { params: { query: { limit: 5 } } });
assert.equal(page.response.status, 200);
assert.ok(page.data!.data.some((s) => s.id === session.id));

// The client-token side: a capture starts in the baseline state.
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${session.client_token}` } });
const capture = await client.POST('/v1/client/capture');
assert.equal(capture.response.status, 200, JSON.stringify(capture.error));
assert.equal(capture.data!.state, 'baseline');
assert.equal(capture.data!.finished, false);
const mine = await client.GET('/v1/client/session');
assert.equal(mine.data!.id, session.id);

// Typed errors: a threshold out of range is a 422 naming the field.
const bad = await api.POST('/v1/sessions', { body: { profile: { liveness_threshold: 101 } } });
assert.equal(bad.response.status, 422);
assert.equal(bad.error!.error.code.length > 0, true);
assert.match(bad.error!.error.field ?? '', /liveness_threshold/);

const workflow = await api.POST('/v1/workflows', { body: { name: 'client test', steps: ['selfie'], liveness_mode: 'passive' } });
assert.equal(workflow.response.status, 201, JSON.stringify(workflow.error));
assert.equal(workflow.data!.liveness_threshold, 75);

const health = await api.GET('/health');
assert.equal(health.data!.database, 'ok');
assert.ok(['ok', 'degraded'].includes(health.data!.status), health.data!.status);
console.log(`generated client: ${session.id} created, read, listed; capture started; 422 typed; workflow ${workflow.data!.id}; health ok`);
