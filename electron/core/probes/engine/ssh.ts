// SSH probe: one connection, host key pinned on first use (a changed key is refused before any
// credential is sent), one exec running every item, output bounded.
import { createHash } from 'node:crypto';
import ssh2, { type AuthMethod, type ClientChannel, type ParsedKey } from 'ssh2';
import { classifySsh, classifySshItem, errorLevel } from './classify';
import { codeOfSocketError, osCode, probeError } from './messages';
import type { RunnerOutcome } from './runner';
import { loadPrivateKey } from './ssh-key';
import { measureItem } from './ssh-parse';
import { buildScript, splitSections, type Section } from './ssh-script';
import type { HostKeyStore, ItemResult, ProbeError, ProbeErrorCode, SshCheck, SshItem, Thresholds } from './types';
import { ByteCap, redact, type CheckScope } from './util';

// ssh2 is CommonJS: take its classes from the default export (named imports fail under ESM).
const { Client } = ssh2;

export interface SshRunContext {
  thresholds: Thresholds;
  hostKeys?: HostKeyStore;
  outputCapBytes: number;
  /** Private keys by hash of key + passphrase (decrypting a key is slow: once per sweep). */
  keyCache?: Map<string, Promise<ParsedKey | Error>>;
}

/** OpenSSH's fingerprint of a raw host key blob: `SHA256:` + unpadded base64. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export function hostPortKey(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The secrets of a check, to scrub from anything we return. */
export function sshSecrets(check: SshCheck): string[] {
  return 'password' in check.auth ? [check.auth.password] : [check.auth.privateKey, check.auth.passphrase ?? ''];
}

/** The auth method of the check; a key is loaded once per sweep (cache) and off the event loop. */
async function authMethod(check: SshCheck, cache: Map<string, Promise<ParsedKey | Error>> | undefined): Promise<AuthMethod | ProbeError> {
  if ('password' in check.auth) return { type: 'password', username: check.username, password: check.auth.password } as AuthMethod;
  const { privateKey, passphrase } = check.auth;
  const cacheKey = createHash('sha256').update(privateKey).update('\0').update(passphrase ?? '').digest('hex');
  let pending = cache?.get(cacheKey);
  if (!pending) {
    pending = loadPrivateKey(privateKey, passphrase);
    cache?.set(cacheKey, pending);
  }
  const key = await pending;
  if (key instanceof Error) return probeError('AUTH_FAILED', '私钥无法读取（格式不支持或口令错误）');
  return { type: 'publickey', username: check.username, key } as AuthMethod;
}

