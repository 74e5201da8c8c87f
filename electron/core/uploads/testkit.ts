import type { TestCore } from '../test-utils';

/** Sends bytes through uploads/begin + uploads/chunk as the renderer does; returns the upload id. */
export async function uploadBytes(t: TestCore, fileName: string, bytes: Buffer, session?: string): Promise<string> {
  const { id, chunkBytes } = (await t.call('uploads/begin', { fileName, size: bytes.length }, session)) as { id: string; chunkBytes: number };
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    await t.call('uploads/chunk', { id, offset: at, dataBase64: bytes.subarray(at, at + chunkBytes).toString('base64') }, session);
  }
  return id;
}
