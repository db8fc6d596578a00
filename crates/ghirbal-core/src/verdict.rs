//! What a step decides about a document, and why.

use std::fmt;

/// Why a document was removed: the step, a stable reason code, and a detail that shows the
/// measured value against the limit (for example `"12 < 20"`).
///
/// `code` is part of ghirbal's interface: users filter removed output and stats by it, so a code
/// never changes meaning once released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub step: &'static str,
    pub code: &'static str,
    pub detail: String,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}: {}", self.step, self.code, self.detail)
    }
}

/// The outcome of one step for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    Drop(Reason),
}

impl Verdict {
    /// A removal by `step` for `code`, with the measured value against the limit in `detail`.
    pub fn drop(step: &'static str, code: &'static str, detail: impl Into<String>) -> Self {
        Verdict::Drop(Reason {
            step,
            code,
            detail: detail.into(),
        })
    }
}
