//! `boilerplate`: removes the page around the article, line by line, recording for each removed
//! line the rule that fired.
//!
//! Rules, in the order they are tried on each line (the first that fires is recorded):
//! - `symbols`: a user name alone on its line, written with an underscore ("دكتور_هيثم");
//!   or the line has no word of two letters or more (a stray ".", "|", "***", a
//!   counter, "A" of a font-size control, "(أ. ف. ب)"); or it is a lone date, time or counter
//!   of at most ten words as written: a number, otherwise only words of dates, times and
//!   counters, at least one of them a month, a weekday, a counter, a clock time or a date in
//!   numbers (`lexicon/date-words-ar.txt`: "4 مارس 2023 عند 10:15 ص", "1,234 مشاهدة",
//!   "► فبراير (4)", "نشر في 3 مارس 2023 بواسطة أم سارة": the stamps of posts, comments, cards
//!   and archive widgets). Not a dateline at the top, a list item, a line ending with a colon
//!   or in the list of short lines after one (a schedule of the article), nor a line with
//!   other punctuation than that of dates (a closing bracket may hold a count or a time zone).
//!   Also stamps joined by pipes ("نُشر: … | آخر تحديث: …"); the site's date alone at the top
//!   (an agency's dateline such as "الرياض - واس" stays); above the article, the weather
//!   ("الرباط 17°C", not coordinates).
//! - `phrase`: theme phrases from the lexicon ("شارك", "اترك تعليقاً", "جميع الحقوق محفوظة",
//!   "Leave a Reply", ...) cover at least `phrase_coverage` of the line's letters; or the line
//!   starts with a lead phrase ("اقرأ أيضاً: ..."; with a colon for those written "^…:",
//!   such as "التصنيفات:") and is at most `lead_max_words` words long, unless it is a plain
//!   sentence (a full stop at the end, no colon: "المصدر الرئيسي للطاقة …."); or the line is a
//!   whole-line phrase (`=`: "رد") or a link-list header (`>`). Matching is on the matching
//!   normalization, on whole words, so spelling variants match and an article sentence that
//!   merely contains a phrase does not. In a line without any punctuation and with function
//!   words under 15 % (no sentence: glued menu words and site links), phrases covering 15 % of
//!   it suffice if one of them has two words or more; not in the headline of a document of
//!   several lines (a one-line record is judged like any line). A site notice (`©`,
//!   or a lexicon phrase marked `*`: rights, disclaimers, cookie notices, "powered by")
//!   anywhere in a line of at most 40 words also counts as `phrase`.
//! - `navigation`: at least `nav_min_items` short items with letters separated by | » « • · ›
//!   ‹ > " / " and the like, and no sentence ending; table rows (ending with `|`) are exempt,
//!   and guillemets in pairs quote («داعش») rather than separate. Also four or more items of
//!   at most three words separated by spaced dashes, without digits ("الرئيسية - سياسة -
//!   مجتمع - اقتصاد"; a dateline "الرياض - واس" has two). A breadcrumb may end with the
//!   page's long title; tabs may end with a count ("التقييمات (128)"); a short line closed by a
//!   bracket naming a file format is a download link ("تحميل التفريغ (PDF)"). Pagers: page
//!   numbers and paging words only ("صفحة 1 من 4 1 2 3 > الأخيرة »"), alone or among a
//!   forum's short items, and a listing's row that ends with its topic's page links after an
//!   ellipsis ("عنوان الموضوع ... 1 2 3 الصفحة الأخيرة"). News tickers above the article's
//!   headline: a ticker label and a separator before a headline ("عاجل | …", "آخر الأخبار:
//!   …"), or headlines of four words or more joined by bullets; live scores and fixtures
//!   there ("الريان 2 - 1 الوكرة | انتهت", "الوكرة × السد"). A post's navigation: two
//!   titles on adjacent lines, one after a left arrow, the other before a right arrow (or
//!   guillemets, when both lines say "previous" or "next"); a link to the previous or next
//!   page of a series with its title ("الدرس التالي: …", for the kinds of `SEQUEL_KINDS`).
//! - `repeated_paragraph`: the same paragraph (matching normalization, at least
//!   `repeated_min_words` words) already appeared earlier in the document: the lead repeated at
//!   the end, a body pasted twice. The first copy stays, except when it was removed as
//!   boilerplate and the copy is a subheading (a short line followed by a sentence): a table
//!   of contents lists the subheadings that follow it.
//! - `template_line` (whole-corpus, `cross_document = true`): a short line (at most
//!   `template_max_words` words) that recurs in many documents of the same site (URL host, or
//!   the `source` field where there is no URL) or of the whole corpus. Counted in a fixed-size
//!   count-min sketch (`sketch_mb`), so memory does not grow with the corpus.
//! - `menu_block`: a run of at least `menu_min_lines` consecutive short lines (at most
//!   `menu_max_words` words, no sentence punctuation, no blank line between them) in which
//!   function words make up less than a tenth of the words: menus, category lists,
//!   accessibility toolbars, footers (poems and letters, also short lines, are sentences).
//!   Lines with numbers (results, prices, ingredients, numbered lists) do not count. Before
//!   the article's first sentence, items of one or two words next to a menu item of the
//!   lexicon may have up to half of them with a function word ("عن المدونة", "تواصل معي").
//!   A run that follows a line ending with a colon ("…، وهي:", not one removed by another
//!   rule), or continues such a list, is a list of the article and stays, here and in the
//!   keyword runs; so does a run standing alone between two paragraphs. Lines with a comma
//!   are no items; a label and its value ("الماركة: تويوتا") ends a run. Also: a site's
//!   tagline above the menu when a title follows below it; the site's banner, short lines
//!   (at most `BANNER_MAX_WORDS` words, shorter than the title to come) above the page's
//!   first one-line menu; a poll's yes/no answers after its question. Also
//!   `menu_block`: one or two short unpunctuated lines (at most `edge_max_words` words)
//!   directly between two removed lines with words (the author's name between a comment's
//!   "رد" and its time stamp, a poll's "نعم" / "لا"); not across blank lines or between
//!   separators such as "***". Short labels
//!   alternating with dates are a timeline or a schedule, not a menu (a user name is no
//!   date: a member's rank under it goes).
//! - `keyword_list`: a long line (at least `keyword_min_words` words) without any
//!   punctuation in which function words (في، من، على، أن، ...) make up less than
//!   `keyword_max_function_share` of the words: tag lists, glued menus and breadcrumbs, SEO
//!   keyword lines; or in which one word recurs at least `keyword_min_repeats` times and
//!   recurring words make up `keyword_repeated_share` of the line, with hardly any function
//!   words (category lists such as "وظائف جدة وظائف الرياض …", a title repeated for search
//!   engines, an archive list of months). The headline (the first line longer than
//!   `edge_max_words`, and the last title-like line before the first sentence) is exempt from
//!   the first signal, not from the second. Also over
//!   lines: a run of at least `link_card_min_lines` bare titles (words only after a list
//!   marker, at most `link_max_words` words, mostly without digits) with function words (and
//!   name particles) under 10 %, in which one word recurs in half of the lines: links
//!   generated around a keyword. The headline stays unless written as a list item.
//! - `link_list`: after the first sentence of the article, a line that is only a link-list
//!   header of the lexicon (written `>phrase`: "مقالات ذات صلة", "المقال التالي", "الأكثر
//!   قراءة") takes with it the title lines that follow it (at most `link_max_words` words,
//!   not ending with a full stop or colon), up to the first sentence or longer line:
//!   related-article lists, previous/next links, "most read" widgets. Also, without a
//!   header: a run of at least `link_card_min_lines` such title lines in which at least two
//!   short labels (one or two words) recur, one at least three times, making up a quarter of
//!   the run: the category-and-title cards news sites put under an article ("أخبار لبنان",
//!   "منوعات"). A header may also be a kind of page a site lists (`LISTED_KINDS`) followed by
//!   a suffix of the lexicon (`>…ذات صلة`) or by "أخرى لـ…" ("قصائد أخرى للمتنبي"), or such
//!   a kind after "latest" ("آخر المستجدات", "أحدث الفتاوى"). A tags
//!   label ("كلمات مفتاحية:") takes the short lines after it; a table of contents
//!   (`TOC_HEADERS`) takes its entries wherever it stands. Lists stop before a subheading (a
//!   title followed by a paragraph) and pass facts ("الحكم: محمد عادل"). Also a title glued
//!   to its date stamp without punctuation, digits or not ("… الأربعاء أغسطس"): a listing.
//!   And tags written as hashtags alone on their line.
//! - `comments`: after the article's headline, a header of the page's tail in the lexicon
//!   (written `!phrase`: comments "التعليقات (3)", reviews, the author's box, references;
//!   with a count also followed by the article's title, "5 تعليقات على …") takes everything
//!   after it, when what is left after the header is at most half of what is left of the
//!   article before it, and the header has a count at an edge or follows a removed line
//!   (option `comments`).
//! - `edge_short`: at the start and the end of the document, lines of at most
//!   `edge_max_words` words without sentence punctuation (breadcrumbs, section names, glued
//!   category links). The scan stops at the first longer line, which keeps the headline; at
//!   the top it passes a protected date or short line with a number (the site's date and
//!   weather in a top bar), not an agency's dateline or a byline, and past it removes a
//!   short line only while a title is still to come. From the end, it stops at a byline, at
//!   the page's tail and at a link-list header.
//!
//! Datelines are protected: among the first three lines, a short line with a dash between
//! words, a digit, or a byline ("الرياض – واس", "عين اليوم – جدة", "الخميس 13 يناير 2022",
//! "إعداد: فريق التحرير": a byline word such as بقلم، إعداد، كتب, a colon, a name) is never
//! removed by `menu_block`, `template_line` or `edge_short`, however often it recurs; nor are
//! a byline between the headline and the article, a short title before a byline, and the
//! title under a breadcrumb.
//!
//! A document with no line left is removed (`empty_after_removal`). With `annotate = true` the
//! removed lines and their rules are written to the metadata field `boilerplate_removed`.

use crate::check::{self, Validate};
use crate::options::{option_infos, options, Built, ConfigError, FileUse, PathOption};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use ghirbal_core::{Cx, Document, Element, Stage, StepError, StepInfo, Verdict};
use ghirbal_text::fold::fold_into;
use ghirbal_text::script::{is_any_digit, is_terminal_punctuation};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

const NAME: &str = "boilerplate";
/// Lines longer than this (in words) are checked for lead phrases only: theme phrases cannot
/// cover enough of such a line to matter.
const PHRASE_SCAN_MAX_WORDS: usize = 30;
/// Longest line a rights notice (`©`, "جميع الحقوق محفوظة") removes wherever it stands in it:
/// footers run long ("جميع الحقوق محفوظة لدار … ويحظر نشر أو توزيع …"), articles that quote
/// such a notice are longer.
const ANYWHERE_MAX_WORDS: usize = 40;
/// How much of a long line is folded for the lead-phrase check, in bytes.
const LONG_LINE_PREFIX: usize = 256;
/// An unpunctuated line with fewer function words than this share is no sentence; theme
/// phrases covering `UNPUNCTUATED_COVERAGE` of it make it boilerplate.
const UNPUNCTUATED_MAX_FUNCTION_SHARE: f64 = 0.15;
const UNPUNCTUATED_COVERAGE: f64 = 0.15;
const BUILTIN_LEXICON: &str = include_str!("../lexicon/boilerplate-phrases.txt");
const FUNCTION_WORDS: &str = include_str!("../lexicon/function-words-ar.txt");
const DATE_WORDS: &str = include_str!("../lexicon/date-words-ar.txt");
/// Longest line (in words) taken for a lone date or time.
const DATE_MAX_WORDS: usize = 10;
/// The answers of a feedback poll ("هل كان هذا المقال مفيداً؟"), folded: an interview's
/// answer to a question stays.
const POLL_ANSWERS: [&str; 10] = [
    "نعم",
    "لا",
    "ربما",
    "احيانا",
    "yes",
    "no",
    "oui",
    "non",
    "اكيد",
    "ابدا",
];

/// Kinds of pages that sites list under a header after one word of their own ("فتاوى ذات
/// صلة", "قصائد أخرى للمتنبي"), folded.
const LISTED_KINDS: [&str; 33] = [
    "مقالات",
    "اخبار",
    "مواضيع",
    "موضوعات",
    "فتاوي",
    "قصائد",
    "خطب",
    "محاضرات",
    "دروس",
    "منتجات",
    "اعلانات",
    "فيديوهات",
    "مقاطع",
    "صور",
    "كتب",
    "روابط",
    "وصفات",
    "اسئله",
    "تدوينات",
    "قصص",
    "روايات",
    "برامج",
    "العاب",
    "تطبيقات",
    "وظائف",
    "عقارات",
    "سيارات",
    "فيديو",
    "صوتيات",
    "تقارير",
    "استشارات",
    "فعاليات",
    "مستجدات",
];

/// Weekdays, folded (Arabic, English, French).
const WEEKDAYS: [&str; 23] = [
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "sat",
    "sun",
];

/// Words that name the day in a sentence ("يوم الاثنين", "أمس الأربعاء", "صباح الخميس").
const PROSE_DAY: [&str; 12] = [
    "يوم",
    "اليوم",
    "امس",
    "صباح",
    "مساء",
    "ليله",
    "منذ",
    "حتي",
    "الماضي",
    "المقبل",
    "القادم",
    "بتاريخ",
];

/// Headers of a table of contents, folded and whole.
const TOC_HEADERS: [&str; 10] = [
    "المحتويات",
    "محتويات",
    "محتويات المقال",
    "جدول المحتويات",
    "فهرس المحتويات",
    "فهرس المقال",
    "محتويات الصفحه",
    "contents",
    "table of contents",
    "sommaire",
];

/// Longest comments header, in words ("5 تعليقات على" and the article's title).
const COMMENT_HEADER_MAX_WORDS: usize = 25;
/// Words that give a count in a comments header ("تعليق واحد", "one thought on …"), folded.
const COUNT_WORDS: [&str; 3] = ["واحد", "واحده", "one"];

/// The folded words of a word list (whitespace-separated, `#` comments), each with whether
/// its line is unmarked (lines starting with `~` hold words of a second kind).
fn word_list(text: &str) -> impl Iterator<Item = (String, Option<char>)> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            let (marker, words) = match l.strip_prefix(['~', '+']) {
                Some(rest) => (l.chars().next(), rest),
                None => (None, l),
            };
            words
                .split_whitespace()
                .map(move |w| (ghirbal_text::fold::fold(w), marker))
        })
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub builtin_lexicon: bool,
    pub extra_phrases: Vec<String>,
    pub extra_phrases_file: Option<String>,
    pub phrase_coverage: f64,
    pub lead_max_words: usize,
    pub nav_min_items: usize,
    pub nav_max_item_words: usize,
    pub repeated_min_words: usize,
    pub edge_max_words: usize,
    pub menu_min_lines: usize,
    pub menu_max_words: usize,
    pub keyword_min_words: usize,
    pub keyword_max_function_share: f64,
    pub keyword_min_repeats: usize,
    pub keyword_repeated_share: f64,
    pub link_max_words: usize,
    pub link_card_min_lines: usize,
    pub comments: bool,
    pub cross_document: bool,
    pub template_max_words: usize,
    pub template_min_docs: u64,
    pub template_min_share: f64,
    pub corpus_min_docs: u64,
    pub corpus_min_share: f64,
    pub sketch_mb: usize,
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            builtin_lexicon: true,
            extra_phrases: Vec::new(),
            extra_phrases_file: None,
            phrase_coverage: 0.4,
            lead_max_words: 50,
            nav_min_items: 3,
            nav_max_item_words: 4,
            repeated_min_words: 3,
            edge_max_words: 3,
            menu_min_lines: 3,
            menu_max_words: 4,
            keyword_min_words: 8,
            keyword_max_function_share: 0.05,
            keyword_min_repeats: 3,
            keyword_repeated_share: 0.4,
            link_max_words: 15,
            link_card_min_lines: 6,
            comments: true,
            cross_document: true,
            template_max_words: 12,
            template_min_docs: 10,
            template_min_share: 0.01,
            corpus_min_docs: 100,
            corpus_min_share: 0.002,
            sketch_mb: 64,
            annotate: false,
        }
    }
}

/// Options that name files: the phrase file is read when the step is built.
pub(crate) const PATHS: &[PathOption] = &[PathOption::always("extra_phrases_file", FileUse::Read)];

/// Largest count-min sketch: 64 GiB is far beyond any corpus's distinct lines.
const MAX_SKETCH_MB: usize = 1 << 16;

