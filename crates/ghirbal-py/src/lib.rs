//! `ghirbal._ghirbal`, the compiled half of the Python package: thin functions over the library
//! crates, called by the Python half (`python/ghirbal/`), which gives them Python's idiom
//! (iterators, dicts, pyarrow). Records cross the boundary as JSON text, so that they are
//! parsed and written by the very code a run uses (`ghirbal_io::parse`, `ghirbal_io::encode`).
//!
//! The GIL is released while Rust works. Errors become `ghirbal.GhirbalError` with the exit
//! code the CLI would give (2 usage or configuration, 1 the run failed, 130 interrupted).
//! Nothing here prints.

mod distributed;

use ghirbal_core::{Cx, Document, Element, StepCatalog, Verdict};
use ghirbal_pipeline::{ConfigFile, InMemory, PipelineError, RunOptions};
use ghirbal_steps::Registry;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Exit codes of the CLI, which `GhirbalError.code` carries.
const USAGE: u8 = 2;
pub(crate) const FAILED: u8 = 1;
const INTERRUPTED: u8 = 130;

/// A ghirbal error on its way to Python: the message and the CLI's exit code.
pub(crate) struct Error {
    message: String,
    code: u8,
}

impl Error {
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: USAGE,
        }
    }

    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        // The class lives in Python (`ghirbal/_errors.py`) so that it can be a plain,
        // picklable exception with a `code` attribute; if it cannot be found, something is
        // wrong with the installation, and that error is the more useful one.
        let class = match py
            .import("ghirbal._errors")
            .and_then(|m| m.getattr("GhirbalError"))
        {
            Ok(class) => class,
            Err(e) => return e,
        };
        match class.call1((self.message, self.code)) {
            Ok(instance) => PyErr::from_value(instance),
            Err(e) => e,
        }
    }
}

impl From<PipelineError> for Error {
    fn from(e: PipelineError) -> Self {
        let code = match &e {
            PipelineError::Interrupted { .. } => INTERRUPTED,
            e if e.is_usage() => USAGE,
            _ => FAILED,
        };
        // `{:#}`-like: the error and its sources, as the CLI prints them.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Self { message, code }
    }
}

/// The configuration of `config` (a file) or `preset`, as `ghirbal run` resolves it.
pub(crate) fn choose(config: Option<&str>, preset: Option<&str>) -> Result<ConfigFile, Error> {
    if config.is_some() && preset.is_some() {
        return Err(Error::usage(
            "give a preset or a configuration file, not both",
        ));
    }
    Ok(ConfigFile::choose(
        config.map(Path::new),
        preset,
        ghirbal_steps::PRESETS,
        &Registry,
    )?)
}

/// `ghirbal.run`: the same as `ghirbal run INPUTS -o OUTPUT`; returns `stats.json` as text.
/// Ctrl-C stops it at a checkpoint, as it stops the CLI (see [`run_interruptibly`]).
#[pyfunction]
#[pyo3(signature = (inputs, output, preset=None, config=None, threads=None, overwrite=false, max_rejected=0.5, progress=None, report=true))]
#[allow(clippy::too_many_arguments)]
fn run(
    py: Python<'_>,
    inputs: Vec<PathBuf>,
    output: PathBuf,
    preset: Option<&str>,
    config: Option<&str>,
    threads: Option<usize>,
    overwrite: bool,
    max_rejected: f64,
    progress: Option<PyObject>,
    report: bool,
) -> PyResult<String> {
    let seen = Arc::new(Seen::default());
    let reporter = Arc::clone(&seen);
    let command_line = format!(
        "ghirbal.run({inputs:?}, {output:?}, preset={preset:?}, config={config:?}, threads={threads:?}, overwrite={overwrite})"
    );
    let config = config.map(str::to_owned);
    let preset = preset.map(str::to_owned);
    let work = move |cancel: Arc<AtomicBool>| -> Result<String, Error> {
        if inputs.is_empty() {
            return Err(Error::usage("no input given"));
        }
        if threads == Some(0) {
            return Err(Error::usage("threads must be at least 1"));
        }
        if !(0.0..=1.0).contains(&max_rejected) {
            return Err(Error::usage(format!(
                "max_rejected = {max_rejected} is not a fraction between 0 and 1"
            )));
        }
        // The CLI's order: choose, add `extract` for HTML inputs, validate again.
        let mut cfg = choose(config.as_deref(), preset.as_deref())?;
        cfg.read_html_for(&inputs, Some(&output), config.is_none());
        let cfg = cfg.revalidated("ghirbal.run", &Registry)?;
        let mut opts = RunOptions::new(inputs, output, cfg);
        opts.threads = threads.unwrap_or(0);
        opts.overwrite = overwrite;
        opts.report = report;
        opts.command_line = command_line;
        opts.cancel = Some(cancel);
        let report = ghirbal_pipeline::run(&opts, &Registry, reporter.as_ref())?;
        // As the CLI's --max-rejected: the outputs are written either way.
        if let Some(message) = report.too_many_rejected(
            max_rejected,
            "max_rejected",
            "the text field",
            &opts.config.reader.text_field,
        ) {
            return Err(Error {
                message,
                code: FAILED,
            });
        }
        serde_json::to_string(&report.stats).map_err(|e| Error {
            message: format!("the statistics could not be encoded: {e}"),
            code: FAILED,
        })
    };
    let tell = |py: Python<'_>| -> PyResult<()> {
        match &progress {
            Some(callback) => seen.tell(py, callback),
            None => Ok(()),
        }
    };
    run_interruptibly(py, work, &tell)
}

