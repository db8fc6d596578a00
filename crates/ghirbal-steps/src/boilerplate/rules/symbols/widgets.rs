//! A sports or market site's widgets, line by line: a league table under a league's header,
//! fixtures with their kick-off times, and share quotes, one per line beside another (the
//! `standings`, `fixtures` and `quotes` sub-codes of `symbols`).

use super::{FIXTURES, STANDINGS};
use crate::boilerplate::lines::{blank, has_clock_time};
use crate::boilerplate::page::Page;
use crate::boilerplate::rules::{beside, Removal};
use ghirbal_text::script::is_any_digit;

/// A share's quote in a market widget: a name of one to three words, its price and its change
/// in percent with a sign, nothing else ("أرامكو 32.15 +0.94%", "سابك 79.90 -0.62%").
fn stock_quote(raw: &str) -> bool {
    let signed_percent = |t: &str| {
        t.strip_suffix('%')
            .and_then(|t| t.strip_prefix(['+', '-', '−']))
            .is_some_and(|n| {
                !n.is_empty() && n.chars().all(|c| is_any_digit(c) || matches!(c, '.' | ','))
            })
    };
    let number = |t: &str| {
        t.chars().any(is_any_digit) && t.chars().all(|c| is_any_digit(c) || matches!(c, '.' | ','))
    };
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    let Some((change, rest)) = tokens.split_last() else {
        return false;
    };
    let Some((price, name)) = rest.split_last() else {
        return false;
    };
    signed_percent(change)
        && number(price)
        && (1..=3).contains(&name.len())
        && name.iter().all(|t| t.chars().all(char::is_alphabetic))
}

/// Share quotes one per line, beside another (a market widget's "most active" list). One alone
/// may be the article's.
pub(super) fn stock_quotes(page: &Page<'_>, i: usize) -> bool {
    let at = |k: usize| {
        page.lines
            .get(k)
            .is_some_and(|l| l.words <= 5 && stock_quote(l.raw))
    };
    at(i) && beside(i, at) && !before_paragraph(page, i, at)
}

/// Whether a removal is a sports widget's (a league table, fixtures): a block of the site
/// that a run of menu lines may hold.
pub(in crate::boilerplate) fn is_widget(cut: &Removal) -> bool {
    *cut == STANDINGS || *cut == FIXTURES
}

/// Words of a league table's header, folded: the league, the tournament, the standings.
const STANDINGS_WORDS: [&str; 10] = [
    "دوري",
    "الدوري",
    "البطوله",
    "الترتيب",
    "الرابطه",
    "المجموعه",
    "الفرق",
    "الهدافين",
    "كاس",
    "الكاس",
];

/// Most rows of a league table (teams of a league).
const STANDINGS_MAX_ROWS: usize = 24;

/// Fewest rows under a header that make a league table.
const STANDINGS_MIN_ROWS: usize = 3;

/// A row of a league table: a team of one to four words between an optional rank and its
/// figures (points, or games and points), nothing else ("1. السد 23", "2 - الدحيل - 28 نقطة",
/// "الترجي 31", "1 | الأهلي | 30 | 68").
fn standings_row(raw: &str) -> bool {
    /// Most tokens of a row, separators left out: a rank, four words of a team, seven figures.
    const MAX_TOKENS: usize = 12;
    let number = |t: &str| {
        let t = t.trim_end_matches(['.', ')', '-']);
        !t.is_empty() && t.chars().all(is_any_digit)
    };
    // Cheapest first: a row is short (at most eight words, more with the bars of columns)
    // and has a digit.
    let most = if raw.contains('|') { 2 * MAX_TOKENS } else { 8 };
    if raw.split_whitespace().nth(most).is_some() || !raw.chars().any(is_any_digit) {
        return false;
    }
    // Kept on the stack.
    let mut tokens = [""; MAX_TOKENS];
    let mut n = 0;
    for t in raw
        .split_whitespace()
        .filter(|t| !matches!(*t, "-" | "–" | "|"))
    {
        if n == MAX_TOKENS {
            return false;
        }
        tokens[n] = t;
        n += 1;
    }
    let mut tokens = &tokens[..n];
    if let Some((&("نقطة" | "نقاط" | "ن" | "pts"), rest)) = tokens.split_last() {
        tokens = rest;
    }
    // The figures at the end: points, and the games before them.
    let figures = tokens.iter().rev().take_while(|t| number(t)).count();
    if figures == 0 {
        return false;
    }
    let rest = &tokens[..tokens.len() - figures];
    let team = match rest.first() {
        Some(first) if number(first) => &rest[1..],
        _ => rest,
    };
    (1..=4).contains(&team.len())
        && team
            .iter()
            .all(|t| t.chars().all(|c| c.is_alphabetic()) && t.chars().count() >= 2)
}

