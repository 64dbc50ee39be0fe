import { describe, expect, it } from 'vitest';
import { validatorsOf } from '../helpers/generated.js';

const SID = (prefix: string) => prefix + 'a'.repeat(32);

describe('validators on the seed specs', () => {
  it('Twilio: the seed response example passes; a bad ServiceSid fails with the pattern at that field', async () => {
    const v = await validatorsOf('specs/twilio-chat-user-channels.yaml');
    const example = {
      url: `https://chat.twilio.com/v2/Services/${SID('IS')}/Users/${SID('US')}/Channels/${SID('CH')}`,
      links: { member: `https://chat.twilio.com/v2/Services/${SID('IS')}/Channels/${SID('CH')}/Members/${SID('MB')}`, channel: `https://chat.twilio.com/v2/Services/${SID('IS')}/Channels/${SID('CH')}` },
      status: 'joined', user_sid: SID('US'), member_sid: SID('MB'), account_sid: SID('AC'), channel_sid: SID('CH'), service_sid: SID('IS'),
      notification_level: 'muted', unread_messages_count: 5, last_consumed_message_index: 5,
    };
    const response = v.updateUserChannel.responses['200']['application/json'];
    expect(response.validate(example)).toEqual({ ok: true, value: example });
    expect(v.ChatV2ServiceUserUserChannel.is(example)).toBe(true);

    const bad = response.validate({ ...example, service_sid: 'XX123' });
    expect(bad.ok).toBe(false);
    expect(bad.issues).toContainEqual({
      path: '/service_sid', keyword: 'pattern', message: 'must match the pattern ^IS[0-9a-fA-F]{32}$',
      schemaPointer: '/components/schemas/chat.v2.service.user.user_channel/properties/service_sid/pattern',
    });
    expect(bad.issues.map((i: { keyword: string }) => i.keyword).sort()).toEqual(['minLength', 'pattern']);

    const params = v.updateUserChannel.parseParams({ path: { ServiceSid: 'XX123', UserSid: SID('US'), ChannelSid: SID('CH') } });
    expect(params.ok).toBe(false);
    expect(params.issues.filter((i: { path: string }) => i.path === '/path/ServiceSid').map((i: { keyword: string }) => i.keyword).sort()).toEqual(['minLength', 'pattern']);

    const body = v.updateUserChannel.body['application/x-www-form-urlencoded'];
    expect(body.is({ NotificationLevel: 'muted', LastConsumedMessageIndex: null, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' })).toBe(true);
    expect(body.validate({ LastConsumptionTimestamp: 'yesterday' }).issues).toEqual([
      expect.objectContaining({ path: '/LastConsumptionTimestamp', keyword: 'format' }),
    ]);
  });

  it('Alo: the seed list response passes; per_page=101 fails with maximum at /query/per_page', async () => {
    const v = await validatorsOf('specs/alo-dm-channel-users.yaml');
    const users = Array.from({ length: 21 }, (_, i) => ({ id: `user-${i}`, username: `u${i}`, first_name: null, last_name: 'X' }));
    const page = { page: 2, per_page: 100, total_pages: 2, response_count: 21, total_count: 121, channel: { id: 'chat.groupdm.7357e053-3306-4f41-b7a1-06b8aac46589', name: 'Buddies' }, users };
    expect(v.listDirectMessageChannelUsers.responses['200']['application/json'].validate(page).ok).toBe(true);
    expect(v.DirectMessageChannelUserList.is(page)).toBe(true);

    const bad = v.listDirectMessageChannelUsers.parseParams({ path: { channel_id: 'c1' }, query: 'page=2&per_page=101' });
    expect(bad).toEqual({
      ok: false,
      issues: [{ path: '/query/per_page', keyword: 'maximum', message: 'must be <= 100', schemaPointer: '/paths/~1direct_message_channels~1{channel_id}~1users/get/parameters/1/schema/maximum' }],
    });
    const good = v.listDirectMessageChannelUsers.parseParams({ path: { channel_id: 'c1' }, query: '?page=2&per_page=50' });
    expect(good).toEqual({ ok: true, value: { path: { channel_id: 'c1' }, query: { page: 2, per_page: 50 }, headers: {}, cookies: {} } });
    const notInt = v.listDirectMessageChannelUsers.parseParams({ path: { channel_id: 'c1' }, query: { page: 'two' } });
    expect(notInt.issues).toEqual([expect.objectContaining({ path: '/query/page', keyword: 'type' })]);

    const err = v.removeDirectMessageChannelUser.responses['422']['application/json'];
    expect(err.is({ status: 422, message: { error: 'Direct Message Channel must contain at least 2 users.' } })).toBe(true);
    expect(err.validate({ status: '422', message: {} }).issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`)).toEqual(['/status type', '/message required']);
  });

  it('Whop: a DmMember passes; status "bogus" → enum at /status; a missing user_id → required naming it', async () => {
    const v = await validatorsOf('specs/whop-dm-members.yaml');
    const member = { id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'requested', last_viewed_at: '123.45', notification_preference: 'all' };
    expect(v.DmMember.validate(member)).toEqual({ ok: true, value: member });
    expect(v.DmMember.validate({ ...member, last_viewed_at: null }).ok).toBe(true);

    const bogus = v.DmMember.validate({ ...member, status: 'bogus' });
    expect(bogus).toEqual({
      ok: false,
      issues: [{ path: '/status', keyword: 'enum', message: 'must be one of "requested", "accepted", "hidden", "closed", "archived"', schemaPointer: '/components/schemas/DmsFeedMemberStatuses/enum' }],
    });
    const { user_id: _omit, ...noUser } = member;
    const missing = v.DmMember.validate(noUser);
    expect(missing.issues).toEqual([{ path: '', keyword: 'required', message: "must have the property 'user_id'", schemaPointer: '/components/schemas/DmMember/required' }]);

    // Every issue is reported, not only the first.
    const many = v.DmMember.validate({ id: 1, status: 'x', last_viewed_at: 5 });
    expect(many.issues.length).toBeGreaterThanOrEqual(6);

    // The PATCH body: nullable enums.
    const patch = v.updateDmMember.body['application/json'];
    expect(patch.is({ status: null, notification_preference: 'mentions' })).toBe(true);
    expect(patch.validate({ status: 'bogus' }).issues[0]).toMatchObject({ path: '/status', keyword: 'enum' });
  });

  it('Standard Schema v1: vendor, version, and issues with key paths', async () => {
    const v = await validatorsOf('specs/whop-dm-members.yaml');
    const std = v.DmMember['~standard'];
    expect(std.version).toBe(1);
    expect(std.vendor).toBe('specforge');
    const r = std.validate({ id: 'a', user_id: 'b', channel_id: 'c', status: 'bogus', last_viewed_at: null, notification_preference: 'all' });
    expect(r.issues).toEqual([{ message: expect.stringContaining('must be one of'), path: ['status'] }]);
    const ok = std.validate({ id: 'a', user_id: 'b', channel_id: 'c', status: 'closed', last_viewed_at: null, notification_preference: 'all' });
    expect(ok).toEqual({ value: expect.objectContaining({ status: 'closed' }) });
  });
});
