import { endpointTargets, targetAddress } from './endpoints.js';

describe('endpointTargets', () => {
  it.each([
    { name: 'no object', endpoints: undefined, want: [] },
    {
      name: 'pods on one address with their own ports, as local mode has them',
      endpoints: {
        subsets: [
          { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port: 40001 }, { name: 'http-autometric', port: 40002 }] },
          { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port: 40011 }, { name: 'http-autometric', port: 40012 }] },
        ],
      },
      want: [{ ip: '127.0.0.1', port: 40001 }, { ip: '127.0.0.1', port: 40011 }],
    },
    {
      name: 'not-ready addresses are left out',
      endpoints: { subsets: [{ addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [{ ip: '10.0.0.2' }], ports: [{ name: 'http', port: 8012 }] }] },
      want: [{ ip: '10.0.0.1', port: 8012 }],
    },
    {
      name: 'a subset without the named port is skipped',
      endpoints: { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'https', port: 8112 }] }] },
      want: [],
    },
    {
      name: 'an unnamed single port is used',
      endpoints: { subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.3' }], ports: [{ port: 8012 }] }] },
      want: [{ ip: '10.0.0.1', port: 8012 }, { ip: '10.0.0.3', port: 8012 }],
    },
  ])('$name', ({ endpoints, want }) => {
    expect(endpointTargets(endpoints, 'http')).toEqual(want);
  });
});

describe('targetAddress', () => {
  it('brackets IPv6 and not IPv4', () => {
    expect(targetAddress({ ip: '10.0.0.1', port: 80 })).toBe('10.0.0.1:80');
    expect(targetAddress({ ip: 'fd00::1', port: 80 })).toBe('[fd00::1]:80');
  });
});
