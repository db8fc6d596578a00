//! What a run observes for its report, beside the counts of [`crate::RunStats`]: fixed-size
//! histograms of the values the steps measure (with the thresholds that decide drawn from the
//! steps' own options), label counts (language, dialect), document lengths, and a seeded
//! sample of documents per removal reason.
//!
//! Every structure here has a fixed size whatever the corpus, and every merge is commutative
//! and associative, so the state is the same for any thread count, any batch order, and
//! after a resumed run (whose checkpoint holds the state of the records before it).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of [`Observations`] as written to `observations.json.zst`.
pub const OBSERVATIONS_VERSION: u32 = 1;

/// How a metric's values are cut into buckets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scale {
    /// `n` buckets of equal width over `[lo, hi)`; `hi` itself goes in the last bucket (a ratio
    /// of exactly 1 is common), anything beyond in `over`.
    Linear { lo: f64, hi: f64, n: u16 },
    /// Counts and lengths: bucket 0 holds `[0, 1)`, then bucket `i` holds
    /// `[2^((i-1)/per_octave), 2^(i/per_octave))`, up to `2^octaves`.
    Log2 { per_octave: u8, octaves: u8 },
}

impl Scale {
    /// Ratios in [0, 1], 0.01 wide.
    pub const RATIO: Scale = Scale::Linear {
        lo: 0.0,
        hi: 1.0,
        n: 100,
    };
    /// Counts of words, characters, bytes: four buckets per doubling up to 2^26.
    pub const COUNT: Scale = Scale::Log2 {
        per_octave: 4,
        octaves: 26,
    };

    pub fn buckets(&self) -> usize {
        match *self {
            Scale::Linear { n, .. } => usize::from(n.max(1)),
            Scale::Log2 {
                per_octave,
                octaves,
            } => usize::from(per_octave.max(1)) * usize::from(octaves) + 1,
        }
    }

    /// The lower edge of every bucket, then the upper edge of the last one.
    pub fn edges(&self) -> Vec<f64> {
        let n = self.buckets();
        match *self {
            Scale::Linear { lo, hi, .. } => (0..=n)
                .map(|i| lo + (hi - lo) * i as f64 / n as f64)
                .collect(),
            Scale::Log2 { per_octave, .. } => {
                let per = f64::from(per_octave.max(1));
                let mut edges = vec![0.0];
                edges.extend((0..n).map(|i| 2f64.powf(i as f64 / per)));
                edges
            }
        }
    }

    fn place(&self, v: f64) -> Slot {
        if v.is_nan() {
            return Slot::Nan;
        }
        let n = self.buckets();
        match *self {
            Scale::Linear { lo, hi, .. } => {
                if v < lo {
                    Slot::Under
                } else if v > hi {
                    Slot::Over
                } else {
                    // The quotient can land one below an edge that `edges` computes exactly
                    // (0.29 * 100 = 28.999...): place the value against the edges themselves.
                    let edge = |i: usize| lo + (hi - lo) * i as f64 / n as f64;
                    let mut i = (((v - lo) / (hi - lo) * n as f64) as usize).min(n - 1);
                    if i + 1 < n && v >= edge(i + 1) {
                        i += 1;
                    } else if i > 0 && v < edge(i) {
                        i -= 1;
                    }
                    Slot::At(i)
                }
            }
            Scale::Log2 { per_octave, .. } => {
                if v < 0.0 {
                    Slot::Under
                } else if v < 1.0 {
                    Slot::At(0)
                } else {
                    // Exact for powers of two, which is where the edges are.
                    let i = (v.log2() * f64::from(per_octave.max(1))).floor() as usize + 1;
                    if i >= n {
                        Slot::Over
                    } else {
                        Slot::At(i)
                    }
                }
            }
        }
    }
}

enum Slot {
    Under,
    At(usize),
    Over,
    Nan,
}

