import { useMemo } from 'react';
import type { Trend } from '../../../shared/contract/probes';
import { formatBizDateTime } from '../../../shared/time';

const COLORS = ['#1677ff', '#fa8c16', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96'];

/**
 * A small SVG line chart of one metric over time (a line per series, e.g. per mount point), with
 * the warning and severe thresholds as dashed lines. No chart library: the renderer stays lean.
 */
export function TrendChart({ trend, width = 760, height = 240, labels }: { trend: Trend; width?: number; height?: number; labels: { warn: string; severe: string } }) {
  const pad = { l: 44, r: 12, t: 12, b: 28 };
  const geo = useMemo(() => {
    const pts = trend.series.flatMap((s) => s.points);
    const times = pts.map((p) => Date.parse(p.at));
    const t0 = Math.min(...times);
    const t1 = Math.max(...times, t0 + 1);
    const values = [...pts.map((p) => p.value), ...(trend.warn !== null ? [trend.warn] : []), ...(trend.severe !== null ? [trend.severe] : [])];
    const vmax = trend.unit === '%' ? 100 : Math.max(1, ...values) * 1.1;
    const x = (at: string) => pad.l + ((Date.parse(at) - t0) / (t1 - t0)) * (width - pad.l - pad.r);
    const y = (v: number) => pad.t + (1 - Math.min(v, vmax) / vmax) * (height - pad.t - pad.b);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * vmax);
    return { x, y, t0, t1, ticks };
  }, [trend, width, height, pad.l, pad.r, pad.t, pad.b]);
  const fmt = (v: number) => (trend.unit === '%' ? `${Math.round(v)}%` : v >= 10 ? String(Math.round(v)) : v.toFixed(1));
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-label={trend.metric} data-testid="trend-chart" style={{ maxWidth: width }}>
      {geo.ticks.map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={width - pad.r} y1={geo.y(v)} y2={geo.y(v)} stroke="#f0f0f0" />
          <text x={pad.l - 6} y={geo.y(v) + 4} fontSize={10} textAnchor="end" fill="#8c8c8c">
            {fmt(v)}
          </text>
        </g>
      ))}
      {trend.warn !== null ? <line x1={pad.l} x2={width - pad.r} y1={geo.y(trend.warn)} y2={geo.y(trend.warn)} stroke="#fa8c16" strokeDasharray="4 3" /> : null}
      {trend.severe !== null ? <line x1={pad.l} x2={width - pad.r} y1={geo.y(trend.severe)} y2={geo.y(trend.severe)} stroke="#f5222d" strokeDasharray="4 3" /> : null}
      {trend.series.map((s, i) => (
        <g key={s.name}>
          <polyline fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={1.6} points={s.points.map((p) => `${geo.x(p.at).toFixed(1)},${geo.y(p.value).toFixed(1)}`).join(' ')} />
          {s.points.length <= 60
            ? s.points.map((p) => (
                <circle key={p.at} cx={geo.x(p.at)} cy={geo.y(p.value)} r={2.2} fill={COLORS[i % COLORS.length]}>
                  <title>{`${s.name} ${formatBizDateTime(p.at)}：${fmt(p.value)}${trend.unit === '%' ? '' : ` ${trend.unit}`}`}</title>
                </circle>
              ))
            : null}
        </g>
      ))}
      <text x={pad.l} y={height - 8} fontSize={10} fill="#8c8c8c">
        {formatBizDateTime(new Date(geo.t0).toISOString())}
      </text>
      <text x={width - pad.r} y={height - 8} fontSize={10} fill="#8c8c8c" textAnchor="end">
        {formatBizDateTime(new Date(geo.t1).toISOString())}
      </text>
      <g transform={`translate(${pad.l}, ${height + 10})`}>
        {trend.series.map((s, i) => (
          <g key={s.name} transform={`translate(${i * 130}, 0)`}>
            <rect width={10} height={10} y={-8} fill={COLORS[i % COLORS.length]} />
            <text x={14} fontSize={11}>
              {s.name}
            </text>
          </g>
        ))}
        {trend.warn !== null ? (
          <text x={trend.series.length * 130} fontSize={11} fill="#fa8c16">
            {`┄ ${labels.warn} ${fmt(trend.warn)}`}
          </text>
        ) : null}
        {trend.severe !== null ? (
          <text x={trend.series.length * 130 + 110} fontSize={11} fill="#f5222d">
            {`┄ ${labels.severe} ${fmt(trend.severe)}`}
          </text>
        ) : null}
      </g>
    </svg>
  );
}
