// Unit tests of the SDK's strings and the React component's theme mapping, without a browser (node --test).
// The React package is imported as the test app installed it from its npm pack tarball (run-e2e.sh installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRINGS, VERSION, resolveStrings } from '../verilock.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const keys = (o) => Object.keys(o).sort();

test('every locale has every string of English, placeholders included', () => {
  assert.deepEqual(keys(STRINGS), ['de', 'en', 'es', 'fr', 'pt']);
  for (const [locale, t] of Object.entries(STRINGS)) {
    assert.deepEqual(keys(t), keys(STRINGS.en), `${locale}: top-level keys`);
    for (const group of ['reasons', 'failures', 'errors']) assert.deepEqual(keys(t[group]), keys(STRINGS.en[group]), `${locale}.${group}`);
    for (const [k, v] of Object.entries(STRINGS.en)) {
      if (typeof v !== 'string') continue;
      const wanted = (v.match(/\{\w+\}/g) || []).sort();
      assert.deepEqual((t[k].match(/\{\w+\}/g) || []).sort(), wanted, `${locale}.${k} keeps its placeholders`);
      assert.ok(t[k].length > 0, `${locale}.${k} is not empty`);
    }
  }
});

test('locales resolve by language, overrides merge key by key', () => {
  assert.equal(resolveStrings('pt-BR').locale, 'pt');
  assert.equal(resolveStrings('DE_at').t.retry, 'Erneut versuchen');
  assert.equal(resolveStrings('xx').locale, 'en');
  const { t } = resolveStrings('es', { title: 'Verifica tu identidad', errors: { camera_denied: 'Sin cámara' } });
  assert.equal(t.title, 'Verifica tu identidad');
  assert.equal(t.errors.camera_denied, 'Sin cámara');
  assert.equal(t.errors.session_closed, STRINGS.es.errors.session_closed, 'the other errors stay');
  assert.equal(t.countdown, 'Quedan {seconds} s');
  assert.equal(STRINGS.es.title, 'Hazte un selfi', 'overrides do not change STRINGS');
});

test('the package version is the SDK constant', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8'));
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.name, '@verilock/web-sdk');
  assert.equal(pkg.dependencies, undefined, 'no runtime dependencies');
});

test('the React theme prop becomes the SDK\'s CSS custom properties', async (t) => {
  const installed = path.join(here, 'app', 'node_modules', '@verilock', 'react', 'index.js');
  if (!fs.existsSync(installed)) {
    t.skip('skipped: the test app is not installed (run-e2e.sh installs it from the npm tarballs)');
    return;
  }
  const { themeStyle } = await import(installed);
  assert.deepEqual(themeStyle({ accent: '#6b21a8', stageBg: '#000', reservedHeight: '300px', '--vl-font': 'serif', muted: null }),
    { '--vl-accent': '#6b21a8', '--vl-stage-bg': '#000', '--vl-reserved-height': '300px', '--vl-font': 'serif' });
  assert.deepEqual(themeStyle(undefined), {});
});
