//! What the boilerplate tests share: a stage without cross-document counts, the rule that
//! removes each line of a text, and article sentences to put lines between.

pub(crate) use super::{Boilerplate, Options, Rule};
pub(crate) use ghirbal_core::{Cx, Document, Stage};

pub(crate) fn stage() -> Boilerplate {
    Boilerplate::new(Options {
        cross_document: false,
        ..Options::default()
    })
    .expect("builds")
}

/// The rule that removed each line of `text`, in order (None: kept).
pub(crate) fn rules(text: &str) -> Vec<(String, Option<&'static str>)> {
    let mut doc = Document::new("t", text);
    let removed = stage().apply(&mut doc, &mut Cx::default());
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let rule = removed
                .iter()
                .find(|r| r.0 == i + 1)
                .map(|r| r.1.rule().code());
            (l.to_string(), rule)
        })
        .collect()
}

pub(crate) const BODY: &str = "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الاجتماع بحث سبل تعزيز التعاون بين البلدين في مجالات عدة.";

pub(crate) const BODY2: &str =
    "وأضاف أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة للوصول إلى اتفاق نهائي.";

pub(crate) const BODY3: &str =
    "ولفت إلى أن اللجنة المشتركة ستعقد اجتماعها المقبل في العاصمة بعد شهرين.";

pub(crate) const BODY4: &str =
    "وختم بالقول إن العلاقات بين البلدين تشهد تطورا ملحوظا في السنوات الأخيرة.";

/// The rule that removes `line` between two article paragraphs.
pub(crate) fn between(line: &str) -> Option<&'static str> {
    rule_of(&format!("{BODY}\n{line}\n{BODY2}"), line)
}

/// The rule for `line` in the middle of an article, below the first three lines (where
/// datelines are protected).
pub(crate) fn deep(line: &str) -> Option<&'static str> {
    rule_of(&format!("{BODY}\n{BODY2}\n{BODY3}\n{line}\n{BODY4}"), line)
}

/// A page with `line` under the site's menu, above the article's `headline`.
pub(crate) fn under_menu(line: &str, headline: &str) -> String {
    format!("الرئيسية | محليات | رياضة | اقتصاد\n{line}\n{headline}\n{BODY}\n{BODY2}")
}

/// The rule for `line` above an article's headline, under the site's menu.
pub(crate) fn on_top(line: &str) -> Option<&'static str> {
    rule_of(
        &under_menu(line, "عنوان الخبر الرئيسي اليوم في العاصمة"),
        line,
    )
}

pub(crate) fn rule_of(text: &str, line: &str) -> Option<&'static str> {
    rules(text)
        .into_iter()
        .find(|(l, _)| l == line)
        .and_then(|(_, r)| r)
}
