import { cleanup, render } from '@testing-library/react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, createTestHost } from '../../../electron/host/testing';
import type { ActionOutcome } from '../../../shared/model/action';
import { createI18n, type Language } from '../i18n';
import { en } from '../i18n/en';
import { id } from '../i18n/id';
import { PlanChecklist } from './PlanChecklist';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  cleanup();
  await stop?.();
  stop = undefined;
});

/** Contain on the restricted rehearsal platform (no mute-all, no camera or share control), with chat control failing. */
async function containOnRestrictedPlatform(): Promise<ActionOutcome> {
  const t = createTestHost();
  stop = t.cleanup;
  await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: 'restricted',
    options: { seed: 4, latencyMs: 40, jitterMs: 0, failing: ['setChat'] },
  });
  await t.host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
  await advance(t.scheduler, 6_000, 250);
  return (await t.host.commands.listActions({})).find((o) => o.actionId === 'contain')!;
}

async function show(outcome: ActionOutcome, language: Language) {
  const instance: i18n = await createI18n(language);
  const view = render(
    <I18nextProvider i18n={instance}>
      <PlanChecklist steps={outcome.plan!.steps} />
    </I18nextProvider>,
  );
  const step = (stepId: string) => view.container.querySelector(`[data-step="${stepId}"]`) as HTMLElement;
  const byHand = (stepId: string) => step(stepId).querySelector('[data-testid=step-by-hand]')?.textContent ?? null;
  return { step, byHand };
}

describe('PlanChecklist', () => {
  it('says what to do by hand for skipped and failed steps, in English and in Indonesian, and nothing for done steps', async () => {
    const contain = await containOnRestrictedPlatform();
    const statuses = Object.fromEntries(contain.plan!.steps.map((s) => [s.id, s.status]));
    expect(statuses).toMatchObject({ lock: 'confirmed', muteAll: 'skipped', stopAllVideo: 'skipped', disableChat: 'failed' });

    const english = await show(contain, 'en');
    expect(english.byHand('muteAll')).toBe('By hand: ask the platform host to mute everyone.');
    expect(english.byHand('stopAllVideo')).toBe(`By hand: ${en.byHand.stopAllVideo}`);
    expect(english.byHand('disableChat')).toBe(`By hand: ${en.byHand.setChat}`);
    expect(english.byHand('lock')).toBeNull();
    // The platform's own reason stays beside the instruction.
    expect(english.step('muteAll').textContent).toContain('This platform cannot mute everyone through its API.');
    expect(english.step('disableChat').textContent).toMatch(/503/);
    cleanup();

    const indonesian = await show(contain, 'id');
    expect(indonesian.byHand('muteAll')).toBe('Lakukan secara manual: minta host platform membisukan semua peserta.');
    expect(indonesian.byHand('disableChat')).toBe(`Lakukan secara manual: ${id.byHand.setChat}`);
    expect(indonesian.step('muteAll').textContent).toContain('Dilewati');
    expect(indonesian.byHand('lock')).toBeNull();
  });

  it('a step kind with no instruction of its own gets the general one', async () => {
    const outcome = {
      plan: { name: 'Custom', steps: [{ id: 'end', kind: 'endForAll', status: 'failed' as const, reason: 'No answer.' }] },
    } as ActionOutcome;
    const english = await show(outcome, 'en');
    expect(english.byHand('end')).toBe(`By hand: ${en.byHand.other}`);
  });
});