impl Validate for Options {
    /// Zero and one are refused where they would make a rule fire on ordinary text (a
    /// "navigation line" of one item, a "template" seen in one document, a share of 0 of a
    /// site's documents): with `template_min_docs = 0` every short line of every document would
    /// be removed. Word limits may be 0, which turns their rule off.
    fn validate(&self) -> Result<(), String> {
        if let Some(path) = &self.extra_phrases_file {
            check::path("extra_phrases_file", path)?;
        }
        check::share("phrase_coverage", self.phrase_coverage)?;
        check::at_least("nav_min_items", self.nav_min_items, 2)?;
        check::at_least("nav_max_item_words", self.nav_max_item_words, 1)?;
        check::at_least("repeated_min_words", self.repeated_min_words, 1)?;
        check::at_least("menu_min_lines", self.menu_min_lines, 2)?;
        check::at_least("menu_max_words", self.menu_max_words, 1)?;
        check::at_least("keyword_min_words", self.keyword_min_words, 1)?;
        check::share(
            "keyword_max_function_share",
            self.keyword_max_function_share,
        )?;
        check::off_or_at_least("keyword_min_repeats", self.keyword_min_repeats, 2)?;
        check::share("keyword_repeated_share", self.keyword_repeated_share)?;
        check::off_or_at_least("link_card_min_lines", self.link_card_min_lines, 2)?;
        check::at_least("template_max_words", self.template_max_words, 1)?;
        check::at_least("template_min_docs", self.template_min_docs, 2)?;
        check::share("template_min_share", self.template_min_share)?;
        check::at_least("corpus_min_docs", self.corpus_min_docs, 2)?;
        check::share("corpus_min_share", self.corpus_min_share)?;
        check::within("sketch_mb", self.sketch_mb, 1, MAX_SKETCH_MB)?;
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "stage",
        summary: "removes boilerplate lines (theme phrases, navigation, symbols, repeated paragraphs, lines recurring across a site, short lines at the edges) and records the rule for each",
        options: option_infos::<Options>(&[
            ("builtin_lexicon", "use the built-in Arabic and English theme phrases"),
            ("extra_phrases", "more phrases (markers as in the built-in lexicon: ^ lead, = whole line, * site notice, > link-list header, ! comments header)"),
            ("extra_phrases_file", "a file of more phrases, one per line, # for comments (a relative path is relative to the configuration file)"),
            ("phrase_coverage", "share of a line's letters that phrases must cover"),
            ("lead_max_words", "longest line a lead phrase (^...) removes, in words"),
            ("nav_min_items", "fewest separated items for a navigation line"),
            ("nav_max_item_words", "longest navigation item, in words"),
            ("repeated_min_words", "shortest paragraph the repetition rule considers"),
            ("edge_max_words", "longest unpunctuated line removed at the document's edges"),
            ("menu_min_lines", "fewest consecutive short lines that form a menu block"),
            ("menu_max_words", "longest line of a menu block, in words"),
            ("keyword_min_words", "shortest line the keyword-list rule considers, in words"),
            ("keyword_max_function_share", "share of function words below which a long unpunctuated line is a keyword list"),
            ("keyword_min_repeats", "times one word must recur for a long unpunctuated line to be a keyword list by repetition (0: off)"),
            ("keyword_repeated_share", "share of the line's words that recur, for the repetition signal"),
            ("link_max_words", "longest title line a link-list header takes with it (0: off)"),
            ("link_card_min_lines", "fewest title lines, with recurring short labels, that form a list of article cards (0: off)"),
            ("comments", "remove readers' comments after a comments header of the lexicon (!...) to the end of the page"),
            ("cross_document", "count lines across documents (adds a pass over the input)"),
            ("template_max_words", "longest line the cross-document rule considers"),
            ("template_min_docs", "documents of one site a template line appears in, at least"),
            ("template_min_share", "share of a site's documents it appears in, at least"),
            ("corpus_min_docs", "documents of the corpus a template line appears in, at least"),
            ("corpus_min_share", "share of the corpus's documents it appears in, at least"),
            ("sketch_mb", "memory for the cross-document line counts, in MB"),
            ("annotate", "write removed lines and rules to metadata boilerplate_removed"),
        ]),
        reasons: vec![(
            "empty_after_removal",
            "every line of the document was boilerplate (the detail counts lines per rule)",
        )],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    let stage = Boilerplate::new(opts).map_err(|message| ConfigError::BadOptions {
        index,
        name: NAME.to_string(),
        message,
    })?;
    Ok(Built {
        element: Element::Stage(Box::new(stage)),
        resolved,
    })
}

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
    fn counters(self) -> (&'static str, &'static str) {
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
    const ALL: [Rule; 10] = [
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

/// Writes `key` with a space on each side into `out`, so that phrases match whole words.
fn pad(key: &str, out: &mut String) {
    out.clear();
    out.push(' ');
    out.push_str(key);
    out.push(' ');
}

/// A line ending with a full stop or a colon, not an ellipsis: a sentence, not a title. Titles
/// may end with a question mark, a closing quote or an ellipsis.
fn full_stop(raw: &str) -> bool {
    ends_with_period(raw) || raw.trim_end().ends_with(':')
}

/// Whether the list starting at line `start` is announced by the line before it ending with a
/// colon ("… هم أكثر عرضة لمخاطر السفر، وهي:"): a list of the article, however bare its items.
/// A header removed by another rule ("مقالات الكاتب:") announces no list of the article; one
/// that recurs on every page of a site ("المكونات:", `template_line`) still does.
fn introduced(lines: &[Line<'_>], verdicts: &[Option<Rule>], start: usize) -> bool {
    (0..start)
        .rev()
        .find(|&k| !lines[k].raw.trim().is_empty())
        .is_some_and(|k| {
            matches!(verdicts[k], None | Some(Rule::TemplateLine))
                && lines[k].raw.trim_end().ends_with(':')
        })
}

/// Words of page links, folded: a pager holds nothing else besides page numbers.
const PAGE_WORDS: [&str; 23] = [
    "first",
    "last",
    "next",
    "of",
    "page",
    "prev",
    "previous",
    "الاخيره",
    "الاولي",
    "التالي",
    "التاليه",
    "السابق",
    "السابقه",
    "الصفحه",
    "اخر",
    "اول",
    "صفحه",
    "من",
    "précédent",
    "suivant",
    "première",
    "dernière",
    "sur",
];

/// Page links, a pager ("صفحة 1 من 4 1 2 3 > الأخيرة »", "« السابق 1 2 3 4 التالي »"): only
/// page numbers and words of `PAGE_WORDS`, at least two numbers and a word of paging, alone
/// or as one of a line's short items separated by bullets or pipes. Also a
/// listing's row that ends with its topic's page links after an ellipsis ("عنوان الموضوع ...
/// 1 2 3 الصفحة الأخيرة"): forums print them after each topic of several pages. `key` is the
/// folded line.
fn pagination(raw: &str, key: &str) -> bool {
    let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let paging = |w: &str| !matches!(w, "من" | "of" | "sur") && PAGE_WORDS.contains(&w);
    let page_word = |w: &str| PAGE_WORDS.contains(&w) || number(w);
    // Every form ends with a page number or a word of paging; most lines end with another
    // word, and their last word alone settles them.
    if !key.rsplit(' ').next().is_some_and(page_word) {
        return false;
    }
    let pager = |key: &str| {
        let mut numbers = 0;
        let mut words = false;
        for w in key.split(' ') {
            if number(w) {
                numbers += 1;
            } else if paging(w) {
                words = true;
            } else if !PAGE_WORDS.contains(&w) {
                return false;
            }
        }
        numbers >= 2 && words
    };
    if key.split(' ').next().is_some_and(page_word) && pager(key) {
        return true;
    }
    // A pager among a forum's short items ("12 مشاركة • صفحة 1 من 2 • 1, 2").
    const ITEM_SEPARATORS: [char; 3] = ['•', '|', '·'];
    // '•' starts with the byte E2, '·' with C2: one scan skips lines without separators.
    if memchr::memchr3(b'|', 0xE2, 0xC2, raw.as_bytes()).is_some()
        && raw.contains(ITEM_SEPARATORS)
        && (key.contains("صفحه") || key.contains("page"))
    {
        let items: Vec<&str> = raw.split(ITEM_SEPARATORS).map(str::trim).collect();
        if items.len() > 1
            && items
                .iter()
                .all(|item| item.split_whitespace().count() <= 4)
            && items
                .iter()
                .any(|item| pager(&ghirbal_text::fold::fold(item)))
        {
            return true;
        }
    }
    if !(key.ends_with("الاخيره") || key.ends_with("last") || key.ends_with("dernière")) {
        return false;
    }
    let raw = raw.trim_end();
    let Some(at) = raw.rfind("...").or_else(|| raw.rfind('…')) else {
        return false;
    };
    let tail = ghirbal_text::fold::fold(&raw[at..]);
    raw[..at].chars().any(char::is_alphabetic)
        && tail.split(' ').all(page_word)
        && tail.split(' ').any(paging)
}

/// A weather widget: a short line with a temperature ("الرباط 17°C", "بغداد ١٤°", "القدس 31° |
/// غزة 30°"). Only above the article is this the site's widget.
fn weather(raw: &str) -> bool {
    let raw = raw.trim_end();
    !raw.ends_with('.')
        && raw.split_whitespace().count() <= 8
        && raw.char_indices().any(|(at, c)| {
            // A degree after a number and before no other number (coordinates: 35°40′).
            matches!(c, '°' | '℃')
                && raw[..at].chars().last().is_some_and(is_any_digit)
                && !raw[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_any_digit)
        })
}

/// Kinds of pages a site links to as the previous or the next one, folded (singular).
const SEQUEL_KINDS: [&str; 14] = [
    "الدرس",
    "المقال",
    "المقاله",
    "الموضوع",
    "الخبر",
    "الحلقه",
    "المحاضره",
    "الفتوي",
    "القصيده",
    "التدوينه",
    "الايه",
    "السوره",
    "الفيديو",
    "الصفحه",
];

/// A link to the previous or the next page of a series, with its title after a colon
/// ("الدرس التالي: شرح حديث جبريل ←", "المقال السابق: …"), for the kinds of `SEQUEL_KINDS`:
/// "الخطوة التالية:" leads a step of the article.
fn sequel_link(raw: &str) -> bool {
    // The colon comes within the first 40 bytes: lines without one there are settled without
    // scanning the rest.
    let start = &raw.as_bytes()[..raw.len().min(41)];
    let Some(at) = memchr::memchr(b':', start) else {
        return false;
    };
    let head = &raw[..at];
    let head = ghirbal_text::fold::fold(head);
    let mut words = head.split(' ');
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(kind), Some("التالي" | "التاليه" | "السابق" | "السابقه"), None)
            if SEQUEL_KINDS.contains(&kind)
    )
}

/// A match's score or fixture, as live-score tickers print them above an article ("الريان 2 -
/// 1 الوكرة | انتهت", "الوكرة × السد - الأربعاء 18:30"): a score of two numbers joined by a
/// dash, or names joined by "×", in a line of at most twelve words.
fn score_line(raw: &str) -> bool {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    // A label and its value gives a range ("عمر البناء: 5 - 9 سنوات").
    if tokens.len() < 3 || tokens.len() > 12 || ends_with_period(raw) || label_and_value(raw) {
        return false;
    }
    let number = |t: &str| !t.is_empty() && t.chars().all(is_any_digit);
    tokens.contains(&"×")
        || tokens
            .windows(3)
            .any(|w| number(w[0]) && matches!(w[1], "-" | "–") && number(w[2]))
        || tokens.iter().any(|t| {
            t.split_once('-')
                .is_some_and(|(a, b)| number(a) && number(b) && a.len() <= 2 && b.len() <= 2)
        })
}

/// Tags written as hashtags, alone on their line ("#كهرباء_لبنان #المولدات #الطاقة").
fn hashtags(raw: &str) -> bool {
    if !raw.trim_start().starts_with('#') {
        return false;
    }
    let mut n = 0;
    for w in raw.split_whitespace() {
        if !w.starts_with('#') || w.len() < 3 {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Arrows of links to the previous and the next post.
const LEFT_ARROWS: [char; 5] = ['←', '⟵', '⇐', '⬅', '❮'];
const RIGHT_ARROWS: [char; 5] = ['→', '⟶', '⇒', '➡', '❯'];

/// Longest site name or tagline above a page's menu, in words: headlines are longer.
const BANNER_MAX_WORDS: usize = 6;

/// Labels of a news ticker, folded.
const TICKER_LABELS: [&str; 11] = [
    "عاجل",
    "خبر عاجل",
    "اخبار عاجله",
    "الاخبار العاجله",
    "اخر الاخبار",
    "شريط الاخبار",
    "breaking",
    "breaking news",
    "urgent",
    "flash",
    "dernière minute",
];

/// Labels of a live score or coverage before a separator ("مباشر | ليفربول 1 - 0 …"): alone on
/// their line they may stand above the headline itself.
const LIVE_LABELS: [&str; 3] = ["مباشر", "الان", "live"];

/// A news ticker: a label and a separator before a headline ("عاجل | مجلس الوزراء يوافق على
/// …", "آخر الأخبار: الركراكي يكشف …"), or several headlines of at least four words each
/// joined by bullets ("البنك المركزي يثبت … ••• وزير التموين: …"). Only above the article's
/// headline does this mean the site's ticker: a headline may itself start with "عاجل:".
fn ticker(raw: &str) -> bool {
    const SEPARATORS: [char; 12] = [':', '|', '◂', '▸', '◄', '►', '•', '»', '›', '-', '–', '—'];
    const BULLETS: [char; 7] = ['•', '◂', '▸', '◄', '►', '●', '■'];
    // A red dot or a flash before the label.
    let raw = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some(at) = raw.find(SEPARATORS) {
        let (head, tail) = raw.split_at(at);
        if head.len() <= 32 && tail.split_whitespace().count() >= 4 {
            let label = ghirbal_text::fold::fold(head);
            if TICKER_LABELS.contains(&label.as_str()) || LIVE_LABELS.contains(&label.as_str()) {
                return true;
            }
        }
    }
    let items: Vec<usize> = raw
        .split(BULLETS)
        .map(|item| item.split_whitespace().count())
        .filter(|&n| n > 0)
        .collect();
    items.len() >= 2 && items.iter().all(|&n| n >= 4)
}

/// A download link: a short line naming a file's format in brackets ("تحميل البلاغ (PDF -
/// 245 Ko)", "دليل المستخدم (PDF)", "تحميل المحاضرة (MP3 - ٢١٫٨ ميجابايت)").
fn download_link(raw: &str) -> bool {
    const FORMATS: [&str; 13] = [
        "pdf", "mp3", "mp4", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "epub",
        "apk",
    ];
    let raw = raw.trim_end();
    // The bracket closes the line, as a link's title does; a sentence goes on or ends with a
    // full stop ("… ملخص التقرير (PDF، 40 صفحة) متاح للعموم.").
    raw.ends_with(')')
        && raw.split_whitespace().count() <= 12
        && raw.rsplit('(').next().into_iter().any(|inside| {
            let word: String = inside
                .trim_start()
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            FORMATS.contains(&word.as_str())
        })
}

/// A user name alone on its line, written with an underscore between letters ("دكتور_هيثم",
/// "green_eagle85"): forums and comment threads print them; prose never joins words so.
fn user_name(raw: &str) -> bool {
    let raw = raw.trim();
    let mut words = raw.split_whitespace();
    memchr::memchr(b'_', raw.as_bytes()).is_some()
        && words.next().is_some_and(|w| {
            w.split('_').filter(|p| !p.is_empty()).count() >= 2
                && w.split('_').all(|p| p.chars().all(char::is_alphanumeric))
        })
        && words.next().is_none()
}

/// A label, a colon and a value: "الماركة: تويوتا", "سنة الصنع: 2018" (not a time, 10:15).
fn label_and_value(raw: &str) -> bool {
    raw.split_once(':').is_some_and(|(label, value)| {
        let label = label.trim();
        !value.trim().is_empty()
            && label.chars().any(char::is_alphabetic)
            && label.split_whitespace().count() <= 3
    })
}

/// A title as link lists print it: words only, after an optional list marker ("- ", "• ").
/// Lists of the article itself carry punctuation inside their items ("المجموعة الأولى: …",
/// "اللاعب … (سباحة) ذهبية", «…»).
fn bare_title(raw: &str) -> bool {
    let text = raw.trim();
    let text = text
        .strip_prefix(['-', '*', '•', '–', '·'])
        .map_or(text, str::trim_start);
    !text.chars().any(|c| {
        c.is_ascii_punctuation()
            || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '…' | '–' | '—' | '“' | '”')
    })
}

/// The folded text of a whole line: its key, or for a long line (whose key holds only its
/// start) the fold of the line.
fn whole_key<'k>(line: &Line<'_>, key: &'k str) -> std::borrow::Cow<'k, str> {
    if line.long {
        std::borrow::Cow::Owned(ghirbal_text::fold::fold(line.raw))
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

/// Words that open a byline ("إعداد: فريق التحرير", "بقلم: …"), on the matching
/// normalization.
const BYLINE_WORDS: [&str; 16] = [
    "اعداد",
    "بقلم",
    "كتب",
    "كتبت",
    "حوار",
    "تقرير",
    "ترجمه",
    "تحرير",
    "اشراف",
    "تصوير",
    "متابعه",
    "مراسل",
    "كتابه",
    "الكاتب",
    "by",
    "author",
];

/// A byline: a byline word, a colon, then a name ("إعداد: فريق المركز", "بقلم : أحمد").
fn is_byline(raw: &str) -> bool {
    let Some((head, rest)) = raw.split_once(':') else {
        return false;
    };
    // Or the colon closes it: "كتب - حسن عبدالله الستري:".
    if rest.trim().is_empty() && head.len() <= 64 {
        let head = ghirbal_text::fold::fold(head);
        let mut words = head.split(' ');
        return words.next().is_some_and(|w| BYLINE_WORDS.contains(&w))
            && (1..=4).contains(&words.count());
    }
    // A byline word is one short word: a sentence with a colon ("وقال الوزير: …") is
    // settled without folding its start.
    if head.trim().len() > 32 {
        return false;
    }
    let head = ghirbal_text::fold::fold(head);
    !rest.trim().is_empty() && BYLINE_WORDS.contains(&head.as_str())
}

/// Particles of Arabic personal names, on the matching normalization.
const NAME_PARTICLES: [&str; 6] = ["بن", "ابن", "بنت", "ابو", "ابي", "ال"];

/// What the keyword-list rule measured on a long unpunctuated line.
struct KeywordSignals {
    sparse: bool,
    stuffed: bool,
    /// Function words (and one-letter words, name particles) per word.
    function_share: f64,
}

/// A fixed-size count-min sketch with atomic counters: concurrent increments, estimates that
/// can only be too high, memory set once.
struct CountMin {
    rows: [Vec<AtomicU32>; 4],
    mask: usize,
}

impl CountMin {
    fn new(megabytes: usize) -> Self {
        let per_row = (megabytes.max(1) << 20) / 4 / 4;
        let width = per_row.next_power_of_two() / 2;
        let width = width.max(1024);
        let row = || (0..width).map(|_| AtomicU32::new(0)).collect::<Vec<_>>();
        Self {
            rows: [row(), row(), row(), row()],
            mask: width - 1,
        }
    }
    fn slots(&self, h: u128) -> impl Iterator<Item = usize> + '_ {
        (0..4).map(move |i| ((h >> (i * 32)) as usize) & self.mask)
    }
    fn add(&self, h: u128) {
        for (row, slot) in self.rows.iter().zip(self.slots(h)) {
            let _ =
                row[slot].fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| v.checked_add(1));
        }
    }
    /// Width, then every counter, little-endian.
    fn save(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&(self.mask as u64 + 1).to_le_bytes())?;
        let mut buf = Vec::with_capacity(1 << 16);
        for row in &self.rows {
            for chunk in row.chunks(1 << 14) {
                buf.clear();
                for c in chunk {
                    buf.extend_from_slice(&c.load(Ordering::Relaxed).to_le_bytes());
                }
                out.write_all(&buf)?;
            }
        }
        Ok(())
    }

    /// Reads counters saved by [`CountMin::save`] from a sketch of the same width.
    fn load(&self, input: &mut dyn Read) -> std::io::Result<()> {
        let mut width = [0u8; 8];
        input.read_exact(&mut width)?;
        if u64::from_le_bytes(width) != self.mask as u64 + 1 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "saved sketch has another width",
            ));
        }
        let mut buf = vec![0u8; 4 << 14];
        for row in &self.rows {
            for chunk in row.chunks(1 << 14) {
                let bytes = &mut buf[..chunk.len() * 4];
                input.read_exact(bytes)?;
                for (c, b) in chunk.iter().zip(bytes.chunks_exact(4)) {
                    c.store(
                        u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                        Ordering::Relaxed,
                    );
                }
            }
        }
        Ok(())
    }

    fn estimate(&self, h: u128) -> u64 {
        self.rows
            .iter()
            .zip(self.slots(h))
            .map(|(row, slot)| u64::from(row[slot].load(Ordering::Relaxed)))
            .min()
            .unwrap_or(0)
    }
}

pub struct Boilerplate {
    opts: Options,
    phrases: Option<AhoCorasick>,
    /// Per pattern: is it a lead phrase (removes the whole line when it starts it)?
    lead: Vec<bool>,
    /// The lead phrases alone, padded as the patterns are, for long lines.
    lead_keys: Vec<(String, Option<usize>)>,
    /// Per pattern: for a lead phrase written with a final colon ("^التصنيفات:"), its number
    /// of words; the line must then have a colon right after them ("التصنيفات: …"), so that a
    /// sentence starting with the same words ("التصنيفات الدولية للجامعات …") stays.
    lead_colon: Vec<Option<usize>>,
    /// Per pattern: does it have two words or more?
    multi_word: Vec<bool>,
    /// Headers of link lists ("مقالات ذات صلة", "المقال التالي"), folded.
    /// Lines that are boilerplate only whole, folded: link-list headers (`>`, true: they take
    /// the titles after them) and whole-line phrases (`=`, false: "رد", which inside a line is
    /// an ordinary word).
    headers: std::collections::HashMap<String, bool>,
    /// Words of the longest header, so that longer lines skip the lookup.
    header_max_words: usize,
    /// Headers of readers' comments (`!`), folded, each with whether it may be followed by the
    /// article's title ("5 تعليقات على …", written with a final "…" in the lexicon).
    comment_headers: std::collections::HashMap<String, bool>,
    /// Link-list headers that follow one word of the site's own (`>…ذات صلة`: "فتاوى ذات
    /// صلة"), folded, with a space before them.
    header_suffixes: Vec<String>,
    /// The first word of each comments header, sorted (a binary search is cheaper than
    /// hashing).
    comment_first_words: Vec<String>,
    /// The months of `lexicon/date-words-ar.txt` (anchors that are no weekday or counter),
    /// folded and sorted, for the stamps glued to titles.
    months: Vec<String>,
    /// Phrases that make a line of at most `ANYWHERE_MAX_WORDS` words boilerplate wherever
    /// they stand in it (rights notices), folded and padded with spaces.
    /// Per pattern: is it a site notice (`*`), which makes a line of at most
    /// `ANYWHERE_MAX_WORDS` words boilerplate wherever it stands in it? Site notices share the
    /// phrase automaton, so that each short line is searched once.
    anywhere: Vec<bool>,
    sketch: Option<CountMin>,
    total_docs: AtomicU64,
    function_words: std::collections::HashSet<String>,
    /// Words of dates, times and counters, folded, each with whether it anchors a stamp
    /// (`lexicon/date-words-ar.txt`).
    date_words: std::collections::HashMap<String, bool>,
}

/// One line of a document, with what the rules need.
struct Line<'a> {
    raw: &'a str,
    /// The folded line; for a long line only its start (see `lines`).
    key: std::ops::Range<usize>,
    long: bool,
    words: usize,
    /// Whether a word of two letters or more is in it: a line without one ("|", "***", a
    /// date, "A A" of a font-size control) is no text.
    letters: bool,
    ends_sentence: bool,
}

/// Every separator is ASCII or starts with the UTF-8 byte C2 or E2 (`navigation_rule` relies
/// on it to skip lines without any).
/// The guillemets first (`navigation_rule` drops them when they quote).
const NAV_SEPARATORS: &[char] = &[
    '«', '»', '|', '•', '·', '›', '‹', '>', '<', '►', '◄', '▸', '◂', '⟩', '⟨', '\\', '¦', '∙', '●',
    '▪', '■',
];

/// Whether a folded key (letters, digits, single spaces) holds a word of two letters or more;
/// characters are counted by their first byte.
fn has_word(folded: &[u8]) -> bool {
    let mut letters = 0;
    for &b in folded {
        if b == b' ' {
            letters = 0;
        } else if (b & 0xC0) != 0x80 && !b.is_ascii_digit() {
            letters += 1;
            if letters == 2 {
                return true;
            }
        }
    }
    false
}

/// The number of words separated by ASCII whitespace, as `split_ascii_whitespace().count()`
/// gives it, for lines of up to `EXACT_WORDS_MAX` gaps. Longer lines (paragraphs, most of the
/// bytes of a document) are counted by their spaces and tabs, a loop that vectorizes: every
/// threshold on words lies far below, so doubled spaces there change no decision.
fn ascii_words(raw: &str) -> usize {
    const EXACT_WORDS_MAX: usize = 64;
    let b = raw.as_bytes();
    let gaps = b.iter().filter(|&&c| c == b' ' || c == b'\t').count();
    if gaps > EXACT_WORDS_MAX {
        return gaps + 1;
    }
    raw.split_ascii_whitespace().count()
}

/// Whether the bytes hold an Eastern Arabic or Persian digit (U+0660–U+0669, U+06F0–U+06F9).
fn eastern_digit(b: &[u8]) -> bool {
    b.windows(2).any(|w| {
        (w[0] == 0xD9 && (0xA0..=0xA9).contains(&w[1]))
            || (w[0] == 0xDB && (0xB0..=0xB9).contains(&w[1]))
    })
}

