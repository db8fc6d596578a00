//! Toy step types for the pipeline's tests, so that the pipeline is tested without compiling a
//! real step. Shared by the unit tests (`src/lib.rs` includes this file) and the integration
//! tests (`mod toy;`).
//!
//! - `length`: removes documents shorter than `min_chars` characters (`too_short`).
//! - `phrases`: reads `phrases_file` when built (a file option a step reads).
//! - `profiled`: `profile` is a built-in name (`ar`) or a file to read.
//! - `index`: `against` (files read) and `save_index` (a file written); does nothing.
//! - `dedup`: a whole-corpus stage keeping the first document of each text.
//! - `marker`: has an `annotate` option, and appends `annotate` when it is set.
//! - `count`: keeps everything and counts its calls in the process ([`calls`]), so that a
//!   test sees how often a step ran.

// Each test binary uses only some of the toys.
#![allow(dead_code)]

use ghirbal_core::{
    Built, ConfigError, Cx, Document, Element, FileUse, OptionInfo, PathVisitor, Stage, Step,
    StepCatalog, StepError, StepInfo, Verdict,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Calls of every `count` step in this process.
static CALLS: AtomicU64 = AtomicU64::new(0);

/// How many times `count` steps have run in this process.
pub fn calls() -> u64 {
    CALLS.load(Ordering::Relaxed)
}

/// The toy step types.
pub struct Toys;

const TYPES: &[&str] = &[
    "length", "phrases", "profiled", "index", "dedup", "marker", "count",
];

/// Each type's options with their defaults (as TOML values).
const OPTIONS: &[(&str, &str, &str)] = &[
    ("length", "min_chars", "1"),
    ("phrases", "phrases_file", "\"\""),
    ("profiled", "profile", "\"ar\""),
    ("index", "against", "[]"),
    ("index", "save_index", "\"\""),
    ("marker", "annotate", "false"),
];

/// The options `name` takes, with their defaults.
fn defaults(name: &str) -> toml::Table {
    let text: String = OPTIONS
        .iter()
        .filter(|(t, _, _)| *t == name)
        .map(|(_, option, value)| format!("{option} = {value}\n"))
        .collect();
    toml::from_str(&text).unwrap_or_default()
}

impl StepCatalog for Toys {
    fn build(&self, index: usize, table: &toml::Table) -> Result<Built, ConfigError> {
        let known = TYPES.join(", ");
        let Some(name) = table.get("type").and_then(toml::Value::as_str) else {
            return Err(ConfigError::MissingType { index, known });
        };
        let Some(name) = TYPES.iter().copied().find(|t| *t == name) else {
            return Err(ConfigError::UnknownStep {
                index,
                name: name.to_string(),
                known,
            });
        };
        let bad = |message: String| ConfigError::BadOptions {
            index,
            name: name.to_string(),
            message,
        };
        let mut resolved = toml::Table::new();
        resolved.insert("type".into(), name.into());
        resolved.extend(defaults(name));
        for (key, value) in table.iter().filter(|(k, _)| *k != "type") {
            if !resolved.contains_key(key) {
                return Err(bad(format!("unknown field `{key}`")));
            }
            resolved.insert(key.clone(), value.clone());
        }
        let read = |option: &str| -> Result<(), ConfigError> {
            match resolved.get(option).and_then(toml::Value::as_str) {
                Some(path) if !path.is_empty() && (option != "profile" || path != "ar") => {
                    std::fs::read(path)
                        .map(drop)
                        .map_err(|e| bad(format!("{option} = \"{path}\": {e}")))
                }
                _ => Ok(()),
            }
        };
        let element = match name {
            "length" => Element::Step(Box::new(Length(
                resolved
                    .get("min_chars")
                    .and_then(toml::Value::as_integer)
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| bad("min_chars: expected a whole number".into()))?,
            ))),
            "phrases" => {
                read("phrases_file")?;
                Element::Step(Box::new(Pass("phrases")))
            }
            "profiled" => {
                read("profile")?;
                Element::Step(Box::new(Pass("profiled")))
            }
            "index" => Element::Step(Box::new(Pass("index"))),
            "count" => Element::Step(Box::new(Count)),
            "marker" => Element::Step(Box::new(Marker(
                resolved.get("annotate").and_then(toml::Value::as_bool) == Some(true),
            ))),
            _ => Element::Stage(Box::new(Dedup::default())),
        };
        Ok(Built { element, resolved })
    }

    fn visit_paths(
        &self,
        table: &mut toml::Table,
        f: &mut PathVisitor<'_>,
    ) -> Result<(), ConfigError> {
        let options: &[(&'static str, FileUse)] =
            match table.get("type").and_then(toml::Value::as_str) {
                Some("phrases") => &[("phrases_file", FileUse::Read)],
                Some("profiled") => &[("profile", FileUse::Read)],
                Some("index") => &[("against", FileUse::Read), ("save_index", FileUse::Write)],
                _ => &[],
            };
        for (option, used) in options {
            let values: Vec<&mut toml::Value> = match table.get_mut(*option) {
                Some(toml::Value::Array(items)) => items.iter_mut().collect(),
                Some(v) => vec![v],
                None => Vec::new(),
            };
            for v in values {
                if let toml::Value::String(s) = v {
                    // A built-in profile's name is no path.
                    if *option != "profile" || s != "ar" {
                        f(option, *used, s)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn step_types(&self) -> Vec<StepInfo> {
        TYPES
            .iter()
            .map(|name| StepInfo {
                name,
                kind: if *name == "dedup" { "stage" } else { "step" },
                summary: "a toy",
                options: OPTIONS
                    .iter()
                    .filter(|(t, _, _)| t == name)
                    .map(|(_, option, value)| OptionInfo {
                        name: option,
                        default: value.to_string(),
                        help: "",
                    })
                    .collect(),
                reasons: Vec::new(),
            })
            .collect()
    }
}

struct Length(usize);

impl Step for Length {
    fn name(&self) -> &'static str {
        "length"
    }
    fn process(&self, doc: &mut Document, _cx: &mut Cx) -> Result<Verdict, StepError> {
        let n = doc.text.chars().count();
        if n < self.0 {
            return Ok(Verdict::drop(
                "length",
                "too_short",
                format!("{n} < {}", self.0),
            ));
        }
        Ok(Verdict::Keep)
    }
}

/// A step that keeps everything.
struct Pass(&'static str);

impl Step for Pass {
    fn name(&self) -> &'static str {
        self.0
    }
    fn process(&self, _doc: &mut Document, _cx: &mut Cx) -> Result<Verdict, StepError> {
        Ok(Verdict::Keep)
    }
}

struct Count;

impl Step for Count {
    fn name(&self) -> &'static str {
        "count"
    }
    fn process(&self, _doc: &mut Document, _cx: &mut Cx) -> Result<Verdict, StepError> {
        CALLS.fetch_add(1, Ordering::Relaxed);
        Ok(Verdict::Keep)
    }
}

struct Marker(bool);

impl Step for Marker {
    fn name(&self) -> &'static str {
        "marker"
    }
    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        if self.0 {
            doc.text.push_str(" annotate");
            cx.count("marked", 1);
        }
        Ok(Verdict::Keep)
    }
}

/// Keeps the first document (by input position) of each text.
#[derive(Default)]
struct Dedup {
    first: Mutex<HashMap<String, u64>>,
}

impl Stage for Dedup {
    fn name(&self) -> &'static str {
        "dedup"
    }
    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let mut first = self
            .first
            .lock()
            .map_err(|_| StepError::stage("dedup", "poisoned"))?;
        let at = first.entry(doc.text.clone()).or_insert(seq);
        *at = (*at).min(seq);
        Ok(())
    }
    fn finish(&mut self) -> Result<(), StepError> {
        Ok(())
    }
    fn decide(&self, doc: &mut Document, seq: u64, _cx: &mut Cx) -> Result<Verdict, StepError> {
        let first = self
            .first
            .lock()
            .map_err(|_| StepError::stage("dedup", "poisoned"))?;
        match first.get(&doc.text) {
            Some(&at) if at < seq => Ok(Verdict::drop(
                "dedup",
                "duplicate",
                format!("same text as record {at}"),
            )),
            _ => Ok(Verdict::Keep),
        }
    }
}
