//! The step contract: a per-document [`Step`], and a whole-corpus [`Stage`] that sees every
//! document before any of them passes it.

use crate::{Document, Metric, StepError, Verdict};
use std::any::Any;
use std::io::{Read, Write};
use std::path::Path;

/// What a step can tell the executor besides its verdict: counts of what it changed (for
/// example `tatweel_removed`), added to the step's `counters` in the run statistics.
///
/// It also carries values that steps keep from one document to the next of a batch
/// ([`Cx::memo`]): the quality filters keep there the words of the last text they split, so
/// that three filters in a row split each document once.
#[derive(Debug, Default)]
pub struct Cx {
    counters: Vec<(&'static str, u64)>,
    memo: Memo,
    observed: Vec<(&'static str, f64)>,
    labels: Vec<(&'static str, String)>,
}

/// What a context gathered for the run report about one document (see [`Cx::observe`]).
#[derive(Debug, Default)]
pub struct Observed {
    pub values: Vec<(&'static str, f64)>,
    pub labels: Vec<(&'static str, String)>,
}

/// Values kept between documents, one per type. Few types use it (a handful of steps), so a
/// short list searched by type beats a map.
#[derive(Default)]
struct Memo(Vec<Box<dyn Any + Send>>);

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} values)", self.0.len())
    }
}

impl Cx {
    /// The context's value of type `T`, made with `T::default()` the first time it is asked
    /// for. The executor makes a context per batch of documents, and tests make their own, so
    /// the value may be new for any document: whatever it remembers must say what it was
    /// computed from (a cache checks the text it is asked about, not the document's number).
    pub fn memo<T: Any + Send + Default>(&mut self) -> &mut T {
        let at = match self.memo.0.iter().position(|b| b.is::<T>()) {
            Some(i) => i,
            None => {
                self.memo.0.push(Box::new(T::default()));
                self.memo.0.len() - 1
            }
        };
        // Not data-dependent: the value at `at` was found by its type or just pushed.
        self.memo.0[at]
            .downcast_mut::<T>()
            .expect("the memo value at this index is a T")
    }

    /// Adds `n` to the counter `key` (a stable name, like a reason code).
    pub fn count(&mut self, key: &'static str, n: u64) {
        if n == 0 {
            return;
        }
        match self.counters.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v += n,
            None => self.counters.push((key, n)),
        }
    }

    /// Takes the counts gathered so far, leaving the context empty.
    pub fn drain(&mut self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        self.counters.drain(..)
    }

    /// Reports a value the step measured on the document (a ratio, a count) for the run
    /// report's histogram `key`, which the step describes in [`Step::metrics`]. Unlike an
    /// annotation it changes no output; the executor counts it in a fixed-size histogram.
    pub fn observe(&mut self, key: &'static str, value: f64) {
        self.observed.push((key, value));
    }

    /// Reports a label of the document (its language, its dialect) for the run report's
    /// counts of `key`.
    pub fn observe_label(&mut self, key: &'static str, label: &str) {
        self.labels.push((key, label.to_string()));
    }

    /// Forgets the counts, values and labels gathered so far (not what [`Cx::memo`] keeps):
    /// for a caller that judges documents without keeping statistics.
    pub fn clear(&mut self) {
        self.counters.clear();
        self.observed.clear();
        self.labels.clear();
    }

    /// Takes the values and labels reported so far, leaving them empty.
    pub fn drain_observed(&mut self, into: &mut Observed) {
        into.values.append(&mut self.observed);
        into.labels.append(&mut self.labels);
    }
}

/// A per-document step. It may edit the text and metadata, and decides whether the document
/// goes on. It sees one document at a time, from any thread, in any order: whatever it decides
/// must depend on the document alone, so that the output is the same for every thread count.
///
/// The executor, not the step, counts documents, removals by reason code, bytes and time.
pub trait Step: Send + Sync {
    /// The step's type name, as written in configuration (`type = "length"`).
    fn name(&self) -> &'static str;
    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError>;

    /// The values this step reports with [`Cx::observe`], with the limits its options set:
    /// the run report draws each as a histogram with its thresholds. Asked once per pass.
    fn metrics(&self) -> Vec<Metric> {
        Vec::new()
    }
}

