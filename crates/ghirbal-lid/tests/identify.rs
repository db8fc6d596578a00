//! Identification of short Arabic-script texts, end to end (model, letters, word lists and word
//! frequencies). The texts are written for this test, not taken from the evaluation set.

use ghirbal_lid::{Identifier, Limits};

fn language(text: &str) -> String {
    Identifier::get()
        .expect("the embedded model loads")
        .identify(text, Limits::default())
        .language
}

#[test]
fn short_texts_of_each_language() {
    for (text, want) in [
        ("ذهب الطلاب إلى المدرسة صباح اليوم", "ar"),
        ("شو عم تعمل هلق", "ar"),
        ("استغفر الله", "ar"),
        ("من امروز به دانشگاه رفتم", "fa"),
        ("شهرداری تهران", "fa"),
        ("میں نے کل کتاب پڑھی", "ur"),
        ("the minister said on Monday", "en"),
    ] {
        assert_eq!(language(text), want, "{text}");
    }
}

#[test]
fn urdu_word_pairs_without_an_urdu_only_letter() {
    // Everyday Urdu words that Persian also writes, told apart by how often each language uses
    // them (word frequencies), not by letters.
    for text in ["صوبائی حکومت", "عالمی بینک"] {
        assert_eq!(language(text), "ur", "{text}");
    }
}
