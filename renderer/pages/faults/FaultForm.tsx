import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Spin, Typography, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { suggestedAlertLevel } from '../../../shared/alerts';
import type { Input as ChannelInput } from '../../../shared/contract';
import { FAULT_CATEGORIES, FAULT_SEVERITIES, LONG_TEXT_MAX, type Fault, type FaultSeverity } from '../../../shared/contract/faults';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';
import { FormError } from '../../components/FormError';
import { PageFrame } from '../../components/PageFrame';
import { useContractForm } from '../../forms/contractForm';
import { hrefOf, navigate } from '../../router';
import { dateField, instantField, submitOnCtrlEnter, today, useFaultContext, type Options } from './common';

type CreateValues = ChannelInput<'faults/create'>;
type UpdateValues = Omit<ChannelInput<'faults/update'>, 'id'>;

interface FieldProps {
  rules: (field: string, extra?: FormRule[]) => FormRule[];
  required: (field: string) => boolean;
  options: Options | null;
  mode: 'create' | 'edit';
  severityChanged?: boolean;
}

const textCount = { show: true, max: LONG_TEXT_MAX };

/** The fields of the 故障报告单, laid out like the paper form. */
function FaultFields({ rules, required, options, mode, severityChanged }: FieldProps) {
  const { t } = useTranslation();
  const staff = (options?.staff ?? []).map((s) => ({ value: s.name, label: `${s.name}（${s.title}）` }));
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Form.Item name="title" label={t('faults.field.title')} required={required('title')} rules={rules('title')}>
            <Input autoFocus maxLength={400} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="faultDate" label={t('faults.field.faultDate')} rules={rules('faultDate')} {...dateField}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="reportDate" label={t('faults.field.reportDate')} rules={rules('reportDate')} {...dateField}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Form.Item name="reporterName" label={t('faults.field.reporterName')} rules={rules('reporterName')}>
            <AutoComplete options={staff} filterOption />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item name="engineerName" label={t('faults.field.engineerName')} rules={rules('engineerName')} normalize={(v: string | undefined) => v || undefined}>
            <AutoComplete options={staff} filterOption allowClear />
          </Form.Item>
        </Col>
        {mode === 'create' ? (
          <Col xs={24} lg={8}>
            <Form.Item name="reportedAt" label={t('faults.field.reportedAt')} tooltip={t('faults.field.reportedAtHint')} rules={rules('reportedAt')} {...instantField}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.Item name="category" label={t('faults.field.category')} required={required('category')} rules={rules('category')}>
        <Radio.Group options={FAULT_CATEGORIES.map((c) => ({ value: c, label: t(`faults.category.${c}`) }))} data-testid="fault-category" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name="severity" label={t('faults.field.severity')} required={required('severity')} rules={rules('severity')}>
            <Radio.Group optionType="button" options={FAULT_SEVERITIES.map((s) => ({ value: s, label: t(`faults.severity.${s}`) }))} data-testid="fault-severity" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="alertLevel" label={t('faults.field.alertLevel')} rules={rules('alertLevel')}>
            <Radio.Group optionType="button" options={([1, 2, 3] as const).map((l) => ({ value: l, label: t(`faults.alertLevel.${l}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {severityChanged ? (
        <Form.Item name="severityReason" label={t('faults.field.severityReason')} rules={[...rules('severityReason'), { required: true, message: t('validation.requiredShort') }]}>
          <Input maxLength={500} />
        </Form.Item>
      ) : null}
      <Form.Item name="description" label={t('faults.field.description')} required={required('description')} rules={rules('description')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} count={textCount} />
      </Form.Item>
      <Form.Item name="assetIds" label={t('faults.field.assets')} rules={rules('assetIds')}>
        <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={(options?.assets ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.ip}）` }))} />
      </Form.Item>
      {mode === 'edit' ? (
        <>
          <Form.Item name="solved" label={t('faults.field.solved')}>
            <Radio.Group
              options={[
                { value: true, label: t('faults.solvedYes') },
                { value: false, label: t('faults.solvedNo') },
              ]}
            />
          </Form.Item>
          {(['solution', 'causeAnalysis', 'handlingProcess', 'preventiveMeasures'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`faults.field.${k}`)} rules={rules(k)}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} count={textCount} />
            </Form.Item>
          ))}
        </>
      ) : null}
    </>
  );
}

function Actions({ submitting, label, cancelHref }: { submitting: boolean; label: string; cancelHref: string }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="fault-submit">
        {label}
      </Button>
      <Button href={cancelHref}>{t('faults.form.cancel')}</Button>
      <Typography.Text type="secondary">{t('faults.form.shortcut')}</Typography.Text>
    </Space>
  );
}

