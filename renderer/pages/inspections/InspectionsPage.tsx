import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, DatePicker, Empty, Flex, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import type { RunSummary } from '../../../shared/contract/inspections';
import { addDays, formatBizDate, formatBizDateTime, isBizDate } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, navigate } from '../../router';
import type { SectionPageProps } from '../types';
import { today, useLoad } from '../faults/common';
import { FormsMenu, LevelTag, SweepControl, useCanWrite } from './common';
import { RunScreen } from './RunScreen';

type Today = Output<'inspections/today'>;

/**
 * 巡检: `#/inspections` (today's round at a glance), `#/inspections/day/YYYY-MM-DD`,
 * `#/inspections/run/<id>` (the run screen), `#/inspections/history`.
 */
export function InspectionsPage({ params }: SectionPageProps) {
  const [first, second] = params;
  if (first === 'run' && second) return <RunScreen key={second} runId={second} />;
  if (first === 'history') return <HistoryPage />;
  const date = first === 'day' && second && isBizDate(second) ? second : today();
  return <TodayPage key={date} date={date} />;
}

export function StatusTag({ run }: { run: Pick<RunSummary, 'status' | 'late'> }) {
  const { t } = useTranslation();
  const color = run.status === 'done' ? 'green' : run.status === 'paused' ? 'red' : run.status === 'stopped' ? 'default' : 'blue';
  return (
    <Space size={4}>
      <Tag color={color} data-testid="run-status" data-status={run.status}>
        {t(`inspections.status.${run.status}`)}
      </Tag>
      {run.late ? (
        <Tag color="volcano" data-testid="run-late">
          {t('inspections.lateTag')}
        </Tag>
      ) : null}
    </Space>
  );
}

