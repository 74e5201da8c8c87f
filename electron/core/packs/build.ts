/**
 * Builds a monthly or annual acceptance pack (月度/年度验收资料): every document rendered and
 * signed, the Excel workbook, the signed scans and register documents, then the cover and
 * contents, and finally sealPack (manifest with SHA-256 + SM3, Ed25519 + SM2 signatures,
 * SHA256SUMS, signer keys, verify.html) and the zip.
 *
 * Never a partial pack: everything is written into a temp folder beside the target and only
 * renamed into place (folder, then zip) when complete; a failure or a cancel removes it.
 * The heavy part (assemblePack) runs in a worker thread (worker/): rendering one month's
 * inspection volume or hashing the zip takes seconds of CPU that must not stall the app.
 * Inside, the work yields between documents, reports progress and checks the cancel signal.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { BuildResult, PackTarget } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { formatBizDate, formatMonth, monthRange, toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import { renderForm, formKinds, safeFileName } from '../forms/registry';
import { slaSettings } from '../faults/repo';
import { Paper } from '../paper/pdf';
import { getMonthlyReport, reportText } from '../reports/service';
import { monthFigures } from '../reports/figures';
import {
  attendanceMonthKeys,
  extensionFor,
  faultModels,
  faultRows,
  loadKindDocuments,
  recordFormKinds,
  registerDocuments,
  signedScans,
  workOrderModels,
  workOrderRows,
  type ScanRef,
} from './collect';
import { coverPdf, type ContentsEntry } from './content/cover';
import { healthReportPdf, requestLetterPdf, selfAcceptancePdf, type HealthRow, type SelfCheckItem } from './content/letters';
import { finishSigned, formVolume, pdfPageCount, type SignedPdf } from './content/paper-doc';
import { reportPdf, type ReportInput } from './content/report';
import { writePackWorkbook } from './content/workbook';
import { sealPack, type PackMeta } from './crypto';
import { workstationIdentity } from './identity';
import { HeapGuard } from './memory';
import { PdfParseError } from './pdf/objects';
import { PackPdfSigner } from './pdf/signer';
import { packPeriod, type PackPeriod } from './period';
import { readinessItems } from './readiness';
import { recordPack, zipPathOf } from './store';
import { assembleInWorker } from './worker/host';

export interface BuildOptions {
  /** Folder that receives `<name>/` and `<name>.zip`. */
  outDir: string;
  /**
   * Where the heavy part (rendering, signing, hashing, zipping) runs: 'worker' (default) in a
   * worker thread, so the caller's event loop — the app's main process, the bridge — never
   * stalls; 'inline' in this thread (the worker itself, and tests of the builder's own logic).
   */
  run?: 'worker' | 'inline';
}

export interface BuiltPack extends BuildResult {
  folder: string;
  zip: string;
  entries: ContentsEntry[];
  /** Where the time went (ms): signing PDFs, sealing (manifest, signatures, verify.html, zip), all. */
  timings: { signMs: number; sealMs: number; totalMs: number; heapCollections: number };
}

/** A builder step: a file of the pack. */
interface Entry extends ContentsEntry {
  kind: 'pdf' | 'xlsx' | 'file';
}

/** One assembly: the pack's files go into `work` (which exists), its zip to `workZip`. */
export interface AssembleJob {
  target: PackTarget;
  work: string;
  workZip: string;
  /** The pack's creation instant (ISO). */
  createdAt: string;
}

/** What assembling yields: plain data, as it crosses back from the worker thread. */
export interface AssembledPack {
  files: number;
  bytes: number;
  manifestSha256: string;
  zipBytes: number | null;
  entries: Entry[];
  warnings: string[];
  steps: number;
  signMs: number;
  sealMs: number;
  heapCollections: number;
}

const busy = new Set<string>();

function cancelled(): AppError {
  return new AppError('CANCELLED', t('error.cancelled'));
}

/**
 * Renders, signs and seals a pack into `job.work` and zips it to `job.workZip`: the heavy part
 * of a build, in whatever thread calls it. Reads the database, writes nothing to it.
 */
