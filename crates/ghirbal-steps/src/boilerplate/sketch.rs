//! Lines that recur across the documents of a site or of the corpus (`template_line`):
//! counted in a fixed-size count-min sketch during the observation pass, so memory does not
//! grow with the corpus.

use super::Options;
use ghirbal_core::Document;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// A fixed-size count-min sketch with atomic counters: concurrent increments, estimates that
/// can only be too high, memory set once.
struct CountMin {
    rows: [Vec<AtomicU32>; 4],
    mask: usize,
}

impl CountMin {
    fn new(megabytes: usize) -> Self {
        let per_row = (megabytes.max(1) << 20) / 4 / 4;
        let width = per_row.next_power_of_two() / 2;
        let width = width.max(1024);
        let row = || (0..width).map(|_| AtomicU32::new(0)).collect::<Vec<_>>();
        Self {
            rows: [row(), row(), row(), row()],
            mask: width - 1,
        }
    }
    fn slots(&self, h: u128) -> impl Iterator<Item = usize> + '_ {
        (0..4).map(move |i| ((h >> (i * 32)) as usize) & self.mask)
    }
    fn add(&self, h: u128) {
        for (row, slot) in self.rows.iter().zip(self.slots(h)) {
            let _ =
                row[slot].fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| v.checked_add(1));
        }
    }
    /// Width, then every counter, little-endian.
    fn save(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&(self.mask as u64 + 1).to_le_bytes())?;
        let mut buf = Vec::with_capacity(1 << 16);
        for row in &self.rows {
            for chunk in row.chunks(1 << 14) {
                buf.clear();
                for c in chunk {
                    buf.extend_from_slice(&c.load(Ordering::Relaxed).to_le_bytes());
                }
                out.write_all(&buf)?;
            }
        }
        Ok(())
    }

    /// Reads counters saved by [`CountMin::save`] from a sketch of the same width.
    fn load(&self, input: &mut dyn Read) -> std::io::Result<()> {
        self.read_counters(input, "saved sketch has another width", |c, v| {
            c.store(v, Ordering::Relaxed)
        })
    }

    /// Adds the counters saved by [`CountMin::save`] from a sketch of the same width, as if
    /// its increments had been made here (a counter stops at the largest u32 either way).
    fn merge(&self, input: &mut dyn Read) -> std::io::Result<()> {
        self.read_counters(input, "sketch to merge has another width", |c, add| {
            if add > 0 {
                let _ = c.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
                    Some(v.saturating_add(add))
                });
            }
        })
    }

    /// Reads what [`CountMin::save`] wrote and hands each counter's value to `apply` with the
    /// counter it belongs to.
    fn read_counters(
        &self,
        input: &mut dyn Read,
        other_width: &str,
        apply: impl Fn(&AtomicU32, u32),
    ) -> std::io::Result<()> {
        let mut width = [0u8; 8];
        input.read_exact(&mut width)?;
        if u64::from_le_bytes(width) != self.mask as u64 + 1 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                other_width.to_string(),
            ));
        }
        let mut buf = vec![0u8; 4 << 14];
        for row in &self.rows {
            for chunk in row.chunks(1 << 14) {
                let bytes = &mut buf[..chunk.len() * 4];
                input.read_exact(bytes)?;
                for (c, b) in chunk.iter().zip(bytes.chunks_exact(4)) {
                    apply(c, u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
                }
            }
        }
        Ok(())
    }

    fn estimate(&self, h: u128) -> u64 {
        self.rows
            .iter()
            .zip(self.slots(h))
            .map(|(row, slot)| u64::from(row[slot].load(Ordering::Relaxed)))
            .min()
            .unwrap_or(0)
    }
}

pub(super) fn site_of(doc: &Document) -> Option<String> {
    if let Some(url) = doc.meta.get("url").and_then(|v| v.as_str()) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if !host.is_empty() {
            return Some(host);
        }
    }
    doc.meta
        .get("source")
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn line_hash(scope: &str, key: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(scope.as_bytes());
    h.update(&[0xff]);
    h.update(key.as_bytes());
    h.digest128()
}

const ALL_SITES: &str = "\u{0}corpus";
const DOCS_KEY: &str = "\u{0}documents";

/// Where a template line recurs.
pub(super) enum Scope {
    Site,
    Corpus,
}

/// The cross-document line counts: a count-min sketch of (site, line) and (corpus, line)
/// pairs, and the number of documents seen.
pub(super) struct Sketch {
    counts: CountMin,
    total_docs: AtomicU64,
}

impl Sketch {
    pub(super) fn new(megabytes: usize) -> Self {
        Self {
            counts: CountMin::new(megabytes),
            total_docs: AtomicU64::new(0),
        }
    }

    /// Counts a document's short lines (`words` and folded `key` of each), once per document:
    /// a line repeated inside one page is not a template by itself.
    pub(super) fn observe<'k>(
        &self,
        site: Option<&str>,
        lines: impl Iterator<Item = (usize, &'k str)>,
        template_max_words: usize,
    ) {
        let mut hashes: Vec<(u128, u128)> = lines
            .filter(|&(words, _)| words > 0 && words <= template_max_words)
            .map(|(_, key)| {
                (
                    site.map_or(0, |s| line_hash(s, key)),
                    line_hash(ALL_SITES, key),
                )
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        for (in_site, in_corpus) in hashes {
            if site.is_some() {
                self.counts.add(in_site);
            }
            self.counts.add(in_corpus);
        }
        if let Some(site) = site {
            self.counts.add(line_hash(site, DOCS_KEY));
        }
        self.total_docs.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether a line of `words` words, folded to `key`, recurs in enough documents of its
    /// site or of the corpus.
    pub(super) fn template(
        &self,
        opts: &Options,
        site: Option<&str>,
        key: &str,
        words: usize,
    ) -> Option<Scope> {
        if words == 0 || words > opts.template_max_words {
            return None;
        }
        if let Some(site) = site {
            let in_site = self.counts.estimate(line_hash(site, key));
            let site_docs = self.counts.estimate(line_hash(site, DOCS_KEY));
            if in_site >= opts.template_min_docs
                && in_site as f64 >= opts.template_min_share * site_docs as f64
            {
                return Some(Scope::Site);
            }
        }
        let total = self.total_docs.load(Ordering::Relaxed);
        let in_corpus = self.counts.estimate(line_hash(ALL_SITES, key));
        (in_corpus >= opts.corpus_min_docs
            && in_corpus as f64 >= opts.corpus_min_share * total as f64)
            .then_some(Scope::Corpus)
    }

    /// The number of documents observed, then the sketch's counters.
    pub(super) fn save(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&self.total_docs.load(Ordering::Relaxed).to_le_bytes())?;
        self.counts.save(out)
    }

    /// Adds what [`Sketch::save`] wrote for another part of the corpus, into a sketch of the
    /// same size: the counts of both parts observed by one sketch.
    pub(super) fn merge(&self, input: &mut dyn Read) -> std::io::Result<()> {
        let mut total = [0u8; 8];
        input.read_exact(&mut total)?;
        self.counts.merge(input)?;
        self.total_docs
            .fetch_add(u64::from_le_bytes(total), Ordering::Relaxed);
        Ok(())
    }

    /// Reads what [`Sketch::save`] wrote, into a sketch of the same size.
    pub(super) fn load(&self, input: &mut dyn Read) -> std::io::Result<()> {
        let mut total = [0u8; 8];
        input.read_exact(&mut total)?;
        self.counts.load(input)?;
        self.total_docs
            .store(u64::from_le_bytes(total), Ordering::Relaxed);
        Ok(())
    }
}
