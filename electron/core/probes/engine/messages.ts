// zh-CN user-facing texts of the engine's errors (kept here until the feature is wired to
// shared/i18n). Never put a credential into a message.
import type { ProbeError, ProbeErrorCode } from './types';

const TEXT: Record<ProbeErrorCode, string> = {
  INVALID_CHECK: '检查项配置无效',
  TIMEOUT: '检查超时',
  CONNECT_TIMEOUT: '连接超时',
  CANCELLED: '检查已取消',
  UNREACHABLE: '主机不可达',
  REFUSED: '连接被拒绝',
  RESET: '连接被重置',
  DNS: '域名解析失败',
  TLS: 'TLS 握手失败',
  HTTP: 'HTTP 请求失败',
  PING: 'ping 执行失败',
  HOST_KEY_CHANGED: '主机密钥已改变',
  HOST_KEY_STORE: '未提供主机密钥存储，已拒绝连接',
  AUTH_FAILED: 'SSH 认证失败',
  SSH: 'SSH 连接失败',
  EXEC: '远程命令执行失败',
  TRUNCATED: '输出超出上限，已截断',
  PARSE: '输出无法解析',
  INTERNAL: '内部错误',
};

/** The short zh-CN title of an error code (used as the result's summary). */
export function errorTitle(code: ProbeErrorCode): string {
  return TEXT[code];
}

/** A probe error with its zh-CN message; `detail` (no secrets!) is appended. */
export function probeError(code: ProbeErrorCode, detail?: string): ProbeError {
  return { code, message: detail ? `${TEXT[code]}：${detail}` : TEXT[code] };
}

/** Short "12 ms" / "<1 ms" text. */
export function fmtMs(ms: number): string {
  if (ms < 1) return '<1 ms';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** "3 天 4 小时" / "5 小时 2 分钟" / "40 分钟". */
export function fmtDuration(sec: number): string {
  const d = Math.floor(sec / 86400);
  const h = Math.floor((sec % 86400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  if (d > 0) return `${d} 天 ${h} 小时`;
  if (h > 0) return `${h} 小时 ${m} 分钟`;
  return `${m} 分钟`;
}

/** Node/OS error → probe error code. */
export function codeOfSocketError(err: unknown): ProbeErrorCode {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'REFUSED';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return 'UNREACHABLE';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'RESET';
    case 'ETIMEDOUT':
      return 'TIMEOUT';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return 'DNS';
    default:
      return code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') ? 'TLS' : 'INTERNAL';
  }
}

/** OS error code text for details (e.g. "ECONNREFUSED"), never a message that might echo input. */
export function osCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    if (typeof c === 'string' && /^[A-Z0-9_]{2,40}$/.test(c)) return c;
  }
  return undefined;
}
