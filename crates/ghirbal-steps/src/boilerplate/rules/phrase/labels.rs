//! Short lines that label or link, which the `phrase` rule looks for: a call to follow the site, a
//! photo's credit, a story's source, a link to a player, a share label or button.

use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{bracketed, starts_with_list_marker};
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

/// A short label, folded, and its value, in brackets or not ("(تصوير: …)", "المصدر: …"):
/// what the credits and sources below are read from. `None` without a colon or with a label of
/// more than `LABEL_MAX_BYTES` bytes (a sentence quoting someone: "وقال الوزير: …").
pub(in crate::boilerplate) fn label_of(raw: &str) -> Option<(String, &str)> {
    // Most lines hold no colon: settled before any folding.
    let t = raw.trim().trim_start_matches('(').trim_end_matches(')');
    let (label, value) = t.split_once(':')?;
    (label.len() <= LABEL_MAX_BYTES).then(|| (ghirbal_text::fold::fold(label), value))
}

/// Longest label of a credit or a source, in bytes ("مصدر الصورة", "حقوق الصورة").
const LABEL_MAX_BYTES: usize = 40;

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
/// للأنباء", "المكتب الإعلامي …", "أرشيف", "مغرب بريس"). (Not the agencies' short names:
/// "بترا", "قنا", "وات" and "بنا" are also a city, a watt and "us".)
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
    let Some((label, value)) = label_of(raw) else {
        return false;
    };
    if !PHOTO_LABELS.contains(&label.as_str()) {
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
const SOURCE_LABELS: [&str; 4] = ["المصدر", "مصدر الخبر", "source", "sources"];

/// A story's source on its own line: its label and a colon, then at most
/// `PHOTO_CREDIT_MAX_WORDS` words naming a source, in brackets or not, no sentence: an agency,
/// a ministry, a site or a channel (`SOURCE_WORDS`, "وكالات"), a name in quotes or in Latin
/// letters ("المصدر: وكالات + نور الإسلام", "المصدر: \"النهار الجديد\""). What a grammar lesson,
/// an infobox or a diet calls a source ("المصدر: استغفار", "المصدر: بحيرة فيكتوريا",
/// "المصادر: الأسماك الدهنية") names none.
pub(super) fn source_credit(raw: &str) -> bool {
    let Some((label, value)) = label_of(raw) else {
        return false;
    };
    if !SOURCE_LABELS.contains(&label.as_str())
        || value.trim_end().ends_with(['.', '!', '؟', '?', ':'])
    {
        return false;
    }
    let folded = ghirbal_text::fold::fold(value);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let named = words.iter().any(|w| {
        SOURCE_WORDS.contains(w)
            || MORE_SOURCE_WORDS.contains(w)
            || w.strip_prefix("ال")
                .is_some_and(|b| SOURCE_WORDS.contains(&b))
    }) || value.contains(['"', '«', '“'])
        || value.chars().any(|c| c.is_ascii_alphabetic());
    (named || value.contains('+')) && (1..=PHOTO_CREDIT_MAX_WORDS).contains(&words.len())
}

/// A story's source under its label that names no agency or site (`source_credit` without its
/// words): the label and at most two words more than a credit's, no sentence.
pub(super) fn bare_source(raw: &str) -> bool {
    let Some((label, value)) = label_of(raw) else {
        return false;
    };
    let words = value
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    matches!(label.as_str(), "المصدر" | "مصدر الخبر")
        && !value.trim_end().ends_with(['.', '!', '؟', '?', ':'])
        && (1..=PHOTO_CREDIT_MAX_WORDS + 2).contains(&words)
}

/// Words of a story's source besides a photo's (`SOURCE_WORDS`), folded: offices, channels,
/// papers ("مديرية أوقاف حلب", "تلفزيون الأرز").
const MORE_SOURCE_WORDS: [&str; 15] = [
    "وكالات",
    "مديريه",
    "دائره",
    "قناه",
    "تلفزيون",
    "اذاعه",
    "جريده",
    "مجله",
    "منصه",
    "بوابه",
    "الوكالات",
    "بيان",
    "متابعات",
    "انباء",
    "برس",
];

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

/// What a player plays, folded: the nouns after its imperative ("شاهد التقرير", "استمع إلى
/// الحلقة", "شاهد ملخص المباراة").
const MEDIA_NOUNS: [&str; 14] = [
    "التقرير",
    "الفيديو",
    "فيديو",
    "الحلقه",
    "الحوار",
    "المقابله",
    "ملخص",
    "البث",
    "المقطع",
    "النشره",
    "البرنامج",
    "اللقاء",
    "البودكاست",
    "التسجيل",
];

/// Longest link to a player without a play mark or a length, in words ("شاهد التقرير كاملاً").
const MEDIA_LINK_BARE_MAX_WORDS: usize = 6;

/// A link to a player (`key` folded): an imperative of watching or listening first (after a
/// play mark or not), with the clip's length in brackets, after a bar or after a play mark
/// ("شاهد التقرير (03:58)", "استمع إلى الحوار كاملاً … ▶ 12:47"), or with what it plays within
/// three words and a play mark or few words ("▶ شاهد ملخص المباراة", "شاهد التقرير كاملاً"). A
/// past tense of the same letters opens sentences ("شاهد اللقاء أكثر من 26 ألف متفرج … 20:00"):
/// a time last in the line is a clock's or a result's. A play mark alone is a list's bullet ("►
/// استمع إلى ابنك …") or a schedule's ("► مسلسل «إش إش» | 19:30").
pub(super) fn media_link(raw: &str, key: &str) -> bool {
    let mut words = key.split(' ').filter(|w| !w.is_empty());
    if !words.next().is_some_and(|w| MEDIA_VERBS.contains(&w)) {
        return false;
    }
    // The imperative as a label ("شاهد: أول يوم في سوق العطارين"): the past tense takes no colon.
    let labelled = raw
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(':'))
        && !raw.trim_end().ends_with(['.', '!']);
    if labelled || clip_length_in(raw) {
        return true;
    }
    let plays = words
        .take(3)
        .any(|w| MEDIA_NOUNS.contains(&w.strip_prefix('و').unwrap_or(w)));
    let few = key.split(' ').filter(|w| !w.is_empty()).count() <= MEDIA_LINK_BARE_MAX_WORDS;
    plays && (raw.contains(PLAY_MARKS) || few)
}

