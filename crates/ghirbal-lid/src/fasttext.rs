//! Inference for fastText supervised models (the `.ftz`/`.bin` format, version 12), written for
//! ghirbal: the whole label distribution in one pass, no allocation per word, and hash maps
//! keyed for speed. It follows fastText's own algorithm (Joulin et al., 2016): the text is
//! split on whitespace and ended with `</s>`; each word adds its vocabulary row (if any) and
//! the rows of its character n-grams (`<word>` cut into minn..maxn characters, FNV-1a hashed
//! into buckets, remapped through the pruning index of a quantized model); word n-grams when
//! the model has them. The hidden vector is the mean of those rows; labels get probabilities
//! by hierarchical softmax (a Huffman tree over label counts) or softmax.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A model that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(String);

fn bad(msg: impl Into<String>) -> FormatError {
    FormatError(msg.into())
}

const MAGIC: i32 = 793_712_314;
const VERSION: i32 = 12;
const EOS: &[u8] = b"</s>";
const KSUB: usize = 256;

/// Reads little-endian values from a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| bad(format!("truncated model at byte {}", self.at)))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    fn i32(&mut self) -> Result<i32, FormatError> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i64(&mut self) -> Result<i64, FormatError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_le_bytes(a))
    }
    fn size32(&mut self) -> Result<usize, FormatError> {
        let v = self.i32()?;
        usize::try_from(v).map_err(|_| bad(format!("negative size {v}")))
    }
    fn size64(&mut self) -> Result<usize, FormatError> {
        let v = self.i64()?;
        usize::try_from(v).map_err(|_| bad(format!("negative size {v}")))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, FormatError> {
        let len = n.checked_mul(4).ok_or_else(|| bad("matrix too large"))?;
        Ok(self
            .take(len)?
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn cstring(&mut self) -> Result<&'a [u8], FormatError> {
        let rest = &self.bytes[self.at..];
        let len = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| bad("unterminated dictionary entry"))?;
        let s = &rest[..len];
        self.at += len + 1;
        Ok(s)
    }
}

/// Multiplicative hashing for integer and short byte keys.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

struct Quantizer {
    nsubq: usize,
    dsub: usize,
    lastdsub: usize,
    centroids: Vec<f32>,
}

impl Quantizer {
    fn read(r: &mut Reader<'_>) -> Result<Self, FormatError> {
        let dim = r.size32()?;
        let nsubq = r.size32()?;
        let dsub = r.size32()?;
        let lastdsub = r.size32()?;
        if nsubq == 0 || (nsubq - 1) * dsub + lastdsub != dim {
            return Err(bad("inconsistent product quantizer"));
        }
        let centroids = r.f32s(dim.checked_mul(KSUB).ok_or_else(|| bad("too large"))?)?;
        Ok(Self {
            nsubq,
            dsub,
            lastdsub,
            centroids,
        })
    }

    fn centroid(&self, m: usize, code: u8) -> &[f32] {
        let i = usize::from(code);
        if m == self.nsubq - 1 {
            let start = m * KSUB * self.dsub + i * self.lastdsub;
            &self.centroids[start..start + self.lastdsub]
        } else {
            let start = (m * KSUB + i) * self.dsub;
            &self.centroids[start..start + self.dsub]
        }
    }
}

enum Matrix {
    Dense {
        cols: usize,
        data: Vec<f32>,
    },
    Quantized {
        rows: usize,
        codes: Vec<u8>,
        pq: Quantizer,
        norms: Option<(Vec<u8>, Quantizer)>,
    },
}

impl Matrix {
    fn read_dense(r: &mut Reader<'_>) -> Result<Self, FormatError> {
        let rows = r.size64()?;
        let cols = r.size64()?;
        let data = r.f32s(rows.checked_mul(cols).ok_or_else(|| bad("too large"))?)?;
        Ok(Matrix::Dense { cols, data })
    }

