//! Safety of the user's data: the output folder holds only what ghirbal wrote and takes one run
//! at a time, inputs are never deleted nor read twice, memory stays bounded on hostile input,
//! and interruptions and misconfigurations end with a clear word and the right exit code.

use super::*;
use std::time::{Duration, Instant};

/// Every file under `dir` with its bytes, paths relative to `dir`, `.ghirbal/` left out.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("folder") {
            let p = e.expect("entry").path();
            let rel = p
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if rel.starts_with(".ghirbal") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((rel, fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A user's file at every level of an earlier run's output: the top, `kept/`, `.ghirbal/` and
/// a folder of their own. With or without `--overwrite`, with the same or another
/// configuration, the run is refused with exit 2, the paths are listed, and every file
/// survives.
#[test]
fn a_users_file_at_any_level_survives_every_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(40)).expect("write");
    for place in [
        "mine.jsonl",
        "kept/mine.jsonl",
        ".ghirbal/mine.json",
        "own/sub/mine.txt",
    ] {
        let out = tmp.path().join(format!("out-{}", place.replace('/', "_")));
        run_ok(&input, &out, &[]);
        let user_file = out.join(place);
        fs::create_dir_all(user_file.parent().expect("parent")).expect("mkdir");
        fs::write(&user_file, "بيانات المستخدم").expect("write");
        for extra in [
            &[][..],
            &["--overwrite"],
            &["--preset", "none"],
            &["--preset", "none", "--overwrite"],
        ] {
            let o = bin()
                .args(run_args(&input, &out, extra))
                .output()
                .expect("runs");
            assert_eq!(
                o.status.code(),
                Some(2),
                "{place} {extra:?}: {}",
                stderr(&o)
            );
            assert!(stderr(&o).contains(place), "{place}: {}", stderr(&o));
            assert!(stderr(&o).contains("did not write"), "{}", stderr(&o));
            assert_eq!(
                fs::read_to_string(&user_file).expect("the user's file survives"),
                "بيانات المستخدم",
                "{place} {extra:?}"
            );
        }
        // The run's own output is untouched too.
        assert!(out.join("stats.json").exists());
    }
}

/// The two examples: an input folder used as the output folder, and a folder whose
/// `kept/` holds a user's data, each with `--overwrite`.
#[test]
fn overwrite_never_deletes_inputs_or_a_users_kept_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path().join("d");
    fs::create_dir_all(d.join("kept")).expect("mkdir");
    fs::write(d.join("kept/part1.jsonl"), corpus(5)).expect("write");
    fs::write(d.join("top.jsonl"), corpus(7)).expect("write");
    let o = ghirbal(&["run", path_str(&d), "-o", path_str(&d), "--overwrite", "-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(d.join("kept/part1.jsonl")).expect("kept"),
        corpus(5)
    );
    assert_eq!(
        fs::read_to_string(d.join("top.jsonl")).expect("kept"),
        corpus(7)
    );
    assert!(
        !d.join(".ghirbal").exists(),
        "nothing written into a refused folder"
    );

    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(5)).expect("write");
    let o_dir = tmp.path().join("o");
    fs::create_dir_all(o_dir.join("kept")).expect("mkdir");
    fs::write(o_dir.join("kept/mydata.jsonl"), "x\n").expect("write");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&o_dir),
        "--overwrite",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("mydata.jsonl"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(o_dir.join("kept/mydata.jsonl")).expect("kept"),
        "x\n"
    );

    // A folder holding only `kept/` and a user's stats.json: refused, stats.json untouched.
    let s_dir = tmp.path().join("s");
    fs::create_dir_all(s_dir.join("kept")).expect("mkdir");
    fs::write(s_dir.join("stats.json"), "{\"mine\": true}").expect("write");
    let o = ghirbal(&["run", path_str(&input), "-o", path_str(&s_dir), "-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(s_dir.join("stats.json")).expect("kept"),
        "{\"mine\": true}"
    );
}

