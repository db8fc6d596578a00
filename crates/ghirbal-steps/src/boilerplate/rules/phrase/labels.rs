//! Short lines that label or link, which the `phrase` rule looks for: a call to follow the site, a
//! photo's credit, a story's source, a link to a player, a share label or button.

use crate::boilerplate::lexicon::{builtin_words, WordList};
use ghirbal_text::script::is_any_digit;
use std::sync::LazyLock;

/// Longest line taken for a call to follow the site.
const FOLLOW_MAX_WORDS: usize = 20;

static FOLLOW_VERBS: LazyLock<WordList> = LazyLock::new(|| builtin_words("follow_verbs"));
static FOLLOW_VERBS_SINGULAR: LazyLock<WordList> =
    LazyLock::new(|| builtin_words("follow_verbs_singular"));
static FOLLOW_PLACES: LazyLock<WordList> = LazyLock::new(|| builtin_words("follow_places"));
static FOLLOW_PLACES_OURS: LazyLock<WordList> =
    LazyLock::new(|| builtin_words("follow_places_ours"));

/// Longest credit after a photo's label, in words with letters ("المكتب الإعلامي لصندوق
/// إعادة الإعمار"); a caption, a sentence, runs longer.
pub(super) const PHOTO_CREDIT_MAX_WORDS: usize = 5;

/// Labels of a photo's credit, folded ("الصورة:", "مصدر الصورة:", "Photo:"). Not "صور": it
/// is also the city of Tyre ("صور: إضراب المعلمين …"), and heads galleries' headlines.
const PHOTO_LABELS: [&str; 6] = [
    "الصوره",
    "صوره",
    "مصدر الصوره",
    "حقوق الصوره",
    "photo",
    "credit",
];

/// Words of a source, folded: an agency, an office, an archive, a site ("وكالة السودان
/// للأنباء", "المكتب الإعلامي …", "أرشيف", "مغرب بريس").
const SOURCE_WORDS: [&str; 22] = [
    "وكاله",
    "المكتب",
    "مكتب",
    "هيئه",
    "مصلحه",
    "وزاره",
    "ارشيف",
    "ارشيفيه",
    "خاص",
    "المصدر",
    "مصدر",
    "مؤسسه",
    "مركز",
    "شركه",
    "صحيفه",
    "موقع",
    "بريس",
    "نيوز",
    "تصوير",
    "رويترز",
    "الاناضول",
    "واس",
];

/// A photo's credit: a label of the photo and a colon, then a source in brackets or not: a
/// few words in Latin letters ("الصورة: Shutterstock"), or naming an agency, an office or an
/// archive ("الصورة: وكالة السودان للأنباء", "مصدر الصورة: مصلحة الموانئ"), or a site and a
/// photographer on either side of a dash ("(صورة: سبور تونس - وليد الماجري)"). A caption under
/// the same label describes the picture ("الصورة: جانب من الاجتماع", "الصورة: الرئيس …").
pub(super) fn photo_credit(raw: &str) -> bool {
    // Most lines hold no colon: settled before any folding.
    let t = raw.trim().trim_start_matches('(').trim_end_matches(')');
    let Some((label, value)) = t.split_once(':') else {
        return false;
    };
    if label.len() > 40 || !PHOTO_LABELS.contains(&ghirbal_text::fold::fold(label).as_str()) {
        return false;
    }
    let folded = ghirbal_text::fold::fold(value);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let latin = value.chars().any(|c| c.is_ascii_alphabetic());
    let source = words.iter().any(|w| SOURCE_WORDS.contains(w));
    let site_and_name = value.contains(" - ") || value.contains(" – ");
    (1..=PHOTO_CREDIT_MAX_WORDS).contains(&words.len()) && (latin || source || site_and_name)
}

/// Labels of a story's source, folded ("المصدر: وزارة الموارد البشرية", "(المصدر: مديرية
/// أوقاف حلب)").
const SOURCE_LABELS: [&str; 5] = ["المصدر", "مصدر الخبر", "المصادر", "source", "sources"];

