//! What each step's `build` uses: parsing its options (unknown ones refused, each value
//! checked, every default filled in for `OUT/config.toml`), describing them for `ghirbal steps`
//! with the defaults read from the code, and declaring the options that name files.

use crate::check::Validate;
use ghirbal_core::OptionInfo;
use serde::{de::DeserializeOwned, Serialize};

// The build contract's types live in ghirbal-core, which the pipeline also sees; the step
// modules import them from here with the helpers.
pub(crate) use ghirbal_core::{Built, ConfigError, FileUse};

/// An option whose value names a file: a string, or an array of strings.
pub(crate) struct PathOption {
    pub option: &'static str,
    pub used: FileUse,
    /// Whether a value of the option is a path at all (a quality filter's `profile` is a
    /// built-in profile's name or a path).
    pub is_path: fn(&str) -> bool,
}

impl PathOption {
    /// An option whose every value is a path.
    pub const fn always(option: &'static str, used: FileUse) -> Self {
        Self {
            option,
            used,
            is_path: |_| true,
        }
    }
}

/// Parses a step's options (unknown options refused), checks their values and the relations
/// between them, and returns them with the resolved table.
pub(crate) fn options<T: DeserializeOwned + Serialize + Default + Validate>(
    name: &'static str,
    index: usize,
    table: toml::Table,
) -> Result<(T, toml::Table), ConfigError> {
    let bad = |message: String| ConfigError::BadOptions {
        index,
        name: name.to_string(),
        message,
    };
    let opts: T = match toml::Value::Table(table.clone()).try_into() {
        Ok(opts) => opts,
        Err(e) => return Err(bad(type_error::<T>(&table, e.message()))),
    };
    opts.validate().map_err(bad)?;
    let mut resolved = toml::Table::new();
    resolved.insert("type".into(), toml::Value::String(name.to_string()));
    match toml::Value::try_from(&opts).map_err(|e| bad(e.to_string()))? {
        toml::Value::Table(t) => resolved.extend(t),
        other => return Err(bad(format!("options serialized as {other}"))),
    }
    Ok((opts, resolved))
}

/// The message for options that do not parse, naming the option: serde says what is wrong
/// ("invalid value: integer `-5`, expected usize") but not where, so each option given is
/// tried alone over the defaults until the one at fault is found.
fn type_error<T: DeserializeOwned + Serialize + Default>(
    table: &toml::Table,
    message: &str,
) -> String {
    let message = [
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected a sequence", "expected an array"),
    ]
    .iter()
    .fold(message.to_string(), |m, (rust, user)| m.replace(rust, user));
    let Ok(toml::Value::Table(defaults)) = toml::Value::try_from(T::default()) else {
        return message;
    };
    for (key, value) in table {
        if message.contains(&format!("`{key}`")) {
            return message;
        }
        let mut one = defaults.clone();
        one.insert(key.clone(), value.clone());
        if toml::Value::Table(one).try_into::<T>().is_err() {
            return format!("{key} = {value}: {message}");
        }
    }
    message
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
