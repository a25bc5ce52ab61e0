// Starts the Standalone (one process: gateway, realtime, every worker, in-memory bus, SQLite) from its build output
// on a free loopback port with a data folder of its own, as tests/LlamaWoolFarm.Testing/ServiceProcess.cs does, and
// waits until /health/ready answers 200. Used by the tests and by `npm run generate` when no server is named.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A free TCP port on loopback (the OS picks it; closed again before the server binds it). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * @param {{ environment?: Record<string, string>, timeoutMs?: number, configuration?: string }} [options]
 * @returns {Promise<{ baseUrl: string, output: () => string, stop: () => Promise<void>, kill: () => Promise<void> }>}
 */
export async function startStandalone(options = {}) {
  const project = 'LlamaWoolFarm.Standalone';
  const projectDir = join(repositoryRoot, 'src', 'Standalone', project);
  const configuration = options.configuration ?? process.env.LWF_BUILD_CONFIGURATION ?? 'Debug';
  const dll = join(projectDir, 'bin', configuration, 'net10.0', `${project}.dll`);
  if (!existsSync(dll)) {
    throw new Error(`Build the Standalone first (dotnet build src/Standalone/${project}); ${dll} is missing.`);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataPath = mkdtempSync(join(tmpdir(), 'lwf-sdk-ts-'));
  const lines = [];
  const child = spawn('dotnet', [dll, '--contentRoot', projectDir, '--urls', baseUrl], {
    cwd: dirname(dll),
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Production',
      DOTNET_gcServer: '0',
      Storage__DataPath: dataPath,
      ...(options.environment ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test process ended by a signal runs no `after` hook: stop the server then too, and name its pid for the CI
  // stage, which kills what is left after a hard timeout.
  const onSignal = signal => { child.kill('SIGKILL'); process.exit(signal === 'SIGINT' ? 130 : 143); };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  if (process.env.LWF_SDK_PID_DIR) writeFileSync(join(process.env.LWF_SDK_PID_DIR, `standalone-${child.pid}.pid`), String(child.pid));
  const keep = chunk => {
    for (const line of chunk.toString().split('\n')) {
      if (line) lines.push(line);
    }
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise(done => child.once('exit', code => {
    exited = code ?? -1;
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    if (process.env.LWF_SDK_PID_DIR) rmSync(join(process.env.LWF_SDK_PID_DIR, `standalone-${child.pid}.pid`), { force: true });
    done();
  }));
  const output = () => lines.join('\n');

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataPath, { recursive: true, force: true });
  };
  const kill = async () => {
    if (exited === null) {
      child.kill('SIGKILL');
      await exit;
    }
  };

  // Generous: on a loaded 2-core CI box a cold .NET host can take tens of seconds to answer.
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  while (Date.now() < deadline) {
    if (exited !== null) {
      rmSync(dataPath, { recursive: true, force: true });
      throw new Error(`The Standalone exited with code ${exited}:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return { baseUrl, output, stop, kill };
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`The Standalone was not ready after ${options.timeoutMs ?? 150_000} ms:\n${output()}`);
}