/// Which side of a limit a step removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Values below the limit are removed (a minimum).
    Below,
    /// Values above the limit are removed (a maximum).
    Above,
}

/// A threshold drawn on a metric's chart: the step's resolved option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    pub value: f64,
    pub removes: Side,
    /// The reason code of the removal it makes.
    pub code: String,
}

/// A value a step measures on each document it judges, as [`crate::Cx::observe`] reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// The key the step observes under (often the name of its annotation).
    pub key: String,
    /// What the value is, for a reader.
    pub label: String,
    pub scale: Scale,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<Limit>,
}

impl Metric {
    pub fn new(key: &str, label: &str, scale: Scale) -> Self {
        Self {
            key: key.to_string(),
            label: label.to_string(),
            scale,
            limits: Vec::new(),
        }
    }

    /// Documents whose value is below `value` are removed with `code`.
    pub fn min(mut self, value: f64, code: &str) -> Self {
        self.limits.push(Limit {
            value,
            removes: Side::Below,
            code: code.to_string(),
        });
        self
    }

    /// Documents whose value is above `value` are removed with `code`.
    pub fn max(mut self, value: f64, code: &str) -> Self {
        self.limits.push(Limit {
            value,
            removes: Side::Above,
            code: code.to_string(),
        });
        self
    }
}

/// Counts per bucket of a [`Scale`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hist {
    pub counts: Vec<u64>,
    #[serde(default)]
    pub under: u64,
    #[serde(default)]
    pub over: u64,
    #[serde(default)]
    pub nan: u64,
}

impl Hist {
    pub fn new(scale: &Scale) -> Self {
        Self {
            counts: vec![0; scale.buckets()],
            ..Self::default()
        }
    }

    pub fn add(&mut self, scale: &Scale, v: f64) {
        match scale.place(v) {
            Slot::Under => self.under += 1,
            Slot::Over => self.over += 1,
            Slot::Nan => self.nan += 1,
            Slot::At(i) => {
                if let Some(c) = self.counts.get_mut(i) {
                    *c += 1;
                }
            }
        }
    }

    /// Values counted, in and out of range.
    pub fn total(&self) -> u64 {
        // Saturating: a report may read a damaged or crafted file.
        self.counts
            .iter()
            .chain([&self.under, &self.over, &self.nan])
            .fold(0u64, |a, b| a.saturating_add(*b))
    }

    pub fn merge(&mut self, other: &Hist) {
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.under += other.under;
        self.over += other.over;
        self.nan += other.nan;
    }
}

/// One metric of one element: what it is, and the values seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricObs {
    pub metric: Metric,
    pub hist: Hist,
}

/// What one element of the pipeline observed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ElementObs {
    pub name: String,
    pub metrics: Vec<MetricObs>,
    /// Counts per label, by key (`language`, `dialect`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, BTreeMap<String, u64>>,
}

impl ElementObs {
    pub fn new(name: &str, metrics: Vec<Metric>) -> Self {
        Self {
            name: name.to_string(),
            metrics: metrics
                .into_iter()
                .map(|metric| MetricObs {
                    hist: Hist::new(&metric.scale),
                    metric,
                })
                .collect(),
            labels: BTreeMap::new(),
        }
    }

    /// Counts `v` in the metric `key`; a key the element did not describe is ignored.
    pub fn add(&mut self, key: &str, v: f64) {
        if let Some(m) = self.metrics.iter_mut().find(|m| m.metric.key == key) {
            m.hist.add(&m.metric.scale, v);
        }
    }

    pub fn add_label(&mut self, key: &str, label: &str) {
        let labels = match self.labels.get_mut(key) {
            Some(l) => l,
            None => self.labels.entry(key.to_string()).or_default(),
        };
        match labels.get_mut(label) {
            Some(n) => *n += 1,
            None => {
                labels.insert(label.to_string(), 1);
            }
        }
    }

