import type { Scenario } from '../timeline';
import { briefingScenario } from './briefing';
import { intrusionScenario } from './intrusion';
import { restrictedScenario } from './restricted';

/** Scenarios offered as rehearsal meetings, the story's intrusion drill first. */
export const SCENARIOS: readonly Scenario[] = [intrusionScenario, briefingScenario, restrictedScenario];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
