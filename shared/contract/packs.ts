// Channels of the packs feature: monthly and annual acceptance packs (月度/年度验收资料), signed
// and verifiable offline (DOMAIN.md §7, 合同附件7).
import { z } from 'zod';
import { zUploadId } from './uploads';
import { channel, R, zId, zJobId, zMonth } from './define';

export const PACK_KINDS = ['monthly', 'annual'] as const;
export type PackKindName = (typeof PACK_KINDS)[number];

/** Which pack: a month, or a service year (1-based, from project.settings.serviceYears). */
export const zPackTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), month: zMonth }),
  z.object({ kind: z.literal('annual'), year: z.number().int().min(1).max(20) }),
]);
export type PackTarget = z.infer<typeof zPackTarget>;

export const zPackSummary = z.object({
  id: zId,
  kind: z.enum(PACK_KINDS),
  period: z.string(),
  /** Folder name (the .zip beside it has the same name). */
  name: z.string(),
  files: z.number().int(),
  manifestSha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Folder and zip still on disk. */
  present: z.boolean(),
  zipBytes: z.number().int().nullable(),
});
export type PackSummary = z.infer<typeof zPackSummary>;

export const zBuildResult = zPackSummary.extend({
  pdfs: z.number().int(),
  pages: z.number().int(),
  bytes: z.number().int(),
  seconds: z.number(),
  warnings: z.array(z.string()),
});
export type BuildResult = z.infer<typeof zBuildResult>;

export const READINESS_STATES = ['present', 'partial', 'missing'] as const;
export const zReadinessItem = z.object({
  key: z.string(),
  label: z.string(),
  status: z.enum(READINESS_STATES),
  /** What is there and what is missing, in words. */
  detail: z.string(),
  /** Short names of what is missing (months, document titles, doc numbers …), at most 50. */
  missing: z.array(z.string()),
});
export const SCHEDULE_STATES = ['upcoming', 'current', 'past'] as const;
export const zScheduleStep = z.object({
  key: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(SCHEDULE_STATES),
  /** The pack items this step needs, and whether they are all there. */
  items: z.array(z.string()),
  done: z.boolean(),
});
export const zReadiness = z.object({
  kind: z.enum(PACK_KINDS),
  period: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(zReadinessItem),
  schedule: z.array(zScheduleStep),
  ready: z.boolean(),
  lastPack: zPackSummary.nullable(),
});
export type Readiness = z.infer<typeof zReadiness>;

export const zIdentityInfo = z.object({
  fingerprints: z.object({ ed25519: z.string(), sm2: z.string(), certificate: z.string() }),
  certificate: z.object({ subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(), selfIssued: z.boolean() }),
});
export type IdentityInfo = z.infer<typeof zIdentityInfo>;

export const zVerifyReport = z.object({
  ok: z.boolean(),
  source: z.enum(['folder', 'zip']),
  problems: z.array(z.object({ kind: z.string(), path: z.string().optional(), message: z.string() })),
  manifest: z.object({ kind: z.string(), period: z.string(), project: z.string(), createdAt: z.string(), files: z.number().int(), bytes: z.number().int() }).nullable(),
  signer: z.object({
    fingerprints: z.object({ ed25519: z.string().nullable(), sm2: z.string().nullable(), certificate: z.string().nullable() }),
    certificateSubject: z.string().nullable(),
    /** null: no expected fingerprints given. */
    trusted: z.boolean().nullable(),
    /** Signed by this workstation's own keys. */
    thisWorkstation: z.boolean(),
  }),
  checked: z.object({ files: z.number().int(), bytes: z.number().int(), pdfSignatures: z.number().int() }),
  warnings: z.array(z.string()),
});
export type VerifyReport = z.infer<typeof zVerifyReport>;

export const zDrive = z.object({
  /** Stable id for the call that writes (the mount point on Linux, the letter on Windows). */
  id: z.string(),
  label: z.string(),
  mountPoint: z.string(),
  fsType: z.string(),
  freeBytes: z.number(),
  totalBytes: z.number(),
});
export type Drive = z.infer<typeof zDrive>;

