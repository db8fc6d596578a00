//! External sorting for whole-corpus stages: records are gathered in memory up to a budget,
//! then written to disk as sorted runs, and read back merged in order.
//!
//! Why: a stage over tens of millions of documents (MinHash signatures, band keys) cannot
//! hold everything in memory; sorted runs merged with a heap need memory for one buffer plus
//! one record per run. When everything fits, nothing touches the disk.
//!
//! A record is a fixed number of `u64` words, compared in order (the sort key), plus an
//! optional byte tail that travels with it (a document id). Run file: per record the words
//! (little-endian), a u32 tail length and the tail.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes a record costs in memory besides its words and tail (its tail end and sort index).
const RECORD_OVERHEAD: usize = 12;

/// Gathers records and sorts them, spilling sorted runs to `dir` beyond `budget` bytes.
pub struct Sorter {
    width: usize,
    budget: usize,
    dir: PathBuf,
    prefix: String,
    words: Vec<u64>,
    tails: Vec<u8>,
    tail_ends: Vec<usize>,
    runs: Vec<PathBuf>,
}

impl Sorter {
    /// `prefix` names the run files (`{prefix}-{n}.run`) so that several sorters share a folder.
    pub fn new(width: usize, budget: usize, dir: &Path, prefix: &str) -> Self {
        Self {
            width: width.max(1),
            budget,
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            words: Vec::new(),
            tails: Vec::new(),
            tail_ends: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// Bytes held in memory now.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8 + self.tails.len() + self.tail_ends.len() * RECORD_OVERHEAD
    }

    /// Number of runs written to disk so far (tests check that a small budget spills).
    #[cfg(test)]
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    pub fn push(&mut self, words: &[u64], tail: &[u8]) -> std::io::Result<()> {
        debug_assert_eq!(words.len(), self.width);
        self.words.extend_from_slice(words);
        self.tails.extend_from_slice(tail);
        self.tail_ends.push(self.tails.len());
        if self.bytes() >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Spills what is in memory and returns the names of every run written so far (inside
    /// the sorter's folder), so that a resumed process can adopt them.
    pub fn checkpoint(&mut self) -> std::io::Result<Vec<String>> {
        self.spill()?;
        Ok(self
            .runs
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect())
    }

    /// Adopts runs named by [`Sorter::checkpoint`] in an earlier process; fails if one is
    /// missing.
    pub fn adopt(&mut self, names: &[String]) -> std::io::Result<()> {
        for name in names {
            let path = self.dir.join(name);
            if !path.is_file() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("spilled run {} is missing", path.display()),
                ));
            }
            self.runs.push(path);
        }
        Ok(())
    }

    fn order(&self) -> Vec<u32> {
        let w = self.width;
        let mut order: Vec<u32> = (0..self.tail_ends.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.words[a * w..(a + 1) * w].cmp(&self.words[b * w..(b + 1) * w])
        });
        order
    }

    fn tail(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.tail_ends[i - 1] };
        &self.tails[start..self.tail_ends[i]]
    }

    /// Writes the records in memory as one sorted run and empties the buffer. A run's name
    /// is unique across the sorters that share a prefix (the caller numbers them).
    pub fn spill(&mut self) -> std::io::Result<()> {
        if self.tail_ends.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(format!(
            "{}-{}-{}.run",
            self.prefix,
            std::process::id(),
            RUN_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        let width = self.width;
        for i in self.order() {
            let i = i as usize;
            for v in &self.words[i * width..(i + 1) * width] {
                w.write_all(&v.to_le_bytes())?;
            }
            let tail = self.tail(i);
            w.write_all(&(tail.len() as u32).to_le_bytes())?;
            w.write_all(tail)?;
        }
        w.flush()?;
        self.runs.push(path);
        self.words.clear();
        self.tails.clear();
        self.tail_ends.clear();
        Ok(())
    }

    /// All records in order: from memory when nothing was spilled, otherwise merged from the
    /// runs (the records still in memory are spilled first).
    pub fn finish(mut self) -> std::io::Result<Merged> {
        if self.runs.is_empty() {
            let order = self.order();
            return Ok(Merged {
                width: self.width,
                source: Source::Memory {
                    sorter: self,
                    order,
                    at: 0,
                },
                words: Vec::new(),
                tail: Vec::new(),
            });
        }
        self.spill()?;
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::new();
        for (r, path) in self.runs.iter().enumerate() {
            let mut reader = RunReader {
                input: BufReader::with_capacity(1 << 16, File::open(path)?),
                width: self.width,
            };
            if let Some(rec) = reader.next()? {
                heap.push(Reverse((rec.0, r, rec.1)));
            }
            readers.push(reader);
        }
        Ok(Merged {
            width: self.width,
            source: Source::Runs {
                readers,
                heap,
                paths: std::mem::take(&mut self.runs),
            },
            words: Vec::new(),
            tail: Vec::new(),
        })
    }
}

static RUN_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

struct RunReader {
    input: BufReader<File>,
    width: usize,
}

impl RunReader {
    fn next(&mut self) -> std::io::Result<Option<(Vec<u64>, Vec<u8>)>> {
        let mut words = Vec::with_capacity(self.width);
        let mut b = [0u8; 8];
        for k in 0..self.width {
            match self.input.read_exact(&mut b) {
                Ok(()) => words.push(u64::from_le_bytes(b)),
                Err(e) if k == 0 && e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(None)
                }
                Err(e) => return Err(e),
            }
        }
        let mut len = [0u8; 4];
        self.input.read_exact(&mut len)?;
        let mut tail = vec![0u8; u32::from_le_bytes(len) as usize];
        self.input.read_exact(&mut tail)?;
        Ok(Some((words, tail)))
    }
}

