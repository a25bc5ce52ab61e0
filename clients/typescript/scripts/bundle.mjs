// The single-file browser build: the SDK with @microsoft/signalr and openapi-fetch inside, one ES module that a page
// loads from wwwroot (`import { LlamaWoolFarmClient } from './lib/llama-wool-farm-client.js'`).
//   node scripts/bundle.mjs          dist/browser/llama-wool-farm-client.js (+ .map)
//   node scripts/bundle.mjs --web    the web client's committed copy in the Standalone's wwwroot/lib
import { build } from 'esbuild';
import { browserBundle, webBundle } from './bundle-options.mjs';

const web = process.argv.includes('--web');
await build(web ? webBundle : browserBundle);
if (web) console.log(`wrote ${webBundle.outfile}`);
