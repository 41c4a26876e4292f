import { der, objectIdentifier, time, unsignedInteger } from './der.js';

test.each([
  { name: 'an OID with multi-byte arcs', value: objectIdentifier('1.2.840.10045.4.3.2'), hex: '06082a8648ce3d040302' },
  { name: 'an integer with its top bit set gets a leading zero', value: unsignedInteger(Buffer.from([0x80, 0x01])), hex: '0203008001' },
  { name: 'an integer with leading zeros is trimmed', value: unsignedInteger(Buffer.from([0, 0, 0x7f])), hex: '02017f' },
  { name: 'a long length takes the long form', value: der(0x04, Buffer.alloc(300)).subarray(0, 4), hex: '0482012c' },
  { name: 'a date before 2050 is a UTCTime', value: time(new Date('2030-01-02T03:04:05Z')), hex: Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('300102030405Z')]).toString('hex') },
  { name: 'a date from 2050 is a GeneralizedTime', value: time(new Date('2051-01-02T03:04:05Z')), hex: Buffer.concat([Buffer.from([0x18, 15]), Buffer.from('20510102030405Z')]).toString('hex') },
])('$name', ({ value, hex }) => {
  expect(value.toString('hex')).toBe(hex);
});
