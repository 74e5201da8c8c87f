import { and, asc, eq, isNull } from 'drizzle-orm';
import type { faultChannels } from '../../../shared/contract/faults';
import type { HandlerMap } from '../handler-types';
import { assets } from '../assets/schema';
import { staff } from '../accounts/schema';
import { formHandlers } from '../forms/handlers';
import { listFaults } from './list';
import { prefillFaultFrom } from './prefill';
import { actorName } from './repo';
import { checkAlertItem, createFault, deleteFault, editStamp, getFault, reviewFault, stampFault, updateFault } from './service';
import { faultStats } from './stats';
import './forms';

export const faultHandlers = {
  'faults/list': (ctx, input) => listFaults(ctx, input),
  'faults/get': (ctx, input) => getFault(ctx, input.id),
  'faults/options': (ctx) => {
    const project = ctx.project();
    const projectId = project.id;
    return {
      assets: ctx.db
        .select({ id: assets.id, name: assets.name, ip: assets.ip })
        .from(assets)
        .where(and(eq(assets.projectId, projectId), isNull(assets.deletedAt)))
        .orderBy(asc(assets.sort), asc(assets.name))
        .all(),
      staff: ctx.db
        .select({ id: staff.id, name: staff.name, title: staff.title })
        .from(staff)
        .where(and(eq(staff.projectId, projectId), isNull(staff.deletedAt)))
        .orderBy(asc(staff.sort), asc(staff.name))
        .all(),
      me: actorName(ctx),
      reviewer: project.settings.signatories.reviewer,
      siteName: project.partyA,
      company: project.partyB,
      clientRep: project.settings.signatories.clientRep,
    };
  },
  'faults/prefill': (ctx, input) => prefillFaultFrom(ctx, input),
  'faults/create': (ctx, input) => createFault(ctx, input),
  'faults/update': (ctx, input) => updateFault(ctx, input),
  'faults/stamp': (ctx, input) => stampFault(ctx, input),
  'faults/edit-stamp': (ctx, input) => editStamp(ctx, input),
  'faults/review': (ctx, input) => reviewFault(ctx, input),
  'faults/check-alert': (ctx, input) => checkAlertItem(ctx, input),
  'faults/delete': (ctx, input) => deleteFault(ctx, input),
  'faults/stats': (ctx, input) => faultStats(ctx, input),
  ...formHandlers,
} satisfies HandlerMap<typeof faultChannels>;