export async function assemblePack(ctx: CallContext, job: AssembleJob): Promise<AssembledPack> {
  const project = ctx.project();
  const p = packPeriod(project, job.target);
  const b = new Builder(ctx, p, job.work, new Date(job.createdAt));
  await b.init();
  if (p.kind === 'monthly') await b.monthly();
  else await b.annual();
  await b.cover();
  ctx.progress(b.steps, b.steps + 2, '签名与封装');
  const meta: PackMeta = { kind: p.kind, period: p.period, project: project.name, createdAt: job.createdAt, softwareVersion: ctx.version || '0.0.0' };
  const tSeal = performance.now();
  const sealed = await sealPack(job.work, meta, b.identity, { zipTo: job.workZip });
  const sealMs = performance.now() - tSeal;
  if (ctx.signal.aborted) throw cancelled();
  return {
    files: sealed.manifest.totals.files,
    bytes: sealed.manifest.totals.bytes,
    manifestSha256: sealed.manifestSha256,
    zipBytes: sealed.zip?.bytes ?? null,
    entries: b.entries,
    warnings: b.warnings,
    steps: b.steps,
    signMs: b.signer.signMs,
    sealMs,
    heapCollections: b.heapCollections,
  };
}

/** Builds a pack: assembled in a temp folder (in a worker thread by default), then renamed into place and recorded. */
export async function buildPack(ctx: CallContext, target: PackTarget, opts: BuildOptions): Promise<BuiltPack> {
  const t0 = performance.now();
  const project = ctx.project();
  const p = packPeriod(project, target);
  const outDir = path.resolve(opts.outDir);
  const st = await fsp.stat(outDir).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('VALIDATION', t('pack.outDirMissing', { dir: outDir }));
  const final = path.join(outDir, p.name);
  if (busy.has(final)) throw new AppError('VALIDATION', t('pack.busy'));
  busy.add(final);
  const tag = randomBytes(6).toString('hex');
  const work = path.join(outDir, `.${p.name}.tmp-${tag}`);
  const workZip = path.join(outDir, `.${p.name}.tmp-${tag}.zip`);
  try {
    await fsp.mkdir(work);
    const job: AssembleJob = { target, work, workZip, createdAt: ctx.now().toISOString() };
    const a = opts.run === 'inline' ? await assemblePack(ctx, job) : await assembleInWorker(ctx, job);
    if (ctx.signal.aborted) throw cancelled();
    await replaceInto(work, final, workZip, zipPathOf(final));
    const row = recordPack(ctx, { kind: p.kind, period: p.period, path: final, files: a.files, manifestSha256: a.manifestSha256 });
    ctx.progress(a.steps + 2, a.steps + 2, '完成');
    return {
      id: row.id,
      kind: p.kind,
      period: p.period,
      name: p.name,
      files: a.files,
      manifestSha256: a.manifestSha256,
      createdAt: row.createdAt,
      createdBy: row.updatedBy,
      present: true,
      zipBytes: a.zipBytes,
      pdfs: a.entries.filter((e) => e.kind === 'pdf').length,
      pages: a.entries.reduce((s, e) => s + e.pages, 0),
      bytes: a.bytes,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      warnings: a.warnings,
      folder: final,
      zip: zipPathOf(final),
      entries: a.entries,
      timings: { signMs: Math.round(a.signMs), sealMs: Math.round(a.sealMs), totalMs: Math.round(performance.now() - t0), heapCollections: a.heapCollections },
    };
  } catch (e) {
    await fsp.rm(work, { recursive: true, force: true });
    await fsp.rm(workZip, { force: true });
    if (ctx.signal.aborted) throw cancelled();
    throw e;
  } finally {
    busy.delete(final);
  }
}

/** Puts the new folder and zip in place of any old ones; the old ones are removed last. */
async function replaceInto(work: string, final: string, workZip: string, finalZip: string): Promise<void> {
  const old = `${final}.old-${randomBytes(6).toString('hex')}`;
  const hadFolder = await fsp.stat(final).then(() => true, () => false);
  const hadZip = await fsp.stat(finalZip).then(() => true, () => false);
  if (hadFolder) await fsp.rename(final, old);
  if (hadZip) await fsp.rename(finalZip, `${old}.zip`);
  try {
    await fsp.rename(work, final);
    await fsp.rename(workZip, finalZip);
  } catch (e) {
    // Put the old pack back.
    await fsp.rm(final, { recursive: true, force: true }).catch(() => undefined);
    if (hadFolder) await fsp.rename(old, final).catch(() => undefined);
    if (hadZip) await fsp.rename(`${old}.zip`, finalZip).catch(() => undefined);
    throw e;
  }
  await fsp.rm(old, { recursive: true, force: true });
  await fsp.rm(`${old}.zip`, { force: true });
}

