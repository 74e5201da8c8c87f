import type { CoreEvent } from './contract';
import type { Result } from './errors';

/**
 * What the Electron preload exposes to the renderer as `window.owb` (contextBridge), and the
 * IPC names both ends use. The renderer types its IPC transport from `OwbApi`; in browser mode
 * (`npm run web`) `window.owb` is absent and the renderer talks to the loopback bridge instead.
 */
export interface OwbApi {
  /** Calls one contract channel in the core; never rejects for business errors (`ok: false`). */
  invoke(channel: string, input: unknown, session?: string): Promise<Result<unknown>>;
  /** Subscribes to core events (job progress, notifications); returns the unsubscribe function. */
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** The printers of this PC (desktop only). */
  printers(): Promise<PrinterChoice[]>;
  /** Prints a pack's PDFs in order with a copies count (desktop only); main asks the core for the list. */
  printPack(request: PrintPackRequest): Promise<Result<PrintPackOutcome>>;
  /** Prints one paper form (desktop only) and keeps the printed copy in the data folder. */
  printForm(request: PrintFormRequest): Promise<Result<PrintFormOutcome>>;
}

export interface PrintFormRequest {
  /** A form kind of forms/export (fault, workorder, daily-inspection…) and its parameters. */
  kind: string;
  params: Record<string, string>;
  copies: number;
  deviceName?: string;
  session: string;
}

export interface PrintFormOutcome {
  /** Where the printed copy was saved (under the data folder's printed/). */
  savedAs: string;
}

export interface PrinterChoice {
  name: string;
  displayName: string;
}

export interface PrintPackRequest {
  packId: string;
  copies: number;
  /** A printer from printers(); absent → the system's default printer. */
  deviceName?: string;
  session: string;
}

export interface PrintPackOutcome {
  printed: number;
  failures: Array<{ path: string; reason: string }>;
}

/** Name of the global the preload defines (`window.owb`). */
export const OWB_GLOBAL = 'owb';
/** The one `ipcMain.handle` channel: carries a `CallEnvelope`, answers a `Result`. */
export const IPC_INVOKE = 'owb:invoke';
/** Desktop printing: the printer list and a pack's PDFs in order. */
export const IPC_PRINTERS = 'owb:printers';
export const IPC_PRINT_PACK = 'owb:print-pack';
export const IPC_PRINT_FORM = 'owb:print-form';
/** Main → renderer channel of core events. */
export const IPC_EVENT = 'owb:event';

declare global {
  interface Window {
    /** Present in the Electron app only. */
    owb?: OwbApi;
  }
}
