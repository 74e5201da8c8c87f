import { registerFormKind } from '../../forms/registry';
import { loadWorkOrderForm, workOrderFormParams } from './workorder-form';

/** Registers the 运维实施工单 with the form registry (`forms/export`, `owb export form --kind workorder`). */
registerFormKind({ kind: 'workorder', label: '运维实施工单', params: workOrderFormParams, usage: '--id 工单 ID 或文档编号', load: loadWorkOrderForm });
