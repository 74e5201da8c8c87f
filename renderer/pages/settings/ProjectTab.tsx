import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Input as ChannelInput } from '../../../shared/contract';
import { zProjectSettings } from '../../../shared/contract/project';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { useAuth } from '../../auth';
import { FormError } from '../../components/FormError';
import { dateField, useLoad } from '../faults/common';

type Values = ChannelInput<'project/update'>;

/** HH:mm as project/update checks it (the contract's own schema, not a copy). */
const zTime = zProjectSettings.shape.inspection.shape.dueTime;

/**
 * 项目与合同: the contract facts the app computes with (parties, dates, SLA minutes, numbering,
 * form titles, office hours, inspection and data exchange times, signatories, print copies). Saved whole through project/update
 * (audited); an error of the contract's checks is shown on its own field.
 */
export function ProjectTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const isAdmin = session?.user.roles.includes('admin') ?? false;
  const loaded = useLoad(() => invoke('project/get', {}), []);
  const [form] = Form.useForm<Record<string, unknown>>();
  const rendered = new Set<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  const project = loaded.data;
  if (!project) return <Spin />;

  const save = async () => {
    setFormError(null);
    const v = form.getFieldsValue(true) as Values;
    // Everything not on the form (templates of marks, thresholds…) is kept as loaded.
    const { id: _id, ...base } = project;
    const input: Values = { ...base, ...v, settings: mergeDeep(base.settings, v.settings) };
    setSaving(true);
    try {
      const saved = await invoke('project/update', input);
      loaded.setData(saved);
      form.setFieldsValue(saved);
      void message.success(t('admin.project.saved'));
    } catch (e) {
      const err = toClientError(e);
      const unplaced: string[] = [];
      const fields = err.issues.filter((i) => {
        if (rendered.has(i.path)) return true;
        unplaced.push(`${i.path}：${i.message}`);
        return false;
      });
      form.setFields(fields.map((i) => ({ name: i.path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)), errors: [i.message] })));
      if (err.issues.length === 0 || unplaced.length > 0) setFormError([err.message, ...unplaced].join('\n'));
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string[]): string[] => {
    rendered.add(name.join('.'));
    return name;
  };
  const minutes = (name: string[], label: string) => (
    <Col xs={24} md={8} key={name.join('.')}>
      <Form.Item name={field(['settings', 'sla', ...name])} label={label} rules={[{ required: true, type: 'integer', min: 1, message: t('validation.requiredShort') }]}>
        <InputNumber precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  const timeRule = {
    validator: (_r: unknown, v: unknown) => (zTime.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('admin.project.timeFormat')))),
  };
  const settingMinutes = (name: string[], label: string) => (
    <Form.Item name={field(['settings', ...name])} label={label} rules={[{ required: true, type: 'integer', min: 1, message: t('validation.requiredShort') }]}>
      <InputNumber precision={0} style={{ width: '100%' }} data-testid={`project-${name.at(-1) ?? ''}`} />
    </Form.Item>
  );
  const text = (name: string[], label: string, required = true) => (
    <Form.Item name={field(name)} label={label} rules={required ? [{ required: true, whitespace: true, message: t('validation.requiredShort') }] : []}>
      <Input />
    </Form.Item>
  );

  return (
    <Flex vertical gap={12} style={{ maxWidth: 980 }}>
      {!isAdmin ? <Alert type="info" showIcon title={t('admin.project.readOnly')} /> : null}
      <FormError message={formError} />
      <Form<Record<string, unknown>> form={form} layout="vertical" name="project" initialValues={project} disabled={!isAdmin} onFinish={() => void save()}>
        <Card size="small" title={t('admin.project.basics')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>{text(['code'], t('admin.project.code'))}</Col>
            <Col xs={24} md={16}>{text(['name'], t('admin.project.name'))}</Col>
            <Col xs={24} md={12}>{text(['platformName'], t('admin.project.platformName'))}</Col>
            <Col xs={24} md={12}>{text(['partyA'], t('admin.project.partyA'))}</Col>
            <Col xs={24} md={12}>{text(['partyB'], t('admin.project.partyB'))}</Col>
            {(['signedOn', 'serviceStart', 'serviceEnd'] as const).map((k) => (
              <Col xs={24} md={4} key={k}>
                <Form.Item name={field([k])} label={t(`admin.project.${k}`)} {...dateField} rules={[{ required: true, message: t('validation.requiredShort') }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('admin.project.sla')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {minutes(['responseMinutes'], t('admin.project.responseMinutes'))}
            {minutes(['onSiteMinutes'], t('admin.project.onSiteMinutes'))}
            {minutes(['reportMinutes'], t('admin.project.reportMinutes'))}
            {minutes(['resolveMinutesBySeverity', 'normal'], t('admin.project.resolveNormal'))}
            {minutes(['resolveMinutesBySeverity', 'serious'], t('admin.project.resolveSerious'))}
            {minutes(['resolveMinutesBySeverity', 'critical'], t('admin.project.resolveCritical'))}
            {minutes(['dueSoonMinutes'], t('admin.project.dueSoonMinutes'))}
          </Row>
        </Card>
        <Card size="small" title={t('admin.project.numbering')} extra={<Typography.Text type="secondary">{t('admin.project.numberingHint')}</Typography.Text>} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {Object.keys(project.settings.numbering).map((k) => (
              <Col xs={24} md={8} key={k}>
                {text(['settings', 'numbering', k], project.settings.formTitles[k] ?? k)}
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('admin.project.formTitles')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {Object.keys(project.settings.formTitles).map((k) => (
              <Col xs={24} md={12} key={k}>
                {text(['settings', 'formTitles', k], k)}
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title={t('admin.project.schedule')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Form.Item name={field(['settings', 'inspection', 'dueTime'])} label={t('admin.project.dueTime')} required rules={[timeRule]}>
                <Input placeholder="18:00" maxLength={5} data-testid="project-dueTime" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('admin.project.exchangeCheckTimes')} required>
                <Form.List name={['settings', 'inspection', 'exchangeCheckTimes']}>
                  {(items, { add, remove }) => {
                    // the contract's issues on each time (…exchangeCheckTimes.0) are shown on that field
                    for (const item of items) field(['settings', 'inspection', 'exchangeCheckTimes', String(item.name)]);
                    return (
                    <Space wrap>
                      {items.map((item, i) => (
                        <Space.Compact key={item.key}>
                          <Form.Item name={item.name} rules={[timeRule]} noStyle>
                            <Input style={{ width: 80 }} placeholder="08:30" maxLength={5} aria-label={t('admin.project.exchangeCheckTime', { n: i + 1 })} data-testid={`project-exchange-${i}`} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('admin.project.removeTime')} title={t('admin.project.removeTime')} data-testid={`project-exchange-remove-${i}`} />
                        </Space.Compact>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add('')} data-testid="project-exchange-add">
                        {t('admin.project.addTime')}
                      </Button>
                    </Space>
                    );
                  }}
                </Form.List>
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>{settingMinutes(['inspection', 'notifyAheadMinutes'], t('admin.project.notifyAheadMinutes'))}</Col>
            <Col xs={12} md={5}>{settingMinutes(['inspection', 'severeDecisionMinutes'], t('admin.project.severeDecisionMinutes'))}</Col>
          </Row>
        </Card>
        <Card size="small" title={t('admin.project.other')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={12} md={4}>{text(['settings', 'officeHours', 'start'], t('admin.project.officeStart'))}</Col>
            <Col xs={12} md={4}>{text(['settings', 'officeHours', 'end'], t('admin.project.officeEnd'))}</Col>
            <Col xs={12} md={4}>
              <Form.Item name={field(['settings', 'printCopies'])} label={t('admin.project.printCopies')} rules={[{ required: true, type: 'integer', min: 1, max: 99, message: t('validation.requiredShort') }]}>
                <InputNumber precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>{text(['settings', 'signatories', 'reviewer'], t('admin.project.reviewer'), false)}</Col>
            <Col xs={24} md={4}>{text(['settings', 'signatories', 'projectLead'], t('admin.project.projectLead'), false)}</Col>
            <Col xs={24} md={4}>{text(['settings', 'signatories', 'clientRep'], t('admin.project.clientRep'), false)}</Col>
          </Row>
        </Card>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="project-save">
          {t('admin.project.save')}
        </Button>
      </Form>
    </Flex>
  );
}

/** The form's nested values over the loaded ones (objects merged, everything else replaced). */
function mergeDeep<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (!isPlain(base) || !isPlain(over)) return over as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeDeep((base as Record<string, unknown>)[k], v);
  return out as T;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