/// A clock time written in any digits ("١٤:٣٠").
fn eastern_clock(raw: &str) -> bool {
    let chars: Vec<char> = raw.chars().collect();
    chars
        .windows(4)
        .any(|w| is_any_digit(w[0]) && w[1] == ':' && is_any_digit(w[2]) && is_any_digit(w[3]))
}

/// Whether the line holds a clock time ("10:15", "9:05") or a date in numbers ("2022-09-26",
/// "18/09/2024", "12.05.2015").
fn has_clock_time(raw: &str) -> bool {
    let b = raw.as_bytes();
    // "14:30" and the French "10h45" on bytes; "١٤:٣٠" only when an Eastern digit is there.
    let clock = b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    }) || (memchr::memchr(b':', b).is_some() && eastern_digit(b) && eastern_clock(raw));
    clock || {
        // Three numbers joined by the same separator.
        let mut numbers = raw.split(|c: char| !c.is_ascii_digit() && !matches!(c, '-' | '/' | '.'));
        numbers.any(|t| {
            ['-', '/', '.'].iter().any(|&sep| {
                let parts: Vec<&str> = t.split(sep).collect();
                parts.len() == 3
                    && parts
                        .iter()
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            })
        })
    }
}

/// Whether the line starts like an item of a list: "- ", "* ", "• ", "1. ", "2) ".
fn starts_with_list_marker(raw: &str) -> bool {
    let t = raw.trim_start();
    if t.starts_with(['-', '*', '•', '–', '·']) {
        return true;
    }
    // "1. " and "2) ", not "12-05-2015" or "12.5".
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < t.len()
        && rest.starts_with(['.', ')'])
        && rest[1..].starts_with(char::is_whitespace)
}

/// Whether the line ends with a full stop (not an ellipsis).
fn ends_with_period(raw: &str) -> bool {
    let end = raw.trim_end();
    end.ends_with(['.', '۔']) && !end.ends_with("..")
}

/// A sentence that merely starts with the words of a lead phrase ("المصدر الرئيسي للطاقة في
/// البلاد هو النفط."): it ends with a full stop and has no colon, which links and labels
/// written with a lead phrase have ("اقرأ أيضاً: … .", "رابط الخبر بصحيفة …: … .").
fn plain_sentence(raw: &str) -> bool {
    ends_with_period(raw) && !raw.contains(':')
}

/// Whether the line has a colon right after its first `n` words ("الوسوم: …", "الوسوم : …",
/// "Tags:news").
fn colon_after_words(raw: &str, n: usize) -> bool {
    let mut words = raw.split_whitespace();
    match words.nth(n.saturating_sub(1)) {
        Some(w) if w.contains(':') => true,
        Some(_) => words.next().is_some_and(|w| w.starts_with(':')),
        None => false,
    }
}

/// Whether a line is written with the punctuation of dates and times only, and of archive
/// widgets: a tree marker at its start ("► فبراير (4)") and a count or time zone in brackets
/// at its end.
fn date_punctuation_only(raw: &str) -> bool {
    let text = raw
        .trim_start()
        // Arrows of archive widgets, and the stars of a rating ("★★★★☆ (128 تقييم)").
        .trim_start_matches(['►', '▼', '▶', '◄', '◀', '▸', '▾', '★', '☆', '⭐'])
        .trim_start()
        .trim_end();
    // A closing bracket: a count ("(4)") or a time zone ("(GMT+0400)"); its words are checked
    // with the others.
    let (text, bracket) = match text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((before, inside)) => (before, inside.trim()),
        None => (text, "0"),
    };
    !bracket.is_empty()
        && bracket
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | ':' | ' '))
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || c.is_whitespace()
                // "»" after a forum post's author, "_" inside a user name.
                || matches!(c, ',' | '،' | '/' | '-' | ':' | '.' | '|' | '»' | '_')
        })
}

/// A menu or tag list separated by spaced dashes ("الرئيسية - سياسة - مجتمع - اقتصاد"): at
/// least four items of at most three words, each with letters and no digit, quote or bracket.
/// Datelines ("الرياض - واس") have two items, scores and dates have digits.
fn dash_menu(raw: &str) -> bool {
    // Most lines hold neither dash ('–' starts with the byte E2): one SIMD scan settles them.
    let bytes = raw.as_bytes();
    if memchr::memchr2(b'-', 0xE2, bytes).is_none()
        || memchr::memmem::find_iter(bytes, " - ").count()
            + memchr::memmem::find_iter(bytes, " – ").count()
            < 3
    {
        return false;
    }
    let mut items = 0;
    for item in raw.split(" - ").flat_map(|p| p.split(" – ")) {
        let item = item.trim();
        let words = item.split_whitespace().count();
        if words == 0
            || words > 3
            || !item.chars().any(char::is_alphabetic)
            || item.chars().any(|c| {
                c.is_numeric() || matches!(c, '"' | '«' | '»' | '(' | ')' | '“' | '”' | '-' | '–')
            })
        {
            return false;
        }
        items += 1;
    }
    items >= 4
}

/// Whether every « is closed by a » before the next «, and there is at least one pair.
fn quotes_in_pairs(raw: &str) -> bool {
    let mut open = false;
    let mut pairs = 0;
    for c in raw.chars() {
        match (c, open) {
            ('«', false) => open = true,
            ('»', true) => {
                open = false;
                pairs += 1;
            }
            ('«', true) | ('»', false) => return false,
            _ => {}
        }
    }
    !open && pairs > 0
}

fn site_of(doc: &Document) -> Option<String> {
    if let Some(url) = doc.meta.get("url").and_then(|v| v.as_str()) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if !host.is_empty() {
            return Some(host);
        }
    }
    doc.meta
        .get("source")
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn line_hash(scope: &str, key: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(scope.as_bytes());
    h.update(&[0xff]);
    h.update(key.as_bytes());
    h.digest128()
}

const ALL_SITES: &str = "\u{0}corpus";
const DOCS_KEY: &str = "\u{0}documents";

