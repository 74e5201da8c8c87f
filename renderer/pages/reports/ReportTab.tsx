import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Input, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MonthlyReport } from '../../../shared/contract/reports';
import { addMonths, formatBizDateTime, isMonth, monthOf } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { hrefOf, navigate } from '../../router';
import { today, useLoad } from '../faults/common';

type TextKey = 'summary' | 'typicalFaults' | 'suggestions';
const TEXT_KEYS: readonly TextKey[] = ['summary', 'typicalFaults', 'suggestions'];

/** The 月报 of a month: the computed figures, and the three texts the engineer writes. */
export function ReportTab({ month: param }: { month: string | undefined }) {
  const { t } = useTranslation();
  const month = param && isMonth(param) ? param : addMonths(monthOf(today()), -1);
  const loaded = useLoad(() => invoke('reports/monthly-get', { month }), [month]);
  const go = (m: string) => navigate(hrefOf('reports', 'report', m));
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Typography.Text>{t('reports.month')}</Typography.Text>
        <DatePicker picker="month" allowClear={false} aria-label={t('reports.pickMonth')} value={dayjs(`${month}-01`)} format="YYYY年M月" onChange={(d) => d && go(d.format('YYYY-MM'))} data-testid="report-month" />
      </Space>
      {loaded.error ? <Alert type="error" showIcon title={t('reports.loadFailed', { detail: loaded.error })} /> : null}
      {!loaded.data ? loaded.error ? null : <Spin /> : <ReportEditor key={month} report={loaded.data} onSaved={loaded.setData} />}
    </Flex>
  );
}

function ReportEditor({ report, onSaved }: { report: MonthlyReport; onSaved(r: MonthlyReport): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const canWrite = !!session?.user.roles.some((r) => r === 'engineer' || r === 'manager');
  const [text, setText] = useState<Record<TextKey, string>>({ summary: report.summary, typicalFaults: report.typicalFaults, suggestions: report.suggestions });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText({ summary: report.summary, typicalFaults: report.typicalFaults, suggestions: report.suggestions }), [report]);
  const f = report.figures;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await invoke('reports/monthly-save', { month: report.month, ...text }));
      void message.success(t('reports.report.saved'));
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('reports.report.figures')}>
        <Descriptions size="small" column={{ xs: 2, md: 4 }} data-testid="report-figures">
          <Descriptions.Item label={t('reports.report.faults')}>{f.faults.total}</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.solved')}>{f.faults.solved}</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.workOrders')}>{f.workOrders.total}</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.confirmed')}>{f.workOrders.confirmed}</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.compliance')}>{f.sla.compliancePct}%</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.breaches')}>{f.sla.breaches}</Descriptions.Item>
          <Descriptions.Item label={t('reports.report.inspections')}>{f.inspections.runs}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Text type="secondary" data-testid="report-saved-state">
        {report.saved && report.updatedAt ? t('reports.report.lastSaved', { at: formatBizDateTime(report.updatedAt), by: report.updatedBy ?? '—' }) : t('reports.report.notSaved')}
      </Typography.Text>
      {!canWrite ? <Alert type="info" showIcon title={t('reports.report.readOnly')} /> : null}
      <FormError message={error} />
      {TEXT_KEYS.map((k) => (
        <Card
          key={k}
          size="small"
          title={t(`reports.report.${k}`)}
          extra={
            canWrite ? (
              <Button size="small" onClick={() => setText((x) => ({ ...x, [k]: report.drafts[k] }))} data-testid={`report-draft-${k}`}>
                {t('reports.report.useDraft')}
              </Button>
            ) : null
          }
        >
          <Input.TextArea
            aria-label={t(`reports.report.${k}`)}
            rows={k === 'summary' ? 6 : 4}
            maxLength={20000}
            value={text[k]}
            readOnly={!canWrite}
            placeholder={`${t('reports.report.draftHint')}\n${report.drafts[k]}`}
            onChange={(e) => setText((x) => ({ ...x, [k]: e.target.value }))}
            data-testid={`report-${k}`}
          />
        </Card>
      ))}
      {canWrite ? (
        <div>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="report-save">
            {t('reports.report.save')}
          </Button>
        </div>
      ) : null}
    </Flex>
  );
}
