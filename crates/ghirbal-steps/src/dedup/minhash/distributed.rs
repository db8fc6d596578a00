//! MinHash across machines (see [`ghirbal_core::Shuffle`]): each unit's mapper computes the
//! signatures, keeps them in the unit's side file and sends (band key, position) to the
//! partition of each band; each band's task buckets its keys and lists the candidate pairs
//! (later document, first of its bucket); the combining task reads the signatures of the
//! candidates only (no other document can join a cluster) and joins the pairs band by band in
//! input order, exactly as [`MinhashDedup::cluster`] does on one machine, so the clusters and
//! every decision are the same.

use super::signature::{band_key, similarity};
use super::{Membership, MinhashDedup, Options, NAME};
use ghirbal_core::bytes::{put_str, put_u64, Cursor};
use ghirbal_core::{Document, MapOutput, Mapper, Shuffle, StepError, UnitPart};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

impl Shuffle for MinhashDedup {
    /// One partition per band: a band's buckets are independent of the others'.
    fn partitions(&self, _suggested: usize) -> usize {
        self.opts.bands
    }

    fn mapper(&self, _partitions: usize) -> Box<dyn Mapper> {
        let bands = self.opts.bands;
        Box::new(SignatureMapper {
            hasher: MinhashDedup::new(Options {
                against: Vec::new(),
                save_index: None,
                ..self.opts.clone()
            }),
            out: Mutex::new(MapOutput {
                parts: vec![Vec::new(); bands],
                side: Vec::new(),
            }),
        })
    }

    /// Records are (band key, position); findings are the band's candidate pairs (later
    /// position, first position of its bucket), sorted.
    fn reduce(
        &self,
        _partition: usize,
        parts: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<Vec<u8>, StepError> {
        let mut keys: Vec<(u64, u64)> = Vec::new();
        for part in parts {
            let part = part?;
            let mut c = Cursor::new(NAME, &part.bytes);
            while !c.done() {
                let key = c.u64()?;
                keys.push((key, part.offset + c.u64()?));
            }
        }
        keys.sort_unstable();
        let mut pairs: Vec<(u64, u64)> = Vec::new();
        let mut bucket: Option<(u64, u64)> = None;
        for &(key, seq) in &keys {
            match bucket {
                Some((k, first)) if k == key => pairs.push((seq, first)),
                _ => bucket = Some((key, seq)),
            }
        }
        pairs.sort_unstable();
        let mut out = Vec::with_capacity(pairs.len() * 16);
        for (later, first) in pairs {
            put_u64(&mut out, later);
            put_u64(&mut out, first);
        }
        Ok(out)
    }

    fn combine(
        &mut self,
        findings: &mut dyn Iterator<Item = Result<Vec<u8>, StepError>>,
        sides: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<(), StepError> {
        let mut bands: Vec<Vec<(u64, u64)>> = Vec::new();
        let mut candidates: HashSet<u64> = HashSet::new();
        for found in findings {
            let bytes = found?;
            let mut c = Cursor::new(NAME, &bytes);
            let mut pairs = Vec::with_capacity(bytes.len() / 16);
            while !c.done() {
                let (later, first) = (c.u64()?, c.u64()?);
                candidates.insert(later);
                candidates.insert(first);
                pairs.push((later, first));
            }
            bands.push(pairs);
        }
        // The signatures and ids of the candidates, by position.
        let n = self.perms.len();
        let mut sigs: HashMap<u64, (Box<[u64]>, Box<str>)> = HashMap::new();
        for side in sides {
            let side = side?;
            let mut c = Cursor::new(NAME, &side.bytes);
            while !c.done() {
                let seq = side.offset + c.u64()?;
                let mut sig = Vec::with_capacity(n);
                for _ in 0..n {
                    sig.push(c.u64()?);
                }
                let id = c.str()?;
                if candidates.contains(&seq) {
                    sigs.insert(seq, (sig.into(), id.into()));
                }
            }
        }
        let missing = |seq: u64| {
            std::io::Error::other(format!(
                "no signature for candidate record #{seq} in the side files"
            ))
        };
        let mut sim = |a: u64, b: u64| -> std::io::Result<f64> {
            let sa = sigs.get(&a).ok_or_else(|| missing(a))?;
            let sb = sigs.get(&b).ok_or_else(|| missing(b))?;
            Ok(similarity(&sa.0, &sb.0))
        };
        let mut parent: HashMap<u64, u64> = HashMap::new();
        for mut pairs in bands {
            self.join(&mut pairs, &mut parent, &mut sim)
                .map_err(|e| StepError::stage(NAME, e.to_string()))?;
        }
        let members: Vec<u64> = parent.keys().copied().collect();
        let mut sizes: HashMap<u64, u64> = HashMap::new();
        let mut roots: HashMap<u64, u64> = HashMap::new();
        for seq in members {
            let root = super::cluster::find(&mut parent, seq);
            roots.insert(seq, root);
            *sizes.entry(root).or_default() += 1;
        }
        for (&seq, &root) in &roots {
            self.clusters.insert(
                seq,
                Membership {
                    root,
                    size: sizes[&root],
                    similarity: sim(root, seq)
                        .map_err(|e| StepError::stage(NAME, e.to_string()))?,
                },
            );
        }
        self.root_ids = sizes
            .keys()
            .filter_map(|root| sigs.get(root).map(|(_, id)| (*root, id.clone())))
            .collect();
        Ok(())
    }
}

/// One unit's signatures: (position, signature, id) in the side file, (band key, position)
/// in each band's partition.
struct SignatureMapper {
    hasher: MinhashDedup,
    out: Mutex<MapOutput>,
}

impl Mapper for SignatureMapper {
    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let mut sig = Vec::with_capacity(self.hasher.perms.len());
        if !self.hasher.signature_into(&doc.text, &mut sig) {
            return Ok(());
        }
        let rows = self.hasher.opts.rows;
        let mut out = self
            .out
            .lock()
            .map_err(|_| StepError::stage(NAME, "signatures poisoned by an earlier panic"))?;
        put_u64(&mut out.side, seq);
        for &h in &sig {
            put_u64(&mut out.side, h);
        }
        put_str(&mut out.side, &doc.id);
        for (band, part) in out.parts.iter_mut().enumerate() {
            put_u64(part, band_key(rows, &sig, band));
            put_u64(part, seq);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<MapOutput, StepError> {
        Ok(self.out.into_inner().unwrap_or_else(|e| e.into_inner()))
    }
}
