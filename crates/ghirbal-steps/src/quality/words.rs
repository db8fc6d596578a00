//! The words of a document, split once and shared by the quality filters that read it.
//!
//! Gopher quality, Gopher repetition and FineWeb quality all split the whole text with their
//! profile's splitter, and two of them measure each word's length in characters. The first
//! filter that asks does the work; the ones after it on the same text get the words back from
//! the context the executor hands every step ([`Cx::memo`], one per batch) without splitting
//! again. The cache is keyed on the
//! text itself (a 64-bit hash, its length) and the splitter, never on the document: a step
//! that edits the text between two filters (normalization, boilerplate, C4's line removal)
//! makes the next filter split the new text, and two filters with different splitters do not
//! share.
//!
//! What is not shared, because it is not the same thing: C4 counts sentences per kept line,
//! after stripping the line and removing citations from it, so its words are those of an edited
//! line; and the "letters" word length of the `ar` profile (diacritics left out) is measured by
//! Gopher quality alone, so only the length in characters is kept here.

use ghirbal_core::Cx;
use ghirbal_text::words::Splitter;

/// The words of the last text split in this context, as byte ranges of that text.
#[derive(Default)]
pub(crate) struct WordCache {
    /// Hash and length of the text, and the splitter: what the words were computed from.
    key: Option<(u64, usize, Splitter)>,
    spans: Vec<(usize, usize)>,
    /// Prefix sums of the words' lengths in characters (`[0, c0, c0 + c1, …]`), once a filter
    /// has counted them (empty until then).
    char_prefix: Vec<usize>,
}

impl WordCache {
    fn key(splitter: Splitter, text: &str) -> (u64, usize, Splitter) {
        (
            xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            text.len(),
            splitter,
        )
    }

    /// Appends the words of `text` to `out`, split again only if the cache holds another text.
    fn words<'a>(&mut self, splitter: Splitter, text: &'a str, out: &mut Vec<&'a str>) {
        let key = Self::key(splitter, text);
        let start = out.len();
        if self.key == Some(key) {
            out.reserve(self.spans.len());
            for &(a, b) in &self.spans {
                match text.get(a..b) {
                    Some(w) => out.push(w),
                    None => break,
                }
            }
            if out.len() - start == self.spans.len() {
                return;
            }
            // A hash collision between two texts of the same length (never seen, but a range
            // that does not fit this text would show it): split this text after all.
            out.truncate(start);
        }
        out.reserve(text.len() / 6);
        splitter.words(text, out);
        let base = text.as_ptr() as usize;
        self.spans.clear();
        self.spans.extend(out[start..].iter().map(|w| {
            let a = w.as_ptr() as usize - base;
            (a, a + w.len())
        }));
        self.char_prefix.clear();
        self.key = Some(key);
    }
}

/// The words of `text` as `splitter` splits them, appended to `out`; split once per text for
/// all the filters of a chain.
pub(crate) fn words_of<'a>(cx: &mut Cx, splitter: Splitter, text: &'a str, out: &mut Vec<&'a str>) {
    cx.memo::<WordCache>().words(splitter, text, out);
}

/// The number of words of `text` as `splitter` splits them: from the cache without building
/// the list when an earlier filter split the same text (FineWeb quality needs only the count).
pub(crate) fn word_count(cx: &mut Cx, splitter: Splitter, text: &str) -> usize {
    let cache = cx.memo::<WordCache>();
    if cache.key == Some(WordCache::key(splitter, text)) {
        return cache.spans.len();
    }
    let mut words = Vec::new();
    cache.words(splitter, text, &mut words);
    words.len()
}

/// Prefix sums of the lengths in characters of `words` (`[0, c0, c0 + c1, …]`), if a filter
/// has counted them: `words` must be what [`words_of`] has just returned in this context.
///
/// The repetition filter counts them in the loop where it hashes each word (nearly free
/// there) and leaves them with [`keep_char_prefix`]; Gopher quality, after it, reads them here
/// instead of measuring every word again. A separate counting pass for both cost more than
/// the two counts it replaced, so whoever counts first shares, and nobody counts for nothing.
pub(crate) fn char_prefix<'c>(cx: &'c mut Cx, words: &[&str]) -> Option<&'c [usize]> {
    let cache = cx.memo::<WordCache>();
    // The counts belong to the cached words; a different number of words would mean the
    // caller broke the contract: then there is nothing to share.
    (cache.key.is_some()
        && cache.spans.len() == words.len()
        && cache.char_prefix.len() == words.len() + 1)
        .then_some(cache.char_prefix.as_slice())
}

/// Leaves the prefix sums of the lengths in characters of `words` (what [`words_of`] has just
/// returned in this context) for the filters after this one.
pub(crate) fn keep_char_prefix(cx: &mut Cx, words: &[&str], prefix: &[usize]) {
    let cache = cx.memo::<WordCache>();
    // Already there when this filter took them from the cache.
    let counted = cache.char_prefix.len() == prefix.len();
    if !counted
        && cache.key.is_some()
        && cache.spans.len() == words.len()
        && prefix.len() == words.len() + 1
    {
        cache.char_prefix.clear();
        cache.char_prefix.extend_from_slice(prefix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_text_is_split_again() {
        let mut cx = Cx::default();
        let first = String::from("قال الرئيس. ثم ذهب");
        let mut w = Vec::new();
        words_of(&mut cx, Splitter::SpacyCompat, &first, &mut w);
        assert_eq!(w, ["قال", "الرئيس", ".", "ثم", "ذهب"]);
        assert_eq!(char_prefix(&mut cx, &w), None);
        keep_char_prefix(&mut cx, &w, &[0, 3, 9, 10, 12, 15]);
        assert_eq!(char_prefix(&mut cx, &w), Some(&[0, 3, 9, 10, 12, 15][..]));
        // Same length, other text: the words of the new text, never the remembered ones.
        let second = String::from("قال الرئيس. ثم ركب");
        assert_eq!(first.len(), second.len());
        let mut w2 = Vec::new();
        words_of(&mut cx, Splitter::SpacyCompat, &second, &mut w2);
        assert_eq!(w2, ["قال", "الرئيس", ".", "ثم", "ركب"]);
        // The counts of the old text are gone with its words.
        assert_eq!(char_prefix(&mut cx, &w2), None);
    }

    #[test]
    fn the_same_text_gives_the_same_words_from_the_cache() {
        let mut cx = Cx::default();
        let text = "«الرياض» 2020. وذهب";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        words_of(&mut cx, Splitter::SpacyCompat, text, &mut a);
        // A copy at another address: the cache hands back ranges of the text it is given.
        let copy = text.to_string();
        words_of(&mut cx, Splitter::SpacyCompat, &copy, &mut b);
        assert_eq!(a, b);
        keep_char_prefix(&mut cx, &b, &vec![0; b.len() + 1]);
        assert!(char_prefix(&mut cx, &b).is_some());
        assert!(b
            .iter()
            .all(|w| copy.as_bytes().as_ptr_range().contains(&w.as_ptr())));
        assert_eq!(word_count(&mut cx, Splitter::SpacyCompat, text), a.len());
        assert_eq!(
            word_count(&mut Cx::default(), Splitter::SpacyCompat, text),
            a.len()
        );
        // Another splitter on the same text does not take these words.
        let mut c = Vec::new();
        words_of(&mut cx, Splitter::Arabic, text, &mut c);
        let mut direct = Vec::new();
        Splitter::Arabic.words(text, &mut direct);
        assert_eq!(c, direct);
    }
}