/// A league table (`symbols/standings`): its header, a short line opening with "ترتيب" or
/// "جدول" ("ترتيب دوري نجوم العراق", "جدول الترتيب") or "الترتيب" alone, right above at least three rows, and the
/// rows. Without the header, rows of names and numbers may be the article's own table.
pub(super) fn standings(page: &Page<'_>, i: usize) -> bool {
    // (Rows of a table the article holds, between its paragraphs, are its data: an election's
    // results, a group's table in a draw's story, a chemistry lesson's elements.)
    let row = |k: usize| {
        page.lines
            .get(k)
            .is_some_and(|l| standings_row(l.raw) && !page.article_table[k])
    };
    // The table's column names may stand between the header and the rows ("الترتيب | الفريق |
    // النقاط").
    let columns = |k: usize| {
        page.lines.get(k).is_some_and(|l| {
            l.words <= 6 && l.raw.contains('|') && !l.raw.chars().any(is_any_digit)
        })
    };
    let header = |k: usize| {
        let l = &page.lines[k];
        let mut words = page.key(k).split(' ').filter(|w| !w.is_empty());
        let rows = if columns(k + 1) { k + 2 } else { k + 1 };
        l.words <= 6
            && !l.raw.trim_end().ends_with(':')
            && !l.raw.chars().any(is_any_digit)
            && match words.next() {
                // "The standings" alone.
                Some("الترتيب") => words.next().is_none(),
                // A league's or a tournament's: "ترتيب الدول في مؤشر السعادة" and "جدول
                // السعرات الحرارية" head tables of articles.
                Some("ترتيب" | "جدول") => {
                    page.key(k).split(' ').any(|w| STANDINGS_WORDS.contains(&w))
                }
                _ => false,
            }
            && (rows..rows + STANDINGS_MIN_ROWS).all(row)
    };
    if header(i) || (i > 0 && columns(i) && header(i - 1)) {
        return true;
    }
    if !row(i) {
        return false;
    }
    // The run of rows around line `i`, and the header above it: a league has at most
    // `STANDINGS_MAX_ROWS` teams, so the walk back stops there (a page of results or prices
    // in such rows would otherwise cost a walk per line). (A colon above does not protect
    // the rows: a list after a colon runs on through every short line, and the league's
    // header already tells the table apart.)
    let Some(first) = (0..=i)
        .rev()
        .take(STANDINGS_MAX_ROWS + 1)
        .take_while(|&k| row(k))
        .last()
    else {
        return false;
    };
    if i - first >= STANDINGS_MAX_ROWS {
        return false;
    }
    (first > 0 && header(first - 1)) || (first > 1 && columns(first - 1) && header(first - 2))
}

/// A fixture with its kick-off ("الوكرة × السد - الأربعاء 18:30", "الهلال × الرائد 20:00"):
/// "×" between words and a clock time (its caller keeps to short lines).
fn fixture(raw: &str) -> bool {
    raw.contains('×')
        && raw.split_whitespace().any(|t| t == "×")
        && has_clock_time(raw)
        && !raw.trim_end().ends_with('.')
}

/// Fixtures one per line, beside another (`symbols/fixtures`): a widget of the coming matches.
pub(super) fn fixtures(page: &Page<'_>, i: usize) -> bool {
    let at = |k: usize| {
        page.lines
            .get(k)
            .is_some_and(|l| l.words <= 12 && fixture(l.raw))
    };
    at(i) && beside(i, at) && !before_paragraph(page, i, at)
}

/// Whether the run of lines `at` holds around line `i` is followed by a paragraph of the
/// article: a list inside the article ("مباريات الجولة المقبلة" over its fixtures, then the
/// article goes on), not a widget around it.
fn before_paragraph(page: &Page<'_>, i: usize, at: impl Fn(usize) -> bool) -> bool {
    let end = (i..page.lines.len())
        .take_while(|&k| at(k))
        .last()
        .unwrap_or(i);
    (end + 1..page.lines.len())
        .find(|&k| !blank(&page.lines[k]))
        .is_some_and(|k| page.lines[k].ends_sentence && page.lines[k].words > PARAGRAPH_MIN_WORDS)
}