class Builder {
  readonly entries: Entry[] = [];
  readonly warnings: string[] = [];
  steps = 0;
  total = 1;
  identity!: Awaited<ReturnType<typeof workstationIdentity>>;
  signer!: PackPdfSigner;
  readonly createdAt: Date;
  readonly today: string;

  constructor(
    readonly ctx: CallContext,
    readonly p: PackPeriod,
    readonly dir: string,
    createdAt: Date,
  ) {
    this.createdAt = createdAt;
    this.today = toBizDate(this.createdAt);
  }

  async init(): Promise<void> {
    this.identity = await workstationIdentity(this.ctx);
    const project = this.ctx.project();
    this.signer = new PackPdfSigner(this.identity, { reason: `${this.p.kind === 'monthly' ? '月度' : '年度'}验收资料 ${this.p.period}`, name: project.partyB, location: project.partyA, contactInfo: project.name }, this.createdAt);
  }

  private readonly heap = new HeapGuard();
  /** Between documents and between the forms of a volume: see memory.ts. */
  private readonly heapCheck = (): void => this.heap.check();
  get heapCollections(): number {
    return this.heap.collections;
  }

  private async step(message: string): Promise<void> {
    if (this.ctx.signal.aborted) throw cancelled();
    this.heap.check();
    this.ctx.progress(this.steps, this.total, message);
    this.steps++;
    if (this.steps > this.total) this.total = this.steps + 1;
    await yieldToLoop();
    if (this.ctx.signal.aborted) throw cancelled();
  }

  private async put(rel: string, bytes: Buffer | string): Promise<void> {
    const abs = path.join(this.dir, ...rel.split('/'));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.writeFile(abs, bytes);
  }

  private async pdf(rel: string, title: string, doc: SignedPdf, note = ''): Promise<void> {
    await this.put(rel, doc.bytes);
    this.entries.push({ path: rel, title, pages: doc.pages, note, kind: 'pdf' });
    this.heap.check();
  }

  /** A PDF made elsewhere: signed by an incremental update (or, if it cannot be parsed, wrapped). */
  private async foreignPdf(rel: string, title: string, bytes: Buffer, note = ''): Promise<void> {
    let signed: Buffer;
    try {
      signed = await this.signer.signAny(bytes);
    } catch (e) {
      if (!(e instanceof PdfParseError)) throw e;
      this.warnings.push(`${title}：原 PDF 无法直接签名（${e.message}），已作为附件嵌入签名封套。`);
      signed = (await this.wrap(title, `${path.basename(rel)}`, bytes)).bytes;
    }
    await this.put(rel, signed);
    this.entries.push({ path: rel, title, pages: pdfPageCount(signed), note, kind: 'pdf' });
    this.heap.check();
  }

  /** A signed one-page PDF that carries the original file as an embedded attachment. */
  private async wrap(title: string, name: string, bytes: Buffer): Promise<SignedPdf> {
    const paper = new Paper({ info: { title, creationDate: this.createdAt } });
    paper.title(title);
    paper.paragraph(`原始文件“${name}”（${bytes.length} 字节）作为附件嵌入本 PDF，请在阅读器的“附件”面板中打开。`);
    paper.doc.file(bytes, { name, type: 'application/pdf', creationDate: this.createdAt, modifiedDate: this.createdAt });
    return finishSigned(paper, this.signer);
  }

  private async file(rel: string, title: string, src: string, note = ''): Promise<void> {
    const abs = path.join(this.dir, ...rel.split('/'));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    await fsp.copyFile(src, abs);
    this.entries.push({ path: rel, title, pages: 0, note, kind: 'file' });
  }

  // ---- pieces shared by both kinds --------------------------------------------------------------

  private reportInput(month: string): ReportInput {
    const r = getMonthlyReport(this.ctx, month);
    const project = this.ctx.project();
    return {
      project,
      periodLabel: formatMonth(month),
      kind: 'monthly',
      figures: r.figures,
      text: reportText(r),
      tables: r.statistics.tables,
      date: this.today,
      author: r.updatedBy && !r.updatedBy.startsWith('cli:') ? r.updatedBy : project.partyB,
      docNo: `YB-${month}`,
    };
  }

