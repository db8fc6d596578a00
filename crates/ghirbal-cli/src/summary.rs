//! What the CLI prints: the one-screen summary after a run, and the step catalog.

use ghirbal_pipeline::{Outcome, RunReport};
use std::fmt::Write;

fn pct(n: u64, of: u64) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!("{:.1} %", 100.0 * n as f64 / of as f64)
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The end-of-run summary.
pub fn render(report: &RunReport) -> String {
    let s = &report.stats;
    let c = &s.counts;
    let out = report.output.display();
    let mut o = String::new();
    let how = match s.outcome {
        Outcome::Completed => format!("finished in {:.1} s on {} worker thread{}", s.wall_seconds, s.threads, if s.threads == 1 { "" } else { "s" }),
        Outcome::Resumed => format!(
            "resumed at record {} and finished in {:.1} s on {} worker thread{}",
            s.resumed_from_record.unwrap_or(0),
            s.wall_seconds,
            s.threads,
            if s.threads == 1 { "" } else { "s" }
        ),
        Outcome::AlreadyComplete => {
            "already complete for this configuration and input (nothing to do; --overwrite reruns it)".into()
        }
    };
    let _ = writeln!(o, "ghirbal run: {how}");
    let _ = writeln!(
        o,
        "  read     {:>10}   {} of text",
        c.read,
        mb(c.bytes_read)
    );
    let _ = writeln!(
        o,
        "  kept     {:>10}   {:>7}   {} of text  -> {out}/kept/",
        c.kept,
        pct(c.kept, c.documents()),
        mb(c.bytes_kept)
    );
    let tagged = !s.outputs.attributes.is_empty();
    if tagged {
        let _ = writeln!(
            o,
            "  tag mode: nothing removed; what the steps measured and would have removed -> {out}/attributes/"
        );
    } else {
        let _ = writeln!(
            o,
            "  removed  {:>10}   {:>7}   -> {out}/removed/",
            c.removed,
            pct(c.removed, c.documents())
        );
    }
    let _ = write!(
        o,
        "  rejected {:>10}   {:>7}",
        c.rejected,
        pct(c.rejected, c.documents())
    );
    if c.rejected > 0 {
        let why: Vec<String> = c
            .rejected_by_error
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = write!(o, "   -> {out}/rejected/ ({})", why.join(", "));
    }
    let _ = writeln!(o);
    if let Some(n) = c.rejected_by_error.get("damaged_input") {
        let _ = writeln!(
            o,
            "  WARNING: damage in {n} place(s) of the inputs: what followed each damage in that file (or gzip member) was not read; offsets in {out}/rejected/"
        );
    }
    if c.skipped > 0 {
        let why: Vec<String> = c
            .skipped_by_reason
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(
            o,
            "  skipped  {:>10}   not documents ({})",
            c.skipped,
            why.join(", ")
        );
    }
    if !c.steps.is_empty() {
        // As wide as the longest step name (`gopher-repetition`), at least 16.
        let w = c
            .steps
            .iter()
            .map(|st| st.name.len())
            .max()
            .unwrap_or(0)
            .max(16);
        let _ = writeln!(
            o,
            "\n  {:<w$} {:>10} {:>10} {:>9}  {}",
            "step",
            "in",
            "out",
            "seconds",
            if tagged {
                "would remove, by reason"
            } else {
                "removed by reason"
            }
        );
        for st in &c.steps {
            let mut reasons: Vec<String> =
                st.removed.iter().map(|(k, v)| format!("{k} {v}")).collect();
            // Tag mode counts what a step would have removed.
            reasons.extend(st.counters.iter().filter_map(|(k, v)| {
                k.strip_prefix("would_remove:")
                    .map(|code| format!("{code} {v}"))
            }));
            if st.errors > 0 {
                reasons.push(format!("errors {}", st.errors));
            }
            // Line-level edits (boilerplate): lines removed per rule. The per-sub-code counts
            // (`lines_removed:link_list/toc`) detail these in stats.json; the summary keeps to
            // the rules.
            let lines: Vec<String> = st
                .counters
                .iter()
                .filter_map(|(k, v)| {
                    k.strip_prefix("lines_removed:")
                        .filter(|rule| !rule.contains('/'))
                        .map(|rule| format!("{rule} {v}"))
                })
                .collect();
            if !lines.is_empty() {
                reasons.push(format!("lines removed: {}", lines.join(", ")));
            }
            let row = format!(
                "  {:<w$} {:>10} {:>10} {:>9.2}  {}",
                st.name,
                st.docs_in,
                st.docs_out,
                st.seconds,
                reasons.join(", ")
            );
            let _ = writeln!(o, "{}", row.trim_end());
        }
    }
    for pass in &s.observation_passes {
        if pass.restored {
            let _ = writeln!(
                o,
                "  note: {} restored its decisions from the interrupted run (not observed again)",
                pass.stage
            );
        } else if let Some(record) = pass.resumed_from_record {
            let _ = writeln!(
                o,
                "  note: {} resumed its observation pass at record {record}",
                pass.stage
            );
        }
    }
    for input in &s.empty_inputs {
        let _ = writeln!(o, "  note: input {input} holds no record");
    }
    for (input, layout) in &s.json_inputs {
        let how = if layout == "array" {
            "one JSON array: each element is a record"
        } else {
            "JSON lines"
        };
        let _ = writeln!(o, "  note: input {input} was read as {how}");
    }
    if !s.skipped_files.is_empty() {
        let _ = writeln!(
            o,
            "  note: {} file(s) in input folders were skipped (not .jsonl/.json/.txt/.parquet/.warc/.wet/.html, plain or compressed), e.g. {}",
            s.skipped_files.len(),
            s.skipped_files[0]
        );
    }
    let _ = writeln!(
        o,
        "\n  details: {out}/stats.json   configuration: {out}/config.toml"
    );
    if report.output.join("report.html").exists() {
        let _ = writeln!(o, "  report:  {out}/report.html (open it in a browser)");
    }
    o
}

/// The `ghirbal steps` listing.
pub fn catalog() -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Step types (use them as [[steps]] type = \"NAME\" in a configuration file):\n"
    );
    for info in ghirbal_steps::catalog() {
        let kind = if info.kind == "stage" {
            "  (whole-corpus stage)"
        } else {
            ""
        };
        let _ = writeln!(o, "{}{kind}\n  {}", info.name, info.summary);
        if info.options.is_empty() {
            let _ = writeln!(o, "  options: none");
        } else {
            let _ = writeln!(o, "  options (name = default: meaning):");
            let width = info.options.iter().map(|o| o.name.len()).max().unwrap_or(0);
            for opt in &info.options {
                let _ = writeln!(
                    o,
                    "    {:<width$} = {}: {}",
                    opt.name, opt.default, opt.help
                );
            }
        }
        if info.reasons.is_empty() {
            let _ = writeln!(o, "  reason codes: none (it never removes a document)");
        } else {
            let _ = writeln!(o, "  reason codes:");
            let width = info.reasons.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (code, meaning) in &info.reasons {
                let _ = writeln!(o, "    {code:<width$}  {meaning}");
            }
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "Presets (--preset NAME; `ghirbal steps --preset NAME` prints one):"
    );
    for (name, what, _) in ghirbal_steps::PRESETS {
        let _ = writeln!(o, "  {name:<10} {what}");
    }
    let _ = writeln!(
        o,
        "\nConfiguration file (TOML): version = 1; optional [reader] id_field, text_field, max_doc_bytes;\noptional [writer] format, shard_bytes, zstd_level; then [[steps]] tables in order."
    );
    o
}
