// Public types of the probe engine: what to check, what came back, and the thresholds
// (data, never constants) that turn measurements into 正常 / 警告 / 严重.
import type { ResultLevel } from '../../../../shared/levels';

export type { ResultLevel };

/** Fields every check may carry. */
export interface CheckBase {
  /** Caller's id (e.g. the probe_checks row id), echoed back untouched. */
  id?: string;
  /** Total budget of this check in ms (connect + work). Overrides the run/sweep default. */
  timeoutMs?: number;
  /** Budget for the connect phase in ms (TCP connect; for ssh: connect + handshake + auth). */
  connectTimeoutMs?: number;
}

export interface PingCheck extends CheckBase {
  kind: 'ping';
  host: string;
  /** Echo requests to send (default 1; each extra one adds about a second). */
  count?: number;
}

export interface TcpCheck extends CheckBase {
  kind: 'tcp';
  host: string;
  port: number;
}

export interface HttpCheck extends CheckBase {
  kind: 'http';
  /** http:// or https:// URL. Redirects are not followed (a 3xx is an answer). */
  url: string;
  /** Exact status expected; without it any 200–399 is fine. */
  expectStatus?: number;
  /** Text the body must contain (searched in the first `bodyCapBytes` of the decoded body). */
  keyword?: string;
  /** Extra CA certificates (PEM) to trust for the "trusted" verdict, e.g. the office's own CA. */
  ca?: string;
}

export type SshAuth = { password: string } | { privateKey: string; passphrase?: string };

export interface SshCheck extends CheckBase {
  kind: 'ssh';
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  items: SshItem[];
}

export type CustomParser =
  | { kind: 'number'; warnAbove?: number; severeAbove?: number }
  /** severeIfMatch true: a match is severe. false: the pattern must match, its absence is severe. */
  | { kind: 'regex'; pattern: string; severeIfMatch: boolean }
  | { kind: 'exitCode' };

export type SshItem =
  | { kind: 'disk' }
  | { kind: 'memory' }
  | { kind: 'load' }
  | { kind: 'uptime' }
  | { kind: 'service'; name: string }
  /**
   * New lines matching `pattern` (POSIX ERE, matched by awk) since byte `fromOffset`.
   * The result's item metric `newOffset` is the offset to pass next time.
   */
  | { kind: 'log'; path: string; pattern: string; fromOffset: number; ignoreCase?: boolean }
  | { kind: 'custom'; command: string; parser: CustomParser; label?: string };

export type CheckDef = PingCheck | TcpCheck | HttpCheck | SshCheck;
export type CheckKind = CheckDef['kind'];
export type SshItemKind = SshItem['kind'];

export type ProbeErrorCode =
  | 'INVALID_CHECK'
  | 'TIMEOUT'
  | 'CONNECT_TIMEOUT'
  | 'CANCELLED'
  | 'UNREACHABLE'
  | 'REFUSED'
  | 'RESET'
  | 'DNS'
  | 'TLS'
  | 'HTTP'
  | 'PING'
  | 'HOST_KEY_CHANGED'
  | 'HOST_KEY_STORE'
  | 'AUTH_FAILED'
  | 'SSH'
  | 'EXEC'
  | 'TRUNCATED'
  | 'PARSE'
  | 'INTERNAL';

export interface ProbeError {
  code: ProbeErrorCode;
  /** zh-CN, for the user. Never contains credentials. */
  message: string;
}

export type MetricValue = number | string | boolean;
export type Metrics = Record<string, MetricValue>;

/** One SSH item's outcome. */
export interface ItemResult {
  kind: SshItemKind;
  /** Stable key: 'disk', 'memory', 'service:nginx', 'log:/var/log/messages', 'custom:0'. */
  key: string;
  level: ResultLevel;
  /** The item ran and its output was understood. */
  ok: boolean;
  summary: string;
  metrics: Metrics;
  /** Log items: the new matching lines (bounded). */
  lines?: string[];
  error?: ProbeError;
}