    fn read_quantized(r: &mut Reader<'_>) -> Result<Self, FormatError> {
        let qnorm = r.u8()? != 0;
        let rows = r.size64()?;
        let _cols = r.size64()?;
        let codesize = r.size32()?;
        let codes = r.take(codesize)?.to_vec();
        let pq = Quantizer::read(r)?;
        if codes.len() < rows * pq.nsubq {
            return Err(bad("too few codes in quantized matrix"));
        }
        let norms = if qnorm {
            let norm_codes = r.take(rows)?.to_vec();
            Some((norm_codes, Quantizer::read(r)?))
        } else {
            None
        };
        Ok(Matrix::Quantized {
            rows,
            codes,
            pq,
            norms,
        })
    }

    fn rows(&self) -> usize {
        match self {
            Matrix::Dense { cols, data } => data.len() / (*cols).max(1),
            Matrix::Quantized { rows, .. } => *rows,
        }
    }

    /// The width of a row, when the matrix is consistent.
    fn dim(&self) -> Option<usize> {
        match self {
            Matrix::Dense { cols, .. } => Some(*cols),
            Matrix::Quantized { pq, norms, .. } => {
                let dim = (pq.nsubq - 1) * pq.dsub + pq.lastdsub;
                match norms {
                    Some((_, npq)) if npq.lastdsub == 0 && npq.nsubq == 1 => None,
                    _ => Some(dim),
                }
            }
        }
    }

    fn norm(norms: &Option<(Vec<u8>, Quantizer)>, row: usize) -> f32 {
        match norms {
            Some((codes, npq)) => npq.centroid(0, codes[row])[0],
            None => 1.0,
        }
    }

    /// x += row
    fn add_row(&self, x: &mut [f32], row: usize) {
        match self {
            Matrix::Dense { cols, data } => {
                for (xi, &v) in x.iter_mut().zip(&data[row * cols..(row + 1) * cols]) {
                    *xi += v;
                }
            }
            Matrix::Quantized {
                codes, pq, norms, ..
            } => {
                let alpha = Self::norm(norms, row);
                let codes = &codes[row * pq.nsubq..(row + 1) * pq.nsubq];
                for (m, &code) in codes.iter().enumerate() {
                    let c = pq.centroid(m, code);
                    let base = m * pq.dsub;
                    for (xi, &v) in x[base..base + c.len()].iter_mut().zip(c) {
                        *xi += alpha * v;
                    }
                }
            }
        }
    }

    fn dot_row(&self, x: &[f32], row: usize) -> f32 {
        match self {
            Matrix::Dense { cols, data } => data[row * cols..(row + 1) * cols]
                .iter()
                .zip(x)
                .map(|(a, b)| a * b)
                .sum(),
            Matrix::Quantized {
                codes, pq, norms, ..
            } => {
                let alpha = Self::norm(norms, row);
                let codes = &codes[row * pq.nsubq..(row + 1) * pq.nsubq];
                let mut s = 0.0;
                for (m, &code) in codes.iter().enumerate() {
                    let c = pq.centroid(m, code);
                    let base = m * pq.dsub;
                    s += x[base..base + c.len()]
                        .iter()
                        .zip(c)
                        .map(|(a, b)| a * b)
                        .sum::<f32>();
                }
                s * alpha
            }
        }
    }
}

/// A node of the hierarchical-softmax tree: children of internal nodes.
#[derive(Clone, Copy)]
struct Node {
    left: usize,
    right: usize,
}

/// A fastText supervised model, ready to predict.
pub struct Model {
    dim: usize,
    minn: usize,
    maxn: usize,
    bucket: u32,
    word_ngrams: usize,
    nwords: usize,
    words: FastMap<Box<[u8]>, u32>,
    /// Input rows of each vocabulary word: itself and its character n-grams.
    subwords: Vec<Box<[u32]>>,
    labels: Vec<String>,
    /// Bucket to row remapping of a pruned (quantized) model; `None` when not pruned.
    prune: Option<FastMap<u32, u32>>,
    input: Matrix,
    output: Matrix,
    /// Hierarchical softmax tree (internal nodes from index `labels.len()`), or softmax.
    tree: Option<Vec<Node>>,
}

