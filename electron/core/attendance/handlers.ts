import type { attendanceChannels } from '../../../shared/contract/attendance';
import type { HandlerMap } from '../handler-types';

export const attendanceHandlers = {} satisfies HandlerMap<typeof attendanceChannels>;