    fn merge(&mut self, other: &ElementObs) {
        for (mine, theirs) in self.metrics.iter_mut().zip(&other.metrics) {
            mine.hist.merge(&theirs.hist);
        }
        for (key, labels) in &other.labels {
            let mine = self.labels.entry(key.clone()).or_default();
            for (label, n) in labels {
                *mine.entry(label.clone()).or_default() += n;
            }
        }
    }
}

/// A line a step struck from a document, kept to show it struck in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The line's number (1-based) in the text as the step saw it.
    pub line: u32,
    /// The step and its rule (`boilerplate/phrase`).
    pub rule: String,
    pub text: String,
}

/// One document of the report's sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    /// The sampling hash: the sample keeps the documents with the smallest.
    pub hash: u64,
    pub input: String,
    pub line: u64,
    pub id: String,
    /// The text as written (kept) or as it was when removed, cut to [`SAMPLE_TEXT_CHARS`].
    pub text: String,
    /// The text's length in characters, when it was cut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated_from: Option<u64>,
    /// The removal (empty for kept documents) or the rejection's error code and message.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
}

/// Characters of a sample's text kept for the report.
pub const SAMPLE_TEXT_CHARS: usize = 1_000;
/// Characters of struck lines kept per sample.
pub const SAMPLE_MARK_CHARS: usize = 2_000;

/// Cuts `text` to `max` characters; the original length in characters when it was cut.
pub fn cut_chars(text: &str, max: usize) -> (String, Option<u64>) {
    match text.char_indices().nth(max) {
        None => (text.to_string(), None),
        Some((at, _)) => (text[..at].to_string(), Some(text.chars().count() as u64)),
    }
}

/// Cuts struck lines to [`SAMPLE_MARK_CHARS`] in all, keeping whole lines from the start.
pub fn cut_marks(marks: Vec<Mark>) -> Vec<Mark> {
    let mut left = SAMPLE_MARK_CHARS;
    let mut out = Vec::new();
    for mut m in marks {
        if left == 0 {
            break;
        }
        let n = m.text.chars().count();
        if n > left {
            m.text = cut_chars(&m.text, left).0;
            left = 0;
        } else {
            left -= n;
        }
        out.push(m);
    }
    out
}

/// A deterministic reservoir: the `k` items with the smallest hash. The hash depends on the
/// record's place in the input only, so the sample is the same whatever reaches it in which
/// order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BottomK {
    pub k: u16,
    /// How many items were offered.
    pub seen: u64,
    /// Sorted by (hash, input, line).
    pub items: Vec<Sample>,
}

impl BottomK {
    pub fn new(k: u16) -> Self {
        Self {
            k,
            seen: 0,
            items: Vec::new(),
        }
    }

    /// True when an item with `hash` would enter the sample: build it only then.
    pub fn wants(&self, hash: u64) -> bool {
        // A tie with the largest kept hash may enter: the order by (hash, input, line) then
        // decides, whatever arrived first.
        self.items.len() < usize::from(self.k) || self.items.last().is_some_and(|l| hash <= l.hash)
    }

    /// Counts one item, and keeps it if it is among the `k` smallest.
    pub fn offer(&mut self, hash: u64, build: impl FnOnce() -> Sample) {
        self.seen += 1;
        if self.wants(hash) {
            self.items.push(build());
            self.settle();
        }
    }

    pub fn merge(&mut self, other: &BottomK) {
        self.k = self.k.max(other.k);
        self.seen += other.seen;
        self.items.extend(other.items.iter().cloned());
        self.settle();
    }

    fn settle(&mut self) {
        self.items
            .sort_by(|a, b| (a.hash, &a.input, a.line).cmp(&(b.hash, &b.input, b.line)));
        self.items
            .dedup_by(|a, b| a.hash == b.hash && a.input == b.input && a.line == b.line);
        self.items.truncate(usize::from(self.k));
    }
}

/// Samples kept per kind: kept documents, each removal reason, each rejection code.
pub const SAMPLE_KEPT: u16 = 16;
pub const SAMPLE_PER_REASON: u16 = 8;
pub const SAMPLE_PER_REJECTION: u16 = 3;

