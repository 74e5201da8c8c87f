import { z } from 'zod';
import { RESULT_LEVELS } from '../levels';
import { channel, R, zEmpty, zId, zJobId } from './define';

// ---------------------------------------------------------------------------------------------
// Servers and devices under care (DOMAIN.md §2), grouped by node, and the accounts the probes
// log in with. A credential's secret goes in (write-only) and never comes out: no output schema
// below has a field for it.
// ---------------------------------------------------------------------------------------------

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:]+(%[\w.-]+)?$/;

/** An IPv4 or IPv6 address (empty when the device has none, e.g. a storage shelf behind a controller). */
export function isIpAddress(s: string): boolean {
  if (IPV4.test(s)) return true;
  return s.includes(':') && IPV6.test(s) && s.split('::').length <= 2;
}

export const ASSET_TEXT_MAX = 200;
const text = (label: string, max = ASSET_TEXT_MAX) => z.string().trim().max(max, { message: `${label}最多 ${max} 个字` });

export const zAssetIp = z
  .string()
  .trim()
  .max(64, { message: 'IP地址过长' })
  .refine((v) => v === '' || isIpAddress(v), { message: 'IP地址格式不正确（例如 10.32.1.15）' });

/** Every field of an asset (DOMAIN.md §2) as the engineer edits it. */
export const zAssetFields = z.object({
  name: z.string().trim().min(1, { message: '请填写服务器名称' }).max(100, { message: '服务器名称最多 100 个字' }),
  nodeGroup: text('节点', 60),
  ip: zAssetIp,
  os: text('操作系统', 100),
  systemShort: text('系统简称', 40),
  model: text('设备型号', 100),
  purpose: text('设备用途'),
  location: text('所在位置', 100),
  category: text('类别', 60),
  contentCategory: text('内容分类', 60),
  owner: text('负责人', 50),
  note: text('备注', 500),
  sort: z.number().int().min(0).max(1_000_000),
  credentialId: zId.nullable(),
});
export type AssetFields = z.infer<typeof zAssetFields>;

export const zLevel = z.enum(RESULT_LEVELS);

export const zAsset = zAssetFields.extend({
  id: zId,
  credentialLabel: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Worst level of the latest result of each enabled check (null: never probed). */
  level: zLevel.nullable(),
  lastProbeAt: z.string().nullable(),
  checks: z.number().int(),
});
export type Asset = z.infer<typeof zAsset>;

export const CREDENTIAL_KINDS = ['password', 'private_key'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = { password: '密码', private_key: '私钥' };

/** A credential as every face sees it: who logs in and how, never the secret itself. */
export const zCredential = z.object({
  id: zId,
  label: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  username: z.string(),
  hasSecret: z.boolean(),
  usedBy: z.number().int(),
  updatedAt: z.string(),
});
export type Credential = z.infer<typeof zCredential>;

export const SECRET_MAX = 16_384;

export const zCredentialInput = z.object({
  id: zId.optional(),
  label: z.string().trim().min(1, { message: '请填写凭据名称' }).max(60, { message: '凭据名称最多 60 个字' }),
  kind: z.enum(CREDENTIAL_KINDS),
  username: z
    .string()
    .trim()
    .min(1, { message: '请填写登录用户名' })
    .max(64)
    .regex(/^[A-Za-z0-9_.@\\-]+$/, { message: '用户名只能包含字母、数字和 _ . @ \\ -' }),
  /** Password or PEM private key. Required on create; omitted on update keeps the stored one. */
  secret: z.string().min(1).max(SECRET_MAX, { message: `密码或私钥最多 ${SECRET_MAX} 个字符` }).optional(),
  /** Passphrase of an encrypted private key. */
  passphrase: z.string().max(1024).optional(),
});

/** A generated file (Excel export): bytes as base64. */
export const zAssetFile = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });

/** ~10 MB of xlsx at most (base64 is 4/3 of the bytes). */
export const IMPORT_MAX_BASE64 = 14_000_000;

export const zImportResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const assetChannels = {
  'assets/list': channel({
    summary: 'Servers and devices of the project in form order (sort, name) with node group and last probe level.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ search: z.string().trim().max(100).optional() }),
    output: z.array(zAsset),
  }),
  'assets/get': channel({
    summary: 'One asset.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ id: zId }),
    output: zAsset,
  }),
  'assets/save': channel({
    summary: 'Add or edit an asset (every field of DOMAIN.md §2). Names are unique in the project.',
    access: R.records,
    mutates: true,
    input: zAssetFields.extend({ id: zId.optional() }),
    output: zAsset,
  }),
  'assets/delete': channel({
    summary: 'Remove an asset (soft delete, with its probe checks). Its history stays.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId }),
    output: z.object({ id: zId }),
  }),
  'assets/import': channel({
    summary: 'Import assets from an Excel file (base64 bytes): every row is checked first; one bad row and nothing is changed.',
    access: R.records,
    mutates: true,
    job: true,
    input: z.object({ dataBase64: z.string().min(1).max(IMPORT_MAX_BASE64, { message: '文件过大（最多约 10 MB）' }), jobId: zJobId }),
    output: zImportResult,
  }),
  'assets/export': channel({
    summary: 'The asset list as an Excel file (the import layout; never any secret).',
    access: R.recordsRead,
    mutates: false,
    input: zEmpty,
    output: zAssetFile,
  }),
  'assets/credentials': channel({
    summary: 'Login accounts the probes use (never the password or key).',
    access: R.recordsRead,
    mutates: false,
    input: zEmpty,
    output: z.array(zCredential),
  }),
  'assets/credential-save': channel({
    summary: 'Add or edit a login account; the secret is encrypted at rest (AES-256-GCM) and never returned.',
    access: R.records,
    mutates: true,
    input: zCredentialInput,
    output: zCredential,
  }),
  'assets/credential-delete': channel({
    summary: 'Remove a login account that no asset uses any more.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId }),
    output: z.object({ id: zId }),
  }),
} as const;
