// What each probe measured, before any judgement. `classify*()` turns these into levels.

export interface PingStats {
  /** At least one genuine echo reply (a TTL line): "Destination host unreachable" is not one. */
  alive: boolean;
  sent: number;
  /** Genuine echo replies (not the count Windows prints, which includes unreachable answers). */
  received: number;
  lossPct: number;
  avgMs: number | null;
  /** Timeout / unreachable / TTL-expired lines seen. */
  failures: number;
}

export interface PingMeasurement {
  alive: boolean;
  rttMs: number | null;
  stats: PingStats;
}

export interface TcpMeasurement {
  port: number;
  connectMs: number;
}

export interface TlsInfo {
  daysLeft: number;
  /** ISO-8601 instant of the certificate's notAfter. */
  validTo: string;
  /** Chain and host name verified (against the system CAs plus the check's `ca`). */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  authorizationError: string | null;
  subject: string;
  issuer: string;
}

export interface HttpMeasurement {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bodyBytes: number;
  bodyTruncated: boolean;
  /** null: no keyword asked. */
  keywordFound: boolean | null;
  tls: TlsInfo | null;
}

export interface DiskMount {
  filesystem: string;
  sizeKb: number;
  usedKb: number;
  availKb: number;
  usePct: number;
  mount: string;
}

export interface DiskMeasurement {
  kind: 'disk';
  mounts: DiskMount[];
}

export interface MemoryMeasurement {
  kind: 'memory';
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  swapTotalBytes: number;
  swapUsedBytes: number;
  usePct: number;
  swapUsePct: number;
}

export interface LoadMeasurement {
  kind: 'load';
  load1: number;
  load5: number;
  load15: number;
  cpus: number;
}

export interface UptimeMeasurement {
  kind: 'uptime';
  seconds: number;
}

export interface ServiceMeasurement {
  kind: 'service';
  name: string;
  /** `systemctl is-active` answer, null when systemctl is missing or not usable. */
  systemctl: string | null;
  /** `pgrep -x name` found a process. */
  processFound: boolean;
}

export interface LogMeasurement {
  kind: 'log';
  path: string;
  exists: boolean;
  fileSize: number;
  /** Offset actually read from (0 after a rotation). */
  fromOffset: number;
  newOffset: number;
  scannedBytes: number;
  /** The file became shorter than the stored offset (rotated or truncated). */
  rotated: boolean;
  matches: number;
  lines: string[];
  /** More new bytes are waiting than one run reads. */
  more: boolean;
}

export interface CustomMeasurement {
  kind: 'custom';
  exitCode: number;
  output: string;
}

export type SshItemMeasurement =
  | DiskMeasurement
  | MemoryMeasurement
  | LoadMeasurement
  | UptimeMeasurement
  | ServiceMeasurement
  | LogMeasurement
  | CustomMeasurement;