impl Boilerplate {
    /// The stage for these options (checked as the configuration checks them), with its
    /// phrase file read; the error is the message.
    pub fn new(opts: Options) -> Result<Self, String> {
        opts.validate()?;
        let mut sources: Vec<String> = Vec::new();
        if opts.builtin_lexicon {
            sources.extend(BUILTIN_LEXICON.lines().map(str::to_string));
        }
        if let Some(path) = &opts.extra_phrases_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("extra_phrases_file = \"{path}\": {e}"))?;
            sources.extend(text.lines().map(str::to_string));
        }
        sources.extend(opts.extra_phrases.iter().cloned());
        let mut patterns = Vec::new();
        let mut lead = Vec::new();
        let mut headers = std::collections::HashMap::new();
        let mut lead_colon = Vec::new();
        let mut anywhere = Vec::new();
        let mut comment_headers = std::collections::HashMap::new();
        let mut header_suffixes: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for line in &sources {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(phrase) = line.strip_prefix('!') {
                let (titled, phrase) = match phrase.trim_end().strip_suffix('…') {
                    Some(p) => (true, p),
                    None => (false, phrase),
                };
                let mut key = String::new();
                fold_into(phrase, &mut key);
                if !key.is_empty() {
                    comment_headers.insert(key, titled);
                }
                continue;
            }
            let (is_lead, phrase) = match line.strip_prefix('^') {
                Some(p) => (true, p),
                None => (false, line),
            };
            let (is_header, phrase) = match phrase.strip_prefix('>') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            let (is_whole, phrase) = match phrase.strip_prefix('=') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            let colon = is_lead && phrase.ends_with(':');
            let (is_anywhere, phrase) = match phrase.strip_prefix('*') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            let mut key = String::new();
            fold_into(phrase, &mut key);
            // A header counts only as a whole line: inside a sentence "الأكثر قراءة" or
            // "آخر الأخبار" are ordinary words, so headers are not phrase patterns.
            if is_header || is_whole {
                // ">…ذات صلة": a header after one word of the site's own ("فتاوى ذات صلة").
                if is_header && phrase.starts_with('…') {
                    if !key.is_empty() {
                        header_suffixes.push(format!(" {key}"));
                    }
                } else if !key.is_empty() {
                    headers.insert(key, is_header);
                }
                continue;
            }
            if key.is_empty() || !seen.insert((is_lead, colon, is_anywhere, key.clone())) {
                continue;
            }
            lead_colon.push(colon.then(|| key.split(' ').count()));
            patterns.push(format!(" {key} "));
            lead.push(is_lead);
            anywhere.push(is_anywhere);
        }
        let phrases = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    // A few hundred short patterns: a full DFA is small and the fastest to search.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| e.to_string())?,
            )
        };
        let sketch = opts.cross_document.then(|| CountMin::new(opts.sketch_mb));
        let header_max_words = headers
            .keys()
            .map(|h: &String| h.split(' ').count())
            .max()
            .unwrap_or(0);
        let lead_keys = patterns
            .iter()
            .zip(&lead)
            .zip(&lead_colon)
            .filter(|((_, l), _)| **l)
            .map(|((p, _), c)| (p.clone(), *c))
            .collect();
        let multi_word = patterns.iter().map(|p| p.trim().contains(' ')).collect();
        let function_words = word_list(FUNCTION_WORDS).map(|(w, _)| w).collect();
        // Connectors (`~`) anchor no stamp; counters (`+`) anchor one but are no month.
        let mut months = Vec::new();
        let mut date_words = std::collections::HashMap::new();
        for (w, marker) in word_list(DATE_WORDS) {
            if marker.is_none() && !WEEKDAYS.contains(&w.as_str()) {
                months.push(w.clone());
            }
            date_words.insert(w, marker != Some('~'));
        }
        months.retain(|w| date_words.get(w) == Some(&true));
        months.sort();
        months.dedup();
        Ok(Self {
            opts,
            phrases,
            lead,
            lead_keys,
            lead_colon,
            multi_word,
            headers,
            header_max_words,
            comment_first_words: {
                let mut firsts: Vec<String> = comment_headers
                    .keys()
                    .filter_map(|h: &String| h.split(' ').next().map(str::to_string))
                    .collect();
                firsts.sort();
                firsts.dedup();
                firsts
            },
            comment_headers,
            header_suffixes,
            months,
            anywhere,
            sketch,
            total_docs: AtomicU64::new(0),
            function_words,
            date_words,
        })
    }

    /// Splits the text into lines with what the rules need. Long lines (article paragraphs,
    /// most of the text) are folded only at their start: no rule but the lead-phrase check and
    /// the repetition check looks at them, and the latter hashes the line as it is.
    fn lines<'a>(text: &'a str, keys: &mut String) -> Vec<Line<'a>> {
        keys.clear();
        text.split('\n')
            .map(|raw| {
                let raw_words = ascii_words(raw);
                let long = raw_words > PHRASE_SCAN_MAX_WORDS;
                let start = keys.len();
                if long {
                    let mut cut = raw.len().min(LONG_LINE_PREFIX);
                    while !raw.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    fold_into(&raw[..cut], keys);
                } else {
                    fold_into(raw, keys);
                }
                let key = start..keys.len();
                // The folded key holds letters, digits and single spaces only.
                let folded = &keys.as_bytes()[key.clone()];
                let words = if long {
                    raw_words
                } else if folded.is_empty() {
                    0
                } else {
                    folded.iter().filter(|&&b| b == b' ').count() + 1
                };
                let letters = has_word(folded);
                keys.push('\n');
                Line {
                    raw,
                    key,
                    long,
                    words,
                    letters,
                    ends_sentence: raw
                        .trim_end()
                        .chars()
                        .last()
                        .is_some_and(is_terminal_punctuation),
                }
            })
            .collect()
    }

    /// `padded` is the line's key with a space on each side (see [`pad`]). With `multi_only`,
    /// at least one of the matched phrases must have two words or more: single words such as
    /// "الإدارة" or "مشاركة" are too common in headlines to decide at a low coverage.
    fn phrase_rule(
        &self,
        line: &Line<'_>,
        padded: &str,
        mask: &mut Vec<bool>,
        min_coverage: f64,
        multi_only: bool,
    ) -> bool {
        let words = line.words;
        let Some(ac) = &self.phrases else {
            return false;
        };
        let mut matched = false;
        let mut multi = false;
        // In a long line only a lead phrase at its start can matter (and, up to
        // `ANYWHERE_MAX_WORDS` words, a site notice in its folded start): searching anchored
        // there keeps article paragraphs, most of the text, nearly free.
        if words > PHRASE_SCAN_MAX_WORDS {
            let lead = words <= self.opts.lead_max_words
                && !plain_sentence(line.raw)
                && self.lead_keys.iter().any(|(k, colon)| {
                    padded.starts_with(k.as_str())
                        && colon.is_none_or(|n| colon_after_words(line.raw, n))
                });
            return lead
                || (words <= ANYWHERE_MAX_WORDS
                    && ac
                        .find_overlapping_iter(padded)
                        .any(|m| self.anywhere[m.pattern().as_usize()]));
        }
        for m in ac.find_overlapping_iter(padded) {
            let pattern = m.pattern().as_usize();
            if self.anywhere[pattern] {
                return true;
            }
            if self.lead[pattern] {
                // A lead phrase opens a link or a label; a line ending with a full stop is a
                // sentence that starts with the same words ("المصدر الرئيسي للطاقة …").
                if m.start() == 0
                    && words <= self.opts.lead_max_words
                    && !plain_sentence(line.raw)
                    && self.lead_colon[pattern].is_none_or(|n| colon_after_words(line.raw, n))
                {
                    return true;
                }
                continue;
            }
            multi |= self.multi_word[pattern];
            if !matched {
                matched = true;
                mask.clear();
                mask.resize(padded.len(), false);
            }
            mask[m.start() + 1..m.end() - 1]
                .iter_mut()
                .for_each(|b| *b = true);
        }
        if !matched || (multi_only && !multi) {
            return false;
        }
        // A line announcing a list with a single theme word among words of its own
        // ("التواريخ الرئيسية:", "النقاط الرئيسية:") is the article's; a site's label is a
        // phrase of its own, with function words at most ("بحث عن:").
        if !multi && words >= 2 && line.raw.trim_end().ends_with(':') {
            let mut start = 0;
            for word in padded.split(' ') {
                let end = start + word.len();
                if !word.is_empty()
                    && !mask[start..end].iter().any(|&c| c)
                    && !self.function_words.contains(word)
                {
                    return false;
                }
                start = end + 1;
            }
        }
        // Characters counted by their first byte, so no decoding is needed.
        let (mut covered, mut total) = (0usize, 0usize);
        for (i, &b) in padded.as_bytes().iter().enumerate() {
            if b != b' ' && (b & 0xC0) != 0x80 {
                total += 1;
                covered += usize::from(mask[i]);
            }
        }
        total > 0 && covered as f64 >= min_coverage * total as f64
    }

    /// A rights notice written with `©`, in a line of at most `ANYWHERE_MAX_WORDS` words (site
    /// notices of the lexicon are found by [`Boilerplate::phrase_rule`]).
    fn copyright(&self, line: &Line<'_>) -> bool {
        line.words <= ANYWHERE_MAX_WORDS
            && memchr::memmem::find(line.raw.as_bytes(), "©".as_bytes()).is_some()
    }

    /// For a line that is only a header (`>`) or whole-line phrase (`=`) of the lexicon,
    /// whether it takes the titles after it (headers do).
    fn whole_line(&self, line: &Line<'_>, key: &str) -> Option<bool> {
        // Longer lines (most) skip the lookups: a header after a site word has one word more.
        if line.words > self.header_max_words + 1 {
            return None;
        }
        let key = key.trim();
        if let Some(&takes) = self.headers.get(key) {
            return (line.words <= self.header_max_words).then_some(takes);
        }
        // "More by": "قصائد أخرى للمتنبي", "محاضرات أخرى للشيخ", "مقالات أخرى للكاتب", or
        // "more" alone ("إعلانات أخرى"); and the
        // suffixed headers ("فتاوى ذات صلة"). Only after a kind of page a site lists
        // (`LISTED_KINDS`): "أسباب أخرى للصداع" and "أمراض ذات صلة" are the article's.
        if line.ends_sentence {
            return None;
        }
        let (kind, rest) = key.split_once(' ')?;
        // "Latest" lists: "آخر المستجدات", "أحدث الفتاوى", "جديد الإعلانات".
        if matches!(kind, "اخر" | "احدث" | "جديد")
            && rest
                .strip_prefix("ال")
                .is_some_and(|k| LISTED_KINDS.contains(&k))
        {
            return Some(true);
        }
        // The shape first (cheap), the kind last.
        let mut w = rest.split(' ');
        let more_by = matches!(
            (w.next(), w.next(), w.next()),
            (Some("اخري"), Some(by), None) if by.starts_with('ل') && by.chars().count() > 2
        ) || rest == "اخري";
        ((more_by || self.header_suffixes.iter().any(|h| h.trim_start() == rest))
            && LISTED_KINDS.contains(&kind))
        .then_some(true)
    }

    /// Whether a line is only a header of the page's tail (`!` in the lexicon: comments,
    /// reviews, the author's box), and if so whether it gives a count: the phrase with a
    /// number before it or in brackets after it ("5 تعليقات", "التعليقات (3)", "تعليق
    /// واحد"), or, for a phrase written with a final "…", a number and the phrase followed by
    /// the article's title ("5 تعليقات على \"…\""). A number inside ("تعليق على المادة 12")
    /// or a final colon ("تعليق:") makes a subheading of the article.
    fn comment_header(&self, line: &Line<'_>, key: &str) -> Option<bool> {
        if self.comment_headers.is_empty()
            || line.long
            || line.words > COMMENT_HEADER_MAX_WORDS
            || ends_with_period(line.raw)
        {
            return None;
        }
        // Most lines fail at their first word, without building anything.
        let first = key
            .split(' ')
            .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()));
        if !first.is_some_and(|w| {
            self.comment_first_words
                .binary_search_by(|f| f.as_str().cmp(w))
                .is_ok()
        }) {
            return None;
        }
        // A count stands at an edge: "5 تعليقات …", "التعليقات (3)"; a number inside is the
        // article's ("تعليق على المادة 12", "رأي حول قانون المالية 2025").
        let all: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let lead = all.iter().take_while(|w| digits(w)).count();
        let bracketed = line.raw.trim_end().ends_with(')')
            && all.last().is_some_and(|w| digits(w))
            && lead < all.len();
        let trail = usize::from(bracketed);
        let middle = &all[lead..all.len() - trail];
        // A number inside may belong to the article's title after a titled header only.
        let inner_number = middle.iter().any(|w| digits(w));
        let mut counted = lead > 0 || bracketed;
        let mut words = String::new();
        for w in middle {
            counted |= COUNT_WORDS.contains(w);
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(w);
        }
        // Without a count, a final colon introduces the article's own commentary ("تعليق:");
        // Blogger writes its count with one ("3 تعليقات:").
        if !inner_number
            && self.comment_headers.get(words.as_str()) == Some(&false)
            && (counted || !line.raw.trim_end().ends_with(':'))
        {
            return Some(counted);
        }
        (lead > 0
            && self.comment_headers.iter().any(|(h, &titled)| {
                titled
                    && words.len() > h.len()
                    && words.starts_with(h.as_str())
                    && words.as_bytes()[h.len()] == b' '
            }))
        .then_some(true)
    }

    /// Items between separators; a slash separates only with spaces around it, so dates
    /// (2013/12/03) and units (شخصا/ كيلومتر) stay whole. A line ending with `|` is a table row,
    /// and items without a letter (numbers, times) do not count as menu items.
    fn navigation_rule(&self, line: &Line<'_>) -> bool {
        // Most lines hold no separator at all: every one of `NAV_SEPARATORS` is an ASCII
        // '|' '>' '<' '\\' (or '/' of " / "), or starts with the byte C2 (· « » ¦) or E2
        // (• ‹ › ► ●, …). A SIMD scan for those bytes settles such lines.
        let bytes = line.raw.as_bytes();
        if !line.long && !line.ends_sentence && dash_menu(line.raw) {
            return true;
        }
        if !line.long && download_link(line.raw) {
            return true;
        }
        if memchr::memchr3(b'|', b'>', b'/', bytes).is_none()
            && memchr::memchr3(b'<', b'\\', 0xC2, bytes).is_none()
            && memchr::memchr(0xE2, bytes).is_none()
        {
            return false;
        }
        let raw = line.raw.trim_end();
        // Pipes and bullets separate links only; guillemets, angle marks and slashes also
        // quote words or join credits in sentences («…», "كلمات: … / ألحان: …"), so with
        // those every item must be short and no sentence end.
        let links_only =
            raw.contains(['|', '•', '·']) && !raw.contains(['«', '»', '‹', '›', '<', '>', '/']);
        // A full stop ends a sentence; a question mark may end a menu item ("من نحن؟").
        // Nor does a closing bracket: a count ("التقييمات (128)").
        if raw.ends_with('|')
            || (line.ends_sentence && !(links_only && raw.ends_with(['?', '؟', '!', ')'])))
        {
            return false;
        }
        let max = if links_only {
            2 * self.opts.nav_max_item_words
        } else {
            self.opts.nav_max_item_words
        };
        let short = self.opts.nav_max_item_words;
        // Guillemets in pairs quote a name («آي تونز»); breadcrumbs repeat one of them.
        let separators = if raw.contains('«') && quotes_in_pairs(raw) {
            &NAV_SEPARATORS[2..]
        } else {
            NAV_SEPARATORS
        };
        // A breadcrumb ends with the page's own title, however long: "منتديات … > الأقسام
        // العامة > منتدى الصحة > نصائح مجربة للتخلص من إجهاد العين أمام الكمبيوتر". A long
        // item passes only after enough short ones, and only as the last.
        let (mut items, mut long, mut seen) = (0usize, 0usize, 0usize);
        let mut title = false;
        for part in raw.split(" / ") {
            for item in part
                .split(separators)
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                if title {
                    return false;
                }
                seen += 1;
                let words = item.split_whitespace().count();
                // Footers mix short links with a few longer ones ("خدمة آخر خبر للرسائل
                // النصية"); a segment longer than twice an item is prose.
                if words > max {
                    if seen > self.opts.nav_min_items
                        && long == 0
                        && words <= self.opts.link_max_words
                        && raw.contains(['>', '›', '»'])
                    {
                        title = true;
                        items += 1;
                        continue;
                    }
                    return false;
                }
                long += usize::from(words > short);
                items += usize::from(item.chars().any(char::is_alphabetic));
            }
        }
        items >= self.opts.nav_min_items && (long == 0 || (items >= 4 && 2 * long <= items))
    }

    /// A lone date, time or counter (see `lexicon/date-words-ar.txt`): a number, and
    /// otherwise only words of dates, times and counters, at least one of them a month, a
    /// weekday, a counter or a time such as 10:15 ("1436هـ" counts as a number and a word);
    /// after "by" / "بواسطة" up to two words of a name. Written with the punctuation of dates
    /// only, not as a list item, not ending with a colon and not right after a line ending
    /// with one (those head or fill a schedule of the article).
    fn is_date(&self, line: &Line<'_>, key: &str, after_colon: bool) -> bool {
        // Cheapest first: most lines hold no digit. Words as written: "14:00" and
        // "2013/8/28" are one word each, not two or three.
        if line.words > 3 * DATE_MAX_WORDS
            || !key.bytes().any(|b| b.is_ascii_digit())
            || after_colon
            // Dashes between the Hijri and the Gregorian date are no words (counted only when
            // the line has too many words otherwise: most lines are settled by the first count).
            || (ascii_words(line.raw) > DATE_MAX_WORDS
                && line
                    .raw
                    .split_ascii_whitespace()
                    .filter(|w| !w.chars().all(|c| matches!(c, '-' | '–' | '—' | '|' | '»' | '«')))
                    .count()
                    > DATE_MAX_WORDS)
        {
            return false;
        }
        // A clock time also anchors a stamp; looked for last, once every word is a date word.
        let mut anchored = false;
        let mut by_seen = false;
        // Some(n): inside a name of n words right after "by".
        let mut name: Option<usize> = None;
        for w in key.split(' ') {
            let rest = w.trim_start_matches(|c: char| c.is_ascii_digit());
            // A number, or a French time ("10h45").
            if rest.is_empty()
                || (rest.len() < w.len()
                    && rest
                        .strip_prefix('h')
                        .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit())))
            {
                name = None;
                continue;
            }
            if let Some(&anchor) = self.date_words.get(rest) {
                anchored |= anchor;
                if matches!(rest, "by" | "par" | "بواسطه") {
                    if by_seen {
                        return false;
                    }
                    by_seen = true;
                    name = Some(0);
                } else {
                    name = None;
                }
                continue;
            }
            match name {
                Some(n) if n < 2 => name = Some(n + 1),
                _ => return false,
            }
        }
        (anchored || has_clock_time(line.raw))
            && !line.raw.trim_end().ends_with(':')
            && !starts_with_list_marker(line.raw)
            && date_punctuation_only(line.raw)
    }

    /// Stamps joined by pipes ("نُشر: الأحد ١٤ أبريل ٢٠٢٤ - ١١:٤٢ ص | آخر تحديث: …"): each
    /// part a lone date, time or counter.
    fn stamps(&self, raw: &str) -> bool {
        if memchr::memchr(b'|', raw.as_bytes()).is_none() {
            return false;
        }
        let mut parts = 0;
        for part in raw.split('|').map(str::trim) {
            let key = ghirbal_text::fold::fold(part);
            let line = Line {
                raw: part,
                key: 0..0,
                long: false,
                words: key.split(' ').filter(|w| !w.is_empty()).count(),
                letters: true,
                ends_sentence: false,
            };
            // The site's date and the weather share a top bar ("الأربعاء 17 ديسمبر 2025 |
            // المنامة 19° غائم جزئياً").
            if !self.is_date(&line, &key, false) && !weather(part) {
                return false;
            }
            parts += 1;
        }
        parts >= 2
    }

    /// A function word of the list, a one-letter token ("و" written apart) or a particle of
    /// Arabic names (بن، أبو، آل): words that make a line a sentence or a list of people.
    /// Whether a folded line ends with a date stamp glued after at least four words of a
    /// title: a weekday, a day's number, a month and a year's number, the numbers optional
    /// (some corpora strip digits: "… الثلاثاء فبراير"); not after a word that names the day
    /// in a sentence ("يوم", "أمس").
    fn glued_stamp(&self, key: &str) -> bool {
        // From the end, without collecting the words: most lines fail at their last word.
        let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let mut words = key.rsplit(' ').filter(|w| !w.is_empty());
        let mut next = words.next();
        while next.is_some_and(digits) {
            next = words.next();
        }
        let is_month = |w: &str| self.months.binary_search_by(|m| m.as_str().cmp(w)).is_ok();
        if !next.is_some_and(is_month) {
            return false;
        }
        next = words.next();
        while next.is_some_and(digits) {
            next = words.next();
        }
        if !next.is_some_and(|w| WEEKDAYS.contains(&w)) {
            return false;
        }
        // At least four words of a title before the weekday, the last not naming the day.
        words.next().is_some_and(|w| !PROSE_DAY.contains(&w)) && words.count() >= 3
    }

    /// Whether a line is words of its own: no date, no header or whole-line phrase of the
    /// lexicon, no theme phrase (what a title is, beside its length and punctuation).
    fn own_words(
        &self,
        line: &Line<'_>,
        key: &str,
        padded: &mut String,
        mask: &mut Vec<bool>,
    ) -> bool {
        pad(key, padded);
        !self.is_date(line, key, false)
            && self.whole_line(line, key).is_none()
            && !self.phrase_rule(line, padded, mask, self.opts.phrase_coverage, false)
    }

    fn function_like(&self, w: &str) -> bool {
        self.function_words.contains(w) || w.chars().nth(1).is_none() || NAME_PARTICLES.contains(&w)
    }

    fn function_words_in(&self, key: &str) -> usize {
        key.split(' ')
            .filter(|w| self.function_words.contains(*w))
            .count()
    }

    /// Sentences, even headlines and list items, carry punctuation or function words;
    /// keyword lists carry neither. Returns None for a line too short or punctuated to judge,
    /// else whether function words are nearly absent (`sparse`) and whether the same words
    /// recur through it (`stuffed`: "وظائف جدة وظائف الرياض وظائف الدمام …", a title
    /// repeated for search engines, a list of months).
    fn keyword_rule(&self, line: &Line<'_>, key: &str) -> Option<KeywordSignals> {
        if line.words < self.opts.keyword_min_words
            || line
                .raw
                .chars()
                .any(|c| c.is_ascii_punctuation() || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '…'))
        {
            return None;
        }
        let key = whole_key(line, key);
        // One-letter tokens ("و" written apart) and the particles of Arabic names (بن، أبو، آل)
        // count with the function words, so that a sentence listing people ("صاحب السمو
        // الأمير … بن … و صاحب السمو الأمير …") is not taken for a keyword list. Repetition:
        // one content word at least `keyword_min_repeats` times, and words seen more than once
        // making up `keyword_repeated_share` of the line.
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut function_like = 0;
        for w in key.split(' ').filter(|w| !w.is_empty()) {
            if self.function_like(w) {
                function_like += 1;
            } else {
                *counts.entry(w).or_default() += 1;
            }
        }
        let sparse =
            (function_like as f64) < self.opts.keyword_max_function_share * line.words as f64;
        let top = counts.values().copied().max().unwrap_or(0);
        let repeated: usize = counts.values().filter(|&&n| n > 1).sum();
        let stuffed = self.opts.keyword_min_repeats > 0
            && top >= self.opts.keyword_min_repeats
            && repeated as f64 >= self.opts.keyword_repeated_share * line.words as f64
            && (function_like as f64) < 0.1 * line.words as f64;
        Some(KeywordSignals {
            sparse,
            stuffed,
            function_share: function_like as f64 / line.words.max(1) as f64,
        })
    }

    fn is_template(&self, site: Option<&str>, key: &str, words: usize) -> bool {
        let Some(sketch) = &self.sketch else {
            return false;
        };
        if words == 0 || words > self.opts.template_max_words {
            return false;
        }
        if let Some(site) = site {
            let in_site = sketch.estimate(line_hash(site, key));
            let site_docs = sketch.estimate(line_hash(site, DOCS_KEY));
            if in_site >= self.opts.template_min_docs
                && in_site as f64 >= self.opts.template_min_share * site_docs as f64
            {
                return true;
            }
        }
        let total = self.total_docs.load(Ordering::Relaxed);
        let in_corpus = sketch.estimate(line_hash(ALL_SITES, key));
        in_corpus >= self.opts.corpus_min_docs
            && in_corpus as f64 >= self.opts.corpus_min_share * total as f64
    }

    /// Decides line by line; returns the rule for each removed line (None: kept).
    fn judge(&self, doc: &Document, lines: &[Line<'_>], keys: &str) -> Vec<Option<Rule>> {
        let site = if self.sketch.is_some() {
            site_of(doc)
        } else {
            None
        };
        let blank = |l: &Line<'_>| l.raw.trim().is_empty();
        // Datelines: among the first three non-blank lines, short, with a dash between words
        // or a digit. The passes below add the other protected lines (bylines before the
        // article, a short title before a byline or under a breadcrumb): `dateline` holds
        // every line no structural rule may remove.
        let mut dateline = vec![false; lines.len()];
        // The first of them, or the first date stamp there: short lines after it may be the
        // headline (see `edge`).
        let mut first_dateline = None;
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| !blank(l)).take(3) {
            if line.words > 15 || !line.letters {
                continue;
            }
            let dash = [" – ", " - ", " — ", "- ", " -", "/ ", " /"]
                .iter()
                .any(|d| line.raw.contains(d));
            let digit = line.raw.chars().any(is_any_digit);
            // A byline or label ("إعداد: فريق التحرير", "بقلم: …") belongs to the article.
            let byline = is_byline(line.raw);
            // The site's date alone on its line is a stamp like any other, not the article's
            // dateline ("الرياض - واس", "القاهرة 15 مارس").
            let stamp = digit
                && !byline
                && (weather(line.raw)
                    || self.is_date(line, &keys[line.key.clone()], false)
                    || self.stamps(line.raw));
            dateline[i] = (dash || digit || byline) && !stamp;
            if (dateline[i] || stamp) && first_dateline.is_none() {
                first_dateline = Some(i);
            }
        }
        // The headline (the first line longer than an edge line) is exempt from the keyword
        // rule; so is a one-line document, which the quality filters judge better whole.
        let first = lines
            .iter()
            .position(|l| !blank(l) && l.words > self.opts.edge_max_words);
        // Lines right after a line ending with a colon (the items of a schedule).
        // Lines of a list announced by a colon (a schedule): the short lines after a line
        // ending with a colon (not boilerplate itself: "مقالات الكاتب:", "لا توجد تعليقات:"),
        // up to a sentence or a blank line after the first item.
        let mut padded = String::new();
        let mut mask = Vec::new();
        let mut after_colon = vec![false; lines.len()];
        // 0: no list; 1: announced, no item yet; 2: in the list.
        let mut state = 0u8;
        for (i, line) in lines.iter().enumerate() {
            if blank(line) {
                if state == 2 {
                    state = 0;
                }
                continue;
            }
            let short = line.words <= self.opts.link_max_words && !full_stop(line.raw);
            after_colon[i] = state > 0 && short;
            // A byline closed by a colon announces no list.
            let announces = line.raw.trim_end().ends_with(':') && !is_byline(line.raw) && {
                let key = &keys[line.key.clone()];
                pad(key, &mut padded);
                self.whole_line(line, key).is_none()
                    && !self.phrase_rule(line, &padded, &mut mask, self.opts.phrase_coverage, false)
            };
            state = if announces {
                1
            } else if state > 0 && short {
                2
            } else {
                0
            };
        }
        let more_lines = lines.iter().filter(|l| !blank(l)).nth(1).is_some();
        // The line each copy repeats (see the pass after the block rules).
        let mut repeat_of: Vec<Option<usize>> = vec![None; lines.len()];
        let mut seen: std::collections::HashMap<u128, usize> = std::collections::HashMap::new();
        // The headline is also the last title-like line before the article's first sentence
        // (a site's name or a section title may come first).
        // The article's first sentence: a line longer than a title that ends a sentence.
        let body = lines.iter().position(|l| {
            l.words > self.opts.link_max_words.max(self.opts.edge_max_words) && l.ends_sentence
        });
        let title_before_body = body.and_then(|body| {
            (0..body).rev().find(|&k| {
                // Words of letters: a date line ("تاريخ النشر: 2025/02/10") is no title.
                let lettered = keys[lines[k].key.clone()]
                    .split(' ')
                    .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_digit()))
                    .count();
                // A title may end with a bracket or a quote ("… (الجزء الأول)"), not with a
                // full stop or a colon.
                !blank(&lines[k])
                    && lettered > self.opts.edge_max_words
                    && !full_stop(lines[k].raw)
                    && !self.is_date(&lines[k], &keys[lines[k].key.clone()], false)
            })
        });
        // The article's byline: between the headline and the first sentence, a byline ("كتب:
        // المركز الإعلامي") is protected as a dateline. Dates there stay stamps: post meta
        // ("15 مايو 2024", "آخر تحديث: …") is what readers of these pages label boilerplate,
        // and reference extractions leave it out.
        // The article's headline as a reader finds it: the first line before the first
        // sentence longer than an edge line that is no menu, breadcrumb, theme phrase or date
        // (`first` may be a menu glued into one line).
        let headline_at = {
            (0..body.unwrap_or(lines.len())).find(|&k| {
                let l = &lines[k];
                if blank(l) || l.words <= self.opts.edge_max_words || l.ends_sentence {
                    return false;
                }
                // A ticker, or a live score among a ticker's items or alone with its two
                // names ("الريان 2 - 1 الوكرة | انتهت", "النصر 2-1 الفيحاء"), is no headline; a
                // headline with a score is one.
                let scored = (l.raw.contains('|') || l.raw.split_whitespace().nth(5).is_none())
                    && score_line(l.raw);
                !(self.navigation_rule(l) || ticker(l.raw) || scored)
                    && self.own_words(l, &keys[l.key.clone()], &mut padded, &mut mask)
            })
        };
        if let Some(body) = body {
            let headline = headline_at
                .or(title_before_body)
                .or(first)
                .filter(|&h| h < body);
            for k in headline.map_or(0, |h| h + 1)..body {
                let line = &lines[k];
                if blank(line) || dateline[k] {
                    continue;
                }
                // Post meta written as a byline is a stamp ("نشر بواسطة: … في ٨:٤٥ م").
                dateline[k] =
                    is_byline(line.raw) && !self.is_date(line, &keys[line.key.clone()], false);
            }
        }
        // A byline follows the headline: a short title right before one ("مدينة القيروان",
        // then "كتابة: …") is the headline, however few its words.
        let mut short_headline = None;
        if let Some(b) = (0..body.unwrap_or(lines.len())).find(|&k| is_byline(lines[k].raw)) {
            short_headline = (0..b).rev().find(|&k| !blank(&lines[k])).filter(|&k| {
                let l = &lines[k];
                l.letters
                    && !l.ends_sentence
                    && l.words <= self.opts.link_max_words
                    && !l.raw.contains(':')
                    && !self.is_date(l, &keys[l.key.clone()], false)
            });
        }
        if let Some(k) = short_headline {
            dateline[k] = true;
        }
        // A breadcrumb stands right above the page's title: the first title-like line after
        // the last breadcrumb before the article is a headline, however short ("محاسب عام"
        // after "الوظائف > المحاسبة والمالية > الرياض").
        let crumb = |l: &Line<'_>| {
            !l.ends_sentence
                && memchr::memchr3(b'>', 0xE2, 0xC2, l.raw.as_bytes()).is_some()
                && l.raw.contains(['>', '›', '»'])
                && self.navigation_rule(l)
        };
        if let Some(c) = (0..body.unwrap_or(lines.len()))
            .rev()
            .find(|&k| crumb(&lines[k]))
        {
            let title = (c + 1..lines.len())
                .find(|&k| !blank(&lines[k]))
                .filter(|&k| {
                    let l = &lines[k];
                    l.letters
                        && !l.ends_sentence
                        && l.words <= self.opts.link_max_words
                        && !l.raw.contains(':')
                        && self.own_words(l, &keys[l.key.clone()], &mut padded, &mut mask)
                });
            if let Some(k) = title {
                dateline[k] = true;
            }
        }
        let mut verdicts: Vec<Option<Rule>> = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                if blank(line) {
                    return None;
                }
                let key = &keys[line.key.clone()];
                if !line.letters
                    || (!dateline[i] && self.is_date(line, key, after_colon[i]))
                    || (!dateline[i]
                        && !after_colon[i]
                        && line.words <= 2 * DATE_MAX_WORDS + 1
                        && self.stamps(line.raw))
                    || user_name(line.raw)
                    || (body.is_some_and(|b| i < b) && weather(line.raw))
                {
                    return Some(Rule::Symbols);
                }
                pad(key, &mut padded);
                if self.whole_line(line, key).is_some()
                    || self.copyright(line)
                    || self.phrase_rule(line, &padded, &mut mask, self.opts.phrase_coverage, false)
                {
                    return Some(Rule::Phrase);
                }
                if hashtags(line.raw) {
                    return Some(Rule::LinkList);
                }
                if self.navigation_rule(line)
                    || pagination(line.raw, key)
                    || (!line.long && sequel_link(line.raw))
                    || (title_before_body.is_some_and(|t| i < t)
                        && (ticker(line.raw) || (Some(i) != headline_at && score_line(line.raw))))
                {
                    return Some(Rule::Navigation);
                }
                if line.words >= self.opts.repeated_min_words {
                    let h = xxhash_rust::xxh3::xxh3_128(if line.long {
                        line.raw.trim().as_bytes()
                    } else {
                        key.as_bytes()
                    });
                    match seen.entry(h) {
                        std::collections::hash_map::Entry::Occupied(e) => {
                            repeat_of[i] = Some(*e.get());
                            return Some(Rule::RepeatedParagraph);
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(i);
                        }
                    }
                }
                if !dateline[i] && self.is_template(site.as_deref(), key, line.words) {
                    return Some(Rule::TemplateLine);
                }
                // The headline is exempt from the sparse-words signal (headlines are terse),
                // not from repetition.
                if let Some(k) = self.keyword_rule(line, key) {
                    if k.stuffed
                        || (k.sparse
                            && Some(i) != first
                            && Some(i) != title_before_body
                            && Some(i) != headline_at)
                    {
                        return Some(Rule::KeywordList);
                    }
                    // Site phrases glued to menu words with no sentence around them ("…
                    // منتدى مجاني للدعم المساعدة إتصل بنا …"): a lower phrase coverage
                    // suffices; not for the headline of an article (a one-line record is no
                    // article: its line is judged like any other).
                    if k.function_share < UNPUNCTUATED_MAX_FUNCTION_SHARE
                        && !(Some(i) == first && more_lines)
                        && self.phrase_rule(line, &padded, &mut mask, UNPUNCTUATED_COVERAGE, true)
                    {
                        return Some(Rule::Phrase);
                    }
                }
                None
            })
            .collect();
        // A listing's line: a title glued to its date stamp, with no punctuation ("موضوع العاب
        // بلاي ستشن للتحميل … الأربعاء أغسطس", "… الخميس 12 سبتمبر 2019"). A sentence names
        // the day in prose ("… أمس الأربعاء 9 سبتمبر 2015", "يوم الاثنين …").
        for (i, line) in lines.iter().enumerate() {
            if verdicts[i].is_some()
                || line.long
                || line.ends_sentence
                || line.words < 6
                || line.raw.contains(['،', ','])
                || ([first, title_before_body, headline_at].contains(&Some(i)) && more_lines)
            {
                continue;
            }
            if self.glued_stamp(&keys[line.key.clone()]) {
                verdicts[i] = Some(Rule::LinkList);
            }
        }
        // A table of contents ("المحتويات", "جدول المحتويات") takes the short lines after it,
        // wherever it stands: its entries come back as the subheadings below, which stay
        // (see the repetition pass).
        // A title right before a paragraph of the article is its subheading, not an item. A
        // paragraph ends with a full stop or is longer than a title: titles may end with a
        // question mark ("متى يكون خطيراً؟").
        let subheading = |k: usize, verdicts: &[Option<Rule>]| {
            (k + 1..lines.len())
                .find(|&n| !blank(&lines[n]))
                .is_some_and(|n| {
                    verdicts[n].is_none()
                        && lines[n].ends_sentence
                        && lines[n].words > 2 * self.opts.menu_max_words
                        && (full_stop(lines[n].raw) || lines[n].words > self.opts.link_max_words)
                })
        };
        for i in 0..lines.len() {
            if lines[i].words > 3 || !TOC_HEADERS.contains(&keys[lines[i].key.clone()].trim()) {
                continue;
            }
            verdicts[i].get_or_insert(Rule::LinkList);
            for k in i + 1..lines.len() {
                let l = &lines[k];
                if blank(l) || verdicts[k].is_some() {
                    continue;
                }
                if l.words > self.opts.link_max_words
                    || full_stop(l.raw)
                    || l.long
                    || subheading(k, &verdicts)
                {
                    break;
                }
                verdicts[k] = Some(Rule::LinkList);
            }
        }
        // Link lists: after the article has begun, a line that is only a link-list header
        // ("مقالات ذات صلة", "المقال التالي") takes with it the title lines that follow
        // (short, no sentence ending), up to the first sentence or longer line. Before the
        // article (menus, tickers) the next title may be the headline, so nothing is taken.
        // A label of tags ("كلمات مفتاحية:", "الوسوم:", removed as a theme phrase) takes the
        // short lines after it the same way: the tags, one per line.
        if let Some(body) = body.filter(|_| self.opts.link_max_words > 0) {
            let mut taking = false;
            let mut tags = false;
            for i in body + 1..lines.len() {
                let line = &lines[i];
                if blank(line) {
                    continue;
                }
                if verdicts[i] == Some(Rule::Phrase) {
                    // A link-list header may end with a colon ("مواضيع ذات صلة:"): it still
                    // takes titles, not the short items of a tags label.
                    let takes = self.whole_line(line, &keys[line.key.clone()]) == Some(true);
                    taking |= takes;
                    tags = !takes && line.words <= 3 && line.raw.trim_end().ends_with(':');
                    continue;
                }
                if verdicts[i].is_some() {
                    continue;
                }
                let item_max = if tags {
                    self.opts.menu_max_words
                } else {
                    self.opts.link_max_words
                };
                // Tags and titles are no short label and value ("الحكم: محمد عادل"): that is a
                // fact of the article (a title with a colon goes on longer).
                // It stays without ending the list.
                let fact = line.words <= 5
                    && label_and_value(line.raw)
                    && !line.raw.trim_end().ends_with(['?', '؟']);
                if (taking || tags) && fact {
                    continue;
                }
                if (taking || tags)
                    && line.words <= item_max
                    && !full_stop(line.raw)
                    && !subheading(i, &verdicts)
                {
                    verdicts[i] = Some(Rule::LinkList);
                } else {
                    taking = false;
                    tags = false;
                }
            }
        }
        // Card lists: after the article has begun, a run of title lines in which short
        // labels recur ("أخبار لبنان", "منوعات", a time): the category-and-title cards that
        // news sites put under an article, with no header to announce them.
        if let Some(body) = body.filter(|_| self.opts.link_card_min_lines > 0) {
            let title =
                |i: usize| lines[i].words <= self.opts.link_max_words && !full_stop(lines[i].raw);
            let mut i = body + 1;
            while i < lines.len() {
                let mut j = i;
                let mut labels: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                let mut counted = 0;
                while j < lines.len() && (blank(&lines[j]) || verdicts[j].is_some() || title(j)) {
                    if !blank(&lines[j]) {
                        counted += 1;
                        // Labels are one or two words ("منوعات", "أخبار لبنان", "09:15");
                        // a song's refrain, also recurring, is longer.
                        if lines[j].words <= 2 {
                            *labels.entry(lines[j].raw.trim()).or_default() += 1;
                        }
                    }
                    j += 1;
                }
                let recurring: Vec<usize> = labels.values().copied().filter(|&n| n > 1).collect();
                if counted >= self.opts.link_card_min_lines
                    && recurring.len() >= 2
                    && recurring.iter().any(|&n| n >= 3)
                    && 4 * recurring.iter().sum::<usize>() >= counted
                {
                    for k in i..j {
                        if verdicts[k].is_none() && !blank(&lines[k]) {
                            verdicts[k] = Some(Rule::LinkList);
                        }
                    }
                }
                i = j.max(i + 1);
            }
        }
        self.keyword_runs(lines, keys, first, &mut verdicts);
        // A post's navigation: the previous post's title after a left arrow, the next one's
        // before a right arrow ("← دليلي لأرخص تذاكر الطيران" / "كازبيجي: الطريق إلى الغيوم
        // →"), on two lines next to each other. Lists with arrows for bullets put the same
        // arrow on the same side of every line.
        for i in 0..lines.len() {
            let Some(n) = (i + 1..lines.len()).find(|&k| !blank(&lines[k])) else {
                break;
            };
            let (a, b) = (lines[i].raw.trim(), lines[n].raw.trim());
            // Guillemets also quote over two lines: with them, both lines say "previous" or
            // "next" ("« الآية السابقة ٢٥٤" / "الآية التالية ٢٥٦ »").
            let quotes = || {
                ((a.starts_with(['«', '‹']) && b.ends_with(['»', '›']))
                    || (a.ends_with(['»', '›']) && b.starts_with(['«', '‹'])))
                    && [i, n].iter().all(|&k| {
                        let key = &keys[lines[k].key.clone()];
                        ["السابق", "التالي", "previous", "next"]
                            .iter()
                            .any(|w| key.contains(w))
                    })
            };
            let arrows = (a.starts_with(LEFT_ARROWS) && b.ends_with(RIGHT_ARROWS))
                || (a.ends_with(RIGHT_ARROWS) && b.starts_with(LEFT_ARROWS))
                || quotes();
            if arrows
                && [i, n].iter().all(|&k| {
                    lines[k].words <= self.opts.link_max_words && !full_stop(lines[k].raw)
                })
            {
                for k in [i, n] {
                    if !dateline[k] {
                        verdicts[k].get_or_insert(Rule::Navigation);
                    }
                }
            }
        }
        // Menu blocks: runs of consecutive short unpunctuated lines (lines already removed
        // by another rule continue a run without counting towards its length).
        // A label and its value ("الماركة: تويوتا", "اللون: أبيض") is a fact of the page
        // (a car's specifications, a match card), not a menu item: it ends a run.
        let short = |i: usize| {
            let l = &lines[i];
            !dateline[i]
                && l.words <= self.opts.menu_max_words
                && !l.ends_sentence
                && !label_and_value(l.raw)
        };
        let between_paragraphs = |i: usize, j: usize, verdicts: &[Option<Rule>]| {
            // A sentence of the article: twice as long as a menu item, ending a sentence.
            let paragraph = |k: usize| {
                verdicts[k].is_none()
                    && lines[k].ends_sentence
                    && lines[k].words > 2 * self.opts.menu_max_words
            };
            (i..j).all(|k| verdicts[k].is_none())
                && (0..i)
                    .rev()
                    .find(|&k| !blank(&lines[k]))
                    .is_some_and(paragraph)
                && (j..lines.len())
                    .find(|&k| !blank(&lines[k]))
                    .is_some_and(paragraph)
        };
        let mut i = 0;
        while i < lines.len() {
            let mut j = i;
            let mut shorts = 0;
            while j < lines.len() && !blank(&lines[j]) && (verdicts[j].is_some() || short(j)) {
                // Lines with numbers (results, prices, scores) are tables of the article more
                // often than menu items: they do not count towards a menu.
                // Nor do lines with a comma ("الرياض، المملكة العربية السعودية"): items of a
                // menu are names, not phrases.
                shorts += usize::from(
                    verdicts[j].is_none()
                        && !lines[j]
                            .raw
                            .chars()
                            .any(|c| is_any_digit(c) || c == '،' || c == ','),
                );
                j += 1;
            }
            // Poems and letters also come in short lines; menus carry almost no function words.
            let (mut words, mut function, mut items, mut with_function) = (0, 0, 0, 0);
            for k in (i..j).filter(|&k| verdicts[k].is_none()) {
                let f = self.function_words_in(&keys[lines[k].key.clone()]);
                words += lines[k].words;
                function += f;
                items += 1;
                with_function += usize::from(f > 0);
            }
            // Items of one or two words ("عن المدونة", "اتصل بنا", "السفر") are a menu when
            // at most half carry a function word ("عن المدونة", "تواصل معي"), even if those
            // weigh more than a tenth of so few words; poem lines are longer.
            // Only before the article's first sentence: free verse in the article also comes
            // in lines of a word or two ("كم امرأة / بين الأنقاض / تلمّ زينتها").
            // And only next to a menu item of the lexicon ("الرئيسية", "اتصل بنا"): a poem
            // may open the document.
            let terse = title_before_body.is_some_and(|t| j <= t)
                && verdicts[i..j]
                    .iter()
                    .any(|v| matches!(v, Some(Rule::Phrase | Rule::Navigation)))
                && words <= 2 * items
                && 2 * with_function <= items;
            // Short labels alternating with dates (stamps with words) are a timeline or a
            // schedule of the article, not a menu.
            let stamps = (i..j)
                .filter(|&k| verdicts[k] == Some(Rule::Symbols) && lines[k].letters)
                .count();
            if shorts >= self.opts.menu_min_lines
                && ((function as f64) < 0.1 * words as f64 || terse)
                && !introduced(lines, &verdicts, i)
                // Nor inside such a list whose first items were longer than a menu's.
                && !after_colon[i]
                // Nor a list of short lines standing alone between two paragraphs of the
                // article ("أسباب أخرى للصداع" / "التوتر والقلق" / "قلة النوم" / …): a menu
                // in the body comes with a header or a widget removed around it.
                && !between_paragraphs(i, j, &verdicts)
                && !(stamps >= 2 && stamps + 1 >= shorts)
            {
                for v in &mut verdicts[i..j] {
                    v.get_or_insert(Rule::MenuBlock);
                }
            }
            i = j.max(i + 1);
        }
        // A subheading that repeats a line removed as boilerplate is not the repetition: a
        // table of contents lists the subheadings that follow. A subheading is a short line
        // followed by a sentence of the article (titles repeated in widgets are followed by
        // more titles).
        for i in 0..lines.len() {
            if let Some(k) = repeat_of[i] {
                let next = (i + 1..lines.len()).find(|&n| !blank(&lines[n]));
                if verdicts[i] == Some(Rule::RepeatedParagraph)
                    && !lines[i].long
                    && lines[i].words <= self.opts.link_max_words
                    && verdicts[k].is_some()
                    && next.is_some_and(|n| {
                        verdicts[n].is_none()
                            && (lines[n].ends_sentence || lines[n].raw.trim_end().ends_with(':'))
                            && lines[n].words > self.opts.edge_max_words
                    })
                {
                    verdicts[i] = None;
                }
                // The first copy kept at the end of a table of contents (the last entry, right
                // before the article's first paragraph), the later one a subheading: the entry
                // goes, the subheading stays.
                else if verdicts[i] == Some(Rule::RepeatedParagraph)
                    && verdicts[k].is_none()
                    && !lines[i].long
                    && lines[i].words <= self.opts.link_max_words
                    && ![headline_at, title_before_body, first].contains(&Some(k))
                    && (0..k)
                        .rev()
                        .find(|&n| !blank(&lines[n]))
                        .is_some_and(|n| verdicts[n] == Some(Rule::LinkList))
                    && next.is_some_and(|n| verdicts[n].is_none() && lines[n].ends_sentence)
                {
                    verdicts[k] = Some(Rule::LinkList);
                    verdicts[i] = None;
                }
            }
        }
        // A short unpunctuated line directly between two removed lines with words belongs to
        // their block: the author's name between a comment's "رد" and its time stamp, a label
        // between widgets. Not across blank lines, and not between separators ("***"), which
        // frame stanzas and sections of the article.
        // A poll's answers: up to three lines of a word or two right after its question,
        // removed as a theme phrase ("هل كان هذا المقال مفيداً؟" / "نعم" / "لا").
        for i in 0..lines.len() {
            if verdicts[i] != Some(Rule::Phrase) || !lines[i].raw.trim_end().ends_with(['?', '؟'])
            {
                continue;
            }
            let mut k = i + 1;
            let mut answers = 0;
            while k < lines.len() && answers < 3 {
                let l = &lines[k];
                if blank(l) {
                    break;
                }
                if verdicts[k].is_none() {
                    let first = keys[l.key.clone()].split(' ').next().unwrap_or("");
                    if l.words > 2 || l.ends_sentence || !POLL_ANSWERS.contains(&first) {
                        break;
                    }
                    verdicts[k] = Some(Rule::MenuBlock);
                }
                answers += 1;
                k += 1;
            }
        }
        // Two such lines in a row too: the answers "نعم" and "لا" of a poll between its
        // question and a disclaimer.
        let orphan = |i: usize, verdicts: &[Option<Rule>]| {
            let line = &lines[i];
            verdicts[i].is_none()
                && !blank(line)
                && !dateline[i]
                && line.words <= self.opts.edge_max_words
                && !line.ends_sentence
                // Facts ("الحكم: محمد عادل") and items of a list announced by a colon stay.
                && !label_and_value(line.raw)
                && !after_colon[i]
        };
        for i in 1..lines.len().saturating_sub(1) {
            if !orphan(i, &verdicts) {
                continue;
            }
            let run = if orphan(i + 1, &verdicts) { 2 } else { 1 };
            let (before, after) = (i - 1, i + run);
            let removed = |k: usize| verdicts[k].is_some() && lines[k].letters;
            if after < lines.len()
                && removed(before)
                && removed(after)
                // Labels alternating with dates are a timeline or a schedule of the article; a
                // user name is no date (a member's rank under it: "مشرف قسم الصيانة").
                && ![before, after]
                    .iter()
                    .all(|&k| verdicts[k] == Some(Rule::Symbols) && !user_name(lines[k].raw))
            {
                for v in &mut verdicts[i..after] {
                    *v = Some(Rule::MenuBlock);
                }
            }
        }
        // Readers' comments: after the article has begun, a comments header ("التعليقات (3)",
        // "5 تعليقات على …", "اترك تعليقاً") starts the comments, which run to the end of the
        // page with their form and the footer. Only when what the rules left after the header
        // is at most half of what they left of the article before it: a thread longer than
        // the article stays rather than risk the article's end.
        // The article starts at its headline, or without one at its first sentence; a
        // comment counter in the post meta before the body is passed over by the guard.
        let start = match (headline_at, body) {
            (Some(h), Some(b)) => Some(h.min(b)),
            (h, b) => h.or(b),
        };
        if let Some(body) = start.filter(|_| self.opts.comments) {
            let text = |r: std::ops::Range<usize>, verdicts: &[Option<Rule>]| -> usize {
                r.filter(|&k| verdicts[k].is_none())
                    .map(|k| lines[k].raw.trim().len())
                    .sum()
            };
            // A header without a count needs the page around it: the line before it removed
            // (a share bar, tags, "عرض جميع التقييمات"), not a paragraph of the article
            // ("عن المؤلف" as a subheading of a book review).
            let header = (body + 1..lines.len()).find(|&h| {
                !blank(&lines[h])
                    && self
                        .comment_header(&lines[h], &keys[lines[h].key.clone()])
                        .is_some_and(|counted| {
                            counted
                                || (0..h)
                                    .rev()
                                    .find(|&k| !blank(&lines[k]))
                                    .is_some_and(|k| verdicts[k].is_some())
                        })
                    && {
                        let after = text(h + 1..lines.len(), &verdicts);
                        after > 0 && 2 * after <= text(body..h, &verdicts)
                    }
            });
            if let Some(h) = header {
                for k in h..lines.len() {
                    if verdicts[k].is_none() && !blank(&lines[k]) {
                        verdicts[k] = Some(Rule::Comments);
                    }
                }
            }
        }
        let first_title = lines
            .iter()
            .position(|l| l.words > self.opts.link_max_words.min(2 * self.opts.edge_max_words));
        let edge = |i: usize, verdicts: &mut Vec<Option<Rule>>, forward: bool| -> bool {
            let line = &lines[i];
            // Keep scanning past blank and removed lines, and past a dateline that is a date
            // or a short line with a number and no dash or slash, which stays: the site's date
            // and weather in a top bar come before its menus. An agency's dateline ("الوفاق/
            // خاص", "كتب – …") may be followed by the author's name, and a longer line may be
            // a headline with a number: those end the scan as before.
            if blank(line) || verdicts[i].is_some() {
                return true;
            }
            // The article's credit at its end ("تحرير: رنا حداد") stays and ends the scan;
            // from the top, past a title (removed or not), so does a fact of the page, a label
            // and its value ("الماركة: تويوتا" under an ad's title; "الطبعة: العربية" above
            // any title is the site's).
            if is_byline(line.raw)
                || (forward && label_and_value(line.raw) && first_title.is_some_and(|t| t < i))
            {
                return false;
            }
            if dateline[i] {
                let dash = line.raw.contains(['-', '–', '—', '/', ':']);
                return self.is_date(line, &keys[line.key.clone()], false)
                    || (!dash && line.words <= self.opts.edge_max_words);
            }
            // Past a date at the top, a short line is the headline unless a title is still
            // to come ("حصاد الأسبوع" after "الجمعة 5 يناير 2024").
            let past_date = forward && first_dateline.is_some_and(|d| d < i);
            // The next kept line longer than an edge line: a title, or the article's first
            // sentence.
            let title_to_come = || {
                (i + 1..lines.len())
                    .find(|&k| {
                        verdicts[k].is_none()
                            && !blank(&lines[k])
                            && lines[k].words > self.opts.edge_max_words
                    })
                    .is_some_and(|k| !lines[k].ends_sentence)
            };
            if line.words <= self.opts.edge_max_words
                && !line.ends_sentence
                && (!past_date || title_to_come())
            {
                verdicts[i] = Some(Rule::EdgeShort);
                return true;
            }
            false
        };
        for i in 0..lines.len() {
            if !edge(i, &mut verdicts, true) {
                break;
            }
        }
        // From the end, the scan stops at the page's tail or a link-list header: above them
        // stand the article's last lines (a poem's, a letter's signature, "والله أعلم").
        for i in (0..lines.len()).rev() {
            if verdicts[i] == Some(Rule::Comments)
                || (verdicts[i] == Some(Rule::Phrase)
                    && self.whole_line(&lines[i], &keys[lines[i].key.clone()]) == Some(true))
            {
                break;
            }
            if !edge(i, &mut verdicts, false) {
                break;
            }
        }
        // After the edges (the site's name above it is removed there): a site's tagline: at the top, a title-like line between two removed lines, with a
        // menu below it and a title still to come before the article: the headline stands
        // below the menu, the tagline above it ("مدونة شخصية عن السفر والكتب والحياة" between
        // the site's name and "الرئيسية").
        if let Some(body) = body {
            let kept_title = |k: usize, verdicts: &[Option<Rule>]| {
                verdicts[k].is_none()
                    && !blank(&lines[k])
                    && (lines[k].words > self.opts.edge_max_words || Some(k) == short_headline)
            };
            let neighbour = |from: usize, back: bool| {
                if back {
                    (0..from).rev().find(|&k| !blank(&lines[k]))
                } else {
                    (from + 1..lines.len()).find(|&k| !blank(&lines[k]))
                }
            };
            for i in 0..body {
                let line = &lines[i];
                if !kept_title(i, &verdicts)
                    || dateline[i]
                    || line.ends_sentence
                    || line.words > self.opts.link_max_words
                {
                    continue;
                }
                let removed = |k: Option<usize>| k.is_some_and(|k| verdicts[k].is_some());
                if !(removed(neighbour(i, true)) && removed(neighbour(i, false))) {
                    continue;
                }
                // The menu below, then a title before the article's first sentence.
                // A menu of lines, not a single line of tags below a headline.
                let menu = (i + 1..body).find(|&k| {
                    verdicts[k] == Some(Rule::MenuBlock)
                        && (k + 1..body)
                            .find(|&n| !blank(&lines[n]))
                            .is_some_and(|n| verdicts[n] == Some(Rule::MenuBlock))
                });
                if let Some(m) = menu {
                    // A title, not a label and its value ("عدد الكيلومترات: 95,000 كم").
                    if (m + 1..body)
                        .any(|k| kept_title(k, &verdicts) && !label_and_value(lines[k].raw))
                        && (i + 1..m).all(|k| blank(&lines[k]) || verdicts[k].is_some())
                    {
                        verdicts[i] = Some(Rule::MenuBlock);
                    }
                }
            }
            // Above the article's title: the site's ticker, then its banner.
            if let Some(title) = title_before_body {
                // A ticker's label alone on its line ("عاجل", "Dernière minute :") takes the
                // headlines after it, two or more, up to a removed line (the breadcrumb, the
                // date) or a section's name that stands before the article's title.
                let mut k = 0;
                while k < title {
                    let label = verdicts[k].is_some()
                        && lines[k].words <= 3
                        && TICKER_LABELS.contains(&keys[lines[k].key.clone()].trim());
                    k += 1;
                    if !label {
                        continue;
                    }
                    let start = k;
                    // A short line (a section's name) ends the headlines too.
                    while k < title
                        && verdicts[k].is_none()
                        && !blank(&lines[k])
                        && !dateline[k]
                        && lines[k].words > self.opts.edge_max_words
                        && lines[k].words <= self.opts.link_max_words
                        && !full_stop(lines[k].raw)
                    {
                        k += 1;
                    }
                    // Two headlines at least: a badge above the article's own headline
                    // ("عاجل") has one.
                    if k >= start + 2
                        && k < title
                        && (verdicts[k].is_some()
                            || (!dateline[k] && lines[k].words <= self.opts.edge_max_words))
                    {
                        for v in &mut verdicts[start..k] {
                            *v = Some(Rule::Navigation);
                        }
                    }
                }
                // The site's banner: above the page's first menu written on one line with
                // separators, with at least one more removed line before the title that is still
                // to come, the short lines that stayed are the site's name, tagline or offer
                // ("شبكة الوطن برس الإخبارية" above "الرئيسية | محليات | …"). Not above menu items
                // one per line: a shop's product name stands above its options. An article's
                // headline above its section links is longer than a banner, and than its subtitle.
                let menu = (0..title).find(|&k| {
                    verdicts[k] == Some(Rule::Navigation)
                        && (k + 1..title).any(|n| verdicts[n].is_some())
                });
                if let Some(m) = menu {
                    for k in 0..m {
                        let line = &lines[k];
                        if verdicts[k].is_none()
                            && !blank(line)
                            && !dateline[k]
                            && !line.ends_sentence
                            && line.words <= BANNER_MAX_WORDS
                            && line.words < lines[title].words
                        {
                            verdicts[k] = Some(Rule::MenuBlock);
                        }
                    }
                }
            }
        }
        verdicts
    }

    /// Keyword lists spread over lines: a run of at least `link_card_min_lines` title lines
    /// (at most `link_max_words` words, no full stop) with hardly any function words, in which
    /// one content word recurs in at least half of the lines: the lists of links a page
    /// generates for search engines around one keyword ("- تستخدم كسارة …", "- تستخدم الة طحن
    /// …", …). The headline stays when the run ends on it.
    fn keyword_runs(
        &self,
        lines: &[Line<'_>],
        keys: &str,
        headline: Option<usize>,
        verdicts: &mut [Option<Rule>],
    ) {
        let min_lines = self.opts.link_card_min_lines;
        if min_lines == 0 {
            return;
        }
        let titles: Vec<bool> = lines
            .iter()
            .map(|l| {
                l.words > 0 && l.words <= self.opts.link_max_words && !l.long && bare_title(l.raw)
            })
            .collect();
        let title = |i: usize| titles[i];
        let mut i = 0;
        while i < lines.len() {
            if verdicts[i].is_some() || !title(i) {
                i += 1;
                continue;
            }
            // Blank lines and lines removed by other rules continue a run without counting.
            let mut j = i;
            let mut run = Vec::new();
            while j < lines.len() && (lines[j].words == 0 || verdicts[j].is_some() || title(j)) {
                if verdicts[j].is_none() && title(j) {
                    run.push(j);
                }
                j += 1;
            }
            if run.len() >= min_lines && !introduced(lines, verdicts, i) {
                let (mut words, mut function) = (0, 0);
                // In how many lines each content word appears (once per line).
                let mut in_lines: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                for &k in &run {
                    let key = &keys[lines[k].key.clone()];
                    let mut seen: Vec<&str> = Vec::new();
                    for w in key.split(' ').filter(|w| !w.is_empty()) {
                        words += 1;
                        if self.function_like(w) {
                            function += 1;
                        } else if !seen.contains(&w) {
                            seen.push(w);
                            *in_lines.entry(w).or_default() += 1;
                        }
                    }
                }
                let top = in_lines.values().copied().max().unwrap_or(0);
                let digits = run
                    .iter()
                    .filter(|&&k| lines[k].raw.chars().any(is_any_digit))
                    .count();
                if 2 * top >= run.len()
                    && 2 * digits < run.len()
                    && (function as f64) < 0.1 * words as f64
                {
                    // The headline stays wherever it stands in the run, unless it is written as
                    // an item of the list ("- …").
                    let keep = headline.filter(|&h| !starts_with_list_marker(lines[h].raw));
                    for &k in run.iter().filter(|&&k| Some(k) != keep) {
                        verdicts[k] = Some(Rule::KeywordList);
                    }
                }
            }
            i = j;
        }
    }

    /// Runs the rules on a document; returns the lines removed with their rules.
    pub fn apply(&self, doc: &mut Document, cx: &mut Cx) -> Vec<(usize, Rule, String)> {
        let mut keys = String::new();
        let text = std::mem::take(&mut doc.text);
        let lines = Self::lines(&text, &mut keys);
        let verdicts = self.judge(doc, &lines, &keys);
        if verdicts.iter().all(Option::is_none) {
            drop(lines);
            doc.text = text;
            return Vec::new();
        }
        let mut out = String::with_capacity(text.len());
        let mut removed = Vec::new();
        let mut pending_blank = false;
        for (i, (line, verdict)) in lines.iter().zip(&verdicts).enumerate() {
            if let Some(rule) = verdict {
                let (lines_key, bytes_key) = rule.counters();
                cx.count(lines_key, 1);
                cx.count(bytes_key, line.raw.len() as u64 + 1);
                removed.push((i + 1, *rule, line.raw.to_string()));
                continue;
            }
            if line.raw.trim().is_empty() {
                pending_blank = !out.is_empty();
                continue;
            }
            if !out.is_empty() {
                out.push_str(if pending_blank { "\n\n" } else { "\n" });
            }
            pending_blank = false;
            out.push_str(line.raw);
        }
        doc.text = out;
        removed
    }
}

