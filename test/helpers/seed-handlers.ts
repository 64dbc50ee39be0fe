/**
 * Handlers (and handler options) for the generated servers of the three seed specs, shared by the round-trip
 * tests in Node and in the browser: small in-memory services that answer what the seed APIs answer.
 */

export const envelope = (type: string, message: string) => ({ error: { type, message, code: null, param: null } });
export const SID = (prefix: string) => prefix + 'a'.repeat(32);

/** Whop: members in a map; an unknown id is the 404 envelope, status "archived" a 422; bearer "good" only. */
export function whopService() {
  const members = new Map<string, Record<string, unknown>>();
  const seen: unknown[] = [];
  const handlers = {
    createDmMember: ({ body, auth }: any) => {
      seen.push(auth);
      const m = { id: `dmm_${members.size + 1}`, user_id: body.user_id, channel_id: body.channel_id, status: 'requested', last_viewed_at: null, notification_preference: 'all' };
      members.set(m.id, m);
      return { status: 200, body: m };
    },
    updateDmMember: ({ params, body }: any) => {
      const m = members.get(params.id);
      if (!m) return { status: 404, body: envelope('not_found', 'Resource not found') };
      if (body.status === 'archived') return { status: 422, body: envelope('invalid_request_error', 'Cannot archive yet') };
      for (const k of ['status', 'notification_preference']) if (body[k] != null) m[k] = body[k];
      return { status: 200, body: m };
    },
  };
  const options = { authenticate: ({ credentials, scopes }: any) => (credentials === 'good' ? { user: 'u1', scopes } : undefined) };
  return { handlers, options, seen };
}

/** The Alo 422 for removing a user from a 2-user channel. */
export const ALO_TWO_USERS = { status: 422, message: { error: 'Direct Message Channel must contain at least 2 users.  Use DELETE if this channel is no longer needed.' } };

/** Alo: channel "small" has 2 users (removing one is the 422), any other channel 121, paged by page/per_page. */
export function aloService() {
  const users = Array.from({ length: 121 }, (_, i) => ({ id: `user-${i}`, username: `u${i}`, first_name: null, last_name: null }));
  const small = [{ id: 'a' }, { id: 'b' }];
  const handlers = {
    listDirectMessageChannelUsers: ({ params, query }: any) => {
      const list = params.channel_id === 'small' ? small : users;
      const page = query.page ?? 1;
      const per = query.per_page ?? 100;
      const slice = list.slice((page - 1) * per, page * per);
      return { status: 200, body: { page, per_page: per, total_pages: Math.ceil(list.length / per), response_count: slice.length, total_count: list.length, channel: { id: params.channel_id, name: 'Buddies' }, users: slice } };
    },
    addDirectMessageChannelUser: ({ body }: any) => ({ status: 200, body: { id: body.id } }),
    removeDirectMessageChannelUser: ({ params }: any) => (params.channel_id === 'small' ? { status: 422, body: ALO_TWO_USERS } : { status: 200, body: { id: params.user_id } }),
  };
  return { handlers, options: {} };
}

/** Twilio: the user channel echoed back from the form body; basic auth with `password` only. */
export function twilioService(password: string) {
  const received: unknown[] = [];
  const handlers = {
    updateUserChannel: ({ params, body, auth }: any) => {
      received.push({ params, body, auth });
      return {
        status: 200,
        body: { account_sid: SID('AC'), service_sid: params.ServiceSid, channel_sid: params.ChannelSid, user_sid: SID('US'), member_sid: SID('MB'), status: 'joined', notification_level: body.NotificationLevel, last_consumed_message_index: body.LastConsumedMessageIndex ?? null, unread_messages_count: 0, links: {}, url: null },
      };
    },
  };
  const options = { authenticate: ({ credentials }: any) => credentials.password === password && { account: credentials.username } };
  return { handlers, options, received };
}
