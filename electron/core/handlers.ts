import type { Contract } from '../../shared/contract';
import type { HandlerMap } from './handler-types';
import { accountHandlers, authHandlers } from './accounts/handlers';
import { adminHandlers, projectHandlers } from './admin/handlers';
import { appHandlers } from './dashboard/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { faultHandlers } from './faults/handlers';
import { workOrderHandlers } from './workorders/handlers';
import { problemHandlers } from './problems/handlers';
import { assetHandlers } from './assets/handlers';
import { probeHandlers } from './probes/handlers';
import { inspectionHandlers } from './inspections/handlers';
import { attendanceHandlers } from './attendance/handlers';
import { reportHandlers } from './reports/handlers';
import { packHandlers } from './packs/handlers';
import { documentHandlers } from './documents/handlers';
import { uploadHandlers } from './uploads/handlers';

/** Every channel of the contract bound to its core function; a missing one fails typecheck. */
export const handlers: HandlerMap<Contract> = {
  ...appHandlers,
  ...authHandlers,
  ...accountHandlers,
  ...adminHandlers,
  ...projectHandlers,
  ...attachmentHandlers,
  ...faultHandlers,
  ...workOrderHandlers,
  ...problemHandlers,
  ...assetHandlers,
  ...probeHandlers,
  ...inspectionHandlers,
  ...attendanceHandlers,
  ...reportHandlers,
  ...packHandlers,
  ...documentHandlers,
  ...uploadHandlers,
};
