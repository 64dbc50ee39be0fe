/** The specs with committed golden output under test/golden/<name>/. */
export const GOLDEN_SPECS: Record<string, string> = {
  'whop-dm-members': 'specs/whop-dm-members.yaml',
  'alo-dm-channel-users': 'specs/alo-dm-channel-users.yaml',
  'twilio-chat-user-channels': 'specs/twilio-chat-user-channels.yaml',
  'multi-file': 'specs/multi-file/openapi.yaml',
  'client-features': 'specs/features/client-features.yaml',
};
