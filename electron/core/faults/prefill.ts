import { and, eq, isNull } from 'drizzle-orm';
import type { FaultCategory, FaultDraft } from '../../../shared/contract/faults';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import { assets } from '../assets/schema';
import { probeChecks, probeResults } from '../probes/schema';
import { inspectionItems, inspectionResults, inspectionRuns } from '../inspections/schema';

export type PrefillSource = { kind: 'probe'; resultId: string } | { kind: 'inspection'; resultId: string };

const LEVEL_LABEL: Record<string, string> = { normal: '正常', warning: '警告', severe: '严重' };

/** 故障所属 guessed from the asset (the engineer can change it in the form). */
export function categoryOfAsset(a: { category: string; contentCategory: string; name: string } | undefined): FaultCategory {
  if (!a) return 'system';
  const text = `${a.category} ${a.contentCategory} ${a.name}`;
  if (/数据库|DB/i.test(text)) return 'database';
  if (/网络|交换机|路由|防火墙|网闸/.test(text)) return 'network';
  if (/网站|应用|Web/i.test(text)) return 'other_app';
  return 'system';
}

function clip(s: string | null | undefined, n: number): string {
  if (!s) return '';
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * A new fault pre-filled from a severe (or warning) probe result or inspection item: title,
 * 故障描述 with the evidence, asset, category, severity, and reportedAt = when it was seen.
 * Nothing is saved; the engineer checks the form and reports it (faults/create).
 * Inspections call this too (their “生成故障报告” button).
 */
export function prefillFaultFrom(ctx: Pick<CallContext, 'db' | 'project'>, src: PrefillSource): FaultDraft {
  if (src.kind === 'probe') {
    const r = ctx.db
      .select({ result: probeResults, check: probeChecks, asset: assets })
      .from(probeResults)
      .innerJoin(probeChecks, eq(probeChecks.id, probeResults.checkId))
      .innerJoin(assets, eq(assets.id, probeResults.assetId))
      .where(and(eq(probeResults.id, src.resultId), isNull(probeResults.deletedAt), eq(assets.projectId, ctx.project().id)))
      .get();
    if (!r) throw new AppError('NOT_FOUND', t('fault.prefillNotFound', { what: '探测结果', id: src.resultId }));
    const level = r.result.level;
    if (level !== 'severe' && level !== 'warning') throw new AppError('VALIDATION', t('fault.prefillNotSevere', { what: '探测', level: LEVEL_LABEL[level] ?? level }));
    const seen = new Date(Date.parse(r.result.startedAt)).toISOString();
    const lines = [
      `${r.asset.name}（${r.asset.ip}）${r.check.label}探测结果为“${LEVEL_LABEL[level]}”：${r.result.summary}。`,
      `探测时间：${toBizDate(seen)} ${new Date(Date.parse(seen) + 8 * 3_600_000).toISOString().slice(11, 16)}。`,
      r.result.raw ? `原始输出：${clip(r.result.raw, 1000)}` : '',
    ].filter(Boolean);
    return {
      title: clip(`${r.asset.name} ${r.check.label}异常：${r.result.summary}`, 200),
      category: categoryOfAsset(r.asset),
      severity: level === 'severe' ? 'serious' : 'normal',
      alertLevel: level === 'severe' ? 2 : 1,
      description: lines.join('\n'),
      faultDate: toBizDate(seen),
      reportedAt: seen,
      assetIds: [r.asset.id],
      source: 'probe',
      sourceRef: r.result.id,
    };
  }
  const r = ctx.db
    .select({ result: inspectionResults, item: inspectionItems, run: inspectionRuns })
    .from(inspectionResults)
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionResults.itemId))
    .innerJoin(inspectionRuns, eq(inspectionRuns.id, inspectionResults.runId))
    .where(and(eq(inspectionResults.id, src.resultId), isNull(inspectionResults.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', t('fault.prefillNotFound', { what: '巡检结果', id: src.resultId }));
  const level = r.result.level;
  if (level !== 'severe' && level !== 'warning') throw new AppError('VALIDATION', t('fault.prefillNotSevere', { what: '巡检', level: LEVEL_LABEL[level] ?? level }));
  const assetId = r.result.assetId ?? r.item.assetId;
  const asset = assetId ? ctx.db.select().from(assets).where(and(eq(assets.id, assetId), eq(assets.projectId, ctx.project().id))).get() : undefined;
  const seen = new Date(Date.parse(r.result.updatedAt)).toISOString();
  const where = asset ? `${asset.name}（${asset.ip}）` : '';
  const lines = [
    `${r.run.bizDate} 巡检：${where}${r.item.column} / ${r.item.label} 结果为“${LEVEL_LABEL[level]}”${r.result.value ? `（${clip(r.result.value, 200)}）` : ''}。`,
    r.result.note ? `巡检备注：${clip(r.result.note, 1000)}` : '',
  ].filter(Boolean);
  return {
    title: clip(`${asset ? `${asset.name} ` : ''}${r.item.label}异常`, 200),
    category: categoryOfAsset(asset),
    severity: level === 'severe' ? 'serious' : 'normal',
    alertLevel: level === 'severe' ? 2 : 1,
    description: lines.join('\n'),
    faultDate: r.run.bizDate,
    reportedAt: seen,
    assetIds: asset ? [asset.id] : [],
    source: 'inspection',
    sourceRef: r.result.id,
  };
}
