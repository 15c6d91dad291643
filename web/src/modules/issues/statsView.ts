import type { StatsResponse } from './types';

/**
 * "小事不出楼栋" / "大事不出小区" as a percentage: of the closed issues of a size, how many were settled at
 * their own level. The server's share is a fraction; without closed issues there is no share yet (null).
 */
export function localShare(stats: StatsResponse, size: 'small' | 'major' | 'hard'): { percent: number | null; settled: number; closed: number } {
  const row = stats.bySize.find((r) => r.size === size);
  if (!row) return { percent: null, settled: 0, closed: 0 };
  const fraction = row.share ?? (row.closed > 0 ? row.settledLocally / row.closed : null);
  return { percent: fraction === null ? null : Math.round(fraction * 1000) / 10, settled: row.settledLocally, closed: row.closed };
}

/** The months of the trend, gaps filled with zeros so the line does not skip a quiet month. */
export function filledMonths(months: StatsResponse['months']): StatsResponse['months'] {
  if (months.length === 0) return [];
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((m) => [m.month, m]));
  const [y0, m0] = sorted[0].month.split('-').map(Number);
  const [y1, m1] = sorted[sorted.length - 1].month.split('-').map(Number);
  const out: StatsResponse['months'] = [];
  let y = y0;
  let m = m0;
  while ((y < y1 || (y === y1 && m <= m1)) && out.length < 240) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(byMonth.get(key) ?? { month: key, reported: 0, closed: 0 });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Share of 满意 + 基本满意 as a percentage with one decimal, or null before any rating. */
export const satisfactionPercent = (stats: StatsResponse): number | null =>
  stats.satisfaction === null ? null : Math.round(stats.satisfaction * 1000) / 10;