  private async monthlyReport(rel: string, month: string): Promise<void> {
    await this.step(`运维月报 ${month}`);
    await this.pdf(rel, `运维月报（${formatMonth(month)}）`, await reportPdf(this.reportInput(month), this.signer, this.createdAt));
  }

  private async workOrderVolume(rel: string, month: string): Promise<number> {
    await this.step(`运维实施工单 ${month}`);
    const rows = workOrderRows(this.ctx, monthRange(month));
    if (!rows.length) return 0;
    const vol = await formVolume(workOrderModels(this.ctx, rows), { info: { title: `运维实施工单（${formatMonth(month)}）`, subject: '运维实施工单', creationDate: this.createdAt }, signer: this.signer, signal: this.ctx.signal, onForm: this.heapCheck });
    await this.pdf(rel, `运维实施工单（${formatMonth(month)}）`, vol, `${vol.forms} 份`);
    return vol.forms;
  }

  private async faultVolume(rel: string, month: string): Promise<number> {
    await this.step(`故障报告单 ${month}`);
    const rows = faultRows(this.ctx, monthRange(month));
    if (!rows.length) return 0;
    const vol = await formVolume(faultModels(this.ctx, rows), { info: { title: `故障报告单（${formatMonth(month)}）`, subject: '故障报告单', creationDate: this.createdAt }, signer: this.signer, signal: this.ctx.signal, onForm: this.heapCheck });
    await this.pdf(rel, `故障报告单（${formatMonth(month)}）`, vol, `${vol.forms} 份`);
    return vol.forms;
  }

  /** Inspection sheets (and any other kind another feature registered) for a month. */
  private async recordKinds(folder: string, month: string): Promise<void> {
    for (const k of recordFormKinds()) {
      await this.step(`${k.label} ${month}`);
      const { docs, skipped } = await loadKindDocuments(this.ctx, k, monthRange(month));
      for (const s of skipped) this.warnings.push(s);
      for (const d of docs) {
        if (this.ctx.signal.aborted) throw cancelled();
        const bytes = await d.pdf();
        await this.foreignPdf(`${folder}/${safeFileName(d.baseName)}.pdf`, d.baseName.replace(/-/g, ' '), bytes);
        await yieldToLoop();
      }
    }
  }

  private async attendance(rel: string, month: string): Promise<void> {
    await this.step(`考勤表 ${month}`);
    if (!formKinds().some((k) => k.kind === 'attendance')) {
      this.warnings.push('考勤表表单未注册，未包含考勤表。');
      return;
    }
    const f = await renderForm(this.ctx, 'attendance', { month }, 'pdf');
    await this.foreignPdf(rel, `日常工作考勤表（${formatMonth(month)}）`, f.bytes);
  }

  private async scans(folder: string, fromMonth: string, toMonth: string): Promise<void> {
    await this.step('签字扫描件');
    const wos = workOrderRows(this.ctx, this.p);
    const fs = faultRows(this.ctx, this.p);
    const keys = new Map<string, { entity: string; label: string }>([
      ...attendanceMonthKeys(this.ctx, fromMonth, toMonth),
      ...wos.map((w) => [w.id, { entity: 'workorder', label: `工单 ${w.docNo}` }] as const),
      ...fs.map((f) => [f.id, { entity: 'fault', label: `故障报告单 ${f.docNo}` }] as const),
    ]);
    const list = signedScans(this.ctx, keys);
    const used = new Set<string>();
    let i = 0;
    for (const s of list) {
      if (++i % 10 === 0) await yieldToLoop();
      if (this.ctx.signal.aborted) throw cancelled();
      const ext = extensionFor(s.mime, s.name);
      let base = safeFileName(`${s.label} 签字件`);
      for (let k = 2; used.has(base.toLowerCase()); k++) base = safeFileName(`${s.label} 签字件-${k}`);
      used.add(base.toLowerCase());
      await this.scan(`${folder}/${base}${ext}`, s);
    }
    if (!list.length) this.warnings.push('没有签字扫描件。');
  }

  private async scan(rel: string, s: ScanRef): Promise<void> {
    const title = `${s.label} 签字件`;
    if (s.mime === 'application/pdf') await this.foreignPdf(rel, title, await fsp.readFile(s.file), s.name);
    else await this.file(rel, title, s.file, s.name);
  }

