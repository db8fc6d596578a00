//! The spool between passes: every record as it left a pass, so that the next pass continues
//! from there instead of reading the input again and running every step before it once more.
//!
//! One JSON line per record, zstd level 1, in shards under `OUT/.ghirbal/spool-N/`. A line
//! carries the record's place in the run (`seq`, its input and line) and one of:
//! - a living document: `id`, `text`, `meta`, `nin` (how many meta fields came with the input),
//!   and `html` for a page not extracted yet;
//! - a removed document: the same and `removal` (step, code, detail);
//! - a rejection: `rejection` (code, message, raw bytes, id).
//!
//! `marks` carries the lines a step struck, for the run report's samples.
//! `as_read` carries the text as read for `--keep-original`. Removed and rejected records are
//! carried through to the final pass rather than written at once, so that the outputs hold
//! every record in input order, exactly as a run without stages writes them.

use crate::PipelineError;
use base64::Engine;
use ghirbal_core::{Document, Html, Mark, Metadata, Reason};
use ghirbal_io::Rejection;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// The zstd level of spool shards: they are read once and deleted, so speed matters more than
/// their size (level 1 against the outputs' 3 costs about 9 % more bytes; BENCHMARKS.md).
pub(super) const SPOOL_ZSTD_LEVEL: i32 = 1;

/// The folder of the spool that pass `pass` (1-based) writes.
pub(super) fn spool_dir(state_dir: &Path, pass: usize) -> std::path::PathBuf {
    state_dir.join(format!("spool-{pass}"))
}

/// A record between two passes.
pub(super) enum Entry {
    Live {
        doc: Document,
        as_read: Option<String>,
        /// Tag mode: what the steps would have removed it for.
        flags: Vec<Reason>,
    },
    Removed {
        doc: Document,
        reason: Reason,
        as_read: Option<String>,
    },
    Rejected(Rejection),
}

/// Where a record stands in the run.
pub(super) struct Place {
    pub(super) seq: u64,
    pub(super) input: Arc<str>,
    pub(super) line: u64,
}

#[derive(Serialize)]
struct LineOut<'a> {
    seq: u64,
    #[serde(rename = "in")]
    input: &'a str,
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Metadata>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nin: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<HtmlOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_read: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    removal: Option<ReasonOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flags: Vec<ReasonOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rejection: Option<RejectionOut<'a>>,
    #[serde(skip_serializing_if = "<[Mark]>::is_empty")]
    marks: &'a [Mark],
}

#[derive(Serialize)]
struct HtmlOut<'a> {
    bytes: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    charset: Option<&'a str>,
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    step: &'a str,
    code: &'a str,
    detail: &'a str,
}

#[derive(Serialize)]
struct RejectionOut<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

#[derive(Deserialize)]
struct LineIn {
    seq: u64,
    #[serde(rename = "in")]
    input: String,
    line: u64,
    id: Option<String>,
    text: Option<String>,
    meta: Option<Metadata>,
    nin: Option<usize>,
    html: Option<HtmlIn>,
    as_read: Option<String>,
    removal: Option<ReasonIn>,
    #[serde(default)]
    flags: Vec<ReasonIn>,
    rejection: Option<RejectionIn>,
    #[serde(default)]
    marks: Vec<Mark>,
}

#[derive(Deserialize)]
struct HtmlIn {
    bytes: String,
    charset: Option<String>,
}

#[derive(Deserialize)]
struct ReasonIn {
    step: String,
    code: String,
    detail: String,
}

#[derive(Deserialize)]
struct RejectionIn {
    code: String,
    message: String,
    raw: Option<String>,
    id: Option<String>,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// Appends `entry` at `place` as one spool line.
pub(super) fn write<'a>(out: &mut Vec<u8>, place: &Place, entry: &'a Entry) {
    let mut line = LineOut {
        seq: place.seq,
        input: &place.input,
        line: place.line,
        id: None,
        text: None,
        meta: None,
        nin: None,
        html: None,
        as_read: None,
        removal: None,
        flags: Vec::new(),
        rejection: None,
        marks: &[],
    };
    match entry {
        Entry::Live { doc, as_read, .. } | Entry::Removed { doc, as_read, .. } => {
            line.id = Some(&doc.id);
            line.text = Some(&doc.text);
            line.meta = Some(&doc.meta);
            line.nin = Some(doc.input_fields);
            line.html = doc.html.as_deref().map(|h| HtmlOut {
                bytes: b64().encode(&h.bytes),
                charset: h.http_charset.as_deref(),
            });
            line.as_read = as_read.as_deref();
            line.marks = &doc.marks;
            let out = |r: &'a Reason| ReasonOut {
                step: r.step,
                code: r.code,
                detail: &r.detail,
            };
            match entry {
                Entry::Removed { reason, .. } => line.removal = Some(out(reason)),
                Entry::Live { flags, .. } => line.flags = flags.iter().map(out).collect(),
                Entry::Rejected(_) => {}
            }
        }
        Entry::Rejected(r) => {
            line.rejection = Some(RejectionOut {
                code: r.code,
                message: &r.message,
                raw: r.raw.as_ref().map(|raw| b64().encode(raw)),
                id: r.id.as_deref(),
            });
        }
    }
    // Writing into a Vec cannot fail, and every field serializes.
    let _ = serde_json::to_writer(&mut *out, &line);
    out.push(b'\n');
}

