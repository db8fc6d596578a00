//! Tests across rules: lines of articles that no rule may take, and pages where several
//! rules meet.

use super::testing::*;

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
    assert_eq!(between("رابط الخبر الذي نشرته الوكالة لم يعد يعمل."), None);
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
    // Or a file's name with its extension; a sentence naming a file goes on.
    for file in [
        "قائمة مراكز التطعيم.pdf (1.2 ميجابايت)",
        "التقرير_السنوي_2023.PDF",
    ] {
        assert_eq!(between(file), Some("navigation"), "{file}");
    }
    for sentence in [
        "ويمكن تنزيل الملف report.pdf من موقع الوزارة وقراءته قبل الاجتماع المقبل للجنة",
        "قم بتحميل ملف WhatsApp.apk من الموقع الرسمي",
    ] {
        assert_eq!(between(sentence), None, "{sentence}");
    }
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
        let text = format!("{BODY}\n{BODY2}\n{header}\nالتوتر والقلق\nقلة النوم\nالجفاف\n{BODY3}");
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
    let text = format!(
        "{BODY}\nشاهد أيضا:\nالملعب: ستاد القاهرة\nالحكم: محمد عادل\nتابعونا على فيسبوك\n{BODY2}"
    );
    stays(&text, "الحكم: محمد عادل");
    // The article's last lines above the comments or a related list.
    let text = format!(
        "{BODY}\n{BODY2}\n{BODY3}\nوالله أعلم\nفتاوى ذات صلة\nحكم القصر للمسافر\nمسافة القصر"
    );
    stays(&text, "والله أعلم");
    let text = format!("{BODY}\n{BODY2}\n{BODY3}\nأبوك المحب\nالتعليقات (2)\nرائع جدا");
    stays(&text, "أبوك المحب");
}
