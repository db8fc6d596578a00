//! Helpers shared by the fuzz targets: scratch input files for the readers (which read paths,
//! not byte slices), building a step as a configuration would, running one document through a
//! step or a stage, a cap on single allocations, and the switches that let a long run step over
//! a known finding.

use ghirbal_core::{Cx, Document, Element, StepError, Verdict};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The system allocator, refusing any single allocation larger than [`cap_allocations`] allows:
/// the refusal ends the process ("memory allocation of N bytes failed"), which libFuzzer
/// records as a crash. Unlike libFuzzer's `-malloc_limit_mb`, this works in builds without a
/// sanitizer too (CI's replay), so an input that makes a reader reserve gigabytes fails there.
struct CappedAllocator;

static ALLOCATION_CAP: AtomicUsize = AtomicUsize::new(usize::MAX);

// SAFETY: every call is passed on unchanged to the system allocator, or refused with null,
// which `GlobalAlloc` allows for `alloc`, `alloc_zeroed` and `realloc`.
unsafe impl GlobalAlloc for CappedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > ALLOCATION_CAP.load(Ordering::Relaxed) {
            return std::ptr::null_mut();
        }
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > ALLOCATION_CAP.load(Ordering::Relaxed) {
            return std::ptr::null_mut();
        }
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > ALLOCATION_CAP.load(Ordering::Relaxed) {
            return std::ptr::null_mut();
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: CappedAllocator = CappedAllocator;

/// From now on, a single allocation of more than `bytes` ends the process as a crash. The
/// readers' targets set it: a small input must not make ghirbal reserve memory out of
/// proportion to it.
pub fn cap_allocations(bytes: usize) {
    ALLOCATION_CAP.store(bytes, Ordering::Relaxed);
}

/// A folder of this process's own for scratch inputs: in `/dev/shm` where it exists (no disk
/// writes per execution), else the system's temporary folder. One per process, so that
/// parallel fuzzers (`-jobs`, `-fork`) never share a file.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("ghirbal-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder for fuzz inputs");
        dir
    })
}

/// Writes `data` to the scratch file `name` (its extension decides how ghirbal reads it) and
/// returns its path.
pub fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    let path = scratch_dir().join(name);
    std::fs::write(&path, data).expect("scratch input written");
    path
}

/// Builds one step from its TOML table, as `[[steps]]` in a configuration would. A table that
/// does not build is a mistake in the target, not a finding.
pub fn build(table: &str) -> Element {
    let table: toml::Table = toml::from_str(table).expect("step table is TOML");
    match ghirbal_steps::build(1, &table) {
        Ok(built) => built.element,
        Err(e) => panic!("fuzz target's step table does not build: {e}"),
    }
}

/// Runs one document through a step, or through a stage's final decision (the stage must not
/// need an observation pass, or have had one).
pub fn process(element: &Element, doc: &mut Document) -> Result<Verdict, StepError> {
    let mut cx = Cx::default();
    let verdict = match element {
        Element::Step(step) => step.process(doc, &mut cx),
        Element::Stage(stage) => stage.decide(doc, 0, &mut cx),
    };
    // Counters are part of the contract too: draining them must not panic.
    for (key, _) in cx.drain() {
        assert!(!key.is_empty(), "empty counter name");
    }
    verdict
}

/// A verdict that removes a document names its step, a code and a detail.
pub fn check_verdict(verdict: &Verdict) {
    if let Verdict::Drop(reason) = verdict {
        assert!(!reason.step.is_empty(), "drop without a step: {reason:?}");
        assert!(!reason.code.is_empty(), "drop without a code: {reason:?}");
        assert!(
            !reason.detail.is_empty(),
            "drop without a detail: {reason:?}"
        );
    }
}

/// Known findings that a long exploratory run may step over, named in the environment
/// variable `GHIRBAL_FUZZ_TOLERATE` (comma-separated). Empty by default: replays and CI are
/// strict. A target consults this for its own known findings; each one is documented in
/// fuzz/README.md with the regression input that shows it.
pub fn tolerated(name: &str) -> bool {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            std::env::var("GHIRBAL_FUZZ_TOLERATE")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .iter()
        .any(|n| n == name)
}

/// Lets panics that the code under test catches itself pass, as they would in ghirbal:
/// libFuzzer's panic hook aborts on every panic, caught or not, but ghirbal-io deliberately
/// turns a panic of the parquet crate into a `damaged_input` rejection. A panic that escapes
/// the code under test still ends the run as a crash (libfuzzer-sys aborts on it). Each
/// distinct place that panicked is said once on standard error, with the message (and the
/// stack with `RUST_BACKTRACE=1`).
pub fn let_caught_panics_pass() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let _libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
            if !seen.contains(&at) {
                // With RUST_BACKTRACE=1, where it came from.
                let trace = std::backtrace::Backtrace::capture();
                eprintln!("GHIRBAL-FUZZ panic (first at this place): {info}\n{trace}");
                seen.push(at);
            }
        }));
    });
}
