import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { PageFrame } from '../../components/PageFrame';
import type { SectionPageProps } from '../types';
import { useFaultContext, useLoad } from './common';
import { FaultCreate, FaultEdit } from './FaultForm';
import { FaultDetail } from './FaultDetail';
import { FaultList } from './FaultList';

function FaultRoute({ id, edit }: { id: string; edit: boolean }) {
  const { t } = useTranslation();
  const { sla, options } = useFaultContext();
  const fault = useLoad(() => invoke('faults/get', { id }), [id]);
  if (fault.error) {
    return (
      <PageFrame title={t('faults.title')} testId="page-faults">
        <Alert type="error" showIcon title={fault.error} />
      </PageFrame>
    );
  }
  if (!fault.data) return <Spin />;
  return edit ? <FaultEdit fault={fault.data} /> : <FaultDetail key={fault.data.updatedAt} fault={fault.data} sla={sla} options={options} />;
}

/**
 * 故障: `#/faults` (list), `#/faults/new` (report; `/new/probe/<id>` or `/new/inspection/<id>`
 * pre-filled), `#/faults/<id>` (detail), `#/faults/<id>/edit`.
 */
export function FaultsPage({ params }: SectionPageProps) {
  const [first, second, third] = params;
  if (!first) return <FaultList />;
  if (first === 'new') {
    const prefill = (second === 'probe' || second === 'inspection') && third ? { kind: second as 'probe' | 'inspection', resultId: third } : null;
    return <FaultCreate key={params.join('/')} prefill={prefill} />;
  }
  return <FaultRoute key={first} id={first} edit={second === 'edit'} />;
}