/// A story's source on its own line: its label and a colon, then at most
/// `PHOTO_CREDIT_MAX_WORDS` words naming it, in brackets or not, no sentence ("المصدر: وكالات",
/// "المصدر: \"النهار الجديد\""). A sentence that cites a source runs on ("المصدر: الوزارة
/// أعلنت أن …") or ends with a full stop.
pub(super) fn source_credit(raw: &str) -> bool {
    let t = raw.trim().trim_start_matches('(').trim_end_matches(')');
    let Some((label, value)) = t.split_once(':') else {
        return false;
    };
    if label.len() > 24
        || !SOURCE_LABELS.contains(&ghirbal_text::fold::fold(label).as_str())
        || value.trim_end().ends_with(['.', '!', '؟', '?', ':'])
    {
        return false;
    }
    let words = value
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (1..=PHOTO_CREDIT_MAX_WORDS).contains(&words)
}

/// Longest link to a player, in words ("استمع إلى الحوار كاملاً مع المخرجة في برنامج «ضيف
/// الصباح» ▶ 12:47"); a sentence that mentions a video runs longer.
pub(super) const MEDIA_MAX_WORDS: usize = 16;

/// Marks of a player's play button.
const PLAY_MARKS: [char; 5] = ['▶', '►', '▷', '⏵', '⏯'];

/// Imperatives of watching and listening, folded, that open a player's link.
const MEDIA_VERBS: [&str; 8] = [
    "شاهد",
    "شاهدي",
    "شاهدوا",
    "استمع",
    "استمعي",
    "استمعوا",
    "اسمع",
    "اسمعوا",
];

/// A link to a player (`key` folded): a play mark right before an imperative of watching or
/// listening ("▶ شاهد ملخص المباراة"), or either of them with the clip's length ("شاهد
/// التقرير (03:58)", "استمع إلى الحوار … ▶ 12:47"). A length is a token of minutes and
/// seconds alone, in brackets or not; a clock time in an article comes with its hour's words
/// and no play mark or imperative first. A headline that opens with the verb ("شاهد عيان
/// يروي …") has neither the mark nor a length.
pub(super) fn media_link(raw: &str, key: &str) -> bool {
    let t = raw.trim_start();
    let mark_first = t.starts_with(PLAY_MARKS);
    let has_mark = mark_first || raw.contains(PLAY_MARKS);
    if !has_mark && !raw.contains(':') {
        return false;
    }
    let verb_first = key
        .split(' ')
        .find(|w| !w.is_empty())
        .is_some_and(|w| MEDIA_VERBS.contains(&w));
    if mark_first && verb_first {
        return true;
    }
    (has_mark || verb_first) && clip_length_in(raw)
}

/// Words before a clock time ("في 04:30", "منذ 01:00", "الساعة 21:00"), folded: a clip's
/// length follows a bar, a play mark or nothing.
const CLOCK_WORDS: [&str; 10] = [
    "في",
    "الساعه",
    "منذ",
    "حتي",
    "عند",
    "قرابه",
    "نحو",
    "بعد",
    "قبل",
    "تمام",
];

/// A clip's length in the line: in brackets, after a bar or a play mark, or last in the line
/// and not after a word that tells a clock time.
fn clip_length_in(raw: &str) -> bool {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    tokens.iter().enumerate().any(|(k, t)| {
        if !clip_length(t) {
            return false;
        }
        let bracketed = t.starts_with(['(', '[']);
        let before = k.checked_sub(1).map(|b| tokens[b]);
        let after_mark = before.is_some_and(|b| b == "|" || b.ends_with(PLAY_MARKS) || b == "-");
        let last_not_clock = k + 1 == tokens.len()
            && before.is_none_or(|b| !CLOCK_WORDS.contains(&ghirbal_text::fold::fold(b).as_str()));
        bracketed || after_mark || last_not_clock
    })
}

/// A clip's length alone as a token: `m:ss`, `mm:ss` or `h:mm:ss`, in brackets or not, in
/// any script's digits.
fn clip_length(token: &str) -> bool {
    let t = token.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']' | '|'));
    let mut parts = t.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.chars().count()) && s.chars().all(is_any_digit)
    };
    !rest.is_empty()
        && rest.len() <= 2
        && digits(first, 1..=2)
        && rest.iter().all(|p| digits(p, 2..=2))
}

