import type { Scenario } from '../timeline';
import { briefingScenario } from './briefing';
import { intrusionScenario } from './intrusion';
import { namesScenario } from './names';
import { restrictedScenario } from './restricted';
import { townhallScenario, type CrowdOptions } from './townhall';

/** Scenarios offered as rehearsal meetings, the story's intrusion drill first. */
export const SCENARIOS: readonly Scenario[] = [intrusionScenario, restrictedScenario, namesScenario, townhallScenario(), briefingScenario];

/** A scenario by id; the town hall takes its crowd size and churn from the options. */
export function findScenario(id: string, crowd?: CrowdOptions): Scenario | undefined {
  if (id === 'townhall' && crowd) return townhallScenario(crowd);
  return SCENARIOS.find((s) => s.id === id);
}
