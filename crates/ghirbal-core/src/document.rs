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
        }
    }
}
