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
//! Memory: each observed document is a record of its position, signature (8 bytes × bands ×
//! rows, 896 bytes by default) and id, about 1 KB; up to `memory_mb` they are held in memory,
//! beyond it they spill to the run's work folder as sorted runs and are merged into a file
//! read by position. Band keys (24 bytes per document and band) are sorted the same way.
//! Clustering then holds, per band, the candidate pairs of documents that share a bucket,
//! and the union-find table of documents in clusters. After `finish` only the cluster
//! members are held; they are saved in the state folder so that a resumed run skips
//! observation.

use crate::check::{self, Validate};
use crate::options::{option_infos, options, Built, ConfigError, FileUse, PathOption};
use crate::spill::{Merged, Sorter};
use crate::state;
use ghirbal_core::{Cx, Document, Element, Stage, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const NAME: &str = "minhash-dedup";

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
    /// Memory the stage may use for signatures and band keys, in MiB; beyond it, sorted runs
    /// spill to the run's work folder.
    pub memory_mb: usize,
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
            memory_mb: 1024,
        }
    }
}

/// Options that name files: earlier runs' indexes are read when the step is built, the new
/// index is written at the end of the run.
pub(crate) const PATHS: &[PathOption] = &[
    PathOption::always("against", FileUse::Read),
    PathOption::always("save_index", FileUse::Write),
];

/// Longest shingle, in words: beyond it, near copies with a few edits share no shingle.
const MAX_NGRAM: usize = 100;
/// Most hashes per signature (`bands × rows`): 8 bytes each per document, held in memory or
/// spilled; 4096 is 32 KB per document, 36 times the default.
const MAX_HASHES: usize = 4096;

impl Validate for Options {
    fn validate(&self) -> Result<(), String> {
        check::within("ngram", self.ngram, 1, MAX_NGRAM)?;
        check::at_least("bands", self.bands, 1)?;
        check::at_least("rows", self.rows, 1)?;
        let hashes = self.bands.saturating_mul(self.rows);
        if hashes > MAX_HASHES {
            return Err(format!(
                "bands × rows = {} × {} = {hashes} hashes per document is more than {MAX_HASHES} (8 bytes each per document; datatrove and FineWeb-2 use 14 × 8 = 112)",
                self.bands, self.rows
            ));
        }
        check::share("threshold", self.threshold)?;
        check::at_least("memory_mb", self.memory_mb, 1)?;
        for path in &self.against {
            check::path("against", path)?;
        }
        if let Some(out) = &self.save_index {
            check::path("save_index", out)?;
            if self.against.contains(out) {
                return Err(format!(
                    "save_index = \"{out}\" is also in against: the run would overwrite an index it reads (write the new index to another file)"
                ));
            }
        }
        Ok(())
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
            ("save_index", "write the kept documents' signatures to this file (relative to the configuration file); not one of against"),
            ("against", "index files of earlier runs to deduplicate against (relative to the configuration file)"),
            ("memory_mb", "MiB for signatures and band keys before sorted runs spill to disk (about 1 KB per document in memory)"),
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
#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexHit {
    id: Box<str>,
    index: String,
    similarity: f64,
}

const INDEX_MAGIC: &[u8; 8] = b"GHMHIDX1";

/// Writes an index file: magic, then little-endian u64 ngram, bands, rows, seed, count; then
/// per document a u32 id length, the id bytes, and bands × rows u64 signature values. The file
/// appears under its name only once complete.
struct IndexWriter {
    path: String,
    tmp: String,
    out: BufWriter<File>,
}

impl IndexWriter {
    fn create(path: &str, opts: &Options, count: u64) -> std::io::Result<Self> {
        let tmp = format!("{path}.partial");
        let mut out = BufWriter::new(File::create(&tmp)?);
        out.write_all(INDEX_MAGIC)?;
        for v in [
            opts.ngram as u64,
            opts.bands as u64,
            opts.rows as u64,
            opts.seed,
            count,
        ] {
            out.write_all(&v.to_le_bytes())?;
        }
        Ok(Self {
            path: path.to_string(),
            tmp,
            out,
        })
    }

