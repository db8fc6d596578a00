//! What the page's script draws, as JSON: the deterministic part of a run (counts, the
//! histograms with their limits, label counts, samples, the configuration) and, apart, the
//! volatile part (threads, wall time, seconds per step), so the first can be compared byte for
//! byte between runs that differ only in thread count or in having been resumed.

use crate::ReportInput;
use ghirbal_core::{BottomK, Observations, Sample};
use serde_json::{json, Map, Value};

/// Top-level fields of `stats.json` that are the same for any thread count and after a resume.
const STABLE_FIELDS: &[&str] = &[
    "ghirbal_version",
    "read",
    "kept",
    "removed",
    "rejected",
    "skipped",
    "skipped_by_reason",
    "bytes_read",
    "bytes_kept",
    "rejected_by_error",
    "inputs",
    "empty_inputs",
    "json_inputs",
    "skipped_files",
];

/// Fields of each step in `stats.json` that are deterministic (`seconds` is not).
const STABLE_STEP_FIELDS: &[&str] = &[
    "name",
    "kind",
    "docs_in",
    "docs_out",
    "removed",
    "errors",
    "counters",
    "bytes_in",
    "bytes_out",
];

/// Top-level fields of `stats.json` that change with threads, timing or interruptions.
const VOLATILE_FIELDS: &[&str] = &[
    "threads",
    "wall_seconds",
    "outcome",
    "resumed_from_record",
    "observation_passes",
    "spool_bytes",
];

/// One sample as the page shows it, with the reservoir it came from.
pub(crate) struct PageSample {
    /// `kept`, `removed` or `rejected`.
    pub kind: &'static str,
    /// `step/code` for removals, the error code for rejections, empty for kept documents.
    pub reason: String,
    pub sample: Sample,
}

/// The deterministic data of one run, before samples are added (they are sized separately).
pub(crate) fn run_data(input: &ReportInput) -> Map<String, Value> {
    let mut out = Map::new();
    if let Value::Object(stats) = &input.stats {
        for key in STABLE_FIELDS {
            if let Some(v) = stats.get(*key) {
                out.insert((*key).to_string(), bounded(key, v));
            }
        }
    }
    let steps = steps(input);
    out.insert("steps".into(), Value::Array(steps));
    match &input.observations {
        Some(obs) => {
            out.insert("observed".into(), Value::Bool(true));
            out.insert("length".into(), length(obs));
            out.insert("seen".into(), seen(obs));
        }
        None => {
            out.insert("observed".into(), Value::Bool(false));
        }
    }
    out.insert(
        "config".into(),
        Value::String(config_parts(&input.config_toml).0),
    );
    out.insert("masks".into(), json!(masks(&input.config_toml)));
    out
}

