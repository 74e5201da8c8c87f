import type { Contract } from '../../shared/contract';
import type { HandlerMap } from './handler-types';
import { accountHandlers, authHandlers } from './accounts/handlers';
import { adminHandlers, projectHandlers } from './admin/handlers';
import { appHandlers } from './dashboard/handlers';

/** Every channel of the contract bound to its core function; a missing one fails typecheck. */
export const handlers: HandlerMap<Contract> = {
  ...appHandlers,
  ...authHandlers,
  ...accountHandlers,
  ...adminHandlers,
  ...projectHandlers,
};
