import type { packMessagesZhCN } from './packs.zh-CN';

/** English core messages of the reports and packs features. */
export const packMessagesEn: Record<keyof typeof packMessagesZhCN, string> = {
  'pack.badYear': 'The service year must be a whole number from 1 to {count} (the project has {count} service years).',
  'pack.notFound': 'Pack not found.',
  'pack.gone': 'The pack files are no longer at {path}',
  'pack.outDirMissing': 'Output folder does not exist: {dir}',
  'pack.busy': 'A pack of the same period is being built; try again later.',
  'pack.workerExited': 'The background thread building the pack stopped unexpectedly ({detail}); nothing was written. Please try again.',
  'pack.noDrive': 'The chosen removable drive was not found; plug it in again and refresh the list.',
  'pack.diskFull': 'Not enough space on the removable drive (needs about {need}, {free} free); the partial copy was removed.',
  'pack.drivePulled': 'Writing to the removable drive failed (was it pulled out?): {detail}. The partial copy was removed where possible.',
  'pack.readBackFailed': 'Read-back check failed after writing: {detail}. The copy was removed.',
  'pack.driveReadOnly': 'The removable drive is read-only.',
  'pack.uploadNotZip': 'The chosen file is not a ZIP archive: choose the pack .zip you received.',
  'pack.tooLarge': 'The file is too large ({size}) to check in the app; use owb verify.',
};
