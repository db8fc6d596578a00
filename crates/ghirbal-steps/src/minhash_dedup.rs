//! `minhash-dedup`: a whole-corpus stage that finds near-duplicate documents with MinHash and
//! locality-sensitive hashing, keeps the first document of each cluster in input order, and
//! removes the others, naming the document kept.
//!
//! What it does: each document's matching-normalized text (`ghirbal_text::fold`: letter
//! variants, diacritics, tatweel, digits, punctuation folded) is cut into word n-grams
//! (`ngram`, 5); each n-gram is hashed (64-bit xxh3) and `bands × rows` (14 × 8, as datatrove
//! and FineWeb-2) seeded permutations give the signature. Documents that share a band are
//! candidates; with `verify = true` a candidate pair counts only when the share of equal
//! signature values, an unbiased estimate of their Jaccard similarity, reaches `threshold`,
//! both for the pair and for the documents their clusters keep (no chaining).
//! Pairs are joined into clusters (union-find); the document with the smallest input position
//! is kept, so the result does not depend on thread scheduling. Every member of a cluster gets
//! `minhash_cluster` (the position of the kept document) and `minhash_cluster_size` in its
//! metadata (FineWeb-2 uses the size to upsample).
//! Why: one wire story is reprinted by dozens of sites with small edits and spelling variants;
//! folding before shingling makes copies that differ only in أ/ا, ى/ي, ة/ه, diacritics or
//! tatweel identical to MinHash.
//! Memory: the signatures of all documents (8 bytes × bands × rows each, 896 bytes by default)
//! and one band key per band and document are held in memory.

use crate::registry::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Stage, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

const NAME: &str = "minhash-dedup";
const SHARDS: usize = 64;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub ngram: usize,
    pub bands: usize,
    pub rows: usize,
    pub seed: u64,
    pub verify: bool,
    pub threshold: f64,
    /// Write the signatures of the documents this run keeps to this file, to deduplicate later
    /// crawls against it.
    pub save_index: Option<String>,
    /// Index files of earlier runs: documents near one of theirs are removed (`in_index`).
    pub against: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            ngram: 5,
            bands: 14,
            rows: 8,
            seed: 1,
            verify: true,
            threshold: 0.7,
            save_index: None,
            against: Vec::new(),
        }
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "stage",
        summary: "whole-corpus: MinHash near-duplicate clusters on the matching normalization (word n-grams, bands × rows LSH, estimated-Jaccard check); keeps the first of each cluster in input order",
        options: option_infos::<Options>(&[
            ("ngram", "words per shingle"),
            ("bands", "LSH bands"),
            ("rows", "hashes per band"),
            ("seed", "seed of the hash permutations"),
            ("verify", "keep a candidate pair only if its estimated Jaccard reaches threshold"),
            ("threshold", "estimated Jaccard similarity a verified pair needs"),
            ("save_index", "write the kept documents' signatures to this file"),
            ("against", "index files of earlier runs to deduplicate against"),
        ]),
        reasons: vec![
            (
                "near_duplicate",
                "a near copy of an earlier document (named, with the estimated Jaccard similarity)",
            ),
            (
                "in_index",
                "a near copy of a document of an earlier run's index (`against`)",
            ),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    if opts.ngram == 0
        || opts.bands == 0
        || opts.rows == 0
        || !(0.0..=1.0).contains(&opts.threshold)
    {
        return Err(ConfigError::BadOptions {
            index,
            name: NAME.to_string(),
            message: "ngram, bands and rows must be positive and threshold within 0..=1".into(),
        });
    }
    Ok(Built {
        element: Element::Stage(Box::new({
            let mut stage = MinhashDedup::new(opts);
            stage
                .load_indexes()
                .map_err(|message| ConfigError::BadOptions {
                    index,
                    name: NAME.to_string(),
                    message,
                })?;
            stage
        })),
        resolved,
    })
}

/// A document of an earlier run's index that a current document is a near copy of.
#[derive(Debug, Clone)]
struct IndexHit {
    id: Box<str>,
    index: String,
    similarity: f64,
}

const INDEX_MAGIC: &[u8; 8] = b"GHMHIDX1";

