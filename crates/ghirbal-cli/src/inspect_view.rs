//! Printing an inspection: each step's outcome, then the text line by line with removed lines
//! marked by their rule. Arabic is right-to-left: by default each line is wrapped in Unicode
//! isolates so terminals with bidi support show it properly; `--visual` reorders characters
//! for terminals without it.

use ghirbal_pipeline::Inspection;
use std::fmt::Write;

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_ltr(c: char) -> bool {
    c.is_alphanumeric() && !is_rtl(c)
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        c => c,
    }
}

/// A right-to-left line in display order for a terminal that draws characters left to right:
/// runs of left-to-right words (Latin, digits) keep their order, everything else is reversed.
pub fn visual(line: &str) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_string();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut runs: Vec<(bool, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_ltr(chars[i]) {
            // An LTR run extends over neutrals that are followed by more LTR characters.
            let mut j = i + 1;
            let mut end = j;
            while j < chars.len() && !is_rtl(chars[j]) {
                if is_ltr(chars[j]) {
                    end = j + 1;
                }
                j += 1;
            }
            runs.push((true, chars[i..end].iter().collect()));
            i = end;
        } else {
            let mut j = i;
            while j < chars.len() && !is_ltr(chars[j]) {
                j += 1;
            }
            runs.push((
                false,
                chars[i..j].iter().rev().map(|&c| mirror(c)).collect(),
            ));
            i = j;
        }
    }
    runs.into_iter().rev().map(|(_, s)| s).collect()
}

fn show(line: &str, visual_order: bool) -> String {
    if visual_order {
        visual(line)
    } else if line.chars().any(is_rtl) {
        format!("\u{2067}{line}\u{2069}")
    } else {
        line.to_string()
    }
}

pub fn render(ins: &Inspection, visual_order: bool) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "document {} (record #{} of {})\n",
        ins.id, ins.record, ins.input
    );
    let _ = writeln!(o, "  {:<14} {:<8} details", "step", "outcome");
    for st in &ins.steps {
        let mut details = Vec::new();
        if let (Some(code), Some(detail)) = (&st.code, &st.detail) {
            details.push(format!("{code}: {detail}"));
        }
        if !st.removed_lines.is_empty() {
            details.push(format!("{} lines removed", st.removed_lines.len()));
        }
        let counters: Vec<String> = st
            .counters
            .iter()
            .filter(|(k, _)| !k.starts_with("lines_removed:") && !k.starts_with("bytes_removed:"))
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        if !counters.is_empty() {
            details.push(counters.join(", "));
        }
        if st.text_changed && details.is_empty() {
            details.push("text changed".into());
        }
        let _ = writeln!(
            o,
            "  {:<14} {:<8} {}",
            st.step,
            st.outcome,
            details.join("; ")
        );
    }
    for st in ins.steps.iter().filter(|s| !s.removed_lines.is_empty()) {
        let Some(before) = &st.text_before else {
            continue;
        };
        let _ = writeln!(o, "\n  {} — removed lines marked with their rule:", st.step);
        for (i, line) in before.split('\n').enumerate() {
            let removed = st.removed_lines.iter().find(|r| r.line == i as u64 + 1);
            let mark = match removed {
                Some(r) => format!("✗ {:<18}", r.rule),
                None => format!("  {:<18}", ""),
            };
            let _ = writeln!(o, "  {mark}│ {}", show(line, visual_order));
        }
    }
    let _ = writeln!(
        o,
        "\n  result: {} ({} → {} characters)",
        if ins.kept { "kept" } else { "removed" },
        ins.original.chars().count(),
        ins.result.chars().count()
    );
    o
}

#[cfg(test)]
mod tests {
    use super::visual;

    #[test]
    fn visual_order_keeps_numbers_and_latin_readable() {
        assert_eq!(visual("abc 123"), "abc 123");
        assert_eq!(visual("في 10 يناير"), "رياني 10 يف");
        assert_eq!(visual("(نعم)"), "(معن)");
    }
}
