/**
 * Secrets at rest (probe credentials): AES-256-GCM with a 32-byte key kept in a file of the
 * data dir, created with mode 0600. The Electron main may later wrap that key with
 * `safeStorage` by installing its own KeyProvider (setKeyProvider) before the core opens.
 *
 * Sealed format (version 1): 0x01 | iv (12) | tag (16) | ciphertext. The record id is the
 * additional authenticated data, so a sealed value copied onto another record does not open.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string, aad: string): Buffer;
  /** Throws when the value was altered, sealed for another record or with another key. */
  open(sealed: Buffer, aad: string): string;
}

/** Where the 32-byte data key comes from. */
export interface KeyProvider {
  /** The key of this data dir, created on first use. */
  loadOrCreate(dataDir: string): Buffer;
}

export const KEY_FILE = 'secret.key';
const VERSION = 1;
const IV_LEN = 12;
const TAG_LEN = 16;

/** The default: a random key in `<dataDir>/secret.key`, mode 0600, written atomically. */
export const fileKeyProvider: KeyProvider = {
  loadOrCreate(dataDir) {
    const file = path.join(dataDir, KEY_FILE);
    try {
      const key = fs.readFileSync(file);
      if (key.length !== 32) throw new Error(`${file}: expected 32 bytes, found ${key.length}`);
      return key;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    fs.mkdirSync(dataDir, { recursive: true });
    const key = crypto.randomBytes(32);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, key, { mode: 0o600, flag: 'wx' });
    try {
      // Never replace a key another process created meanwhile: link fails when the file exists.
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return fs.readFileSync(file);
  },
};

let provider: KeyProvider = fileKeyProvider;
const boxes = new Map<string, SecretBox>();

/** Electron main: install a provider (e.g. a key wrapped by safeStorage) before opening the core. */
export function setKeyProvider(p: KeyProvider): void {
  provider = p;
  boxes.clear();
}

export function aesGcmBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    seal(plain, aad) {
      const iv = crypto.randomBytes(IV_LEN);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    open(sealed, aad) {
      if (sealed.length < 1 + IV_LEN + TAG_LEN || sealed[0] !== VERSION) throw new Error('sealed secret: unknown format');
      const iv = sealed.subarray(1, 1 + IV_LEN);
      const tag = sealed.subarray(1 + IV_LEN, 1 + IV_LEN + TAG_LEN);
      const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
      d.setAAD(Buffer.from(aad, 'utf8'));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(sealed.subarray(1 + IV_LEN + TAG_LEN)), d.final()]).toString('utf8');
    },
  };
}

/** The box of a data dir (key loaded once per process). */
export function secretBoxFor(dataDir: string): SecretBox {
  const dir = path.resolve(dataDir);
  let box = boxes.get(dir);
  if (!box) {
    box = aesGcmBox(provider.loadOrCreate(dir));
    boxes.set(dir, box);
  }
  return box;
}