/// Fewest words of an article's paragraph after a list (see `before_paragraph`).
const PARAGRAPH_MIN_WORDS: usize = 12;

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn a_run_of_menu_lines_counts_a_league_table_once() {
        // The stats' header, the table's header and rows, the link to the whole table: the
        // table counts as one item, so the run is a menu and its lines go.
        let text = format!(
            "{BODY}\n{BODY2}\nإحصائيات المباراة\nترتيب دوري روشن\n1 الهلال 16\n2 النصر 16\n3 الاتحاد 13\nعرض الترتيب الكامل"
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[7].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[4].1, Some("symbols"), "{r:?}");
    }

    #[test]
    fn league_tables_under_their_header_and_fixtures_with_times() {
        let text = format!(
            "{BODY}\n{BODY2}\nترتيب دوري نجوم العراق\n1. القوة الجوية 30\n2. أربيل 27\n3. الشرطة 26\n4 - الزوراء - 24 نقطة\nالمباريات القادمة\nالأحد: الشمال × الشحانية - 5:30 م\nالوكرة × السد - الأربعاء 18:30"
        );
        let r = rules(&text);
        for line in [
            "ترتيب دوري نجوم العراق",
            "1. القوة الجوية 30",
            "4 - الزوراء - 24 نقطة",
            "الأحد: الشمال × الشحانية - 5:30 م",
            "الوكرة × السد - الأربعاء 18:30",
        ] {
            assert_eq!(rule_of(&text, line), Some("symbols"), "{line}: {r:?}");
        }
        // Rows in columns, with games and points, under "the standings" alone or a league's
        // name.
        for header in ["الترتيب", "ترتيب الدوري المصري الممتاز"] {
            let text = format!(
                "{BODY}\n{BODY2}\n{header}\n# | الفريق | لعب | نقاط\n1 | الأهلي | 30 | 68\n\
                 2. شباب بلوزداد | 11 | 22\n3 | الزمالك | 30 | 21 | 5 | 4 | 57\nجميع الحقوق محفوظة © 2025"
            );
            for line in [
                header,
                "1 | الأهلي | 30 | 68",
                "3 | الزمالك | 30 | 21 | 5 | 4 | 57",
            ] {
                assert_eq!(
                    rule_of(&text, line),
                    Some("symbols"),
                    "{line}: {:?}",
                    rules(&text)
                );
            }
        }
        // Between the article's paragraphs the rows are its data: an election's results.
        let text = format!(
            "{BODY}\nوجاءت نتائج الفرز في الدائرة الأولى على النحو الذي أعلنته اللجنة مساء أمس.\nالترتيب\n\
             1 | جوزيف طوق | 3120\n2 | إيلي مخلوف | 2980\n3 | جورج جعجع | 2875\n{BODY2}"
        );
        assert!(
            rules(&text).iter().all(|(_, r)| r.is_none()),
            "{:?}",
            rules(&text)
        );
        // Without its header, a table of names and numbers may be the article's; and a
        // header over two rows is no table.
        let text = format!("{BODY}\n{BODY2}\nالهلال 22\nالاتحاد 19\nالنصر 18\n{BODY3}");
        assert!(
            rules(&text).iter().all(|(_, r)| r.is_none()),
            "{:?}",
            rules(&text)
        );
        // Tables of other things under "ترتيب" or "جدول" stay.
        for header in [
            "ترتيب الدول العربية في مؤشر السعادة",
            "جدول السعرات الحرارية",
        ] {
            let text =
                format!("{BODY}\n{header}\n1. الإمارات 21\n2. السعودية 28\n3. الكويت 30\n{BODY3}");
            assert!(
                rules(&text).iter().all(|(_, r)| r.is_none()),
                "{:?}",
                rules(&text)
            );
        }
        // Fixtures the article lists, with its text going on after them, stay.
        let text = format!("{BODY}\nمباريات الجولة الثانية عشرة\nالهلال × النصر - الجمعة 20:00\nالاتحاد × الأهلي - السبت 21:00\n{BODY2}");
        assert_eq!(
            rule_of(&text, "الهلال × النصر - الجمعة 20:00"),
            None,
            "{:?}",
            rules(&text)
        );
        let text = format!("{BODY}\nترتيب الفرق\nالهلال 22\nالاتحاد 19\n{BODY3}");
        assert_eq!(rule_of(&text, "الهلال 22"), None, "{:?}", rules(&text));
        // One fixture alone, or a schedule announced by a colon, stays.
        assert_eq!(deep("الهلال × النصر الجمعة 20:00"), None);
        let text = format!(
            "{BODY}\nوتقام مباريات الجولة المقبلة على النحو الآتي:\nالهلال × النصر 20:00\nالاتحاد × الأهلي 21:00\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "الهلال × النصر 20:00"),
            None,
            "{:?}",
            rules(&text)
        );
    }

    #[test]
    fn share_quotes_of_a_market_widget_and_a_table_with_its_column_names() {
        let text = format!(
            "{BODY}\n{BODY2}\nالأكثر ارتفاعاً\nأرامكو 32.15 +0.94%\nالراجحي 81.20 +1.37%\nسابك 79.90 -0.62%"
        );
        for line in ["أرامكو 32.15 +0.94%", "سابك 79.90 -0.62%"] {
            assert_eq!(
                rule_of(&text, line),
                Some("symbols"),
                "{line}: {:?}",
                rules(&text)
            );
        }
        assert_eq!(deep("أرامكو 32.15 +0.94%"), None);
        let text = format!(
            "{BODY}\n{BODY2}\nترتيب البطولة الاحترافية\nالترتيب | الفريق | النقاط\n1. نهضة بركان - 22\n2. الجيش الملكي - 18\n3. الرجاء الرياضي - 16"
        );
        for line in [
            "ترتيب البطولة الاحترافية",
            "الترتيب | الفريق | النقاط",
            "3. الرجاء الرياضي - 16",
        ] {
            assert_eq!(
                rule_of(&text, line),
                Some("symbols"),
                "{line}: {:?}",
                rules(&text)
            );
        }
        // Quotes joined by pipes above the article, one of six words.
        assert_eq!(
            on_top("الدولار 30.90 | اليورو 33.62 | جرام الذهب عيار 21: 3150 جنيه"),
            Some("symbols")
        );
    }
}
