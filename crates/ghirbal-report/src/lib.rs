//! The run report: one self-contained HTML page (inline CSS, script and SVG; no network) that
//! shows what a run did: the funnel from records read to documents kept, removals per step and
//! reason, the distributions the steps measured with their thresholds drawn, and a sample of
//! the documents themselves, right to left, with struck lines and PII masks shown.
//!
//! The page is a template with the run's data in a JSON block that its script draws. Everything
//! in the page is a function of deterministic data (counts, histograms, the seeded sample, the
//! configuration), except one line, the `ghirbal-run` block, which holds what changes with the
//! thread count or an interruption (threads, wall time, seconds per step, outcome). With
//! `stable`, that block is `{}`, so two reports of equivalent runs are equal byte for byte.

mod data;

use ghirbal_core::{Observations, OBSERVATIONS_VERSION};
use serde_json::{Map, Value};
use std::io::Read;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("../assets/report.html");
const CSS: &str = include_str!("../assets/report.css");
const JS: &str = include_str!("../assets/report.js");

/// The data block is cut to this size by leaving samples out, so that the page stays under
/// 5 MB (the template, style and script are a few tens of kB) whatever the run.
pub const DATA_LIMIT_BYTES: usize = 4_500_000;

/// A decompressed `observations.json.zst` larger than this is refused: it would be a damaged
/// or hostile file (a real one is a few MB at most).
const OBSERVATIONS_MAX_BYTES: u64 = 256 << 20;

/// What a report is made of, as found in a run's output folder.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// `stats.json` as read (kept as JSON so that reports of older or newer runs still render).
    pub stats: Value,
    /// `config.toml`, the resolved configuration (empty when the folder has none).
    pub config_toml: String,
    /// `observations.json.zst`: histograms, labels and samples; `None` for runs that did not
    /// collect them.
    pub observations: Option<Observations>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{} is not a ghirbal output folder (no stats.json)", dir.display())]
    NotOutput { dir: PathBuf },
    #[error("{} is not the stats of a ghirbal run (no \"read\" count)", path.display())]
    NotStats { path: PathBuf },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not valid JSON: {source}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{} is larger than {} MB once decompressed: not an observations file", path.display(), OBSERVATIONS_MAX_BYTES >> 20)]
    TooLarge { path: PathBuf },
    #[error("{} has version {found}; this ghirbal reads version {OBSERVATIONS_VERSION}", path.display())]
    Version { path: PathBuf, found: u32 },
}

/// Reads a run's output folder: `stats.json` (required), `config.toml` and
/// `observations.json.zst` (both optional: older runs lack the latter).
pub fn load(dir: &Path) -> Result<ReportInput, ReportError> {
    let stats_path = dir.join("stats.json");
    if !stats_path.is_file() {
        return Err(ReportError::NotOutput {
            dir: dir.to_path_buf(),
        });
    }
    let text = std::fs::read(&stats_path).map_err(|source| ReportError::Read {
        path: stats_path.clone(),
        source,
    })?;
    let stats: Value = serde_json::from_slice(&text).map_err(|source| ReportError::Json {
        path: stats_path.clone(),
        source,
    })?;
    if stats.get("read").and_then(Value::as_u64).is_none() {
        return Err(ReportError::NotStats { path: stats_path });
    }
    let config_path = dir.join("config.toml");
    let config_toml = match std::fs::read_to_string(&config_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ReportError::Read {
                path: config_path,
                source,
            })
        }
    };
    let obs_path = dir.join("observations.json.zst");
    let observations = if obs_path.is_file() {
        Some(read_observations(&obs_path)?)
    } else {
        None
    };
    Ok(ReportInput {
        stats,
        config_toml,
        observations,
    })
}