/// The whole of what a run observed for its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observations {
    pub version: u32,
    /// UTF-8 bytes of each kept document's text as written.
    pub length_kept: Hist,
    /// UTF-8 bytes of each removed document's text when it was removed.
    pub length_removed: Hist,
    /// One per element of the pipeline, in order.
    pub elements: Vec<ElementObs>,
    pub kept: BottomK,
    /// By `step/code`.
    pub removed: BTreeMap<String, BottomK>,
    /// By error code.
    pub rejected: BTreeMap<String, BottomK>,
}

impl Observations {
    /// An empty state for a pipeline whose elements measure `metrics` (name and descriptors,
    /// in order).
    pub fn new(elements: &[(String, Vec<Metric>)]) -> Self {
        Self {
            version: OBSERVATIONS_VERSION,
            length_kept: Hist::new(&Scale::COUNT),
            length_removed: Hist::new(&Scale::COUNT),
            elements: elements
                .iter()
                .map(|(name, m)| ElementObs::new(name, m.clone()))
                .collect(),
            kept: BottomK::new(SAMPLE_KEPT),
            removed: BTreeMap::new(),
            rejected: BTreeMap::new(),
        }
    }

    /// The reservoir of removals for `step/code`.
    pub fn removed_sample(&mut self, step: &str, code: &str) -> &mut BottomK {
        let key = format!("{step}/{code}");
        self.removed
            .entry(key)
            .or_insert_with(|| BottomK::new(SAMPLE_PER_REASON))
    }

    pub fn rejected_sample(&mut self, code: &str) -> &mut BottomK {
        self.rejected
            .entry(code.to_string())
            .or_insert_with(|| BottomK::new(SAMPLE_PER_REJECTION))
    }