/// An input inside the output folder is refused; an output folder inside an input folder is
/// not read as input, and a rerun resumes (here: finds the run complete).
#[test]
fn inputs_and_outputs_do_not_overlap() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(20)).expect("write");
    run_ok(&input, &out, &["--format", "jsonl"]);
    let own = out.join("kept/00000.jsonl");
    let before = fs::read(&own).expect("shard");
    for extra in [&[][..], &["--overwrite"]] {
        let o = bin()
            .args(run_args(&own, &out, extra))
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("inside the output folder"),
            "{}",
            stderr(&o)
        );
        assert_eq!(fs::read(&own).expect("still there"), before);
    }

    let corpus_dir = tmp.path().join("corpus");
    fs::create_dir_all(&corpus_dir).expect("mkdir");
    fs::write(corpus_dir.join("a.jsonl"), corpus(30)).expect("write");
    let nested = corpus_dir.join("out");
    run_ok(&corpus_dir, &nested, &["--format", "jsonl"]);
    assert_eq!(n(&stats(&nested), "read"), 30);
    let o = ghirbal(&[
        "run",
        path_str(&corpus_dir),
        "-o",
        path_str(&nested),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("already complete"),
        "its own output was not read as input: {summary}"
    );
}

/// Two runs into one folder at once: one proceeds, the other exits 2 before writing, saying
/// which process holds the folder; the output equals a single run's, byte for byte.
#[test]
fn one_output_folder_takes_one_run_at_a_time() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let mut text = corpus(30_000);
    text.push_str(&corpus(1_000));
    fs::write(&input, &text).expect("write");
    let reference = tmp.path().join("reference");
    run_ok(&input, &reference, &["--batch-docs", "200"]);
    let out = tmp.path().join("out");
    let args = run_args(&input, &out, &["--batch-docs", "200"]);
    let mut first = bin().args(&args).spawn().expect("spawn");
    // Wait until the first run holds the folder.
    let started = Instant::now();
    while !out.join(".ghirbal/run.json").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "first run never started"
        );
        if first.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let second = bin().args(&args).output().expect("runs");
    let first_status = first.wait().expect("first finishes");
    assert!(first_status.success());
    assert!(
        !second.status.success(),
        "the first run finished before the second started; use a larger corpus"
    );
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let err = stderr(&second);
    assert!(err.contains("in use by another ghirbal run"), "{err}");
    assert!(err.contains(&format!("process {}", first.id())), "{err}");
    // Every file but the run's timings is the same as a single run's.
    let timed = |p: &String| p == "stats.json" || p == "config.toml" || p == "report.html";
    let strip =
        |t: Vec<(String, Vec<u8>)>| t.into_iter().filter(|(p, _)| !timed(p)).collect::<Vec<_>>();
    assert_eq!(strip(tree(&out)), strip(tree(&reference)));
    for sub in ["kept", "removed", "rejected"] {
        assert_eq!(
            tree_bytes(&out.join(sub)),
            tree_bytes(&reference.join(sub)),
            "{sub}"
        );
    }
    assert_eq!(stats(&out)["read"], stats(&reference)["read"]);
}

/// A lock left by a process that died (a lock file naming a process that no longer exists)
/// does not block the rerun: the kernel's lock went with the process.
#[test]
fn a_dead_runs_lock_does_not_block_a_resume() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(50)).expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &[]);
    fs::write(
        out.join(".ghirbal/lock"),
        "process 4194000 since 2026-01-01 (ghirbal run)",
    )
    .expect("write");
    fs::remove_file(out.join(".ghirbal/checkpoint.json")).expect("rm");
    let o = bin()
        .args(run_args(&input, &out, &[]))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A FIFO is refused at once (it would block the open, and cannot be read twice); so is the
