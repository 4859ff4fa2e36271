import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { advance, settle } from '../../../electron/host/testing';
import type { Participant } from '../../../shared/model/participant';
import { neutralizeText } from '../../../shared/util/text';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { id } from '../i18n/id';
import { consoleOnHost } from '../testing/consoleOnHost';
import { ParticipantDetail } from './ParticipantDetail';

/**
 * The intrusion drill on a real host, played until the intruder who renames themselves has done
 * so; the moderator mutes them, then ejects them.
 */
async function renamedIntruderDealtWith() {
  const t = await consoleOnHost();
  const { store } = t;
  await store.getState().startRehearsal({ scenarioId: 'intrusion', timeScale: 1, startAt: 'beforeIntrusion', seed: 4 });
  const renamed = (): Participant | undefined =>
    [...store.getState().roster.participants.values()].find((p) => p.renamedFrom.length > 0 && p.presence === 'inMeeting');
  for (let i = 0; i < 40 && !renamed(); i++) {
    await advance(t.scheduler, 5_000);
    await settle();
  }
  const intruder = renamed();
  if (!intruder) throw new Error('nobody renamed themselves in the drill');
  await store.getState().runAction({ kind: 'mute', participantId: intruder.id });
  await advance(t.scheduler, 1_000);
  await store.getState().runAction({ kind: 'eject', participantId: intruder.id });
  await advance(t.scheduler, 1_000);
  await settle();
  return { ...t, intruder };
}

async function showDetail(setup: Awaited<ReturnType<typeof renamedIntruderDealtWith>>, participantId: string, language: Language) {
  setup.store.getState().openDetail(participantId);
  await setup.show(<ParticipantDetail />, language);
  const detail = screen.getByTestId('participant-detail');
  /** The value shown beside a fact's label. */
  const fact = (label: string) => {
    const term = within(detail)
      .getAllByRole('term')
      .find((dt) => dt.textContent === label);
    return term?.nextElementSibling?.textContent ?? null;
  };
  return { detail, fact };
}

describe('participant detail', () => {
  it('shows identity, presence, earlier names, each flag with its reason, and the history with the actions taken', async () => {
    const setup = await renamedIntruderDealtWith();
    const { detail, fact } = await showDetail(setup, setup.intruder.id, 'en');
    const now = setup.store.getState().roster.participants.get(setup.intruder.id) as Participant;
    expect(now.presence).toBe('left');

    // Identity signals the platform gave (the drill's intruders come from a web browser, by IP).
    expect(fact(en.detail.participantId)).toBe(now.id);
    expect(fact(en.identity.client)).toBe('Web browser');
    expect(fact(en.identity.ip)).toMatch(/^203\.0\.113\.\d+$/);
    expect(fact(en.identity.email)).toBeNull();
    expect(fact(en.detail.presence)).toMatch(/^Left · Joined .+ · ejected /);

    // The earlier name, shown (inert) beside the current one.
    const oldName = setup.intruder.renamedFrom.at(-1) as string;
    expect(fact(en.detail.renamedFrom)).toContain(neutralizeText(oldName).text);

    // Every flag, with its weight and its reason in words.
    const flags = within(detail).getByTestId('risk-flags');
    expect([...flags.querySelectorAll('li')].map((li) => li.getAttribute('data-signal'))).toEqual(now.risk.flags.map((f) => f.signal));
    const renamedFlag = flags.querySelector('[data-signal=renamed]');
    expect(renamedFlag?.textContent).toContain(`Renamed after joining (was ${neutralizeText(oldName).text})`);
    expect(renamedFlag?.textContent).toContain('+1');
    expect(detail.textContent).toContain(`${en.detail.risk}: ${en.riskLevel.flagged} (${now.risk.score})`);

    // History: arrival, the rename with the old name, the flag, the actions taken and their outcome, the departure.
    await waitFor(() => expect(detail.querySelectorAll('.history li').length).toBeGreaterThan(5));
    const lines = [...detail.querySelectorAll('.history li')].map((li) => li.textContent ?? '');
    const first = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    expect(first(/Joined/)).toBe(0);
    expect(first(new RegExp(`Changed.*renamed from “${oldName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`))).toBeGreaterThan(0);
    expect(first(/Flagged/)).toBeGreaterThan(0);
    expect(first(/Requested\s*Mute/)).toBeGreaterThan(0);
    expect(first(/Confirmed\s*Mute/)).toBeGreaterThan(first(/Requested\s*Mute/));
    expect(first(/Requested\s*Eject/)).toBeGreaterThan(first(/Confirmed\s*Mute/));
    expect(first(/Confirmed\s*Eject/)).toBeGreaterThan(first(/Requested\s*Eject/));
    expect(first(/Left\s*ejected/)).toBeGreaterThan(first(/Requested\s*Eject/));
    // Someone who has left is offered no actions.
    expect(within(detail).queryByRole('button', { name: en.participantAction.eject })).toBeNull();
  });

  it('shows every identity signal of an invited official, in Bahasa Indonesia, with the actions available', async () => {
    const setup = await renamedIntruderDealtWith();
    const official = [...setup.store.getState().roster.participants.values()].find(
      (p) => p.identity.userId && p.identity.email && p.role === 'attendee' && p.presence === 'inMeeting',
    ) as Participant;
    const { detail, fact } = await showDetail(setup, official.id, 'id');
    expect(fact(id.identity.userId)).toBe(official.identity.userId);
    expect(fact(id.identity.email)).toBe(official.identity.email);
    expect(fact(id.identity.client)).toBe(official.identity.client);
    expect(fact(id.identity.ip)).toBe(official.identity.ip);
    expect(fact(id.identity.organisation)).toBe(official.identity.organisation);
    expect(fact(id.detail.presence)).toMatch(new RegExp(`^${id.presence.inMeeting}`));
    expect(detail.textContent).toContain(id.detail.noFlags);
    await waitFor(() => expect(detail.querySelector('.history li')?.textContent).toContain(id.log.kind.participant_joined));
    for (const action of [id.participantAction.eject, id.participantAction.mute, id.participantAction.moveToWaitingRoom])
      expect(within(detail).getByRole('button', { name: action })).toBeTruthy();
  });
});
