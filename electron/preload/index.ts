/**
 * The sandboxed preload: one `invoke` and one event subscription, nothing else. It is bundled
 * to CommonJS (sandboxed preloads cannot be ES modules) and may require only 'electron'.
 * The IpcRendererEvent is never handed to the page (it would expose `sender`).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CoreEvent } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import {
  IPC_EVENT,
  IPC_INVOKE,
  IPC_PRINT_FORM,
  IPC_PRINT_PACK,
  IPC_PRINTERS,
  OWB_GLOBAL,
  type OwbApi,
  type PrintFormOutcome,
  type PrintFormRequest,
  type PrintPackOutcome,
  type PrintPackRequest,
  type PrinterChoice,
} from '../../shared/bridge-api';

const api = {
  invoke(channel: string, input: unknown, session?: string): Promise<Result<unknown>> {
    const envelope = session === undefined ? { channel, input } : { channel, input, session };
    return ipcRenderer.invoke(IPC_INVOKE, envelope) as Promise<Result<unknown>>;
  },
  onEvent(listener: (event: CoreEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, payload: CoreEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
  printers(): Promise<PrinterChoice[]> {
    return ipcRenderer.invoke(IPC_PRINTERS) as Promise<PrinterChoice[]>;
  },
  printPack(request: PrintPackRequest): Promise<Result<PrintPackOutcome>> {
    return ipcRenderer.invoke(IPC_PRINT_PACK, request) as Promise<Result<PrintPackOutcome>>;
  },
  printForm(request: PrintFormRequest): Promise<Result<PrintFormOutcome>> {
    return ipcRenderer.invoke(IPC_PRINT_FORM, request) as Promise<Result<PrintFormOutcome>>;
  },
} satisfies OwbApi;

contextBridge.exposeInMainWorld(OWB_GLOBAL, api);
