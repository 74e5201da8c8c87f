// Private keys for SSH auth. A passphrase-protected OpenSSH key is decrypted with bcrypt-pbkdf,
// which ssh2 runs in plain JavaScript: 0.3–1.5 s of blocked event loop per key. So decryption runs
// in a worker thread, which hands back the key unencrypted (in memory only), parsed here cheaply.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import ssh2, { type ParsedKey } from 'ssh2';

const { utils } = ssh2;

/** CommonJS worker body: decrypt with ssh2, re-encode without encryption. */
const WORKER_JS = `
'use strict';
const { parentPort, workerData } = require('worker_threads');
const crypto = require('crypto');
const { utils } = require(workerData.ssh2Path);
function u32(n) { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; }
function str(b) { b = Buffer.isBuffer(b) ? b : Buffer.from(b); return Buffer.concat([u32(b.length), b]); }
function openSshEd25519(k) {
  const jwk = crypto.createPrivateKey(k.getPrivatePEM()).export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d, 'base64url');
  const pub = Buffer.from(jwk.x, 'base64url');
  const check = crypto.randomBytes(4);
  let priv = Buffer.concat([check, check, str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str('')]);
  const pad = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\\0', 'latin1'), str('none'), str('none'), str(''), u32(1),
    str(Buffer.concat([str('ssh-ed25519'), str(pub)])), str(priv),
  ]).toString('base64').replace(/.{1,70}/g, '$&\\n');
  return '-----BEGIN OPENSSH PRIVATE KEY-----\\n' + body + '-----END OPENSSH PRIVATE KEY-----\\n';
}
try {
  const k = utils.parseKey(workerData.key, workerData.passphrase);
  if (k instanceof Error) parentPort.postMessage({ ok: false });
  else parentPort.postMessage({ ok: true, text: k.type === 'ssh-ed25519' ? openSshEd25519(k) : k.getPrivatePEM() });
} catch (e) {
  parentPort.postMessage({ ok: false });
}
`;

let resolvedPath: string | null | undefined;
function ssh2Path(): string | null {
  if (resolvedPath !== undefined) return resolvedPath;
  try {
    resolvedPath = createRequire(import.meta.url).resolve('ssh2');
  } catch {
    resolvedPath = null; // e.g. bundled to CommonJS without import.meta: decrypt in-thread instead
  }
  return resolvedPath;
}

function parseInThread(key: string, passphrase: string | undefined): ParsedKey | Error {
  try {
    return utils.parseKey(key, passphrase);
  } catch (e) {
    return e instanceof Error ? e : new Error('parse');
  }
}

function decryptOffThread(key: string, passphrase: string, path: string): Promise<ParsedKey | Error> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_JS, { eval: true, workerData: { key, passphrase, ssh2Path: path } });
    let done = false;
    const finish = (r: ParsedKey | Error): void => {
      if (done) return;
      done = true;
      void worker.terminate();
      resolve(r);
    };
    worker.once('message', (m: { ok: boolean; text?: string }) => {
      finish(m.ok && m.text ? parseInThread(m.text, undefined) : new Error('bad key or passphrase'));
    });
    worker.once('error', () => finish(parseInThread(key, passphrase)));
    worker.once('exit', () => finish(new Error('worker exited')));
  });
}

/** One decryption worker at a time: bcrypt-pbkdf saturates a core, the UI thread needs one too. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Parses a private key without blocking the event loop for long: unencrypted keys in-thread
 * (fast), passphrase-protected ones in a worker thread (bcrypt-pbkdf, bounded: it always ends).
 * Callers that may be cancelled race the promise; the worker finishes on its own.
 */
export function loadPrivateKey(key: string, passphrase: string | undefined): Promise<ParsedKey | Error> {
  if (!passphrase) return Promise.resolve(parseInThread(key, undefined));
  const path = ssh2Path();
  if (!path) return Promise.resolve(parseInThread(key, passphrase));
  const job = queue.then(() => decryptOffThread(key, passphrase, path));
  queue = job.catch(() => undefined);
  return job;
}