export interface CheckResult {
  /** Echo of `check.id`. */
  id?: string;
  kind: CheckKind;
  /** 'host', 'host:port' or the URL (without user info), for display. */
  target: string;
  level: ResultLevel;
  /**
   * The probe reached the target and measured (no `error`). A reachable host with a full disk is
   * `ok: true, level: 'severe'`; an unreachable one is `ok: false, level: 'severe'`.
   */
  ok: boolean;
  /** ping: round trip; tcp: connect; http: full response; ssh: connect + handshake + auth. */
  latencyMs: number | null;
  /** Wall time of the whole check (monotonic clock). */
  durationMs: number;
  summary: string;
  metrics: Metrics;
  items?: ItemResult[];
  /** Evidence: bounded raw output (`rawCapBytes`), credentials removed. */
  raw: string;
  /** The output hit `outputCapBytes` and was cut (the channel was closed). */
  truncated: boolean;
  startedAt: string;
  finishedAt: string;
  error?: ProbeError;
}

export interface LevelPair {
  /** At or above: 警告. */
  warn: number;
  /** At or above: 严重. */
  severe: number;
}

export interface Thresholds {
  /** Ping round trip / TCP connect time (ms) at or above which a reachable target is 警告 / 严重. */
  latency: { warnMs: number; severeMs: number | null };
  /**
   * HTTP: a full response taking `slowWarnMs` or more is 警告 (`slowSevereMs`: 严重, null: never);
   * a wrong status or a missing keyword is `mismatchLevel`.
   */
  http: { slowWarnMs: number; slowSevereMs: number | null; mismatchLevel: ResultLevel };
  /** Use % per mount (df Capacity column). */
  disk: LevelPair & {
    /** Mount points not judged (regex sources, matched against the whole mount point). */
    ignoreMounts: string[];
    /** Filesystem names not judged (tmpfs, devtmpfs…). */
    ignoreFilesystems: string[];
  };
  /** (total − available) / total in %. */
  memory: LevelPair;
  /** Swap used %; a host with no swap is normal. */
  swap: LevelPair;
  /** 5-minute load average divided by the CPU count. */
  loadPerCpu: LevelPair;
  /** Certificate days left: below `warnDays` 警告, below `severeDays` 严重. */
  cert: { warnDays: number; severeDays: number; untrustedLevel: ResultLevel };
  /** New matching log lines: at or above `warn` 警告, at or above `severe` 严重 (null: never). */
  log: { warn: number; severe: number | null };
  /** Up less than this many seconds (a recent reboot) is 警告; null: never. */
  uptime: { warnBelowSec: number | null };
  /** Level of a service that is not running. */
  serviceDownLevel: ResultLevel;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Pinned SSH host keys (trust on first use). The key is `host:port` (`[v6]:port`). */
export interface HostKeyStore {
  get(hostPort: string): string | undefined;
  /** `sha256Fingerprint` is OpenSSH's form: `SHA256:` + unpadded base64. */
  pin(hostPort: string, sha256Fingerprint: string): void;
}

export interface RunOptions {
  /** Default total budget per check (ms). Default 10 000. */
  timeoutMs?: number;
  /** Default connect budget per check (ms). Default min(5 000, timeoutMs). */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  thresholds?: Thresholds;
  /** Required for ssh checks: without it an ssh check is refused (no connection made). */
  hostKeys?: HostKeyStore;
  /** Wall clock for startedAt/finishedAt and certificate days (tests inject it). */
  clock?: () => Date;
  /** Output kept in memory per check before it is cut. Default 1 MiB. */
  outputCapBytes?: number;
  /** Evidence kept in `raw`. Default 64 KiB. */
  rawCapBytes?: number;
}

export interface SweepProgress {
  done: number;
  total: number;
  last: { index: number; result: CheckResult };
}

export interface SweepOptions extends RunOptions {
  /** Checks in flight at once. Default 32. */
  concurrency?: number;
  onProgress?: (p: SweepProgress) => void;
}
