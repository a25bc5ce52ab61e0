// The esbuild options of the single-file browser bundle (the SDK with @microsoft/signalr and openapi-fetch inside,
// one ES module), shared by scripts/bundle.mjs and the test that compares the web client's committed copy with a
// fresh build. The output depends only on the inputs (dist/index.js from tsc, node_modules pinned by
// package-lock.json) and these options: minified, so no file paths; no source map and no date in the web copy.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The web client's copy, committed so that the Standalone runs with the .NET SDK alone (no npm at run time). */
export const webBundlePath = resolve(packageRoot, '..', '..', 'src', 'Standalone', 'LlamaWoolFarm.Standalone', 'wwwroot', 'lib', 'llama-wool-farm-client.js');

const common = {
  absWorkingDir: packageRoot,
  entryPoints: ['dist/index.js'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
};

/** dist/browser: the bundle the package ships, with its source map. */
export const browserBundle = { ...common, outfile: 'dist/browser/llama-wool-farm-client.js', sourcemap: true };

/** wwwroot/lib: the same bundle for the web client, without a source map (the map's sources would not be served). */
export const webBundle = {
  ...common,
  outfile: webBundlePath,
  banner: { js: '// Generated from clients/typescript by `npm run build:web` (the TypeScript SDK with @microsoft/signalr inside): do not edit.' },
};
