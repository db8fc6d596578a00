//! The rules, in the order they run. First the line rules: each line (blank lines aside) is
//! tried against them in the order of [`LINE_RULES`], and the first that fires removes it.
//! Then the passes of [`PASSES`], in order, over the whole page: they see what the line rules
//! and the earlier passes removed (a menu run continues over removed lines, a comments
//! header counts only after a removed line, ...), so their order is part of the behaviour.
//!
//! To add a rule: write it in the file of its rule code (or a new file for a new code), give
//! each way it fires a sub-code ([`Removal`], `rule/sub`), put it in one of the two lists
//! where it belongs, and add a test to its file named after what it shows.

pub(super) mod comments;
pub(super) mod edge;
pub(super) mod keyword;
pub(super) mod link_list;
pub(super) mod masthead;
pub(super) mod menu;
pub(super) mod navigation;
pub(super) mod phrase;
pub(super) mod repeated;
pub(super) mod symbols;
pub(super) mod template;

use super::lines::{blank, Line};
use super::page::Page;
use super::Boilerplate;
use std::collections::HashMap;

/// The rule that removed a line; `code` appears in metadata and in the stats counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Symbols,
    Phrase,
    Navigation,
    RepeatedParagraph,
    TemplateLine,
    MenuBlock,
    KeywordList,
    LinkList,
    Comments,
    EdgeShort,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::Symbols => "symbols",
            Rule::Phrase => "phrase",
            Rule::Navigation => "navigation",
            Rule::RepeatedParagraph => "repeated_paragraph",
            Rule::TemplateLine => "template_line",
            Rule::MenuBlock => "menu_block",
            Rule::KeywordList => "keyword_list",
            Rule::LinkList => "link_list",
            Rule::Comments => "comments",
            Rule::EdgeShort => "edge_short",
        }
    }
    pub(super) fn counters(self) -> (&'static str, &'static str) {
        match self {
            Rule::Symbols => ("lines_removed:symbols", "bytes_removed:symbols"),
            Rule::Phrase => ("lines_removed:phrase", "bytes_removed:phrase"),
            Rule::Navigation => ("lines_removed:navigation", "bytes_removed:navigation"),
            Rule::RepeatedParagraph => (
                "lines_removed:repeated_paragraph",
                "bytes_removed:repeated_paragraph",
            ),
            Rule::TemplateLine => ("lines_removed:template_line", "bytes_removed:template_line"),
            Rule::MenuBlock => ("lines_removed:menu_block", "bytes_removed:menu_block"),
            Rule::KeywordList => ("lines_removed:keyword_list", "bytes_removed:keyword_list"),
            Rule::LinkList => ("lines_removed:link_list", "bytes_removed:link_list"),
            Rule::Comments => ("lines_removed:comments", "bytes_removed:comments"),
            Rule::EdgeShort => ("lines_removed:edge_short", "bytes_removed:edge_short"),
        }
    }
    pub(super) const ALL: [Rule; 10] = [
        Rule::Symbols,
        Rule::Phrase,
        Rule::Navigation,
        Rule::RepeatedParagraph,
        Rule::TemplateLine,
        Rule::MenuBlock,
        Rule::KeywordList,
        Rule::LinkList,
        Rule::Comments,
        Rule::EdgeShort,
    ];
}

/// What removed a line: its rule and a sub-code naming which of the rule's tests fired
/// (`link_list/toc`, `link_list/hashtags`). The rule's code is what the counters and the
/// `empty_after_removal` detail sum over; the sub-code is what `--annotate` records.
#[derive(Debug, PartialEq, Eq)]
pub struct Removal {
    rule: Rule,
    code: &'static str,
    lines_key: &'static str,
}

impl Removal {
    pub fn rule(&self) -> Rule {
        self.rule
    }
    /// `rule/sub`, as written in `boilerplate_removed` and in the stats counters.
    pub fn code(&self) -> &'static str {
        self.code
    }
    /// The stats counter of the lines this sub-code removed (`lines_removed:rule/sub`).
    pub(super) fn lines_key(&self) -> &'static str {
        self.lines_key
    }
}

