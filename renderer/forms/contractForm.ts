import { useCallback, useMemo, useState } from 'react';
import { Form, type FormInstance, type FormRule as Rule } from 'antd';
import { z } from 'zod';
import { contract, type Channel, type Input, type Output } from '../../shared/contract';
import type { Issue } from '../../shared/errors';
import { invoke } from '../api';
import { issueMessage, toClientError, type ClientError } from '../api/errors';

/** Per-field overrides of the message for a zod issue code, e.g. `{ invalid_format: '…' }`. */
export type IssueMessages = Partial<Record<z.core.$ZodIssue['code'], string>>;

function objectShape(channel: Channel): Record<string, z.ZodType> {
  const schema: z.ZodType = contract[channel].input;
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** The zod schema of one input field of a channel (undefined when the channel has no such field). */
export function fieldSchema(channel: Channel, field: string): z.ZodType | undefined {
  return objectShape(channel)[field];
}

/** antd rules that check a field with the channel's own zod schema (Chinese messages). */
export function zodRules(channel: Channel, field: string, messages: IssueMessages = {}): Rule[] {
  const schema = fieldSchema(channel, field);
  if (!schema) return [];
  return [
    {
      validator: async (_rule, value: unknown) => {
        const r = schema.safeParse(value, { reportInput: true });
        if (r.success) return;
        const issue = r.error.issues[0];
        if (!issue) return;
        throw new Error(messages[issue.code] ?? issueMessage(issue, value));
      },
    },
  ];
}

/** Whether a field must be filled (its schema rejects an empty value). */
export function isRequiredField(channel: Channel, field: string): boolean {
  const schema = fieldSchema(channel, field);
  if (!schema) return false;
  return !schema.safeParse(undefined).success && !schema.safeParse('').success;
}

/** Places the core's (or the client's) field issues on the form; returns the ones left over. */
export function applyIssues(form: FormInstance, issues: Issue[], fields: ReadonlySet<string>): Issue[] {
  const placed = new Map<string, string[]>();
  const rest: Issue[] = [];
  for (const i of issues) {
    const top = i.path.split('.')[0] ?? '';
    if (!i.path || !fields.has(top)) {
      rest.push(i);
      continue;
    }
    placed.set(top, [...(placed.get(top) ?? []), i.message]);
  }
  if (placed.size > 0) form.setFields([...placed].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })));
  return rest;
}

export interface ContractFormOptions<C extends Channel, V> {
  /** Builds the channel's input from the form values (default: the values themselves). */
  toInput?: (values: V) => Input<C>;
  /** Per-field message overrides. */
  messages?: Partial<Record<string, IssueMessages>>;
  onSuccess?: (output: Output<C>) => void;
}

/**
 * An antd form bound to a contract channel: field rules from the channel's zod schema, submit
 * through the typed client (which validates again), and the core's answer mapped back — field
 * issues under their fields, anything else in `formError`.
 */
export function useContractForm<C extends Channel, V extends object = Input<C> & object>(channel: C, opts: ContractFormOptions<C, V> = {}) {
  const [form] = Form.useForm<V>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { toInput, messages, onSuccess } = opts;
  const fields = useMemo(() => new Set(Object.keys(objectShape(channel))), [channel]);

  const rules = useCallback((field: string, extra: Rule[] = []): Rule[] => [...zodRules(channel, field, messages?.[field]), ...extra], [channel, messages]);
  const required = useCallback((field: string) => isRequiredField(channel, field), [channel]);

  const submit = useCallback(
    async (values: V): Promise<Output<C> | null> => {
      setFormError(null);
      setSubmitting(true);
      try {
        const input = toInput ? toInput(values) : (values as unknown as Input<C>);
        const out = await invoke(channel, input);
        onSuccess?.(out);
        return out;
      } catch (e) {
        const err: ClientError = toClientError(e);
        const rest = applyIssues(form, err.issues, fields);
        if (err.code !== 'VALIDATION' || rest.length > 0 || err.issues.length === 0) setFormError(err.message);
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    [channel, fields, form, onSuccess, toInput],
  );

  return { form, rules, required, submit, submitting, formError, setFormError };
}
