//! The phrase files' marker language, read once when the step is built: which phrases are
//! theme phrases, lead phrases (`^`), site notices (`*`), link-list headers (`>`), whole-line
//! phrases (`=`) and comment headers (`!`), and the word lists of function words and of dates.

use super::Options;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use ghirbal_text::fold::fold_into;

const BUILTIN_LEXICON: &str = include_str!("../../lexicon/boilerplate-phrases.txt");
const FUNCTION_WORDS: &str = include_str!("../../lexicon/function-words-ar.txt");
const DATE_WORDS: &str = include_str!("../../lexicon/date-words-ar.txt");
const BUILTIN_WORDS: &str = include_str!("../../lexicon/boilerplate-words.txt");

/// A word list of `lexicon/boilerplate-words.txt`, folded: short, so looked through in order.
pub(super) struct WordList(Vec<String>);

impl WordList {
    /// Whether `w` (folded) is an entry of the list.
    pub(super) fn contains(&self, w: &&str) -> bool {
        self.0.iter().any(|e| e == w)
    }
}

/// The list `[name]` of the built-in word lists. The file ships inside the binary, so a
/// missing list is a mistake in ghirbal itself: a test reads every list the rules name.
pub(super) fn builtin_words(name: &str) -> WordList {
    let header = format!("[{name}]");
    let entries = BUILTIN_WORDS
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(ghirbal_text::fold::fold)
        .collect::<Vec<_>>();
    assert!(
        !entries.is_empty(),
        "no word list [{name}] in boilerplate-words.txt"
    );
    WordList(entries)
}

/// The folded words of a word list (whitespace-separated, `#` comments), each with its
/// line's marker (`~`, `+` or `@` before the line's words: words of another kind).
fn word_list(text: &str) -> impl Iterator<Item = (String, Option<char>)> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            let (marker, words) = match l.strip_prefix(['~', '+', '@']) {
                Some(rest) => (l.chars().next(), rest),
                None => (None, l),
            };
            words
                .split_whitespace()
                .map(move |w| (ghirbal_text::fold::fold(w), marker))
        })
}

/// The phrases and word lists the rules look lines up in.
pub(super) struct Lexicon {
    pub phrases: Option<AhoCorasick>,
    /// Per pattern: is it a lead phrase (removes the whole line when it starts it)?
    pub lead: Vec<bool>,
    /// The lead phrases alone, padded as the patterns are, for long lines.
    pub lead_keys: Vec<(String, Option<usize>)>,
    /// Per pattern: for a lead phrase written with a final colon ("^التصنيفات:"), its number
    /// of words; the line must then have a colon right after them ("التصنيفات: …"), so that a
    /// sentence starting with the same words ("التصنيفات الدولية للجامعات …") stays.
    pub lead_colon: Vec<Option<usize>>,
    /// Per pattern: does it have two words or more?
    pub multi_word: Vec<bool>,
    /// Lines that are boilerplate only whole, folded: link-list headers (`>`, true: they take
    /// the titles after them) and whole-line phrases (`=`, false: "رد", which inside a line is
    /// an ordinary word).
    pub headers: std::collections::HashMap<String, bool>,
    /// Words of the longest header, so that longer lines skip the lookup.
    pub header_max_words: usize,
    /// Headers of readers' comments (`!`), folded, each with whether it may be followed by the
    /// article's title ("5 تعليقات على …", written with a final "…" in the lexicon).
    pub comment_headers: std::collections::HashMap<String, bool>,
    /// Link-list headers that follow one word of the site's own (`>…ذات صلة`: "فتاوى ذات
    /// صلة"), folded, with a space before them.
    pub header_suffixes: Vec<String>,
    /// The first word of each comments header, sorted (a binary search is cheaper than
    /// hashing).
    pub comment_first_words: Vec<String>,
    /// The months of `lexicon/date-words-ar.txt` (anchors that are no weekday or counter),
    /// folded and sorted, for the stamps glued to titles.
    pub months: Vec<String>,
    /// The weekdays of `lexicon/date-words-ar.txt` (`@`), folded and sorted.
    pub weekdays: Vec<String>,
    /// Per pattern: is it a site notice (`*`), which makes a line of at most
    /// `ANYWHERE_MAX_WORDS` words boilerplate wherever it stands in it? Site notices share the
    /// phrase automaton, so that each short line is searched once.
    pub anywhere: Vec<bool>,
    pub function_words: std::collections::HashSet<String>,
    /// Words of dates, times and counters, folded, each with whether it anchors a stamp
    /// (`lexicon/date-words-ar.txt`).
    pub date_words: std::collections::HashMap<String, bool>,
}

impl Lexicon {
    /// Reads the built-in lexicon (unless turned off), the phrase file and the extra phrases.
    pub(super) fn new(opts: &Options) -> Result<Self, String> {
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
        // Connectors (`~`) anchor no stamp; counters (`+`) and weekdays (`@`) anchor one but
        // are no month.
        let mut months = Vec::new();
        let mut weekdays = Vec::new();
        let mut date_words = std::collections::HashMap::new();
        for (w, marker) in word_list(DATE_WORDS) {
            match marker {
                None => months.push(w.clone()),
                Some('@') => weekdays.push(w.clone()),
                _ => {}
            }
            date_words.insert(w, marker != Some('~'));
        }
        months.retain(|w| date_words.get(w) == Some(&true));
        months.sort();
        months.dedup();
        weekdays.sort();
        weekdays.dedup();
        Ok(Self {
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
            weekdays,
            anywhere,
            function_words,
            date_words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_word_list_has_entries() {
        let names: Vec<&str> = BUILTIN_WORDS
            .lines()
            .filter_map(|l| l.trim().strip_prefix('[')?.strip_suffix(']'))
            .collect();
        assert_eq!(names.len(), 26, "{names:?}");
        for name in names {
            assert!(!builtin_words(name).0.is_empty(), "{name}");
        }
    }

    #[test]
    fn weekdays_and_months_come_from_the_date_words() {
        let lex = Lexicon::new(&Options::default()).expect("builds");
        for day in ["الاحد", "الاثنين", "الجمعه", "monday", "fri", "dimanche"] {
            assert!(
                lex.weekdays
                    .binary_search_by(|w| w.as_str().cmp(day))
                    .is_ok(),
                "{day}"
            );
            assert!(
                lex.months
                    .binary_search_by(|w| w.as_str().cmp(day))
                    .is_err(),
                "{day}"
            );
        }
        for month in ["يناير", "كانون", "رمضان", "august", "juin"] {
            assert!(
                lex.months
                    .binary_search_by(|w| w.as_str().cmp(month))
                    .is_ok(),
                "{month}"
            );
        }
    }
}
