// A real OpenSSH server on 127.0.0.1 for tests: temp dir, generated host and client keys,
// key-only login for the current user (root here), stopped by its own PID. With `netns` it runs
// inside that network namespace (made by netns.ts) on `listenAddress`, port 22 by default.
import { spawn, type ChildProcess } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, run, sleep, stopChild, tempDir } from './proc';

export interface SshdFixture {
  /** 127.0.0.1, or `listenAddress` in a namespace. */
  host: string;
  port: number;
  username: string;
  /** OpenSSH-format private key (unencrypted) allowed in authorized_keys. */
  privateKey: string;
  /** `SHA256:…` of the server's host key, from `ssh-keygen -lf`. */
  hostKeyFingerprint: string;
  dir: string;
  pid: number;
  /** Last lines sshd wrote to stderr (-e), for failing tests. */
  log(): string;
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** Extra sshd_config lines. */
  extraConfig?: string[];
  /** More public keys to accept (e.g. a passphrase-protected client key). */
  extraAuthorizedKeys?: string[];
  /**
   * Let bash source ~/.bashrc for ssh commands (Debian's bash does when SSH_CLIENT is set and
   * SHLVL < 2). Off by default: here root's .bashrc runs `pyenv init`, ~4 s per command under
   * load; the fixture sets `SetEnv SHLVL=3` instead.
   */
  sourceBashrc?: boolean;
  /** Run inside this network namespace (`ip netns exec`). Requires `listenAddress`. */
  netns?: string;
  /** Address to listen on (default 127.0.0.1); in a namespace, one of its addresses. */
  listenAddress?: string;
  /** Port (default: a free one on loopback; 22 in a namespace). */
  port?: number;
}

/** sshd processes still running, killed by PID if this process exits without stopping them. */
const running = new Map<number, string>();
let exitHook = false;
function registerExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const [pid, dir] of running) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      try { fsSync.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
    }
  });
}

export type KeyType = 'ed25519' | 'rsa' | 'ecdsa';

async function keygen(file: string, comment: string, passphrase = '', type: KeyType = 'ed25519'): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', comment, '-f', file]);
}

/** `SHA256:…` of a public key file, as ssh-keygen prints it. */
export async function fingerprintOf(pubFile: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile]);
  const m = /(SHA256:[A-Za-z0-9+/]+)/.exec(stdout);
  if (!m?.[1]) throw new Error(`no fingerprint in: ${stdout}`);
  return m[1];
}

/** A fresh client key pair (optionally passphrase-protected), as OpenSSH text. */
export async function makeClientKey(
  passphrase = '', type: KeyType = 'ed25519',
): Promise<{ privateKey: string; publicKey: string; cleanup(): Promise<void> }> {
  const dir = await tempDir('owb-key-');
  const f = path.join(dir, 'id');
  await keygen(f, 'owb-test-client', passphrase, type);
  return {
    privateKey: await fs.readFile(f, 'utf8'),
    publicKey: (await fs.readFile(`${f}.pub`, 'utf8')).trim(),
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

function bannerSeen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('data', (d: Buffer) => done(d.toString('latin1').startsWith('SSH-2.0-')));
    s.once('error', () => done(false));
  });
}

export async function startSshd(opts: SshdOptions = {}): Promise<SshdFixture> {
  if (opts.netns && !opts.listenAddress) throw new Error('startSshd: netns needs listenAddress');
  const listen = opts.listenAddress ?? '127.0.0.1';
  registerExitHook();
  await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation dir (no systemd here)
  const dir = await tempDir('owb-sshd-');
  const hostKey = path.join(dir, 'ssh_host_ed25519_key');
  const clientKey = path.join(dir, 'client_ed25519');
  await Promise.all([keygen(hostKey, 'owb-test-host'), keygen(clientKey, 'owb-test-client')]);
  const pub = (await fs.readFile(`${clientKey}.pub`, 'utf8')).trim();
  await fs.writeFile(path.join(dir, 'authorized_keys'), [pub, ...(opts.extraAuthorizedKeys ?? [])].join('\n') + '\n', { mode: 0o600 });
  const hostKeyFingerprint = await fingerprintOf(`${hostKey}.pub`);
  const username = os.userInfo().username;

  for (let attempt = 0; attempt < 5; attempt++) {
    const port = opts.port ?? (opts.netns ? 22 : await freePort());
    const config = path.join(dir, 'sshd_config');
    await fs.writeFile(config, [
      `Port ${port}`,
      `ListenAddress ${listen}`,
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'AuthenticationMethods publickey',
      'UsePAM no',
      'UseDNS no',
      'PrintMotd no',
      'X11Forwarding no',
      'AllowTcpForwarding no',
      'MaxStartups 200:30:400',
      'MaxSessions 50',
      'LogLevel INFO',
      ...(opts.sourceBashrc ? [] : ['SetEnv SHLVL=3']),
      ...(opts.extraConfig ?? []),
      '',
    ].join('\n'));
    await run('/usr/sbin/sshd', ['-t', '-f', config]);
    const args = ['-D', '-e', '-f', config];
    // `ip netns exec` execs sshd: the child's PID is sshd's own.
    const child: ChildProcess = opts.netns
      ? spawn('ip', ['netns', 'exec', opts.netns, '/usr/sbin/sshd', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn('/usr/sbin/sshd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (child.pid !== undefined) running.set(child.pid, dir);
    child.once('exit', () => { if (child.pid !== undefined) running.delete(child.pid); });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString('utf8')).slice(-20_000);
    });
    let ready = false;
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      if (await bannerSeen(listen, port)) {
        ready = true;
        break;
      }
      await sleep(50);
    }
    if (!ready) {
      await stopChild(child);
      if (/Address already in use/.test(log) && opts.port === undefined && !opts.netns) continue; // the free port was taken meanwhile: try another
      await fs.rm(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start: ${log}`);
    }
    return {
      host: listen,
      port,
      username,
      privateKey: await fs.readFile(clientKey, 'utf8'),
      hostKeyFingerprint,
      dir,
      pid: child.pid!,
      log: () => log,
      stop: async () => {
        await stopChild(child);
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  }
  await fs.rm(dir, { recursive: true, force: true });
  throw new Error('sshd: no free port after 5 attempts');
}