fn read_observations(path: &Path) -> Result<Observations, ReportError> {
    let read_err = |source| ReportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let decoder = zstd::Decoder::new(file).map_err(read_err)?;
    let mut bytes = Vec::new();
    decoder
        .take(OBSERVATIONS_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > OBSERVATIONS_MAX_BYTES {
        return Err(ReportError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    // The version first, so that a newer file says so rather than failing on a field.
    let version = serde_json::from_slice::<VersionOnly>(&bytes)
        .map_err(|source| ReportError::Json {
            path: path.to_path_buf(),
            source,
        })?
        .version;
    if version != OBSERVATIONS_VERSION {
        return Err(ReportError::Version {
            path: path.to_path_buf(),
            found: version,
        });
    }
    serde_json::from_slice(&bytes).map_err(|source| ReportError::Json {
        path: path.to_path_buf(),
        source,
    })
}

#[derive(serde::Deserialize)]
struct VersionOnly {
    version: u32,
}

/// The report of one run.
pub fn render(input: &ReportInput, stable: bool) -> String {
    let mut data = data::run_data(input);
    data.insert("samples".into(), Value::Array(Vec::new()));
    let samples = fit_samples(input, escaped_len(&Value::Object(data.clone())));
    data.insert("samples".into(), Value::Array(samples));
    let run = if stable {
        Value::Object(Map::new())
    } else {
        data::run_block(input)
    };
    page(&Value::Object(data), &run)
}

/// Run A beside run B, for tuning: removal rates per reason, the change in kept documents, the
/// histograms overlaid and both configurations; the samples are A's.
pub fn render_against(a: &ReportInput, b: &ReportInput, stable: bool) -> String {
    let mut data_a = data::run_data(a);
    data_a.insert("samples".into(), Value::Array(Vec::new()));
    let data_b = data::run_data(b);
    let whole = |a: &Map<String, Value>| {
        let mut m = Map::new();
        m.insert("compare".into(), Value::Bool(true));
        m.insert("a".into(), Value::Object(a.clone()));
        m.insert("b".into(), Value::Object(data_b.clone()));
        Value::Object(m)
    };
    let samples = fit_samples(a, escaped_len(&whole(&data_a)));
    data_a.insert("samples".into(), Value::Array(samples));
    let run = if stable {
        Value::Object(Map::new())
    } else {
        let mut m = Map::new();
        m.insert("a".into(), data::run_block(a));
        m.insert("b".into(), data::run_block(b));
        Value::Object(m)
    };
    page(&whole(&data_a), &run)
}

/// The samples of `input` as JSON, leaving out as many as needed for the data block to stay
/// under [`DATA_LIMIT_BYTES`]: each time the sample with the largest hash of the reservoir
/// holding the most samples (the first such in order), so the choice is deterministic and
/// every reason keeps samples as long as possible. `base_len` is the escaped size of the data
/// with an empty list of samples.
fn fit_samples(input: &ReportInput, base_len: usize) -> Vec<Value> {
    let Some(obs) = &input.observations else {
        return Vec::new();
    };
    let mut groups: Vec<Vec<(Value, usize)>> = data::samples(obs)
        .iter()
        .map(|g| {
            g.iter()
                .map(|s| {
                    let v = data::sample_json(s);
                    let n = escaped_len(&v);
                    (v, n)
                })
                .collect()
        })
        .collect();
    // The compact serialization of an array is its items joined by commas, and escaping never
    // spans two items, so the size is known without serializing again.
    let mut total = base_len + groups.iter().flatten().map(|(_, n)| n + 1).sum::<usize>();
    while total > DATA_LIMIT_BYTES {
        let Some(largest) = groups
            .iter_mut()
            .filter(|g| !g.is_empty())
            .rev()
            .max_by_key(|g| g.len())
        else {
            break;
        };
        // Reservoirs are in hash order: the last has the largest hash.
        if let Some((_, n)) = largest.pop() {
            total -= n + 1;
        }
    }
    groups.into_iter().flatten().map(|(v, _)| v).collect()
}

fn escaped_len(v: &Value) -> usize {
    escape_json_for_script(&v.to_string()).len()
}

/// JSON made safe inside `<script type="application/json">`: no `</` (it would end the
/// element), no `<!--` (it would change how the HTML parser reads the rest of the script), and
/// no U+2028/U+2029 (line terminators in older JavaScript). All of these occur only inside JSON
/// strings, where the replacements are valid escapes that `JSON.parse` reads back unchanged.
/// (`<!--` becomes `\u003c!--` rather than `<\!--`: `\!` is not a JSON escape.)
pub fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut rest = json;
    while let Some(i) = rest.find(['<', '\u{2028}', '\u{2029}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        rest = if let Some(after) = tail.strip_prefix("</") {
            out.push_str("<\\/");
            after
        } else if let Some(after) = tail.strip_prefix("<!--") {
            out.push_str("\\u003c!--");
            after
        } else if let Some(after) = tail.strip_prefix('\u{2028}') {
            out.push_str("\\u2028");
            after
        } else if let Some(after) = tail.strip_prefix('\u{2029}') {
            out.push_str("\\u2029");
            after
        } else {
            out.push('<');
            &tail[1..]
        };
    }
    out.push_str(rest);
    out
}

/// Fills the template's fixed placeholders in one pass, so nothing inserted (corpus text in
/// the data, say) is ever read as a placeholder itself.
fn page(data: &Value, run: &Value) -> String {
    let data = escape_json_for_script(&data.to_string());
    let run = escape_json_for_script(&run.to_string());
    let mut out = String::with_capacity(TEMPLATE.len() + CSS.len() + JS.len() + data.len());
    let mut rest = TEMPLATE;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let value = match &after[..end] {
            "CSS" => Some(CSS),
            "JS" => Some(JS),
            "DATA" => Some(data.as_str()),
            "RUN" => Some(run.as_str()),
            _ => None,
        };
        match value {
            Some(v) => {
                out.push_str(v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
