//! The one document type that flows through every step.

use serde_json::{Map, Value};

/// Fields of the input record other than the id and the text, kept in their input order and
/// written back unchanged; steps add their annotations here.
pub type Metadata = Map<String, Value>;

/// A document on its way through the pipeline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The record's id, or `<file>:<line>` when the record had none.
    pub id: String,
    /// The text that steps judge and edit.
    pub text: String,
    /// Every other field of the input record, plus annotations written by steps.
    pub meta: Metadata,
    /// A page that arrived as HTML (a WARC response, an `.html` file, a record's
    /// `--html-field`) and has not been extracted yet: the `extract` step turns it into `text`
    /// and clears it. Never written out.
    pub html: Option<Box<Html>>,
    /// How many of `meta`'s first fields came with the input (the reader sets it): a step
    /// that writes a field of the same name keeps the input's value under another name (see
    /// [`Document::claim`]).
    pub input_fields: usize,
    /// Lines a step struck from the text (`boilerplate`), kept so that the run report can show
    /// them struck. Never written out.
    pub marks: Vec<crate::Mark>,
}

/// A page's bytes as served, before any decoding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Html {
    pub bytes: Vec<u8>,
    /// The `charset` the HTTP response declared, if any (for a page that came as a JSON
    /// string, `utf-8`).
    pub http_charset: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
            meta: Metadata::new(),
            html: None,
            input_fields: 0,
            marks: Vec::new(),
        }
    }

    /// The metadata field `key` for a step to write. When the input had a field of that name,
    /// its value is first kept as `{key}_input` (or `{key}_input_2`, ... if that name is
    /// taken too): a step never overwrites what the user's data holds. A field an earlier
    /// step wrote is returned as it is, so steps can add to it (`quality`).
    pub fn claim(&mut self, key: &str) -> &mut Value {
        if let Some(at) = self
            .meta
            .keys()
            .take(self.input_fields)
            .position(|k| k == key)
        {
            if let Some(value) = self.meta.shift_remove(key) {
                let mut name = format!("{key}_input");
                let mut n = 1;
                while self.meta.contains_key(&name) {
                    n += 1;
                    name = format!("{key}_input_{n}");
                }
                // Renamed where it stood: the input's fields stay the first `input_fields`,
                // in order, and what steps wrote follows them (tag mode splits there).
                self.meta.shift_insert(at, name, value);
            }
        }
        self.meta.entry(key).or_insert(Value::Null)
    }

    /// Moves the fields that steps wrote (every field after the input's) out of `meta`.
    pub fn take_annotations(&mut self) -> Metadata {
        let keys: Vec<String> = self.meta.keys().skip(self.input_fields).cloned().collect();
        let mut written = Metadata::new();
        for k in keys {
            if let Some(v) = self.meta.shift_remove(&k) {
                written.insert(k, v);
            }
        }
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_never_overwrites_an_input_field() {
        let mut doc = Document::new("d", "نص");
        doc.meta.insert("language".into(), "arz".into());
        doc.meta.insert("language_input".into(), "taken".into());
        doc.meta.insert("source".into(), "crawl".into());
        doc.input_fields = 3;
        *doc.claim("language") = "ar".into();
        *doc.claim("language") = "ar".into();
        *doc.claim("score") = 0.9.into();
        let fields: Vec<(&str, &Value)> = doc.meta.iter().map(|(k, v)| (k.as_str(), v)).collect();
        assert_eq!(
            fields,
            [
                ("language_input_2", &Value::from("arz")),
                ("language_input", &Value::from("taken")),
                ("source", &Value::from("crawl")),
                ("language", &Value::from("ar")),
                ("score", &Value::from(0.9)),
            ]
        );
        assert_eq!(doc.input_fields, 3);
        let written = doc.take_annotations();
        assert_eq!(written.keys().collect::<Vec<_>>(), ["language", "score"]);
        assert_eq!(doc.meta.len(), 3);
    }
}
