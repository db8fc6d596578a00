//! `phrase/masthead`: a publication describing itself, under its name at the top or in the
//! footer: "صحيفة يومية سياسية مستقلة - بيروت", "«دليل» منصة مستقلة مقرها الدوحة، عضو في
//! …", "وكالة الرافدين للأنباء وكالة إخبارية مستقلة تأسست عام 2014، تغطي …", "تصدر عن
//! مؤسسة المسار للصحافة والنشر – مسقط". Only outside the article: before its first sentence
//! (not its headline) or after its last paragraph, so that a story about a newspaper keeps
//! what it says of it.
//!
//! Sub-codes: `masthead` (see the constants below).

use super::{link_list, next_to_removed, removal, Cut, Pass, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{blank, Line};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use std::sync::LazyLock;

removal!(
    /// A publication describing itself: its tagline or its footer's "about" line.
    MASTHEAD, Phrase, "phrase/masthead"
);

/// Words of the outlet's name before the word for it ("«دليل» منصة …", "وكالة الرافدين
/// للأنباء وكالة …"): at most this many.
const NAME_MAX_WORDS: usize = 4;
/// What the outlet says of itself is looked for in this many words after the word for it.
const TRAIT_WINDOW: usize = 8;
/// At least this many of them: one ("صحيفة إسرائيلية: …", "منصة رقمية جديدة …") is a
/// headline's.
const MIN_TRAITS: usize = 2;
/// Longest self-description, in words.
const MASTHEAD_MAX_WORDS: usize = 45;

/// Words for an outlet ("صحيفة", "منصة", "وكالة"), folded.
static OUTLETS: LazyLock<WordList> = LazyLock::new(|| builtin_words("outlets"));
/// What an outlet says of itself: kinds ("إخبارية", "مستقلة", "يومية") and verbs ("تصدر",
/// "تعنى", "مقرها"), folded.
static OUTLET_TRAITS: LazyLock<WordList> = LazyLock::new(|| builtin_words("outlet_traits"));
/// Who publishes it, after "تصدر عن" ("مؤسسة", "دار", "شركة"), folded.
static PUBLISHERS: LazyLock<WordList> = LazyLock::new(|| builtin_words("publishers"));

impl Boilerplate {
    /// Whether a line is a publication describing itself: a word for an outlet after at most
    /// `NAME_MAX_WORDS` words of its name (no function word among them: "يذكر أن «الأهرام»
    /// صحيفة …" is the article's), then at least `MIN_TRAITS` of what an outlet says of itself
    /// (a kind, a nationality, "تصدر", "مقرها"); or "تصدر عن" and a publisher at its start.
    fn masthead(&self, line: &Line<'_>, key: &str) -> bool {
        if line.words > MASTHEAD_MAX_WORDS || line.raw.trim_end().ends_with(['?', '؟', '!']) {
            return false;
        }
        let mut first = key.split(' ').filter(|w| !w.is_empty());
        // Most lines have neither an outlet's word nor "تصدر" in their first words: settled
        // without building anything.
        let (a, b) = (first.next(), first.next());
        if !matches!(a, Some("تصدر" | "يصدر"))
            && ![a, b]
                .into_iter()
                .flatten()
                .chain(first.take(NAME_MAX_WORDS - 1))
                .any(|w| OUTLETS.contains(&w))
        {
            return false;
        }
        let words: Vec<&str> = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(NAME_MAX_WORDS + 1 + TRAIT_WINDOW)
            .collect();
        if let [verb, from, rest @ ..] = &words[..] {
            if matches!(*verb, "تصدر" | "يصدر")
                && matches!(*from, "عن" | "من")
                && rest.iter().take(2).any(|w| PUBLISHERS.contains(w))
            {
                return true;
            }
        }
        let Some(at) = words
            .iter()
            .take(NAME_MAX_WORDS + 1)
            .position(|w| OUTLETS.contains(w))
        else {
            return false;
        };
        // A sentence before it ("وقالت شبكة تلفزيونية محلية …"): a function word, a number
        // first (after a word it is the name's: "ليبيا 360", "فرانس 24"), or a first word glued
        // to "و" (names seldom start so: "وطن" and "وفا" are short).
        // "هو"/"هي" right before the outlet's word joins a name to it ("عنب بلدي هي مؤسسة
        // إعلامية …").
        let name_end = match at.checked_sub(1).map(|k| words[k]) {
            Some("هو" | "هي") => at - 1,
            _ => at,
        };
        let sentence = words[..name_end].iter().enumerate().any(|(k, w)| {
            self.lex.function_words.contains(*w)
                || (k == 0
                    && (w.bytes().all(|b| b.is_ascii_digit())
                        || (w.starts_with('و') && w.chars().count() > 3)))
        });
        if sentence {
            return false;
        }
        let after = &words[at + 1..];
        // "تصدر عن …" after the outlet's word says it all ("يومية الأفق تصدر عن الشركة …").
        let published = after
            .windows(2)
            .any(|p| matches!(p[0], "تصدر" | "يصدر") && matches!(p[1], "عن" | "من"));
        published
            || after
                .iter()
                .filter(|w| OUTLET_TRAITS.contains(w) || nisba(w))
                .count()
                >= MIN_TRAITS
    }
}

/// A feminine adjective of origin without the article, folded ("سوريه", "مغربيه"): what an
/// outlet, indefinite, says of its country. With the article it describes something named
/// ("بوابة التوظيف الرسمية", "السيرة الذاتية").
fn nisba(w: &str) -> bool {
    w.ends_with("يه") && !w.starts_with("ال") && w.chars().count() >= 5
}

/// Places a site names in its "about" heading, folded: "عن الموقع", "عن الصحيفة".
const ABOUT_WHAT: [&str; 8] = [
    "الموقع",
    "الصحيفه",
    "الجريده",
    "المجله",
    "المنصه",
    "الشبكه",
    "الوكاله",
    "البوابه",
];

/// The heading of a site's "about" box (`key` folded): "عن" and a word for the site, or "من
/// نحن".
fn about_heading(key: &str) -> bool {
    let mut w = key.split(' ').filter(|w| !w.is_empty());
    match (w.next(), w.next(), w.next()) {
        (Some("عن"), Some(what), None) => ABOUT_WHAT.contains(&what),
        (Some("من"), Some("نحن"), None) => true,
        _ => false,
    }
}

/// The publication's self-descriptions outside the article, in two passes: `TAIL` after its
/// last paragraph (the description itself, a paragraph by length, is not counted as one),
/// first of the passes, so that those looking for the article's last paragraph do not take the
/// footer's "about" line for it; `HEAD` before its first sentence (not the headline), after the
/// menus have been found (a tagline stands in their run).
pub(in crate::boilerplate) struct Masthead {
    above: bool,
}

/// The footer's self-descriptions.
pub(in crate::boilerplate) const TAIL: Masthead = Masthead { above: false };
/// The taglines above the article.
pub(in crate::boilerplate) const HEAD: Masthead = Masthead { above: true };

impl Pass for Masthead {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body.filter(|_| page.more_lines) else {
            return;
        };
        let kept = |k: usize| verdicts[k].is_none() && !blank(&lines[k]);
        // A self-description stands among the page's furniture: the line above or below it
        // removed at the top, and a removed line between it and the article's last paragraph
        // at the bottom. Right under the headline it is a deck ("إذاعة محلية جهوية جديدة تبث
        // من سليانة"); right after the last paragraph, the article's closing background
        // ("قناة السويس قناة ملاحية اصطناعية …").
        let found: Vec<usize> = if self.above {
            // The headline: the last title before the first sentence, or the first under the
            // menus (a slogan above them may take `headline_at`, which counts only alone).
            let headline = [
                page.title_before_body,
                page.title_after_menus,
                page.short_headline,
                page.title_before_body
                    .or(page.title_after_menus)
                    .map_or(page.headline_at, |_| None),
            ];
            // A dateline's protection does not hold: "صحيفة يومية مستقلة - بيروت" has its
            // shape, with two of an outlet's traits no dateline has.
            (0..body)
                .filter(|&i| {
                    kept(i)
                        && !headline.contains(&Some(i))
                        && next_to_removed(lines, verdicts, i)
                        && bp.masthead(&lines[i], page.key(i))
                })
                .collect()
        } else {
            // From the end back to the article's last paragraph that is no self-description. The
            // last paragraph may be a long link of the page's tail not read yet: a removed line,
            // or the box's heading, must stand between it and the description.
            let mut tail = Vec::new();
            let mut last = body;
            for k in (body + 1..lines.len()).rev() {
                if !kept(k) {
                    continue;
                }
                if bp.masthead(&lines[k], page.key(k)) {
                    tail.push(k);
                } else if link_list::paragraph(bp, &lines[k]) {
                    last = k;
                    break;
                }
            }
            // Or it stands under its heading ("عن الموقع", "من نحن"), which goes with it.
            let mut found = Vec::new();
            for k in tail {
                let heading = super::line_above(lines, k)
                    .filter(|&h| h > last && kept(h) && about_heading(page.key(h)));
                if let Some(h) = heading {
                    found.push(h);
                    found.push(k);
                } else if (last + 1..k).any(|j| verdicts[j].is_some()) {
                    found.push(k);
                }
            }
            found
        };
        for k in found {
            verdicts[k] = Some(&MASTHEAD);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn the_sites_about_box_under_its_heading() {
        let about =
            "الدوحة الآن منصة إخبارية قطرية تقدم الأخبار المحلية والخليجية والدولية على مدار الساعة.";
        let text = format!("عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\nعن الموقع\n{about}\nجميع الحقوق محفوظة © 2025");
        let r = rules(&text);
        assert_eq!(r[3].1, Some("phrase"), "{r:?}");
        assert_eq!(r[4].1, Some("phrase"), "{r:?}");
        // Without the heading or a removed line between, it closes the article.
        let text = format!("عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\n{about}\nجميع الحقوق محفوظة © 2025");
        assert_eq!(rules(&text)[3].1, None);
    }

    #[test]
    fn a_publication_describing_itself_above_or_below_the_article() {
        let headline = "السجن 10 سنوات لموظف بتهمة الاحتيال على مراجعين في أسيوط";
        let tagline = "صحيفة يومية سياسية مستقلة - بيروت";
        let about = "«دليل» منصة مستقلة مقرها الدوحة، عضو في الشبكة الدولية لتقصي الحقائق، وتلتزم بمبادئها في الحياد والشفافية.";
        let publisher = "تصدر عن مؤسسة المسار للصحافة والنشر والإعلان – مسقط، سلطنة عُمان";
        let numbered = "ليبيا 360 منصة إخبارية ليبية تأسست عام 2015، وتعمل بشبكة مراسلين في المدن.";
        let text = format!(
            "الفنار\n{tagline}\nالرئيسية\nمحليات\n{headline}\n{BODY}\n{BODY2}\nشارك\n{about}\n{numbered}\n{publisher}\nجميع الحقوق محفوظة © 2025"
        );
        for line in [tagline, about, numbered, publisher] {
            assert_eq!(
                rule_of(&text, line),
                Some("phrase"),
                "{line}: {:?}",
                rules(&text)
            );
        }
        assert_eq!(rule_of(&text, headline), None);
        assert_eq!(rule_of(&text, BODY2), None);
        // Inside the article, or as its last paragraph after a function word, it stays; so
        // does a headline naming one outlet by its country.
        let inside =
            "وكالة الرافدين للأنباء وكالة إخبارية مستقلة تأسست عام 2014، وتغطي الشأن العراقي.";
        let text = format!("{headline}\n{BODY}\n{inside}\n{BODY2}");
        assert_eq!(rule_of(&text, inside), None);
        // Right after the last paragraph, it is the article's closing background.
        let canal =
            "قناة السويس قناة ملاحية اصطناعية تربط البحر المتوسط بالبحر الأحمر، افتتحت عام 1869.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\n{canal}\nشارك\nجميع الحقوق محفوظة © 2025");
        assert_eq!(rule_of(&text, canal), None, "{:?}", rules(&text));
        // Under the headline, a deck.
        let deck = "إذاعة محلية جهوية جديدة تبث من سليانة";
        let text = format!("إطلاق «صوت الريف» في تونس\n{deck}\nأول إذاعة جمعياتية في الشمال الغربي\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, deck), None, "{:?}", rules(&text));
        // "هي" between the name and the outlet's word.
        let own = "«المنصة» هي موقع صحفي مصري مستقل يعمل منذ عام 2017.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\nشارك\n{own}\nجميع الحقوق محفوظة © 2025");
        assert_eq!(rule_of(&text, own), Some("phrase"), "{:?}", rules(&text));
        let said = "وقالت شبكة تلفزيونية محلية نقلا عن مسؤول بالإسعاف إن ثمانية قتلوا.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\n{said}");
        assert_eq!(rule_of(&text, said), None);
        let last = "يذكر أن «الأفق» صحيفة يومية مستقلة تأسست عام 1961 في بيروت.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\n{last}");
        assert_eq!(rule_of(&text, last), None);
        let apply =
            "يتم التقديم عبر بوابة التوظيف الرسمية للشركة، بعد إنشاء حساب وإرفاق السيرة الذاتية.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\n{apply}");
        assert_eq!(rule_of(&text, apply), None);
        let daily =
            "يومية الأفق تصدر عن الشركة ذات الأسهم \"الأفق للصحافة والنشر\"، المقر: الجزائر العاصمة.";
        let text = format!("{headline}\n{BODY}\n{BODY2}\nشارك\n{daily}");
        assert_eq!(rule_of(&text, daily), Some("phrase"));
        let title = "صحيفة بريطانية: محادثات سرية بين الطرفين في عاصمة أوروبية";
        let text = format!("الرئيسية\nسياسة\n{title}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, title), None, "{:?}", rules(&text));
    }
}