impl Model {
    /// Reads a model from the bytes of a `.bin` or `.ftz` file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
        let mut r = Reader { bytes, at: 0 };
        if r.i32()? != MAGIC {
            return Err(bad("not a fastText model (magic number)"));
        }
        let version = r.i32()?;
        if version != VERSION {
            return Err(bad(format!(
                "fastText format version {version}, not {VERSION}"
            )));
        }
        let dim = r.size32()?;
        let _ws = r.i32()?;
        let _epoch = r.i32()?;
        let _min_count = r.i32()?;
        let _neg = r.i32()?;
        let word_ngrams = r.size32()?;
        let loss = r.i32()?;
        let model = r.i32()?;
        let bucket = u32::try_from(r.i32()?).map_err(|_| bad("negative bucket count"))?;
        let minn = r.size32()?;
        let maxn = r.size32()?;
        let _lr_update_rate = r.i32()?;
        let _t = r.take(8)?;
        if model != 3 {
            return Err(bad("not a supervised model"));
        }

        let size = r.size32()?;
        let nwords = r.size32()?;
        let nlabels = r.size32()?;
        let _ntokens = r.i64()?;
        let prune_size = r.i64()?;
        let mut words = FastMap::default();
        let mut word_list: Vec<&[u8]> = Vec::with_capacity(nwords);
        let mut labels = Vec::with_capacity(nlabels);
        let mut label_counts = Vec::with_capacity(nlabels);
        for _ in 0..size {
            let entry = r.cstring()?;
            let count = r.i64()?;
            match r.u8()? {
                0 => {
                    let id = u32::try_from(word_list.len()).map_err(|_| bad("too many words"))?;
                    words.insert(Box::<[u8]>::from(entry), id);
                    word_list.push(entry);
                }
                1 => {
                    let label = String::from_utf8_lossy(entry);
                    labels.push(
                        label
                            .strip_prefix("__label__")
                            .unwrap_or(&label)
                            .to_string(),
                    );
                    label_counts.push(count);
                }
                t => return Err(bad(format!("unknown dictionary entry type {t}"))),
            }
        }
        if word_list.len() != nwords || labels.len() != nlabels || nlabels == 0 {
            return Err(bad("dictionary sizes do not match its header"));
        }
        let prune = if prune_size >= 0 {
            let mut map = FastMap::default();
            for _ in 0..prune_size {
                let from = u32::try_from(r.i32()?).map_err(|_| bad("bad pruning index"))?;
                let to = u32::try_from(r.i32()?).map_err(|_| bad("bad pruning index"))?;
                map.insert(from, to);
            }
            Some(map)
        } else {
            None
        };

        let quant = r.u8()? != 0;
        let input = if quant {
            Matrix::read_quantized(&mut r)?
        } else {
            Matrix::read_dense(&mut r)?
        };
        let qout = r.u8()? != 0;
        let output = if quant && qout {
            Matrix::read_quantized(&mut r)?
        } else {
            Matrix::read_dense(&mut r)?
        };
        if output.rows() < nlabels {
            return Err(bad("output matrix smaller than the label set"));
        }