/// same file named twice; the same file spelled relative and absolute resumes.
#[test]
fn fifos_and_repeated_inputs_are_refused_and_spellings_resume() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fifo = tmp.path().join("stream.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let started = Instant::now();
    let mut child = bin()
        .args([
            "run",
            path_str(&fifo),
            "-o",
            path_str(&tmp.path().join("o")),
            "-q",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("ghirbal hangs on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert!(err.contains("not a regular file"), "{err}");

    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(10)).expect("write");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        path_str(&input),
        "-o",
        path_str(&tmp.path().join("o2")),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("same file"), "{}", stderr(&o));
    let o = ghirbal(&[
        "run",
        path_str(tmp.path()),
        path_str(&input),
        "-o",
        path_str(&tmp.path().join("o3")),
        "-q",
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a file also found through its folder"
    );

    // The same input spelled relative, then absolute: the second run finds the first.
    let out = tmp.path().join("o4");
    let rel = bin()
        .current_dir(tmp.path())
        .args(["run", "in.jsonl", "-o", "o4", "-q"])
        .output()
        .expect("runs");
    assert!(rel.status.success(), "{}", stderr(&rel));
    let abs = ghirbal(&["run", path_str(&input), "-o", path_str(&out)]);
    assert!(abs.status.success(), "{}", stderr(&abs));
    assert!(String::from_utf8_lossy(&abs.stdout).contains("already complete"));
}

/// An input that grows while it is read stops the run with an error naming it.
#[test]
fn an_input_that_changes_during_the_run_stops_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(60_000)).expect("write");
    let out = tmp.path().join("out");
    let mut child = bin()
        .args(run_args(&input, &out, &["--threads", "1"]))
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while !out.join(".ghirbal/run.json").exists() {
        assert!(started.elapsed() < Duration::from_secs(60), "never started");
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(&input)
        .expect("open");
    f.write_all(corpus(10).as_bytes()).expect("append");
    drop(f);
    let status = child.wait().expect("waits");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("changed during the run"), "{err}");
    assert!(
        !out.join("stats.json").exists(),
        "no finished run is claimed"
    );
}

/// SIGINT stops the run after a checkpoint, says how to resume and exits 130; the same
/// command then finishes with the output of an uninterrupted run.
#[test]
fn ctrl_c_checkpoints_and_the_same_command_resumes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let mut text = corpus(40_000);
    text.push_str(&corpus(500));
    fs::write(&input, &text).expect("write");
    let args = |out: &Path| run_args(&input, out, &["--batch-docs", "100", "--threads", "1"]);
    let reference = tmp.path().join("reference");
    assert!(bin()
        .args(args(&reference))
        .status()
        .expect("runs")
        .success());
    let out = tmp.path().join("out");
    let mut interrupted = false;
    for _attempt in 0..5 {
        let _ = fs::remove_dir_all(&out);
        let mut child = bin()
            .args(args(&out))
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        while !out.join(".ghirbal/run.json").exists() && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(30));
        let sent = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = child.wait().expect("waits");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("read");
        if status.success() {
            continue; // finished before the signal arrived
        }
        assert_eq!(status.code(), Some(130), "{err}");
        assert!(
            err.contains("run the same command again to resume"),
            "{err}"
        );
        interrupted = true;
        break;
    }
    assert!(interrupted, "could not interrupt the run");
    let o = bin().args(args(&out)).output().expect("resumes");
    assert!(o.status.success(), "{}", stderr(&o));
    for sub in ["kept", "removed", "rejected"] {
        assert_eq!(
            tree_bytes(&out.join(sub)),
            tree_bytes(&reference.join(sub)),
            "{sub}"
        );
    }
    assert_eq!(stats(&out)["kept"], stats(&reference)["kept"]);
}

