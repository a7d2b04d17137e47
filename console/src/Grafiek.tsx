import { useId } from 'react';
import type { Trendpunt } from './model';

/**
 * The trend of one ambition per year as an SVG bar chart (percentage against the target line). A chart is not
 * enough on its own (WCAG 1.1.1): the page shows the same figures as a table next to it, and the SVG has a title
 * and a description that say them.
 */
export function TrendGrafiek({ titel, doel, punten }: { titel: string; doel: number; punten: Trendpunt[] }) {
  const id = useId();
  const B = 360, H = 180, L = 36, O = 24, T = 10;
  const breedte = (B - L - 8) / Math.max(punten.length, 1);
  const y = (p: number) => T + (H - T - O) * (1 - p / 100);
  const beschrijving = punten.map((p) => `${p.jaar}: ${p.percentage === null ? 'geen noemer' : `${p.percentage}%`}`).join(', ') + `; doel ${doel}%`;
  return (
    <svg className="ie-chart" viewBox={`0 0 ${B} ${H}`} width={B} height={H} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{titel}</title>
      <desc id={`${id}-d`}>{beschrijving}</desc>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={L} x2={B - 4} y1={y(v)} y2={y(v)} stroke="#767676" strokeWidth={0.5} />
          <text x={L - 4} y={y(v) + 4} textAnchor="end">{v}%</text>
        </g>
      ))}
      {punten.map((p, i) => {
        const x = L + 4 + i * breedte;
        const h = p.percentage === null ? 0 : (H - T - O) * (p.percentage / 100);
        return (
          <g key={p.jaar}>
            <rect x={x} y={y(p.percentage ?? 0)} width={breedte * 0.7} height={h} fill={p.gehaald ? '#1d6b2f' : '#a3001b'} />
            <text x={x + breedte * 0.35} y={H - 8} textAnchor="middle">{p.jaar}</text>
          </g>
        );
      })}
      <line x1={L} x2={B - 4} y1={y(doel)} y2={y(doel)} stroke="#1a1a1a" strokeWidth={2} strokeDasharray="6 4" />
      <text x={B - 6} y={y(doel) - 4} textAnchor="end">doel {doel}%</text>
    </svg>
  );
}