/// What the run has done so far, written by its thread ([`ghirbal_pipeline::Progress`]) and
/// read every 100 ms by the calling thread, which tells the Python callback: the callback runs
/// with the GIL, never on the run's thread.
#[derive(Default)]
struct Seen {
    phase: std::sync::Mutex<(u64, String, Option<u64>)>,
    input_bytes: std::sync::atomic::AtomicU64,
    documents: std::sync::atomic::AtomicU64,
    /// The (phase number, bytes) last told, so that an unchanged state is not told again.
    told: std::sync::Mutex<(u64, u64)>,
}

impl ghirbal_pipeline::Progress for Seen {
    fn pass(&self, label: &str, total_input_bytes: Option<u64>) {
        if let Ok(mut p) = self.phase.lock() {
            *p = (p.0 + 1, label.to_string(), total_input_bytes);
        }
        self.input_bytes.store(0, Ordering::Relaxed);
        self.documents.store(0, Ordering::Relaxed);
    }

    fn advance(&self, docs: u64, _text_bytes: u64, input_bytes: u64) {
        self.input_bytes.store(input_bytes, Ordering::Relaxed);
        self.documents.fetch_add(docs, Ordering::Relaxed);
    }
}

impl Seen {
    /// Calls `callback(phase, done_bytes, total_bytes, documents)` if anything changed.
    fn tell(&self, py: Python<'_>, callback: &PyObject) -> PyResult<()> {
        let (n, label, total) = match self.phase.lock() {
            Ok(p) if p.0 > 0 => p.clone(),
            _ => return Ok(()),
        };
        let done = self.input_bytes.load(Ordering::Relaxed);
        if let Ok(mut told) = self.told.lock() {
            if *told == (n, done) {
                return Ok(());
            }
            *told = (n, done);
        }
        let docs = self.documents.load(Ordering::Relaxed);
        callback.call1(py, (label, done, total, docs))?;
        Ok(())
    }
}

