// The single-file browser build: the SDK with @microsoft/signalr and openapi-fetch inside, one ES module that a page
// loads from wwwroot (`import { LlamaWoolFarmClient } from './lib/llama-wool-farm-client.js'`).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/browser/llama-wool-farm-client.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