/// Declares a [`Removal`] constant: `removal!(NAME, Rule, "rule/sub");`.
macro_rules! removal {
    ($(#[$doc:meta])* $name:ident, $rule:ident, $code:literal) => {
        $(#[$doc])*
        pub(in crate::boilerplate) const $name: $crate::boilerplate::rules::Removal =
            $crate::boilerplate::rules::Removal::new(
                $crate::boilerplate::rules::Rule::$rule,
                $code,
                concat!("lines_removed:", $code),
            );
    };
}
pub(super) use removal;

impl Removal {
    #[doc(hidden)]
    pub(super) const fn new(rule: Rule, code: &'static str, lines_key: &'static str) -> Self {
        Self {
            rule,
            code,
            lines_key,
        }
    }
}

/// A line's fate so far: kept (None) or removed.
pub(super) type Cut = Option<&'static Removal>;

/// The rule of a line's fate.
pub(super) fn rule(cut: Cut) -> Option<Rule> {
    cut.map(|r| r.rule)
}

/// Whether the line before or after line `i` passes `at` (which must answer false past the
/// page's last line): widgets come one per line beside another, and one such line alone may be
/// the article's.
pub(super) fn beside(i: usize, at: impl Fn(usize) -> bool) -> bool {
    (i > 0 && at(i - 1)) || at(i + 1)
}

/// The nearest non-blank line before line `i`.
pub(super) fn line_above(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (0..i).rev().find(|&k| !blank(&lines[k]))
}

/// Whether the nearest non-blank line above or below line `i` was removed: the line stands
/// among the page's furniture.
pub(super) fn next_to_removed(lines: &[Line<'_>], verdicts: &[Cut], i: usize) -> bool {
    let below = (i + 1..lines.len()).find(|&k| !blank(&lines[k]));
    [line_above(lines, i), below]
        .into_iter()
        .flatten()
        .any(|k| verdicts[k].is_some())
}

/// Working state of one document, shared by the rules in their order.
pub(super) struct Scratch {
    /// A line's key with a space on each side (see `lines::pad`).
    pub padded: String,
    /// Which bytes of `padded` the theme phrases cover.
    pub mask: Vec<bool>,
    /// `repeated_paragraph`: the first line of each paragraph seen, by hash...
    pub seen: HashMap<u128, usize>,
    /// ... and for each copy, the line it repeats.
    pub repeat_of: Vec<Option<usize>>,
    /// `keyword_list`'s measure of the line being judged, which the unpunctuated-phrase rule
    /// after it reuses.
    pub signals: Option<keyword::KeywordSignals>,
}

impl Scratch {
    pub(super) fn new(lines: usize) -> Self {
        Self {
            padded: String::new(),
            mask: Vec::new(),
            seen: HashMap::new(),
            repeat_of: vec![None; lines],
            signals: None,
        }
    }
}

/// A rule judged line by line, before any pass.
pub(super) trait LineRule: Sync {
    /// The removal of line `i`, if the rule fires on it.
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, st: &mut Scratch) -> Cut;
}

/// A rule judged over the whole page, after the line rules and the passes before it.
pub(super) trait Pass: Sync {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, st: &mut Scratch, verdicts: &mut [Cut]);
}

/// The line rules, in the order they are tried on each line.
const LINE_RULES: [&dyn LineRule; 8] = [
    &symbols::Symbols,
    &phrase::Phrase,
    &link_list::Hashtags,
    &navigation::Navigation,
    &repeated::Repeated,
    &template::Template,
    &keyword::Keyword,
    &phrase::Unpunctuated,
];

/// The passes, in the order they run.
const PASSES: [&dyn Pass; 24] = [
    &masthead::TAIL,
    &link_list::TagLines,
    &link_list::DatedTitles,
    &link_list::Contents,
    &link_list::Headed,
    &link_list::Cards,
    &keyword::Runs,
    &navigation::PostArrows,
    &menu::Blocks,
    &repeated::Subheadings,
    &menu::PollAnswers,
    &menu::Polls,
    &menu::WidgetTables,
    &menu::Between,
    &comments::Thread,
    &edge::Edges,
    &menu::Tagline,
    &navigation::TickerHeadlines,
    &menu::Banner,
    &edge::Section,
    &phrase::AuthorBox,
    &masthead::HEAD,
    &link_list::Teasers,
    &link_list::Below,
];

/// Every sub-code, for the help and the tests.
pub const REMOVALS: &[&Removal] = &[
    &symbols::NO_WORD,
    &symbols::DATE,
    &symbols::STAMPS,
    &symbols::USER_NAME,
    &symbols::WEATHER,
    &symbols::MEDIA_URL,
    &symbols::SIGN_OFF,
    &symbols::QUOTES,
    &symbols::HOROSCOPE,
    &symbols::STANDINGS,
    &symbols::FIXTURES,
    &phrase::HEADER,
    &phrase::WHOLE_LINE,
    &phrase::COPYRIGHT,
    &phrase::NOTICE,
    &phrase::LEAD,
    &phrase::FOLLOW,
    &phrase::SHARE,
    &phrase::CREDIT,
    &phrase::MEDIA,
    &phrase::CLICK,
    &phrase::AUTHOR_BOX,
    &masthead::MASTHEAD,
    &phrase::THEME,
    &phrase::UNPUNCTUATED,
    &navigation::SEPARATORS,
    &navigation::DASHES,
    &navigation::DOWNLOAD,
    &navigation::PAGER,
    &navigation::SEQUEL,
    &navigation::TICKER,
    &navigation::SCORE,
    &navigation::POST_ARROWS,
    &navigation::TICKER_HEADLINES,
    &navigation::SEARCH,
    &navigation::VIEW_ALL,
    &repeated::COPY,
    &template::SITE,
    &template::CORPUS,
    &menu::RUN,
    &menu::POLL,
    &menu::TABLE,
    &menu::BETWEEN,
    &menu::TAGLINE,
    &menu::BANNER,
    &keyword::SPARSE,
    &keyword::STUFFED,
    &keyword::RUN,
    &link_list::HASHTAGS,
    &link_list::DATED_TITLE,
    &link_list::TOC,
    &link_list::TOC_ENTRY,
    &link_list::RELATED,
    &link_list::TAGS,
    &link_list::CARDS,
    &link_list::BELOW,
    &comments::THREAD,
    &edge::TOP,
    &edge::BOTTOM,
    &edge::SECTION,
];

/// Judges every line of the page: the line rules, then the passes.
pub(super) fn judge_lines(bp: &Boilerplate, page: &Page<'_>, st: &mut Scratch) -> Vec<Cut> {
    let mut verdicts: Vec<Cut> = (0..page.lines.len())
        .map(|i| {
            if blank(&page.lines[i]) {
                return None;
            }
            LINE_RULES.iter().find_map(|r| r.fires(bp, page, i, st))
        })
        .collect();
    for pass in PASSES {
        pass.run(bp, page, st, &mut verdicts);
    }
    verdicts
}

/// Whether the list starting at line `start` is announced by the line before it ending with a
/// colon ("… هم أكثر عرضة لمخاطر السفر، وهي:"): a list of the article, however bare its items.
/// A header removed by another rule ("مقالات الكاتب:") announces no list of the article; one
/// that recurs on every page of a site ("المكونات:", `template_line`) still does.
pub(super) fn introduced(lines: &[Line<'_>], verdicts: &[Cut], start: usize) -> bool {
    (0..start)
        .rev()
        .find(|&k| !lines[k].raw.trim().is_empty())
        .is_some_and(|k| {
            matches!(rule(verdicts[k]), None | Some(Rule::TemplateLine))
                && lines[k].raw.trim_end().ends_with(':')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::testing::*;

    #[test]
    fn every_sub_code_is_unique_and_starts_with_its_rule() {
        let mut codes: Vec<&str> = REMOVALS.iter().map(|r| r.code()).collect();
        for r in REMOVALS {
            let (rule, sub) = r.code().split_once('/').expect("rule/sub");
            assert_eq!(rule, r.rule().code());
            assert!(!sub.is_empty());
            assert_eq!(r.lines_key(), format!("lines_removed:{}", r.code()));
        }
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n);
    }

    /// A sub-code missing here is missing from the help and the tests: every `removal!` of the
    /// rule files is listed.
    #[test]
    fn every_sub_code_is_listed() {
        let sources = [
            include_str!("comments.rs"),
            include_str!("edge.rs"),
            include_str!("keyword.rs"),
            include_str!("link_list/mod.rs"),
            include_str!("masthead.rs"),
            include_str!("menu.rs"),
            include_str!("navigation.rs"),
            include_str!("phrase/mod.rs"),
            include_str!("repeated.rs"),
            include_str!("symbols/mod.rs"),
            include_str!("symbols/widgets.rs"),
            include_str!("template.rs"),
        ];
        let declared: usize = sources
            .iter()
            .map(|s| s.lines().filter(|l| l.starts_with("removal!(")).count())
            .sum();
        assert_eq!(REMOVALS.len(), declared);
    }

    /// The sub-code tells a table of contents from a hashtag line, both `link_list`. (The
    /// contents' last line, right above a paragraph, is that paragraph's subheading and stays.)
    #[test]
    fn a_table_of_contents_and_hashtags_carry_their_own_sub_codes() {
        let text = format!(
            "{BODY}\nالمحتويات\nأسباب الصداع\nعلاج الصداع\n{BODY2}\n#صحة #الصداع #علاج\n{BODY3}"
        );
        let mut doc = Document::new("t", text.as_str());
        let removed = stage().apply(&mut doc, &mut Cx::default());
        let codes: Vec<(&str, &str)> = removed
            .iter()
            .map(|(_, r, line)| (line.as_str(), r.code()))
            .collect();
        assert_eq!(
            codes,
            [
                ("المحتويات", "link_list/toc"),
                ("أسباب الصداع", "link_list/toc"),
                ("#صحة #الصداع #علاج", "link_list/hashtags"),
            ]
        );
    }
}