/// Longest share label, in words ("شارك هذه التدوينة:").
const SHARE_LABEL_MAX_WORDS: usize = 3;

/// Longest line of share buttons under their label ("واتساب | إكس | فيسبوك"), in words.
pub(super) const SHARE_BUTTON_MAX_WORDS: usize = 6;

/// The imperatives of sharing, folded: a label's first word.
const SHARE_VERBS: [&str; 7] = [
    "شارك",
    "شاركي",
    "شاركوا",
    "شاركها",
    "انشر",
    "انشري",
    "انشروا",
];

/// A share label (`key` folded): a short line ending with a colon, opening with an imperative
/// of sharing, above the buttons whose names the page's text lost ("شارك التدوينة:", "انشر
/// الخبر:"). The colon tells it from a headline ("شارك الآلاف في المسيرة") and from a
/// sentence, which runs longer.
pub(super) fn share_label(raw: &str, key: &str, words: usize) -> bool {
    words <= SHARE_LABEL_MAX_WORDS
        && raw.trim_end().ends_with(':')
        && key
            .split(' ')
            .find(|w| !w.is_empty())
            .is_some_and(|w| SHARE_VERBS.contains(&w))
}

/// A share button naming what it shares, alone on its line (`key` folded): an imperative of
/// sharing and one word with the article ("شارك التغطية", "شارك الألبوم"). A headline or a
/// sentence with the same verb says who shares what ("شارك الآلاف في المسيرة").
pub(super) fn share_button(raw: &str, key: &str) -> bool {
    let mut w = key.split(' ').filter(|w| !w.is_empty());
    matches!(
        (w.next(), w.next(), w.next()),
        (Some(verb), Some(what), None)
            if SHARE_VERBS.contains(&verb) && SHARED_THINGS.contains(&what)
    ) && !raw.trim_end().ends_with(['.', '!', '؟', '?'])
}

/// What a page's share button names, folded: the page and its parts ("شارك التغطية"), not
/// people or feelings ("شارك الجمهور", "شاركوا الفرحة": a subheading, a verse).
const SHARED_THINGS: [&str; 14] = [
    "التغطيه",
    "الالبوم",
    "الخبر",
    "المقال",
    "الصفحه",
    "الموضوع",
    "القصه",
    "الفيديو",
    "الصور",
    "التدوينه",
    "الرابط",
    "المنشور",
    "الحلقه",
    "الوصفه",
];

/// A call to follow the site (`key` folded): an imperative of following, joining, subscribing
/// or downloading first, and a platform, channel, page or app named after it, in a short line.
/// An article reports what others follow ("تابع الرئيس الاجتماع عبر …" is no imperative
/// plural, and its line runs long); the verbs are the site's own address to its readers.
pub(super) fn follow_call(key: &str, words: usize) -> bool {
    if words > FOLLOW_MAX_WORDS {
        return false;
    }
    let mut w = key.split(' ').filter(|w| !w.is_empty());
    let Some(first) = w.next() else { return false };
    let any_place = FOLLOW_VERBS.contains(&first);
    if !any_place && !FOLLOW_VERBS_SINGULAR.contains(&first) {
        return false;
    }
    // A singular verb takes the site's own place, or a channel on a platform: two places
    // ("اشترك في قناة «المرصد» على واتساب"), which news of someone joining a channel lacks.
    let mut places = 0;
    w.any(|word| {
        let bare = word
            .strip_prefix(['ل', 'ب', 'و'])
            .filter(|b| b.chars().count() >= 3)
            .unwrap_or(word);
        let bare = bare
            .strip_prefix("ال")
            .filter(|b| b.chars().count() >= 3)
            .unwrap_or(bare);
        let is = |list: &WordList| list.contains(&word) || list.contains(&bare);
        if is(&FOLLOW_PLACES_OURS) {
            return true;
        }
        if is(&FOLLOW_PLACES) {
            places += 1;
        }
        any_place && places > 0 || places >= 2
    })
}
