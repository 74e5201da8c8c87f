import type { TFunction } from 'i18next';
import type { ClockState as SharedClockState, Severity as SharedSeverity } from '../../../shared/sla';
import { zhCN } from '../../i18n/zh-CN';

// Every severity and clock state of the shared SLA rules has a label (compile-time check).
zhCN.dashboard.severity satisfies Record<SharedSeverity, string>;
zhCN.dashboard.state satisfies Record<SharedClockState, string>;

type Severity = keyof typeof zhCN.dashboard.severity;
type ClockState = keyof typeof zhCN.dashboard.state;

function isKey<T extends object>(obj: T, k: string): k is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(obj, k);
}

/** 一般 / 严重 / 特别严重; an unknown value is shown as it is. */
export function severityLabel(t: TFunction, v: string): string {
  return isKey(zhCN.dashboard.severity, v) ? t(`dashboard.severity.${v satisfies Severity}`) : v;
}

export function severityColor(v: string): string {
  return v === 'critical' ? 'red' : v === 'serious' ? 'orange' : 'blue';
}

/** The SLA clock state of a fault (CLOCK_STATES of shared/sla.ts); an unknown value is shown as it is. */
export function stateLabel(t: TFunction, v: string): string {
  return isKey(zhCN.dashboard.state, v) ? t(`dashboard.state.${v satisfies ClockState}`) : v;
}

export function stateColor(v: string): string {
  if (v === 'breached' || v === 'met_late') return 'red';
  if (v === 'due_soon') return 'gold';
  if (v === 'met') return 'green';
  return 'processing';
}
