//! From the crawl: WARC files (real ones from `../shared/data/warc`, when present, and the
//! embedded sample's), `.html` files and records with `--html-field`, through `ghirbal run` and
//! `ghirbal extract`.

use super::*;
use std::collections::HashMap;

fn shared_warc() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/warc");
    dir.exists().then_some(dir)
}

/// Lower-cased words (runs of letters, digits and `_`), as the WCXB scorer counts them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word-bag F1 of `pred` against `reference`.
fn word_f1(pred: &str, reference: &str) -> f64 {
    let (p, r) = (words(pred), words(reference));
    if p.is_empty() || r.is_empty() {
        return if p.is_empty() && r.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for w in &r {
        *bag.entry(w).or_default() += 1;
    }
    let mut overlap = 0;
    for w in &p {
        if let Some(c) = bag.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    let (prec, rec) = (
        overlap as f64 / p.len() as f64,
        overlap as f64 / r.len() as f64,
    );
    if prec + rec == 0.0 {
        0.0
    } else {
        2.0 * prec * rec / (prec + rec)
    }
}

fn extract_json(args: &[&str]) -> Vec<Value> {
    let o = ghirbal(&[&["extract"], args].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Every real WARC and WET file runs to the end with every record accounted for; pages are
/// documents, the rest skipped by reason, damage one rejection with its offset.
#[test]
fn every_shared_warc_file_is_accounted_for() {
    let Some(dir) = shared_warc() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let mut files: Vec<PathBuf> = walk(&dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            [".warc", ".warc.gz", ".wet.gz"]
                .iter()
                .any(|e| name.ends_with(e))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let mut documents = HashMap::new();
    for (i, f) in files.iter().enumerate() {
        let out = tmp.path().join(format!("o{i}"));
        let o = bin()
            .args(run_args(
                f,
                &out,
                &["--preset", "none", "--max-rejected", "1"],
            ))
            .output()
            .expect("runs");
        assert!(
            o.status.success(),
            "{}: {}",
            f.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let s = stats(&out);
        assert_balanced_with_skips(&s);
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        documents.insert(
            name,
            (n(&s, "kept") + n(&s, "removed"), n(&s, "rejected"), s),
        );
    }
    // wget's WARCs: 37 pages with chunked bodies, all extracted.
    assert_eq!(documents["dolma-sample-0000.warc.gz"].0, 22);
    assert_eq!(documents["dolma-sample-0001.warc.gz"].0, 15);
    // Common Crawl excerpt: 16 responses in four charsets.
    assert_eq!(documents["resiliparse-warcfile.warc.gz"].0, 16);
    // ClueWeb's WARC/0.18.
    assert!(documents["resiliparse-clueweb-quirk.warc.gz"].0 > 0);
    // A file cut mid-record: what precedes the cut, then one rejection saying where.
    let clipped = &documents["resiliparse-clipped.warc.gz"];
    assert_eq!(clipped.1, 1, "{}", clipped.2);
    assert_eq!(clipped.2["rejected_by_error"]["damaged_input"], 1);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Common Crawl's own WET text of the whirlwind page is all its visible text: ghirbal's reading
/// of the WARC (HTTP, charset, parse) gives the same words.
#[test]
fn the_whirlwind_page_agrees_with_common_crawls_wet_text() {
    let Some(dir) = shared_warc() else { return };
    let warc = extract_json(&["--all-text", path_str(&dir.join("whirlwind.warc.gz"))]);
    let wet = extract_json(&[path_str(&dir.join("whirlwind.warc.wet.gz"))]);
    assert_eq!(warc.len(), 1);
    assert_eq!(wet.len(), 1);
    assert_eq!(warc[0]["url"], wet[0]["url"]);
    let f1 = word_f1(
        warc[0]["text"].as_str().unwrap_or(""),
        wet[0]["text"].as_str().unwrap_or(""),
    );
    assert!(f1 >= 0.9, "word F1 {f1:.3}");
    // The main text is a part of it, without the menus.
    let main = extract_json(&[path_str(&dir.join("whirlwind.warc.gz"))]);
    let text = main[0]["text"].as_str().unwrap_or("");
    assert!(text.contains("Escopete ye un municipio"), "{text}");
    assert!(!text.contains("Menú principal"), "{text}");
    assert_eq!(main[0]["extraction"], "main");
}

/// The embedded sample's crawl: each page's main text as written into it, every charset found
/// where the page declared it, and the records that are not pages skipped by reason.
#[test]
fn the_sample_crawl_gives_each_pages_main_text() {
    let warc = sample_dir().join("pages.warc.gz");
    let truth: Vec<Value> = serde_json::from_str(
        &fs::read_to_string(sample_dir().join("pages.truth.json")).expect("truth"),
    )
    .expect("JSON");
    let pages = extract_json(&[path_str(&warc)]);
    let mut checked = 0;
    for t in truth.iter().filter(|t| t["expected"] == "document") {
        let page = pages
            .iter()
            .find(|p| p["url"] == t["url"])
            .unwrap_or_else(|| panic!("no page for {}", t["url"]));
        let f1 = word_f1(
            page["text"].as_str().unwrap_or(""),
            t["main_text"].as_str().unwrap_or(""),
        );
        assert!(
            f1 >= 0.85,
            "{}: word F1 {f1:.3}\n{}",
            t["url"],
            page["text"]
        );
        checked += 1;
    }
    assert_eq!(checked, 8);
    let legacy: Vec<&Value> = pages
        .iter()
        .filter(|p| p["charset"] == "windows-1256")
        .collect();
    assert_eq!(legacy.len(), 2, "{pages:?}");
    let sources: Vec<&str> = legacy
        .iter()
        .filter_map(|p| p["charset_source"].as_str())
        .collect();
    assert!(
        sources.contains(&"http") && sources.contains(&"meta"),
        "{sources:?}"
    );

    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("o");
    run_ok(&warc, &out, &["--preset", "none"]);
    let s = stats(&out);
    assert_balanced_with_skips(&s);
    assert_eq!(n(&s, "kept"), 8, "{s}");
    for reason in [
        "http_status",
        "not_html",
        "metadata",
        "revisit",
        "request",
        "warcinfo",
    ] {
        assert!(
            s["skipped_by_reason"][reason].as_u64() > Some(0),
            "{reason}: {s}"
        );
    }
    let kept = read_jsonl_dir(&out.join("kept"));
    let wp = kept
        .iter()
        .find(|d| {
            d["url"]
                .as_str()
                .is_some_and(|u| u.contains("/2017/01/26/"))
        })
        .expect("the WordPress article");
    for key in [
        "title",
        "date",
        "author",
        "charset",
        "extraction",
        "source_offset",
        "warc_date",
    ] {
        assert!(!wp[key].is_null(), "{key} missing: {wp}");
    }
    assert_eq!(wp["page_dir"], "rtl");
}

/// `.html` files are pages (charset from the page itself), records with `--html-field` too, and
/// records without the field pass `extract` untouched in the same run.
#[test]
fn html_files_and_html_fields_are_extracted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let para = "قالت وزارة الصحة إن الحملة الوطنية للتطعيم ستبدأ الأسبوع المقبل في جميع المحافظات، وستستمر ثلاثة أسابيع بمشاركة آلاف العاملين في القطاع الصحي. ";
    let page = format!(
        "<html lang=\"ar\" dir=\"rtl\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><title>حملة التطعيم</title></head><body><div class=\"menu\"><a href=\"/\">الرئيسية</a><a href=\"/a\">أخبار</a></div><div class=\"content\"><h1>حملة التطعيم</h1><p>{}</p><p>{}</p></div><div class=\"footer\">جميع الحقوق محفوظة</div></body></html>",
        para.repeat(2),
        para
    );
    let (bytes, _, bad) = encoding_rs::WINDOWS_1256.encode(&page);
    assert!(!bad);
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(dir.join("page.html"), &bytes).expect("write");
    let out = tmp.path().join("o1");
    run_ok(&dir, &out, &["--preset", "none"]);
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["charset"], "windows-1256");
    assert_eq!(kept[0]["charset_source"], "meta");
    let text = kept[0]["text"].as_str().unwrap_or("");
    assert!(text.contains("الحملة الوطنية للتطعيم"), "{text}");
    assert!(
        !text.contains("الرئيسية") && !text.contains("محفوظة"),
        "{text}"
    );

    let jsonl = tmp.path().join("mixed.jsonl");
    let records = [
        serde_json::json!({"id": "p", "url": "https://x.example/a", "html": page}),
        serde_json::json!({"id": "t", "text": "نص وصل نصاً ويبقى كما هو."}),
    ];
    fs::write(
        &jsonl,
        records.iter().map(|r| format!("{r}\n")).collect::<String>(),
    )
    .expect("write");
    let out = tmp.path().join("o2");
    run_ok(&jsonl, &out, &["--preset", "none", "--html-field", "html"]);
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept.len(), 2);
    assert!(kept[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("الحملة الوطنية")));
    assert!(kept[0].get("html").is_none(), "the HTML is not written out");
    assert_eq!(kept[1]["text"], "نص وصل نصاً ويبقى كما هو.");
    assert!(kept[1].get("extraction").is_none());
    let s = stats(&out);
    assert_eq!(s["steps"][0]["name"], "extract", "{s}");
}

/// `--html-field` reads Parquet rows too: a Parquet file written by ghirbal itself, whose rows
/// hold a page's HTML in a field.
#[test]
fn html_field_in_parquet_rows() {
    let tmp = tempfile::tempdir().expect("tmp");
    let para = "The committee met on Tuesday and agreed on a plan for the new library, which will open next spring with a reading room for children and a hall for public lectures. ";
    let page = format!(
        "<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav><article><h1>A new library</h1><p>{}</p><p>{}</p></article></body></html>",
        para.repeat(2),
        para
    );
    let jsonl = tmp.path().join("pages.jsonl");
    fs::write(
        &jsonl,
        format!(
            "{}\n",
            serde_json::json!({"id": "p1", "text": "", "html": page})
        ),
    )
    .expect("write");
    // Written as Parquet with the HTML as an ordinary field (no --html-field yet).
    let pq = tmp.path().join("pq");
    run_ok(&jsonl, &pq, &["--preset", "none", "--format", "parquet"]);
    let shard = fs::read_dir(pq.join("kept"))
        .expect("kept")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "parquet"))
        .expect("a parquet shard");
    let out = tmp.path().join("o");
    run_ok(&shard, &out, &["--preset", "none", "--html-field", "html"]);
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept.len(), 1);
    let text = kept[0]["text"].as_str().unwrap_or("");
    assert!(text.contains("reading room for children"), "{text}");
    assert!(!text.contains("Home"), "{text}");
    assert_eq!(kept[0]["extraction"], "main");
}

/// `extract` anywhere but first would let the steps before it judge HTML: refused.
#[test]
fn extract_must_come_first() {
    let tmp = tempfile::tempdir().expect("tmp");
    let config = tmp.path().join("c.toml");
    fs::write(
        &config,
        "version = 1\n[[steps]]\ntype = \"length\"\n[[steps]]\ntype = \"extract\"\n",
    )
    .expect("write");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, "{\"id\":\"a\",\"text\":\"x\"}\n").expect("write");
    let o = bin()
        .args(run_args(
            &input,
            &tmp.path().join("o"),
            &["--config", path_str(&config)],
        ))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("must be the first step"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