/// Runs `work` on a thread of its own while this one, every 100 ms, lets Python handle
/// signals: with the GIL released for the whole run, Ctrl-C would otherwise wait for its end.
/// On an interrupt the run is asked to stop after the batch in flight (its checkpoint is
/// written, so the same call resumes it, as with the CLI) and the KeyboardInterrupt is raised
/// once it has.
fn run_interruptibly(
    py: Python<'_>,
    work: impl FnOnce(Arc<AtomicBool>) -> Result<String, Error> + Send + 'static,
    tick: &dyn Fn(Python<'_>) -> PyResult<()>,
) -> PyResult<String> {
    let cancel = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let flag = Arc::clone(&cancel);
    let worker = std::thread::Builder::new()
        .name("ghirbal-run".into())
        .spawn(move || {
            // The receiver may be gone only if this process is going away.
            let _ = tx.send(work(flag));
        })
        .map_err(|e| {
            Error {
                message: format!("cannot start the run's thread: {e}"),
                code: FAILED,
            }
            .into_py(py)
        })?;
    let mut interrupt = None;
    let mut rx = Some(rx);
    let result = loop {
        // The receiver is Send, not Sync: it goes into the GIL-free closure and comes back.
        let Some(receiver) = rx.take() else {
            break None;
        };
        let (received, receiver) = py.allow_threads(move || {
            let received = receiver.recv_timeout(Duration::from_millis(100));
            (received, receiver)
        });
        rx = Some(receiver);
        match received {
            Ok(result) => break Some(result),
            Err(RecvTimeoutError::Timeout) => {
                if interrupt.is_none() {
                    // A failing progress callback stops the run as Ctrl-C does, with its error.
                    if let Err(e) = py.check_signals().and_then(|()| tick(py)) {
                        cancel.store(true, Ordering::SeqCst);
                        interrupt = Some(e);
                    }
                }
            }
            // The thread ended without an answer: it panicked.
            Err(RecvTimeoutError::Disconnected) => break None,
        }
    };
    let _ = py.allow_threads(|| worker.join());
    if interrupt.is_none() && matches!(result, Some(Ok(_))) {
        // The last state, so that a bar ends full.
        tick(py)?;
    }
    match (result, interrupt) {
        (Some(Err(e)), Some(interrupt)) if e.code == INTERRUPTED => Err(interrupt),
        // The run may finish before it sees the request to stop: the callback's error (or
        // Ctrl-C) is still the caller's answer, not a success it never saw.
        (Some(Ok(_)), Some(interrupt)) => Err(interrupt),
        (Some(result), _) => result.map_err(|e| e.into_py(py)),
        (None, _) => Err(Error {
            message: "internal error: the run stopped unexpectedly".into(),
            code: FAILED,
        }
        .into_py(py)),
    }
}

/// The compiled side of `ghirbal.Pipeline`.
#[pyclass(module = "ghirbal._ghirbal", frozen)]
struct Pipeline {
    inner: InMemory,
    /// Stages left out (`per_document=True`), and steps run without their cross-document part.
    left_out: Vec<String>,
}

/// The step types whose whole-corpus part can be switched off by an option, leaving a
/// per-document step: boilerplate's line rules judge each page alone; only its
/// cross-document counts (`cross_document`) need the corpus.
const PER_DOCUMENT_OPTIONS: &[(&str, &str)] = &[("boilerplate", "cross_document")];

/// Makes `cfg` judge documents one at a time: a stage with a per-document mode is switched to
/// it, the others are removed. Returns what was changed, for the user to see.
fn per_document_only(cfg: &mut ConfigFile) -> Result<Vec<String>, Error> {
    let (elements, _) = cfg.resolve(&Registry)?;
    let mut left_out = Vec::new();
    let mut steps = Vec::with_capacity(cfg.steps.len());
    for (element, mut table) in elements.iter().zip(std::mem::take(&mut cfg.steps)) {
        if !element.observes() {
            steps.push(table);
            continue;
        }
        match PER_DOCUMENT_OPTIONS
            .iter()
            .find(|(t, _)| *t == element.name())
        {
            Some((name, option)) => {
                table.insert((*option).to_string(), toml::Value::Boolean(false));
                left_out.push(format!("{name} ({option} = false)"));
                steps.push(table);
            }
            None => left_out.push(element.name().to_string()),
        }
    }
    cfg.steps = steps;
    Ok(left_out)
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (preset=None, config=None, per_document=false))]
    fn new(
        py: Python<'_>,
        preset: Option<&str>,
        config: Option<&str>,
        per_document: bool,
    ) -> PyResult<Self> {
        let config = config.map(str::to_owned);
        let preset = preset.map(str::to_owned);
        py.allow_threads(move || -> Result<Self, Error> {
            let mut cfg = choose(config.as_deref(), preset.as_deref())?;
            // Records holding a page's HTML (`reader.html_field`) need `extract` first, as
            // in a run; no file is read here, so only that field can say so.
            cfg.read_html_for(&[], None, config.is_none());
            let left_out = if per_document {
                per_document_only(&mut cfg)?
            } else {
                Vec::new()
            };
            let inner = InMemory::new(&cfg, &Registry, "python").map_err(|e| match e {
                PipelineError::Usage(m) => Error::usage(format!(
                    "{m}: use ghirbal.run, or Pipeline(..., per_document=True) to leave such stages out"
                )),
                e => e.into(),
            })?;
            Ok(Self { inner, left_out })
        })
        .map_err(|e| e.into_py(py))
    }

    /// The steps that run, in order.
    #[getter]
    fn steps(&self) -> Vec<&'static str> {
        self.inner.names()
    }

    /// What `per_document=True` left out or changed.
    #[getter]
    fn left_out(&self) -> Vec<String> {
        self.left_out.clone()
    }

    /// Judges JSON records; returns one JSON line per record (without its newline), as a run
    /// would write it. `first` numbers the first record (0-based) for rejections and stages.
    fn process_json(&self, py: Python<'_>, records: Vec<String>, first: u64) -> Vec<String> {
        py.allow_threads(|| {
            let mut cx = Cx::default();
            let mut out = Vec::new();
            records
                .into_iter()
                .enumerate()
                .map(|(i, json)| {
                    let seq = first + i as u64;
                    out.clear();
                    self.inner
                        .judge_line(json.into_bytes(), seq + 1, seq, &mut cx, &mut out);
                    // The encoder writes valid UTF-8 JSON ending in a newline.
                    let line = out.strip_suffix(b"\n").unwrap_or(&out);
                    String::from_utf8_lossy(line).into_owned()
                })
                .collect()
        })
    }
}

