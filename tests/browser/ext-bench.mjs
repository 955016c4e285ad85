// Prints the main-thread time the content script adds when a message is opened in the Gmail
// and Outlook fixtures (Debian's chromium, dist/extension-chrome), from the content script's
// own performance.now() records: every synchronous piece it runs for that opening (the
// mutation scan, the sender/subject/body checks, building the card, the highlight).
// Targets: <= 5 ms per opened bounce, <= 1 ms per other message. Run by `./build.sh size`.
import { GMAIL, OUTLOOK, launch, startFixtureServer, timingReader } from './ext-harness.mjs';

const ROUNDS = Number(process.env.ROUNDS || 8); // openings of each fixture message per page
const RELOADS = Number(process.env.RELOADS || 3); // fresh pages per site
const SITES = [
  {
    name: 'Gmail', url: `${GMAIL}#inbox/normal`,
    bounces: ['nouser', 'full', 'french', 'payload'], others: ['normal', 'fwd'],
    open: (page, id) => page.evaluate((h) => { location.hash = h; }, `#inbox/${id}`),
  },
  {
    name: 'Outlook', url: `${OUTLOOK}normal`,
    bounces: ['ndr-blocked', 'ndr-541', 'delayed', 'german'], others: ['normal'],
    open: (page, id) => page.click(`[role=option][data-convid="${id}"]`),
  },
];

const server = await startFixtureServer();
const b = await launch({ server });
const stat = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(3)} ms   p90 ${q(0.9).toFixed(3)} ms   max ${s[s.length - 1].toFixed(3)} ms   (n=${s.length})`;
};

try {
  console.log(`content script main-thread time per opened message (Chromium, fixtures, ${RELOADS} pages x ${ROUNDS} rounds per site)`);
  for (const site of SITES) {
    const per = { cold: [], bounce: [], other: [] };
    const uiLoad = [];
    const warmUp = [];
    for (let reload = 0; reload < RELOADS; reload++) {
      const page = await b.context.newPage();
      await page.goto(site.url);
      await page.waitForTimeout(300);
      const read = await timingReader(b.context, page);
      const start = await read();
      let seen = start.length;
      for (const r of start) if (r.kind === 'warm-up') warmUp.push(r.ms);
      let first = true;
      const openAndMeasure = async (id, kind) => {
        await site.open(page, id);
        if (kind === 'bounce') await page.waitForSelector('[data-bounce-doctor]', { timeout: 5000 });
        await page.waitForTimeout(kind === 'bounce' ? 60 : 120); // the scan runs 40 ms after the change
        const records = await read();
        const fresh = records.slice(seen);
        seen = records.length;
        for (const r of fresh) if (r.kind === 'ui-load') uiLoad.push(r.ms);
        const ms = fresh.filter((r) => r.kind !== 'ui-load').reduce((a, r) => a + r.ms, 0);
        per[kind === 'bounce' && first ? 'cold' : kind].push(ms);
        if (kind === 'bounce') first = false;
      };
      for (let i = 0; i < ROUNDS; i++) {
        for (const id of site.bounces) {
          await openAndMeasure(id, 'bounce');
          await openAndMeasure(site.others[i % site.others.length], 'other');
        }
      }
      await page.close();
    }
    const name = site.name.padEnd(8);
    console.log(`  ${name} bounce         ${stat(per.bounce)}   target <= 5 ms`);
    console.log(`  ${name} other mail     ${stat(per.other)}   target <= 1 ms`);
    console.log(`  ${name} first bounce of a page (cold code): ${stat(per.cold)}`);
    console.log(`  ${name} once per page, at idle: compiling the detection patterns: ${stat(warmUp)}`);
    console.log(`  ${name} first card of a page, UI module load: ${stat(uiLoad)} (wall time, partly off the main thread)`);
  }
} finally {
  await b.close();
  server.close();
}
