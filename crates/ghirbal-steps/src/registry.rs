//! The registry of step types: the table of every type (its description, how to build it, and
//! which of its options name files), the [`Registry`] through which the pipeline builds steps
//! from their configuration tables, the catalog shown by `ghirbal steps`, and the embedded
//! presets. The helpers each step's `build` uses are in [`crate::options`], so the step modules
//! never import from here.

use crate::options::{Built, ConfigError, PathOption};
use ghirbal_core::{PathVisitor, StepCatalog, StepInfo};

/// One step type: its description, how to build it, and which of its options name files.
struct StepType {
    info: fn() -> StepInfo,
    build: fn(usize, toml::Table) -> Result<Built, ConfigError>,
    paths: &'static [PathOption],
}

const STEP_TYPES: &[StepType] = &[
    StepType {
        info: crate::extract::info,
        build: crate::extract::build,
        paths: &[],
    },
    StepType {
        info: crate::normalize::info,
        build: crate::normalize::build,
        paths: &[],
    },
    StepType {
        info: crate::boilerplate::info,
        build: crate::boilerplate::build,
        paths: crate::boilerplate::PATHS,
    },
    StepType {
        info: crate::lid::info,
        build: crate::lid::build,
        paths: &[],
    },
    StepType {
        info: crate::length::info,
        build: crate::length::build,
        paths: &[],
    },
    StepType {
        info: crate::dedup::exact::info,
        build: crate::dedup::exact::build,
        paths: &[],
    },
    StepType {
        info: crate::pii::info,
        build: crate::pii::build,
        paths: &[],
    },
    StepType {
        info: crate::dedup::minhash::info,
        build: crate::dedup::minhash::build,
        paths: crate::dedup::minhash::PATHS,
    },
    StepType {
        info: crate::quality::gopher_repetition::info,
        build: crate::quality::gopher_repetition::build,
        paths: crate::quality::PATHS,
    },
    StepType {
        info: crate::quality::gopher_quality::info,
        build: crate::quality::gopher_quality::build,
        paths: crate::quality::PATHS,
    },
    StepType {
        info: crate::quality::c4::info,
        build: crate::quality::c4::build,
        paths: crate::quality::PATHS,
    },
    StepType {
        info: crate::quality::fineweb::info,
        build: crate::quality::fineweb::build,
        paths: crate::quality::PATHS,
    },
];

