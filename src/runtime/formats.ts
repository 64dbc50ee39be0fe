/** The formats the validators check (`format: uuid` → `fmtUuid`): each a test of a string. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function fmtDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return mo >= 1 && mo <= 12 && d >= 1 && days !== undefined && d <= days;
}

const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-](\d{2}):(\d{2}))$/i;

export function fmtTime(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3]);
  const oh = m[6] === undefined ? 0 : Number(m[6]);
  const om = m[7] === undefined ? 0 : Number(m[7]);
  if (oh > 23 || om > 59 || h > 23 || mi > 59) return false;
  if (sec <= 59) return true;
  if (sec !== 60) return false;
  // A leap second is only valid at 23:59:60 UTC.
  const sign = m[5]?.[0] === "-" ? -1 : 1;
  const utc = (((h * 60 + mi - sign * (oh * 60 + om)) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}

export function fmtDateTime(s: string): boolean {
  const t = s.search(/[tT ]/);
  return t === 10 && fmtDate(s.slice(0, 10)) && fmtTime(s.slice(11));
}

export function fmtDuration(s: string): boolean {
  return /^P(?!$)((\d+W)|(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/.test(s);
}

export function fmtEmail(s: string): boolean {
  return /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(s);
}

export function fmtHostname(s: string): boolean {
  if (s.length > 253) return false;
  return /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i.test(s);
}

export function fmtIpv4(s: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(s);
}

export function fmtIpv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || s.includes(":::")) return false;
  const dc = s.split("::");
  if (dc.length > 2) return false;
  const groups = (x: string) => (x === "" ? [] : x.split(":"));
  const head = groups(dc[0]!);
  const tail = dc.length === 2 ? groups(dc[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    // An embedded IPv4 address ends the address ("::ffff:1.2.3.4", never "1.2.3.4::").
    if (!s.endsWith(last) || !fmtIpv4(last)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return dc.length === 2 ? count < 8 : count === 8;
}

export function fmtUri(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]*$/i.test(s);
}

export function fmtUriReference(s: string): boolean {
  return /^[^\s"<>\\^`{|}]*$/.test(s);
}

export function fmtUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

export function fmtByte(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export function fmtRegex(s: string): boolean {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}

export function fmtJsonPointer(s: string): boolean {
  return /^(?:\/(?:[^~/]|~[01])*)*$/.test(s);
}
