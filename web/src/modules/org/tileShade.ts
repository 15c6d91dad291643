/**
 * Tile colour for a building: the share of the compound's maximum, on a scale that never goes fully
 * white, so a building with a small number still reads as "some".
 */
export function tileIntensity(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.round((0.15 + 0.85 * Math.min(value / max, 1)) * 100) / 100;
}

/** Dark text on light tiles, white text once the tile is dark enough. */
export function tileTextColor(intensity: number): string {
  return intensity > 0.55 ? '#ffffff' : 'rgba(0, 0, 0, 0.88)';
}
