/** 封面 and 目录 of a pack: the first PDF, made last (it lists every file and its pages). */
import type { Project } from '../../../../shared/contract/project';
import { formatBizDate } from '../../../../shared/time';
import { Paper } from '../../paper/pdf';
import { PAPER_SIZES } from '../../paper/style';
import type { PackPdfSigner } from '../pdf/signer';
import { finishSigned, type SignedPdf } from './paper-doc';

export interface ContentsEntry {
  /** Path inside the pack. */
  path: string;
  title: string;
  /** Pages (PDFs), or 0 for other files. */
  pages: number;
  note: string;
}

export interface CoverInput {
  project: Project;
  /** 2024年6月 月度运维资料 / 第1年度验收资料. */
  heading: string;
  periodText: string;
  date: string;
  copies: number;
  entries: readonly ContentsEntry[];
  fingerprint: string;
}

export async function coverPdf(c: CoverInput, signer: PackPdfSigner, created: Date): Promise<SignedPdf> {
  const p = c.project;
  const paper = new Paper({ info: { title: `${p.name} ${c.heading}`, subject: '封面及目录', author: p.partyB, creationDate: created }, pageNumbers: (page, total) => (page === 1 ? '' : `目录 第 ${page - 1} 页 共 ${total - 1} 页`) });

  // Cover.
  paper.spacer(150);
  paper.paragraph(p.name, { indent: false, align: 'center', size: 22, face: 'bold' });
  paper.spacer(10);
  paper.paragraph(c.heading, { indent: false, align: 'center', size: 20, face: 'bold' });
  paper.spacer(120);
  const line = (label: string, value: string): void => paper.paragraph(`${label}：${value}`, { indent: false, align: 'center', size: PAPER_SIZES.heading2 });
  line('项目编号', p.code);
  line('服务期间', c.periodText);
  line('采购人（甲方）', p.partyA);
  line('服务方（乙方）', p.partyB);
  line('编制日期', formatBizDate(c.date));
  line('份数', `一式${['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'][c.copies] ?? c.copies}份`);

  // Contents.
  paper.addPage();
  paper.title('目  录');
  let page = 1;
  paper.table({
    columns: [
      { key: 'no', header: '序号', width: 1 },
      { key: 'title', header: '资料名称', width: 6, align: 'left' },
      { key: 'path', header: '文件', width: 6, align: 'left' },
      { key: 'pages', header: '页数', width: 1.3 },
      { key: 'from', header: '起始页', width: 1.3 },
    ],
    rows: c.entries.map((e, i) => {
      const row = { no: String(i + 1), title: e.note ? `${e.title}（${e.note}）` : e.title, path: e.path, pages: e.pages ? String(e.pages) : '—', from: e.pages ? String(page) : '—' };
      page += e.pages;
      return row;
    }),
  });
  paper.paragraph(
    `本资料包共 ${c.entries.length} 项，PDF 合计 ${c.entries.reduce((s, e) => s + e.pages, 0)} 页（封面及目录除外），所有 PDF 均带乙方工作站数字签名。` +
      `资料包中的 manifest.json 记录了每个文件的 SHA-256 和 SM3 值，并以 Ed25519 和 SM2 签名；用浏览器打开 verify.html 或按“校验说明.txt”操作即可离线校验。` +
      `签名公钥指纹（Ed25519）：${c.fingerprint}`,
    { size: 9 },
  );
  return finishSigned(paper, signer);
}
