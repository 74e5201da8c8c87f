// TCP connect probe: can the port be opened, and how fast.
import net from 'node:net';
import { classifyTcp } from './classify';
import { codeOfSocketError, osCode, probeError } from './messages';
import type { RunnerOutcome } from './runner';
import type { TcpCheck, Thresholds } from './types';
import type { CheckScope } from './util';

export function runTcp(check: TcpCheck, scope: CheckScope, t: Thresholds): Promise<RunnerOutcome> {
  return new Promise((resolve) => {
    scope.beginConnect();
    const t0 = performance.now();
    const sock = net.connect({ host: check.host, port: check.port });
    let settled = false;
    const finish = (o: RunnerOutcome): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      sock.destroy();
      resolve(o);
    };
    const unsubscribe = scope.onStop(() => {
      finish({ latencyMs: null, raw: '', error: probeError(scope.stopCode() ?? 'TIMEOUT') });
    });
    sock.once('connect', () => {
      scope.connected();
      const ms = performance.now() - t0;
      const raw = `connected ${sock.localAddress ?? ''}:${sock.localPort ?? ''} -> ${check.host}:${check.port} in ${ms.toFixed(1)} ms`;
      finish({ latencyMs: ms, raw, verdict: classifyTcp({ port: check.port, connectMs: ms }, t) });
    });
    sock.once('error', (err) => {
      const code = codeOfSocketError(err);
      finish({ latencyMs: null, raw: osCode(err) ?? '', error: probeError(code === 'INTERNAL' ? 'UNREACHABLE' : code, osCode(err)) });
    });
  });
}