/// Index file: magic, then little-endian u64 ngram, bands, rows, seed, count; then per
/// document a u32 id length, the id bytes, and bands × rows u64 signature values.
fn write_index(path: &str, opts: &Options, entries: &[(&str, &[u64])]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = format!("{path}.partial");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        w.write_all(INDEX_MAGIC)?;
        for v in [
            opts.ngram as u64,
            opts.bands as u64,
            opts.rows as u64,
            opts.seed,
            entries.len() as u64,
        ] {
            w.write_all(&v.to_le_bytes())?;
        }
        for (id, sig) in entries {
            w.write_all(&(id.len() as u32).to_le_bytes())?;
            w.write_all(id.as_bytes())?;
            for v in sig.iter() {
                w.write_all(&v.to_le_bytes())?;
            }
        }
        w.flush()?;
    }
    std::fs::rename(tmp, path)
}

/// Reads an index file, refusing one built with other shingle or hashing settings.
/// A document of an index: its id and signature.
type IndexEntry = (Box<str>, Box<[u64]>);

fn read_index(path: &str, opts: &Options) -> Result<Vec<IndexEntry>, String> {
    let data = std::fs::read(path).map_err(|e| format!("index {path}: {e}"))?;
    let bad = || format!("index {path}: not a minhash-dedup index, or truncated");
    let mut cur = Cursor { data: &data, at: 0 };
    if cur.take(8).ok_or_else(bad)? != INDEX_MAGIC {
        return Err(bad());
    }
    let mut header = [0u64; 5];
    for h in &mut header {
        *h = cur.u64().ok_or_else(bad)?;
    }
    let expected = [
        opts.ngram as u64,
        opts.bands as u64,
        opts.rows as u64,
        opts.seed,
    ];
    if header[..4] != expected {
        return Err(format!(
            "index {path} was built with ngram, bands, rows, seed = {:?}; this step uses {:?}",
            &header[..4],
            expected
        ));
    }
    let n = opts.bands * opts.rows;
    let mut out = Vec::new();
    for _ in 0..header[4] {
        let len = cur.take(4).ok_or_else(bad)?;
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let id = std::str::from_utf8(cur.take(len).ok_or_else(bad)?).map_err(|_| bad())?;
        let id: Box<str> = id.into();
        let sig: Box<[u64]> = (0..n)
            .map(|_| cur.u64())
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        out.push((id, sig));
    }
    Ok(out)
}

struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
}

/// What `finish` decided for one document of a cluster.
#[derive(Debug, Clone)]
struct Membership {
    /// Input position of the document kept for the cluster.
    root: u64,
    size: u64,
    /// For removed documents: the estimated Jaccard with the kept one.
    similarity: f64,
}

pub struct MinhashDedup {
    opts: Options,
    /// Per-permutation multipliers and offsets (odd multipliers: bijective on u64).
    perms: Vec<(u64, u64)>,
    signatures: Vec<Mutex<HashMap<u64, Box<[u64]>>>>,
    ids: Vec<Mutex<HashMap<u64, Box<str>>>>,
    clusters: HashMap<u64, Membership>,
    root_ids: HashMap<u64, Box<str>>,
    /// Signatures loaded from `against`, with the file each came from.
    index: Vec<(Box<str>, Box<[u64]>, usize)>,
    in_index: HashMap<u64, IndexHit>,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl MinhashDedup {
    pub fn new(opts: Options) -> Self {
        let n = opts.bands * opts.rows;
        let perms = (0..n as u64)
            .map(|i| {
                let a = splitmix(opts.seed ^ (i * 2 + 1)) | 1;
                let b = splitmix(opts.seed.wrapping_add(0x5851_F42D_4C95_7F2D) ^ (i * 2 + 2));
                (a, b)
            })
            .collect();
        Self {
            opts,
            perms,
            signatures: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            ids: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            clusters: HashMap::new(),
            root_ids: HashMap::new(),
            index: Vec::new(),
            in_index: HashMap::new(),
        }
    }

    /// Loads the `against` indexes (at build time, so a bad path stops the run before work).
    fn load_indexes(&mut self) -> Result<(), String> {
        for (i, path) in self.opts.against.iter().enumerate() {
            for (id, sig) in read_index(path, &self.opts)? {
                self.index.push((id, sig, i));
            }
        }
        Ok(())
    }

    fn band_key(&self, sig: &[u64], band: usize) -> u64 {
        let rows = self.opts.rows;
        let bytes: Vec<u8> = sig[band * rows..(band + 1) * rows]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, band as u64)
    }

