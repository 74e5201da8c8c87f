// In-process SSH servers (ssh2's Server) for password auth and hostile behaviours, and a TCP
// server that accepts and never speaks. All on 127.0.0.1.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';

const { Server, utils } = ssh2; // CommonJS package: named imports fail under ESM

export type Ssh2Behaviour =
  /** exec runs the command with the local /bin/sh (a tiny sshd). */
  | 'shell'
  /** exec answers `floodBytes` of output (respecting backpressure) until the client goes away. */
  | 'flood'
  /** exec is accepted and then nothing is ever written. */
  | 'hang';

export interface Ssh2ServerOptions {
  behaviour?: Ssh2Behaviour;
  username?: string;
  password?: string;
  /** Port to listen on (e.g. to come back with another host key on the same address). */
  port?: number;
  /** OpenSSH private host key; a new ed25519 one by default. */
  hostKey?: string;
  floodBytes?: number;
}

export interface Ssh2ServerFixture {
  host: '127.0.0.1';
  port: number;
  username: string;
  password: string;
  hostKey: string;
  hostKeyFingerprint: string;
  /** Every user-auth request seen (method, username, and whether a password came with it). */
  authAttempts: { method: string; username: string; hadPassword: boolean }[];
  /** TCP connections accepted. */
  connections: number;
  execs: string[];
  flood: { bytesWritten: number; finished: boolean };
  stop(): Promise<void>;
}

/**
 * A fresh ed25519 host key. ssh2's generator strips the leading zero bytes of the public key,
 * so about 1 key in 256 cannot be parsed back ("Malformed OpenSSH private key", mscdex/ssh2
 * #1390, #1513): such a key is thrown away and another one made.
 */
export function newHostKey(): { privateKey: string; fingerprint: string } {
  for (let attempt = 0; ; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) {
      return { privateKey: pair.private, fingerprint: fingerprintOfPrivate(pair.private) };
    }
    if (attempt >= 20) throw new Error('ssh2 made 20 unparseable ed25519 keys in a row');
  }
}

function fingerprintOfPrivate(privateKey: string): string {
  const k = utils.parseKey(privateKey);
  if (k instanceof Error) throw k;
  return `SHA256:${createHash('sha256').update(k.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
}

function runShell(command: string, stream: ServerChannel): void {
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(stream, { end: false });
  child.stderr.pipe(stream.stderr, { end: false });
  stream.once('close', () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  });
  child.once('close', (code) => {
    stream.exit(code ?? 255);
    stream.end();
  });
}

function flood(stream: ServerChannel, total: number, state: Ssh2ServerFixture['flood']): void {
  const line = Buffer.from(`${'x'.repeat(1023)}\n`);
  const chunk = Buffer.concat(Array.from({ length: 64 }, () => line)); // 64 KiB
  let closed = false;
  stream.once('close', () => { closed = true; });
  const pump = (): void => {
    while (!closed && state.bytesWritten < total) {
      state.bytesWritten += chunk.length;
      if (!stream.write(chunk)) {
        stream.once('drain', pump);
        return;
      }
    }
    if (!closed) {
      state.finished = true;
      stream.exit(0);
      stream.end();
    }
  };
  pump();
}

export async function startSsh2Server(opts: Ssh2ServerOptions = {}): Promise<Ssh2ServerFixture> {
  const hostKey = opts.hostKey ?? newHostKey().privateKey;
  const username = opts.username ?? 'owb';
  const password = opts.password ?? 'S3cret-口令-pw!';
  const behaviour = opts.behaviour ?? 'shell';
  const clients = new Set<Connection>();
  const fx: Ssh2ServerFixture = {
    host: '127.0.0.1', port: 0, username, password, hostKey, hostKeyFingerprint: fingerprintOfPrivate(hostKey),
    authAttempts: [], connections: 0, execs: [], flood: { bytesWritten: 0, finished: false },
    stop: async () => {
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    fx.connections++;
    clients.add(client);
    client.on('error', () => undefined); // clients that vanish mid-handshake are expected here
    client.on('close', () => clients.delete(client));
    client.on('authentication', (ctx) => {
      fx.authAttempts.push({ method: ctx.method, username: ctx.username, hadPassword: ctx.method === 'password' });
      if (ctx.method === 'password' && ctx.username === username && ctx.password === password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acceptExec, _reject, info) => {
          fx.execs.push(info.command);
          const stream = acceptExec();
          if (behaviour === 'shell') runShell(info.command, stream);
          else if (behaviour === 'flood') flood(stream, opts.floodBytes ?? 100 * 1024 * 1024, fx.flood);
          // 'hang': keep the channel open, say nothing.
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  fx.port = typeof addr === 'object' && addr ? addr.port : 0;
  return fx;
}

export interface SilentServer {
  host: '127.0.0.1';
  port: number;
  connections: number;
  /** Bytes the clients sent (an SSH client sends its banner and waits). */
  bytesReceived: number;
  stop(): Promise<void>;
}

/** Accepts TCP connections and never writes a byte (an SSH port that never speaks). */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const fx: SilentServer = {
    host: '127.0.0.1', port: 0, connections: 0, bytesReceived: 0,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = net.createServer((s) => {
    fx.connections++;
    sockets.add(s);
    s.on('data', (d) => { fx.bytesReceived += d.length; });
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  fx.port = typeof addr === 'object' && addr ? addr.port : 0;
  return fx;
}
