import { invoke } from './index';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(s);
}

/**
 * Sends a file to the core in chunks (uploads/*) and returns the upload id other channels take.
 * Reports progress after each chunk; an aborted signal discards what was sent.
 */
export async function uploadFile(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  const { id, chunkBytes } = await invoke('uploads/begin', { fileName: file.name, size: file.size });
  try {
    for (let at = 0; at < file.size; at += chunkBytes) {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const bytes = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
      const r = await invoke('uploads/chunk', { id, offset: at, dataBase64: toBase64(bytes) });
      onProgress(r.received, file.size);
    }
    return id;
  } catch (e) {
    await invoke('uploads/discard', { id }).catch(() => undefined);
    throw e;
  }
}
