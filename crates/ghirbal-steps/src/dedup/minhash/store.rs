//! The observed documents after observation, read by rank (input order): kept in memory
//! when they fit the budget, otherwise merged from the sorted runs into two files of the
//! work folder that clustering reads by position.

use super::signature::similarity;
use crate::dedup::spill::Merged;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

fn le_u64(bytes: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(a)
}

/// The observed documents in input order: rank r is the r-th of them. In memory when they
/// fit the budget; otherwise merged from the sorted runs into two files in the work folder.
pub(super) enum Store {
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
    pub(super) fn build(mut merged: Merged, dir: &Path, width: usize) -> std::io::Result<Store> {
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

    pub(super) fn len(&self) -> usize {
        match self {
            Store::Memory(m) => m.len_in_memory(),
            Store::Disk { len, .. } => *len,
        }
    }

    pub(super) fn bytes_in_memory(&self) -> usize {
        match self {
            Store::Memory(m) => m.bytes_in_memory(),
            Store::Disk { .. } => 0,
        }
    }

    /// Fills `buf` with the record [seq, signature…] of rank `rank`.
    pub(super) fn get(&mut self, rank: u64, buf: &mut Vec<u64>) -> std::io::Result<()> {
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
    pub(super) fn scan(
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
    pub(super) fn similarity(
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
