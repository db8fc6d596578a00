//! Errors a step can raise on one document. Such a document is rejected (written to
//! `rejected/` with the message) and the run goes on.

/// A step could not judge a document.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("step {step} failed on document {id}: {message}")]
    Failed {
        step: &'static str,
        id: String,
        message: String,
    },
}

impl StepError {
    /// A failure of a whole-corpus stage that concerns no single document: its spill files or
    /// saved state.
    pub fn stage(step: &'static str, message: impl Into<String>) -> Self {
        StepError::Failed {
            step,
            id: String::new(),
            message: message.into(),
        }
    }
}
