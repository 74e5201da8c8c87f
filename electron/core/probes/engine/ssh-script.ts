// One remote command for all SSH items of a host: every item's command runs under LC_ALL=C in
// a subshell, framed by markers carrying a random nonce, so one exec answers everything.
import { randomBytes } from 'node:crypto';
import { shQuote } from './util';
import type { SshItem } from './types';

/** Bytes of a log read per run, and matching lines returned (each cut to LOG_LINE_CHARS). */
export const LOG_MAX_SCAN_BYTES = 4 * 1024 * 1024;
export const LOG_MAX_LINES = 200;
export const LOG_LINE_CHARS = 500;

export interface SshScript {
  /** The command to exec (any login shell: `env … sh -c '…'`). */
  command: string;
  nonce: string;
  /** What each item ran, for the evidence text. */
  displays: string[];
}

export interface Section {
  index: number;
  /** The END marker arrived. */
  complete: boolean;
  exitCode: number | null;
  output: string;
}

const SERVICE_NAME = /^[A-Za-z0-9@._:+-]{1,128}$/;

export function isValidServiceName(name: string): boolean {
  return SERVICE_NAME.test(name);
}

function serviceCommand(name: string): string {
  const n = shQuote(name);
  return [
    `if command -v systemctl >/dev/null 2>&1; then printf 'SYSTEMCTL %s\\n' "$(systemctl is-active ${n} 2>/dev/null | head -n 1)"; fi`,
    `if command -v pgrep >/dev/null 2>&1; then if pgrep -x ${n} >/dev/null 2>&1; then echo 'PROCESS 1'; else echo 'PROCESS 0'; fi;` +
      ` elif ps -e -o comm= 2>/dev/null | awk -v n=${n} '$0 == n { f = 1 } END { exit !f }'; then echo 'PROCESS 1'; else echo 'PROCESS 0'; fi`,
  ].join('; ');
}

function logCommand(item: Extract<SshItem, { kind: 'log' }>): string {
  const off = Math.max(0, Math.floor(item.fromOffset));
  const awk = `BEGIN { p = ENVIRON["OWB_P"]; ic = ENVIRON["OWB_IC"] == "1"; if (ic) p = tolower(p) } ` +
    `{ l = $0; if (ic) l = tolower(l); if (l ~ p) { c++; if (c <= ${LOG_MAX_LINES}) print "L " substr($0, 1, ${LOG_LINE_CHARS}) } } ` +
    `END { print "COUNT " c + 0 }`;
  return [
    `f=${shQuote(item.path)}; o=${off}; m=${LOG_MAX_SCAN_BYTES}`,
    `if [ -f "$f" ] && [ -r "$f" ]; then s=$(wc -c <"$f" | tr -d ' '); r=0`,
    `if [ "$s" -lt "$o" ]; then o=0; r=1; fi; n=$((s - o)); if [ "$n" -gt "$m" ]; then n=$m; fi`,
    `printf 'SIZE %s\\nFROM %s\\nREAD %s\\nROTATED %s\\n' "$s" "$o" "$n" "$r"`,
    `tail -c +$((o + 1)) "$f" | head -c "$n" | OWB_P=${shQuote(item.pattern)} OWB_IC=${item.ignoreCase ? 1 : 0} awk ${shQuote(awk)}`,
    `else echo NOFILE; fi`,
  ].join('; ');
}

/**
 * The shell text of one item, and a short form for the evidence. `own`: the item needs a
 * subshell of its own (it sets variables, may `exit` or `cd`); the fixed ones run in the
 * script's shell, and /proc files are read with the `read` builtin, so a check costs the
 * server fewer processes (for disk, memory, load and uptime: sh, df, free and nproc instead of ten).
 */
export function itemCommand(item: SshItem): { sh: string; display: string; own: boolean } {
  switch (item.kind) {
    case 'disk': return { sh: 'df -P', display: 'df -P', own: false };
    case 'memory': return { sh: 'free -b', display: 'free -b', own: false };
    case 'load': return { sh: "read -r owb_l </proc/loadavg && printf '%s\\n' \"$owb_l\"; nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null", display: 'cat /proc/loadavg; nproc', own: false };
    case 'uptime': return { sh: "read -r owb_u </proc/uptime && printf '%s\\n' \"$owb_u\"", display: 'cat /proc/uptime', own: false };
    case 'service': return { sh: serviceCommand(item.name), display: `systemctl is-active ${item.name} / pgrep -x ${item.name}`, own: true };
    case 'log': return { sh: logCommand(item), display: `log ${item.path} from ${item.fromOffset} /${item.pattern}/`, own: true };
    case 'custom': return { sh: `eval ${shQuote(item.command)}`, display: item.label ?? 'custom', own: true };
  }
}

function marker(nonce: string, i: number, end: boolean): string {
  return `@@OWB:${nonce}:${i}:${end ? 'E' : 'B'}`;
}

export function buildScript(items: SshItem[], nonce = randomBytes(8).toString('hex')): SshScript {
  const parts: string[] = [];
  const displays: string[] = [];
  items.forEach((item, i) => {
    const { sh, display, own } = itemCommand(item);
    displays.push(display);
    parts.push(
      `printf '%s\\n' '${marker(nonce, i, false)}'; ${own ? `( ${sh} )` : `{ ${sh}; }`} </dev/null 2>&1; owb_rc=$?; ` +
      `printf '\\n%s %s\\n' '${marker(nonce, i, true)}' "$owb_rc"`,
    );
  });
  const script = parts.join('; ');
  return { command: `env LC_ALL=C LANG=C sh -c ${shQuote(script)}`, nonce, displays };
}

/** Cuts the exec output into the items' sections (missing ones are absent, cut ones incomplete). */
export function splitSections(output: string, nonce: string, count: number): Section[] {
  const out: Section[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const begin = `${marker(nonce, i, false)}\n`;
    const b = output.indexOf(begin, pos);
    if (b < 0) break;
    const start = b + begin.length;
    const endTag = `\n${marker(nonce, i, true)} `;
    const e = output.indexOf(endTag, start);
    if (e < 0) {
      out.push({ index: i, complete: false, exitCode: null, output: output.slice(start) });
      break;
    }
    const lineEnd = output.indexOf('\n', e + endTag.length);
    if (lineEnd < 0) {
      out.push({ index: i, complete: false, exitCode: null, output: output.slice(start, e) });
      break;
    }
    const rc = Number(output.slice(e + endTag.length, lineEnd));
    out.push({ index: i, complete: true, exitCode: Number.isFinite(rc) ? rc : null, output: output.slice(start, e) });
    pos = lineEnd + 1;
  }
  return out;
}
