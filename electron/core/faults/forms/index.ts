import { registerFormKind } from '../../forms/registry';
import { faultFormParams, loadFaultForm } from './fault-form';

/** Registers the 故障报告单 with the form registry (`forms/export`, `owb export form --kind fault`). */
registerFormKind({ kind: 'fault', label: '故障报告单', params: faultFormParams, usage: '--id 故障 ID 或文档编号', load: loadFaultForm });
