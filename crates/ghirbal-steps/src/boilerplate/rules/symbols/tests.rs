//! The tests of `symbols`, in a file of their own: with them the module ran past a thousand lines.

use crate::boilerplate::testing::*;

#[test]
fn a_sites_own_mark_in_brackets_under_the_article() {
    for mark in ["(ليبيا الغد – خاص)", "(أرشيف - سودان الآن)"] {
        assert!(super::own_mark(mark), "{mark}");
        let text = format!(
            "{BODY}\n{BODY2}\nقاعة المحكمة خلال جلسة النطق بالحكم\n{mark}\n{BODY3}\n{BODY4}"
        );
        assert_eq!(rule_of(&text, mark), Some("symbols"), "{:?}", rules(&text));
    }
    // A quotation's author and a year, two places: no such mark.
    for other in [
        "(محمود درويش - 1986)",
        "(الشاعر – الديوان الأول)",
        "(بيروت - دمشق)",
    ] {
        assert!(!super::own_mark(other), "{other}");
    }
}

#[test]
fn a_pages_review_or_update_stamp() {
    for stamp in ["آخر مراجعة: 2 سبتمبر 2024", "تم التحديث: 17 مايو 2024"]
    {
        assert_eq!(deep(stamp), Some("symbols"), "{stamp}");
    }
}

#[test]
fn a_time_ago_with_its_verb() {
    for stamp in [
        "نُشر قبل 3 أيام",
        "طُرح منذ 4 أشهر",
        "نشط منذ 3 أشهر",
        "نُشر منذ 15 يوماً",
    ] {
        assert_eq!(deep(stamp), Some("symbols"), "{stamp}");
    }
    // A time ago without a verb heads a part of a checklist or a timeline, and "قبل" a date
    // heads an essay's part.
    for kept in [
        "قبل 6 أشهر",
        "قبل 10 سنوات",
        "قبل 30 يونيو 2013",
        "قبل 3 سنوات من الحرب",
    ] {
        let text = format!("{BODY}\n{kept}\n{BODY2}");
        assert_ne!(rule_of(&text, kept), Some("symbols"), "{kept}");
    }
}