type HeapItem = Reverse<(Vec<u64>, usize, Vec<u8>)>;

enum Source {
    Memory {
        sorter: Sorter,
        order: Vec<u32>,
        at: usize,
    },
    Runs {
        readers: Vec<RunReader>,
        heap: BinaryHeap<HeapItem>,
        paths: Vec<PathBuf>,
    },
}

/// The sorted records, read one at a time.
pub struct Merged {
    width: usize,
    source: Source,
    words: Vec<u64>,
    tail: Vec<u8>,
}

impl Merged {
    /// The next record (words, tail), or None at the end.
    pub fn next_record(&mut self) -> std::io::Result<Option<(&[u64], &[u8])>> {
        match &mut self.source {
            Source::Memory { sorter, order, at } => {
                let Some(&i) = order.get(*at) else {
                    return Ok(None);
                };
                *at += 1;
                let i = i as usize;
                let w = self.width;
                Ok(Some((&sorter.words[i * w..(i + 1) * w], sorter.tail(i))))
            }
            Source::Runs { readers, heap, .. } => {
                let Some(Reverse((words, r, tail))) = heap.pop() else {
                    return Ok(None);
                };
                if let Some(rec) = readers[r].next()? {
                    heap.push(Reverse((rec.0, r, rec.1)));
                }
                self.words = words;
                self.tail = tail;
                Ok(Some((&self.words, &self.tail)))
            }
        }
    }
}

impl Merged {
    /// True when the records are in memory (nothing was spilled), so [`Merged::get`] works.
    pub fn in_memory(&self) -> bool {
        matches!(self.source, Source::Memory { .. })
    }

    /// Bytes held in memory.
    pub fn bytes_in_memory(&self) -> usize {
        match &self.source {
            Source::Memory { sorter, order, .. } => sorter.bytes() + order.len() * 4,
            Source::Runs { .. } => 0,
        }
    }

    /// Number of records, when they are in memory.
    pub fn len_in_memory(&self) -> usize {
        match &self.source {
            Source::Memory { order, .. } => order.len(),
            Source::Runs { .. } => 0,
        }
    }

    /// The record of rank `rank` in sorted order, when the records are in memory.
    pub fn get(&self, rank: usize) -> Option<(&[u64], &[u8])> {
        let Source::Memory { sorter, order, .. } = &self.source else {
            return None;
        };
        let i = *order.get(rank)? as usize;
        let w = self.width;
        Some((&sorter.words[i * w..(i + 1) * w], sorter.tail(i)))
    }
}

impl Drop for Merged {
    fn drop(&mut self) {
        // Runs are scratch: once merged they are not needed again.
        if let Source::Runs { paths, .. } = &self.source {
            for p in paths {
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

/// Removes a stage's work folder when its work is done: only the files the stage names itself
/// ([`ghirbal_core::is_scratch_file_name`]), then the folder if that left it empty. Anything
/// else put there stays, and so does the folder.
pub(crate) fn remove_work_dir(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(ghirbal_core::is_scratch_file_name);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let _ = std::fs::remove_dir(dir);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn drain(mut m: Merged) -> Vec<(Vec<u64>, Vec<u8>)> {
        let mut out = Vec::new();
        while let Some((w, t)) = m.next_record().expect("read") {
            out.push((w.to_vec(), t.to_vec()));
        }
        out
    }

    proptest! {
        #[test]
        fn spilled_and_in_memory_sorts_agree(
            records in proptest::collection::vec((0u64..50, 0u64..5, "[a-z]{0,4}"), 0..300),
            budget in 64usize..2000,
        ) {
            let dir = tempfile::tempdir().expect("tmp");
            let mut small = Sorter::new(2, budget, dir.path(), "t");
            let mut large = Sorter::new(2, usize::MAX, dir.path(), "u");
            for (a, b, t) in &records {
                small.push(&[*a, *b], t.as_bytes()).expect("push");
                large.push(&[*a, *b], t.as_bytes()).expect("push");
            }
            prop_assert_eq!(large.runs(), 0);
            let spilled = drain(small.finish().expect("merge"));
            let memory = drain(large.finish().expect("sort"));
            // Equal keys may come in any order: compare keys, then the multisets.
            let keys = |v: &[(Vec<u64>, Vec<u8>)]| v.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
            prop_assert_eq!(keys(&spilled), keys(&memory));
            let mut expected: Vec<_> = records.iter().map(|(a, b, t)| (vec![*a, *b], t.as_bytes().to_vec())).collect();
            expected.sort();
            let mut got = spilled.clone();
            got.sort();
            prop_assert_eq!(got, expected);
            // Runs are removed once read.
            prop_assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
        }
    }
}
