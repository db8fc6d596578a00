//! How the text was found, on pages made to show each path.

use ghirbal_html::{extract, Options, Path};

#[test]
fn a_page_of_menus_and_labels_has_no_text() {
    let page = "<html><body><div class='top'><a href='/'>Home</a> <a href='/a'>About</a></div>\
        <div>Login</div><div>Cart (0)</div><div><a href='/help'>Help Center</a>, <a href='/r'>Returns</a></div></body></html>";
    let ex = extract(page, &Options::default());
    assert_eq!(ex.path, Path::NoText);
    assert!(ex.text.is_empty(), "{}", ex.text);
}

#[test]
fn a_short_page_with_one_sentence_keeps_it() {
    let page = "<html><body><nav><a href='/'>الرئيسية</a></nav><p>وصل الوفد إلى العاصمة صباح اليوم.</p></body></html>";
    let ex = extract(page, &Options::default());
    assert_eq!(ex.text, "وصل الوفد إلى العاصمة صباح اليوم.");
}

#[test]
fn repeated_items_are_found_with_the_text_before_them() {
    let mut page = String::from("<html><body><h1>Trails</h1><p>Our association builds and keeps the trails of the region, with volunteers every weekend of the year.</p><div class='list'>");
    for i in 0..6 {
        page.push_str(&format!(
            "<div class='card elementor-element-{i}ab'><h2>Trail number {i}</h2><div>Difficulty: beginner to intermediate</div><div>Length: {i} miles of single track</div><a href='/t{i}'>View map</a></div>"
        ));
    }
    page.push_str("</div></body></html>");
    let ex = extract(&page, &Options::default());
    assert_eq!(ex.path, Path::Items, "{}", ex.text);
    assert!(ex.text.contains("volunteers every weekend"), "{}", ex.text);
    assert!(ex.text.contains("Trail number 5"), "{}", ex.text);
}