function TodayPage({ date }: { date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { canWrite, isManager } = useCanWrite();
  const loaded = useLoad(() => invoke('inspections/today', { date }), [date]);
  const [starting, setStarting] = useState<string | null>(null);
  const d = loaded.data;

  const start = async (templateCode: string, slot: string) => {
    setStarting(`${templateCode}:${slot}`);
    try {
      const r = await invoke('inspections/start', { templateCode, bizDate: date, slot });
      navigate(hrefOf('inspections', 'run', r.run.id));
    } catch (e) {
      void message.error(toClientError(e).message);
    } finally {
      setStarting(null);
    }
  };

  const forms = useMemo(
    () => [
      { key: 'daily', label: t('inspections.forms.daily'), kind: 'daily-inspection', params: { date } },
      { key: 'status', label: t('inspections.forms.systemStatus'), kind: 'system-status', params: { date } },
      { key: 'weekly', label: t('inspections.forms.weekly'), kind: 'weekly-inspection', params: { date } },
      { key: 'report', label: t('inspections.forms.report'), kind: 'inspection-report', params: { date } },
      { key: 'software', label: t('inspections.forms.software'), kind: 'software-inspection', params: { date } },
    ],
    [date, t],
  );

  return (
    <PageFrame
      title={t('inspections.title')}
      testId="page-inspections"
      extra={
        <>
          <Button onClick={() => navigate(hrefOf('inspections', 'day', addDays(date, -1)))}>‹</Button>
          <DatePicker value={dayjs(date)} allowClear={false} onChange={(v) => v && navigate(hrefOf('inspections', 'day', v.format('YYYY-MM-DD')))} data-testid="today-date" />
          <Button onClick={() => navigate(hrefOf('inspections', 'day', addDays(date, 1)))}>›</Button>
          <Button icon={<ReloadOutlined />} onClick={loaded.reload}>
            {t('inspections.refresh')}
          </Button>
          <Button onClick={() => navigate(hrefOf('inspections', 'history'))}>{t('inspections.historyTab')}</Button>
          <FormsMenu forms={forms} />
          {canWrite ? <SweepControl onDone={loaded.reload} /> : null}
        </>
      }
    >
      {loaded.error ? <Alert type="error" showIcon title={loaded.error} style={{ marginBottom: 16 }} /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {formatBizDate(d.bizDate)}
            {d.working ? '' : `（${t('inspections.nonWorking')}）`} {t('inspections.dueAt', { time: formatBizDateTime(d.dueAt).slice(-5) })}
          </Typography.Text>
          <Row gutter={16}>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('inspections.summary.done')} value={`${d.done}/${d.total}`} prefix={<CheckCircleOutlined />} data-testid="today-done" />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('inspections.summary.failing')} value={d.failing.length} styles={{ content: { color: d.failing.length ? '#cf1322' : undefined } }} prefix={<ExclamationCircleOutlined />} data-testid="today-failing" />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('inspections.summary.late')} value={d.late.length} styles={{ content: { color: d.late.length ? '#d4380d' : undefined } }} data-testid="today-late" />
              </Card>
            </Col>
            <Col span={6}>
              <Card size="small">
                <Statistic title={t('inspections.summary.paused')} value={d.paused.length} styles={{ content: { color: d.paused.length ? '#cf1322' : undefined } }} prefix={<PauseCircleOutlined />} data-testid="today-paused" />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            {d.slots.map((s) => (
              <Col span={12} key={s.slot}>
                <Card title={s.label} size="small" data-testid={`slot-${s.slot}`} extra={<Typography.Text type="secondary">{t('inspections.slot.planned', { time: formatBizDateTime(s.at).slice(-5) })}</Typography.Text>}>
                  <Flex vertical gap={8}>
                    <div>
                      <Typography.Text strong>{t('inspections.slot.exchange')}：</Typography.Text>
                      {s.sweep ? (
                        <Space>
                          <span>{t('inspections.slot.ranAt', { time: formatBizDateTime(s.sweep.ranAt).slice(-5) })}</span>
                          {s.sweep.late ? <Tag color="volcano">{t('inspections.slot.lateRun')}</Tag> : null}
                          {s.sweep.counts.severe ? <LevelTag level="severe" /> : s.sweep.counts.warning ? <LevelTag level="warning" /> : <LevelTag level="normal" />}
                        </Space>
                      ) : (
                        <Typography.Text type="secondary">{t('inspections.slot.notRun')}</Typography.Text>
                      )}
                    </div>
                    <Flex align="center" justify="space-between" gap={8}>
                      <Space>
                        <Typography.Text strong>{t('inspections.title')}：</Typography.Text>
                        {s.run ? (
                          <>
                            <StatusTag run={s.run} />
                            <span data-testid="slot-progress">{t('inspections.slot.progress', { filled: s.run.filled, items: s.run.items })}</span>
                            {s.run.counts.severe ? <Badge count={s.run.counts.severe} color="red" /> : null}
                            {s.run.counts.warning ? <Badge count={s.run.counts.warning} color="orange" /> : null}
                          </>
                        ) : (
                          <Typography.Text type="secondary">{t('inspections.slot.notStarted')}</Typography.Text>
                        )}
                      </Space>
                      {s.run ? (
                        <Button type={s.run.status === 'open' || s.run.status === 'paused' ? 'primary' : 'default'} onClick={() => navigate(hrefOf('inspections', 'run', s.run!.id))} data-testid={`slot-open-${s.slot}`}>
                          {s.run.status === 'open' || s.run.status === 'paused' ? t('inspections.slot.open') : t('inspections.slot.view')}
                        </Button>
                      ) : canWrite ? (
                        <Button type="primary" icon={<PlayCircleOutlined />} loading={starting === `daily:${s.slot}`} onClick={() => void start('daily', s.slot)} data-testid={`slot-start-${s.slot}`}>
                          {t('inspections.slot.start')}
                        </Button>
                      ) : null}
                    </Flex>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
          {d.paused.length ? (
            <Alert
              type="error"
              showIcon
              title={t('inspections.paused.title')}
              description={d.paused.map((r) => (
                <div key={r.id}>
                  <a href={hrefOf('inspections', 'run', r.id)}>
                    {r.templateTitle}（{r.slotLabel}）
                  </a>
                  ：{r.pausedReason}
                  {isManager ? null : ` ${t('inspections.paused.waiting')}`}
                </div>
              ))}
            />
          ) : null}
          <Card title={t('inspections.failing.title')} size="small" data-testid="today-failing-list">
            {d.failing.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.failing.empty')} />
            ) : (
              <Table<Today['failing'][number]>
                rowKey="resultId"
                size="small"
                pagination={false}
                showHeader={false}
                dataSource={d.failing}
                columns={[
                  { key: 'level', width: 80, render: (_: unknown, f) => <LevelTag level={f.level} /> },
                  { key: 'asset', width: 220, render: (_: unknown, f) => <a href={hrefOf('inspections', 'run', f.runId)}>{f.assetName}</a> },
                  { key: 'label', width: 140, dataIndex: 'label' },
                  { key: 'value', render: (_: unknown, f) => <Typography.Text type="secondary">{f.value}</Typography.Text> },
                  ...(canWrite
                    ? [{ key: 'fault', width: 140, render: (_: unknown, f: Today['failing'][number]) => <a href={hrefOf('faults', 'new', 'inspection', f.resultId)} data-testid="failing-fault">{t('inspections.failing.fault')}</a> }]
                    : []),
                ]}
              />
            )}
          </Card>
          {canWrite ? (
            <Card title={t('inspections.other.title')} size="small">
              <Space>
                <Button loading={starting === 'software:am'} onClick={() => void start('software', 'am')} data-testid="start-software">
                  {t('inspections.other.software')}
                </Button>
                <Button loading={starting === 'ops-check:month'} onClick={() => void start('ops-check', 'month')} data-testid="start-ops-check">
                  {t('inspections.other.opsCheck')}
                </Button>
              </Space>
            </Card>
          ) : null}
        </Flex>
      ) : null}
    </PageFrame>
  );
}

function HistoryPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>(() => [addDays(today(), -30), today()]);
  const [template, setTemplate] = useState<string | undefined>(undefined);
  const templates = useLoad(() => invoke('inspections/templates', {}), []);
  const runs = useLoad(() => invoke('inspections/runs', { from: range[0], to: range[1], ...(template ? { templateCode: template } : {}) }), [range[0], range[1], template]);
  return (
    <PageFrame title={t('inspections.historyTab')} testId="page-inspections" extra={<Button onClick={() => navigate(hrefOf('inspections'))}>{t('inspections.todayTab')}</Button>}>
      <Flex gap={8} style={{ marginBottom: 16 }} wrap>
        <DatePicker.RangePicker value={[dayjs(range[0]), dayjs(range[1])]} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <Select
          style={{ minWidth: 260 }}
          allowClear
          placeholder={t('inspections.history.all')}
          value={template}
          onChange={(v: string | undefined) => setTemplate(v)}
          options={(templates.data ?? []).filter((x) => x.layout.kind === 'round').map((x) => ({ value: x.code, label: x.title }))}
        />
      </Flex>
      {runs.error ? <Alert type="error" showIcon title={runs.error} /> : null}
      <Table<RunSummary>
        rowKey="id"
        size="middle"
        loading={runs.loading}
        dataSource={runs.data ?? []}
        locale={{ emptyText: t('inspections.history.empty') }}
        onRow={(r) => ({ onClick: () => navigate(hrefOf('inspections', 'run', r.id)), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('inspections.history.col.date'), dataIndex: 'bizDate', width: 120 },
          { title: t('inspections.history.col.slot'), dataIndex: 'slotLabel', width: 80 },
          { title: t('inspections.history.col.template'), dataIndex: 'templateTitle', ellipsis: true },
          { title: t('inspections.history.col.inspector'), dataIndex: 'inspectorName', width: 100 },
          { title: t('inspections.history.col.status'), key: 'status', width: 160, render: (_: unknown, r: RunSummary) => <StatusTag run={r} /> },
          { title: t('inspections.history.col.progress'), key: 'progress', width: 100, render: (_: unknown, r: RunSummary) => `${r.filled}/${r.items}` },
          {
            title: t('inspections.history.col.counts'),
            key: 'counts',
            width: 160,
            render: (_: unknown, r: RunSummary) => (
              <Space size={4}>
                <Tag color="green">{r.counts.normal}</Tag>
                <Tag color="orange">{r.counts.warning}</Tag>
                <Tag color="red">{r.counts.severe}</Tag>
              </Space>
            ),
          },
        ]}
      />
    </PageFrame>
  );
}
