import { thrown } from '../testing/reports.js';
import { parseResident } from './rss.js';

const status = ['Name:\tnode', 'VmPeak:\t 1000000 kB', 'VmRSS:\t   61476 kB', 'RssAnon:\t   16040 kB', 'RssFile:\t   45436 kB', 'Threads:\t7', ''].join('\n');

test('reads resident and private memory in MB from /proc/<pid>/status', () => {
  expect(parseResident(status)).toEqual({ rssMb: 61476 / 1024, anonMb: 16040 / 1024 });
});

test.each([
  { name: 'no VmRSS line (a kernel thread)', text: 'Name:\tkthreadd\nRssAnon:\t0 kB\n', says: 'VmRSS' },
  { name: 'no RssAnon line', text: 'VmRSS:\t 100 kB\n', says: 'RssAnon' },
])('$name is a named error', ({ text, says }) => {
  const err = thrown(() => parseResident(text)) as Error;
  expect(err).toMatchObject({ code: 'bad-rss' });
  expect(err.message).toContain(says);
});
