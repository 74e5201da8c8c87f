import type { z } from 'zod';
import { appChannels } from './contract/app';
import { adminChannels } from './contract/admin';
import { projectChannels } from './contract/project';
import { attachmentChannels } from './contract/attachments';
import { faultChannels } from './contract/faults';
import { workOrderChannels } from './contract/workorders';
import { problemChannels } from './contract/problems';
import { assetChannels } from './contract/assets';
import { probeChannels } from './contract/probes';
import { inspectionChannels } from './contract/inspections';
import { attendanceChannels } from './contract/attendance';
import { reportChannels } from './contract/reports';
import { packChannels } from './contract/packs';
import { documentChannels } from './contract/documents';
import { uploadChannels } from './contract/uploads';

/**
 * The seam between the faces and the core: every channel with a zod schema for its input
 * and output. Features add their channel maps here.
 */
export const contract = {
  ...appChannels,
  ...adminChannels,
  ...projectChannels,
  ...attachmentChannels,
  ...faultChannels,
  ...workOrderChannels,
  ...problemChannels,
  ...assetChannels,
  ...probeChannels,
  ...inspectionChannels,
  ...attendanceChannels,
  ...reportChannels,
  ...packChannels,
  ...documentChannels,
  ...uploadChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Envelope sent by every face: IPC, bridge HTTP, and the CLI. */
export interface CallEnvelope {
  channel: string;
  input: unknown;
  session?: string;
}

/** Events pushed from core to the faces (progress of long jobs, notifications). */
export type CoreEvent =
  | { type: 'progress'; jobId: string; done: number; total: number; message?: string }
  | { type: 'notify'; level: 'info' | 'warn' | 'severe'; title: string; body: string; link?: string; /** The pre-filled fault report for the worst result, e.g. `#/faults/new/inspection/<id>`. */ fault?: string };