/// A run whose records are nearly all rejected (a wrong --text-field) exits 1 and says so;
/// --max-rejected sets the limit.
#[test]
fn a_run_that_rejects_everything_fails_loudly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(20)).expect("write");
    let out = tmp.path().join("out");
    let o = bin()
        .args(run_args(&input, &out, &["--text-field", "content"]))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("100.0 %"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--text-field \"content\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        n(&stats(&out), "rejected"),
        20,
        "the outputs are written either way"
    );
    let o = bin()
        .args(run_args(
            &input,
            &tmp.path().join("out2"),
            &["--text-field", "content", "--max-rejected", "1"],
        ))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Small things: a closed standard output is no panic; an id field that is the text field is
/// refused.
#[test]
fn a_closed_stdout_and_a_doubled_field() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(20)).expect("write");
    let mut child = bin()
        .args([
            "run",
            path_str(&input),
            "-o",
            path_str(&tmp.path().join("o")),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let status = child.wait().expect("waits");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&tmp.path().join("o2")),
        "--id-field",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("both \"text\""), "{}", stderr(&o));
}

/// Peak resident memory of a child process, in MiB, sampled until it exits (VmHWM is the
/// kernel's own high-water mark, so sampling late still sees the peak).
fn peak_mib(mut cmd: Command) -> (std::process::ExitStatus, u64, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    loop {
        if let Ok(status) = fs::read_to_string(&status_path) {
            if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
                let kib: u64 = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().expect("wait") {
            return (status, peak_kib / 1024, reader.join().expect("stdout"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A 33 KB zstd file expanding to a 1 GiB line between two small records: `run`, `inspect`
/// and `lid` reject or report the line without loading it, keep the records around it, and
/// stay under 200 MB.
#[test]
fn a_zstd_bomb_is_read_in_bounded_memory_by_every_command() {
    let bomb =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bomb-1gib-line.jsonl.zst");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");

    let mut run = bin();
    run.args([
        "run",
        path_str(&bomb),
        "-o",
        path_str(&out),
        "-q",
        "--preset",
        "none",
        "--max-rejected",
        "1",
    ]);
    let (status, peak, _) = peak_mib(run);
    assert!(status.success());
    assert!(peak < 200, "run peaked at {peak} MiB");
    let s = stats(&out);
    assert_eq!((n(&s, "kept"), n(&s, "rejected")), (2, 1), "{s}");
    assert_eq!(s["rejected_by_error"]["too_large"], 1);

    let mut inspect = bin();
    inspect.args(["inspect", path_str(&bomb), "--id", "small-2", "--json"]);
    let (status, peak, stdout) = peak_mib(inspect);
    assert!(status.success(), "{stdout}");
    assert!(peak < 200, "inspect peaked at {peak} MiB");
    assert!(stdout.contains("small-2"), "{stdout}");

    let mut lid = bin();
    lid.args(["lid", path_str(&bomb)]);
    let (status, peak, stdout) = peak_mib(lid);
    assert!(status.success(), "{stdout}");
    assert!(peak < 200, "lid peaked at {peak} MiB");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0]["language"], "ar");
    assert_eq!(lines[1]["error"], "too_large");
    assert_eq!(lines[2]["id"], "small-2");
}

/// A run of one document leaves a small state folder: the stages' saved decisions are
/// compressed (the boilerplate sketch alone was 32 MiB of mostly zeros).
#[test]
fn a_small_run_leaves_a_small_state_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("one.jsonl");
    fs::write(&input, corpus(1)).expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &[]);
    let total: u64 = fs::read_dir(out.join(".ghirbal"))
        .expect("state folder")
        .map(|e| e.expect("entry").metadata().expect("meta").len())
        .sum();
    assert!(total < 1 << 20, "{total} bytes of state for one document");
    // And the saved state is still what a rerun restores from.
    let o = ghirbal(&["run", path_str(&input), "-o", path_str(&out)]);
    assert!(o.status.success());
}

/// Configurations that would silently remove every document are refused with a message naming
/// the option; a relative phrase file is found beside its configuration from any folder, is
/// written absolute into OUT/config.toml, and editing it changes the run's identity.
#[test]
fn configuration_that_cannot_mean_what_it_says_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(10)).expect("write");
    let cases = [
        (
            "[[steps]]\ntype = \"lid\"\nkeep = [\"arabic\"]\n",
            "\"arabic\" is not a language code",
        ),
        (
            "[[steps]]\ntype = \"fineweb-quality\"\nline_punct_thr = -0.5\n",
            "line_punct_thr",
        ),
        (
            "[[steps]]\ntype = \"length\"\nmin_chars = 500\nmax_chars = 100\n",
            "min_chars = 500 is greater than max_chars = 100",
        ),
    ];
    for (steps, needle) in cases {
        let cfg = tmp.path().join("bad.toml");
        fs::write(&cfg, format!("version = 1\n{steps}")).expect("write");
        let out = tmp.path().join("o-bad");
        let o = ghirbal(&[
            "run",
            path_str(&input),
            "-o",
            path_str(&out),
            "--config",
            path_str(&cfg),
        ]);
        assert_eq!(o.status.code(), Some(2), "{steps}");
        assert!(
            stderr(&o).contains(needle),
            "{needle} not in {}",
            stderr(&o)
        );
        assert!(!out.exists(), "nothing written");
    }

    let cfg_dir = tmp.path().join("cfg");
    fs::create_dir_all(&cfg_dir).expect("mkdir");
    fs::write(
        cfg_dir.join("phrases.txt"),
        "# site footer\nجميع الحقوق محفوظة\n",
    )
    .expect("write");
    fs::write(
        cfg_dir.join("good.toml"),
        "version = 1\n[[steps]]\ntype = \"boilerplate\"\nextra_phrases_file = \"phrases.txt\"\n",
    )
    .expect("write");
    let work = tmp.path().join("elsewhere");
    fs::create_dir_all(&work).expect("mkdir");
    let out = tmp.path().join("out");
    let o = bin()
        .current_dir(&work)
        .args([
            "run",
            path_str(&input),
            "-o",
            path_str(&out),
            "-q",
            "--config",
            "../cfg/good.toml",
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let written = fs::read_to_string(out.join("config.toml")).expect("config.toml");
    let absolute = cfg_dir.canonicalize().expect("real").join("phrases.txt");
    assert!(written.contains(path_str(&absolute)), "{written}");
    // OUT/config.toml works from anywhere, and is the same run.
    let o = bin()
        .current_dir("/")
        .args([
            "run",
            path_str(&input),
            "-o",
            path_str(&out),
            "--config",
            path_str(&out.join("config.toml")),
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("already complete"));
    // Editing the phrase file makes it another run.
    fs::write(
        cfg_dir.join("phrases.txt"),
        "جميع الحقوق محفوظة\nتابعونا على\n",
    )
    .expect("write");
    let o = bin()
        .current_dir(&work)
        .args([
            "run",
            path_str(&input),
            "-o",
            path_str(&out),
            "-q",
            "--config",
            "../cfg/good.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("different configuration"),
        "{}",
        stderr(&o)
    );
}

/// `ghirbal lid` reads a Parquet file by rows (it used to read the binary as lines of text).
#[test]
fn lid_reads_parquet_by_rows() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(5)).expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &["--preset", "none", "--format", "parquet"]);
    let shard = out.join("kept/00000.parquet");
    let o = ghirbal(&["lid", path_str(&shard)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 5);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("d{i}"));
        assert_eq!(l["language"], "ar");
    }
}