/// The placeholders the run's `pii` steps write for the kinds they mask, read from the
/// resolved configuration (the page highlights them in the samples); none when it cannot be
/// read.
fn masks(config_toml: &str) -> Vec<String> {
    let Ok(config) = config_toml.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let steps = config.get("steps").and_then(toml::Value::as_array);
    for step in steps
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
    {
        if step.get("type").and_then(toml::Value::as_str) != Some("pii") {
            continue;
        }
        let Some(placeholders) = step.get("placeholders").and_then(toml::Value::as_table) else {
            continue;
        };
        for (kind, text) in placeholders {
            let on = step
                .get(kind)
                .and_then(toml::Value::as_bool)
                .unwrap_or(true);
            if let (true, Some(text)) = (on, text.as_str()) {
                if !text.is_empty() && !out.iter().any(|t| t == text) {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

/// Names listed per run (inputs, skipped files) kept on the page: a crawl of a hundred
/// thousand WARC files would otherwise fill it. The page shows a few and the count.
const LIST_LIMIT: usize = 50;

/// `v` with at most [`LIST_LIMIT`] entries when it is a list of inputs or files, and the whole
/// count beside them (`inputs` becomes `{"first": [...], "count": N}`).
fn bounded(key: &str, v: &Value) -> Value {
    match v {
        Value::Array(a) if key != "skipped_by_reason" => json!({
            "first": a.iter().take(LIST_LIMIT).collect::<Vec<_>>(),
            "count": a.len(),
        }),
        Value::Object(m) if key == "json_inputs" => json!({
            "first": m.iter().take(LIST_LIMIT).map(|(k, v)| (k.clone(), v.clone())).collect::<Map<_, _>>(),
            "count": m.len(),
        }),
        _ => v.clone(),
    }
}

/// The configuration without its `# Command:` comment, and that comment: the command line
/// holds the thread count and the output path, which do not change what the run does.
fn config_parts(text: &str) -> (String, Option<String>) {
    let mut stable = String::with_capacity(text.len());
    let mut command = None;
    for line in text.split_inclusive('\n') {
        match line.strip_prefix(COMMAND_COMMENT) {
            Some(c) if command.is_none() => command = Some(c.trim().to_string()),
            _ => stable.push_str(line),
        }
    }
    (stable, command)
}

/// How `config.toml` records the command that made the run.
const COMMAND_COMMENT: &str = "# Command:";

/// Each step's counts, with its metrics and labels when the run observed them. The
/// observations' elements run parallel to the stats' steps; matched by position, and by name
/// as a check (a mismatch leaves the step without charts rather than drawing the wrong ones).
fn steps(input: &ReportInput) -> Vec<Value> {
    let stat_steps = input
        .stats
        .get("steps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    stat_steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut s = Map::new();
            for key in STABLE_STEP_FIELDS {
                if let Some(v) = step.get(*key) {
                    s.insert((*key).to_string(), v.clone());
                }
            }
            let element = input.observations.as_ref().and_then(|o| o.elements.get(i));
            let name = step.get("name").and_then(Value::as_str).unwrap_or_default();
            if let Some(e) = element.filter(|e| e.name == name) {
                let metrics: Vec<Value> = e
                    .metrics
                    .iter()
                    .map(|m| {
                        json!({
                            "key": m.metric.key,
                            "label": m.metric.label,
                            "scale": m.metric.scale,
                            "edges": m.metric.scale.edges(),
                            "limits": m.metric.limits,
                            "counts": m.hist.counts,
                            "under": m.hist.under,
                            "over": m.hist.over,
                            "nan": m.hist.nan,
                            "total": m.hist.total(),
                        })
                    })
                    .collect();
                s.insert("metrics".into(), Value::Array(metrics));
                s.insert("labels".into(), json!(e.labels));
            }
            Value::Object(s)
        })
        .collect()
}

fn length(obs: &Observations) -> Value {
    let scale = ghirbal_core::Scale::COUNT;
    json!({
        "scale": scale,
        "edges": scale.edges(),
        "kept": obs.length_kept,
        "removed": obs.length_removed,
    })
}

/// How many documents each reservoir was offered, so the page can say "8 of 1,234".
fn seen(obs: &Observations) -> Value {
    let mut m = Map::new();
    m.insert("kept".into(), json!(obs.kept.seen));
    for (k, b) in &obs.removed {
        m.insert(format!("removed:{k}"), json!(b.seen));
    }
    for (k, b) in &obs.rejected {
        m.insert(format!("rejected:{k}"), json!(b.seen));
    }
    Value::Object(m)
}

/// Every sample of a run, in a fixed order: what was thrown away first (removals in pipeline
/// order, a step's reasons by code), then rejections by error code, then kept documents; each
/// reservoir in hash order.
pub(crate) fn samples(obs: &Observations) -> Vec<Vec<PageSample>> {
    let take = |kind: &'static str, reason: &str, b: &BottomK| -> Vec<PageSample> {
        b.items
            .iter()
            .map(|s| PageSample {
                kind,
                reason: reason.to_string(),
                sample: s.clone(),
            })
            .collect()
    };
    let position = |key: &str| {
        let step = key.split('/').next().unwrap_or(key);
        obs.elements
            .iter()
            .position(|e| e.name == step)
            .unwrap_or(usize::MAX)
    };
    let mut removed: Vec<(&String, &BottomK)> = obs.removed.iter().collect();
    removed.sort_by_key(|(k, _)| (position(k), k.as_str()));
    let mut out: Vec<Vec<PageSample>> = removed
        .into_iter()
        .map(|(k, b)| take("removed", k, b))
        .collect();
    out.extend(obs.rejected.iter().map(|(k, b)| take("rejected", k, b)));
    out.push(take("kept", "", &obs.kept));
    out
}

pub(crate) fn sample_json(p: &PageSample) -> Value {
    let s = &p.sample;
    json!({
        "kind": p.kind,
        "reason": p.reason,
        "id": s.id,
        "input": s.input,
        "line": s.line,
        "text": s.text,
        "truncated_from": s.truncated_from,
        "step": s.step,
        "code": s.code,
        "detail": s.detail,
        "marks": s.marks,
    })
}

/// The volatile part of a run: what the page shows as the run's identity and timing, kept out
/// of the deterministic data.
pub(crate) fn run_block(input: &ReportInput) -> Value {
    let mut out = Map::new();
    if let Value::Object(stats) = &input.stats {
        for key in VOLATILE_FIELDS {
            if let Some(v) = stats.get(*key) {
                out.insert((*key).to_string(), v.clone());
            }
        }
    }
    let seconds: Vec<Value> = input
        .stats
        .get("steps")
        .and_then(Value::as_array)
        .map(|steps| {
            steps
                .iter()
                .map(|s| s.get("seconds").cloned().unwrap_or(Value::Null))
                .collect()
        })
        .unwrap_or_default();
    out.insert("step_seconds".into(), Value::Array(seconds));
    if let Some(command) = config_parts(&input.config_toml).1 {
        out.insert("command".into(), Value::String(command));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_are_the_placeholders_of_the_kinds_pii_masks() {
        let config = r#"
version = 1
[[steps]]
type = "pii"
email = true
phone = false

[steps.placeholders]
email = "[بريد]"
phone = "<PHONE>"
ip = ""

[[steps]]
type = "length"
"#;
        assert_eq!(super::masks(config), ["[بريد]"]);
        assert!(super::masks("not toml [").is_empty());
    }
}