/** Up to ~150 MB of zip as base64 in one call (the bridge and IPC carry it as JSON). */
const zFingerprintList = z.array(z.string().trim().min(16).max(200)).max(10);

export const packChannels = {
  'packs/list': channel({
    summary: 'Packs built on this workstation, newest first.',
    access: R.anyone,
    mutates: false,
    input: z.object({ kind: z.enum(PACK_KINDS).optional() }),
    output: z.array(zPackSummary),
  }),
  'packs/build': channel({
    summary: 'Build, sign and zip a monthly or annual acceptance pack in the data folder (long job).',
    access: R.records,
    mutates: true,
    job: true,
    input: z.object({ target: zPackTarget, jobId: zJobId }),
    output: zBuildResult,
  }),
  'packs/readiness': channel({
    summary: 'Each item a pack needs, present or missing, and the acceptance schedule of the year.',
    access: R.anyone,
    mutates: false,
    input: z.object({ target: zPackTarget }),
    output: zReadiness,
  }),
  'packs/identity': channel({
    summary: 'The workstation signing identity (created on first use): fingerprints and certificate.',
    access: R.anyone,
    mutates: false,
    input: z.object({}).strict(),
    output: zIdentityInfo,
  }),
  'packs/identity-import': channel({
    summary: "Replace the PDF signing certificate by the organisation's .p12 (admin). A job: file work and key checks are asynchronous.",
    access: R.admin,
    mutates: true,
    job: true,
    input: z.object({ p12Base64: z.string().min(4).max(10 * 1024 * 1024), passphrase: z.string().max(200), jobId: zJobId }),
    output: zIdentityInfo,
  }),
  'packs/verify': channel({
    summary: 'Check a pack of this workstation again (files, manifest signatures, PDF signatures).',
    access: R.anyone,
    mutates: false,
    input: z.object({ id: zId }),
    output: zVerifyReport,
  }),
  'packs/verify-upload': channel({
    summary: 'Check a pack received from others: its .zip sent first with uploads/* (the temp file is deleted after the check).',
    access: R.anyone,
    mutates: false,
    input: z.object({
      uploadId: zUploadId,
      trusted: z.object({ ed25519: zFingerprintList.optional(), sm2: zFingerprintList.optional() }).optional(),
    }),
    output: zVerifyReport,
  }),
  'packs/drives': channel({
    summary: 'Removable drives a pack can be exported to.',
    access: R.records,
    mutates: false,
    input: z.object({}).strict(),
    output: z.array(zDrive),
  }),
  'packs/export-usb': channel({
    summary: 'Copy a pack (folder and zip) to a removable drive: temp name, fsync, rename, read back past the page cache where the filesystem allows (long job).',
    access: R.records,
    mutates: true,
    job: true,
    input: z.object({ id: zId, drive: z.string().min(1).max(500), jobId: zJobId }),
    output: z.object({
      target: z.string(),
      files: z.number().int(),
      bytes: z.number().int(),
      verified: z.boolean(),
      /** direct: read back with O_DIRECT (from the drive); page-cache: the filesystem refused it. */
      readBack: z.enum(['direct', 'page-cache', 'mixed']),
      readBackNote: z.string().nullable(),
    }),
  }),
  'packs/print-list': channel({
    summary: 'The PDFs of a pack in print order, with the number of copies (contract: 一式三份).',
    access: R.records,
    mutates: false,
    input: z.object({ id: zId, copies: z.number().int().min(1).max(99).optional() }),
    output: z.object({
      copies: z.number().int(),
      files: z.array(z.object({ path: z.string(), absPath: z.string(), title: z.string(), pages: z.number().int() })),
      pages: z.number().int(),
    }),
  }),
  'packs/download': channel({
    summary: "A pack's .zip as base64 (browser mode saves it).",
    access: R.records,
    mutates: false,
    input: z.object({ id: zId }),
    output: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
  }),
} as const;
