//! The pages of a real Common Crawl excerpt in utf-8, gb2312, windows-1251 and undeclared
//! charsets decode without replacement characters, and ClueWeb's EUC-JP pages are found.

use std::path::Path;

fn pages(name: &str) -> Vec<(String, ghirbal_html::Decoded)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/warc")
        .join(name);
    if !path.exists() {
        return Vec::new(); // the shared data is not on this machine
    }
    let mut records = ghirbal_warc::open(&path, 64 << 20).expect("opens");
    let mut out = Vec::new();
    while let Some(item) = records.next_item() {
        let ghirbal_warc::Item::Record(r) = item else {
            continue;
        };
        if r.field("WARC-Type") != Some("response") {
            continue;
        }
        let Ok(resp) = ghirbal_warc::parse_response(&r.block, 64 << 20) else {
            continue;
        };
        if resp.status != 200 || resp.media_type().as_deref() != Some("text/html") {
            continue;
        }
        let url = r.field("WARC-Target-URI").unwrap_or("").to_string();
        let decoded = ghirbal_html::decode(&resp.body, resp.charset().as_deref(), Some(&url));
        out.push((url, decoded));
    }
    out
}

#[test]
fn common_crawl_pages_decode_cleanly() {
    let pages = pages("resiliparse-warcfile.warc.gz");
    if pages.is_empty() {
        return; // the shared data is not on this machine
    }
    for (url, d) in &pages {
        eprintln!("{url}: {} ({})", d.charset, d.source.code());
    }
    let clean = pages.iter().filter(|(_, d)| !d.had_errors).count();
    assert!(clean + 1 >= pages.len(), "{clean} of {} clean", pages.len());
    let charsets: std::collections::BTreeSet<&str> = pages.iter().map(|(_, d)| d.charset).collect();
    assert!(
        charsets.contains("UTF-8") && charsets.len() >= 3,
        "{charsets:?}"
    );
}

#[test]
fn clueweb_euc_jp_is_found() {
    let pages = pages("resiliparse-clueweb-quirk.warc.gz");
    if pages.is_empty() {
        return;
    }
    let euc = pages.iter().filter(|(_, d)| d.charset == "EUC-JP").count();
    assert!(euc * 2 >= pages.len(), "{euc} of {} EUC-JP", pages.len());
}
