//! The index file of `save_index` and `against`: the signatures of the documents a run kept,
//! so that a later crawl can be deduplicated against them without its documents.

use super::Options;
use std::fs::File;
use std::io::{BufWriter, Write};

const INDEX_MAGIC: &[u8; 8] = b"GHMHIDX1";

/// Writes an index file: magic, then little-endian u64 ngram, bands, rows, seed, count; then
/// per document a u32 id length, the id bytes, and bands × rows u64 signature values. The file
/// appears under its name only once complete.
pub(super) struct IndexWriter {
    path: String,
    tmp: String,
    out: BufWriter<File>,
}

impl IndexWriter {
    pub(super) fn create(path: &str, opts: &Options, count: u64) -> std::io::Result<Self> {
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

    pub(super) fn add(&mut self, id: &[u8], sig: &[u64]) -> std::io::Result<()> {
        self.out.write_all(&(id.len() as u32).to_le_bytes())?;
        self.out.write_all(id)?;
        for v in sig {
            self.out.write_all(&v.to_le_bytes())?;
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        drop(self.out);
        std::fs::rename(&self.tmp, &self.path)
    }
}

/// A document of an index: its id and signature.
pub(super) type IndexEntry = (Box<str>, Box<[u64]>);

/// Reads an index file, refusing one built with other shingle or hashing settings.
pub(super) fn read_index(path: &str, opts: &Options) -> Result<Vec<IndexEntry>, String> {
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
