/**
 * Example strings for the `format`s (each one the validators' check of that format accepts, src/runtime/formats.ts),
 * varied by a number drawn from the seed. Formats not listed get a plain string.
 */
export const FORMAT_EXAMPLES: Readonly<Record<string, (n: number) => string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, (n: number) => string>, {
    'date-time': (n: number) => `2024-0${(n % 9) + 1}-1${n % 10}T0${n % 10}:1${n % 6}:2${n % 10}Z`,
    date: (n: number) => `2024-0${(n % 9) + 1}-1${n % 10}`,
    time: (n: number) => `0${n % 10}:1${n % 6}:2${n % 10}Z`,
    duration: (n: number) => `P${(n % 30) + 1}D`,
    email: (n: number) => `user${n % 1000}@example.com`,
    'idn-email': (n: number) => `user${n % 1000}@example.com`,
    hostname: (n: number) => `host${n % 1000}.example.com`,
    'idn-hostname': (n: number) => `host${n % 1000}.example.com`,
    ipv4: (n: number) => `192.0.2.${n % 250}`,
    ipv6: (n: number) => `2001:db8::${(n % 0xffff).toString(16)}`,
    uri: (n: number) => `https://example.com/items/${n % 1000}`,
    url: (n: number) => `https://example.com/items/${n % 1000}`,
    iri: (n: number) => `https://example.com/items/${n % 1000}`,
    'uri-reference': (n: number) => `/items/${n % 1000}`,
    'iri-reference': (n: number) => `/items/${n % 1000}`,
    'uri-template': () => 'https://example.com/items/{id}',
    uuid: (n: number) => `3fa85f64-5717-4562-b3fc-${(0x2c963f66afa6 + (n % 4096)).toString(16).padStart(12, '0')}`,
    byte: () => 'ZXhhbXBsZQ==',
    regex: () => '^[a-z]+$',
    'json-pointer': (n: number) => `/items/${n % 100}`,
    'relative-json-pointer': () => '0/items',
    password: () => 'example-password',
  }),
);