#[test]
fn ramadans_fast_times_in_the_top_bar() {
    for times in [
        "الإمساك 04:03 | الإفطار 17:47",
        "إمساكية رمضان: الإمساك 05:19 | الإفطار 18:51",
    ] {
        let text = format!("الدوحة | الأحد 9 مارس 2025\n{times}\nEnglish\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, times), Some("symbols"), "{:?}", rules(&text));
    }
    // An article's sentence about the fast, or its own timetable after a colon, keeps its
    // times.
    assert_eq!(deep("ويبدأ الإمساك في الساعة 04:03 فجراً."), None);
    assert_eq!(
        deep("ويحين الإمساك في القاهرة عند 04:21 فجراً، والإفطار عند 18:02 مساءً"),
        None
    );
    let table = "اليوم الأول: الإمساك 04:52 - الإفطار 18:01";
    let text = format!("{BODY}\n{BODY2}\nوجاءت المواعيد في الأيام الأولى كما يلي:\n{table}\n{BODY3}");
    assert_eq!(rule_of(&text, table), None, "{:?}", rules(&text));
}

#[test]
fn an_agencys_sign_off_under_a_paragraph() {
    for line in [
        "/مسقط للأنباء/",
        "(بترا)",
        "(الزيتونة برس)",
        "(ننا) ع أ/ م ح",
        "ونا/ س.م",
        "/مسند/ ع خ / س ع",
    ] {
        let text = format!("{BODY}\n{BODY2}\n{line}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, line), Some("symbols"), "{line}");
    }
    // Not a note with a figure, a bracketed sentence, nor above the article.
    for line in [
        "(التتمة في الصفحة 3)",
        "(رحمه الله تعالى وأسكنه فسيح جناته)",
        // A hadith's grading and source, a verse's sura, a quotation's author, a heading, a
        // column's name, a serial's note, a grammar lesson's pronouns.
        "(متفق عليه)",
        "(رواه البخاري)",
        "(سورة الشرح)",
        "(محمود درويش)",
        "(المكونات)",
        "(بين قوسين)",
        "(يتبع)",
        "هو / هي",
    ] {
        let text = format!("{BODY}\n{BODY2}\n{line}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, line), None, "{line}");
    }
    let text = format!("(بترا)\n{BODY}\n{BODY2}");
    assert_ne!(rule_of(&text, "(بترا)"), Some("symbols"));
    // Under a quotation it is the quoted author.
    let quote =
        "وقال الكاتب في روايته: \"وتنتهي الرواية ولا تنتهي مثل أغنية عتيقة جميلة ملتصقة بالشغاف\"";
    let text = format!("{BODY}\n{quote}\n(جان الكسان)\n***");
    assert_eq!(rule_of(&text, "(جان الكسان)"), None);
    // Between two paragraphs a name in brackets is a subheading.
    let text = format!("{BODY}\n(الدراما السورية)\n{BODY2}\n{BODY3}");
    assert_eq!(rule_of(&text, "(الدراما السورية)"), None);
}

#[test]
fn a_time_zone_named_by_its_place() {
    for stamp in [
        "آخر تحديث: 14:00 بتوقيت بغداد",
        "آخر تحديث: 18 فبراير 2025 17:12 بتوقيت الإمارات",
    ] {
        assert_eq!(between(stamp), Some("symbols"), "{stamp}");
    }
    // A kick-off time in the article has neither date nor label; a label of a table's row
    // is no time zone.
    assert_eq!(between("20:00 بتوقيت القاهرة"), None);
    assert_eq!(
        between("| توقيت المباراة | 17:00 بتوقيت Asia/Riyadh |"),
        None
    );
}

#[test]
fn a_top_bar_of_date_rate_and_weather_above_the_menus() {
    // The weather line is no headline: the date and the rate above it are the top bar's.
    for (date, rate) in [
        (
            "الدوحة | الثلاثاء 07 أكتوبر 2025",
            "سعر برميل النفط الكويتي: 69.84 دولار",
        ),
        (
            "الاثنين 22 سبتمبر 2025 - العدد 6418",
            "الريال العماني = 2.60 دولار",
        ),
        (
            "بيروت | السبت 11 تشرين الأول 2025",
            "سعر الصرف في السوق الموازية: 89,500 ل.ل. للدولار",
        ),
        // A currency's dotted abbreviation closes the rate; a market's rate has a label;
        // rates joined by pipes are named by the first.
        (
            "بيروت | السبت 11 تشرين الأول 2025",
            "الدولار في السوق الموازية: 89,500 ل.ل.",
        ),
        (
            "بغداد | الأحد 26 مايو 2024",
            "بورصة الكفاح: 146,250 دينار لكل 100 دولار",
        ),
        (
            "الاثنين 27 مايو 2024",
            "أسعار الصرف: الدولار في عدن 1,680 ريال | في صنعاء 535 ريال | السعودي في عدن 441 ريال",
        ),
    ] {
        let text = format!(
            "{date}\n{rate}\nالكويت 44° م\nالرئيسية\nمحليات\nاقتصاد\nرياضة\nمجلس الوزراء يوافق على مشروع قانون العمل التطوعي\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        for line in [date, rate, "الكويت 44° م"] {
            assert_eq!(rule_of(&text, line), Some("symbols"), "{line}: {r:?}");
        }
        assert_eq!(
            rule_of(&text, "مجلس الوزراء يوافق على مشروع قانون العمل التطوعي"),
            None,
            "{r:?}"
        );
    }
}

#[test]
fn a_timetable_longer_than_a_stamp_and_widgets_that_are_no_headline() {
    // Six prayers, their times and "ص"/"م": 18 words, past any stamp's length.
    let prayers =
        "الفجر 06:04 ص الشروق 07:29 ص الظهر 01:20 م العصر 04:40 م المغرب 07:09 م العشاء 08:25 م";
    assert!(prayers.split_whitespace().count() > 14);
    assert_eq!(deep(prayers), Some("symbols"));
    // The weather line under the top bar is no headline: the real headline below the
    // menu stays, and the date above counts as the top bar's.
    let text = format!(
        "الخميس 14 نوفمبر 2024\nالكويت 44° م\nالرئيسية\nمحليات\nاقتصاد\nرياضة\nمجلس الوزراء يوافق على مشروع قانون العمل التطوعي\n{BODY}\n{BODY2}"
    );
    let r = rules(&text);
    assert_eq!(r[1].1, Some("symbols"), "{r:?}");
    assert_eq!(r[6].1, None, "{r:?}");
    // Quotes joined by pipes are no headline either.
    let text = format!(
        "الدولار 49.35 جنيه | اليورو 52.10 جنيه\nسعر صرف الجنيه: 49.35 للدولار\nالرئيسية\nاقتصاد\nالبنك المركزي يثبت أسعار الفائدة للمرة الثالثة\n{BODY}\n{BODY2}"
    );
    let r = rules(&text);
    assert_eq!(r[0].1, Some("symbols"), "{r:?}");
    assert_eq!(r[4].1, None, "{r:?}");
}

#[test]
fn prayer_times_under_their_label() {
    for line in [
        "مواقيت الصلاة - دبي: الظهر 12:07 | العصر 3:27",
        "مواقيت الصلاة بالرباط: الفجر 06:18 الظهر 12:35 العصر 15:22 المغرب 17:46",
    ] {
        assert_eq!(deep(line), Some("symbols"), "{line}");
    }
    // One time in a sentence of the article stays.
    assert_eq!(
        deep("وتتغير مواقيت الصلاة في رمضان إذ يؤذن للمغرب عند 18:42 في العاصمة"),
        None
    );
}

#[test]
fn widgets_below_the_article_timetables_and_city_temperatures() {
    let prayers = "الفجر 06:04 الشروق 07:29 الظهر 13:20 العصر 16:40 المغرب 19:09 العشاء 20:25";
    let text = format!("{BODY}\n{BODY2}\n{BODY3}\nمواقيت الصلاة - الرباط\n{prayers}\nالأكثر قراءة");
    assert_eq!(
        rule_of(&text, prayers),
        Some("symbols"),
        "{:?}",
        rules(&text)
    );
    // Twelve words without times is no timetable.
    assert_eq!(
        deep("الفجر والشروق والظهر والعصر والمغرب والعشاء أوقات يحددها الفلكيون بدقة في 2025"),
        None
    );
    // Two or more weather lines together are a widget anywhere; one alone below the
    // article may be the article's.
    let text = format!(
        "{BODY}\n{BODY2}\n{BODY3}\nطقس المدن اليوم\nعمّان 14° / 7°\nإربد 13° / 8°\nالعقبة 24° / 15°\n{BODY4}"
    );
    let r = rules(&text);
    for line in ["عمّان 14° / 7°", "إربد 13° / 8°", "العقبة 24° / 15°"] {
        assert_eq!(rule_of(&text, line), Some("symbols"), "{line}: {r:?}");
    }
    assert_eq!(deep("عمّان 14° / 7°"), None);
    // A run of tags over the widget is still a menu: its weather lines are no stamps of a
    // timeline.
    let text = format!(
        "{BODY}\n{BODY2}\nالكلمات المفتاحية\nطقس\nمنخفض جوي\nالأرصاد الجوية\nطقس المدن\nعمّان ٩° / ٣°\nإربد ٧° / ٢°\nالعقبة ١٨° / ١٠°"
    );
    assert_eq!(
        rule_of(&text, "منخفض جوي"),
        Some("menu_block"),
        "{:?}",
        rules(&text)
    );
}

#[test]
fn the_top_bar_place_and_date_and_a_lone_rate() {
    let bp = stage();
    for line in [
        "بيروت | الجمعة 22 تشرين الثاني 2024",
        "دبي - الجمعة 15 نوفمبر 2024",
        "تونس في 1 ديسمبر 2024",
        "المنامة 16:30 | الاثنين 18 نوفمبر 2024",
        "الجزائر العاصمة | الإثنين 06 جانفي 2025",
        "دمشق، الأحد 02 تشرين الثاني 2025",
    ] {
        assert!(bp.placed_date(line), "{line}");
    }
    for line in [
        "الرياض - واس",
        "الخميس 14 نوفمبر 2024",
        "بيروت",
        // An event's headline: no separator between the place and the date.
        "قمة الرياض 11 نوفمبر 2024",
        "قمة الرياض، 11 نوفمبر 2024",
        "انتخابات لبنان 15 أيار 2022",
        "مهرجان قرطاج الجمعة 22 نوفمبر",
    ] {
        assert!(!bp.placed_date(line), "{line}");
    }
    let text = format!(
        "بيروت | الجمعة 22 تشرين الثاني 2024\nالرئيسية\nسياسة\nاقتصاد\nكهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\n{BODY}\n{BODY2}"
    );
    assert_eq!(
        rule_of(&text, "بيروت | الجمعة 22 تشرين الثاني 2024"),
        Some("symbols"),
        "{:?}",
        rules(&text)
    );
    // An exchange rate alone in the top bar; in the article, the same words are its own.
    let rate = "سعر صرف الدولار في السوق الموازية: 14,850 ل.س";
    let text = format!(
        "{rate}\nالرئيسية\nسياسة\nاقتصاد\nكهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\n{BODY}\n{BODY2}"
    );
    assert_eq!(rule_of(&text, rate), Some("symbols"), "{:?}", rules(&text));
    let text = format!("{BODY}\n{rate}\n{BODY2}");
    assert_eq!(rule_of(&text, rate), None, "{:?}", rules(&text));
    // Above a headline that asks a question, too.
    let text = format!(
        "{rate}\nالرئيسية\nسياسة\nاقتصاد\nالودائع العالقة: خطة تعافٍ أم إدارة للانهيار؟\n{BODY}\n{BODY2}"
    );
    assert_eq!(rule_of(&text, rate), Some("symbols"), "{:?}", rules(&text));
    // Under the headline, the same line is the article's dateline.
    let text = format!(
        "كهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\nبيروت - الجمعة 22 تشرين الثاني 2024\n{BODY}\n{BODY2}"
    );
    assert_eq!(
        rule_of(&text, "بيروت - الجمعة 22 تشرين الثاني 2024"),
        None,
        "{:?}",
        rules(&text)
    );
}

#[test]
fn lines_without_a_word_of_two_letters() {
    for line in [".", "A", "+A -A", "19:05 ت م", "* * *"] {
        assert_eq!(between(line), Some("symbols"), "{line}");
    }
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
        // A site's name of three words, and a name whose first word is a counter's.
        "نشر بواسطة صوت عدن الحر في 10:42 ص",
        "نشر بواسطة: صوت حضرموت في ٨:٤٥ م",
        // The Hijri date "الموافق لـ" the Gregorian one, and "تشرين أول" without its article.
        "السبت 06 سبتمبر 2025 – الموافق لـ 13 ربيع الأول 1447",
        "الخميس 16 تشرين أول 2025 - 24 ربيع الثاني 1447",
    ] {
        assert_eq!(deep(stamp), Some("symbols"), "{stamp}");
    }
    assert_eq!(deep("نشر في 3 مارس 2023 تقرير اللجنة"), None);
    assert_eq!(deep("نشر في 3 مارس 2023 بواسطة لجنة من أربعة خبراء"), None);
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
fn user_names_with_an_underscore() {
    assert_eq!(between("دكتور_هيثم"), Some("symbols"));
    assert_eq!(between("green_eagle85"), Some("symbols"));
    // Not a word with an underscore inside a sentence, nor a lone underscore run.
    assert_eq!(between("اسم الملف report_2024 في المجلد"), None);
    assert_eq!(between("__________________"), Some("symbols"));
}

#[test]
fn horoscope_entries_beside_each_other() {
    let widget = "الحمل: يوم مناسب لحسم قرار مالي مؤجل.\nالثور: تتلقين دعوة مفاجئة من صديقة قديمة.";
    let text = format!("{BODY}\n{BODY2}\nأبراج اليوم\n{widget}");
    for line in widget.lines() {
        assert_eq!(rule_of(&text, line), Some("symbols"), "{line}");
    }
    // One sign alone is the article's word ("pregnancy").
    let line = "الحمل: فترة تمتد تسعة أشهر تتغير فيها احتياجات الجسم.";
    assert_eq!(between(line), None);
}

#[test]
fn single_quotes_above_the_headline() {
    let quotes = "برنت 85.34 دولار\nالذهب 2,156 دولار للأونصة";
    for line in quotes.lines() {
        assert_eq!(
            rule_of(
                &under_menu(quotes, "عنوان الخبر الرئيسي اليوم في العاصمة"),
                line
            ),
            Some("symbols"),
            "{line}"
        );
        // In the article the same lines may be its own table.
        assert_eq!(rule_of(&format!("{BODY}\n{quotes}\n{BODY2}"), line), None);
    }
    // Alone above the article, a quote may be the headline.
    let headline = "الدولار يرتفع إلى 50 جنيها";
    assert_eq!(on_top(headline), None);
}