function itemKeys(items: SshItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((it, i) => {
    const base = it.kind === 'service' ? `service:${it.name}` : it.kind === 'log' ? `log:${it.path}`
      : it.kind === 'custom' ? `custom:${it.label ?? i}` : it.kind;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n + 1}`;
  });
}

/** Items from the sections received; items without a complete section get `missing`. */
export function buildItems(items: SshItem[], sections: Section[], missing: ProbeError, t: Thresholds): ItemResult[] {
  const keys = itemKeys(items);
  return items.map((item, i) => {
    const key = keys[i]!;
    const s = sections[i];
    if (!s || !s.complete) {
      return { kind: item.kind, key, level: errorLevel(missing.code), ok: false, summary: missing.message, metrics: {}, error: missing };
    }
    const m = measureItem(item, s);
    if ('code' in m) return { kind: item.kind, key, level: 'warning', ok: false, summary: m.message, metrics: {}, error: m };
    const v = classifySshItem(item, m, t, i);
    const res: ItemResult = { kind: item.kind, key, level: v.level, ok: true, summary: v.summary, metrics: v.metrics };
    if (m.kind === 'log') res.lines = m.lines;
    return res;
  });
}

function rawEvidence(displays: string[], sections: Section[], outputText: string): string {
  if (sections.length === 0) return outputText;
  return sections.map((s) => `$ ${displays[s.index] ?? ''}\n${s.output}${s.output.endsWith('\n') || s.output === '' ? '' : '\n'}` +
    (s.complete ? `[exit ${s.exitCode ?? '?'}]` : '[未完成]')).join('\n');
}

function sshErrorCode(err: Error & { level?: string }): ProbeErrorCode {
  switch (err.level) {
    case 'client-authentication': return 'AUTH_FAILED';
    case 'client-timeout': return 'CONNECT_TIMEOUT';
    case 'client-socket': {
      const c = codeOfSocketError(err);
      return c === 'INTERNAL' ? 'SSH' : c;
    }
    default: return 'SSH';
  }
}

export async function runSsh(check: SshCheck, scope: CheckScope, ctx: SshRunContext): Promise<RunnerOutcome> {
  const secrets = sshSecrets(check);
  const clean = (s: string): string => redact(s, secrets);
  if (!ctx.hostKeys) return { latencyMs: null, raw: '', error: probeError('HOST_KEY_STORE') };
  const store = ctx.hostKeys;
  let unsubscribeKey = (): void => undefined;
  const stopped = new Promise<null>((r) => { unsubscribeKey = scope.onStop(() => r(null)); });
  const auth = await Promise.race([authMethod(check, ctx.keyCache), stopped]);
  unsubscribeKey();
  if (auth === null) return { latencyMs: null, raw: '', error: probeError(scope.stopCode() ?? 'TIMEOUT') };
  if ('code' in auth) return { latencyMs: null, raw: '', error: auth };
  const hp = hostPortKey(check.host, check.port);
  const script = buildScript(check.items);

  return new Promise((resolve) => {
    const conn = new Client();
    const out = new ByteCap(ctx.outputCapBytes);
    const t0 = performance.now();
    let connectMs: number | null = null;
    let candidate: string | undefined;
    let keyProblem: ProbeError | undefined;
    let execStarted = false;
    let exitCode: number | null = null;
    let settled = false;

    const finish = (error?: ProbeError): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      conn.destroy();
      if (!execStarted) {
        resolve({ latencyMs: connectMs, raw: '', error: error ?? probeError('SSH') });
        return;
      }
      const text = out.toBuffer().toString('utf8');
      const sections = splitSections(text, script.nonce, check.items.length);
      const cut = out.truncated ? probeError('TRUNCATED', `上限 ${ctx.outputCapBytes} 字节`) : undefined;
      const err = error ?? cut;
      const items = buildItems(check.items, sections, err ?? probeError('EXEC', `退出码 ${exitCode ?? '?'}`), ctx.thresholds);
      const verdict = classifySsh(connectMs ?? 0, items, err?.code);
      resolve({
        latencyMs: connectMs, raw: clean(rawEvidence(script.displays, sections, text)), truncated: out.truncated, verdict, items,
        error: err ? { code: err.code, message: clean(err.message) } : undefined,
      });
    };
    const unsubscribe = scope.onStop(() => finish(probeError(scope.stopCode() ?? 'TIMEOUT')));

    conn.on('handshake', () => {
      // Signature checked, user auth not started yet: pin the first key seen.
      if (candidate === undefined) return;
      try {
        store.pin(hp, candidate);
      } catch {
        keyProblem = probeError('HOST_KEY_STORE');
        finish(keyProblem);
      }
      candidate = undefined;
    });
    conn.on('ready', () => {
      scope.connected();
      connectMs = performance.now() - t0;
      conn.exec(script.command, (err: Error | undefined, stream: ClientChannel) => {
        if (err) {
          finish(probeError('EXEC', clean(err.message).slice(0, 200)));
          return;
        }
        execStarted = true;
        const onData = (chunk: Buffer): void => {
          if (settled) return;
          if (!out.push(chunk)) finish(); // cap reached: close everything, judge what arrived
        };
        stream.on('data', onData);
        stream.stderr.on('data', onData);
        stream.on('exit', (code: number | null) => { exitCode = code; });
        stream.on('close', () => finish());
      });
    });
    conn.on('error', (err: Error & { level?: string }) => {
      if (keyProblem) return finish(keyProblem);
      const code = sshErrorCode(err);
      const detail = code === 'SSH' ? clean(err.message).slice(0, 200) : osCode(err);
      finish(probeError(code, detail));
    });
    conn.on('close', () => finish(keyProblem ?? (execStarted ? undefined : probeError('SSH', '连接被关闭'))));

    scope.beginConnect();
    try {
      conn.connect({
        host: check.host,
        port: check.port,
        username: check.username,
        authHandler: [auth],
        readyTimeout: 0, // the scope owns the connect and total budgets
        keepaliveInterval: 0,
        hostVerifier: (key: Buffer): boolean => {
          const fp = sha256Fingerprint(key);
          let pinned: string | undefined;
          try {
            pinned = store.get(hp);
          } catch {
            keyProblem = probeError('HOST_KEY_STORE');
            return false;
          }
          if (pinned === undefined) {
            candidate = fp;
            return true;
          }
          if (pinned === fp) return true;
          keyProblem = probeError('HOST_KEY_CHANGED', `已记录 ${pinned}，本次 ${fp}`);
          return false;
        },
      });
      conn.setNoDelay(true);
    } catch (e) {
      finish(probeError('SSH', e instanceof Error ? clean(e.message).slice(0, 200) : undefined));
    }
  });
}
