import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { packChannels } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { HandlerMap } from '../handler-types';
import { buildPack } from './build';
import { identityInfo, importOrganisationP12, workstationIdentity } from './identity';
import { printList } from './print';
import { readiness } from './readiness';
import { listPacks, presentPack, zipPathOf } from './store';
import { exportPackTo, listDrives } from './usb';
import { verifyStoredPack, verifyUploadedPack } from './verify-service';

/** Where the app keeps the packs it builds. */
export function packsDir(dataDir: string): string {
  return path.join(dataDir, 'packs');
}

export const packHandlers = {
  'packs/list': (ctx, input) => listPacks(ctx, input.kind),
  'packs/build': async (ctx, input) => {
    const dir = packsDir(ctx.dataDir);
    await fsp.mkdir(dir, { recursive: true });
    const built = await buildPack(ctx, input.target, { outDir: dir });
    const { folder: _folder, zip: _zip, entries: _entries, timings: _timings, ...result } = built;
    return result;
  },
  'packs/readiness': (ctx, input) => readiness(ctx, input.target),
  'packs/identity': async (ctx) => identityInfo(await workstationIdentity(ctx)),
  'packs/identity-import': (ctx, input) => importOrganisationP12(ctx, Buffer.from(input.p12Base64, 'base64'), input.passphrase),
  'packs/verify': (ctx, input) => verifyStoredPack(ctx, input.id),
  'packs/verify-upload': (ctx, input) => verifyUploadedPack(ctx, input),
  'packs/drives': () => listDrives(),
  'packs/export-usb': async (ctx, input) => {
    const row = presentPack(ctx, input.id);
    const drive = (await listDrives()).find((d) => d.id === input.drive || d.mountPoint === input.drive);
    if (!drive) throw new AppError('NOT_FOUND', t('pack.noDrive'));
    const r = await exportPackTo(row.path, drive.mountPoint, { signal: ctx.signal, progress: (d, n, m) => ctx.progress(d, n, m) });
    ctx.track('pack_export', row.id, null, { drive: drive.mountPoint, target: r.target, files: r.files, bytes: r.bytes, readBack: r.readBack });
    return r;
  },
  'packs/print-list': async (ctx, input) => {
    const row = presentPack(ctx, input.id);
    const files = await printList(row.path);
    return { copies: input.copies ?? ctx.project().settings.printCopies, files, pages: files.reduce((s, f) => s + f.pages, 0) };
  },
  'packs/download': async (ctx, input) => {
    const row = presentPack(ctx, input.id);
    const zip = zipPathOf(row.path);
    return { fileName: path.basename(zip), mime: 'application/zip', dataBase64: (await fsp.readFile(zip)).toString('base64') };
  },
} satisfies HandlerMap<typeof packChannels>;
