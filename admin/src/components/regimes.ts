// Which assessment regime a screen belongs to, and whether it applies to someone by the regimes of the
// schools they work at (issue 18, item 4): a primary school assesses under TT27/2020, a lower- or
// upper-secondary school under TT22/2021 (DOMAIN.md §1). A screen of one regime only is hidden from the
// menu of a person whose every school is under the other, and opened by its address it says so in a
// sentence (RegimeGate.tsx). Someone with no school (an office, a family) is not filtered: the access
// rules decide alone. Postgres refuses what does not belong to a class's regime all the same
// (conduct_ratings of a primary class, quality_ratings of a secondary one).
import type { Resource } from '../../../policies/types.ts';

export type Regime = 'tt22' | 'tt27';

/** The screens of one regime only; every other screen serves both. */
export const RESOURCE_REGIMES: Partial<Record<Resource, readonly Regime[]>> = {
  conduct_ratings: ['tt22'],
  quality_ratings: ['tt27'],
};

/** The regime of a school level (org_units.school_level): primary → TT27, the others → TT22; null for no level. */
export function regimeOf(level: string | null | undefined): Regime | null {
  if (!level) return null;
  return level === 'primary' ? 'tt27' : 'tt22';
}

export function regimesOf(levels: readonly (string | null | undefined)[]): Set<Regime> {
  return new Set(levels.map(regimeOf).filter((r): r is Regime => r !== null));
}

/** The one regime a screen belongs to, or null when it serves both. */
export function onlyRegime(resource: string): Regime | null {
  const only = RESOURCE_REGIMES[resource as Resource];
  return only?.length === 1 ? only[0]! : null;
}

/** Whether a screen applies to someone whose schools have `regimes` (none known: yes). */
export function appliesTo(resource: string, regimes: ReadonlySet<Regime>): boolean {
  const only = RESOURCE_REGIMES[resource as Resource];
  if (!only || regimes.size === 0) return true;
  return only.some((r) => regimes.has(r));
}