/// One step of the registry with its default options, built once per process.
fn default_step(
    cell: &'static OnceLock<Result<Element, String>>,
    ty: &str,
) -> Result<&'static Element, Error> {
    let built = cell.get_or_init(|| {
        let mut table = toml::Table::new();
        table.insert("type".into(), toml::Value::from(ty));
        Registry
            .build(1, &table)
            .map(|b| b.element)
            .map_err(|e| e.to_string())
    });
    built.as_ref().map_err(|m| Error {
        message: m.clone(),
        code: FAILED,
    })
}

/// Runs a step on a document; a step failure is an error, a removal is reported as such.
fn apply(element: &Element, doc: &mut Document) -> Result<Verdict, Error> {
    element
        .apply(doc, 0, &mut Cx::default())
        .map_err(|e| Error {
            message: e.to_string(),
            code: FAILED,
        })
}

static NORMALIZE: OnceLock<Result<Element, String>> = OnceLock::new();
static LID: OnceLock<Result<Element, String>> = OnceLock::new();
static EXTRACT: OnceLock<Result<Element, String>> = OnceLock::new();

/// `ghirbal.normalize`: the `normalize` step with its default options.
#[pyfunction]
fn normalize(py: Python<'_>, text: String) -> PyResult<String> {
    py.allow_threads(|| {
        let step = default_step(&NORMALIZE, "normalize")?;
        let mut doc = Document::new("", text);
        apply(step, &mut doc)?;
        Ok(doc.text)
    })
    .map_err(|e: Error| e.into_py(py))
}

/// What `lid` wrote on one text: language, score, script, dialect, dialect score.
type Guess = (
    Option<serde_json::Value>,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
    Option<serde_json::Value>,
);

/// `ghirbal.lid`: the `lid` step with its default options on each text; its annotations,
/// whatever it would decide.
#[pyfunction]
fn lid<'py>(py: Python<'py>, texts: Vec<String>) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let guesses = py
        .allow_threads(|| -> Result<Vec<Guess>, Error> {
            let step = default_step(&LID, "lid")?;
            texts
                .into_iter()
                .map(|text| {
                    let mut doc = Document::new("", text);
                    apply(step, &mut doc)?;
                    let mut take = |k: &str| doc.meta.shift_remove(k);
                    Ok((
                        take("language"),
                        take("language_score"),
                        take("script"),
                        take("dialect"),
                        take("dialect_score"),
                    ))
                })
                .collect()
        })
        .map_err(|e| e.into_py(py))?;
    guesses
        .into_iter()
        .map(|(language, score, script, dialect, dialect_score)| {
            let d = PyDict::new(py);
            d.set_item("language", language.as_ref().and_then(|v| v.as_str()))?;
            d.set_item("score", score.as_ref().and_then(serde_json::Value::as_f64))?;
            d.set_item("script", script.as_ref().and_then(|v| v.as_str()))?;
            d.set_item("dialect", dialect.as_ref().and_then(|v| v.as_str()))?;
            d.set_item(
                "dialect_score",
                dialect_score.as_ref().and_then(serde_json::Value::as_f64),
            )?;
            Ok(d)
        })
        .collect()
}

/// `ghirbal.extract`: the `extract` step with its default options on one page given as text;
/// None when the page holds no main text.
#[pyfunction]
#[pyo3(signature = (html, url=None))]
fn extract(py: Python<'_>, html: String, url: Option<String>) -> PyResult<Option<String>> {
    py.allow_threads(|| {
        let step = default_step(&EXTRACT, "extract")?;
        let mut doc = Document::new("", "");
        if let Some(url) = url {
            doc.meta.insert("url".into(), url.into());
        }
        doc.html = Some(Box::new(ghirbal_core::Html {
            bytes: html.into_bytes(),
            // A Python str arrives as UTF-8, whatever the page's <meta charset> says.
            http_charset: Some("utf-8".into()),
        }));
        Ok(match apply(step, &mut doc)? {
            Verdict::Keep => Some(doc.text),
            Verdict::Drop(_) => None,
        })
    })
    .map_err(|e: Error| e.into_py(py))
}

/// Whether ghirbal reads a file of this name (by its extension, as folders are searched).
#[pyfunction]
fn readable(name: &str) -> bool {
    ghirbal_io::input::kind_of(Path::new(name)).is_some()
}

/// The names of the embedded presets.
#[pyfunction]
fn presets() -> Vec<&'static str> {
    ghirbal_steps::PRESETS.iter().map(|p| p.0).collect()
}

#[pymodule]
fn _ghirbal(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(lid, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(presets, m)?)?;
    m.add_function(wrap_pyfunction!(readable, m)?)?;
    m.add_class::<Pipeline>()?;
    m.add_class::<distributed::DistributedJob>()?;
    m.add_function(wrap_pyfunction!(distributed::dist_unit, m)?)?;
    m.add_function(wrap_pyfunction!(distributed::dist_reduce, m)?)?;
    m.add_function(wrap_pyfunction!(distributed::dist_combine, m)?)?;
    Ok(())
}