  private async workbook(rel: string): Promise<void> {
    await this.step('统计表（Excel）');
    const ctx = this.ctx;
    const projectId = ctx.project().id;
    const firstMonth = this.p.months[0] ?? this.p.from.slice(0, 7);
    const lastMonth = this.p.months[this.p.months.length - 1] ?? this.p.to.slice(0, 7);
    const figures = monthFigures(ctx, firstMonth, lastMonth);
    const runs = ctx.sqlite
      .prepare(
        `SELECT r.biz_date AS bizDate, r.slot, t.title AS template, r.status, r.inspector_name AS inspector, r.late,
          (SELECT COUNT(*) FROM inspection_results x WHERE x.run_id = r.id AND x.deleted_at IS NULL AND x.level <> 'normal') AS abnormal
         FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
         WHERE t.project_id = ? AND r.deleted_at IS NULL AND r.biz_date >= ? AND r.biz_date <= ? ORDER BY r.biz_date, r.slot, t.code`,
      )
      .all(projectId, this.p.from, this.p.to) as Array<{ bizDate: string; slot: string; template: string; status: string; inspector: string; late: number; abnormal: number }>;
    const problems = ctx.sqlite
      .prepare(
        `SELECT doc_no AS docNo, kind, severity, status, title, opened_at AS openedAt, closed_at AS closedAt, assignee_name AS assignee
         FROM problem_tickets WHERE project_id = ? AND deleted_at IS NULL AND opened_at >= ? AND opened_at < ? ORDER BY opened_at`,
      )
      .all(projectId, this.p.start, this.p.end) as Array<{ docNo: string; kind: string; severity: string | null; status: string; title: string; openedAt: string; closedAt: string | null; assignee: string | null }>;
    const tables = this.p.months.flatMap((m) => getMonthlyReportTables(ctx, m));
    const abs = path.join(this.dir, ...rel.split('/'));
    await fsp.mkdir(path.dirname(abs), { recursive: true });
    const sheets = await writePackWorkbook({
      file: abs,
      title: `${this.p.label}统计表`,
      created: this.createdAt,
      now: this.createdAt,
      sla: slaSettings(ctx),
      figures,
      faults: faultRows(ctx, this.p),
      workOrders: workOrderRows(ctx, this.p),
      runs,
      problems,
      tables,
      ...(this.p.kind === 'annual' ? { documents: registerDocuments(ctx) } : {}),
    });
    this.entries.push({ path: rel, title: `${this.p.label}统计表（Excel）`, pages: 0, note: `${sheets} 个工作表`, kind: 'xlsx' });
  }

  // ---- the two kinds -----------------------------------------------------------------------------

  async monthly(): Promise<void> {
    const m = this.p.period;
    this.total = 8 + recordFormKinds().length;
    await this.monthlyReport(`01-运维月报-${m}.pdf`, m);
    const wo = await this.workOrderVolume(`02-运维实施工单-${m}.pdf`, m);
    if (!wo) this.warnings.push(`${formatMonth(m)}没有运维实施工单。`);
    await this.faultVolume(`03-故障报告单-${m}.pdf`, m);
    await this.recordKinds('04-巡检记录', m);
    await this.attendance(`05-日常工作考勤表-${m}.pdf`, m);
    await this.workbook(`06-统计表-${m}.xlsx`);
    await this.scans('07-签字扫描件', m, m);
  }