/// A whole-corpus stage (deduplication, cross-document line statistics): it observes every
/// document that reaches it, then, once all have been observed, decides for each one.
///
/// The executor runs a pipeline with stages in passes: each pass runs the elements before a
/// stage and feeds the stage's [`Stage::observe`]; the last pass runs everything and writes.
/// `seq` is the document's position in the input (0-based, over all inputs), so a stage can
/// make choices such as "keep the first occurrence" that do not depend on thread scheduling.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    /// False when this configuration of the stage decides from each document alone, so the
    /// executor can skip the observation pass.
    fn needs_observation(&self) -> bool {
        true
    }
    /// Called once per document reaching the stage, from several threads at once.
    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError>;
    /// Called once after every document has been observed.
    fn finish(&mut self) -> Result<(), StepError>;
    /// Called once per document in the final pass, after [`Stage::finish`].
    fn decide(&self, doc: &mut Document, seq: u64, cx: &mut Cx) -> Result<Verdict, StepError>;

    /// A folder of its own, inside the run's output folder, for files the stage writes while
    /// it works (sorted runs spilled under a memory budget). Called before the first
    /// [`Stage::observe`]; a stage used without an executor falls back to a temporary folder.
    /// The stage writes only files directly in it whose names [`is_scratch_file_name`]
    /// accepts: those are the files ghirbal may delete there, and nothing else.
    fn set_work_dir(&mut self, _dir: &Path) {}

    /// Makes what has been observed so far durable (spilled runs in the work folder) and
    /// writes what is needed to find it again, so that an observation pass interrupted later
    /// resumes from here. Called between batches, while other threads may be observing
    /// documents after this point: those are observed again on resume, so a stage that
    /// supports this must ignore a document observed twice. Returns false when the stage
    /// cannot resume an observation pass (it is then repeated whole).
    fn checkpoint_observation(&self, _out: &mut dyn Write) -> Result<bool, StepError> {
        Ok(false)
    }

    /// Reads back what [`Stage::checkpoint_observation`] wrote, before the pass resumes.
    fn resume_observation(&mut self, _input: &mut dyn Read) -> Result<(), StepError> {
        Err(StepError::stage(
            self.name(),
            "this stage cannot resume an observation pass",
        ))
    }

    /// Writes what [`Stage::finish`] decided, so that an interrupted run resumes without
    /// observing the corpus again. Returns false when the stage keeps no such state.
    fn save_state(&self, _out: &mut dyn Write) -> Result<bool, StepError> {
        Ok(false)
    }

    /// Reads back what [`Stage::save_state`] wrote, in place of the observation pass and
    /// [`Stage::finish`].
    fn load_state(&mut self, _input: &mut dyn Read) -> Result<(), StepError> {
        Err(StepError::stage(
            self.name(),
            "this stage cannot restore a saved state",
        ))
    }

    /// How this stage observes the corpus across machines (see [`crate::Shuffle`]); None
    /// when it cannot run in a distributed run.
    fn shuffle(&mut self) -> Option<&mut dyn crate::Shuffle> {
        None
    }

    /// The values this stage reports with [`Cx::observe`] from [`Stage::decide`] (see
    /// [`Step::metrics`]).
    fn metrics(&self) -> Vec<Metric> {
        Vec::new()
    }
}

/// One element of a resolved pipeline.
pub enum Element {
    Step(Box<dyn Step>),
    Stage(Box<dyn Stage>),
}

impl Element {
    /// True for a stage that needs an observation pass over the input.
    pub fn observes(&self) -> bool {
        matches!(self, Element::Stage(s) if s.needs_observation())
    }

    pub fn name(&self) -> &'static str {
        match self {
            Element::Step(s) => s.name(),
            Element::Stage(s) => s.name(),
        }
    }

    /// What the element reports for the run report (see [`Step::metrics`]).
    pub fn metrics(&self) -> Vec<Metric> {
        match self {
            Element::Step(s) => s.metrics(),
            Element::Stage(s) => s.metrics(),
        }
    }

    /// `"step"` or `"stage"`, as the run statistics name them.
    pub fn kind(&self) -> &'static str {
        match self {
            Element::Step(_) => "step",
            Element::Stage(_) => "stage",
        }
    }

    /// Judges one document: a step's [`Step::process`], or a stage's [`Stage::decide`] (so
    /// only after the stage's [`Stage::finish`]). `seq` is the document's position in the
    /// input, which only stages use.
    pub fn apply(&self, doc: &mut Document, seq: u64, cx: &mut Cx) -> Result<Verdict, StepError> {
        match self {
            Element::Step(s) => s.process(doc, cx),
            Element::Stage(s) => s.decide(doc, seq, cx),
        }
    }
}

/// What `ghirbal steps` shows about a step type.
#[derive(Debug, Clone)]
pub struct StepInfo {
    pub name: &'static str,
    /// `"step"` or `"stage"` (whole-corpus).
    pub kind: &'static str,
    pub summary: &'static str,
    pub options: Vec<OptionInfo>,
    /// Stable reason codes with what each means.
    pub reasons: Vec<(&'static str, &'static str)>,
}

#[derive(Debug, Clone)]
pub struct OptionInfo {
    pub name: &'static str,
    pub default: String,
    pub help: &'static str,
}

/// The names a stage may give the files in its work folder (see [`Stage::set_work_dir`]):
/// sorted runs named `KIND-PROCESS-NUMBER.run` (`texts-4121-7.run`) and the MinHash stores
/// `signatures.bin` and `ids.bin`. Anything else found there is not ghirbal's, and ghirbal
/// leaves it alone.
pub fn is_scratch_file_name(name: &str) -> bool {
    if name == "signatures.bin" || name == "ids.bin" {
        return true;
    }
    let Some(stem) = name.strip_suffix(".run") else {
        return false;
    };
    let mut parts = stem.split('-');
    let kind_ok = parts
        .next()
        .is_some_and(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase()));
    let numbers: Vec<&str> = parts.collect();
    kind_ok
        && numbers.len() == 2
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::Cx;

    #[derive(Default)]
    struct Last(u32);

    #[test]
    fn memo_keeps_one_value_per_type_from_call_to_call() {
        let mut cx = Cx::default();
        assert_eq!(cx.memo::<Last>().0, 0);
        cx.memo::<Last>().0 = 7;
        cx.memo::<Vec<u8>>().push(1);
        assert_eq!(cx.memo::<Last>().0, 7);
        assert_eq!(cx.memo::<Vec<u8>>(), &[1]);
        // A new context (the executor makes one per batch) starts from the defaults.
        assert_eq!(Cx::default().memo::<Last>().0, 0);
    }
}