        let mut m = Model {
            dim,
            minn,
            maxn,
            bucket,
            word_ngrams,
            nwords,
            words,
            subwords: Vec::new(),
            labels,
            prune,
            input,
            output,
            tree: None,
        };
        let mut subwords = Vec::with_capacity(nwords);
        let mut buf = Vec::new();
        for (id, w) in word_list.iter().enumerate() {
            let mut rows = vec![id as u32];
            if *w != EOS {
                buf.clear();
                m.char_ngrams(w, &mut |row| rows.push(row), &mut buf);
            }
            subwords.push(rows.into_boxed_slice());
        }
        m.subwords = subwords;
        match loss {
            1 => m.tree = Some(huffman(&label_counts)),
            3 => {}
            other => return Err(bad(format!("unsupported loss {other}"))),
        }
        let max_row = m.input.rows();
        let bucket_rows = match &m.prune {
            Some(map) => map.values().map(|&v| v as usize + 1).max().unwrap_or(0),
            None => m.bucket as usize,
        };
        if m.subwords.iter().flatten().any(|&r| r as usize >= max_row)
            || nwords + bucket_rows > max_row
        {
            return Err(bad("input row out of range"));
        }
        if m.input.dim() != Some(dim) || m.output.dim() != Some(dim) {
            return Err(bad("matrix width differs from the model dimension"));
        }
        Ok(m)
    }

    /// The labels, in the order of [`Model::predict`]'s probabilities.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    fn bucket_row(&self, hash: u32) -> Option<u32> {
        let b = hash % self.bucket;
        let row = match &self.prune {
            Some(map) => *map.get(&b)?,
            None => b,
        };
        Some(self.nwords as u32 + row)
    }

    /// Calls `f` with the input row of each character n-gram of `word` (`<word>`).
    fn char_ngrams(&self, word: &[u8], f: &mut impl FnMut(u32), buf: &mut Vec<u8>) {
        if self.maxn == 0 {
            return;
        }
        buf.clear();
        buf.push(b'<');
        buf.extend_from_slice(word);
        buf.push(b'>');
        let w = &buf[..];
        for i in 0..w.len() {
            if w[i] & 0xC0 == 0x80 {
                continue;
            }
            let mut h: u32 = 2_166_136_261;
            let mut j = i;
            let mut n = 1;
            while j < w.len() && n <= self.maxn {
                h = (h ^ (w[j] as i8 as u32)).wrapping_mul(16_777_619);
                j += 1;
                while j < w.len() && w[j] & 0xC0 == 0x80 {
                    h = (h ^ (w[j] as i8 as u32)).wrapping_mul(16_777_619);
                    j += 1;
                }
                if n >= self.minn && !(n == 1 && (i == 0 || j == w.len())) {
                    if let Some(row) = self.bucket_row(h) {
                        f(row);
                    }
                }
                n += 1;
            }
        }
    }

    /// The probability of every label for `text`, in `probs` (resized to the label count);
    /// false when the text has no token.
    pub fn predict(&self, text: &str, probs: &mut Vec<f32>) -> bool {
        let mut hidden = vec![0.0f32; self.dim];
        let mut count = 0usize;
        let mut buf = Vec::with_capacity(64);
        let mut word_hashes: Vec<u32> = Vec::new();
        let tokens = text
            .split([' ', '\n', '\t', '\r', '\u{b}', '\u{c}', '\0'])
            .filter(|t| !t.is_empty())
            .map(str::as_bytes)
            .chain(std::iter::once(EOS));
        for token in tokens {
            match self.words.get(token) {
                Some(&id) => {
                    for &row in self.subwords[id as usize].iter() {
                        self.input.add_row(&mut hidden, row as usize);
                        count += 1;
                    }
                }
                None => {
                    let input = &self.input;
                    let hidden = &mut hidden;
                    let count = &mut count;
                    self.char_ngrams(
                        token,
                        &mut |row| {
                            input.add_row(hidden, row as usize);
                            *count += 1;
                        },
                        &mut buf,
                    );
                }
            }
            if self.word_ngrams > 1 {
                word_hashes.push(fnv(token));
            }
        }
        if self.word_ngrams > 1 {
            for i in 0..word_hashes.len() {
                let mut h = u64::from(word_hashes[i]);
                for &next in word_hashes.iter().take(i + self.word_ngrams).skip(i + 1) {
                    h = h.wrapping_mul(116_049_371).wrapping_add(u64::from(next));
                    if let Some(row) = self.bucket_row((h % u64::from(self.bucket)) as u32) {
                        self.input.add_row(&mut hidden, row as usize);
                        count += 1;
                    }
                }
            }
        }
        if count == 0 {
            return false;
        }
        let inv = 1.0 / count as f32;
        hidden.iter_mut().for_each(|x| *x *= inv);
        let n = self.labels.len();
        probs.clear();
        probs.resize(n, 0.0);
        match &self.tree {
            Some(tree) => {
                // Every leaf's probability: the product of the sigmoids along its path.
                let mut stack = vec![(2 * n - 2, 0.0f32)];
                while let Some((node, logp)) = stack.pop() {
                    if node < n {
                        probs[node] = logp.exp();
                        continue;
                    }
                    let f = sigmoid(self.output.dot_row(&hidden, node - n));
                    stack.push((tree[node].left, logp + std_log(1.0 - f)));
                    stack.push((tree[node].right, logp + std_log(f)));
                }
            }
            None => {
                let mut max = f32::NEG_INFINITY;
                for (i, p) in probs.iter_mut().enumerate() {
                    *p = self.output.dot_row(&hidden, i);
                    max = max.max(*p);
                }
                let mut z = 0.0;
                for p in probs.iter_mut() {
                    *p = (*p - max).exp();
                    z += *p;
                }
                probs.iter_mut().for_each(|p| *p /= z);
            }
        }
        true
    }
}