    /// Adds `other`, which must describe the same pipeline.
    pub fn merge(&mut self, other: &Observations) {
        self.length_kept.merge(&other.length_kept);
        self.length_removed.merge(&other.length_removed);
        if self.elements.is_empty() {
            self.elements = other.elements.clone();
        } else {
            for (mine, theirs) in self.elements.iter_mut().zip(&other.elements) {
                mine.merge(theirs);
            }
        }
        self.kept.merge(&other.kept);
        for (key, b) in &other.removed {
            match self.removed.get_mut(key) {
                Some(mine) => mine.merge(b),
                None => {
                    self.removed.insert(key.clone(), b.clone());
                }
            }
        }
        for (key, b) in &other.rejected {
            match self.rejected.get_mut(key) {
                Some(mine) => mine.merge(b),
                None => {
                    self.rejected.insert(key.clone(), b.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_edges_and_extremes() {
        let s = Scale::RATIO;
        let mut h = Hist::new(&s);
        for v in [0.0, 0.005, 0.01, 0.999, 1.0, 1.5, -0.1, f64::NAN] {
            h.add(&s, v);
        }
        assert_eq!(h.counts[0], 2);
        assert_eq!(h.counts[1], 1);
        assert_eq!(h.counts[99], 2);
        assert_eq!((h.under, h.over, h.nan), (1, 1, 1));
        assert_eq!(h.total(), 8);
        assert_eq!(s.edges().len(), 101);
    }

    #[test]
    fn a_value_on_an_edge_is_in_the_bucket_that_starts_there() {
        let s = Scale::RATIO;
        let edges = s.edges();
        for (i, edge) in edges.iter().take(100).enumerate() {
            let mut h = Hist::new(&s);
            h.add(&s, *edge);
            assert_eq!(h.counts[i], 1, "edge {i} = {edge}");
        }
        let mut h = Hist::new(&s);
        h.add(&s, 0.29);
        assert_eq!(h.counts[29], 1);
    }

    #[test]
    fn log2_buckets_start_at_powers_of_two() {
        let s = Scale::COUNT;
        let edges = s.edges();
        assert_eq!(edges.len(), s.buckets() + 1);
        let mut h = Hist::new(&s);
        for v in [0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 1e12] {
            h.add(&s, v);
        }
        assert_eq!(h.counts[0], 2);
        assert_eq!(h.counts[1], 1); // [1, 2^0.25)
        assert_eq!(h.counts[5], 1); // [2, 2^1.25)
        assert_eq!(h.counts[7], 1); // 3 in [2^1.5, 2^1.75)
        assert_eq!(h.counts[9], 1); // [4, ...)
        assert_eq!(h.over, 1);
        // Each bucket's lower edge is where its values start.
        assert_eq!(edges[5], 2.0);
        assert_eq!(edges[9], 4.0);
    }

    fn sample(hash: u64, line: u64) -> Sample {
        Sample {
            hash,
            input: "a".into(),
            line,
            id: format!("a/{line}"),
            text: String::new(),
            truncated_from: None,
            step: String::new(),
            code: String::new(),
            detail: String::new(),
            marks: Vec::new(),
        }
    }

    #[test]
    fn bottom_k_is_the_same_in_any_order_and_grouping() {
        let hashes: Vec<u64> = (0..200u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7)
            .collect();
        let mut whole = BottomK::new(8);
        for (i, h) in hashes.iter().enumerate() {
            whole.offer(*h, || sample(*h, i as u64));
        }
        // Reversed, in three parts merged in another order.
        let mut parts = [BottomK::new(8), BottomK::new(8), BottomK::new(8)];
        for (i, h) in hashes.iter().enumerate().rev() {
            parts[i % 3].offer(*h, || sample(*h, i as u64));
        }
        let mut merged = BottomK::new(8);
        merged.merge(&parts[2]);
        merged.merge(&parts[0]);
        merged.merge(&parts[1]);
        assert_eq!(merged, whole);
        assert_eq!(whole.items.len(), 8);
        assert_eq!(whole.seen, 200);
        let mut smallest = hashes.clone();
        smallest.sort_unstable();
        let got: Vec<u64> = whole.items.iter().map(|s| s.hash).collect();
        assert_eq!(got, smallest[..8]);
    }

    #[test]
    fn observations_merge_adds_histograms_and_labels() {
        let elements = vec![(
            "lid".to_string(),
            vec![Metric::new("language_score", "score", Scale::RATIO).min(0.65, "low")],
        )];
        let mut a = Observations::new(&elements);
        let mut b = Observations::new(&elements);
        a.elements[0].add("language_score", 0.7);
        a.elements[0].add_label("language", "arb_Arab");
        b.elements[0].add("language_score", 0.7);
        b.elements[0].add("unknown_key", 0.7);
        b.elements[0].add_label("language", "arb_Arab");
        b.elements[0].add_label("language", "pes_Arab");
        b.removed_sample("lid", "low").offer(3, || sample(3, 1));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab.elements[0].metrics[0].hist.counts[70], 2);
        assert_eq!(ab.elements[0].labels["language"]["arb_Arab"], 2);
        assert_eq!(ab.removed["lid/low"].items.len(), 1);
    }

    #[test]
    fn cuts_at_character_boundaries() {
        let (t, n) = cut_chars("مرحبا بالعالم", 5);
        assert_eq!(t, "مرحبا");
        assert_eq!(n, Some(13));
        assert_eq!(cut_chars("abc", 5), ("abc".to_string(), None));
        let marks = cut_marks(vec![
            Mark {
                line: 1,
                rule: "r".into(),
                text: "x".repeat(SAMPLE_MARK_CHARS - 1),
            },
            Mark {
                line: 2,
                rule: "r".into(),
                text: "yy".into(),
            },
            Mark {
                line: 3,
                rule: "r".into(),
                text: "z".into(),
            },
        ]);
        assert_eq!(marks.len(), 2);
        assert_eq!(marks[1].text, "y");
    }
}
