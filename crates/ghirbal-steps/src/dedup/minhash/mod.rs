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
//!
//! Layout: this file holds the options, the stage and its decisions; `signature` computes
//! signatures and what is derived from them, `store` reads the observed documents back by
//! rank, `cluster` turns them into clusters, and `index_file` reads and writes the index
//! files of `save_index` and `against`.

mod cluster;
mod distributed;
mod index_file;
mod signature;
mod store;

use crate::check::{self, Validate};
use crate::dedup::spill::Sorter;
use crate::dedup::state;
use crate::options::{option_infos, options, Built, ConfigError, FileUse, PathOption};
use ghirbal_core::{Cx, Document, Element, Metric, Scale, Stage, StepError, StepInfo, Verdict};
use index_file::read_index;
use serde::{Deserialize, Serialize};
use signature::permutations;
use std::collections::HashMap;
use std::io::{Read, Write};
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

static WORK_DIRS: AtomicU64 = AtomicU64::new(0);

impl MinhashDedup {
    pub fn new(opts: Options) -> Self {
        let budget = opts.memory_mb.saturating_mul(1 << 20);
        Self::with_budget(opts, budget)
    }

    /// A stage that spills beyond `budget` bytes (tests use budgets below a megabyte).
    pub fn with_budget(opts: Options, budget: usize) -> Self {
        let n = opts.bands * opts.rows;
        let perms = permutations(opts.seed, n);
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

    fn poisoned() -> StepError {
        StepError::stage(NAME, "signature table poisoned by an earlier panic")
    }
}

impl Stage for MinhashDedup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        vec![Metric::new(
            "cluster_size",
            "documents per cluster of near duplicates (one kept)",
            Scale::COUNT,
        )]
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
        crate::dedup::spill::remove_work_dir(&self.work_dir);
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

    /// Not with `against` or `save_index`: both need every signature in one place.
    fn shuffle(&mut self) -> Option<&mut dyn ghirbal_core::Shuffle> {
        (self.opts.against.is_empty() && self.opts.save_index.is_none()).then_some(self as _)
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
        *doc.claim("minhash_cluster") = m.root.into();
        *doc.claim("minhash_cluster_size") = m.size.into();
        if m.root == seq {
            cx.count("clusters", 1);
            cx.observe("cluster_size", m.size as f64);
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
