import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cellSymbol, markTypeOf, type Half } from '../../../shared/attendance/marks';
import { totalsValue } from '../../../shared/attendance/totals';
import type { CellInput, Mark, MonthView } from '../../../shared/contract/attendance';
import { formatBizDate, formatMonth, WEEKDAY_LABELS } from '../../../shared/time';
import { invoke } from '../../api';
import { toClientError } from '../../api/errors';

const WEEKDAY_CHARS = ['日', '一', '二', '三', '四', '五', '六'] as const;

export interface Selection {
  row: number;
  col: number;
}

interface Props {
  view: MonthView;
  onView(v: MonthView): void;
  /** Marks may be written (role and an open month). */
  writable: boolean;
}

const keyOf = (staffId: string, date: string) => `${staffId}|${date}`;

/**
 * The month sheet as a keyboard grid: arrow keys move, a mark's key (1 出勤, 2 加班 … as in the
 * legend) marks the whole day and moves on, Delete clears the day. Half days, notes, minutes
 * late and overtime hours are set in the cell editor beside it. Writes are queued in order;
 * every answer is the whole month again (totals and violations included).
 */
export function MonthGrid({ view, onView, writable }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [sel, setSel] = useState<Selection | null>(null);
  const [pending, setPending] = useState<Map<string, string | null>>(new Map());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const gridRef = useRef<HTMLTableElement>(null);

  const marksByCell = useMemo(() => {
    const m = new Map<string, Mark[]>();
    for (const x of view.marks) m.set(keyOf(x.staffId, x.date), [...(m.get(keyOf(x.staffId, x.date)) ?? []), x]);
    return m;
  }, [view.marks]);
  const problems = useMemo(() => {
    const m = new Map<string, { severity: 'error' | 'warning'; messages: string[] }>();
    for (const v of view.violations) {
      if (!v.date) continue;
      const k = keyOf(v.staffId, v.date);
      const cur = m.get(k) ?? { severity: 'warning' as const, messages: [] };
      m.set(k, { severity: cur.severity === 'error' || v.severity === 'error' ? 'error' : 'warning', messages: [...cur.messages, v.message] });
    }
    return m;
  }, [view.violations]);
  const totals = useMemo(() => new Map(view.totals.map((x) => [x.staffId, x])), [view.totals]);

  // A month switch or a changed team keeps the selection inside the grid.
  useEffect(() => {
    setSel((s) => (s && (s.row >= view.staff.length || s.col >= view.days.length) ? null : s));
  }, [view.staff.length, view.days.length]);

  const submit = useCallback(
    (cells: CellInput[], optimistic: Map<string, string | null>) => {
      setPending((p) => new Map([...p, ...optimistic]));
      inFlight.current++;
      queue.current = queue.current.then(async () => {
        try {
          onView(await invoke('attendance/set-marks', { month: view.month, cells }));
        } catch (e) {
          void message.error(toClientError(e).message);
        } finally {
          inFlight.current--;
          if (inFlight.current === 0) setPending(new Map());
        }
      });
    },
    [message, onView, view.month],
  );

  const move = (dr: number, dc: number) => {
    setSel((s) => {
      const base = s ?? { row: 0, col: 0 };
      if (!s) return base;
      return { row: Math.min(view.staff.length - 1, Math.max(0, base.row + dr)), col: Math.min(view.days.length - 1, Math.max(0, base.col + dc)) };
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || view.staff.length === 0) return;
    const nav: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = nav[e.key];
    if (step) {
      e.preventDefault();
      if (!sel) setSel({ row: 0, col: 0 });
      else move(step[0], step[1]);
      return;
    }
    if (!sel) return;
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setSel({ row: sel.row, col: e.key === 'Home' ? 0 : view.days.length - 1 });
      return;
    }
    const person = view.staff[sel.row];
    const day = view.days[sel.col];
    if (!person || !day || !writable) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      submit([{ staffId: person.id, date: day.date, half: 'full', mark: null }], new Map([[keyOf(person.id, day.date), null]]));
      return;
    }
    const type = view.markTypes.find((m) => m.key.toLowerCase() === e.key.toLowerCase());
    if (type) {
      e.preventDefault();
      submit([{ staffId: person.id, date: day.date, half: 'full', mark: type.code }], new Map([[keyOf(person.id, day.date), type.code]]));
      move(0, 1);
    }
  };

  const select = (row: number, col: number) => {
    setSel({ row, col });
    gridRef.current?.focus();
  };

  if (view.staff.length === 0) return <Typography.Paragraph type="secondary">{t('attendance.grid.empty')}</Typography.Paragraph>;

  const keys = view.markTypes.map((m) => `${m.key} ${m.label}`).join('、');
  const selPerson = sel ? view.staff[sel.row] : undefined;
  const selDay = sel ? view.days[sel.col] : undefined;

  return (
    <Flex vertical gap={12}>
      <div className="att-legend" data-testid="attendance-legend" aria-label={t('attendance.grid.legend')}>
        {view.markTypes.map((m) => (
          <span key={m.code}>
            <kbd>{m.key}</kbd>
            {m.symbol} {m.label}
          </span>
        ))}
      </div>
      <Typography.Text type="secondary">{t('attendance.grid.hint', { keys })}</Typography.Text>
      <div className="att-grid-wrap">
        <table
          ref={gridRef}
          className="att-grid"
          role="grid"
          tabIndex={0}
          aria-label={t('attendance.grid.label', { month: formatMonth(view.month) })}
          aria-readonly={!writable}
          onKeyDown={onKeyDown}
          data-testid="attendance-grid"
        >
          <thead>
            <tr>
              <th className="att-name">{t('attendance.grid.name')}</th>
              {view.days.map((d) => {
                const cls = [d.working ? '' : 'att-off', d.kind === 'holiday' ? 'att-holiday' : '', d.kind === 'makeup_workday' ? 'att-makeup' : ''].join(' ').trim();
                const sub = d.kind === 'holiday' ? '休' : d.kind === 'makeup_workday' ? '班' : WEEKDAY_CHARS[d.weekday];
                const title = [formatBizDate(d.date), WEEKDAY_LABELS[d.weekday], d.name, d.kind === 'workday' ? '' : t(`attendance.grid.dayKind.${d.kind}`), d.override ? t('attendance.grid.override') : '']
                  .filter(Boolean)
                  .join(' ');
                return (
                  <th key={d.date} className={cls} title={title} scope="col">
                    {d.day}
                    <small>{sub}</small>
                  </th>
                );
              })}
              {view.totalsColumns.map((c) => (
                <th key={c.key} className="att-total" scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.staff.map((p, r) => {
              const tot = totals.get(p.id);
              return (
                <tr key={p.id}>
                  <th className="att-name" scope="row">
                    {p.name}
                  </th>
                  {view.days.map((d, c) => {
                    const k = keyOf(p.id, d.date);
                    const marks = marksByCell.get(k) ?? [];
                    const over = pending.has(k) ? pending.get(k) : undefined;
                    const text = over !== undefined ? (over === null ? '' : (markTypeOf(view.markTypes, over)?.symbol ?? '?')) : cellSymbol(view.markTypes, marks);
                    const prob = problems.get(k);
                    const selected = sel?.row === r && sel.col === c;
                    const cls = ['att-cell', d.working ? '' : 'att-off', selected ? 'att-sel' : '', marks.some((m) => m.half !== 'full') && over === undefined ? 'att-half' : '', over !== undefined ? 'att-pending' : '', prob ? (prob.severity === 'error' ? 'att-bad' : 'att-bad att-warn') : '']
                      .filter(Boolean)
                      .join(' ');
                    const labels = marks.map((m) => `${m.half === 'full' ? '' : t(`attendance.editor.halves.${m.half}`)}${markTypeOf(view.markTypes, m.mark)?.label ?? m.mark}${m.note ? `（${m.note}）` : ''}`);
                    return (
                      <td
                        key={d.date}
                        role="gridcell"
                        className={cls}
                        aria-selected={selected}
                        aria-label={`${t('attendance.grid.cell', { name: p.name, date: formatBizDate(d.date) })} ${labels.join('、')}`}
                        title={[...labels, ...(prob?.messages ?? [])].join('\n') || undefined}
                        data-testid={`att-cell-${r}-${d.day}`}
                        onMouseDown={(e) => {
                          e.preventDefault();
                          select(r, c);
                        }}
                      >
                        {text}
                      </td>
                    );
                  })}
                  {view.totalsColumns.map((c) => {
                    const v = tot ? totalsValue(tot, c.key) : 0;
                    return (
                      <td key={c.key} className="att-total" data-testid={`att-total-${r}-${c.key}`}>
                        {v ? String(v) : ''}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selPerson && selDay ? (
        <CellEditor key={`${selPerson.id}|${selDay.date}|${(marksByCell.get(keyOf(selPerson.id, selDay.date)) ?? []).map((m) => `${m.half}${m.mark}${m.updatedAt}`).join()}`} view={view} staffId={selPerson.id} name={selPerson.name} date={selDay.date} marks={marksByCell.get(keyOf(selPerson.id, selDay.date)) ?? []} writable={writable} onSubmit={submit} />
      ) : (
        <Typography.Text type="secondary">{t('attendance.editor.none')}</Typography.Text>
      )}
    </Flex>
  );
}

interface EditorProps {
  view: MonthView;
  staffId: string;
  name: string;
  date: string;
  marks: Mark[];
  writable: boolean;
  onSubmit(cells: CellInput[], optimistic: Map<string, string | null>): void;
}

/** Half days, notes, minutes late and overtime hours of the selected cell. */
function CellEditor({ view, staffId, name, date, marks, writable, onSubmit }: EditorProps) {
  const { t } = useTranslation();
  const initialHalf: Half = marks.length > 0 && marks.every((m) => m.half !== 'full') ? (marks[0]?.half ?? 'full') : 'full';
  const [half, setHalf] = useState<Half>(initialHalf);
  const existing = marks.find((m) => m.half === half);
  const [mark, setMark] = useState<string | null>(existing?.mark ?? null);
  const [note, setNote] = useState(existing?.note ?? '');
  const [minutesLate, setMinutesLate] = useState<number | null>(existing?.minutesLate ?? null);
  const [overtimeHours, setOvertimeHours] = useState<number | null>(existing?.overtimeHours ?? null);
  const type = mark ? markTypeOf(view.markTypes, mark) : undefined;
  const day = view.days.find((d) => d.date === date);

  const pickHalf = (h: Half) => {
    setHalf(h);
    const m = marks.find((x) => x.half === h);
    setMark(m?.mark ?? null);
    setNote(m?.note ?? '');
    setMinutesLate(m?.minutesLate ?? null);
    setOvertimeHours(m?.overtimeHours ?? null);
  };

  const save = () => {
    if (!mark) return;
    onSubmit(
      [
        {
          staffId,
          date,
          half,
          mark,
          note,
          minutesLate: type?.kind === 'late' ? minutesLate : null,
          overtimeHours: type?.kind === 'overtime' ? overtimeHours : null,
        },
      ],
      half === 'full' ? new Map([[keyOf(staffId, date), mark]]) : new Map(),
    );
  };
  const clear = () => onSubmit([{ staffId, date, half: 'full', mark: null }], new Map([[keyOf(staffId, date), null]]));

  return (
    <Card size="small" title={t('attendance.editor.title')} data-testid="attendance-editor">
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('attendance.editor.person')}>{name}</Descriptions.Item>
        <Descriptions.Item label={t('attendance.editor.date')}>
          {formatBizDate(date)} {day ? WEEKDAY_LABELS[day.weekday] : ''} {day?.name ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('attendance.editor.current')}>
          {marks.length === 0
            ? t('attendance.editor.nothing')
            : marks
                .map((m) => `${m.half === 'full' ? '' : `${t(`attendance.editor.halves.${m.half}`)} `}${markTypeOf(view.markTypes, m.mark)?.label ?? m.mark}（${t(`attendance.editor.source.${m.source}`)}，${m.updatedBy}）`)
                .join('；')}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap align="end">
        <Radio.Group value={half} onChange={(e) => pickHalf(e.target.value as Half)} disabled={!writable} optionType="button" aria-label={t('attendance.editor.half')}>
          {(['full', 'am', 'pm'] as const).map((h) => (
            <Radio.Button key={h} value={h}>
              {t(`attendance.editor.halves.${h}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Select
          aria-label={t('attendance.editor.mark')}
          placeholder={t('attendance.editor.markPlaceholder')}
          style={{ width: 150 }}
          value={mark}
          onChange={(v: string) => setMark(v)}
          disabled={!writable}
          options={view.markTypes.filter((m) => half === 'full' || m.halfDayAllowed !== false).map((m) => ({ value: m.code, label: `${m.symbol} ${m.label}` }))}
        />
        {type?.kind === 'late' ? (
          <InputNumber aria-label={t('attendance.editor.minutesLate')} placeholder={t('attendance.editor.minutesLate')} min={1} max={600} precision={0} value={minutesLate} onChange={(v) => setMinutesLate(v)} disabled={!writable} style={{ width: 130 }} />
        ) : null}
        {type?.kind === 'overtime' ? (
          <InputNumber aria-label={t('attendance.editor.overtimeHours')} placeholder={t('attendance.editor.overtimeHours')} min={1} max={24} precision={0} value={overtimeHours} onChange={(v) => setOvertimeHours(v)} disabled={!writable} style={{ width: 130 }} />
        ) : null}
        <Input aria-label={t('attendance.editor.note')} placeholder={t('attendance.editor.notePlaceholder')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} disabled={!writable} style={{ width: 240 }} />
        <Button type="primary" onClick={save} disabled={!writable || !mark}>
          {t('attendance.editor.save')}
        </Button>
        <Button onClick={clear} disabled={!writable || marks.length === 0}>
          {t('attendance.editor.clear')}
        </Button>
      </Space>
    </Card>
  );
}