/** 报告故障: from scratch, or pre-filled from a probe result or an inspection item (`#/faults/new/probe/<id>`). */
export function FaultCreate({ prefill }: { prefill: { kind: 'probe' | 'inspection'; resultId: string } | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useFaultContext();
  const [prefillError, setPrefillError] = useState<string | null>(null);
  const { form, rules, required, submit, submitting, formError } = useContractForm<'faults/create', CreateValues>('faults/create');

  useEffect(() => {
    if (!options) return;
    form.setFieldsValue({ reporterName: options.me, faultDate: today(), reportDate: today(), severity: 'normal', alertLevel: 1, assetIds: [] });
    if (!prefill) return;
    invoke('faults/prefill', prefill)
      .then((d) => form.setFieldsValue({ ...d, alertLevel: d.alertLevel as 1 | 2 | 3, sourceRef: d.sourceRef }))
      .catch((e: unknown) => setPrefillError(toClientError(e).message));
  }, [form, options, prefill]);

  const onFinish = async (v: CreateValues) => {
    const out = await submit({ ...v, engineerName: v.engineerName || null, sourceRef: form.getFieldValue('sourceRef') as string | null | undefined, source: (form.getFieldValue('source') as CreateValues['source']) ?? 'manual' });
    if (!out) return;
    void message.success(t('faults.detail.created', { docNo: out.docNo }));
    navigate(hrefOf('faults', out.id));
  };

  return (
    <PageFrame title={t('faults.newTitle')} testId="page-faults">
      <Card>
        {prefillError ? <Alert type="warning" showIcon title={prefillError} style={{ marginBottom: 16 }} /> : null}
        <FormError message={formError} />
        {!options ? <Spin /> : null}
        <Form
          form={form}
          name="fault"
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          onKeyDown={submitOnCtrlEnter(() => form.submit())}
          onValuesChange={(changed: Partial<CreateValues>) => {
            if (changed.severity) form.setFieldValue('alertLevel', suggestedAlertLevel(changed.severity as FaultSeverity));
          }}
        >
          <Form.Item name="source" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="sourceRef" hidden>
            <Input />
          </Form.Item>
          <FaultFields rules={rules} required={required} options={options} mode="create" />
          <Actions submitting={submitting} label={t('faults.form.create')} cancelHref={hrefOf('faults')} />
        </Form>
      </Card>
    </PageFrame>
  );
}

/** 编辑故障报告单 (stamps are changed on the detail page, with a reason). */
export function FaultEdit({ fault }: { fault: Fault }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { options } = useFaultContext();
  const [severity, setSeverity] = useState(fault.severity);
  const { form, rules, required, submit, submitting, formError } = useContractForm<'faults/update', UpdateValues>('faults/update');

  const onFinish = async (v: UpdateValues) => {
    const out = await submit({ ...v, id: fault.id, engineerName: v.engineerName || null } as UpdateValues);
    if (!out) return;
    void message.success(t('faults.detail.saved'));
    navigate(hrefOf('faults', fault.id));
  };

  const initial: UpdateValues = {
    title: fault.title,
    category: fault.category,
    severity: fault.severity,
    alertLevel: fault.alertLevel as 1 | 2 | 3,
    description: fault.description,
    faultDate: fault.faultDate,
    reportDate: fault.reportDate,
    reporterName: fault.reporterName,
    engineerName: fault.engineerName,
    solved: fault.solved,
    solution: fault.solution,
    causeAnalysis: fault.causeAnalysis,
    handlingProcess: fault.handlingProcess,
    preventiveMeasures: fault.preventiveMeasures,
    assetIds: fault.assets.map((a) => a.id),
  };

  return (
    <PageFrame title={`${t('faults.editTitle')} ${fault.docNo}`} testId="page-faults">
      <Card>
        <FormError message={formError} />
        <Form
          form={form}
          name="fault"
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => void onFinish(v)}
          onKeyDown={submitOnCtrlEnter(() => form.submit())}
          onValuesChange={(changed: Partial<UpdateValues>) => {
            if (changed.severity) setSeverity(changed.severity);
          }}
        >
          <FaultFields rules={rules} required={required} options={options} mode="edit" severityChanged={severity !== fault.severity} />
          <Actions submitting={submitting} label={t('faults.form.submit')} cancelHref={hrefOf('faults', fault.id)} />
        </Form>
      </Card>
    </PageFrame>
  );
}
