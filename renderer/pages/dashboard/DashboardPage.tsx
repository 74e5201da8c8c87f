import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/contract';
import { invoke, useCoreEvents } from '../../api';
import { toClientError } from '../../api/errors';
import { PageFrame } from '../../components/PageFrame';
import { hrefOf, type Section } from '../../router';
import type { SectionPageProps } from '../types';
import { severityLabel, stateColor, stateLabel, severityColor } from './labels';

type Summary = Output<'dashboard/summary'>;
type FaultClock = Summary['faultClocks'][number];

const REFRESH_MS = 60_000;
const TICK_MS = 30_000;

function StatCard({ testId, title, icon, value, suffix, danger, href }: {
  testId: string;
  title: string;
  icon: ReactNode;
  value: number;
  suffix?: ReactNode;
  danger?: boolean;
  href: string;
}) {
  return (
    <a href={href} className="owb-stat-link" data-testid={testId} aria-label={`${title} ${value}`}>
      <Card hoverable className={danger ? 'owb-stat owb-stat-danger' : 'owb-stat'}>
        <Statistic
          title={
            <span>
              {icon} {title}
            </span>
          }
          value={value}
          suffix={suffix}
          styles={{ content: danger ? { color: '#cf1322' } : {} }}
        />
      </Card>
    </a>
  );
}

/** 工作台: the real counts from dashboard/summary and the open faults' SLA clocks. */
export function DashboardPage(_props: SectionPageProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  const [now, setNow] = useState(() => new Date());

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setSummary(await invoke('dashboard/summary', {}));
      setError(null);
      const at = new Date();
      setLoadedAt(at);
      setNow(at);
    } catch (e) {
      setError(toClientError(e).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
    const refresh = setInterval(() => void load(), REFRESH_MS);
    const tick = setInterval(() => setNow(new Date()), TICK_MS);
    return () => {
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, [load]);

  // A notification from the core (a new fault, a breach…) is a reason to count again.
  useCoreEvents((e) => {
    if (e.type === 'notify') void load();
  });

  const stat = (key: keyof Omit<Summary, 'todayInspections' | 'faultClocks'>, section: Section, icon: ReactNode, danger = false) => (
    <Col xs={24} sm={12} lg={8} xxl={4} key={key}>
      <StatCard testId={`stat-${key}`} title={t(`dashboard.${key}`)} icon={icon} value={summary?.[key] ?? 0} danger={danger && (summary?.[key] ?? 0) > 0} href={hrefOf(section)} />
    </Col>
  );

  const columns = [
    { title: t('dashboard.col.docNo'), dataIndex: 'docNo', key: 'docNo', width: 160 },
    { title: t('dashboard.col.title'), dataIndex: 'title', key: 'title' },
    {
      title: t('dashboard.col.severity'),
      dataIndex: 'severity',
      key: 'severity',
      width: 110,
      render: (v: string) => <Tag color={severityColor(v)}>{severityLabel(t, v)}</Tag>,
    },
    {
      title: t('dashboard.col.nextDeadline'),
      dataIndex: 'nextDeadline',
      key: 'nextDeadline',
      width: 240,
      render: (v: string | null) =>
        v ? (
          <span title={v}>
            {dayjs(v).format('YYYY-MM-DD HH:mm')}
            <Typography.Text type="secondary">{t('dashboard.relative', { relative: dayjs(v).from(dayjs(now)) })}</Typography.Text>
          </span>
        ) : (
          t('dashboard.noDeadline')
        ),
    },
    {
      title: t('dashboard.col.state'),
      dataIndex: 'state',
      key: 'state',
      width: 110,
      render: (v: string) => <Tag color={stateColor(v)}>{stateLabel(t, v)}</Tag>,
    },
  ];

  return (
    <PageFrame
      title={t('dashboard.title')}
      testId="page-dashboard"
      extra={
        <>
          {loadedAt ? (
            <Typography.Text type="secondary" data-testid="dashboard-updated">
              {t('dashboard.updatedAt', { time: dayjs(loadedAt).format('HH:mm:ss') })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} data-testid="dashboard-refresh">
            {t('dashboard.refresh')}
          </Button>
        </>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="dashboard-error" /> : null}
      <Row gutter={[16, 16]} data-testid="dashboard-stats" aria-busy={summary === null}>
        {stat('assets', 'assets', <DatabaseOutlined />)}
        {stat('openFaults', 'faults', <AlertOutlined />)}
        {stat('breachedFaults', 'faults', <FieldTimeOutlined />, true)}
        {stat('openWorkOrders', 'workorders', <FileDoneOutlined />)}
        <Col xs={24} sm={12} lg={8} xxl={4}>
          <StatCard
            testId="stat-todayInspections"
            title={t('dashboard.todayInspections')}
            icon={<SafetyCertificateOutlined />}
            value={summary?.todayInspections.done ?? 0}
            suffix={`/ ${summary?.todayInspections.total ?? 0}`}
            href={hrefOf('inspections')}
          />
        </Col>
        {stat('pendingLeave', 'attendance', <CalendarOutlined />)}
      </Row>
      <Card title={t('dashboard.faultClocks')} style={{ marginTop: 16 }} data-testid="fault-clocks">
        <Table<FaultClock>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={summary?.faultClocks ?? []}
          loading={summary === null && error === null}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noFaultClocks')} /> }}
          rowClassName={(r) => (r.state === 'breached' ? 'owb-row-breached' : '')}
        />
      </Card>
    </PageFrame>
  );
}
