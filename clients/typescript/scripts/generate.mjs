// npm run generate [-- --url http://127.0.0.1:5080]: fetches /openapi/v1.json from a running server (the --url
// argument or LWF_BASE_URL) and writes src/generated/openapi.ts. Without either, it starts the Standalone from its
// build output on a free port, reads the document there and stops it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fetchDocument, generateSource, generatedFile } from './openapi.mjs';
import { startStandalone } from './standalone.mjs';

const urlArgument = process.argv.indexOf('--url');
let baseUrl = urlArgument >= 0 ? process.argv[urlArgument + 1] : process.env.LWF_BASE_URL;
let server = null;
if (!baseUrl) {
  server = await startStandalone();
  baseUrl = server.baseUrl;
}
try {
  const source = await generateSource(await fetchDocument(baseUrl));
  mkdirSync(dirname(generatedFile), { recursive: true });
  writeFileSync(generatedFile, source);
  console.log(`wrote ${generatedFile} from ${baseUrl}/openapi/v1.json`);
} finally {
  await server?.stop();
}