/// Names ghirbal used and then renamed or removed (`config.tmp`, a shard's `.partial`, the
/// write test) are no longer its own; a hard link is never its own; a file called like the
/// lock or the ledger is judged by its content; a user's file in a stage's work folder is not
/// deleted with it. (Found by a hostile review: each of these was deleted or overwritten.)
#[test]
fn names_ghirbal_let_go_of_and_hard_links_are_foreign() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(30)).expect("write");
    for name in [
        "config.tmp",
        "stats.tmp",
        "kept/00000.jsonl.zst.partial",
        ".ghirbal/write-test",
        ".ghirbal/run.tmp",
    ] {
        let out = tmp.path().join(format!("o-{}", name.replace('/', "_")));
        run_ok(&input, &out, &[]);
        fs::write(out.join(name), "MINE").expect("write");
        let o = bin()
            .args(run_args(&input, &out, &["--preset", "full", "--overwrite"]))
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert_eq!(fs::read_to_string(out.join(name)).expect("kept"), "MINE");
    }

    let out = tmp.path().join("linked");
    run_ok(&input, &out, &[]);
    let precious = tmp.path().join("precious.txt");
    fs::write(&precious, "MY THESIS").expect("write");
    fs::remove_file(out.join("config.toml")).expect("rm");
    fs::hard_link(&precious, out.join("config.toml")).expect("link");
    let o = bin()
        .args(run_args(&input, &out, &["--overwrite"]))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&precious).expect("kept"), "MY THESIS");

    for name in ["ledger", "ledger.tmp", "lock"] {
        let out = tmp.path().join(format!("state-{name}"));
        fs::create_dir_all(out.join(".ghirbal")).expect("mkdir");
        fs::write(out.join(".ghirbal").join(name), "PRECIOUS").expect("write");
        let o = bin()
            .args(run_args(&input, &out, &[]))
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert_eq!(
            fs::read_to_string(out.join(".ghirbal").join(name)).expect("kept"),
            "PRECIOUS"
        );
    }
}

