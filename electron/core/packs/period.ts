/** The dates a pack covers: a month, or service year N of the project. */
import type { PackTarget } from '../../../shared/contract/packs';
import type { Project } from '../../../shared/contract/project';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { bizDayRange, formatMonth, monthRange, monthsBetween, serviceYearRange } from '../../../shared/time';
import type { Range } from './collect';
import { cnNumber } from './content/letters';

export interface PackPeriod extends Range {
  kind: 'monthly' | 'annual';
  /** Free text in the manifest: 2024-06, or 第1年度（2023-09-01至2024-08-31）. */
  period: string;
  /** 2024年6月 / 第一年度. */
  label: string;
  /** Folder and zip name. */
  name: string;
  months: string[];
  year: number | null;
}

export function serviceYear(project: Project, n: number): { from: string; to: string } {
  const sy = project.settings.serviceYears;
  if (!Number.isInteger(n) || n < 1 || n > sy.count) throw new AppError('VALIDATION', t('pack.badYear', { count: sy.count }));
  return serviceYearRange(sy.firstYearStart.slice(5), sy.firstYearStart, n);
}

export function packPeriod(project: Project, target: PackTarget): PackPeriod {
  if (target.kind === 'monthly') {
    const r = monthRange(target.month);
    return {
      kind: 'monthly',
      from: r.from,
      to: r.to,
      start: r.start,
      end: r.end,
      period: target.month,
      label: formatMonth(target.month),
      name: `月度验收资料-${target.month}`,
      months: [target.month],
      year: null,
    };
  }
  const y = serviceYear(project, target.year);
  return {
    kind: 'annual',
    from: y.from,
    to: y.to,
    start: bizDayRange(y.from).start,
    end: bizDayRange(y.to).end,
    period: `第${target.year}年度（${y.from}至${y.to}）`,
    label: `第${cnNumber(target.year)}年度`,
    name: `年度验收资料-第${target.year}年度-${y.from.slice(0, 7)}至${y.to.slice(0, 7)}`,
    months: monthsBetween(y.from.slice(0, 7), y.to.slice(0, 7)),
    year: target.year,
  };
}