fn fnv(word: &[u8]) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for &b in word {
        h = (h ^ (b as i8 as u32)).wrapping_mul(16_777_619);
    }
    h
}

/// fastText's `std_log`: log with a floor, so that a zero sigmoid stays finite.
fn std_log(x: f32) -> f32 {
    (x + 1e-5).ln()
}

fn sigmoid(x: f32) -> f32 {
    if x < -8.0 {
        0.0
    } else if x > 8.0 {
        1.0
    } else {
        1.0 / (1.0 + (-x).exp())
    }
}

/// fastText's Huffman tree over label counts (counts sorted in decreasing order in the model).
fn huffman(counts: &[i64]) -> Vec<Node> {
    let osz = counts.len();
    let size = 2 * osz - 1;
    let mut count = vec![i64::MAX; size];
    count[..osz].copy_from_slice(counts);
    let mut tree = vec![
        Node {
            left: usize::MAX,
            right: usize::MAX,
        };
        size
    ];
    let mut leaf = osz as isize - 1;
    let mut node = osz;
    for i in osz..size {
        let mut mini = [0usize; 2];
        for slot in &mut mini {
            if leaf >= 0 && count[leaf as usize] < count[node] {
                *slot = leaf as usize;
                leaf -= 1;
            } else {
                *slot = node;
                node += 1;
            }
        }
        tree[i] = Node {
            left: mini[0],
            right: mini[1],
        };
        count[i] = count[mini[0]].saturating_add(count[mini[1]]);
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model::from_bytes(crate::MODEL_BYTES).expect("the embedded model reads")
    }

    #[test]
    fn reads_lid176_and_predicts() {
        let m = model();
        assert_eq!(m.labels().len(), 176);
        let mut probs = Vec::new();
        assert!(m.predict("the weather is nice today", &mut probs));
        let sum: f32 = probs.iter().sum();
        assert!((sum - 1.0).abs() < 0.01, "{sum}");
        let best = probs
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| m.labels()[i].as_str());
        assert_eq!(best, Some("en"));
    }

    #[test]
    fn damaged_models_are_errors_not_panics() {
        for cut in [0, 3, 8, 60, 1000, crate::MODEL_BYTES.len() / 2] {
            assert!(
                Model::from_bytes(&crate::MODEL_BYTES[..cut]).is_err(),
                "{cut}"
            );
        }
        assert!(Model::from_bytes(b"not a model at all").is_err());
    }
}