/// A link inside an input folder that leads into the output folder is refused before
/// anything is deleted, and so is a `save_index` that names an input.
#[test]
fn links_into_the_output_and_an_index_over_an_input_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = tmp.path().join("src");
    fs::create_dir_all(&src).expect("mkdir");
    fs::write(src.join("a.jsonl"), corpus(20)).expect("write");
    let out = tmp.path().join("out");
    run_ok(&src, &out, &[]);
    std::os::unix::fs::symlink(out.join("kept/00000.jsonl.zst"), src.join("b.jsonl.zst"))
        .expect("symlink");
    let o = bin()
        .args(run_args(&src, &out, &["--overwrite"]))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("inside the output folder"),
        "{}",
        stderr(&o)
    );
    assert!(out.join("kept/00000.jsonl.zst").exists());

    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(20)).expect("write");
    let cfg = tmp.path().join("c.toml");
    fs::write(
        &cfg,
        "version = 1\n[[steps]]\ntype = \"minhash-dedup\"\nsave_index = \"in.jsonl\"\n",
    )
    .expect("write");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&tmp.path().join("o2")),
        "--config",
        path_str(&cfg),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is one of the inputs"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&input).expect("intact"), corpus(20));
}

/// A closed standard error is no panic: the exit code stays the one documented.
#[test]
fn a_closed_stderr_keeps_the_exit_code() {
    let mut child = bin()
        .args(["run", "/nonexistent/in.jsonl", "-o", "/tmp/never"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stderr.take());
    let status = child.wait().expect("waits");
    assert_eq!(status.code(), Some(2));
}

/// A hard link to an input is the same input; a link leading nowhere in an input folder is
/// skipped, not fatal.
#[test]
fn hard_linked_inputs_and_dangling_links() {
    let tmp = tempfile::tempdir().expect("tmp");
    let a = tmp.path().join("a.jsonl");
    fs::write(&a, corpus(5)).expect("write");
    let h = tmp.path().join("h.jsonl");
    fs::hard_link(&a, &h).expect("link");
    let o = ghirbal(&[
        "run",
        path_str(&a),
        path_str(&h),
        "-o",
        path_str(&tmp.path().join("o")),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let d = tmp.path().join("d");
    fs::create_dir_all(&d).expect("mkdir");
    fs::write(d.join("a.jsonl"), corpus(5)).expect("write");
    std::os::unix::fs::symlink("/nonexistent/notes.md", d.join("README.md")).expect("link");
    run_ok(&d, &tmp.path().join("o2"), &[]);
}
