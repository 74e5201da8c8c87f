import type { MessageKey } from './zh-CN';
import { faultMessagesEn } from './faults.en';
import { attendanceMessagesEn } from './attendance.en';
import { inspectionMessagesEn } from './inspections.en';
import { packMessagesEn } from './packs.en';
import { desktopMessagesEn } from './desktop.en';

export const en: Record<MessageKey, string> = {
  'error.validation': 'Invalid input: {detail}',
  'error.unknownChannel': 'Unknown operation: {channel}',
  'error.unauthenticated': 'Please log in first.',
  'error.forbidden': 'Your account may not do this ({channel}).',
  'error.notFound': '{what} not found.',
  'error.locked': 'Session locked: enter your password to unlock.',
  'error.dbDamaged': 'The database file is damaged; writes are refused. Restore the latest good backup in Settings → Backup (the damaged file is kept).',
  'error.internal': 'Internal error: {detail}',
  'error.cancelled': 'Cancelled.',
  'error.io': 'File error: {detail}',
  'auth.setupDone': 'The administrator already exists.',
  'auth.badCredentials': 'Wrong user name or password. {left} attempts left.',
  'auth.lockedOut': 'Too many failed logins: the account is locked until {until}.',
  'auth.disabled': 'This account is disabled.',
  'auth.weakPassword': 'Password too weak: at least {min} characters, three of upper case, lower case, digits and symbols, not containing the user name.',
  'auth.usernameTaken': 'User name "{username}" is taken.',
  'auth.lastAdmin': 'The last administrator cannot be disabled or demoted.',
  'auth.wrongPassword': 'Wrong password.',
  'audit.broken': 'Audit chain broken at row {seq}.',
  'backup.verifyFailed': 'Backup verification failed: {detail}',
  'backup.notFound': 'Backup file not found: {file}',
  'backup.notSqlite': 'Not a valid workbench backup: {detail}',
  'upload.notFound': 'The uploaded file is gone (cancelled or older than a day): choose the file again.',
  'upload.tooLarge': 'File too large ({size}); the app accepts at most {max}.',
  'upload.diskFull': 'Not enough space on the data disk: {need} needed, {free} free.',
  'upload.outOfOrder': 'Upload out of order: expected byte {expected}, got {got}. Upload again.',
  'upload.badChunk': 'The uploaded chunk is empty or too large.',
  'upload.overrun': 'More data than the declared file size ({size} bytes).',
  'upload.incomplete': 'The file is not fully uploaded yet ({received} of {size}).',
  ...faultMessagesEn,
  ...attendanceMessagesEn,
  ...inspectionMessagesEn,
  ...packMessagesEn,
  ...desktopMessagesEn,
};
