use super::lines::ascii_words;
use super::rules::navigation::NAV_SEPARATORS;
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
    assert!(build_error("phrase_coverage = 1.5").contains("phrase_coverage = 1.5 is not a share"));
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
            let rule = removed
                .iter()
                .find(|r| r.0 == i + 1)
                .map(|r| r.1.rule().code());
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
    let cookies =
        "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. بمواصلة التصفح فإنك توافق على ذلك.";
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
    assert!(
        removed.iter().all(|r| r.1.rule() != Rule::Comments),
        "{removed:?}"
    );
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
    let text = format!("الرئيسية\nصحة\nتعليم\nجغرافيا\nمدينة القيروان\nكتابة: سلمى الحمدي\n{BODY}");
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
    let footer = "الرياضة الهوايات كرة القدم منتدى مجاني للدعم والمساعدة اتصل بنا الحصول على مدونة";
    assert_eq!(rule_of(footer, footer), Some("phrase"));
    // The same phrases in a sentence stay.
    let sentence = "يمكن للأعضاء الحصول على مدونة من خلال المنتدى أو عن طريق صفحة اتصل بنا في الموقع";
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
        (removed[0].1.rule(), removed[0].2.as_str()),
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
fn annotate_records_lines_and_their_rule_with_its_sub_code() {
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
        serde_json::json!([{"line": 2, "rule": "phrase/theme", "text": "Leave a Reply"}])
    );
}

/// The seed page as crawled: through normalize and boilerplate, exactly the headline and
/// the ten article paragraphs remain, and each dropped line has the expected rule. The
/// fixture is a copy of `../shared/seed/news-page.txt`, so the test runs in any checkout.
#[test]
fn seed_page_keeps_the_article_only() {
    let raw = include_str!("../../tests/fixtures/news-page.txt");
    let mut ch = ghirbal_text::normalize::Changes::default();
    let text = ghirbal_text::normalize::normalize(raw, &mut ch).into_owned();
    let mut doc = Document::new("seed", text.clone());
    let removed = stage().apply(&mut doc, &mut Cx::default());
    let got: Vec<(&str, &str)> = removed
        .iter()
        .map(|r| (r.2.as_str(), r.1.rule().code()))
        .collect();
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