  async annual(): Promise<void> {
    const p = this.p;
    const ctx = this.ctx;
    const project = ctx.project();
    const months = p.months;
    this.total = 10 + months.length * (4 + recordFormKinds().length);
    const first = months[0] ?? p.from.slice(0, 7);
    const last = months[months.length - 1] ?? p.to.slice(0, 7);
    const figures = monthFigures(ctx, first, last);
    const year = p.year ?? 1;
    const y = { project, year, from: p.from, to: p.to, date: this.today, created: this.createdAt };

    // Monthly records first (their counts go into the letters).
    let woTotal = 0;
    let faultTotal = 0;
    for (const m of months) {
      await this.monthlyReport(`05-运维月报/${m}-运维月报.pdf`, m);
      woTotal += await this.workOrderVolume(`06-运维实施工单/${m}-运维实施工单.pdf`, m);
      faultTotal += await this.faultVolume(`07-故障报告单/${m}-故障报告单.pdf`, m);
      await this.recordKinds(`08-巡检记录/${m}`, m);
      await this.attendance(`09-考勤表/${m}-日常工作考勤表.pdf`, m);
    }
    await this.workbook(`10-统计表-第${year}年度.xlsx`);

    await this.step('文档资料');
    for (const d of registerDocuments(ctx)) {
      if (d.control === 'void') continue;
      if (!d.file) {
        this.warnings.push(`文档“${d.docNo} ${d.title}”未上传电子文件。`);
        continue;
      }
      const ext = extensionFor(d.file.mime, d.file.name);
      const rel = `11-文档资料/${safeFileName(`${d.docNo}-${d.title}-V${d.version}`)}${ext}`;
      if (d.file.mime === 'application/pdf') await this.foreignPdf(rel, `${d.title}（${d.version}）`, await fsp.readFile(d.file.path), d.docNo);
      else await this.file(rel, `${d.title}（${d.version}）`, d.file.path, d.docNo);
    }
    await this.scans('12-签字扫描件', first, last);

    // The year's summary, health check, self-acceptance and the request letter.
    await this.step('年度运维总结');
    const summary: ReportInput = {
      project,
      periodLabel: `${p.label}（${formatBizDate(p.from)}—${formatBizDate(p.to)}）`,
      kind: 'annual',
      figures,
      text: annualText(figures, p.label, months.length),
      tables: [],
      date: this.today,
      author: project.partyB,
      docNo: `ND-${year}`,
    };
    await this.pdf('04-年度运维总结.pdf', '年度运维总结报告', await reportPdf(summary, this.signer, this.createdAt));

    await this.step('系统健康性检查报告');
    const health = healthRows(ctx, p);
    const sched = project.settings.acceptanceSchedule.find((s) => s.key === 'health');
    const window = sched ? { from: p.from, to: `${p.to.slice(0, 4)}-${sched.to}` } : { from: p.from, to: p.to };
    await this.pdf('03-系统健康性检查报告.pdf', '系统健康性检查报告', await healthReportPdf(y, health, window, figures, this.signer));

    await this.step('自验报告');
    const items = readinessItems(ctx, p);
    const checks: SelfCheckItem[] = items
      .filter((i) => i.key !== 'request')
      .map((i) => ({
        label: i.label,
        requirement: REQUIREMENTS[i.key] ?? '',
        finding: i.detail + (i.missing.length ? `；未完成：${i.missing.slice(0, 8).join('、')}${i.missing.length > 8 ? '等' : ''}` : ''),
        verdict: i.status === 'present' ? '符合' : i.status === 'partial' ? '基本符合' : '不符合',
      }));
    checks.push({
      label: '服务质量指标',
      requirement: `信息及时处理率 ${project.settings.qualityTargets.timelyRatePct}%，满意度 ≥ ${project.settings.qualityTargets.satisfactionPct}%`,
      finding: `故障处理时限达标率 ${figures.sla.compliancePct}%（超时 ${figures.sla.breaches} 项次）；满意度由甲方评价`,
      verdict: figures.sla.compliancePct >= project.settings.qualityTargets.timelyRatePct ? '符合' : figures.sla.compliancePct >= 90 ? '基本符合' : '不符合',
    });
    const failing = checks.filter((c) => c.verdict !== '符合');
    const conclusion = failing.length
      ? `经自验，第${year}年度运维服务总体完成合同约定内容，以下事项尚需完善：${failing.map((c) => c.label).join('、')}。乙方将在正式验收前补齐相关资料。`
      : `经自验，第${year}年度运维服务已按合同约定全部完成，各项资料齐全，达到验收标准，申请正式验收。`;
    await this.pdf('02-自验报告.pdf', '自验报告', await selfAcceptancePdf(y, checks, conclusion, this.signer));

    await this.step('验收申请');
    const attachments = ['自验报告', '系统健康性检查报告', '年度运维总结报告', `运维月报 ${months.length} 份`, `运维实施工单 ${woTotal} 份`, `故障报告单 ${faultTotal} 份`, '巡检记录', `考勤表 ${months.length} 份`, '文档资料（系统运维手册等）'];
    await this.pdf('01-验收申请.pdf', '验收申请', await requestLetterPdf(y, figures, attachments, this.signer));
  }

