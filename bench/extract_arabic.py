#!/usr/bin/env python3
"""Extraction on Arabic pages with references, scored with the WCXB scorer's --arabic-norm.

Sets:
  blind    bench/blind-html/set-1.jsonl: 30 hand-written Arabic pages in the markup of real
           CMSs (written blind, see its README); non-UTF-8 pages are encoded in their declared
           charset before extraction.
  shared   ../shared/data/html/arabic-pages.jsonl.zst: the raw Arabic news pages that have a
           reference text.

Each page is written as an .html file (the bytes as served), `ghirbal extract` reads the folder,
and wcxb_score.py scores the predictions. Also reports pages whose output is more than three
times the reference (a whole-page dump).

Usage: python3 bench/extract_arabic.py [GHIRBAL_BIN] [--set blind|shared|both] [--favor F]
"""
import argparse, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
SCORER = os.path.join(SHARED, 'bench', 'wcxb_score.py')


def blind_pages():
    with open(os.path.join(HERE, 'blind-html', 'set-1.jsonl'), encoding='utf-8') as f:
        for line in f:
            r = json.loads(line)
            enc = r.get('encoding') or 'utf-8'
            py = {'windows-1256': 'cp1256', 'iso-8859-6': 'iso8859_6'}.get(enc, 'utf-8')
            yield r['id'], r['html'].encode(py, errors='xmlcharrefreplace'), r['main_text'], r.get('site_kind', '')


# goose3's fixture keeps only the article's opening sentence as its expected text (its test
# checks a prefix), so it is no reference for a whole extraction: shared pages whose reference
# is shorter than this are listed, not scored.
MIN_SHARED_REF = 300


def shared_pages():
    path = os.path.join(SHARED, 'data', 'html', 'arabic-pages.jsonl.zst')
    raw = subprocess.run(['zstd', '-dc', path], check=True, capture_output=True).stdout
    for i, line in enumerate(raw.decode('utf-8').splitlines()):
        r = json.loads(line)
        if r.get('text') and len(r['text']) < MIN_SHARED_REF:
            print(f"  (shared page {r.get('id') or i}: reference of {len(r['text'])} characters, a prefix: not scored)")
        elif r.get('text'):
            yield r.get('id') or f'arabic-{i}', r['html'].encode('utf-8'), r['text'], 'news'


def run(binary, pages, favor):
    with tempfile.TemporaryDirectory() as d:
        gt = os.path.join(d, 'gt.jsonl')
        refs = {}
        with open(gt, 'w', encoding='utf-8') as g:
            for pid, html, ref, kind in pages:
                name = re.sub(r'[^A-Za-z0-9_.-]', '_', pid)
                with open(os.path.join(d, name + '.html'), 'wb') as f:
                    f.write(html)
                refs[name] = ref
                g.write(json.dumps({'id': name, 'main_content': ref, 'page_type': kind}, ensure_ascii=False) + '\n')
        out = subprocess.run([binary, 'extract', d, '--favor', favor, '--threads', '1'],
                             check=True, capture_output=True).stdout.decode('utf-8')
        pred = os.path.join(d, 'pred.jsonl')
        dumps = []
        with open(pred, 'w', encoding='utf-8') as p:
            for line in out.splitlines():
                r = json.loads(line)
                name = os.path.basename(r['id'])[:-len('.html')]
                text = r.get('text', '')
                if len(text) > 3 * max(1, len(refs.get(name, ''))):
                    dumps.append((name, len(text), len(refs.get(name, ''))))
                p.write(json.dumps({'id': name, 'text': text, 'path': r.get('path')}, ensure_ascii=False) + '\n')
        per_page = os.path.join(d, 'pp.jsonl')
        report = subprocess.run([sys.executable, SCORER, '--gt', gt, '--pred', pred, '--arabic-norm',
                                 '--per-page', per_page], check=True, capture_output=True).stdout.decode()
        rows = [json.loads(l) for l in open(per_page, encoding='utf-8')]
        return report, rows, dumps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary', nargs='?', default=os.path.join(ROOT, 'target', 'release', 'ghirbal'))
    ap.add_argument('--set', default='both', choices=['blind', 'shared', 'both'])
    ap.add_argument('--favor', default='balanced')
    ap.add_argument('--pages', action='store_true', help='print every page')
    a = ap.parse_args()
    sets = ['blind', 'shared'] if a.set == 'both' else [a.set]
    for s in sets:
        pages = list(blind_pages() if s == 'blind' else shared_pages())
        report, rows, dumps = run(a.binary, pages, a.favor)
        f1 = [r['f1'] for r in rows]
        print(f'== {s}: {len(rows)} pages, macro F1 {sum(f1) / len(f1):.3f}, '
              f'pages >= 0.90: {sum(x >= 0.9 for x in f1)}, worst {min(f1):.3f}, '
              f'whole-page dumps (output > 3x reference): {len(dumps)}')
        if a.pages:
            for r in sorted(rows, key=lambda r: r['f1']):
                print(f"  {r['id']:<24} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}")
        for name, n, m in dumps:
            print(f'  dump: {name}: {n} characters for a {m}-character reference')


if __name__ == '__main__':
    main()
