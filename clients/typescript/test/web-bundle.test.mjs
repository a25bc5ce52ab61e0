// The web client (src/Standalone/LlamaWoolFarm.Standalone/wwwroot) runs on this SDK through a copy of the browser
// bundle committed in wwwroot/lib, so that the Standalone needs no npm at run time. This fails while that copy
// differs from what the current source builds: after changing the SDK, run `npm run build:web` and commit the file.
// It reads dist/index.js, so `npm run build` (or build:web) must have run first, as CI's stage does.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { packageRoot, webBundle, webBundlePath } from '../scripts/bundle-options.mjs';

const fresh = async () => {
  const result = await build({ ...webBundle, write: false });
  assert.equal(result.outputFiles.length, 1);
  return Buffer.from(result.outputFiles[0].contents);
};

test('the web client\'s committed SDK bundle (wwwroot/lib) is what `npm run build:web` builds from the current source', async () => {
  assert.ok(existsSync(resolve(packageRoot, 'dist', 'index.js')), 'dist/index.js is missing: run `npm run build` first');
  assert.ok(existsSync(webBundlePath), `${webBundlePath} is missing: run \`npm run build:web\``);
  const built = await fresh();
  const committed = readFileSync(webBundlePath);
  assert.ok(built.equals(committed),
    `wwwroot/lib/llama-wool-farm-client.js (${committed.length} bytes) differs from a fresh build (${built.length} bytes): run \`npm run build:web\` in clients/typescript and commit the file`);
});

test('the web bundle is reproducible: two builds are identical and carry no local path or source map', async () => {
  const [first, second] = [await fresh(), await fresh()];
  assert.ok(first.equals(second), 'two builds of the same source differ');
  const text = first.toString('utf8');
  assert.ok(!text.includes(packageRoot), 'the bundle names this checkout\'s path');
  assert.ok(!text.includes(process.env.HOME ?? '/nonexistent-home'), 'the bundle names the home folder');
  assert.ok(!text.includes('sourceMappingURL'), 'the web copy points to a source map that is not served');
  // It is the SDK with SignalR inside: the page loads no other script for the realtime connection.
  assert.match(text, /LlamaWoolFarmClient/);
  assert.match(text, /HubConnectionBuilder/);
});
