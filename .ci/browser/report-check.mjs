// Loads run reports in headless Chromium over the DevTools protocol and checks what a reader
// relies on: no console errors, the funnel, a chart per measured metric, the samples laid out
// right to left, and the filters. Node 20 with --experimental-websocket, no npm packages.
//
//   node --experimental-websocket report-check.mjs SCREENSHOT_DIR NAME=REPORT.html...
//
// Exit code 0 when every report passes, 1 with the failures listed otherwise.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const STEP_TIMEOUT_MS = 15_000;
const WHOLE_TIMEOUT_MS = 100_000;
const MAX_SHOT_HEIGHT = 12_000;

if (typeof WebSocket === 'undefined') {
  console.error('report-check: no WebSocket in this Node; run it with node --experimental-websocket (Node 20) or Node 22+');
  process.exit(2);
}
const [shotDir, ...pairs] = process.argv.slice(2);
if (!shotDir || !pairs.length) {
  console.error('usage: report-check.mjs SCREENSHOT_DIR NAME=REPORT.html...');
  process.exit(2);
}
const reports = pairs.map((p) => { const i = p.indexOf('='); return { name: p.slice(0, i), file: resolve(p.slice(i + 1)) }; });
mkdirSync(shotDir, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'ghirbal-chromium-'));
const chromium = process.env.CHROMIUM || 'chromium';
const chr = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', `--user-data-dir=${profile}`,
  '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', '--window-size=1400,1000', 'about:blank'],
// Chromium's own temporary files go in the profile folder too, so that one removal cleans up.
{ stdio: 'ignore', env: { ...process.env, TMPDIR: profile } });
let chrExited = false;
chr.on('exit', () => { chrExited = true; });
chr.on('error', (e) => { console.error(`report-check: cannot start ${chromium}: ${e.message}`); });

let ws = null;
async function shutdown() {
  try { ws?.close(); } catch { /* already closed */ }
  if (!chrExited) {
    chr.kill('SIGTERM');
    for (let i = 0; i < 30 && !chrExited; i++) await sleep(100);
    if (!chrExited) chr.kill('SIGKILL');
    for (let i = 0; i < 20 && !chrExited; i++) await sleep(100);
  }
  rmSync(profile, { recursive: true, force: true });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const watchdog = setTimeout(async () => {
  console.error(`report-check: gave up after ${WHOLE_TIMEOUT_MS / 1000} s`);
  await shutdown();
  process.exit(1);
}, WHOLE_TIMEOUT_MS);

function withTimeout(promise, what) {
  let t;
  return Promise.race([promise, new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`timed out: ${what}`)), STEP_TIMEOUT_MS); })])
    .finally(() => clearTimeout(t));
}

