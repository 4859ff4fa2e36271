import { afterEach, describe, expect, it } from 'vitest';
import { FakeWebex } from './fakeWebex';
import { SpecValidator } from './specValidator';

let fake: FakeWebex | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the fake Webex holds every request and response to the official spec', () => {
  it('refuses requests the spec does not allow, and records each as a violation', async () => {
    fake = await FakeWebex.start();
    const api = fake.apiBaseUrl;
    const put = (path: string, body: unknown) =>
      fetch(`${api}${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const statuses = [
      (await fetch(`${api}/meetingParticipants`)).status, // meetingId is required
      (await fetch(`${api}/meetingParticipants?meetingId=m&offset=10`)).status, // undeclared parameter
      (await fetch(`${api}/meetingParticipants?meetingId=m&cursor=made-up`)).status, // a cursor the server never issued
      (await put('/meetingParticipants/p1', { expel: 'yes' })).status, // expel is a boolean
      (await put('/meetings/controls', { locked: true })).status, // meetingId is required
      (await fetch(`${api}/meetingParticipants/p1`, { method: 'PATCH' })).status, // no such operation
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    expect(fake.violations.map((v) => [v.operationId, v.problems.join('; ')])).toEqual([
      ['List Meeting Participants', expect.stringMatching(/meetingId/)],
      ['List Meeting Participants', expect.stringMatching(/additional properties/)],
      ['List Meeting Participants', expect.stringMatching(/additional properties/)],
      ['Update a Participant', expect.stringMatching(/expel must be boolean/)],
      ['updateMeetingControl', expect.stringMatching(/meetingId/)],
      [undefined, 'no such operation in the spec'],
    ]);
  });

  it('passes a well-formed request through to authentication', async () => {
    fake = await FakeWebex.start();
    const response = await fetch(`${fake.apiBaseUrl}/meetingParticipants?meetingId=m&max=100`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
    expect(fake.violations).toEqual([]);
  });

  it('catches a response body the spec does not describe (guards the fake itself)', async () => {
    const spec = await SpecValidator.load();
    const request = { method: 'GET', path: '/meetingParticipants', query: { meetingId: 'm' }, headers: {}, body: undefined };
    const { operation } = spec.checkRequest(request);
    if (!operation) throw new Error('the spec has no List Meeting Participants');
    expect(spec.checkResponse(operation, 'GET', '/meetingParticipants', 200, { items: [{ id: 'p', state: 'joined' }] })).toBeUndefined();
    expect(spec.checkResponse(operation, 'GET', '/meetingParticipants', 200, { items: [{ id: 'p', state: 'kicked' }] })).toMatchObject({
      where: 'response',
      problems: [expect.stringMatching(/state must be equal to one of the allowed values/)],
    });
    expect(spec.checkResponse(operation, 'GET', '/meetingParticipants', 201, {})).toMatchObject({
      problems: ['status 201 is not declared'],
    });
  });
});