    /// The MinHash signature of a text, or None when it has no word. A text shorter than
    /// `ngram` words is one shingle.
    pub fn signature(&self, text: &str) -> Option<Box<[u64]>> {
        let folded = ghirbal_text::fold::fold(text);
        if folded.is_empty() {
            return None;
        }
        // The fold leaves single spaces between words, so every n-gram is a contiguous slice
        // of it: hash slices, no copies. Repeated n-grams need no removal: the minimum of a
        // multiset is the minimum of its set.
        let mut starts: Vec<usize> = vec![0];
        starts.extend(memchr::memchr_iter(b' ', folded.as_bytes()).map(|i| i + 1));
        let words = starts.len();
        let n = self.opts.ngram.min(words);
        let mut sig = vec![u64::MAX; self.perms.len()];
        for first in 0..=(words - n) {
            let end = if first + n < words {
                starts[first + n] - 1
            } else {
                folded.len()
            };
            let x = xxhash_rust::xxh3::xxh3_64_with_seed(
                &folded.as_bytes()[starts[first]..end],
                self.opts.seed,
            );
            for (slot, &(a, b)) in sig.iter_mut().zip(&self.perms) {
                *slot = (*slot).min(x.wrapping_mul(a).wrapping_add(b));
            }
        }
        Some(sig.into_boxed_slice())
    }

    fn similarity(a: &[u64], b: &[u64]) -> f64 {
        let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
        same as f64 / a.len().max(1) as f64
    }

    fn poisoned() -> StepError {
        StepError::Failed {
            step: NAME,
            id: String::new(),
            message: "signature table poisoned by an earlier panic".into(),
        }
    }
}

fn find(parent: &mut HashMap<u64, u64>, x: u64) -> u64 {
    let mut root = x;
    while let Some(&p) = parent.get(&root) {
        if p == root {
            break;
        }
        root = p;
    }
    // Path compression.
    let mut cur = x;
    while let Some(&p) = parent.get(&cur) {
        if p == root {
            break;
        }
        parent.insert(cur, root);
        cur = p;
    }
    root
}