  async cover(): Promise<void> {
    await this.step('封面及目录');
    const project = this.ctx.project();
    this.entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const heading = this.p.kind === 'monthly' ? `${this.p.label}月度运维资料` : `${this.p.label}运维服务验收资料`;
    const periodText = `${formatBizDate(this.p.from)} 至 ${formatBizDate(this.p.to)}`;
    const doc = await coverPdf({ project, heading, periodText, date: this.today, copies: project.settings.printCopies, entries: this.entries, fingerprint: this.identity.ed25519.fingerprint }, this.signer, this.createdAt);
    await this.put('00-封面及目录.pdf', doc.bytes);
    this.entries.unshift({ path: '00-封面及目录.pdf', title: '封面及目录', pages: doc.pages, note: '', kind: 'pdf' });
  }
}

function getMonthlyReportTables(ctx: CallContext, month: string) {
  return getMonthlyReport(ctx, month).statistics.tables.map((table) => ({ month, table }));
}

const REQUIREMENTS: Record<string, string> = {
  monthlyReports: '每月编制运维月报，报送甲方',
  workorders: '每项服务填写运维实施工单（合同附件5），由甲方业务代表签字确认',
  faults: '故障处理后 24 小时内提交书面故障报告单',
  inspections: '按日、周、月完成巡检并留存记录',
  attendance: '日常工作考勤表（合同附件6）月末后 3 日内提交，经甲方确认',
  scans: '经甲方签字确认的纸质材料留存扫描件',
  health: '07-01 至 07-15 提交系统健康性检查报告',
  documents: '提交系统运维手册、运维问题及解答手册、配置手册、实施手册（电子版及纸质版）',
};

function annualText(f: ReturnType<typeof monthFigures>, label: string, months: number): { summary: string; typicalFaults: string; suggestions: string } {
  const summary =
    `${label}（共 ${months} 个月）驻场运维团队按合同要求完成日常巡检、故障处理、运维实施和技术支持工作。` +
    `共处理故障 ${f.faults.total} 起（已解决 ${f.faults.solved} 起），完成运维实施工单 ${f.workOrders.total} 份（甲方已确认 ${f.workOrders.confirmed} 份，工作量合计 ${f.workOrders.hours} 小时），` +
    `受理咨询 ${f.problems.consult} 次、系统缺陷 ${f.problems.defect} 个；故障处理时限达标率 ${f.sla.compliancePct}%。`;
  const typicalFaults = f.typicalFaults.length ? f.typicalFaults.map((x) => `${x.docNo}（${x.date}，${x.severity}）${x.title}：${x.solution || '处理中'}`).join('\n') : '本年度未发生故障。';
  const suggestions = '持续优化监控告警阈值，完善故障应急预案；定期开展备份恢复演练与安全漏洞扫描；加强与甲方业务部门的沟通，及时办理工单签字确认。';
  return { summary, typicalFaults, suggestions };
}

/** Per asset: probes of the year, availability, warnings, severe results and faults. */
function healthRows(ctx: CallContext, p: PackPeriod): HealthRow[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT a.name AS asset, a.ip, a.os,
        (SELECT COUNT(*) FROM probe_results r WHERE r.asset_id = a.id AND r.deleted_at IS NULL AND r.started_at >= @start AND r.started_at < @end) AS checks,
        (SELECT COUNT(*) FROM probe_results r WHERE r.asset_id = a.id AND r.deleted_at IS NULL AND r.level = 'warning' AND r.started_at >= @start AND r.started_at < @end) AS warnings,
        (SELECT COUNT(*) FROM probe_results r WHERE r.asset_id = a.id AND r.deleted_at IS NULL AND r.level = 'severe' AND r.started_at >= @start AND r.started_at < @end) AS severe,
        (SELECT COUNT(*) FROM fault_assets fa JOIN faults f ON f.id = fa.fault_id WHERE fa.asset_id = a.id AND fa.deleted_at IS NULL AND f.deleted_at IS NULL AND f.reported_at >= @start AND f.reported_at < @end) AS faults
       FROM assets a WHERE a.project_id = @project AND a.deleted_at IS NULL ORDER BY a.sort, a.name`,
    )
    .all({ start: p.start, end: p.end, project: ctx.project().id }) as Array<{ asset: string; ip: string; os: string; checks: number; warnings: number; severe: number; faults: number }>;
  return rows.map((r) => {
    const availabilityPct = r.checks ? Math.round(((r.checks - r.severe) / r.checks) * 1000) / 10 : 100;
    const verdict = availabilityPct >= 99 ? '良好' : availabilityPct >= 95 ? '一般' : '需整改';
    return { ...r, availabilityPct, verdict };
  });
}
