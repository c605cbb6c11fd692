// Shared by the deployment tests: the repository paths, the packed tarballs, child processes that are always
// stopped, HTTP from a chosen local address, and a stand-in for a hosting platform's edge proxy.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const PACKAGES = join(ROOT, 'target', 'packages');

/** The path of a packed tarball in target/packages (made by `bash scripts/pack.sh`); throws when it is missing. */
export function tarball(prefix) {
  const name = existsSync(PACKAGES) && readdirSync(PACKAGES).find((f) => new RegExp(`^${prefix}-\\d+\\.\\d+\\.\\d+\\.tgz$`).test(f));
  if (!name) throw new Error(`no ${prefix} tarball in ${PACKAGES}: run bash scripts/pack.sh first`);
  return join(PACKAGES, name);
}

/** Runs a command to completion (output shown on failure), in `cwd`. */
export function run(cmd, args, { cwd, env } = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  }
}

/**
 * Installs an example's dependencies afresh with `npm ci` from its own package-lock.json, which names the packed
 * tarballs by path (file:../../target/packages/...), as a user would install them (npm's cache keeps it quick).
 */
export function npmCi(dir) {
  // With an integrity in the lockfile npm would install its cached copy of an older tarball of the same name, so
  // the lockfiles carry none for the local tarballs: npm ci then reads the files themselves.
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  for (const [name, entry] of Object.entries(lock.packages)) {
    if (entry.resolved?.startsWith('file:') && entry.integrity) {
      throw new Error(`${dir}/package-lock.json pins ${name} by integrity: drop it, or npm ci installs a stale copy`);
    }
  }
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

/** Starts a long-running process; resolves once `ready` matches its output. `stop()` kills its process group. */
export function start(cmd, args, { cwd, env, ready, timeoutMs = 60_000 }) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const started = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${cmd} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${cmd} exited with ${code}:\n${output}`));
    });
  });
  return { child, started, stop, output: () => output };
}

/**
 * An HTTP request from a chosen local address (127.0.0.x: every address of 127/8 is this machine), so a test can
 * be several clients. Resolves to `{status, headers, text, json()}`.
 */
export function httpFrom(localAddress, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((ok, fail) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, localAddress, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          ok({ status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * A stand-in for a hosting platform's edge (Vercel's), in front of `upstream`: like the platform it overwrites
 * X-Real-IP with the connecting client's address, whatever the client sent, and forwards everything else as is.
 */
export function platformProxy(upstream) {
  const target = new URL(upstream);
  const upstreams = new Set();
  const server = createServer((req, res) => {
    const headers = { ...req.headers, 'x-real-ip': req.socket.remoteAddress };
    const out = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstreams.add(out);
    out.on('close', () => upstreams.delete(out));
    out.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(out);
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => ok({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => {
        for (const out of upstreams) out.destroy();
        server.closeAllConnections();
        server.close(done);
      }),
    }));
  });
}
