//! The registry of step types: building a step from its configuration table (with every option
//! resolved to its value, for `OUT/config.toml`), the catalog shown by `ghirbal steps`, and the
//! embedded presets.

use ghirbal_core::{Element, OptionInfo, StepInfo};
use serde::{de::DeserializeOwned, Serialize};

/// A configuration error in one step's table.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("step #{index}: missing `type` (one of: {known})")]
    MissingType { index: usize, known: String },
    #[error("step #{index}: unknown step type \"{name}\" (one of: {known}; `ghirbal steps` lists them with their options)")]
    UnknownStep {
        index: usize,
        name: String,
        known: String,
    },
    #[error("step #{index} ({name}): {message}")]
    BadOptions {
        index: usize,
        name: String,
        message: String,
    },
}

/// A built step and its options with every default filled in.
pub struct Built {
    pub element: Element,
    pub resolved: toml::Table,
}

/// One step type: its description and how to build it.
struct StepType {
    info: fn() -> StepInfo,
    build: fn(usize, toml::Table) -> Result<Built, ConfigError>,
}

const STEP_TYPES: &[StepType] = &[
    StepType {
        info: crate::normalize::info,
        build: crate::normalize::build,
    },
    StepType {
        info: crate::boilerplate::info,
        build: crate::boilerplate::build,
    },
    StepType {
        info: crate::lid::info,
        build: crate::lid::build,
    },
    StepType {
        info: crate::length::info,
        build: crate::length::build,
    },
    StepType {
        info: crate::exact_dedup::info,
        build: crate::exact_dedup::build,
    },
    StepType {
        info: crate::pii::info,
        build: crate::pii::build,
    },
    StepType {
        info: crate::minhash_dedup::info,
        build: crate::minhash_dedup::build,
    },
    StepType {
        info: crate::quality::gopher_repetition::info,
        build: crate::quality::gopher_repetition::build,
    },
    StepType {
        info: crate::quality::gopher_quality::info,
        build: crate::quality::gopher_quality::build,
    },
    StepType {
        info: crate::quality::c4::info,
        build: crate::quality::c4::build,
    },
    StepType {
        info: crate::quality::fineweb::info,
        build: crate::quality::fineweb::build,
    },
];

fn known() -> String {
    STEP_TYPES
        .iter()
        .map(|t| (t.info)().name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds the `index`-th step (1-based, for messages) of a configuration from its table.
pub fn build(index: usize, table: &toml::Table) -> Result<Built, ConfigError> {
    let mut table = table.clone();
    let name = match table.remove("type") {
        Some(toml::Value::String(s)) => s,
        _ => {
            return Err(ConfigError::MissingType {
                index,
                known: known(),
            })
        }
    };
    let step_type = STEP_TYPES
        .iter()
        .find(|t| (t.info)().name == name)
        .ok_or_else(|| ConfigError::UnknownStep {
            index,
            name: name.clone(),
            known: known(),
        })?;
    (step_type.build)(index, table)
}

/// Sets `annotate = true` on every step whose type has that option, so that steps record
/// their measured values and line-level edits in metadata (`ghirbal run --annotate`, `ghirbal inspect`).
pub fn enable_annotations(steps: &mut [toml::Table]) {
    let catalog = catalog();
    for table in steps {
        let ty = table
            .get("type")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let has = catalog
            .iter()
            .any(|i| i.name == ty && i.options.iter().any(|o| o.name == "annotate"));
        if has {
            table.insert("annotate".into(), toml::Value::Boolean(true));
        }
    }
}

/// Every step type, for `ghirbal steps`.
pub fn catalog() -> Vec<StepInfo> {
    STEP_TYPES.iter().map(|t| (t.info)()).collect()
}

/// Parses a step's options (unknown options refused) and returns them with the resolved table.
pub(crate) fn options<T: DeserializeOwned + Serialize>(
    name: &'static str,
    index: usize,
    table: toml::Table,
) -> Result<(T, toml::Table), ConfigError> {
    let bad = |message: String| ConfigError::BadOptions {
        index,
        name: name.to_string(),
        message,
    };
    let opts: T = toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
    let mut resolved = toml::Table::new();
    resolved.insert("type".into(), toml::Value::String(name.to_string()));
    match toml::Value::try_from(&opts).map_err(|e| bad(e.to_string()))? {
        toml::Value::Table(t) => resolved.extend(t),
        other => return Err(bad(format!("options serialized as {other}"))),
    }
    Ok((opts, resolved))
}

/// Option descriptions with the defaults read from `T::default()`, so that the help and the
/// behaviour cannot drift apart.
pub(crate) fn option_infos<T: Default + Serialize>(
    help: &[(&'static str, &'static str)],
) -> Vec<OptionInfo> {
    let defaults = match toml::Value::try_from(T::default()) {
        Ok(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    help.iter()
        .map(|(name, help)| OptionInfo {
            name,
            default: defaults
                .get(*name)
                .map_or_else(|| "(none)".to_string(), ToString::to_string),
            help,
        })
        .collect()
}

/// Embedded presets: name, what it is for, and its configuration.
pub const PRESETS: &[(&str, &str, &str)] = &[
    (
        "default",
        "the recommended pipeline; grows as steps land",
        include_str!("presets/default.toml"),
    ),
    (
        "full",
        "the default pipeline plus MinHash near-duplicate removal (about 1 KB of memory per document)",
        include_str!("presets/full.toml"),
    ),
    (
        "arabic",
        "the default pipeline plus the quality filters with ghirbal's Arabic profile",
        include_str!("presets/arabic.toml"),
    ),
    (
        "fineweb2-arb",
        "FineWeb-2's Arabic quality filters as datatrove runs them, on the raw text (parity with datatrove)",
        include_str!("presets/fineweb2-arb.toml"),
    ),
    (
        "none",
        "no steps: read, account and write (format conversion, benchmarks)",
        include_str!("presets/none.toml"),
    ),
];

/// The configuration text of a preset.
pub fn preset(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|p| p.0 == name).map(|p| p.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_builds() {
        for (name, _, text) in PRESETS {
            let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            if let Some(toml::Value::Array(steps)) = table.get("steps") {
                for (i, s) in steps.iter().enumerate() {
                    let t = s
                        .as_table()
                        .unwrap_or_else(|| panic!("{name}: step {i} not a table"));
                    assert!(build(i + 1, t).is_ok(), "{name}: step {i}");
                }
            }
        }
    }

    #[test]
    fn unknown_type_and_option_are_refused() {
        let t: toml::Table = toml::from_str("type = \"nope\"").expect("toml");
        assert!(matches!(build(1, &t), Err(ConfigError::UnknownStep { .. })));
        let t: toml::Table = toml::from_str("type = \"length\"\nmin_charz = 3").expect("toml");
        let err = build(1, &t)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("min_charz"), "{err}");
    }

    #[test]
    fn resolved_options_carry_defaults() {
        let t: toml::Table = toml::from_str("type = \"length\"").expect("toml");
        let built = build(1, &t).expect("builds");
        assert!(built.resolved.contains_key("min_chars"));
    }
}