    fn add(&mut self, id: &[u8], sig: &[u64]) -> std::io::Result<()> {
        self.out.write_all(&(id.len() as u32).to_le_bytes())?;
        self.out.write_all(id)?;
        for v in sig {
            self.out.write_all(&v.to_le_bytes())?;
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        drop(self.out);
        std::fs::rename(&self.tmp, &self.path)
    }
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
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Membership {
    /// Input position of the document kept for the cluster.
    root: u64,
    size: u64,
    /// For removed documents: the estimated Jaccard with the kept one.
    similarity: f64,
}

/// Everything `decide` needs, written after `finish` so that a resumed run skips observation.
#[derive(Serialize, Deserialize)]
struct SavedState {
    clusters: Vec<(u64, Membership)>,
    root_ids: Vec<(u64, Box<str>)>,
    in_index: Vec<(u64, IndexHit)>,
}

pub struct MinhashDedup {
    opts: Options,
    /// Per-permutation multipliers and offsets (odd multipliers: bijective on u64).
    perms: Vec<(u64, u64)>,
    /// Bytes of memory the stage may use before it spills sorted runs to `work_dir`.
    budget: usize,
    work_dir: PathBuf,
    /// Observed documents: records [seq, signature…] with the id as tail.
    observed: Mutex<Sorter>,
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

fn band_key(rows: usize, sig: &[u64], band: usize) -> u64 {
    let mut bytes = [0u8; 8 * 32];
    let slice = &sig[band * rows..(band + 1) * rows];
    if rows <= 32 {
        for (chunk, v) in bytes.chunks_exact_mut(8).zip(slice) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        return xxhash_rust::xxh3::xxh3_64_with_seed(&bytes[..rows * 8], band as u64);
    }
    let bytes: Vec<u8> = slice.iter().flat_map(|v| v.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, band as u64)
}

fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

fn le_u64(bytes: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(a)
}

/// The observed documents in input order: rank r is the r-th of them. In memory when they
/// fit the budget; otherwise merged from the sorted runs into two files in the work folder.
enum Store {
    Memory(Box<Merged>),
    /// Fixed-width records [seq, signature…] in `sigs`; ids (u32 length, bytes) in the file
    /// `ids`, in the same order.
    Disk {
        width: usize,
        len: usize,
        sigs: File,
        ids: PathBuf,
    },
}

impl Store {
    fn build(mut merged: Merged, dir: &Path, width: usize) -> std::io::Result<Store> {
        if merged.in_memory() {
            return Ok(Store::Memory(Box::new(merged)));
        }
        std::fs::create_dir_all(dir)?;
        let sig_path = dir.join("signatures.bin");
        let ids = dir.join("ids.bin");
        let mut sw = BufWriter::with_capacity(1 << 20, File::create(&sig_path)?);
        let mut iw = BufWriter::with_capacity(1 << 16, File::create(&ids)?);
        let mut len = 0;
        let mut last_seq = None;
        while let Some((words, tail)) = merged.next_record()? {
            // A document observed twice (after a resumed observation pass) counts once.
            if last_seq == Some(words[0]) {
                continue;
            }
            last_seq = Some(words[0]);
            for v in words {
                sw.write_all(&v.to_le_bytes())?;
            }
            iw.write_all(&(tail.len() as u32).to_le_bytes())?;
            iw.write_all(tail)?;
            len += 1;
        }
        sw.flush()?;
        iw.flush()?;
        drop(sw);
        Ok(Store::Disk {
            width,
            len,
            sigs: File::open(&sig_path)?,
            ids,
        })
    }

    fn len(&self) -> usize {
        match self {
            Store::Memory(m) => m.len_in_memory(),
            Store::Disk { len, .. } => *len,
        }
    }

    fn bytes_in_memory(&self) -> usize {
        match self {
            Store::Memory(m) => m.bytes_in_memory(),
            Store::Disk { .. } => 0,
        }
    }

    /// Fills `buf` with the record [seq, signature…] of rank `rank`.
    fn get(&mut self, rank: u64, buf: &mut Vec<u64>) -> std::io::Result<()> {
        buf.clear();
        match self {
            Store::Memory(m) => {
                let (words, _) = m
                    .get(rank as usize)
                    .ok_or_else(|| std::io::Error::other("signature rank out of range"))?;
                buf.extend_from_slice(words);
            }
            Store::Disk { width, sigs, .. } => {
                let mut bytes = vec![0u8; *width * 8];
                sigs.seek(SeekFrom::Start(rank * (*width as u64) * 8))?;
                sigs.read_exact(&mut bytes)?;
                buf.extend(bytes.chunks_exact(8).map(le_u64));
            }
        }
        Ok(())
    }

    /// Calls `f(rank, [seq, signature…], id)` for every document in input order.
    fn scan(
        &mut self,
        mut f: impl FnMut(u64, &[u64], &[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        match self {
            Store::Memory(m) => {
                for rank in 0..m.len_in_memory() {
                    if let Some((words, id)) = m.get(rank) {
                        f(rank as u64, words, id)?;
                    }
                }
            }
            Store::Disk {
                width,
                len,
                sigs,
                ids,
            } => {
                sigs.seek(SeekFrom::Start(0))?;
                let mut sr = BufReader::with_capacity(1 << 20, &*sigs);
                let mut ir = BufReader::with_capacity(1 << 16, File::open(ids)?);
                let mut bytes = vec![0u8; *width * 8];
                let mut rec = Vec::with_capacity(*width);
                let mut id = Vec::new();
                for rank in 0..*len as u64 {
                    sr.read_exact(&mut bytes)?;
                    rec.clear();
                    rec.extend(bytes.chunks_exact(8).map(le_u64));
                    let mut l = [0u8; 4];
                    ir.read_exact(&mut l)?;
                    id.resize(u32::from_le_bytes(l) as usize, 0);
                    ir.read_exact(&mut id)?;
                    f(rank, &rec, &id)?;
                }
            }
        }
        Ok(())
    }

    /// Estimated Jaccard of the documents of ranks `a` and `b`.
    fn similarity(
        &mut self,
        a: u64,
        b: u64,
        bufs: &mut (Vec<u64>, Vec<u64>),
    ) -> std::io::Result<f64> {
        self.get(a, &mut bufs.0)?;
        self.get(b, &mut bufs.1)?;
        Ok(similarity(&bufs.0[1..], &bufs.1[1..]))
    }
}

static WORK_DIRS: AtomicU64 = AtomicU64::new(0);

impl MinhashDedup {
    pub fn new(opts: Options) -> Self {
        let budget = opts.memory_mb.saturating_mul(1 << 20);
        Self::with_budget(opts, budget)
    }

    /// A stage that spills beyond `budget` bytes (tests use budgets below a megabyte).
    pub fn with_budget(opts: Options, budget: usize) -> Self {
        let n = opts.bands * opts.rows;
        let perms = (0..n as u64)
            .map(|i| {
                let a = splitmix(opts.seed ^ (i * 2 + 1)) | 1;
                let b = splitmix(opts.seed.wrapping_add(0x5851_F42D_4C95_7F2D) ^ (i * 2 + 2));
                (a, b)
            })
            .collect();
        // Used only when the executor gives no folder (library use); created on first spill.
        let work_dir = std::env::temp_dir().join(format!(
            "ghirbal-minhash-{}-{}",
            std::process::id(),
            WORK_DIRS.fetch_add(1, Ordering::Relaxed)
        ));
        Self {
            observed: Mutex::new(Sorter::new(1 + n, budget, &work_dir, "signatures")),
            opts,
            perms,
            budget,
            work_dir,
            clusters: HashMap::new(),
            root_ids: HashMap::new(),
            index: Vec::new(),
            in_index: HashMap::new(),
        }
    }

    /// Loads the `against` indexes (at build time, so a bad path stops the run before work).
    fn load_indexes(&mut self) -> Result<(), String> {
        for (i, path) in self.opts.against.iter().enumerate() {
            for (id, sig) in read_index(path, &self.opts).map_err(|e| format!("against: {e}"))? {
                self.index.push((id, sig, i));
            }
        }
        Ok(())
    }

    /// The MinHash signature of a text, or None when it has no word. A text shorter than
    /// `ngram` words is one shingle.
    pub fn signature(&self, text: &str) -> Option<Box<[u64]>> {
        let mut sig = Vec::new();
        self.signature_into(text, &mut sig)
            .then(|| sig.into_boxed_slice())
    }

    /// Appends the signature of `text` to `out`; false (and nothing appended) when the text
    /// has no word.
    fn signature_into(&self, text: &str, out: &mut Vec<u64>) -> bool {
        let folded = ghirbal_text::fold::fold(text);
        if folded.is_empty() {
            return false;
        }
        // The fold leaves single spaces between words, so every n-gram is a contiguous slice
        // of it: hash slices, no copies. Repeated n-grams need no removal: the minimum of a
        // multiset is the minimum of its set.
        let mut starts: Vec<usize> = vec![0];
        starts.extend(memchr::memchr_iter(b' ', folded.as_bytes()).map(|i| i + 1));
        let words = starts.len();
        let n = self.opts.ngram.min(words);
        let at = out.len();
        out.resize(at + self.perms.len(), u64::MAX);
        let sig = &mut out[at..];
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
        true
    }

    fn poisoned() -> StepError {
        StepError::stage(NAME, "signature table poisoned by an earlier panic")
    }

    /// The earlier-index document a signature is a near copy of, if any.
    fn index_hit(&self, buckets: &HashMap<(usize, u64), usize>, sig: &[u64]) -> Option<IndexHit> {
        (0..self.opts.bands).find_map(|band| {
            let &i = buckets.get(&(band, band_key(self.opts.rows, sig, band)))?;
            let (id, isig, file) = &self.index[i];
            let similarity = similarity(isig, sig);
            (!self.opts.verify || similarity >= self.opts.threshold).then(|| IndexHit {
                id: id.clone(),
                index: self.opts.against[*file].clone(),
                similarity,
            })
        })
    }

    /// Joins the candidate pairs (later rank, first rank of its bucket) of one band, in input
    /// order of the later document, as a single pass over documents in input order would.
    fn join(
        &self,
        pairs: &mut Vec<(u64, u64)>,
        parent: &mut HashMap<u64, u64>,
        store: &mut Store,
        bufs: &mut (Vec<u64>, Vec<u64>),
    ) -> std::io::Result<()> {
        pairs.sort_unstable();
        let t = self.opts.threshold;
        for &(later, first) in pairs.iter() {
            let (ra, rb) = (find(parent, first), find(parent, later));
            if ra == rb {
                continue;
            }
            // Verified against the pair and against the two clusters' kept documents, so
            // that chains (A near B near C, A far from C) do not grow clusters around
            // documents that are not alike.
            let ok = !self.opts.verify
                || (store.similarity(first, later, bufs)? >= t
                    && store.similarity(ra, rb, bufs)? >= t);
            if ok {
                // The smaller rank (input position) becomes the root: the kept document.
                let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent.insert(hi, lo);
                parent.entry(lo).or_insert(lo);
            }
        }
        pairs.clear();
        Ok(())
    }

    /// Clusters the observed documents; see the module documentation.
    fn cluster(&mut self) -> std::io::Result<()> {
        let width = 1 + self.perms.len();
        let observed = std::mem::replace(
            self.observed
                .get_mut()
                .map_err(|_| std::io::Error::other("signature table poisoned"))?,
            Sorter::new(width, self.budget, &self.work_dir, "signatures"),
        );
        let mut store = Store::build(observed.finish()?, &self.work_dir, width)?;
        let n = store.len();

        // Documents already in an earlier run's index leave the clustering; every other one
        // gives a record [band, band key, rank] per band.
        let mut index_buckets: HashMap<(usize, u64), usize> = HashMap::new();
        for (i, (_, sig, _)) in self.index.iter().enumerate() {
            for band in 0..self.opts.bands {
                index_buckets
                    .entry((band, band_key(self.opts.rows, sig, band)))
                    .or_insert(i);
            }
        }
        let band_budget = self
            .budget
            .saturating_sub(store.bytes_in_memory())
            .max(self.budget / 8);
        let mut bands = Sorter::new(3, band_budget, &self.work_dir, "bands");
        let mut excluded = vec![false; n];
        let mut in_index = HashMap::new();
        store.scan(|rank, rec, _| {
            let (seq, sig) = (rec[0], &rec[1..]);
            if !index_buckets.is_empty() {
                if let Some(hit) = self.index_hit(&index_buckets, sig) {
                    in_index.insert(seq, hit);
                    excluded[rank as usize] = true;
                    return Ok(());
                }
            }
            for band in 0..self.opts.bands {
                bands.push(
                    &[band as u64, band_key(self.opts.rows, sig, band), rank],
                    &[],
                )?;
            }
            Ok(())
        })?;
        self.in_index = in_index;

        // Candidates: documents with the same band key, compared with the first of the
        // bucket in input order; one band at a time.
        let mut merged = bands.finish()?;
        let mut parent: HashMap<u64, u64> = HashMap::new();
        let mut pairs: Vec<(u64, u64)> = Vec::new();
        let mut bufs = (Vec::new(), Vec::new());
        let mut group: Option<(u64, u64, u64)> = None;
        while let Some((w, _)) = merged.next_record()? {
            let (band, key, rank) = (w[0], w[1], w[2]);
            match group {
                Some((b, k, first)) if b == band && k == key => pairs.push((rank, first)),
                Some((b, _, _)) if b != band => {
                    self.join(&mut pairs, &mut parent, &mut store, &mut bufs)?;
                    group = Some((band, key, rank));
                }
                _ => group = Some((band, key, rank)),
            }
        }
        drop(merged);
        self.join(&mut pairs, &mut parent, &mut store, &mut bufs)?;

        let members: Vec<u64> = parent.keys().copied().collect();
        let mut sizes: HashMap<u64, u64> = HashMap::new();
        let mut roots: HashMap<u64, u64> = HashMap::new();
        for rank in members {
            let root = find(&mut parent, rank);
            roots.insert(rank, root);
            *sizes.entry(root).or_default() += 1;
        }
        for (&rank, &root) in &roots {
            store.get(root, &mut bufs.0)?;
            store.get(rank, &mut bufs.1)?;
            self.clusters.insert(
                bufs.1[0],
                Membership {
                    root: bufs.0[0],
                    size: sizes[&root],
                    similarity: similarity(&bufs.0[1..], &bufs.1[1..]),
                },
            );
        }

        // One pass for the kept documents' ids and, if asked, the index of this run (the
        // documents it keeps: in no cluster, or a cluster's root).
        let kept =
            |rank: u64| !excluded[rank as usize] && parent.get(&rank).is_none_or(|p| *p == rank);
        let mut writer = match &self.opts.save_index {
            Some(path) => {
                let count = (0..n as u64).filter(|&r| kept(r)).count() as u64;
                Some(
                    IndexWriter::create(path, &self.opts, count)
                        .map_err(|e| std::io::Error::other(format!("index {path}: {e}")))?,
                )
            }
            None => None,
        };
        if writer.is_some() || !sizes.is_empty() {
            let mut root_ids = HashMap::new();
            store.scan(|rank, rec, id| {
                if sizes.contains_key(&rank) {
                    root_ids.insert(rec[0], String::from_utf8_lossy(id).into());
                }
                match writer.as_mut() {
                    Some(w) if kept(rank) => w.add(id, &rec[1..]),
                    _ => Ok(()),
                }
            })?;
            self.root_ids = root_ids;
        }
        if let (Some(w), Some(path)) = (writer, &self.opts.save_index) {
            w.finish()
                .map_err(|e| std::io::Error::other(format!("index {path}: {e}")))?;
        }
        Ok(())
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

    fn set_work_dir(&mut self, dir: &Path) {
        self.work_dir = dir.to_path_buf();
        let width = 1 + self.perms.len();
        if let Ok(observed) = self.observed.get_mut() {
            *observed = Sorter::new(width, self.budget, dir, "signatures");
        }
    }

    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let mut rec = Vec::with_capacity(1 + self.perms.len());
        rec.push(seq);
        if !self.signature_into(&doc.text, &mut rec) {
            return Ok(());
        }
        self.observed
            .lock()
            .map_err(|_| Self::poisoned())?
            .push(&rec, doc.id.as_bytes())
            .map_err(|e| {
                StepError::stage(
                    NAME,
                    format!(
                        "cannot spill signatures to {}: {e}",
                        self.work_dir.display()
                    ),
                )
            })
    }

    fn finish(&mut self) -> Result<(), StepError> {
        let result = self.cluster();
        // The spilled runs and merged files are scratch once the clusters are known.
        crate::spill::remove_work_dir(&self.work_dir);
        result.map_err(|e| {
            StepError::stage(
                NAME,
                format!("{e} (work folder {})", self.work_dir.display()),
            )
        })
    }

    fn checkpoint_observation(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        state::checkpoint_sorter(NAME, &self.observed, out)
    }

    fn resume_observation(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        state::resume_sorter(NAME, &mut self.observed, input)
    }

    fn save_state(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        let state = SavedState {
            clusters: state::sorted(&self.clusters),
            root_ids: state::sorted(&self.root_ids),
            in_index: state::sorted(&self.in_index),
        };
        state::save(NAME, out, &state)
    }

    fn load_state(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        let state: SavedState = state::load(NAME, input)?;
        self.clusters = state.clusters.into_iter().collect();
        self.root_ids = state.root_ids.into_iter().collect();
        self.in_index = state.in_index.into_iter().collect();
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
        run_with(MinhashDedup::new(Options::default()), texts)
    }

    fn run_with(mut stage: MinhashDedup, texts: &[&str]) -> Vec<Verdict> {
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

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(7, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn signature_shape_and_threshold_are_checked() {
        assert_eq!(build_error("bands = 14\nrows = 8\nngram = 5"), "");
        assert!(build_error("rows = 0").contains("rows = 0 is too small (allowed: 1 or more)"));
        assert!(build_error("ngram = 0").contains("ngram = 0 is outside 1 to 100"));
        assert_eq!(
            build_error("bands = 450\nrows = 20"),
            "step #7 (minhash-dedup): bands × rows = 450 × 20 = 9000 hashes per document is more than 4096 (8 bytes each per document; datatrove and FineWeb-2 use 14 × 8 = 112)"
        );
        assert!(build_error("threshold = 1.2").contains("threshold = 1.2 is not a share"));
        assert!(build_error("memory_mb = 0").contains("memory_mb = 0 is too small"));
    }

    #[test]
    fn index_files_are_checked() {
        let err = build_error("against = [\"/nonexistent/ghirbal/أرشيف.idx\"]");
        assert!(
            err.starts_with(
                "step #7 (minhash-dedup): against: index /nonexistent/ghirbal/أرشيف.idx: "
            ),
            "{err}"
        );
        assert!(build_error("against = [\"\"]").contains("against = \"\" names no file"));
        let err = build_error("save_index = \"/tmp/a.idx\"\nagainst = [\"/tmp/a.idx\"]");
        assert!(err.contains("is also in against"), "{err}");
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

    /// Stories with copies: some identical, some with a changed word, some with letter
    /// variants; enough documents to fill several runs under a tiny budget.
    fn corpus() -> Vec<String> {
        let words: Vec<&str> = STORY.split(' ').collect();
        let mut out = Vec::new();
        for i in 0..120usize {
            // A story of its own: the words rotated, a number that differs per story.
            let mut w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            w.rotate_left(i % words.len());
            w.insert(3, format!("رقم{i}"));
            w.insert(9, format!("عدد{}", i * 7));
            let text = w.join(" ");
            out.push(text.clone());
            match i % 4 {
                0 => out.push(text.clone()),
                1 => out.push(text.replace('ة', "ه").replace('أ', "ا")),
                2 => out.push(format!("{text} في ختام الخبر")),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn a_run_that_spills_decides_like_one_in_memory() {
        let dir = tempfile::tempdir().expect("tmp");
        let texts = corpus();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index_a = dir.path().join("a.idx").to_string_lossy().into_owned();
        let index_b = dir.path().join("b.idx").to_string_lossy().into_owned();
        let opts = |path: &str| Options {
            save_index: Some(path.to_string()),
            ..Options::default()
        };
        let in_memory = run_with(MinhashDedup::new(opts(&index_a)), &refs);
        let mut small = MinhashDedup::with_budget(opts(&index_b), 8 * 1024);
        let work = dir.path().join("work");
        small.set_work_dir(&work);
        let spilled = run_with(small, &refs);
        assert_eq!(in_memory, spilled);
        assert!(
            spilled.iter().filter(|v| removed(v)).count() >= 80,
            "copies found: {spilled:?}"
        );
        assert_eq!(
            std::fs::read(&index_a).expect("index a"),
            std::fs::read(&index_b).expect("index b"),
            "the saved indexes are the same"
        );
        assert!(!work.exists(), "scratch files are removed after finish");

        // The same budget does spill on this corpus.
        let mut probe = MinhashDedup::with_budget(Options::default(), 8 * 1024);
        probe.set_work_dir(&work);
        for (i, t) in refs.iter().enumerate() {
            probe
                .observe(&Document::new(format!("d{i}"), *t), i as u64)
                .expect("observe");
        }
        let runs = probe.observed.lock().expect("lock").runs();
        assert!(runs > 10, "{runs} runs");
        assert!(work.exists());
        probe.finish().expect("finish");
    }

    #[test]
    fn saved_state_restores_the_decisions() {
        let texts = corpus();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut stage = MinhashDedup::new(Options::default());
        for (i, t) in refs.iter().enumerate() {
            stage
                .observe(&Document::new(format!("d{i}"), *t), i as u64)
                .expect("observe");
        }
        stage.finish().expect("finish");
        let mut saved = Vec::new();
        assert!(stage.save_state(&mut saved).expect("save"));
        let mut restored = MinhashDedup::new(Options::default());
        restored.load_state(&mut saved.as_slice()).expect("load");
        for (i, t) in refs.iter().enumerate() {
            let decide = |s: &MinhashDedup| {
                let mut doc = Document::new(format!("d{i}"), *t);
                let v = s
                    .decide(&mut doc, i as u64, &mut Cx::default())
                    .expect("decide");
                (v, doc.meta)
            };
            assert_eq!(decide(&stage), decide(&restored));
        }
        assert!(restored.load_state(&mut &b"{"[..]).is_err());
    }
}