let failures = 0;
try {
  const portFile = join(profile, 'DevToolsActivePort');
  for (let i = 0; i < 300 && !existsSync(portFile) && !chrExited; i++) await sleep(50);
  if (!existsSync(portFile)) throw new Error('Chromium did not open its DevTools port');
  const [port] = readFileSync(portFile, 'utf8').split('\n');
  const targets = await withTimeout(fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json()), 'target list');
  const page = targets.find((t) => t.type === 'page');
  if (!page) throw new Error('no page target');
  ws = new WebSocket(page.webSocketDebuggerUrl);
  await withTimeout(new Promise((r, reject) => { ws.onopen = r; ws.onerror = () => reject(new Error('WebSocket error')); }), 'WebSocket');

  let id = 0;
  const pending = new Map();
  let problems = [];
  let onLoad = null;
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
    if (msg.method === 'Runtime.exceptionThrown') {
      const d = msg.params.exceptionDetails;
      problems.push(`exception: ${d.exception?.description || d.text}`);
    }
    if (msg.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(msg.params.type)) {
      problems.push(`console.${msg.params.type}: ${msg.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    }
    if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') problems.push(`log: ${msg.params.entry.text}`);
    if (msg.method === 'Page.loadEventFired' && onLoad) onLoad();
  };
  const send = (method, params = {}) => withTimeout(new Promise((r) => {
    const i = ++id;
    pending.set(i, r);
    ws.send(JSON.stringify({ id: i, method, params }));
  }), method).then((msg) => {
    if (msg.error) throw new Error(`${method}: ${msg.error.message}`);
    return msg.result;
  });
  const evaluate = async (expression) => {
    const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`in page: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  };
  await send('Runtime.enable');
  await send('Log.enable');
  await send('Page.enable');

  for (const { name, file } of reports) {
    const fails = [];
    const check = (ok, what) => { if (!ok) fails.push(what); };
    problems = [];
    try {
      const loaded = new Promise((r) => { onLoad = r; });
      await send('Page.navigate', { url: pathToFileURL(file).href });
      await withTimeout(loaded, `loading ${file}`);
      const facts = await evaluate(`(() => {
        const data = JSON.parse(document.getElementById('ghirbal-data').textContent);
        const d = data.compare ? data.a : data;
        const measured = (d.steps || []).flatMap((s) => (s.metrics || []).filter((m) => m.total > 0).map((m) => m.key));
        const charts = [...document.querySelectorAll('svg.chart[data-metric]')].map((e) => e.dataset.metric);
        const missing = measured.filter((k) => charts.filter((c) => c === k).length < measured.filter((m) => m === k).length);
        return { compare: !!data.compare, observed: !!d.observed, steps: (d.steps || []).length,
          funnelSteps: document.querySelectorAll('#funnel tr.step').length,
          funnelRows: document.querySelectorAll('#funnel tr').length,
          measured: measured.length, missing, samples: document.querySelectorAll('article.sample').length,
          note: !!document.querySelector('#s-charts .note'),
          reasonRates: document.querySelectorAll('#reasons tr.reason-rate').length,
          reasonsInData: (d.steps || []).some((s) => Object.keys(s.removed || {}).length) };
      })()`);
      check(facts.funnelRows >= 2 && facts.funnelSteps === facts.steps, `funnel: ${facts.funnelSteps} step rows for ${facts.steps} steps`);
      check(facts.missing.length === 0, `no chart for measured metrics ${facts.missing.join(', ')}`);
      if (facts.compare) check(!facts.reasonsInData || facts.reasonRates > 0, 'comparison: no removal rate rows');
      if (!facts.observed) {
        check(facts.note, 'a run without observations should say so');
      } else {
        check(facts.samples > 0, 'no article.sample');
        const rtl = await evaluate(`(() => {
          const arabic = /^[^\\p{L}]*\\p{Script=Arabic}/u;
          const box = [...document.querySelectorAll('article.sample .text')].find((t) => arabic.test(t.textContent));
          if (!box) return null;
          box.scrollIntoView();
          const cs = getComputedStyle(box);
          const range = document.createRange();
          range.selectNodeContents(box);
          const rect = range.getBoundingClientRect();
          const b = box.getBoundingClientRect();
          const contentRight = b.left + box.clientLeft + box.clientWidth - parseFloat(cs.paddingRight);
          return { direction: cs.direction, gap: contentRight - rect.right, width: rect.width };
        })()`);
        check(rtl !== null, 'no sample starts with Arabic text');
        if (rtl) {
          check(rtl.direction === 'rtl', `first Arabic sample has direction ${rtl.direction}`);
          check(Math.abs(rtl.gap) <= 2 && rtl.width > 0, `first Arabic sample is not right-aligned (${rtl.gap.toFixed(1)} px from the right edge)`);
        }
        const visible = `[...document.querySelectorAll('article.sample')].filter((e) => e.offsetParent !== null)`;
        const before = await evaluate(`${visible}.length`);
        const chip = await evaluate(`(() => {
          const counts = {};
          ${visible}.forEach((e) => { counts[e.dataset.reason] = (counts[e.dataset.reason] || 0) + 1; });
          const c = [...document.querySelectorAll('button.chip[data-reason]')].find((c) => counts[c.dataset.reason] > 0 && counts[c.dataset.reason] < ${before});
          if (!c) return null;
          c.click();
          return c.dataset.reason;
        })()`);
        check(chip !== null, 'no reason chip that narrows the samples');
        if (chip !== null) {
          const after = await evaluate(`${visible}.map((e) => e.dataset.reason)`);
          check(after.length > 0 && after.length < before, `chip ${chip}: ${after.length} visible of ${before}`);
          check(after.every((r) => r === chip), `chip ${chip}: other reasons still visible`);
          check(await evaluate('location.hash').then((h) => h.includes('reason=')), 'chip state not in location.hash');
          await evaluate(`document.querySelector('button.chip[data-reason="${chip.replace(/["\\]/g, '\\$&')}"]').click()`);
          check(await evaluate(`${visible}.length`) === before, 'clicking the chip again does not bring all samples back');
        }
        const searched = await evaluate(`(() => {
          const first = ${visible}[0];
          const s = document.getElementById('search');
          const q = first.querySelector('header span:nth-child(2)').textContent.split(' · ')[0];
          s.value = q;
          s.dispatchEvent(new Event('input'));
          const n = ${visible}.length;
          s.value = '';
          s.dispatchEvent(new Event('input'));
          return { q, n };
        })()`);
        check(searched.n > 0 && searched.n < before, `search "${searched.q}": ${searched.n} visible of ${before}`);
      }
      await evaluate('window.scrollTo(0, 0)');
      const metrics = await send('Page.getLayoutMetrics');
      const size = metrics.cssContentSize || metrics.contentSize;
      const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: Math.ceil(size.width), height: Math.min(MAX_SHOT_HEIGHT, Math.ceil(size.height)), scale: 1 } });
      const png = join(shotDir, `report-${name}.png`);
      writeFileSync(png, Buffer.from(shot.data, 'base64'));
      // The head of the page, of the charts and of the samples, one screen each, for a glance.
      const tops = await evaluate(`['s-charts', 's-samples'].map((id) => document.getElementById(id)?.getBoundingClientRect().top + window.scrollY)`);
      for (const [part, y] of [['top', 0], ['charts', tops[0]], ['samples', tops[1]]]) {
        if (typeof y !== 'number' || Number.isNaN(y)) continue;
        const view = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true,
          clip: { x: 0, y, width: 1400, height: 1000, scale: 1 } });
        writeFileSync(join(shotDir, `report-${name}-${part}.png`), Buffer.from(view.data, 'base64'));
      }
      await sleep(50);
      for (const p of problems) fails.push(p);
      console.log(`${fails.length ? 'FAIL' : 'ok  '} ${name}: ${facts.funnelSteps} steps, ${facts.measured} charts, ${facts.samples} samples${facts.observed ? '' : ' (no observations)'} -> ${png}`);
    } catch (e) {
      fails.push(e.message);
      for (const p of problems) fails.push(p);
      console.log(`FAIL ${name}`);
    }
    for (const f of fails) console.log(`     ${f}`);
    failures += fails.length;
  }
} catch (e) {
  console.error(`report-check: ${e.message}`);
  failures += 1;
} finally {
  clearTimeout(watchdog);
  await shutdown();
}
process.exit(failures ? 1 : 0);
