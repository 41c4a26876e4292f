import { namedBits, oid, tlv, unsignedInteger, time } from './der.js';

const hex = (b: Buffer) => b.toString('hex');

describe('DER', () => {
  test.each([
    { name: 'short length', len: 5, want: '0405' },
    { name: 'one-byte long length', len: 200, want: '0481c8' },
    { name: 'two-byte long length', len: 300, want: '0482012c' },
  ])('$name', ({ len, want }) => {
    expect(hex(tlv(0x04, Buffer.alloc(len))).slice(0, want.length)).toBe(want);
  });

  test.each([
    { name: 'commonName', dotted: '2.5.4.3', want: '0603550403' },
    { name: 'ecdsa-with-SHA256 (multi-byte arc)', dotted: '1.2.840.10045.4.3.2', want: '06082a8648ce3d040302' },
    { name: 'serverAuth', dotted: '1.3.6.1.5.5.7.3.1', want: '06082b06010505070301' },
  ])('OID $name', ({ dotted, want }) => {
    expect(hex(oid(dotted))).toBe(want);
  });

  test.each([
    { name: 'a high bit gets a leading zero', bytes: [0x80, 0x01], want: '0203008001' },
    { name: 'leading zeros are stripped', bytes: [0x00, 0x00, 0x7f], want: '02017f' },
    { name: 'zero stays one byte', bytes: [0x00, 0x00], want: '020100' },
  ])('INTEGER: $name', ({ bytes, want }) => {
    expect(hex(unsignedInteger(Buffer.from(bytes)))).toBe(want);
  });

  test.each([
    { name: 'CA key usage', bits: [0, 5, 6], want: '03020186' },
    { name: 'server key usage', bits: [0, 2], want: '030205a0' },
  ])('named bits: $name drop trailing zero bits', ({ bits, want }) => {
    expect(hex(namedBits(bits))).toBe(want);
  });

  test.each([
    { name: 'UTCTime before 2050', date: '2049-12-31T23:59:59Z', want: '491231235959Z', tag: 0x17 },
    { name: 'GeneralizedTime from 2050', date: '2050-01-01T00:00:00Z', want: '20500101000000Z', tag: 0x18 },
  ])('$name', ({ date, want, tag }) => {
    const der = time(new Date(date));
    expect(der[0]).toBe(tag);
    expect(der.subarray(2).toString()).toBe(want);
  });
});
