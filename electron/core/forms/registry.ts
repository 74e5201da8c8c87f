import type { z } from 'zod';
import type { FORM_FORMATS, FormFile } from '../../../shared/contract/forms';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';

/**
 * Registry of paper forms (故障报告单, 运维实施工单, 日常巡检表, 考勤表…). A feature registers its
 * kinds once (a side effect of importing its forms module from its handlers.ts); the channel
 * `forms/export` and the CLI's `owb export form --kind …` find them here, so a new kind plugs in
 * without editing this file, the channel or the command.
 */
export type FormFormat = (typeof FORM_FORMATS)[number];

export interface FormDocument {
  /** File name without the extension, e.g. 故障报告单-GZ-2026-0001. */
  baseName: string;
  pdf(): Promise<Buffer>;
  xlsx(): Promise<Buffer>;
}

export interface FormKind<P extends z.ZodType = z.ZodType> {
  /** The --kind value, e.g. 'fault', 'workorder', 'daily-inspection'. */
  kind: string;
  /** What people call it (the default form title). */
  label: string;
  /** The kind's parameters (strings, as the CLI passes them), e.g. z.object({ id: zId }). */
  params: P;
  /** Help for `owb export form`: one line per parameter, e.g. '--id 故障编号或 ID'. */
  usage: string;
  load(ctx: CallContext, params: z.output<P>): FormDocument | Promise<FormDocument>;
}

const kinds = new Map<string, FormKind>();

export function registerFormKind<P extends z.ZodType>(k: FormKind<P>): void {
  kinds.set(k.kind, k as unknown as FormKind);
}

export function formKinds(): FormKind[] {
  return [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function formKind(kind: string): FormKind {
  const k = kinds.get(kind);
  if (!k) throw new AppError('VALIDATION', t('form.unknownKind', { kind: kind.slice(0, 40), kinds: formKinds().map((x) => x.kind).join('、') || '—' }));
  return k;
}

export const FORMAT_MIME: Record<FormFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A file name safe on Windows and Linux (no path separators or reserved characters). */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^\.+/, '').trim();
  return cleaned.slice(0, 120) || 'form';
}

/** Renders one form: checks the kind and its parameters, then builds the file. */
export async function renderForm(ctx: CallContext, kind: string, rawParams: Record<string, string>, format: FormFormat): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const k = formKind(kind);
  const parsed = k.params.safeParse(rawParams);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError('VALIDATION', t('error.validation', { detail: issues.map((i) => (i.path ? `${i.path}：${i.message}` : i.message)).join('；') }), issues);
  }
  const doc = await k.load(ctx, parsed.data);
  const bytes = format === 'pdf' ? await doc.pdf() : await doc.xlsx();
  return { fileName: `${safeFileName(doc.baseName)}.${format}`, mime: FORMAT_MIME[format], bytes };
}

export async function exportForm(ctx: CallContext, input: { kind: string; params: Record<string, string>; format: FormFormat }): Promise<FormFile> {
  const f = await renderForm(ctx, input.kind, input.params, input.format);
  return { fileName: f.fileName, mime: f.mime, dataBase64: f.bytes.toString('base64') };
}