/// A clip's length in the line: in brackets of its own at the end, or after a bar or a play
/// mark.
fn clip_length_in(raw: &str) -> bool {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    tokens.iter().enumerate().any(|(k, t)| {
        if !clip_length(t) {
            return false;
        }
        // In brackets at the line's end, alone or after the word for a video ("(فيديو 02:15)"):
        // a clock time in brackets goes on ("(21:11) بتوقيت …"), a verse's reference names its
        // book ("(إشعياء 1:10)").
        let last = k + 1 == tokens.len() && t.ends_with([')', ']']);
        let bracketed = last
            && (t.starts_with(['(', '['])
                || k.checked_sub(1).is_some_and(|b| {
                    let w = tokens[b];
                    w.starts_with(['(', '['])
                        && MEDIA_NOUNS.contains(
                            &ghirbal_text::fold::fold(w.trim_start_matches(['(', '['])).as_str(),
                        )
                }));
        let before = k.checked_sub(1).map(|b| tokens[b]);
        let after_mark = before.is_some_and(|b| b == "|" || b.ends_with(PLAY_MARKS));
        bracketed || after_mark
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

/// Longest vote on the page's use, in words ("هل كانت هذه المعلومات عن الدواء مفيدة لك؟").
const HELPFUL_MAX_WORDS: usize = 7;

/// A vote on whether the page helped (`key` folded): "was this … helpful?", naming the page
/// or nothing ("هل كان هذا الشرح مفيداً؟", "هل كانت هذه الإجابة مفيدة"): "هل", a past "was",
/// a demonstrative, and a form of "مفيد" at the end, before "لك", or before the vote's answers
/// with their counts in brackets ("… مفيداً؟ نعم (14) | لا (1)"; a survey's results give theirs
/// bare). Not of a subject: "هل كان هذا الاتفاق مفيداً؟" is a subheading, "هل كان الدرس
/// مفيداً؟" a teacher's guide's.
pub(super) fn helpful_question(raw: &str, key: &str) -> bool {
    // Most lines are settled by their first word, before anything is collected.
    if !key.trim_start().starts_with("هل ") {
        return false;
    }
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(at) = words.iter().position(|w| w.starts_with("مفيد")) else {
        return false;
    };
    let counts = |w: &&str| w.bytes().all(|b| b.is_ascii_digit());
    let answers = |w: &&str| matches!(*w, "لك" | "لكم" | "نعم" | "لا") || counts(w);
    let after = &words[at + 1..];
    words.len() <= HELPFUL_MAX_WORDS + 4
        && (3..=HELPFUL_MAX_WORDS).contains(&at)
        && after.iter().all(answers)
        && (!after.iter().any(counts) || raw.contains('('))
        && matches!(words[1], "كان" | "كانت")
        && matches!(words[2], "هذا" | "هذه")
        && words[3..at].iter().all(|w| PAGE_THINGS.contains(w))
}

/// What a vote on the page names, folded ("هل كان هذا الشرح مفيداً؟").
const PAGE_THINGS: [&str; 19] = [
    "الشرح",
    "المقال",
    "المقاله",
    "الموضوع",
    "الرد",
    "الاجابه",
    "الجواب",
    "الوصفه",
    "المعلومات",
    "المحتوي",
    "الدرس",
    "الدليل",
    "التقييم",
    "المراجعه",
    "الخبر",
    "الصفحه",
    "التعليق",
    "الفيديو",
    "لك",
];

/// Longest credit in brackets, in words.
const BRACKETED_CREDIT_MAX_WORDS: usize = 6;

/// A photo's credit alone in brackets (`key` folded), under its caption: a source, a site or a
/// photographer ("(رويترز)", "(المنبر/ جاد حداد)", "(من أرشيف المحطة)"), a few words with no
/// figure and no sentence in them. A nickname under a name is no credit ("(أبو خليل)"), nor is
/// a hadith's or a verse's reference ("(رواه مسلم)", "(سورة الفاتحة)"), a dedication ("(إلى
/// روح …)") or a speech's stage direction ("(تصفيق حار)").
pub(super) fn bracketed_credit(raw: &str, key: &str) -> bool {
    let Some(inner) = bracketed(raw) else {
        return false;
    };
    let words = key.split(' ').filter(|w| !w.is_empty()).count();
    // A source by its shape: one name (an agency, a site), a site and a photographer on
    // either side of a slash or a dash, Latin letters, or a word of a source or a site; a
    // person's name alone is a quote's author as often ("(جبران خليل جبران)").
    let sourced = words == 1
        || inner.contains(['/', '-', '–'])
        || inner.chars().any(|c| c.is_ascii_alphabetic())
        || key.split(' ').any(|w| {
            SOURCE_WORDS.contains(&w) || MORE_SOURCE_WORDS.contains(&w) || SITE_WORDS.contains(&w)
        });
    sourced
        && (1..=BRACKETED_CREDIT_MAX_WORDS).contains(&words)
        && !inner.contains(['(', ')', '.', '!', '?', '؟', '،', ','])
        && !inner.chars().any(is_any_digit)
        && !key
            .split(' ')
            .find(|w| !w.is_empty())
            .is_some_and(|w| NOT_CREDITS.contains(&w))
}

/// Words of a site's name or a photo's source besides `SOURCE_WORDS`, folded ("(الأرز
/// اليوم)", "(عُمان الآن)", "(الحدباء بوست)", "(صورة متداولة)").
const SITE_WORDS: [&str; 9] = [
    "اليوم",
    "الان",
    "بوست",
    "نت",
    "شبكه",
    "عدسه",
    "صوره",
    "متداوله",
    "الاعلامي",
];

/// First words of a line in brackets that is no credit, folded: a nickname, a reference, a
/// dedication, a stage direction.
const NOT_CREDITS: [&str; 22] = [
    "ابو",
    "ام",
    "ابن",
    "بن",
    "بنت",
    "رواه",
    "اخرجه",
    "متفق",
    "صححه",
    "حسنه",
    "سوره",
    "صدق",
    "الي",
    "الى",
    "اهداء",
    "تصفيق",
    "يضحك",
    "تضحك",
    "ضحك",
    "يبتسم",
    "صمت",
    "يتبع",
];

/// Longest call to click, in words.
pub(super) const CLICK_MAX_WORDS: usize = 12;

/// A call to click (`key` folded): a short line whose last words are "click here" or "click
/// the link" ("للاطلاع على البلاغ في صيغته الأصلية اضغط هنا"), what the link leads to before
/// them. A label and its value is a fact of the article ("رابط التقديم: اضغط هنا"), and so is
/// a step of its list or a sentence ("١- فتح المنبه المزود بالتطبيق اضغط هنا.").
pub(super) fn click_here(raw: &str, key: &str) -> bool {
    let key = key.trim_end();
    if !(key.ends_with("هنا") || key.ends_with("الرابط")) {
        return false;
    }
    let trimmed = raw.trim();
    if trimmed.ends_with('.') || starts_with_list_marker(trimmed) || raw.contains(':') {
        return false;
    }
    let mut words = key.split(' ').filter(|w| !w.is_empty()).rev();
    let (Some(last), Some(verb)) = (words.next(), words.next()) else {
        return false;
    };
    let verb = if last == "الرابط" && verb == "علي" {
        words.next().unwrap_or_default()
    } else {
        verb
    };
    matches!(last, "هنا" | "الرابط")
        && matches!(
            verb,
            "اضغط" | "انقر" | "اضغطوا" | "انقروا" | "اضغطي" | "انقري"
        )
}
