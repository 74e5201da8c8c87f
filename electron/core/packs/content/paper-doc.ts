/**
 * Helpers shared by the pack documents: a Paper whose PDF ends with the workstation's
 * signature placeholder and is signed on finish, form volumes (many paper forms of one kind
 * in one PDF, each numbered on its own), and PDF page counting for PDFs made elsewhere.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { FormModel } from '../../forms/model';
import { Paper, type PaperOptions } from '../../paper/pdf';
import { pageNumberText } from '../../paper/style';
import { PdfFile } from '../pdf/objects';
import type { PackPdfSigner } from '../pdf/signer';

/** Longest stretch of drawing without giving the event loop a turn. */
export const YIELD_MS = 30;

export interface SignedPdf {
  bytes: Buffer;
  pages: number;
}

/** Ends a Paper with the signature placeholder and signs it. */
export async function finishSigned(paper: Paper, signer: PackPdfSigner): Promise<SignedPdf> {
  const pages = paper.pageCount;
  const raw = await paper.finish({ beforeEnd: (doc) => signer.placeholder(doc) });
  return { bytes: await signer.signPlaceheld(raw), pages };
}

/** Draws one form model at the cursor (the same layout as forms/render.ts renderPdf). */
export function drawFormModel(paper: Paper, model: FormModel): void {
  if (model.docNo) paper.docNumber(model.docNo);
  paper.title(model.title, model.subtitle);
  for (const b of model.blocks) {
    if (b.kind === 'grid') paper.fieldGrid(b.rows);
    else if (b.kind === 'note') paper.paragraph(b.text, { indent: false, size: 9 });
    else {
      if (b.heading) paper.heading(b.heading, 2);
      paper.table({ columns: b.columns, rows: b.rows, size: 9 });
    }
  }
  if (model.signatures.length) paper.signatureBlock(model.signatures);
}

/**
 * Many forms of one kind in one signed PDF (a 分册): each starts on a new page and is
 * numbered on its own ("GD-2024-0101  第 1 页 共 2 页"). One embedded font subset for the
 * whole volume instead of one per form keeps a pack small. Yields to the event loop between
 * forms and stops when `signal` is aborted.
 */
export async function formVolume(
  models: Iterable<FormModel> | AsyncIterable<FormModel>,
  opts: { info: NonNullable<PaperOptions['info']>; signer: PackPdfSigner; signal?: AbortSignal; onForm?: () => void },
): Promise<SignedPdf & { forms: number }> {
  const ranges: Array<{ first: number; last: number; label: string }> = [];
  const paper = new Paper({
    info: opts.info,
    pageNumbers: (page) => {
      const r = ranges.find((x) => page >= x.first && page <= x.last);
      if (!r) return '';
      const n = r.last - r.first + 1;
      return `${r.label}${r.label ? '    ' : ''}${pageNumberText(page - r.first + 1, n)}`;
    },
  });
  let forms = 0;
  let lastYield = performance.now();
  for await (const model of models) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    if (forms > 0) paper.addPage();
    const first = paper.pageCount;
    drawFormModel(paper, model);
    ranges.push({ first, last: paper.pageCount, label: model.docNo ?? '' });
    forms++;
    opts.onForm?.();
    // Let other work (IPC, timers, progress events) run at least every YIELD_MS of drawing.
    if (performance.now() - lastYield > YIELD_MS) {
      await yieldToLoop();
      lastYield = performance.now();
    }
  }
  const signed = await finishSigned(paper, opts.signer);
  return { ...signed, forms };
}

/** Pages of a PDF made elsewhere (the page tree's /Count), or 0 when it cannot be read. */
export function pdfPageCount(bytes: Buffer): number {
  try {
    const pdf = new PdfFile(bytes);
    const root = pdf.resolve(pdf.trailer.entries.get('Root'));
    if (root?.t !== 'dict') return 0;
    const pages = pdf.resolve(root.entries.get('Pages'));
    if (pages?.t !== 'dict') return 0;
    const count = pages.entries.get('Count');
    return count?.t === 'num' ? Number(count.raw) : 0;
  } catch {
    return 0;
  }
}