/// Reads one spool line back; `last_input` keeps one name shared by a run of records.
pub(super) fn read(
    bytes: &[u8],
    last_input: &mut Option<Arc<str>>,
) -> Result<(Place, Entry), String> {
    let line: LineIn = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let input = match last_input {
        Some(name) if **name == *line.input => Arc::clone(name),
        _ => {
            let name: Arc<str> = Arc::from(line.input);
            *last_input = Some(Arc::clone(&name));
            name
        }
    };
    let place = Place {
        seq: line.seq,
        input: Arc::clone(&input),
        line: line.line,
    };
    let decode = |s: &str| b64().decode(s).map_err(|e| format!("bad base64: {e}"));
    if let Some(r) = line.rejection {
        let raw = match r.raw {
            Some(s) => Some(decode(&s)?),
            None => None,
        };
        return Ok((
            place,
            Entry::Rejected(Rejection {
                input,
                line: line.line,
                code: intern(r.code),
                message: r.message,
                raw,
                id: r.id,
            }),
        ));
    }
    let html = match line.html {
        Some(h) => Some(Box::new(Html {
            bytes: decode(&h.bytes)?,
            http_charset: h.charset,
        })),
        None => None,
    };
    let doc = Document {
        id: line.id.ok_or("no id")?,
        text: line.text.ok_or("no text")?,
        meta: line.meta.unwrap_or_default(),
        html,
        input_fields: line.nin.unwrap_or(0),
        marks: line.marks,
    };
    let as_read = line.as_read;
    let reason = |r: ReasonIn| Reason {
        step: intern(r.step),
        code: intern(r.code),
        detail: r.detail,
    };
    Ok((
        place,
        match line.removal {
            Some(r) => Entry::Removed {
                doc,
                reason: reason(r),
                as_read,
            },
            None => Entry::Live {
                doc,
                as_read,
                flags: line.flags.into_iter().map(reason).collect(),
            },
        },
    ))
}

/// Step names and codes are `&'static str` in a [`Reason`]; those read back from a spool are
/// kept once each for the life of the process. They are few (a step's codes are fixed), so
/// the memory is bounded.
fn intern(s: String) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(Default::default);
    let mut names = match names.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(known) = names.get(s.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    names.insert(leaked);
    leaked
}

/// A spool line that does not read back: the spool was damaged after it was written.
pub(super) fn damaged(spool: &str, line: u64, message: String) -> PipelineError {
    PipelineError::State {
        path: std::path::PathBuf::from(spool),
        message: format!(
            "spool record {line} is damaged ({message}); rerun with --overwrite to start again"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(entry: &Entry) -> (Place, Entry) {
        let place = Place {
            seq: 7,
            input: Arc::from("in.jsonl"),
            line: 8,
        };
        let mut out = Vec::new();
        write(&mut out, &place, entry);
        assert_eq!(out.last(), Some(&b'\n'));
        let mut last = None;
        match read(&out[..out.len() - 1], &mut last) {
            Ok(back) => back,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn documents_removals_and_rejections_read_back_whole() {
        let mut doc = Document::new("a", "نص\n\"quoted\"");
        doc.meta.insert("z".into(), 1.into());
        doc.meta
            .insert("a".into(), serde_json::json!({"k": [1, 2]}));
        doc.input_fields = 1;
        doc.html = Some(Box::new(Html {
            bytes: vec![0xff, b'<', b'p'],
            http_charset: Some("windows-1256".into()),
        }));
        let flag = Reason {
            step: "c4",
            code: "javascript",
            detail: "a line mentions javascript".into(),
        };
        let (place, back) = round_trip(&Entry::Live {
            doc: doc.clone(),
            as_read: Some("قبل".into()),
            flags: vec![flag.clone()],
        });
        assert_eq!((place.seq, &*place.input, place.line), (7, "in.jsonl", 8));
        let Entry::Live {
            doc: d,
            as_read,
            flags,
        } = back
        else {
            panic!("not live")
        };
        assert_eq!(flags, [flag]);
        assert_eq!(d, doc);
        assert_eq!(
            d.meta.keys().collect::<Vec<_>>(),
            ["z", "a"],
            "field order kept"
        );
        assert_eq!(as_read.as_deref(), Some("قبل"));

        let reason = Reason {
            step: "gopher-quality",
            code: "too_short",
            detail: "12 words < 50".into(),
        };
        let (_, back) = round_trip(&Entry::Removed {
            doc: doc.clone(),
            reason: reason.clone(),
            as_read: None,
        });
        let Entry::Removed { reason: r, .. } = back else {
            panic!("not removed")
        };
        assert_eq!(r, reason);

        let rejection = Rejection {
            input: Arc::from("in.jsonl"),
            line: 8,
            code: "step_error",
            message: "boom".into(),
            raw: Some(vec![0, 159, 146, 150]),
            id: Some("a".into()),
        };
        let (_, back) = round_trip(&Entry::Rejected(rejection.clone()));
        let Entry::Rejected(r) = back else {
            panic!("not rejected")
        };
        assert_eq!(r, rejection);
    }
}
