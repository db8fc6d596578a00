// ghirbal run report: draws the page from the JSON in #ghirbal-data (deterministic: counts,
// histograms, samples, configuration) and #ghirbal-run (threads and timings; `{}` in stable
// reports). Corpus text only ever enters the page through text nodes, never as markup.
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('ghirbal-data').textContent);
  const run = JSON.parse(document.getElementById('ghirbal-run').textContent);
  const main = document.getElementById('report');
  const SVG = 'http://www.w3.org/2000/svg';

  // ---- small helpers ------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null && v !== false) e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.appendChild(document.createTextNode(String(text)));
    return e;
  }
  const num = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '–');
  const pct = (a, b) => (b > 0 ? (100 * a / b).toFixed(a / b < 0.001 && a > 0 ? 3 : 1) + ' %' : '–');
  function bytes(n) {
    if (typeof n !== 'number') return '–';
    const u = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
    return (i === 0 ? n : n.toFixed(n < 10 ? 2 : 1)) + ' ' + u[i];
  }
  function seconds(s) {
    if (typeof s !== 'number') return '–';
    return s < 1 ? (s * 1000).toFixed(0) + ' ms' : s < 120 ? s.toFixed(2) + ' s' : (s / 60).toFixed(1) + ' min';
  }
  function value(v) {
    if (!isFinite(v)) return String(v);
    if (v !== 0 && Math.abs(v) < 0.01) return v.toExponential(1);
    if (Math.abs(v) >= 100) return num(Math.round(v));
    return Number.isInteger(v) ? num(v) : String(+v.toFixed(3));
  }
  function section(id, title, ...children) {
    const s = el('section', { id }, el('h2', {}, title), ...children);
    main.appendChild(s);
    return s;
  }
  function barCell(share, cls) {
    const inner = el('div');
    inner.style.width = Math.max(0, Math.min(100, 100 * share)) + '%';
    return el('td', { class: 'bar' + (cls ? ' ' + cls : '') }, inner);
  }
  const sum = (obj) => Object.values(obj || {}).reduce((a, b) => a + b, 0);

  // ---- identity ------------------------------------------------------------------------
  function identity(d, r, prefix) {
    const box = document.getElementById('identity');
    const line = el('div');
    if (prefix) line.appendChild(el('strong', {}, prefix + ' '));
    // `inputs` is {first, count}: a few names and how many there are.
    const inputs = (d.inputs && d.inputs.first) || [];
    const total = (d.inputs && d.inputs.count) || inputs.length;
    const shown = inputs.slice(0, 3).join(', ') + (total > 3 ? `, … (${total} inputs)` : '');
    line.appendChild(el('span', {}, 'ghirbal ' + (d.ghirbal_version || '?')));
    line.appendChild(el('span', {}, 'inputs: ' + (shown || '–')));
    if (r.threads !== undefined) line.appendChild(el('span', {}, 'threads: ' + r.threads));
    if (r.wall_seconds !== undefined) line.appendChild(el('span', {}, 'duration: ' + seconds(r.wall_seconds)));
    if (r.outcome !== undefined) {
      const resumed = r.resumed_from_record !== undefined ? ` from record ${num(r.resumed_from_record)}` : '';
      line.appendChild(el('span', {}, 'outcome: ' + r.outcome + resumed));
    }
    if (r.command) line.appendChild(el('div', { class: 'command' }, el('code', {}, r.command)));
    box.appendChild(line);
  }

  // ---- funnel --------------------------------------------------------------------------
  function funnel(d, r, id) {
    const read = d.read || 0;
    const table = el('table', { id },
      el('thead', {}, el('tr', {},
        el('th', {}, 'step / reason'), el('th', { class: 'n' }, 'in'), el('th', { class: 'n' }, 'out'),
        el('th', { class: 'n' }, 'removed'), el('th', { class: 'n' }, '% of read'), el('th', { class: 'n' }, '% of step input'),
        el('th', {}, ''), el('th', { class: 'n' }, 'bytes in'), el('th', { class: 'n' }, 'bytes out'), el('th', { class: 'n' }, 'time'))));
    const body = el('tbody');
    body.appendChild(el('tr', { class: 'total' }, el('td', {}, 'read'), el('td', { class: 'n' }, num(read)), el('td'), el('td'),
      el('td', { class: 'n' }, '100 %'), el('td'), el('td'), el('td', { class: 'n' }, bytes(d.bytes_read)), el('td'), el('td')));
    (d.steps || []).forEach((s, i) => {
      const removed = sum(s.removed);
      const t = (r.step_seconds || [])[i];
      body.appendChild(el('tr', { class: 'step', 'data-step': s.name },
        el('td', {}, el('strong', {}, s.name), s.kind === 'stage' ? ' (whole-corpus stage)' : ''),
        el('td', { class: 'n' }, num(s.docs_in)), el('td', { class: 'n' }, num(s.docs_out)),
        el('td', { class: 'n' }, num(removed) + (s.errors ? ` (+${num(s.errors)} errors)` : '')),
        el('td', { class: 'n' }, pct(removed, read)), el('td', { class: 'n' }, pct(removed, s.docs_in)),
        barCell(read ? removed / read : 0),
        el('td', { class: 'n' }, bytes(s.bytes_in)), el('td', { class: 'n' }, bytes(s.bytes_out)),
        el('td', { class: 'n' }, seconds(t))));
      const reasons = Object.entries(s.removed || {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      for (const [code, n] of reasons) {
        body.appendChild(el('tr', { class: 'reason', 'data-reason': s.name + '/' + code },
          el('td', {}, code), el('td'), el('td'), el('td', { class: 'n' }, num(n)),
          el('td', { class: 'n' }, pct(n, read)), el('td', { class: 'n' }, pct(n, s.docs_in)),
          barCell(read ? n / read : 0), el('td'), el('td'), el('td')));
      }
    });
    body.appendChild(el('tr', { class: 'total' }, el('td', {}, 'kept'), el('td'), el('td', { class: 'n' }, num(d.kept)), el('td'),
      el('td', { class: 'n' }, pct(d.kept || 0, read)), el('td'), barCell(read ? (d.kept || 0) / read : 0, 'kept'),
      el('td'), el('td', { class: 'n' }, bytes(d.bytes_kept)), el('td')));
    table.appendChild(body);
    return table;
  }

  function countTable(title, counts, read, empty) {
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (!entries.length) return el('p', { class: 'note' }, empty);
    const max = Math.max(...entries.map((e) => e[1]));
    return el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, title), el('th', { class: 'n' }, 'records'),
      el('th', { class: 'n' }, '% of read'), el('th'))),
      el('tbody', {}, ...entries.map(([k, n]) => el('tr', {}, el('td', {}, k), el('td', { class: 'n' }, num(n)),
        el('td', { class: 'n' }, pct(n, read)), barCell(n / max)))));
  }

  // ---- charts --------------------------------------------------------------------------
  // The position of a value on a scale, in buckets (fractional).
  function bucketPos(scale, v) {
    if (scale.kind === 'linear') return (v - scale.lo) / (scale.hi - scale.lo) * scale.n;
    if (v < 1) return Math.max(0, v);
    return 1 + Math.log2(v) * scale.per_octave;
  }
  // A histogram as SVG: series of counts over the same buckets, limits drawn as vertical lines
  // with the side they remove shaded. `norm` draws shares of each series' total instead of
  // counts (to overlay runs of different sizes).
  function histChart(spec) {
    const { scale, edges, series, limits, key, norm } = spec;
    const n = edges.length - 1;
    let lo = n, hi = 0;
    for (const s of series) s.counts.forEach((c, i) => { if (c > 0) { lo = Math.min(lo, i); hi = Math.max(hi, i + 1); } });
    for (const l of limits || []) {
      const p = Math.floor(bucketPos(scale, l.value));
      if (p >= 0 && p < n) { lo = Math.min(lo, p); hi = Math.max(hi, p + 1); }
    }
    if (hi <= lo) return null;
    if (scale.kind === 'linear') { lo = 0; hi = n; } else { lo = Math.max(0, lo - 1); hi = Math.min(n, hi + 1); }
    const W = 480, H = 130, top = 6, axis = 22;
    const view = hi - lo, bw = W / view;
    const heights = series.map((s) => {
      const total = s.counts.reduce((a, b) => a + b, 0) || 1;
      return s.counts.map((c) => (norm ? c / total : c));
    });
    let max = 0;
    heights.forEach((h) => { for (let i = lo; i < hi; i++) max = Math.max(max, h[i] || 0); });
    max = max || 1;
    const root = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H + axis}`, width: W, height: H + axis, role: 'img',
      'data-metric': key || '', 'aria-label': spec.title || key || 'histogram' });
    const x = (pos) => Math.max(0, Math.min(W, (pos - lo) * bw));
    for (const l of limits || []) {
      const lx = x(bucketPos(scale, l.value));
      const shade = l.removes === 'below' ? svg('rect', { class: 'shade', x: 0, y: top, width: lx, height: H - top })
        : svg('rect', { class: 'shade', x: lx, y: top, width: W - lx, height: H - top });
      shade.appendChild(svg('title', {}, `removed ${l.removes} ${value(l.value)} (${l.code})`));
      root.appendChild(shade);
    }
    series.forEach((s, si) => {
      const h = heights[si];
      if (s.outline) {
        let d = `M0 ${H}`;
        for (let i = lo; i < hi; i++) {
          const y = H - (H - top) * (h[i] || 0) / max;
          d += ` L${x(i).toFixed(1)} ${y.toFixed(1)} L${x(i + 1).toFixed(1)} ${y.toFixed(1)}`;
        }
        root.appendChild(svg('path', { class: s.cls, d: d + ` L${W} ${H}` }));
        return;
      }
      for (let i = lo; i < hi; i++) {
        const c = s.counts[i] || 0;
        if (!c) continue;
        const bh = Math.max(1, (H - top) * h[i] / max);
        const r = svg('rect', { class: s.cls, x: x(i).toFixed(1), y: (H - bh).toFixed(1), width: Math.max(0.5, bw - 0.5).toFixed(2), height: bh.toFixed(1) });
        r.appendChild(svg('title', {}, `${s.name ? s.name + ': ' : ''}[${value(edges[i])}, ${value(edges[i + 1])}): ${num(c)}`));
        root.appendChild(r);
      }
    });
    root.appendChild(svg('line', { class: 'axis', x1: 0, y1: H, x2: W, y2: H }));
    for (const l of limits || []) {
      const lx = x(bucketPos(scale, l.value));
      root.appendChild(svg('line', { class: 'limit', x1: lx, y1: top - 4, x2: lx, y2: H }));
      root.appendChild(svg('text', { x: Math.min(W - 40, lx + 3), y: top + 8 }, value(l.value)));
    }
    root.appendChild(svg('text', { x: 0, y: H + 14 }, value(edges[lo])));
    root.appendChild(svg('text', { x: W, y: H + 14, 'text-anchor': 'end' }, value(edges[hi])));
    if (scale.kind === 'log2') root.appendChild(svg('text', { x: W / 2, y: H + 14, 'text-anchor': 'middle' }, 'log scale'));
    return root;
  }
  function figure(title, sub, chart, legend) {
    const f = el('figure', { class: 'chart' }, el('figcaption', {}, title));
    for (const s of sub) if (s) f.appendChild(el('div', { class: 'sub' }, s));
    if (legend) f.appendChild(legend);
    f.appendChild(chart || el('p', { class: 'note' }, 'no value in range'));
    return f;
  }
  function legend(items) {
    return el('div', { class: 'legend' }, ...items.map(([name, color, dashed]) => {
      const i = el('i');
      i.style.background = dashed ? 'transparent' : color;
      if (dashed) i.style.border = '1.5px dashed ' + color;
      return el('span', {}, i, name);
    }));
  }
  function limitText(m) {
    return (m.limits || []).map((l) => `removes ${l.removes} ${value(l.value)} (${l.code})`).join('; ');
  }
  function outOfRange(m) {
    const parts = [];
    if (m.under) parts.push(`${num(m.under)} below the chart`);
    if (m.over) parts.push(`${num(m.over)} above it`);
    if (m.nan) parts.push(`${num(m.nan)} not a number`);
    return parts.join(', ');
  }
  function labelChart(key, counts, total) {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15);
    const W = 480, row = 16, H = entries.length * row + 4;
    const max = entries.length ? entries[0][1] : 1;
    const root = svg('svg', { class: 'chart labels', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'data-labels': key });
    entries.forEach(([label, n], i) => {
      const y = i * row + 2;
      root.appendChild(svg('text', { x: 0, y: y + 11 }, label));
      root.appendChild(svg('rect', { class: 'b-a', x: 110, y, width: Math.max(1, 280 * n / max), height: row - 4 }));
      root.appendChild(svg('text', { x: 114 + 280 * n / max, y: y + 11 }, `${num(n)} (${pct(n, total)})`));
    });
    return root;
  }

  function charts(d) {
    const s = section('s-charts', 'Distributions');
    if (!d.observed) {
      s.appendChild(el('p', { class: 'note' }, 'This run has no observations.json.zst (it was made by a ghirbal that did not collect distributions and samples): the funnel and configuration are shown; run it again with this version for the histograms and samples.'));
      return;
    }
    s.appendChild(el('p', { class: 'note' }, 'Each value as the step measured it, with the limits of its options drawn and the side they remove shaded. A quality filter stops at its first failed check, so a later check counts only the documents that passed the earlier ones; some values are measured on part of the documents only (the dialect on Arabic ones, the language score on those in a kept language).'));
    const box = el('div', { class: 'charts' });
    const L = d.length;
    const kept = L.kept.counts, removed = L.removed.counts;
    box.appendChild(figure('Document length (UTF-8 bytes), kept vs removed',
      [`${num(sum(kept) + L.kept.over)} kept, ${num(sum(removed) + L.removed.over)} removed`],
      histChart({ scale: L.scale, edges: L.edges, key: 'length', title: 'document length',
        series: [{ counts: kept, cls: 'b-kept', name: 'kept' }, { counts: removed, cls: 'b-removed', name: 'removed' }] }),
      legend([['kept', 'var(--kept)'], ['removed', 'var(--removed)']])));
    s.appendChild(box);
    for (const step of d.steps || []) {
      const metrics = step.metrics || [];
      const labels = step.labels || {};
      if (!metrics.length && !Object.keys(labels).length) continue;
      s.appendChild(el('h3', {}, step.name));
      const row = el('div', { class: 'charts' });
      for (const m of metrics) {
        const sub = [`measured on ${num(m.total)} documents` + (m.total < step.docs_in ? ` of the ${num(step.docs_in)} that reached ${step.name}` : ''),
          limitText(m), outOfRange(m)];
        const chart = m.total > 0 ? histChart({ scale: m.scale, edges: m.edges, limits: m.limits, key: m.key, title: m.label,
          series: [{ counts: m.counts, cls: 'b-a' }] }) : el('p', { class: 'note' }, 'no document reached this measure');
        row.appendChild(figure(`${m.label} (${m.key})`, sub, chart));
      }
      for (const [key, counts] of Object.entries(labels)) {
        const total = sum(counts);
        row.appendChild(figure(`${key}`, [`${num(total)} documents`], labelChart(key, counts, total)));
      }
      s.appendChild(row);
    }
  }

  // ---- counters ------------------------------------------------------------------------
  function counters(d) {
    const steps = (d.steps || []).filter((s) => Object.keys(s.counters || {}).length);
    const s = section('s-counters', 'What the steps changed');
    if (!steps.length) { s.appendChild(el('p', { class: 'note' }, 'No step counted changes in this run.')); return; }
    s.appendChild(el('p', { class: 'note' }, 'Counters per step: lines removed per boilerplate rule (lines_removed:*), PII masked per kind (masked:*), extraction by main text or fallback, and other edits.'));
    for (const step of steps) {
      const entries = Object.entries(step.counters).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const max = Math.max(...entries.map((e) => e[1])) || 1;
      s.appendChild(el('h3', {}, step.name));
      s.appendChild(el('table', { class: 'counters', 'data-step': step.name },
        el('tbody', {}, ...entries.map(([k, n]) => el('tr', {}, el('td', {}, k), el('td', { class: 'n' }, num(n)), barCell(n / max, 'kept'))))));
    }
  }

  // ---- samples -------------------------------------------------------------------------
  // The placeholders the run's pii steps wrote (from its configuration), longest first so
  // that one that contains another wins; none: nothing is highlighted.
  const masks = ((data.compare ? data.a : data).masks || []).filter((m) => m.length > 0)
    .sort((a, b) => b.length - a.length);
  const PII = masks.length
    ? new RegExp(masks.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : null;
  function appendMasked(parent, line) {
    let last = 0;
    for (const m of (PII ? line.matchAll(PII) : [])) {
      if (m.index > last) parent.appendChild(document.createTextNode(line.slice(last, m.index)));
      parent.appendChild(el('mark', {}, m[0]));
      last = m.index + m[0].length;
    }
    if (last < line.length) parent.appendChild(document.createTextNode(line.slice(last)));
  }
  // The text with struck lines put back at the line numbers the striking step saw.
  function sampleText(s) {
    const box = el('div', { class: 'text', dir: 'auto' });
    const lines = (s.text || '').split('\n');
    const marks = (s.marks || []).slice().sort((a, b) => a.line - b.line);
    let li = 0, mi = 0, pos = 1, first = true;
    while (li < lines.length || mi < marks.length) {
      if (!first) box.appendChild(document.createTextNode('\n'));
      first = false;
      if (mi < marks.length && (marks[mi].line <= pos || li >= lines.length)) {
        const m = marks[mi++];
        box.appendChild(el('del', { 'data-rule': m.rule }, m.text));
        box.appendChild(el('span', { class: 'rule' }, m.rule));
      } else {
        appendMasked(box, lines[li++]);
      }
      pos++;
    }
    return box;
  }
  function samples(d, seen) {
    const s = section('s-samples', 'Samples');
    const all = d.samples || [];
    if (!d.observed) { s.appendChild(el('p', { class: 'note' }, 'No samples: this run did not collect them.')); return; }
    s.appendChild(el('p', { class: 'note' }, 'A seeded sample of the documents kept, of each removal reason and of each rejection, the same for any thread count. Struck lines are shown where the step that removed them saw them; later steps may have shifted lines.'));
    const state = { kind: 'all', step: '', reason: '', q: '' };
    const filters = el('div', { id: 'filters' });
    const kinds = ['all', 'kept', 'removed', 'rejected'].map((k) => el('button', { class: 'kind', 'data-kind': k, type: 'button' }, k));
    kinds.forEach((b) => filters.appendChild(b));
    const stepSel = el('select', { id: 'step', 'aria-label': 'step' }, el('option', { value: '' }, 'all steps'));
    [...new Set(all.filter((x) => x.kind === 'removed').map((x) => x.step))].forEach((st) => stepSel.appendChild(el('option', { value: st }, st)));
    filters.appendChild(stepSel);
    const reasons = [...new Set(all.filter((x) => x.reason).map((x) => x.reason))];
    const chips = reasons.map((r) => {
      const kind = all.find((x) => x.reason === r).kind;
      const n = seen[kind + ':' + r];
      return el('button', { class: 'chip', 'data-reason': r, type: 'button', title: n !== undefined ? `${num(n)} ${kind}` : null }, r);
    });
    chips.forEach((c) => filters.appendChild(c));
    const search = el('input', { id: 'search', type: 'search', placeholder: 'search text or id', 'aria-label': 'search' });
    filters.appendChild(search);
    const count = el('span', { id: 'count' });
    filters.appendChild(count);
    s.appendChild(filters);
    const list = el('div', { id: 'samples' });
    const index = [];
    for (const x of all) {
      const head = el('header', {});
      const what = x.kind === 'kept' ? 'kept' : x.reason;
      head.appendChild(el('span', { class: 'reason' }, what));
      // Isolated: an Arabic id or detail must not reorder the left-to-right text around it.
      head.appendChild(el('span', {}, el('bdi', {}, x.id), ` · ${x.input}:${x.line}`));
      if (x.detail) head.appendChild(el('span', { class: 'detail' }, el('bdi', {}, x.detail)));
      const a = el('article', { class: 'sample', 'data-kind': x.kind, 'data-reason': x.reason, 'data-step': x.step || '' }, head, sampleText(x));
      if (x.truncated_from) a.appendChild(el('div', { class: 'more' }, `cut at ${num((x.text || '').length)} of ${num(x.truncated_from)} characters`));
      list.appendChild(a);
      index.push({ a, x, hay: ((x.text || '') + '\n' + (x.id || '')).toLowerCase() });
    }
    s.appendChild(list);
    if (!all.length) list.appendChild(el('p', { class: 'note' }, 'The run kept no sample.'));
    function apply(write) {
      const q = state.q.toLowerCase();
      let shown = 0;
      for (const { a, x, hay } of index) {
        const ok = (state.kind === 'all' || x.kind === state.kind) && (!state.step || x.step === state.step)
          && (!state.reason || x.reason === state.reason) && (!q || hay.includes(q));
        a.hidden = !ok;
        if (ok) shown++;
      }
      kinds.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.kind === state.kind)));
      chips.forEach((c) => c.setAttribute('aria-pressed', String(c.dataset.reason === state.reason)));
      stepSel.value = state.step;
      search.value = state.q;
      count.textContent = `${shown} of ${index.length} samples`;
      if (write) {
        const p = new URLSearchParams();
        for (const k of ['kind', 'step', 'reason', 'q']) if (state[k] && !(k === 'kind' && state[k] === 'all')) p.set(k, state[k]);
        const h = p.toString();
        history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
      }
    }
    function readHash() {
      const h = location.hash.slice(1);
      if (!h.includes('=')) return false;
      const p = new URLSearchParams(h);
      state.kind = ['kept', 'removed', 'rejected'].includes(p.get('kind')) ? p.get('kind') : 'all';
      state.step = p.get('step') || '';
      state.reason = p.get('reason') || '';
      state.q = p.get('q') || '';
      return true;
    }
    kinds.forEach((b) => b.addEventListener('click', () => { state.kind = b.dataset.kind; apply(true); }));
    chips.forEach((c) => c.addEventListener('click', () => {
      state.reason = state.reason === c.dataset.reason ? '' : c.dataset.reason;
      if (state.reason) state.kind = 'all';
      apply(true);
    }));
    stepSel.addEventListener('change', () => { state.step = stepSel.value; apply(true); });
    search.addEventListener('input', () => { state.q = search.value; apply(true); });
    window.addEventListener('hashchange', () => { if (readHash()) apply(false); });
    readHash();
    apply(false);
  }

  // ---- configuration -------------------------------------------------------------------
  function configBlock(text, other) {
    const pre = el('pre', { class: 'config' });
    if (!text) { pre.appendChild(document.createTextNode('(no config.toml in the output folder)')); return pre; }
    const theirs = other === undefined ? null : new Set(other.split('\n'));
    for (const line of text.split('\n')) {
      if (theirs && !theirs.has(line)) pre.appendChild(el('span', { class: 'only' }, line));
      else pre.appendChild(document.createTextNode(line));
      pre.appendChild(document.createTextNode('\n'));
    }
    return pre;
  }

  // ---- one run -------------------------------------------------------------------------
  function single(d, r) {
    identity(d, r);
    const f = section('s-funnel', 'Funnel');
    f.appendChild(el('p', { class: 'note' }, 'Every record read is kept, removed by a step with a reason code, rejected (it could not be read) or skipped (it was never a document).'));
    f.appendChild(funnel(d, r, 'funnel'));
    f.appendChild(el('h3', {}, 'Rejected records, by error'));
    f.appendChild(countTable('error', d.rejected_by_error, d.read, 'No record was rejected.'));
    f.appendChild(el('h3', {}, 'Skipped records, by reason'));
    f.appendChild(countTable('reason', d.skipped_by_reason, d.read, 'No record was skipped.'));
    charts(d);
    counters(d);
    samples(d, d.seen || {});
    const c = section('s-config', 'Configuration');
    c.appendChild(el('p', { class: 'note' }, 'The resolved configuration (OUT/config.toml): `ghirbal run … --config` with it reproduces the run.'));
    c.appendChild(configBlock(d.config));
  }

  // ---- two runs ------------------------------------------------------------------------
  function deltaCell(a, b, fmt, upIsBad) {
    const d = b - a;
    const cls = d === 0 ? null : (d > 0) === upIsBad ? 'delta-up' : 'delta-down';
    return el('td', { class: 'n' + (cls ? ' ' + cls : '') }, (d > 0 ? '+' : '') + fmt(d));
  }
  function compare(A, B, rA, rB) {
    identity(A, rA, 'A');
    identity(B, rB, 'B');
    const f = section('s-funnel', 'A against B');
    const pp = (x) => (100 * x).toFixed(2) + ' pp';
    f.appendChild(el('table', { id: 'kept-change' },
      el('thead', {}, el('tr', {}, el('th'), el('th', { class: 'n' }, 'A'), el('th', { class: 'n' }, 'B'), el('th', { class: 'n' }, 'B − A'))),
      el('tbody', {},
        el('tr', {}, el('td', {}, 'read'), el('td', { class: 'n' }, num(A.read)), el('td', { class: 'n' }, num(B.read)), deltaCell(A.read, B.read, num, false)),
        el('tr', { class: 'total' }, el('td', {}, 'kept documents'), el('td', { class: 'n' }, num(A.kept)), el('td', { class: 'n' }, num(B.kept)), deltaCell(A.kept, B.kept, num, false)),
        el('tr', {}, el('td', {}, 'kept share'), el('td', { class: 'n' }, pct(A.kept, A.read)), el('td', { class: 'n' }, pct(B.kept, B.read)),
          deltaCell(A.read ? A.kept / A.read : 0, B.read ? B.kept / B.read : 0, pp, false)),
        el('tr', {}, el('td', {}, 'kept bytes'), el('td', { class: 'n' }, bytes(A.bytes_kept)), el('td', { class: 'n' }, bytes(B.bytes_kept)),
          deltaCell(A.bytes_kept || 0, B.bytes_kept || 0, (x) => (x < 0 ? '−' : '') + bytes(Math.abs(x)), false)))));
    const rates = (d) => {
      const m = new Map();
      for (const s of d.steps || []) for (const [code, n] of Object.entries(s.removed || {})) m.set(s.name + '/' + code, (m.get(s.name + '/' + code) || 0) + n);
      return m;
    };
    const ra = rates(A), rb = rates(B);
    const keys = [...new Set([...ra.keys(), ...rb.keys()])].sort();
    f.appendChild(el('h3', {}, 'Removals per reason (share of records read)'));
    f.appendChild(el('table', { id: 'reasons' },
      el('thead', {}, el('tr', {}, el('th', {}, 'step/reason'), el('th', { class: 'n' }, 'A'), el('th', { class: 'n' }, 'A rate'),
        el('th', { class: 'n' }, 'B'), el('th', { class: 'n' }, 'B rate'), el('th', { class: 'n' }, 'B − A'))),
      el('tbody', {}, ...keys.map((k) => {
        const a = ra.get(k) || 0, b = rb.get(k) || 0;
        const x = A.read ? a / A.read : 0, y = B.read ? b / B.read : 0;
        return el('tr', { class: 'reason-rate', 'data-reason': k }, el('td', {}, k), el('td', { class: 'n' }, num(a)), el('td', { class: 'n' }, pct(a, A.read)),
          el('td', { class: 'n' }, num(b)), el('td', { class: 'n' }, pct(b, B.read)), deltaCell(x, y, pp, true));
      }))));
    const side = el('div', { class: 'side' }, el('div', {}, el('h3', {}, 'Funnel A'), funnel(A, rA, 'funnel')),
      el('div', {}, el('h3', {}, 'Funnel B'), funnel(B, rB, 'funnel-b')));
    f.appendChild(side);
    // Histograms overlaid, as shares of the documents measured in each run.
    const s = section('s-charts', 'Distributions, A (bars) and B (dashed)');
    if (!A.observed || !B.observed) {
      s.appendChild(el('p', { class: 'note' }, `Run ${!A.observed ? 'A' : 'B'} has no observations.json.zst: no distributions to compare.`));
    } else {
      const box = el('div', { class: 'charts' });
      box.appendChild(figure('Kept document length (UTF-8 bytes)', ['shares of each run\'s kept documents'],
        histChart({ scale: A.length.scale, edges: A.length.edges, key: 'length', norm: true,
          series: [{ counts: A.length.kept.counts, cls: 'b-a', name: 'A' }, { counts: B.length.kept.counts, cls: 'b-b', outline: true, name: 'B' }] }),
        legend([['A', '#58708a'], ['B', 'var(--b)', true]])));
      const used = new Set();
      for (const sa of A.steps || []) {
        const bi = (B.steps || []).findIndex((sb, i) => !used.has(i) && sb.name === sa.name);
        if (bi >= 0) used.add(bi);
        const sb = bi >= 0 ? B.steps[bi] : {};
        for (const m of sa.metrics || []) {
          const mb = (sb.metrics || []).find((x) => x.key === m.key && x.counts.length === m.counts.length);
          const series = [{ counts: m.counts, cls: 'b-a', name: 'A' }];
          if (mb) series.push({ counts: mb.counts, cls: 'b-b', outline: true, name: 'B' });
          const limits = (m.limits || []).concat(mb ? (mb.limits || []).filter((l) => !(m.limits || []).some((k) => k.value === l.value && k.removes === l.removes)) : []);
          const sub = [`measured on ${num(m.total)} (A)` + (mb ? ` and ${num(mb.total)} (B) documents` : ' documents; not in B'),
            'A: ' + (limitText(m) || 'no limit'), mb ? 'B: ' + (limitText(mb) || 'no limit') : null];
          box.appendChild(figure(`${sa.name} · ${m.label} (${m.key})`, sub,
            m.total > 0 || (mb && mb.total > 0) ? histChart({ scale: m.scale, edges: m.edges, limits, key: m.key, norm: true, series }) : null));
        }
      }
      s.appendChild(box);
    }
    samples(A, A.seen || {});
    const c = section('s-config', 'Configurations (lines only in one of them highlighted)');
    c.appendChild(el('div', { class: 'side' }, el('div', {}, el('h3', {}, 'A'), configBlock(A.config, B.config)),
      el('div', {}, el('h3', {}, 'B'), configBlock(B.config, A.config))));
  }

  if (data.compare) compare(data.a, data.b, run.a || {}, run.b || {});
  else single(data, run);
}());
