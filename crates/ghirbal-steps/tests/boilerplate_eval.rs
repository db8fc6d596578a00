//! Line-level precision and recall of the `boilerplate` step on the hand-labelled fixture
//! (`tests/fixtures/boilerplate-lines.jsonl`: documents from cc-web-capstone, oscar-sentences,
//! almayadeen and saudinewsnet with every line marked boilerplate or content). The per-document
//! rules are measured here; the cross-document rule needs a whole corpus.

use ghirbal_core::{Cx, Document};
use ghirbal_steps::boilerplate::{Boilerplate, Options};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
}

impl Counts {
    fn add(&mut self, truth: bool, removed: bool) {
        match (truth, removed) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> f64 {
        f64::from(self.tp) / f64::from(self.tp + self.fp).max(1.0)
    }
    fn recall(&self) -> f64 {
        f64::from(self.tp) / f64::from(self.tp + self.fn_).max(1.0)
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<16} lines {:>3}, boilerplate {:>3}, tp {:>3} fp {:>2} fn {:>3}: precision {:.3}, recall {:.3}",
            self.tp + self.fp + self.fn_ + self.tn,
            self.tp + self.fn_,
            self.tp,
            self.fp,
            self.fn_,
            self.precision(),
            self.recall()
        )
    }
}

/// Runs the per-document rules over a fixture; returns the counts over all lines and a report
/// (counts per source, then every error).
fn evaluate(text: &str) -> (Counts, String) {
    let stage = Boilerplate::new(Options {
        cross_document: false,
        ..Options::default()
    })
    .expect("builds");
    let mut all = Counts::default();
    let mut by_source: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    for doc in text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
    {
        let lines = doc["lines"].as_array().expect("lines");
        let texts: Vec<&str> = lines
            .iter()
            .map(|l| l["text"].as_str().expect("text"))
            .collect();
        let id = doc["id"].as_str().unwrap_or_default();
        let mut d = Document::new(id, texts.join("\n"));
        let removed = stage.apply(&mut d, &mut Cx::default());
        for (i, line) in lines.iter().enumerate() {
            let truth = line["label"] == "boilerplate";
            let rule = removed.iter().find(|r| r.0 == i + 1).map(|r| r.1.code());
            all.add(truth, rule.is_some());
            by_source
                .entry(doc["source"].as_str().unwrap_or("?").to_string())
                .or_default()
                .add(truth, rule.is_some());
            match (truth, rule) {
                (false, Some(rule)) => errors.push(format!("FP {rule:<18} {id} | {}", texts[i])),
                (true, None) => {
                    let why = line["why"].as_str().unwrap_or("");
                    errors.push(format!("FN {why:<18} {id} | {}", texts[i]));
                }
                _ => {}
            }
        }
    }
    let mut report = vec![all.line("all")];
    report.extend(by_source.iter().map(|(s, c)| c.line(s)));
    report.extend(errors);
    (all, report.join("\n"))
}

/// Evaluates a fixture, prints the report and holds precision and recall at their floors.
fn holds(fixture: &str, min_precision: f64, min_recall: f64) {
    let (all, report) = evaluate(fixture);
    println!("{report}");
    assert!(all.precision() >= min_precision, "{report}");
    assert!(all.recall() >= min_recall, "{report}");
}

