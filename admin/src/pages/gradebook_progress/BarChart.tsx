import { theme } from 'antd';
import './progress.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The figure written after the bar ("72,5 %", "36"). */
  text: string;
  color: string;
}

const WIDTH = 560;
const LABEL = 150;
const TEXT = 64;
const ROW = 24;
const BAR = 14;

/**
 * A horizontal bar chart in plain SVG (no chart library): one labelled bar per item on a track scaled
 * to `max`. Scales with its card; long lists scroll inside it.
 */
export function BarChart({ bars, max, testId, label }: { bars: Bar[]; max: number; testId: string; label: string }) {
  const { token } = theme.useToken();
  const track = WIDTH - LABEL - TEXT;
  const height = bars.length * ROW + 4;
  return (
    <div className="progress-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label}>
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * track : 0;
          return (
            <g key={b.key} data-testid={`${testId}-${b.label}`}>
              <title>{`${b.label}: ${b.text}`}</title>
              <text x={LABEL - 8} y={y + BAR - 2} textAnchor="end" fontSize={12} fill={token.colorText}>
                {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
              </text>
              <rect x={LABEL} y={y} width={track} height={BAR} rx={3} fill={token.colorFillSecondary} />
              <rect x={LABEL} y={y} width={w} height={BAR} rx={3} fill={b.color} />
              <text x={LABEL + track + 6} y={y + BAR - 2} fontSize={12} fill={token.colorTextSecondary}>
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