impl Stage for MinhashDedup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let Some(sig) = self.signature(&doc.text) else {
            return Ok(());
        };
        let shard = (seq as usize) % SHARDS;
        self.signatures[shard]
            .lock()
            .map_err(|_| Self::poisoned())?
            .insert(seq, sig);
        self.ids[shard]
            .lock()
            .map_err(|_| Self::poisoned())?
            .insert(seq, doc.id.as_str().into());
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StepError> {
        let mut sigs: HashMap<u64, Box<[u64]>> = HashMap::new();
        for shard in &self.signatures {
            sigs.extend(shard.lock().map_err(|_| Self::poisoned())?.drain());
        }
        let mut ids: HashMap<u64, Box<str>> = HashMap::new();
        for shard in &self.ids {
            ids.extend(shard.lock().map_err(|_| Self::poisoned())?.drain());
        }
        let mut order: Vec<u64> = sigs.keys().copied().collect();
        order.sort_unstable();
        // Documents already in an earlier run's index leave the clustering.
        if !self.index.is_empty() {
            let mut buckets: HashMap<(usize, u64), usize> = HashMap::new();
            for (i, (_, sig, _)) in self.index.iter().enumerate() {
                for band in 0..self.opts.bands {
                    buckets.entry((band, self.band_key(sig, band))).or_insert(i);
                }
            }
            for &seq in &order {
                let sig = &sigs[&seq];
                let hit = (0..self.opts.bands).find_map(|band| {
                    let &i = buckets.get(&(band, self.band_key(sig, band)))?;
                    let similarity = Self::similarity(&self.index[i].1, sig);
                    (!self.opts.verify || similarity >= self.opts.threshold)
                        .then_some((i, similarity))
                });
                if let Some((i, similarity)) = hit {
                    let (id, _, file) = &self.index[i];
                    self.in_index.insert(
                        seq,
                        IndexHit {
                            id: id.clone(),
                            index: self.opts.against[*file].clone(),
                            similarity,
                        },
                    );
                }
            }
            order.retain(|seq| !self.in_index.contains_key(seq));
        }
        // Candidates: documents with the same band key, compared with the first of the bucket
        // in input order.
        let mut parent: HashMap<u64, u64> = HashMap::new();
        for band in 0..self.opts.bands {
            let mut buckets: HashMap<u64, u64> = HashMap::new();
            for &seq in &order {
                let sig = &sigs[&seq];
                let key = self.band_key(sig, band);
                match buckets.get(&key) {
                    None => {
                        buckets.insert(key, seq);
                    }
                    Some(&first) => {
                        let (ra, rb) = (find(&mut parent, first), find(&mut parent, seq));
                        // Verified against the pair and against the two clusters' kept
                        // documents, so that chains (A near B near C, A far from C) do not
                        // grow clusters around documents that are not alike.
                        let t = self.opts.threshold;
                        let ok = !self.opts.verify
                            || (Self::similarity(&sigs[&first], sig) >= t
                                && Self::similarity(&sigs[&ra], &sigs[&rb]) >= t);
                        if ok && ra != rb {
                            // The smaller input position becomes the root: the kept document.
                            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                            parent.insert(hi, lo);
                            parent.entry(lo).or_insert(lo);
                        }
                    }
                }
            }
        }
        if let Some(path) = &self.opts.save_index {
            // The documents this run keeps: those in no cluster and each cluster's root.
            let kept: Vec<(&str, &[u64])> = order
                .iter()
                .filter(|seq| parent.get(seq).is_none_or(|p| p == *seq))
                .filter_map(|seq| Some((ids.get(seq)?.as_ref(), sigs[seq].as_ref())))
                .collect();
            write_index(path, &self.opts, &kept).map_err(|e| StepError::Failed {
                step: NAME,
                id: String::new(),
                message: format!("cannot write index {path}: {e}"),
            })?;
        }
        let members: Vec<u64> = parent.keys().copied().collect();
        let mut sizes: HashMap<u64, u64> = HashMap::new();
        let mut roots: HashMap<u64, u64> = HashMap::new();
        for seq in members {
            let root = find(&mut parent, seq);
            roots.insert(seq, root);
            *sizes.entry(root).or_default() += 1;
        }
        for (seq, root) in roots {
            let similarity = Self::similarity(&sigs[&root], &sigs[&seq]);
            self.clusters.insert(
                seq,
                Membership {
                    root,
                    size: sizes[&root],
                    similarity,
                },
            );
            if let Some(id) = ids.get(&root) {
                self.root_ids.insert(root, id.clone());
            }
        }
        Ok(())
    }

    fn decide(&self, doc: &mut Document, seq: u64, cx: &mut Cx) -> Result<Verdict, StepError> {
        if let Some(hit) = self.in_index.get(&seq) {
            return Ok(Verdict::drop(
                NAME,
                "in_index",
                format!(
                    "estimated Jaccard {:.2} >= {:.2} with document {} of index {}",
                    hit.similarity, self.opts.threshold, hit.id, hit.index
                ),
            ));
        }
        let Some(m) = self.clusters.get(&seq) else {
            return Ok(Verdict::Keep);
        };
        doc.meta.insert("minhash_cluster".into(), m.root.into());
        doc.meta
            .insert("minhash_cluster_size".into(), m.size.into());
        if m.root == seq {
            cx.count("clusters", 1);
            return Ok(Verdict::Keep);
        }
        let id = self.root_ids.get(&m.root).map_or("?", |s| s);
        Ok(Verdict::drop(
            NAME,
            "near_duplicate",
            format!(
                "estimated Jaccard {:.2} >= {:.2} with document {id} (record #{}, cluster of {})",
                m.similarity, self.opts.threshold, m.root, m.size
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع الجانب الآخر حققت تقدما ملموسا في عدد من الملفات العالقة وإن الجولة المقبلة ستعقد الشهر القادم بمشاركة وفود من الدول الأعضاء في المنظمة الإقليمية";

    fn run(texts: &[&str]) -> Vec<Verdict> {
        let mut stage = MinhashDedup::new(Options::default());
        // Observed in reverse, as another thread order would.
        for (i, t) in texts.iter().enumerate().rev() {
            stage
                .observe(&Document::new(format!("d{i}"), *t), i as u64)
                .expect("observe");
        }
        stage.finish().expect("finish");
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                stage
                    .decide(
                        &mut Document::new(format!("d{i}"), *t),
                        i as u64,
                        &mut Cx::default(),
                    )
                    .expect("decide")
            })
            .collect()
    }

    fn removed(v: &Verdict) -> bool {
        matches!(v, Verdict::Drop(r) if r.code == "near_duplicate")
    }

    #[test]
    fn identical_and_letter_variant_copies_are_found() {
        let variant = STORY
            .replace('أ', "ا")
            .replace('ة', "ه")
            .replace("قال", "قـــال");
        let v = run(&[STORY, &variant, STORY]);
        assert!(!removed(&v[0]));
        assert!(removed(&v[1]) && removed(&v[2]), "{v:?}");
    }

    #[test]
    fn one_edit_copy_is_found_and_unrelated_text_is_not() {
        // A one-word edit in an article of normal length (here about 80 words).
        let long = format!("{STORY} وأضاف أن بلاده ملتزمة بمواصلة الحوار مع جميع الأطراف من أجل التوصل إلى حل شامل ودائم يضمن الاستقرار في المنطقة ويحقق مصالح شعوبها في التنمية والأمن");
        let edited = long.replace("الشهر القادم", "الشهر المقبل");
        let other = "أعلنت الشركة عن نتائجها المالية للربع الثالث من العام حيث ارتفعت الأرباح بنسبة كبيرة مقارنة بالفترة نفسها من العام الماضي بفضل نمو المبيعات في الأسواق الخارجية والمحلية";
        let v = run(&[&long, other, &edited]);
        assert!(!removed(&v[0]) && !removed(&v[1]));
        assert!(removed(&v[2]), "{v:?}");
    }

    #[test]
    fn empty_and_short_documents_do_not_fail() {
        let v = run(&["", "   ", "كلمة", "كلمة", STORY]);
        assert!(!removed(&v[0]) && !removed(&v[1]) && !removed(&v[2]));
        assert!(
            removed(&v[3]),
            "two identical one-word texts are duplicates: {v:?}"
        );
        assert!(!removed(&v[4]));
    }

    #[test]
    fn a_saved_index_removes_copies_from_a_new_crawl() {
        let dir = std::env::temp_dir().join(format!("ghirbal-mh-index-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("index.bin").to_string_lossy().into_owned();
        let mut first = MinhashDedup::new(Options {
            save_index: Some(path.clone()),
            ..Options::default()
        });
        first
            .observe(&Document::new("old", STORY), 0)
            .expect("observe");
        first.finish().expect("finish writes the index");
        let mut second = MinhashDedup::new(Options {
            against: vec![path.clone()],
            ..Options::default()
        });
        second.load_indexes().expect("index loads");
        let copy = STORY.replace('ة', "ه");
        let other = "خبر مختلف تماما عن الموضوع السابق ولا علاقة له بالمحادثات أو بالوزير أو بالمنظمة الإقليمية المذكورة من قبل في أي شكل";
        second
            .observe(&Document::new("new-copy", copy.as_str()), 0)
            .expect("observe");
        second
            .observe(&Document::new("new-other", other), 1)
            .expect("observe");
        second.finish().expect("finish");
        let v = second
            .decide(
                &mut Document::new("new-copy", copy.as_str()),
                0,
                &mut Cx::default(),
            )
            .expect("decide");
        assert!(
            matches!(&v, Verdict::Drop(r) if r.code == "in_index" && r.detail.contains("document old")),
            "{v:?}"
        );
        let v = second
            .decide(
                &mut Document::new("new-other", other),
                1,
                &mut Cx::default(),
            )
            .expect("decide");
        assert_eq!(v, Verdict::Keep);
        let mut wrong = MinhashDedup::new(Options {
            against: vec![path],
            bands: 10,
            ..Options::default()
        });
        assert!(
            wrong.load_indexes().is_err(),
            "an index built with other settings is refused"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn detail_names_the_kept_document() {
        let v = run(&[STORY, STORY]);
        let Verdict::Drop(r) = &v[1] else {
            panic!("expected a removal: {v:?}");
        };
        assert!(
            r.detail.contains("document d0") && r.detail.contains("cluster of 2"),
            "{}",
            r.detail
        );
    }
}