/// One test per labelled fixture, from one table: the file, then the floors its line precision
/// and recall are held at. A new blind set is one more row.
macro_rules! fixtures {
    ($($(#[$doc:meta])* $name:ident: $file:literal, precision $p:literal, recall $r:literal;)*) => {
        $(
            $(#[$doc])*
            #[test]
            fn $name() {
                holds(include_str!(concat!("fixtures/", $file)), $p, $r);
            }
        )*
    };
}

fixtures! {
    /// The targets: precision 0.97, recall 0.90.
    line_precision_and_recall_on_the_labelled_set: "boilerplate-lines.jsonl", precision 0.97, recall 0.90;

    /// Five pages written for ghirbal in the layout of common Arabic themes and platforms (a news
    /// theme, a recipe blog with comments, a vBulletin thread, a Blogger post, a theme left in
    /// English), every line labelled.
    /// They were written while the rules for theme strings were added, so they are a regression
    /// check, not an unseen measurement. By design, a dateline at the top and a byline stay.
    theme_pages: "theme-pages.jsonl", precision 1.0, recall 0.95;

    /// Eight pages of different Arabic sites (Gulf, Egyptian, Lebanese and Moroccan news, a health
    /// site, a match report, a ministry, a personal blog), written and labelled by a helper session
    /// that saw neither the rules nor the shared data. Measured once before any change for them
    /// (precision 0.955, recall 0.830); general fixes followed, so this is now a regression check.
    written_pages: "written-pages.jsonl", precision 0.99, recall 0.95;

    /// Ten more pages (a forum thread, a product page, a ministry release, a fatwa, a tech blog,
    /// an encyclopedia article, a classified ad, a university, an opinion column, a sports page
    /// with a live ticker), written and labelled by another helper session that saw neither the
    /// rules nor the shared data. Measured once before any change for them (precision 0.922,
    /// recall 0.740); general fixes followed, so this is now a regression check too.
    blind_pages: "blind-pages.jsonl", precision 0.97, recall 0.87;

    /// Ten more pages (a news agency, a Blogger post, a recipe, a questions-and-answers site, a
    /// government service, a Maghrebi news site with French strings, a lecture transcript, a flat
    /// for rent, a hospital's health article, a classical poem), written and labelled by a third
    /// helper session that saw neither the rules, the shared data nor the other pages. Measured
    /// once before any change for them (precision 0.977, recall 0.696); general fixes followed.
    blind_pages_2: "blind-pages-2.jsonl", precision 0.97, recall 0.91;

    /// Ten more pages (an Egyptian economy article, an Iraqi news site with a gallery, a women's
    /// magazine, a Gulf tech tutorial, a Quran reference page, a phpBB fan forum, a job listing, a
    /// travel guide, a ministry announcement, an encyclopedia article), written and labelled by a
    /// fourth helper session that saw neither the rules, the shared data nor the other pages.
    /// Measured once before any change for them (precision 0.968, recall 0.723); general fixes
    /// followed.
    blind_pages_3: "blind-pages-3.jsonl", precision 0.98, recall 0.88;

    /// Ten more pages (a Saudi daily, a Palestinian live page, Moroccan sports, a Sudanese
    /// economy site, a Lebanese travel blog, a Blogger post with its archive, a vBulletin car
    /// forum, a perfume shop, an Iraqi university announcement, a medical Q&A site), written and
    /// labelled by a fifth helper session that saw neither the rules, the shared data nor the other
    /// pages. Measured once before any change for them (precision 1.000, recall 0.769); general
    /// fixes followed.
    blind_pages_4: "blind-pages-4.jsonl", precision 0.99, recall 0.92;

    /// Ten more pages (an Egyptian national daily, a Lebanese TV site, an Emirati tech article, an
    /// Algerian local site, a Kuwaiti column, a Syrian story blog, a Gulf recipe, a Jordanian flat
    /// for sale, a hadith lesson, a French phpBB help forum), by a sixth helper session under the
    /// same terms. Kept unseen while the rules for the fifth set were written: measured then at
    /// precision 0.990, recall 0.810 (0.993 / 0.778 on the commit this work started from);
    /// general fixes followed.
    blind_pages_5: "blind-pages-5.jsonl", precision 0.99, recall 0.91;

    /// Ten more pages (an Omani economy article, an Iraqi channel, a Tunisian culture site, a Qatari
    /// match report, a Saudi ministry release, Egyptian celebrity news, a Yemeni Blogger site, a
    /// programming tutorial with comments, a bookstore, a Discourse thread), by a seventh helper
    /// session under the same terms. Kept unseen while the rules for the fifth and sixth sets were
    /// written: measured then at precision 0.996, recall 0.808 (0.996 / 0.751 on the commit this
    /// work started from); general fixes followed.
    blind_pages_6: "blind-pages-6.jsonl", precision 0.99, recall 0.91;

    /// Ten more pages (a Bahraini daily, a Jordanian health article, a Moroccan regional portal, an
    /// Egyptian transfer story, a Palestinian university, a Saudi villa for rent, a Kuwaiti Blogger
    /// post, a Lebanese recipe, a Gulf vBulletin help thread, a Mauritanian news site), by an eighth
    /// helper session under the same terms. Kept unseen while the rules for the fifth to seventh
    /// sets were written: measured then at precision 0.997, recall 0.903 (0.996 / 0.842 on the
    /// commit this work started from); general fixes followed.
    blind_pages_7: "blind-pages-7.jsonl", precision 0.99, recall 0.95;

    /// Ten more pages (an Emirati court story, a Syrian agency, an Algerian sports site, an
    /// Egyptian e-government service, a Saudi lifestyle article, an Iraqi Kurdistan news site, a
    /// Libyan Blogger site, a book-review blog, an Omani used-car ad, an Egyptian fatwa), by a ninth
    /// helper session under the same terms. Kept unseen until all the rules above were written:
    /// measured then at precision 0.969, recall 0.953 (0.994 / 0.889 on the commit this work
    /// started from); the used-car ad lost its title, price and facts to the menu and edge rules,
    /// which the following fix narrowed (the scan of the top stops at a label and its value).
    blind_pages_8: "blind-pages-8.jsonl", precision 0.97, recall 0.94;

    /// Ten pages of sites seen once (Egypt, Saudi Arabia, Morocco, Algeria, Iraq, Lebanon,
    /// Sudan, a pan-Arab outlet, Tunisia, Yemen) with the furniture issue 21 names: related
    /// headlines as bullets, comment-policy boxes, prayer-time and weather widgets, share labels,
    /// bare image URLs and photo credits, mastheads. Written by a helper session that saw no rule;
    /// measured unseen at precision 0.979, recall 0.912. The photo credits, mastheads, prayer
    /// times, image addresses and table header it showed became general rules (lexicon leads,
    /// prayer names as times of day, `symbols/media_url`, a table's header row is no menu).
    /// Three of its five remaining false removals are article datelines that this set labels
    /// content and the earlier sets label boilerplate.
    blind_pages_9: "blind-pages-9.jsonl", precision 0.97, recall 0.97;

    /// Twelve pages of sites seen once (Egypt, Saudi Arabia, the Emirates, Morocco, Algeria,
    /// Tunisia, Lebanon, Jordan, Iraq, Kuwait, Sudan, Oman) with widgets the earlier sets lack (a
    /// poll, a horoscope box, a standings table, a forum thread's post furniture), by another
    /// helper that saw no rule. Measured unseen at precision 0.950, recall 0.882; general fixes
    /// followed (market quotes, calls to follow the site on a platform, WordPress and Blogger
    /// link-list headers, vBulletin's posting rules, the headline's subtitle is no keyword list). Ten of its remaining
    /// false removals are article datelines and closing source lines that this set labels
    /// content.
    blind_pages_11: "blind-pages-11.jsonl", precision 0.95, recall 0.95;

    /// Thirty pages of thirty sites seen once (news portals, markets, sports, a fatwa site, a
    /// recipe site, a car forum, classifieds, a ministry, a university, blogs) from every
    /// region, by a fourth helper that saw no rule. Measured unseen at precision 0.952, recall
    /// 0.922 (body kept 0.948); then site disclaimers and feminine calls to follow became
    /// rules. 24 of its 32 false removals are the article's own date line, which this set
    /// labels content and sets 1–8 boilerplate.
    blind_pages_13: "blind-pages-13.jsonl", precision 0.95, recall 0.94;

    /// Twenty-four pages of sites seen once (a real-estate listing, a car-prices page, a
    /// women's magazine, a children's story, a film review, a radio, a vBulletin thread, …) by
    /// a fifth helper that saw no rule. Measured unseen at precision 0.948, recall 0.847 (body
    /// kept 0.949; the build before this round's changes: 0.839); then feminine buttons,
    /// rating counters, vBulletin's post stamp, affiliate and health notices, more listed
    /// kinds, a channel on a platform, forum ranks and a horoscope widget became rules (0.899),
    /// then listen and report buttons and the Maghrebi tag label (0.910). 15 of its 28 false
    /// removals are article date lines, which it labels content.
    blind_pages_14: "blind-pages-14.jsonl", precision 0.94, recall 0.90;

    /// Twenty-four pages of sites seen once (news of eight countries, columns, blogs, forums,
    /// a product page, a classified ad, a government service, a fatwa, …) by a sixth helper
    /// that saw no rule. Measured unseen at precision 0.946, recall 0.878, body kept 0.905
    /// (17 of its 40 false removals are date lines, 15 product and classified facts it labels
    /// content); then disclaimers with plural writers, rating prompts, accusative comment
    /// counts and a subheading after a related list (0.907).
    blind_pages_15: "blind-pages-15.jsonl", precision 0.94, recall 0.90;

    /// Twenty news pages of twenty sites (a country each, and a satellite channel's) by a
    /// seventh helper that saw no rule. Measured unseen at precision 0.953, recall 0.915, body
    /// kept 0.903; then the headline under the menus, an article list before a quote's
    /// lead-in, source lines kept, the top bar's place, date and rate (precision 0.966, recall
    /// 0.939, body kept 0.930). Of its 23 false removals left, 19 are date lines, 3 an agency's
    /// marks and one a photo credit, which it labels content.
    blind_pages_16: "blind-pages-16.jsonl", precision 0.95, recall 0.90;

    /// Twenty-two pages of sites seen once (fourteen news sites of as many countries, a forum
    /// thread, a recipe, a government service, a fatwa, a shop's product, a university's news,
    /// an encyclopedia article, a job ad) by an eighth helper that saw no rule. It labels
    /// bylines, datelines and source lines boilerplate, where the sets before it label them
    /// content. Measured unseen at precision 0.992, recall 0.869, body kept 0.985; then the
    /// top bar's weather taken for no headline, a comma after the top bar's place, rates "for
    /// the dollar", a paper's issue number, timetables and city temperatures below the
    /// article, and forum, shop, recipe and fatwa strings (precision 0.994, recall 0.905);
    /// then an encyclopedia's title above its tagline, its notes on other meanings, tags one
    /// per line and stamps with both calendars (precision 0.996, recall 0.911, body kept
    /// 0.991); then titles framed by furniture below the article (recall 0.924).
    blind_pages_17: "blind-pages-17.jsonl", precision 0.98, recall 0.91;

    /// Twenty-two pages of sites seen once (sixteen news pages of as many countries, among
    /// them an obituary, a column, a live blog and a photo gallery; a question-and-answer
    /// page, a real-estate listing, a health article, a travel blog, a children's story, a
    /// club's match report) by a ninth helper that saw no rule, written after set 17's
    /// changes. Like set 17 it labels bylines, dates and source lines boilerplate. Measured
    /// unseen with the build before set 17's changes (precision 0.994, recall 0.820, body
    /// kept 0.990) and with the build after them and the sports widgets (0.994, 0.831, 0.990);
    /// then a league table's column names, share quotes, a six-word quote between pipes,
    /// search prompts, links to a whole list with its count, and strings of live blogs,
    /// question sites and obituaries (precision 0.995, recall 0.896); then titles framed by
    /// furniture below the article (recall 0.910).
    blind_pages_18: "blind-pages-18.jsonl", precision 0.98, recall 0.90;

    /// Twenty news pages of twenty sites (a country each, and a satellite channel's; an
    /// investigation, an interview, an explainer, a brief among them) by a tenth helper that
    /// saw no rule, written after set 18's changes; bylines, dates and source lines labelled
    /// boilerplate. Measured unseen with the session's first build (precision 1.000, recall
    /// 0.843) and its last before reading it (1.000, 0.853, body kept 1.000); then headers of
    /// more listed kinds (`تحقيقات أخرى`, `مقابلات أخرى`, `فيديوهات مختارة`, `الأكثر
    /// اطلاعا`) and prayer times under their label on one line (recall 0.908); then titles
    /// framed by furniture below the article (recall 0.933).
    blind_pages_19: "blind-pages-19.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages of sites seen once (sixteen news pages of as many countries, a blog,
    /// a ministry's notice, a health article, a fatwa, a property listing, a recipe, a
    /// university's news and a car forum's thread) by an eleventh helper that saw no rule,
    /// written this time with the conventions of sets 1–8: bylines and datelines content,
    /// timestamps, source boxes and photo credits boilerplate. Measured unseen with the build
    /// before the session (precision 0.997, recall 0.951, body kept 0.989) and with the
    /// titles framed below the article (0.997, 0.956, 0.989); then worked on (0.997, 0.965,
    /// 0.991); the next session (0.998, 0.971, 0.991).
    blind_pages_20: "blind-pages-20.jsonl", precision 0.98, recall 0.95;

    /// Twenty-four news pages of as many sites (a live page, a photo gallery, an obituary, an
    /// interview, a column, TV channels' pages among them) by a twelfth helper that saw no rule,
    /// with the conventions of set 20, written while set 20 was worked on. Measured unseen with
    /// the build before the session (precision 0.990, recall 0.883, body kept 0.974) and with
    /// the session's build before reading it (0.990, 0.912, 0.974); then worked on (0.998,
    /// 0.950, 0.994); the next session (0.998, 0.961, 0.994).
    blind_pages_21: "blind-pages-21.jsonl", precision 0.98, recall 0.94;

    /// Twenty-four pages (eighteen news pages of sites of every size, Blogger and WordPress
    /// themes, a PDF edition's page, bilingual sites; a charity's campaign, a school's notice,
    /// a travel guide, a book review, a clinic's article, a mosque's notice) by a thirteenth
    /// helper that saw no rule, with the conventions of set 20. Measured unseen with the build
    /// before the session (precision 0.975, recall 0.851, body kept 0.947) and with the
    /// session's build after sets 20 and 21 (0.994, 0.886, 0.988); then worked on (0.998,
    /// 0.889, 0.995); the next session (0.999, 0.912, 0.998).
    blind_pages_22: "blind-pages-22.jsonl", precision 0.98, recall 0.90;

    /// Twenty-four news pages (dailies, agencies, TV and radio channels, a students' site, a
    /// diaspora site, a personal news blog, a few in a lighter newsroom style) by a fourteenth
    /// helper that saw no rule, with the conventions of set 20, written once sets 20 to 22 had
    /// been worked on. Measured unseen with the build before the session (precision 0.994,
    /// recall 0.893, body kept 0.986) and with the session's last build before reading it
    /// (1.000, 0.914, 1.000); the review's fixes after it: (1.000, 0.913, 1.000); the next
    /// session (1.000, 0.937, 1.000).
    blind_pages_23: "blind-pages-23.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four news pages (an explainer, a live page, an interview, columns, local
    /// WordPress sites among them) by a fifteenth helper that saw no rule, with the conventions
    /// of set 20, written after the session's review; only measured, with the build before the
    /// session (precision 0.994, recall 0.909, body kept 0.984) and the session's last build
    /// (0.995, 0.941, 0.984); the next session (0.995, 0.951, 0.984).
    blind_pages_24: "blind-pages-24.jsonl", precision 0.98, recall 0.93;

    /// Twenty-four pages (eighteen news pages: portals, agencies, local WordPress and Blogger
    /// sites, a live page, an interview, an explainer; a government service, a university's
    /// news, a recipe, a shop's product page, a fatwa, a forum thread) by a sixteenth helper
    /// that saw no rule, with the conventions of set 20. Measured unseen with the build of
    /// 9e8d725 (precision 0.999, recall 0.859, body kept 0.998), the build the session started
    /// from (0.999, 0.915, 0.998) and the session's build at the time, 1177dd0 (the same);
    /// then worked on (0.999, 0.935, 0.998).
    blind_pages_25: "blind-pages-25.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (twenty news pages: a live page, a crime report, an obituary, a
    /// column, a weather report, a photo story, a court ruling, an Arabic site in Istanbul; a
    /// job posting, a phone review, a hotel, a ministry's announcement) by a seventeenth helper
    /// that saw no rule, with the conventions of set 20, written once set 25 had been worked on.
    /// Measured unseen with the build of 9e8d725 (precision 0.977, recall 0.823, body kept
    /// 0.966), the build the session started from (0.991, 0.881, 0.985) and the session's
    /// build at the time, a574c35 (0.991, 0.897, 0.985); then worked on (0.996, 0.912, 0.994).
    blind_pages_26: "blind-pages-26.jsonl", precision 0.98, recall 0.90;

    /// Twenty-four news pages (a live page, a fact-check, an interview, a column, an analysis,
    /// a republished press release, an AMP page, an international broadcaster's Arabic service,
    /// a diaspora site) by an eighteenth helper that saw no rule, with the conventions of set
    /// 20, written once set 26 had been worked on; only measured, with the build of 9e8d725
    /// (precision 0.997, recall 0.864, body kept 0.995), the build the session started from
    /// (0.997, 0.900, 0.995) and the session's build at the time, 4c57681 (0.997, 0.909, 0.995);
    /// after the review's fixes (0.997, 0.908, 0.995).
    blind_pages_27: "blind-pages-27.jsonl", precision 0.98, recall 0.89;

    /// Twenty-four pages (twenty news pages: a courts story on a big portal, an economy daily,
    /// a match report, an obituary, an e-edition's column, an AMP page, a live page, a
    /// fact-check, an analysis, an international broadcaster's science story; a government
    /// e-service, a cooking blog, a property listing, a forum thread) by a nineteenth helper
    /// that saw no rule, with the conventions of set 20, written once set 27 had been worked
    /// on. Measured unseen with the build of 9e8d725 (precision 0.982, recall 0.827, body kept
    /// 0.978), the build the session started from, 9e1195c (0.989, 0.860, 0.986) and the
    /// session's build at the time, 0ff35c7 (0.989, 0.863, 0.986); then worked on (0.989, 0.942,
    /// 0.986).
    blind_pages_28: "blind-pages-28.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (twenty news pages from twenty countries: a central bank's rates, a
    /// book fair, an archaeological find with a long comment thread, an exam leak, election
    /// turnout, floods, a refugee feature, a court verdict, a transfer with a sports widget
    /// column, a Blogger market report, a print-edition page; a medicine leaflet, a used car's
    /// ad, a poem, a university's admissions) by a twentieth helper that saw no rule, with the
    /// conventions of set 20, written once set 28 had been worked on. Measured unseen with the
    /// build of 9e8d725 (precision 0.982, recall 0.843, body kept 0.970), the build the session
    /// started from, 9e1195c (0.988, 0.855, 0.979) and the session's build at the time,
    /// 1cf0214 (0.988, 0.879, 0.979); then worked on (0.998, 0.943, 0.995).
    blind_pages_29: "blind-pages-29.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (twenty-one news pages: big portals with polls and video strips, a
    /// newspaper with a print edition, long comment threads, a Blogger site, a TV channel's
    /// schedule, sports widgets, an AMP page, agency wires; a ministry's notice, a hadith page,
    /// a literary blog's review) by a twenty-first helper that saw no rule, with the
    /// conventions of set 20, written once set 29 had been worked on and reviewed. Measured
    /// unseen with the build of 9e8d725 (precision 0.993, recall 0.810, body kept 0.988), the
    /// build the session started from, 9e1195c (0.999, 0.838, 0.998) and the session's build
    /// at the time, 749d131 (0.999, 0.855, 0.998); then worked on (0.999, 0.905, 0.998).
    blind_pages_30: "blind-pages-30.jsonl", precision 0.98, recall 0.89;

    /// Twenty-four pages (news from Mauritania, Libya, Sudan, Djibouti, Chad, the Comoros,
    /// Kurdistan, Bahrain, Qatar, Kuwait, Oman, Yemen, Jordan, Hebron, Lebanon, Aleppo, Tunisia,
    /// Algeria, Morocco and a London magazine: an obituary, an interview in questions and
    /// answers, a column, a match report, a weather alert; a shop's product page, a job ad, an
    /// encyclopedia's article, a Friday sermon) by a twenty-second helper that saw no rule,
    /// with the conventions of set 20, written at the start of the session that began at
    /// cae06cc. Measured unseen with the build of 9e8d725 (precision 0.994, recall 0.849, body
    /// kept 0.990), cae06cc (0.995, 0.892, 0.990) and b67e28c, after set 32 had been worked
    /// on (0.995, 0.894, 0.990); then worked on.
    blind_pages_31: "blind-pages-31.jsonl", precision 0.98, recall 0.93;

    /// Twenty-four pages (eighteen news pages: a breaking story with updates, a feature, an
    /// interview, an analysis, a court report, a match report, a market report, a phone review,
    /// a health explainer, a column, a ministry's release; a recipe, a villa's listing, a
    /// university's admissions, a question with its answers, a passport service page, a travel
    /// guide) by a twenty-third helper that saw no rule, with the conventions of set 20,
    /// written beside set 31. Measured unseen with the build of 9e8d725 (precision 0.982,
    /// recall 0.866, body kept 0.962), cae06cc (0.982, 0.902, 0.962) and 44d3567 (0.982,
    /// 0.902, 0.962); then worked on.
    blind_pages_32: "blind-pages-32.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (nineteen regional news pages: Sohag, Basra, Aden, Benghazi, Oran, Fes,
    /// Sfax, Irbid, Zarqa, Nablus, Tripoli, Homs, Al-Ahsa, Sharjah, Salalah, Khartoum,
    /// Nouakchott, a business magazine, a science site; a live page, a photo story, a
    /// fact-check, a press release; a car forum's thread, a Blogger post, a fatwa, a hotel's
    /// page, a ministry's tender) by a twenty-fourth helper that saw no rule, with the
    /// conventions of set 20, written once sets 31 and 32 had been worked on. Measured unseen
    /// with the build of 9e8d725 (precision 0.982, recall 0.829, body kept 0.964), cae06cc
    /// (0.984, 0.925, 0.964) and f41fc2d (0.984, 0.926, 0.964); then worked on.
    blind_pages_33: "blind-pages-33.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (twenty news, magazine and blog pages from Tanta, Mosul, Hodeidah,
    /// Misrata, Constantine, Tangier, Kairouan, Aqaba, Hebron, Sidon, Latakia, Tabuk, Ras Al
    /// Khaimah, Nizwa, Atbara, Nouadhibou, Djibouti and three pan-Arab sites: a live page, a
    /// correction, a family council's statement, an obituary, a farming guide, a parenting
    /// article, a car review; a recipe with reviews, a used car's ad, a mosque's schedule, a
    /// school's news) by a twenty-fifth helper that saw no rule, with the conventions of set
    /// 20, written at the end of the session that began at cae06cc and measured once, unseen,
    /// with its last build, 72ad26e (precision 0.993, recall 0.915, body kept 0.985; 9e8d725:
    /// 0.977, 0.851, 0.949; cae06cc: 0.988, 0.875, 0.973); then worked on a little (lexicon,
    /// stamps, a sign before a label: 0.993, 0.937, 0.985).
    blind_pages_34: "blind-pages-34.jsonl", precision 0.98, recall 0.92;

    /// Twenty-four pages (sixteen news and magazine pages, one site per country from Egypt to
    /// Jordan: a court report, two local services, the central bank, an exam calendar, a match
    /// report, a film prize, the new moon, an AI programme, cholera, a storm, mangroves, a live
    /// page, a column, a photo story, an investigation; a podcast episode, a book review, a
    /// poem, a player's profile, a university programme, a charity campaign, a hadith's
    /// explanation, a how-to) by a twenty-sixth helper that saw no rule, with the conventions of
    /// set 20, written at the start of the session that began at 6278b3f and measured once,
    /// unseen, with its first build (precision 0.992, recall 0.905, body kept 0.984; 9e8d725:
    /// 0.984, 0.865, 0.971; cae06cc: 0.992, 0.902, 0.984).
    blind_pages_35: "blind-pages-35.jsonl", precision 0.98, recall 0.90;

    /// Twenty-four pages (seventeen news pages from cities and regions, Alexandria to Manama:
    /// council decisions, an accident, a verdict, market prices, exam results, a hospital, a
    /// religious occasion, a festival, a match report, fishing, an interview, a column, a
    /// weather alert, an obituary, a factory's opening, a crime brief, a charity; a forum
    /// thread, a travel blog, a government e-service, a shop's product with reviews, a used
    /// car's ad, a Q&A page, a grammar lesson) by a twenty-seventh helper that saw no rule,
    /// with the conventions of set 20, written during the session that began at 6278b3f and
    /// measured once, unseen, with e5333d9 (precision 0.996, recall 0.888, body kept 0.990;
    /// 9e8d725: 0.979, 0.869, 0.954; cae06cc: 0.994, 0.882, 0.988; 6278b3f: 0.996, 0.885,
    /// 0.990).
    blind_pages_36: "blind-pages-36.jsonl", precision 0.98, recall 0.88;
}