impl Stage for Boilerplate {
    fn name(&self) -> &'static str {
        NAME
    }

    fn needs_observation(&self) -> bool {
        self.sketch.is_some()
    }

    fn observe(&self, doc: &Document, _seq: u64) -> Result<(), StepError> {
        let Some(sketch) = &self.sketch else {
            return Ok(());
        };
        let site = site_of(doc);
        let mut keys = String::new();
        let lines = Self::lines(&doc.text, &mut keys);
        let mut hashes: Vec<(u128, u128)> = lines
            .iter()
            .filter(|l| l.words > 0 && l.words <= self.opts.template_max_words)
            .map(|l| {
                let key = &keys[l.key.clone()];
                (
                    site.as_deref().map_or(0, |s| line_hash(s, key)),
                    line_hash(ALL_SITES, key),
                )
            })
            .collect();
        // Once per document: a line repeated inside one page is not a template by itself.
        hashes.sort_unstable();
        hashes.dedup();
        for (in_site, in_corpus) in hashes {
            if site.is_some() {
                sketch.add(in_site);
            }
            sketch.add(in_corpus);
        }
        if let Some(site) = &site {
            sketch.add(line_hash(site, DOCS_KEY));
        }
        self.total_docs.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StepError> {
        Ok(())
    }

    /// The number of documents observed, then the sketch's counters.
    fn save_state(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        let Some(sketch) = &self.sketch else {
            return Ok(false);
        };
        out.write_all(&self.total_docs.load(Ordering::Relaxed).to_le_bytes())
            .and_then(|()| sketch.save(out))
            .map_err(|e| StepError::stage(NAME, format!("cannot save state: {e}")))?;
        Ok(true)
    }

    fn load_state(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        let bad =
            |e: std::io::Error| StepError::stage(NAME, format!("unreadable saved state: {e}"));
        let Some(sketch) = &self.sketch else {
            return Err(StepError::stage(
                NAME,
                "no cross-document counts to restore",
            ));
        };
        let mut total = [0u8; 8];
        input.read_exact(&mut total).map_err(bad)?;
        sketch.load(input).map_err(bad)?;
        self.total_docs
            .store(u64::from_le_bytes(total), Ordering::Relaxed);
        Ok(())
    }

    fn decide(&self, doc: &mut Document, _seq: u64, cx: &mut Cx) -> Result<Verdict, StepError> {
        let removed = self.apply(doc, cx);
        if !removed.is_empty() {
            cx.count("documents_changed", 1);
        }
        if self.opts.annotate && !removed.is_empty() {
            let list: Vec<serde_json::Value> = removed
                .iter()
                .map(|(line, rule, text)| serde_json::json!({"line": line, "rule": rule.code(), "text": text}))
                .collect();
            doc.meta
                .insert("boilerplate_removed".into(), serde_json::Value::Array(list));
        }
        if doc.text.is_empty() {
            let mut per_rule = Vec::new();
            for rule in Rule::ALL {
                let n = removed.iter().filter(|(_, r, _)| *r == rule).count();
                if n > 0 {
                    per_rule.push(format!("{} {n}", rule.code()));
                }
            }
            return Ok(Verdict::drop(
                NAME,
                "empty_after_removal",
                format!(
                    "0 lines left of {} ({})",
                    removed.len(),
                    per_rule.join(", ")
                ),
            ));
        }
        Ok(Verdict::Keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(2, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn options_that_would_remove_ordinary_lines_are_refused() {
        // With template_min_docs = 0 every short line ("حذر الأمين العام") would be a template.
        assert_eq!(
            build_error("template_min_docs = 0"),
            "step #2 (boilerplate): template_min_docs = 0 is too small (allowed: 2 or more)"
        );
        assert!(
            build_error("phrase_coverage = 1.5").contains("phrase_coverage = 1.5 is not a share")
        );
        assert!(build_error("nav_min_items = 1").contains("nav_min_items = 1 is too small"));
        assert!(build_error("keyword_min_repeats = 1").contains("0 to turn the rule off, or 2"));
        assert!(build_error("sketch_mb = 0").contains("sketch_mb = 0 is outside 1 to 65536"));
        assert_eq!(
            build_error("keyword_min_repeats = 0\nlink_max_words = 0"),
            ""
        );
    }

    #[test]
    fn a_missing_phrase_file_names_the_option_and_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("عبارات.txt");
        let err = build_error(&format!(
            "extra_phrases_file = {:?}",
            path.display().to_string()
        ));
        assert!(
            err.starts_with(&format!(
                "step #2 (boilerplate): extra_phrases_file = \"{}\": ",
                path.display()
            )),
            "{err}"
        );
        assert!(build_error("extra_phrases_file = \"\"").contains("names no file"));
    }

    fn stage() -> Boilerplate {
        Boilerplate::new(Options {
            cross_document: false,
            ..Options::default()
        })
        .expect("builds")
    }

    /// The rule that removed each line of `text`, in order (None: kept).
    fn rules(text: &str) -> Vec<(String, Option<&'static str>)> {
        let mut doc = Document::new("t", text);
        let removed = stage().apply(&mut doc, &mut Cx::default());
        text.split('\n')
            .enumerate()
            .map(|(i, l)| {
                let rule = removed.iter().find(|r| r.0 == i + 1).map(|r| r.1.code());
                (l.to_string(), rule)
            })
            .collect()
    }

    const BODY: &str = "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الاجتماع بحث سبل تعزيز التعاون بين البلدين في مجالات عدة.";
    const BODY2: &str =
        "وأضاف أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة للوصول إلى اتفاق نهائي.";
    const BODY3: &str = "ولفت إلى أن اللجنة المشتركة ستعقد اجتماعها المقبل في العاصمة بعد شهرين.";
    const BODY4: &str = "وختم بالقول إن العلاقات بين البلدين تشهد تطورا ملحوظا في السنوات الأخيرة.";

    /// The rule that removes `line` between two article paragraphs.
    fn between(line: &str) -> Option<&'static str> {
        rule_of(&format!("{BODY}\n{line}\n{BODY2}"), line)
    }

    /// The rule for `line` in the middle of an article, below the first three lines (where
    /// datelines are protected).
    fn deep(line: &str) -> Option<&'static str> {
        rule_of(&format!("{BODY}\n{BODY2}\n{BODY3}\n{line}\n{BODY4}"), line)
    }

    /// A page with `line` under the site's menu, above the article's `headline`.
    fn under_menu(line: &str, headline: &str) -> String {
        format!("الرئيسية | محليات | رياضة | اقتصاد\n{line}\n{headline}\n{BODY}\n{BODY2}")
    }

    /// The rule for `line` above an article's headline, under the site's menu.
    fn on_top(line: &str) -> Option<&'static str> {
        rule_of(
            &under_menu(line, "عنوان الخبر الرئيسي اليوم في العاصمة"),
            line,
        )
    }

    fn rule_of(text: &str, line: &str) -> Option<&'static str> {
        rules(text)
            .into_iter()
            .find(|(l, _)| l == line)
            .and_then(|(_, r)| r)
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_counts_as_split_does(s in "[ a\t\nب.]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(&s), s.split_ascii_whitespace().count());
        }

        /// Long lines are counted by their gaps: exact for words separated by single spaces,
        /// as normalized text is.
        #[test]
        fn ascii_words_on_long_normalized_lines(words in proptest::collection::vec("[aب.،]{1,6}", 0..200)) {
            let line = words.join(" ");
            proptest::prop_assert_eq!(ascii_words(&line), words.len());
        }
    }

    /// What the review of the new rules found removed, and must stay.
    #[test]
    fn article_lines_the_new_rules_keep() {
        // Headlines with single theme words ("الإدارة", "مشاركة") and no punctuation.
        for headline in [
            "الإدارة الأمريكية ترفض مشاركة إيران بمحادثات السلام الأسبوع المقبل",
            "تمديد ساعات دخول الزوار للمسجد الحرام خلال شهر رمضان المبارك",
        ] {
            assert_eq!(
                rule_of(&format!("{headline}\n{BODY}\n{BODY2}"), headline),
                None
            );
        }
        // Sentences starting like a taxonomy label, without its colon.
        let ranking = "التصنيفات الدولية للجامعات تضع جامعة الملك سعود في المرتبة الأولى عربيا.";
        assert_eq!(between(ranking), None);
        assert_eq!(between("التصنيفات: سياسة, اقتصاد"), Some("phrase"));
        // "تابعنا" is also "we followed".
        assert_eq!(
            between("وكما تابعنا على شاشات التلفزيون فإن المشهد كان مروعا."),
            None
        );
        // A reply button is boilerplate only as a whole line.
        assert_eq!(between("رد"), Some("phrase"));
        assert_eq!(between("رد فعل"), None);
        // A poem repeating its opening, and a committee of people with name particles.
        let poem = [
            "أحبك حين يأتي الصبح مبتسما",
            "أحبك حين يغيب الليل عن عيني",
            "أحبك حين تمطر السماء على المدينة",
            "أحبك حين يعود البحر لشاطئه",
            "أحبك حين تغني الطيور",
            "أحبك حين تعود الطيور لأعشاشها",
        ];
        let committee: Vec<String> = ["رئيسا", "نائبا للرئيس", "عضوا", "عضوا", "عضوا", "مقررا"]
            .iter()
            .map(|role| format!("- الدكتور عبدالله بن محمد الشهري {role}"))
            .collect();
        for lines in [
            poem.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
            committee,
        ] {
            let text = format!("{BODY}\n{}\n{BODY2}", lines.join("\n"));
            for l in &lines {
                assert_eq!(rule_of(&text, l), None, "{l}");
            }
        }
        // A schedule announced by a colon; numbers with connecting words only.
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\nموعد المباراة:\nالجمعة 5 مايو 2023\n{BODY4}");
        assert_eq!(rule_of(&text, "الجمعة 5 مايو 2023"), None);
        // A schedule of several items after its colon, and a timeline of dates and labels.
        for items in [
            vec![
                "مواعيد مباريات الجولة المقبلة:",
                "الجمعة 5 مايو",
                "الأهلي والزمالك",
                "الأحد 13 أكتوبر",
                "الهلال والنصر",
            ],
            vec![
                "مارس 2011",
                "اندلاع الثورة",
                "أبريل 2011",
                "تدخل الناتو",
                "أكتوبر 2011",
                "نهاية الحرب",
            ],
        ] {
            let text = format!("{BODY}\n{BODY2}\n{BODY3}\n{}\n{BODY4}", items.join("\n"));
            for l in &items[1..] {
                if !l.contains(char::is_numeric) {
                    assert_eq!(rule_of(&text, l), None, "{l}");
                }
            }
        }
        // Sentences that start like a lead phrase or quote a call to follow; a headline with
        // theme words above its article.
        assert_eq!(between("المصدر الرئيسي للطاقة في البلاد هو النفط."), None);
        assert_eq!(between("وقال المدرب للاعبين تابعونا على أرض الملعب."), None);
        assert_eq!(between("Tags:news, sport"), Some("phrase"));
        let headline = "وزارة الداخلية تطلق الموقع الإلكتروني الجديد لخدمات المواطنين";
        assert_eq!(
            rule_of(&format!("{headline}\n{BODY}\n{BODY2}"), headline),
            None
        );
        for line in ["في 2020", "3 في 1", "- الثلاثاء 9 مايو"] {
            let text = format!("{BODY}\n{BODY2}\n{BODY3}\n{line}\n{BODY4}");
            assert_eq!(rule_of(&text, line), None, "{line}");
        }
    }

    #[test]
    fn symbols() {
        for line in [".", "A", "+A -A", "19:05 ت م", "* * *"] {
            assert_eq!(between(line), Some("symbols"), "{line}");
        }
    }

    #[test]
    fn pagers_and_the_page_links_of_a_listing_row() {
        for line in [
            "صفحة 1 من 4 1 2 3 > الأخيرة »",
            "الصفحة ٢ من ١٥",
            "12 مشاركة • صفحة 1 من 2 • 1, 2",
            "Page 1 of 3 1 2 3 Next",
            "طريقة توصيل الكيبل إلى الرسيفر ... 1 2 3 الصفحة الأخيرة",
            "مثبت نسخة جديدة من البرنامج ... ال صفحة الأخيرة",
        ] {
            assert_eq!(between(line), Some("navigation"), "{line}");
        }
        for line in [
            "نشرت الصحيفة الخبر في الصفحة الأخيرة.",
            "قرأت الرواية حتى الصفحة الأخيرة",
            "صفحة 12",
            "الفصل 1 من 3 2 4",
            "وقال إن المباراة ... كانت الأخيرة",
            "فاز الفريق 2 1 في المباراة الأخيرة",
        ] {
            assert_ne!(between(line), Some("navigation"), "{line}");
        }
    }

    #[test]
    fn a_news_ticker_above_the_headline() {
        let headline = "المملكة تدعو إلى تحرك دولي عاجل لوقف التصعيد في المنطقة";
        for tick in [
            "عاجل | مجلس الوزراء يوافق على تنظيم الهيئة العامة للعقار",
            "🔴 عاجل ◂ وزارة التربية: النتائج متاحة على الموقع الإلكتروني",
            "آخر الأخبار: الركراكي يكشف عن لائحة الأسود لوديتي أنغولا وموريتانيا",
            "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة ••• وزير التموين: لا زيادة في سعر الخبز",
        ] {
            let text = under_menu(tick, headline);
            let r = rules(&text);
            assert_eq!(r[1].1, Some("navigation"), "{r:?}");
            assert_eq!(r[2].1, None, "{r:?}");
        }
        // A live score, and a label alone on its line with the headlines after it, up to the
        // breadcrumb.
        let live = "مباشر | ليفربول 1 - 0 مانشستر سيتي | 67'";
        let text = under_menu(live, headline);
        assert_eq!(rule_of(&text, live), Some("navigation"));
        let items = [
            "وزير الطاقة: زيادة ساعات التغذية الكهربائية اعتباراً من الأسبوع المقبل",
            "الجيش: إقفال طريق ضهر البيدر أمام السيارات بسبب الثلوج",
        ];
        let text = format!(
            "الرئيسية | محليات | رياضة | اقتصاد\nعاجل\n{}\n{}\nالرئيسية » اقتصاد » محليات\n{headline}\n{BODY}\n{BODY2}",
            items[0], items[1]
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("navigation"), "{r:?}");
        assert_eq!(r[3].1, Some("navigation"), "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        // A badge above the headline, its date or share bar and its subtitle takes nothing.
        for under in ["الأحد 9 فبراير 2025", "شارك", "محليات"] {
            let text = format!(
                "الرئيسية | محليات | رياضة | اقتصاد\nعاجل\n{headline}\n{under}\nعنوان فرعي يشرح الخبر للقارئ العادي\n{BODY}\n{BODY2}"
            );
            assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        }
        // Live scores and fixtures above the headline; a range in the listing's facts stays.
        for score in [
            "الريان 2 - 1 الوكرة | انتهت",
            "الوكرة × السد | الأربعاء 18:30",
            "النصر 2-1 الفيحاء",
        ] {
            let text = under_menu(score, headline);
            assert_eq!(rule_of(&text, score), Some("navigation"), "{score}");
        }
        // A headline with a score, above its subtitle, stays.
        let text = format!("الرئيسية | رياضة | دوري روشن\nالهلال يفوز على النصر 2-1 في ديربي الرياض\nمواجهة مثيرة حسمها المهاجم في الدقائق الأخيرة من اللقاء\n{BODY}\n{BODY2}");
        assert_eq!(
            rule_of(&text, "الهلال يفوز على النصر 2-1 في ديربي الرياض"),
            None
        );
        let range = "عمر البناء: 5 - 9 سنوات";
        let text = under_menu(range, headline);
        assert_ne!(rule_of(&text, range), Some("navigation"));
        // The headline itself may start with the label.
        let own = "عاجل: مجلس الوزراء يوافق على تنظيم الهيئة العامة للعقار";
        let text = format!("الرئيسية | محليات | رياضة | اقتصاد\n{own}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, own), None);
        let text = format!("{own}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, own), None);
    }

    #[test]
    fn the_site_banner_above_its_menu() {
        let headline = "الجنيه يواصل التراجع أمام الدولار وسط شح النقد الأجنبي";
        let text = format!(
            "شبكة الوطن برس الإخبارية\nالرئيسية | محليات | القدس | غزة | اقتصاد\nالرئيسية » محليات » تعليم\n{headline}\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[3].1, None, "{r:?}");
        // A product's name above its options, one per line, stays.
        let text = format!(
            "مبثوث خلطة الملوك المطور\nلمسة من العود\nالزهرية\nالاخشاب\nالعنبر\nشحن مجاني للطلبات فوق 25 دينار\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, "مبثوث خلطة الملوك المطور"), None);
        // An article's headline above a share bar and its subtitle stays.
        let text = format!(
            "{headline}\nفيسبوك | تويتر | واتساب\nالأحد 9 فبراير 2025\nعنوان فرعي طويل يشرح الخبر للقارئ\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        // Nor above its section links, its date and a subtitle without a full stop.
        let text = format!(
            "{headline}\nسياسة | اقتصاد | رياضة\nالأحد 9 فبراير 2025\nعنوان فرعي يشرح الخبر للقارئ\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
    }

    #[test]
    fn latest_lists_of_a_listed_kind() {
        let title = "افتتاح مركز استشفائي جامعي جديد بأكادير";
        for header in [
            "آخر المستجدات",
            "أحدث الفتاوى",
            "جديد الإعلانات",
            "إعلانات أخرى",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{header}\n{title}\n");
            assert_eq!(rule_of(&text, title), Some("link_list"), "{header}");
        }
        // Not a kind of page a site lists: the article's subheading.
        let text = format!("{BODY}\n{BODY2}\nآخر التطورات الميدانية\n{title}\n{BODY3}");
        assert_eq!(rule_of(&text, title), None);
    }

    #[test]
    fn sequels_hashtags_and_joined_stamps() {
        let next = "الدرس التالي: شرح حديث جبريل عليه السلام ←";
        assert_eq!(between(next), Some("navigation"));
        // A step of a tutorial stays.
        let step = "الخطوة التالية: افتح الإعدادات ثم اختر الحساب";
        assert_eq!(between(step), None);
        assert_eq!(
            between("#كهرباء_لبنان #المولدات #الطاقة"),
            Some("link_list")
        );
        let stamps = "نُشر: الأحد ١٤ أبريل ٢٠٢٤ - ١١:٤٢ ص | آخر تحديث: الأحد ١٤ أبريل ٢٠٢٤ - ١٢:١٠ م";
        assert_eq!(between(stamps), Some("symbols"));
        // A label and a date joined to words of the article stay.
        let mixed = "الافتتاح: الأحد ١٤ أبريل | الختام في العاصمة بحضور الوزير";
        assert_ne!(between(mixed), Some("symbols"));
        // Eastern Arabic clock times; a date and the weather.
        let meta = "نشر بواسطة بو عبدالله في ٩:٤٢ م";
        assert_eq!(deep(meta), Some("symbols"));
        let bar = "الأربعاء 17 ديسمبر 2025 | المنامة 19° غائم جزئياً";
        assert_eq!(deep(bar), Some("symbols"));
        // A byline closed by a colon announces no list: the date under it is a stamp.
        let headline = "«النواب» يوافق على تعديلات «الضمان الصحي» ويحيلها إلى «الشورى»";
        let text = format!("الرئيسية | محليات | برلمان\n{headline}\nكتب - حسن عبدالله الستري:\n17 ديسمبر 2025 - 01:20\n{BODY}\n{BODY2}");
        let r = rules(&text);
        assert_eq!(r[2].1, None, "{r:?}");
        assert_eq!(r[3].1, Some("symbols"), "{r:?}");
        // A link-list header with a colon takes titles.
        let title = "وزير التنمية الحيوانية يزور اترارزة لتفقد وضعية المراعي";
        let text = format!("{BODY}\n{BODY2}\nمواضيع ذات صلة:\n- {title}\n");
        assert_eq!(rule_of(&text, &format!("- {title}")), Some("link_list"));
        // French times.
        let meta = "Publié le 09/11/2025 à 10h45 | Mis à jour à 12h10";
        assert_eq!(deep(meta), Some("symbols"));
        // French phpBB post meta.
        let meta = "Message par hamza_casa » mar. 5 mars 2024 22:14";
        assert_eq!(deep(meta), Some("symbols"));
    }

    #[test]
    fn the_weather_above_the_article() {
        for widget in [
            "الرباط 17°C",
            "بغداد ١٤°",
            "القدس 31° | غزة 30° | نابلس 29°",
        ] {
            assert_eq!(on_top(widget), Some("symbols"), "{widget}");
        }
        // Coordinates, and a temperature in the article, stay.
        assert_ne!(on_top("إحداثيات المدينة: 35°40′41″ شمال"), Some("symbols"));
        let reading = "العظمى في الرياض 45°";
        let text = format!("{BODY}\n{BODY2}\n{reading}\n{BODY3}");
        assert_eq!(rule_of(&text, reading), None);
    }

    #[test]
    fn a_posts_navigation_with_arrows() {
        let prev = "← دليلي لأرخص تذاكر الطيران من بيروت";
        let next = "كازبيجي: الطريق إلى الغيوم (الجزء التاني) →";
        let text = format!("{BODY}\n{BODY2}\n{prev}\n{next}\n");
        assert_eq!(rule_of(&text, prev), Some("navigation"));
        assert_eq!(rule_of(&text, next), Some("navigation"));
        let (prev, next) = ("« الآية السابقة ٢٥٤", "الآية التالية ٢٥٦ »");
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\n{prev}\n{next}\n");
        assert_eq!(rule_of(&text, prev), Some("navigation"));
        assert_eq!(rule_of(&text, next), Some("navigation"));
        // A quotation over two lines stays.
        let quote = ["«لن نتراجع عن قرارنا", "مهما كانت الضغوط»"];
        let text = format!("{BODY}\n{}\n{}\n{BODY2}", quote[0], quote[1]);
        assert_eq!(rule_of(&text, quote[0]), None);
        // A list with arrows for bullets keeps them on one side.
        let items = ["→ اشرب الماء بكثرة", "→ نم ثماني ساعات"];
        let text = format!("{BODY}\n{}\n{}\n{BODY2}", items[0], items[1]);
        assert_eq!(rule_of(&text, items[0]), None);
    }

    #[test]
    fn site_notices_anywhere_in_a_line() {
        let cookies = "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. بمواصلة التصفح فإنك توافق على ذلك.";
        assert_eq!(between(cookies), Some("phrase"));
        let reading = "مدة القراءة: 3 دقائق";
        let text = format!("عنوان الخبر الرئيسي اليوم\n{reading}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, reading), Some("phrase"));
    }

    #[test]
    fn phrase_whole_line_and_variants() {
        let text = format!("{BODY}\nاترك تعليقاً\n{BODY2}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, "اترك تعليقاً"), Some("phrase"));
        assert_eq!(rule_of(&text, "جميع الحقوق محفوظة © 2024"), Some("phrase"));
        // Written without hamza and with tatweel: the matching normalization finds it.
        let text = format!("{BODY}\nاتـــرك تعليقا\n{BODY2}");
        assert_eq!(rule_of(&text, "اتـــرك تعليقا"), Some("phrase"));
    }

    #[test]
    fn phrase_inside_a_sentence_is_kept() {
        let line = "وشارك في الاجتماع وزراء الخارجية والدفاع من الدول الأعضاء في الحلف.";
        assert_eq!(between(line), None);
    }

    #[test]
    fn lead_phrase_removes_read_also_links() {
        let line = "اقرأ أيضاً: تفاصيل الاتفاق الجديد بين الحكومة والنقابات";
        assert_eq!(between(line), Some("phrase"));
    }

    #[test]
    fn navigation() {
        let line = "الرئيسية » أخبار » عربي ودولي";
        let text = format!("{line}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, line), Some("navigation"));
    }

    /// Dates, table rows and names in guillemets («داعش», a pair quotes) are not menus.
    #[test]
    fn dates_table_rows_and_quoted_names_are_not_navigation() {
        for line in [
            "وطنية 2013/12/03 18:35",
            "لواء كفرنجة | 42310 | 420 شخصا/ كيلومتر مربع |",
            "1 - لعبة «ماينكرافت» Minecraft",
            "معاقل «داعش».. ومصادر تمويله",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
        for crumbs in [
            "رياضة / كرة القدم / الدوري السعودي",
            "محليات » الرياض » تعليم",
        ] {
            let text = format!("{crumbs}\n{BODY}\n{BODY2}");
            assert_eq!(rule_of(&text, crumbs), Some("navigation"), "{crumbs}");
        }
    }

    #[test]
    fn menus_separated_by_dashes() {
        let menu = "الرئيسية - سياسة - مجتمع - اقتصاد - رياضة";
        assert_eq!(between(menu), Some("navigation"));
        for kept in [
            "الرياض - واس",
            "ليفربول 1 - 0 مانشستر سيتي",
            "الهلال - النصر - الاتحاد",
        ] {
            assert_eq!(between(kept), None, "{kept}");
        }
    }

    #[test]
    fn lone_dates_and_comment_blocks() {
        // A comment: author, time stamp, text, reply button.
        let text = format!(
            "{BODY}\n{BODY2}\n2 تعليقات\nنورة\n4 مارس 2023 عند 10:15 ص\nجربتها اليوم وكانت رائعة، شكرا.\nرد\nخالد\n5 مارس 2023 عند 8:40 م\nهل يمكن استخدام الدجاج؟\nرد"
        );
        let r = rules(&text);
        let kept: Vec<&str> = r
            .iter()
            .filter(|(_, rule)| rule.is_none())
            .map(|(l, _)| l.as_str())
            .collect();
        assert_eq!(kept, [BODY, BODY2], "the comments go with their header");
        assert_eq!(rule_of(&text, "هل يمكن استخدام الدجاج؟"), Some("comments"));
        assert_eq!(rule_of(&text, "4 مارس 2023 عند 10:15 ص"), Some("symbols"));
        // Counters and post meta lines are stamps too; a name follows "by" only.
        for stamp in [
            "1,234 إعجابات",
            "نشر في 3 مارس 2023 بواسطة أم سارة",
            "Posted on 12 يناير 2024 by admin",
            "الخميس، 5 آذار/مارس 2020، آخر تحديث 09:30 (GMT+0300)",
        ] {
            assert_eq!(deep(stamp), Some("symbols"), "{stamp}");
        }
        assert_eq!(deep("نشر في 3 مارس 2023 تقرير اللجنة"), None);
        assert_eq!(rule_of(&text, "خالد"), Some("menu_block"));
        // A schedule of the article and an agency's dateline at the top stay; the site's date
        // at the top goes.
        let schedule = "* الثلاثاء 9 مايو :";
        let text = format!("{BODY}\n{schedule}\nمباراة الافتتاح في الملعب الكبير.\n{BODY2}");
        assert_eq!(rule_of(&text, schedule), None);
        let text = format!("الخميس 13 يناير 2022\nعنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, "الخميس 13 يناير 2022"), Some("symbols"));
        let text = format!("القاهرة - 13 يناير 2022\nعنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, "القاهرة - 13 يناير 2022"), None);
    }

    #[test]
    fn repeated_paragraph_keeps_the_first_copy() {
        let text = format!("{BODY}\n\n{BODY2}\n\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[0].1, None);
        assert_eq!(r[4].1, Some("repeated_paragraph"));
    }

    #[test]
    fn menu_block() {
        let text = format!(
            "{BODY}\nالرئيسية\nالاقتصاد\nالرياضة الدولية\nالثقافة والفنون\nالتكنولوجيا\n{BODY2}"
        );
        for item in [
            "الاقتصاد",
            "الرياضة الدولية",
            "الثقافة والفنون",
            "التكنولوجيا",
        ] {
            assert_eq!(rule_of(&text, item), Some("menu_block"), "{item}");
        }
    }

    #[test]
    fn keyword_list() {
        let line = "وظائف الرياض وظائف جدة وظائف الدمام وظائف مكة وظائف المدينة وظائف الخبر";
        assert_eq!(between(line), Some("keyword_list"));
    }

    #[test]
    fn edge_short_keeps_the_headline_and_datelines() {
        let headline = "الحكومة تعلن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة";
        let text = format!("محليات\n{headline}\nالرياض - واس\n{BODY}\n{BODY2}\nأخبار ذات صلة");
        assert_eq!(rule_of(&text, "محليات"), Some("edge_short"));
        assert_eq!(rule_of(&text, headline), None);
        assert_eq!(rule_of(&text, "الرياض - واس"), None);
        assert_eq!(rule_of(&text, "أخبار ذات صلة"), Some("phrase"));
    }

    #[test]
    fn a_link_list_header_takes_the_titles_after_it() {
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\nمقالات ذات صلة\nولي العهد يستقبل رئيس الوزراء\nارتفاع أسعار النفط في التعاملات الآسيوية\n\nالمقال التالي\nافتتاح معرض الكتاب في الرياض"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, None, "the headline stays");
        assert_eq!(r[3].1, Some("phrase"), "the header itself");
        assert_eq!(r[4].1, Some("link_list"));
        assert_eq!(r[5].1, Some("link_list"));
        assert_eq!(r[8].1, Some("link_list"));
        // Before the article, a header does not take the next title (it may be the headline).
        let text = format!("آخر الأخبار\nوزير الخارجية يلتقي نظيره الفرنسي في باريس\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[1].1, None, "{r:?}");
        // A sentence that merely contains a header's words is not a header.
        assert_eq!(
            rule_of(
                &format!("{BODY}\nكان هذا الخبر الأكثر قراءة في الموقع هذا الأسبوع"),
                "كان هذا الخبر الأكثر قراءة في الموقع هذا الأسبوع"
            ),
            None
        );
    }

    #[test]
    fn readers_comments_go_from_their_header_to_the_end() {
        let comment = "الحمد لله على نعمة المطر، لكن يجب محاسبة المسؤولين عن التبذير.";
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\n{BODY3}\nالتعليقات (2)\n1 - مواطن غيور\n{comment}\n2 - Salma\nنتمنى أن تستمر الأمطار."
        );
        let r = rules(&text);
        assert!(r[..4].iter().all(|(_, rule)| rule.is_none()), "{r:?}");
        assert!(r[4].1.is_some(), "the header");
        assert!(r[5..].iter().all(|(_, rule)| rule.is_some()), "{r:?}");
        assert_eq!(rule_of(&text, comment), Some("comments"));
        // WordPress: a count and the article's title.
        let text =
            format!("{BODY}\n{BODY2}\n{BODY3}\n5 تعليقات على \"عن المدن التي نحبها\"\n{comment}");
        assert_eq!(rule_of(&text, comment), Some("comments"));
        // Without a count, "تعليقات على …" may be a subheading of the article.
        let sub = "تعليقات على القرار الحكومي الجديد بشأن الضرائب";
        assert_eq!(deep(sub), None);
        assert_eq!(rule_of(&text, BODY4), None);
        // A thread longer than what is left of the article stays: the header may stand
        // inside the article.
        let text = format!("{BODY}\nالتعليقات\n{BODY2}\n{BODY3}\n{BODY4}");
        assert!(rules(&text)[2..].iter().all(|(_, rule)| rule.is_none()));
        // Before the article's first sentence, a comment counter is post meta.
        let text = format!("عنوان الخبر الرئيسي اليوم\n3 تعليقات\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, BODY), None);
        // The option turns the rule off.
        let off = Boilerplate::new(Options {
            cross_document: false,
            comments: false,
            ..Options::default()
        })
        .expect("builds");
        let text = format!("{BODY}\n{BODY2}\nالتعليقات\n{comment}");
        let mut doc = Document::new("t", text.as_str());
        let removed = off.apply(&mut doc, &mut Cx::default());
        assert!(removed.iter().all(|r| r.1 != Rule::Comments), "{removed:?}");
    }

    #[test]
    fn the_top_bar_menus_of_a_blog_and_a_poll() {
        // The site's date is a stamp, and the lines after it are still scanned as the top edge.
        let text = format!(
            "الأحد 9 فبراير 2025\nالرباط 17\nالرئيسية - سياسة - مجتمع - اقتصاد - رياضة\nمجتمع\nنسبة ملء السدود ترتفع بعد التساقطات الأخيرة\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("symbols"), "the date: {r:?}");
        assert_eq!(r[3].1, Some("edge_short"), "the section label: {r:?}");
        assert_eq!(r[4].1, None, "the headline: {r:?}");
        // An agency's dateline may be followed by the author's name: the scan ends there.
        let text = format!("الوفاق/ خاص\nسهامه مجلسي\n{BODY}");
        assert_eq!(rule_of(&text, "سهامه مجلسي"), None);
        // A menu of one- and two-word items, one of them with a function word, before the
        // article's first sentence.
        let text = format!(
            "مدونة شخصية عن السفر والكتب والحياة\nالرئيسية\nعن المدونة\nالسفر\nقراءات\nتأملات\nتواصل معي\nعن المدن التي نحبها ولا نعود إليها\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[1..7].iter().all(|(_, rule)| rule.is_some()), "{r:?}");
        assert_eq!(r[2].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[7].1, None, "the headline: {r:?}");
        // Free verse opening a document, in lines as short, stays.
        let poem = "أيها القمر الدمشقيّ\nكم لحنا على شفتيها؟\n***\nأيها القمر الدمشقيّ\nكم امرأة\nبين الأنقاض\nتلمّ زينتها\nوتنتظر\nفارسا\nيأتي من غُرّة الفجر الوليد";
        let text = format!("{poem}\n{BODY}");
        let r = rules(&text);
        assert!(r[4..].iter().all(|(_, rule)| rule.is_none()), "{r:?}");
        // A poll's answers between its question and a disclaimer continuing a sentence.
        let text = format!(
            "{BODY}\n{BODY2}\nهل كان هذا المقال مفيداً؟\nنعم\nلا\nتنبيه: المعلومات الواردة في هذا المقال للتثقيف فقط ولا تغني عن استشارة الطبيب المختص.\n{BODY3}"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[4].1, Some("menu_block"), "{r:?}");
        // A disclaimer of the site stays when it is written as a sentence of the article
        // would be: a doctor quoted in an article says the same.
        assert_eq!(r[5].1, None, "{r:?}");
        assert_eq!(r[6].1, None, "{r:?}");
    }

    #[test]
    fn facts_lists_and_short_headlines_of_the_article_stay() {
        // A list announced by a colon whose first item is longer than a menu item.
        let text = format!(
            "{BODY}\nوتناول المؤتمر المحاور التالية:\nتكنولوجيا الطاقة الشمسية وطاقة الرياح\nالهيدروجين الأخضر وتخزين الطاقة\nكفاءة الطاقة في المباني\nالسياسات والتشريعات البيئية\n{BODY2}"
        );
        assert!(
            rules(&text).iter().all(|(_, r)| r.is_none()),
            "{:?}",
            rules(&text)
        );
        // Labels and values (a car's specifications) are facts, not a menu.
        let text = format!(
            "{BODY}\nتفاصيل السيارة\nالماركة: تويوتا\nالموديل: كامري\nنوع الوقود: هايبرد\nاللون: أبيض لؤلؤي\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[2..6].iter().all(|(_, r)| r.is_none()), "{r:?}");
        // A short headline right before a byline stays, after a menu.
        let text =
            format!("الرئيسية\nصحة\nتعليم\nجغرافيا\nمدينة القيروان\nكتابة: سلمى الحمدي\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[4].1, None, "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        assert!(r[1].1.is_some(), "{r:?}");
        // The headline of an ad, after a menu glued into one line, is no keyword list.
        let title = "تويوتا كامري 2018 هايبرد فل كامل فحص كامل للبيع";
        let text = format!("سيارات ومركبات | عقارات | موبايلات | وظائف\n{title}\n{BODY}");
        assert_eq!(rule_of(&text, title), None);
        // A link-list header after a word of the site's own.
        let text = format!("{BODY}\n{BODY2}\nفتاوى ذات صلة\nحكم القصر لمن يسافر أسبوعياً إلى مكان عمله\nمسافة القصر عند المذاهب الأربعة");
        let r = rules(&text);
        assert_eq!(r[2].1, Some("phrase"), "{r:?}");
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        // French cookie notices of Maghrebi sites.
        let notice = "Cette plateforme utilise des cookies pour améliorer votre expérience.";
        assert_eq!(between(notice), Some("phrase"));
    }

    #[test]
    fn taglines_breadcrumbs_tabs_ratings_and_forum_strings() {
        // A tagline above the menu goes; the headline below it stays.
        let text = format!(
            "أرشيف المعرفة\nأكبر موسوعة عربية على الإنترنت\nالرئيسية\nصحة\nتعليم\nسياحة وسفر\nجغرافيا\nعن المدن التي نحبها ولا نعود إليها\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[1].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[7].1, None, "{r:?}");
        // A headline between a menu and a share bar, with a standfirst after it, stays.
        let text = format!(
            "الرئيسية\nصحة\nتعليم\nجغرافيا\nعن المدن التي نحبها ولا نعود إليها\nشارك\nرحلة في ذاكرة المدن القديمة وأهلها\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[4].1, None, "{r:?}");
        // A breadcrumb ending with the page's title.
        let crumb = "منتديات أحلى شباب > الأقسام العامة > منتدى الصحة > نصائح مجربة للتخلص من إجهاد العين أمام الكمبيوتر";
        assert_eq!(between(crumb), Some("navigation"));
        // Tabs with a count, a rating.
        assert_eq!(
            between("الوصف | المواصفات | التقييمات (128)"),
            Some("navigation")
        );
        // Below the first three lines, where datelines are protected.
        let rating = "★★★★☆ (128 تقييم)";
        assert_eq!(deep(rating), Some("symbols"));
        // vBulletin's quote header and welcome notice.
        assert_eq!(
            between("المشاركة الأصلية كتبت بواسطة دكتور_هيثم"),
            Some("phrase")
        );
        assert_eq!(
            between("مرحباً بك زائرنا الكريم، إذا كانت هذه زيارتك الأولى للمنتدى فيرجى الإطلاع على التعليمات بالضغط هنا."),
            Some("phrase")
        );
        // Reviews close a product page like comments.
        let review = "والله ممتازة وسريعة، البطاطس تطلع مقرمشة وما تحتاج زيت ابد";
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\nشارك\nتقييمات العملاء\n{review}");
        assert_eq!(rule_of(&text, review), Some("comments"));
        // A member's rank between the user name and the join date.
        let text = format!(
            "{BODY}\n{BODY2}\nمهندس_الديزل\nمشرف قسم الصيانة\nتاريخ التسجيل: Aug 2011\n{BODY3}"
        );
        assert_eq!(rule_of(&text, "مشرف قسم الصيانة"), Some("menu_block"));
        // A label between two dates is a timeline's.
        let text = format!("{BODY}\n{BODY2}\n9 مايو 2024\nالافتتاح\n10 مايو 2024\n{BODY3}");
        assert_eq!(rule_of(&text, "الافتتاح"), None);
    }

    #[test]
    fn polls_downloads_credits_and_more_by_lists() {
        // A poll's answers go with its question.
        let text = format!("{BODY}\n{BODY2}\nهل هذا المحتوى مفيد؟\nنعم\nلا\n{BODY3}");
        let r = rules(&text);
        assert_eq!(r[3].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[4].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        // Download links name a file's format in brackets.
        assert_eq!(
            between("تحميل المحاضرة (MP3 - ٢١٫٨ ميجابايت)"),
            Some("navigation")
        );
        assert_eq!(between("دليل المستخدم (PDF)"), Some("navigation"));
        let sentence = "وأصدرت الوزارة دليلا للمستخدمين (بصيغة ورقية) يشرح الخطوات.";
        assert_eq!(between(sentence), None);
        // The article's credit at its end stays.
        let text = format!("{BODY}\n{BODY2}\nتحرير: رنا حداد\nمصرف لبنان");
        let r = rules(&text);
        assert_eq!(r[2].1, None, "{r:?}");
        // A line announcing a list with one theme word among its own words stays; a site's
        // label goes.
        assert_eq!(between("التواريخ الرئيسية:"), None);
        assert_eq!(between("بحث عن:"), Some("phrase"));
        // "More by" lists.
        let text = format!(
            "{BODY}\n{BODY2}\nقصائد أخرى للمتنبي\nأرق على أرق ومثلي يأرق\nعيد بأية حال عدت يا عيد"
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("phrase"), "{r:?}");
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        // A poem has no long sentence: its headline starts the article, and the poet's box
        // after it goes.
        let poem = "عَلى قَدرِ أَهلِ العَزمِ تَأتي العَزائِمُ\nوَتَأتي عَلى قَدرِ الكِرامِ المَكارِمُ\nوَتَعظُمُ في عَينِ الصَغيرِ صِغارُها\nوَتَصغُرُ في عَينِ العَظيمِ العَظائِمُ";
        let bio = "أحمد بن الحسين الكندي، شاعر حكيم.";
        let text = format!("قصيدة في مدح سيف الدولة\n{poem}\nشارك\nعن الشاعر\n{bio}");
        let r = rules(&text);
        assert!(r[..5].iter().all(|(_, rule)| rule.is_none()), "{r:?}");
        assert_eq!(rule_of(&text, bio), Some("comments"));
        // French post meta and comments.
        let text = format!(
            "{BODY}\n{BODY2}\n{BODY3}\nPublié le 05/02/2025 à 14:30\n{BODY4}\nCommentaires (7)\nربي يوفق ولادنا إن شاء الله"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, Some("symbols"), "{r:?}");
        assert_eq!(r[6].1, Some("comments"), "{r:?}");
    }

    /// What the review of this session's rules found removed, and must stay.
    #[test]
    fn article_lines_the_tail_and_list_rules_keep() {
        let stays = |text: &str, line: &str| {
            assert_eq!(rule_of(text, line), None, "{line}: {:?}", rules(text));
        };
        // Subheadings with a number inside, or without a count and after a paragraph, are
        // no comments header; what follows them stays.
        for sub in [
            "تعليق على المادة 12",
            "ردود على 3 شبهات",
            "رأي حول قانون المالية 2025",
            "عن المؤلف",
            "آراء العملاء",
            "تعليق:",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{BODY3}\n{sub}\n{BODY4}");
            stays(&text, BODY4);
        }
        // Article lists with a header of the same shape as a site's.
        for header in ["أسباب أخرى للصداع", "أمراض ذات صلة", "مواد ذات علاقة"]
        {
            let text =
                format!("{BODY}\n{BODY2}\n{header}\nالتوتر والقلق\nقلة النوم\nالجفاف\n{BODY3}");
            stays(&text, header);
            stays(&text, "قلة النوم");
        }
        // A file format in brackets inside a sentence.
        stays(
            &format!("{BODY}\nويمكن للتلاميذ تحميل الدليل كاملا (PDF) من موقع الوزارة.\n{BODY2}"),
            "ويمكن للتلاميذ تحميل الدليل كاملا (PDF) من موقع الوزارة.",
        );
        // A short headline after the site's date, with no other title to come.
        stays(
            &format!("الجمعة 5 يناير 2024\nحصاد الأسبوع\n{BODY}"),
            "حصاد الأسبوع",
        );
        // An interview's question and answer.
        let text = format!("{BODY}\nهل كان هذا المقال مفيدا؟\nالاثنان معا\n{BODY2}");
        stays(&text, "الاثنان معا");
        // Facts between removed lines, and items of a list after a colon.
        let text =
            format!("{BODY}\nشاهد أيضا:\nالملعب: ستاد القاهرة\nالحكم: محمد عادل\nتابعونا على فيسبوك\n{BODY2}");
        stays(&text, "الحكم: محمد عادل");
        // The article's last lines above the comments or a related list.
        let text = format!(
            "{BODY}\n{BODY2}\n{BODY3}\nوالله أعلم\nفتاوى ذات صلة\nحكم القصر للمسافر\nمسافة القصر"
        );
        stays(&text, "والله أعلم");
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\nأبوك المحب\nالتعليقات (2)\nرائع جدا");
        stays(&text, "أبوك المحب");
    }

    #[test]
    fn tables_of_contents_breadcrumb_titles_and_comma_lines() {
        // A table of contents goes; the subheadings it lists stay, even when its last entry
        // stands right before the article's first paragraph.
        let text = format!(
            "عنوان المقال الرئيسي عن الصحة\nالمحتويات\nنبذة عن المرض\nأعراض الجفاف الشائعة\n{BODY}\nنبذة عن المرض\n{BODY2}\nأعراض الجفاف الشائعة\n{BODY3}"
        );
        let r = rules(&text);
        assert_eq!(r[1].1, Some("link_list"), "{r:?}");
        assert_eq!(r[2].1, Some("link_list"), "{r:?}");
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        assert_eq!(r[7].1, None, "{r:?}");
        // The title right under a breadcrumb stays, however short; lines with commas are no
        // menu items.
        let text = format!(
            "الوظائف > المحاسبة والمالية > الرياض\nمحاسب عام\nشركة النخبة للتجارة\nالرياض، السعودية\nدوام كامل\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("navigation"), "{r:?}");
        assert_eq!(r[1].1, None, "{r:?}");
        // Free verse in lines ending with commas.
        let verse = "حولنا عندليب\nرقيق يحوم،\nيغني لنا،\nويغمز لنا،\nهذا الصباح،";
        let text = format!("{BODY}\nالرئيسية\n{verse}\n{BODY2}");
        assert_eq!(rule_of(&text, "يغني لنا،"), None, "{:?}", rules(&text));
    }

    #[test]
    fn user_names_with_an_underscore() {
        assert_eq!(between("دكتور_هيثم"), Some("symbols"));
        assert_eq!(between("green_eagle85"), Some("symbols"));
        // Not a word with an underscore inside a sentence, nor a lone underscore run.
        assert_eq!(between("اسم الملف report_2024 في المجلد"), None);
        assert_eq!(between("__________________"), Some("symbols"));
    }

    #[test]
    fn titles_glued_to_their_date_stamp() {
        // A listing's line, with or without the digits some corpora strip.
        for line in [
            "موضوع العاب بلاي ستشن للتحميل لعبة سباق السيارات المرحه جدا الأربعاء أغسطس",
            "موضوع أحدث ألعاب الأكشن كاملة على أكثر من سيرفر الخميس 12 سبتمبر 2019",
        ] {
            assert!(between(line).is_some(), "{line}");
        }
        // A one-line record is judged like any line.
        let record = "موضوع العاب بلاي ستشن للتحميل لعبة سباق السيارات المرحه جدا الأربعاء أغسطس";
        assert_eq!(rule_of(record, record), Some("link_list"));
        // A sentence names the day in prose.
        for line in [
            "وذلك خلال الحملة الوطنية لمراقبة جودة المستلزمات التي جرت أمس الأربعاء 9 سبتمبر 2015",
            "تصرف المنح للعائلات المعوزة بداية من يوم الاثنين 05 سبتمبر 2016",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
    }

    #[test]
    fn article_cards_go_and_a_song_with_a_refrain_stays() {
        let mut cards = vec![BODY.to_string()];
        for (label, title) in [
            ("أخبار لبنان", "وزير الداخلية يصدر قرارا بشأن تنظيم السير"),
            ("منوعات", "مهرجان الموسيقى يعود إلى بيروت هذا الصيف"),
            ("أخبار لبنان", "الحكومة تناقش الموازنة في جلسة مسائية"),
            ("أخبار دولية", "قمة أوروبية لبحث أزمة الطاقة"),
            ("أخبار لبنان", "افتتاح طريق جديد يربط الشمال بالعاصمة"),
            ("منوعات", "أطول جسر في العالم يفتح أبوابه للزوار"),
        ] {
            cards.push(label.to_string());
            cards.push(title.to_string());
        }
        let r = rules(&cards.join("\n"));
        assert!(
            r[1..].iter().all(|(_, rule)| *rule == Some("link_list")),
            "{r:?}"
        );
        // A song quoted in an article repeats its refrain, lines of three words or more.
        let refrain = [
            "نصراوي والله واعجبك",
            "قدامي كل يرتبك",
            "فايز عليك فايز عليك",
        ];
        let mut song = vec![BODY.to_string()];
        for verse in [
            ["متحدي وناوي السنة", "افوز واتصدر بعد"],
            ["قل للعواذل يحلمون", "والكاس نصراوي اكيد"],
            ["يا نجد فارسك البطل", "راجع لعرشه من جديد"],
        ] {
            song.extend(verse.iter().map(|s| s.to_string()));
            song.extend(refrain.iter().map(|s| s.to_string()));
        }
        let r = rules(&song.join("\n"));
        assert!(
            r.iter().all(|(_, rule)| *rule != Some("link_list")),
            "{r:?}"
        );
    }

    #[test]
    fn keyword_lists_by_repetition() {
        let line = "وظائف في السعودية وظائف جدة وظائف الدمام وظائف الرياض وظائف الخبر وظائف مكة";
        assert_eq!(
            rule_of(&format!("{BODY}\n{line}\n{BODY2}"), line),
            Some("keyword_list")
        );
        // A sentence naming people repeats titles, with the particles of names.
        let names = "حضر الحفل صاحب السمو الأمير تركي بن سعد و صاحب السمو الأمير فيصل بن سعود و صاحب السمو الأمير سعود بن فيصل";
        assert_eq!(rule_of(&format!("{BODY}\n{names}\n{BODY2}"), names), None);
    }

    #[test]
    fn keyword_lists_over_lines() {
        // Links generated around one keyword, with or without list markers.
        let links = [
            "- شقق للبيع في جدة حي الروضة",
            "- شقق للبيع بالتقسيط",
            "- ارخص شقق للبيع شمال الرياض",
            "- شقق للايجار الشهري",
            "- فلل وشقق للبيع مباشرة بدون وسيط",
            "- شقق مفروشة قريبة من البحر",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", links.join("\n"));
        for l in links {
            assert_eq!(
                rule_of(&text, l),
                Some("keyword_list"),
                "{l} {:?}",
                rules(&text)
            );
        }
        // A list announced by a colon belongs to the article, however bare its items.
        let text = format!(
            "{BODY}\nوتشمل الفئات الأكثر عرضة:\n{}\n{BODY2}",
            links.join("\n")
        );
        assert!(links.iter().all(|l| rule_of(&text, l).is_none()));
        // Lists of the article carry punctuation in their items.
        let groups = [
            "* المجموعة الأولى: هولندا.. فرنسا.. السويد",
            "* المجموعة الثانية: البرتغال.. سويسرا.. المجر",
            "* المجموعة الثالثة: ألمانيا.. التشيك.. النرويج",
            "* المجموعة الرابعة: ويلز.. النمسا.. صربيا",
            "* المجموعة الخامسة: رومانيا.. الدنمارك.. بولندا",
            "* المجموعة السادسة: إنجلترا.. سلوفاكيا.. مالطا",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", groups.join("\n"));
        assert!(groups.iter().all(|l| rule_of(&text, l).is_none()));
    }

    #[test]
    fn a_menu_announced_by_a_colon_is_a_list_of_the_article() {
        let items = ["مرضى السكري", "مرضى ضعف القلب", "مرضى الربو", "الحوامل"];
        let text = format!("{BODY}\nويستثنى من ذلك:\n{}\n{BODY2}", items.join("\n"));
        assert!(items.iter().all(|l| rule_of(&text, l).is_none()));
        let text = format!("{BODY}\nالرئيسية\n{}\n{BODY2}", items.join("\n"));
        assert!(items
            .iter()
            .all(|l| rule_of(&text, l) == Some("menu_block")));
        // Alone between two paragraphs, the same lines are a list of the article.
        let text = format!("{BODY}\n{}\n{BODY2}", items.join("\n"));
        assert!(items.iter().all(|l| rule_of(&text, l).is_none()));
    }

    #[test]
    fn site_phrases_glued_to_menu_words() {
        // A one-line record (so also its headline): section names and a forum footer.
        let footer =
            "الرياضة الهوايات كرة القدم منتدى مجاني للدعم والمساعدة اتصل بنا الحصول على مدونة";
        assert_eq!(rule_of(footer, footer), Some("phrase"));
        // The same phrases in a sentence stay.
        let sentence =
            "يمكن للأعضاء الحصول على مدونة من خلال المنتدى أو عن طريق صفحة اتصل بنا في الموقع";
        assert_eq!(rule_of(sentence, sentence), None);
    }

    #[test]
    fn a_byline_at_the_top_stays() {
        let text = format!("إعداد: فريق التحرير\nعنوان الخبر الرئيسي اليوم\n{BODY}");
        assert_eq!(rule_of(&text, "إعداد: فريق التحرير"), None);
        // A label that is not a byline word is no byline.
        let text = format!("الطبعة: العربية\nعنوان الخبر الرئيسي اليوم\n{BODY}");
        assert_eq!(rule_of(&text, "الطبعة: العربية"), Some("edge_short"));
    }

    #[test]
    fn every_navigation_separator_passes_the_byte_prefilter() {
        for c in NAV_SEPARATORS {
            let mut b = [0u8; 4];
            let first = c.encode_utf8(&mut b).as_bytes()[0];
            assert!(
                matches!(first, b'|' | b'>' | b'<' | b'\\' | 0xC2 | 0xE2),
                "{c:?} starts with {first:#x}"
            );
        }
    }

    #[test]
    fn rights_notices_and_footers() {
        for line in [
            "© 2013 Cable News Network. Turner Broadcasting System, Inc. All Rights Reserved.",
            "جميع الحقوق محفوظة لدار الصباح ويحظر نشر أو توزيع أو طبع أي مادة دون إذن مسبق من الإدارة",
            "خدمة آخر خبر للرسائل النصية | خدمة آخر خبر للبريد الإلكتروني | RSS | شاشة CNN على الهاتف المحمول | Twitter | Facebook",
            "شروط الخدمة | بيان الخصوصية | الإعلانات | من نحن؟",
        ] {
            let text = format!("{BODY}\n{line}\n{BODY2}");
            assert!(rule_of(&text, line).is_some(), "{line}");
        }
        // Quotes and credits with separators stay: they are sentences.
        for line in [
            "وهل تعلم أن «هتلر» كان رساماً وقتل «17» مليون نسمة؟",
            "1- إسمعني / كلمات: سعود بن محمد العبدالله / ألحان: سهم / توزيع: رأفت",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
    }

    #[test]
    fn template_lines_across_documents_of_a_site() {
        let mut stage = Boilerplate::new(Options {
            template_min_docs: 3,
            ..Options::default()
        })
        .expect("builds");
        let footer = "للتواصل مع الكاتب ارسل رسالة قصيرة";
        let docs: Vec<Document> = (0..5)
            .map(|i| {
                let mut d = Document::new(
                    format!("d{i}"),
                    format!("{BODY} رقم {i}.\n{footer}\n{BODY2} {i}."),
                );
                d.meta.insert(
                    "url".into(),
                    format!("https://www.example.com/news/{i}").into(),
                );
                d
            })
            .collect();
        for (i, d) in docs.iter().enumerate() {
            stage.observe(d, i as u64).expect("observe");
        }
        stage.finish().expect("finish");
        let mut d = docs[0].clone();
        let removed = stage.apply(&mut d, &mut Cx::default());
        assert_eq!(removed.len(), 1);
        assert_eq!(
            (removed[0].1, removed[0].2.as_str()),
            (Rule::TemplateLine, footer)
        );
        // The same line on another site, seen once there, stays.
        let mut other = docs[1].clone();
        other
            .meta
            .insert("url".into(), "https://another.example.org/a".into());
        let keep = Boilerplate::new(Options::default()).expect("builds");
        assert!(keep.apply(&mut other, &mut Cx::default()).is_empty());

        // A resumed run restores the counts instead of observing again.
        let mut saved = Vec::new();
        assert!(stage.save_state(&mut saved).expect("saves"));
        let mut restored = Boilerplate::new(Options {
            template_min_docs: 3,
            ..Options::default()
        })
        .expect("builds");
        restored.load_state(&mut saved.as_slice()).expect("loads");
        let mut d = docs[0].clone();
        assert_eq!(restored.apply(&mut d, &mut Cx::default()), removed);
        let mut smaller = Boilerplate::new(Options {
            sketch_mb: 1,
            ..Options::default()
        })
        .expect("builds");
        assert!(smaller.load_state(&mut saved.as_slice()).is_err());
    }

    #[test]
    fn all_boilerplate_removes_the_document() {
        let mut doc = Document::new("d", "الرئيسية\nاتصل بنا\nجميع الحقوق محفوظة");
        let v = stage()
            .decide(&mut doc, 0, &mut Cx::default())
            .expect("decides");
        assert_eq!(
            v,
            Verdict::drop(NAME, "empty_after_removal", "0 lines left of 3 (phrase 3)")
        );
    }

    #[test]
    fn annotate_records_lines_and_rules() {
        let stage = Boilerplate::new(Options {
            cross_document: false,
            annotate: true,
            ..Options::default()
        })
        .expect("builds");
        let mut doc = Document::new("d", format!("{BODY}\nLeave a Reply"));
        stage
            .decide(&mut doc, 0, &mut Cx::default())
            .expect("decides");
        assert_eq!(doc.text, BODY);
        assert_eq!(
            doc.meta["boilerplate_removed"],
            serde_json::json!([{"line": 2, "rule": "phrase", "text": "Leave a Reply"}])
        );
    }

    /// The seed page as crawled: through normalize and boilerplate, exactly the headline and
    /// the ten article paragraphs remain, and each dropped line has the expected rule. The
    /// fixture is a copy of `../shared/seed/news-page.txt`, so the test runs in any checkout.
    #[test]
    fn seed_page_keeps_the_article_only() {
        let raw = include_str!("../tests/fixtures/news-page.txt");
        let mut ch = ghirbal_text::normalize::Changes::default();
        let text = ghirbal_text::normalize::normalize(raw, &mut ch).into_owned();
        let mut doc = Document::new("seed", text.clone());
        let removed = stage().apply(&mut doc, &mut Cx::default());
        let got: Vec<(&str, &str)> = removed.iter().map(|r| (r.2.as_str(), r.1.code())).collect();
        assert_eq!(
            got,
            [
                ("أوروبا وأمريكاالدولية", "edge_short"),
                (".", "symbols"),
                ("Leave a Reply", "phrase"),
                ("زر الذهاب إلى الأعلى", "phrase"),
            ]
        );
        let kept: Vec<&str> = doc.text.split('\n').filter(|l| !l.is_empty()).collect();
        assert_eq!(kept.len(), 11, "{kept:#?}");
        assert!(kept[0].starts_with("حذر الأمين العام"));
    }
}
