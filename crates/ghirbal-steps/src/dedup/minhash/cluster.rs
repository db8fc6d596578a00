//! Clustering once every document is observed: documents near an earlier run's index leave
//! first; the others are bucketed by band key (sorted and spilled like the signatures), the
//! candidate pairs of each band are verified and joined with union-find; then the kept
//! documents' ids are gathered and, if asked, this run's index is written.

use super::index_file::IndexWriter;
use super::signature::{band_key, similarity};
use super::store::Store;
use super::{IndexHit, Membership, MinhashDedup};
use crate::dedup::spill::Sorter;
use std::collections::HashMap;

impl MinhashDedup {
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
    /// `similarity` gives the estimated Jaccard of two documents by rank (or by position,
    /// which orders them the same way).
    pub(super) fn join(
        &self,
        pairs: &mut Vec<(u64, u64)>,
        parent: &mut HashMap<u64, u64>,
        similarity: &mut dyn FnMut(u64, u64) -> std::io::Result<f64>,
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
            let ok =
                !self.opts.verify || (similarity(first, later)? >= t && similarity(ra, rb)? >= t);
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
    pub(super) fn cluster(&mut self) -> std::io::Result<()> {
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
                    self.join(&mut pairs, &mut parent, &mut |a, b| {
                        store.similarity(a, b, &mut bufs)
                    })?;
                    group = Some((band, key, rank));
                }
                _ => group = Some((band, key, rank)),
            }
        }
        drop(merged);
        self.join(&mut pairs, &mut parent, &mut |a, b| {
            store.similarity(a, b, &mut bufs)
        })?;

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

pub(super) fn find(parent: &mut HashMap<u64, u64>, x: u64) -> u64 {
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