fn known() -> String {
    STEP_TYPES
        .iter()
        .map(|t| (t.info)().name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn step_type(name: &str) -> Option<&'static StepType> {
    STEP_TYPES.iter().find(|t| (t.info)().name == name)
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
    let step_type = step_type(&name).ok_or_else(|| ConfigError::UnknownStep {
        index,
        name: name.clone(),
        known: known(),
    })?;
    (step_type.build)(index, table)
}

/// ghirbal's step types, as the pipeline sees them: what the `ghirbal` binary hands to the
/// configuration resolver, the executor and `inspect`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Registry;

impl StepCatalog for Registry {
    fn build(&self, index: usize, table: &toml::Table) -> Result<Built, ConfigError> {
        build(index, table)
    }

    fn visit_paths(
        &self,
        table: &mut toml::Table,
        f: &mut PathVisitor<'_>,
    ) -> Result<(), ConfigError> {
        let Some(step_type) = table
            .get("type")
            .and_then(toml::Value::as_str)
            .and_then(step_type)
        else {
            return Ok(());
        };
        for p in step_type.paths {
            let values: Vec<&mut toml::Value> = match table.get_mut(p.option) {
                Some(toml::Value::Array(items)) => items.iter_mut().collect(),
                Some(v) => vec![v],
                None => Vec::new(),
            };
            for v in values {
                if let toml::Value::String(s) = v {
                    if (p.is_path)(s) {
                        f(p.option, p.used, s)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn step_types(&self) -> Vec<StepInfo> {
        catalog()
    }
}

/// Every step type, for `ghirbal steps`.
pub fn catalog() -> Vec<StepInfo> {
    STEP_TYPES.iter().map(|t| (t.info)()).collect()
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
    use crate::options::FileUse;

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

    /// `ghirbal steps` shows each step's help table: it must name every option the step takes,
    /// and only options it takes (a renamed field would otherwise vanish from the help, or the
    /// help advertise an option the step refuses).
    #[test]
    fn every_help_table_names_exactly_its_options() {
        for info in catalog() {
            let mut t = toml::Table::new();
            t.insert("type".into(), toml::Value::String(info.name.to_string()));
            let built = build(1, &t).unwrap_or_else(|e| panic!("{}: {e}", info.name));
            let helped: Vec<&str> = info.options.iter().map(|o| o.name).collect();
            for key in built.resolved.keys().filter(|k| *k != "type") {
                assert!(
                    helped.contains(&key.as_str()),
                    "{}: option {key} is missing from its help table",
                    info.name
                );
            }
            for name in &helped {
                // An option without a default (an Option field) is absent from the resolved
                // table; it must still be a field the step accepts.
                if built.resolved.contains_key(*name) {
                    continue;
                }
                let probe: toml::Table =
                    toml::from_str(&format!("type = \"{}\"\n{name} = 1", info.name)).expect("toml");
                if let Err(e) = build(1, &probe) {
                    let msg = e.to_string();
                    assert!(
                        !msg.contains("unknown field"),
                        "{}: the help names {name}, which the step refuses: {msg}",
                        info.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_step_type_builds_with_its_defaults() {
        for info in catalog() {
            let mut t = toml::Table::new();
            t.insert("type".into(), toml::Value::String(info.name.to_string()));
            if let Err(e) = build(1, &t) {
                panic!("{}: {e}", info.name);
            }
        }
    }

    #[test]
    fn every_quality_filter_builds_with_every_builtin_profile() {
        for filter in [
            "gopher-repetition",
            "gopher-quality",
            "fineweb-quality",
            "c4-quality",
        ] {
            for profile in crate::quality::builtin_profiles() {
                let text = format!("type = \"{filter}\"\nprofile = \"{profile}\"");
                let t: toml::Table = toml::from_str(&text).expect("toml");
                if let Err(e) = build(1, &t) {
                    panic!("{filter} with {profile}: {e}");
                }
            }
        }
    }

    #[test]
    fn a_resolved_table_builds_again() {
        // OUT/config.toml holds the resolved tables: `--config OUT/config.toml` must accept them.
        for (name, _, text) in PRESETS {
            let table: toml::Table = toml::from_str(text).expect("preset TOML");
            if let Some(toml::Value::Array(steps)) = table.get("steps") {
                for (i, s) in steps.iter().enumerate() {
                    let t = s.as_table().expect("table");
                    let resolved = build(i + 1, t).expect("builds").resolved;
                    assert!(build(i + 1, &resolved).is_ok(), "{name}: step {i}");
                }
            }
        }
    }

    fn paths_of(text: &str) -> Vec<(&'static str, FileUse, String)> {
        let mut t: toml::Table = toml::from_str(text).expect("toml");
        let mut found = Vec::new();
        Registry
            .visit_paths(&mut t, &mut |option, used, value| {
                found.push((option, used, value.clone()));
                Ok(())
            })
            .expect("no error");
        found
    }

    #[test]
    fn steps_declare_their_file_options() {
        assert_eq!(
            paths_of("type = \"boilerplate\"\nextra_phrases_file = \"عبارات.txt\""),
            vec![(
                "extra_phrases_file",
                FileUse::Read,
                "عبارات.txt".to_string()
            )]
        );
        assert_eq!(
            paths_of("type = \"minhash-dedup\"\nagainst = [\"a.idx\", \"b.idx\"]\nsave_index = \"c.idx\""),
            vec![
                ("against", FileUse::Read, "a.idx".to_string()),
                ("against", FileUse::Read, "b.idx".to_string()),
                ("save_index", FileUse::Write, "c.idx".to_string()),
            ]
        );
        // A profile is a file only when it is not a built-in profile's name.
        assert_eq!(
            paths_of("type = \"gopher-quality\"\nprofile = \"ar\""),
            vec![]
        );
        assert_eq!(
            paths_of("type = \"fineweb-quality\"\nprofile = \"profiles/fa.toml\""),
            vec![("profile", FileUse::Read, "profiles/fa.toml".to_string())]
        );
        assert_eq!(paths_of("type = \"length\""), vec![]);
        assert_eq!(paths_of("type = \"nope\"\nagainst = [\"x\"]"), vec![]);
    }

    #[test]
    fn visit_paths_may_rewrite_a_path() {
        let mut t: toml::Table =
            toml::from_str("type = \"minhash-dedup\"\nagainst = [\"a.idx\"]").expect("toml");
        Registry
            .visit_paths(&mut t, &mut |_, _, value| {
                *value = format!("/data/{value}");
                Ok(())
            })
            .expect("no error");
        assert_eq!(t["against"][0].as_str(), Some("/data/a.idx"));
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_option() {
        let t: toml::Table = toml::from_str("type = \"length\"\nmin_chars = -5").expect("toml");
        assert_eq!(
            build(2, &t).err().map(|e| e.to_string()).unwrap_or_default(),
            "step #2 (length): min_chars = -5: invalid value: integer `-5`, expected a whole number, 0 or more"
        );
        let t: toml::Table = toml::from_str("type = \"lid\"\nkeep = \"ar\"").expect("toml");
        assert_eq!(
            build(3, &t)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            "step #3 (lid): keep = \"ar\": invalid type: string \"ar\", expected an array"
        );
        let t: toml::Table = toml::from_str(
            "type = \"gopher-quality\"\nprofile = \"fineweb2-arb\"\nmin_doc_words = 2.5",
        )
        .expect("toml");
        let err = build(4, &t)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("step #4 (gopher-quality): min_doc_words = 2.5: "),
            "{err}"
        );
    }

    #[test]
    fn resolved_options_carry_defaults() {
        let t: toml::Table = toml::from_str("type = \"length\"").expect("toml");
        let built = build(1, &t).expect("builds");
        assert!(built.resolved.contains_key("min_chars"));
    }
}

#[cfg(test)]
mod metadata_guard {
    /// Steps write metadata through `Document::claim`, which keeps an input field of the same
    /// name instead of overwriting it: no step source (tests aside) inserts into `meta`
    /// directly.
    #[test]
    fn steps_write_metadata_only_through_claim() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let pattern = regex::Regex::new(r"\.meta\s*\.\s*(insert|entry)\(").expect("regex");
        let mut stack = vec![src];
        let mut offenders = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("readable");
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    if pattern.is_match(code) {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "{offenders:?}");
    }
}
