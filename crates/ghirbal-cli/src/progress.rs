//! The progress bar on stderr: input read (with ETA when the input size is known), documents,
//! text MB, and rates. Hidden when stderr is not a terminal or with --quiet.

use ghirbal_pipeline::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub struct Bar {
    show: bool,
    bar: Mutex<Option<ProgressBar>>,
    started: Mutex<Instant>,
    docs: AtomicU64,
    text_bytes: AtomicU64,
}

impl Bar {
    pub fn new(show: bool) -> Self {
        Self {
            show,
            bar: Mutex::new(None),
            started: Mutex::new(Instant::now()),
            docs: AtomicU64::new(0),
            text_bytes: AtomicU64::new(0),
        }
    }

    pub fn clear(&self) {
        if let Ok(mut guard) = self.bar.lock() {
            if let Some(bar) = guard.take() {
                bar.finish_and_clear();
            }
        }
    }
}

impl Progress for Bar {
    fn pass(&self, label: &str, total_input_bytes: Option<u64>) {
        if !self.show {
            return;
        }
        self.clear();
        self.docs.store(0, Ordering::Relaxed);
        self.text_bytes.store(0, Ordering::Relaxed);
        if let Ok(mut t) = self.started.lock() {
            *t = Instant::now();
        }
        let bar = match total_input_bytes {
            Some(total) => {
                let bar = ProgressBar::new(total);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{prefix} [{bar:30}] {bytes}/{total_bytes} input, ETA {eta}  {msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                bar.set_style(
                    ProgressStyle::with_template("{prefix} {spinner} {bytes} input  {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar
            }
        };
        bar.set_prefix(label.to_string());
        if let Ok(mut guard) = self.bar.lock() {
            *guard = Some(bar);
        }
    }

    fn advance(&self, docs: u64, text_bytes: u64, input_bytes: u64) {
        if !self.show {
            return;
        }
        let docs = self.docs.fetch_add(docs, Ordering::Relaxed) + docs;
        let bytes = self.text_bytes.fetch_add(text_bytes, Ordering::Relaxed) + text_bytes;
        let secs = self
            .started
            .lock()
            .map(|t| t.elapsed().as_secs_f64())
            .unwrap_or(0.0)
            .max(1e-3);
        if let Ok(guard) = self.bar.lock() {
            if let Some(bar) = guard.as_ref() {
                bar.set_position(input_bytes);
                bar.set_message(format!(
                    "{docs} docs, {:.1} MB text, {:.0} docs/s, {:.1} MB/s",
                    bytes as f64 / 1e6,
                    docs as f64 / secs,
                    bytes as f64 / 1e6 / secs
                ));
            }
        }
    }

    fn pass_done(&self) {}
}
