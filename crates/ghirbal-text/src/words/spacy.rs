//! The spaCy-compatible splitter (datatrove's blank "ar" pipeline): whitespace chunks, then
//! prefix, suffix and infix rules, special cases, URL-like tokens kept whole.

use super::*;

// spaCy-compatible splitter (blank "ar" pipeline)

/// Single characters split off at either end of a token.
pub(super) const PUNCT: &[char] = &[
    '…', ',', ':', ';', '!', '?', '¿', '؟', '¡', '(', ')', '[', ']', '{', '}', '<', '>', '_', '#',
    '*', '&', '。', '？', '！', '，', '、', '；', '：', '～', '·', '।', '،', '۔', '؛', '٪',
];

pub(super) const QUOTES: &[char] = &[
    '\'', '"', '\u{201d}', '\u{201c}', '`', '\u{2018}', '\u{b4}', '\u{2019}', '\u{201a}', ',',
    '\u{201e}', '\u{bb}', '\u{ab}', '\u{300c}', '\u{300d}', '\u{300e}', '\u{300f}', '\u{ff08}',
    '\u{ff09}', '\u{3014}', '\u{3015}', '\u{3010}', '\u{3011}', '\u{300a}', '\u{300b}', '\u{3008}',
    '\u{3009}', '\u{2329}', '\u{232a}', '\u{27e6}', '\u{27e7}',
];

pub(super) const CURRENCY: &[&str] = &[
    "US$", "C$", "A$", "$", "£", "€", "¥", "฿", "₽", "﷼", "₴", "₠", "₡", "₢", "₣", "₤", "₥", "₦",
    "₧", "₨", "₩", "₪", "₫", "₭", "₮", "₯", "₰", "₱", "₲", "₳", "₵", "₶", "₷", "₸", "₹", "₺", "₻",
    "₼", "₾", "₿",
];

/// The one-character currency symbols.
pub(super) const CURRENCY_CHARS: &[char] = &[
    '$', '£', '€', '¥', '฿', '₽', '﷼', '₴', '₠', '₡', '₢', '₣', '₤', '₥', '₦', '₧', '₨', '₩', '₪',
    '₫', '₭', '₮', '₯', '₰', '₱', '₲', '₳', '₵', '₶', '₷', '₸', '₹', '₺', '₻', '₼', '₾', '₿',
];

/// Units split off a number they follow (`10كم`, `15%`).
pub(super) const UNITS: &[&str] = &[
    "km",
    "km²",
    "km³",
    "m",
    "m²",
    "m³",
    "dm",
    "dm²",
    "dm³",
    "cm",
    "cm²",
    "cm³",
    "mm",
    "mm²",
    "mm³",
    "ha",
    "µm",
    "nm",
    "yd",
    "in",
    "ft",
    "kg",
    "g",
    "mg",
    "µg",
    "t",
    "lb",
    "oz",
    "m/s",
    "km/h",
    "kmh",
    "mph",
    "hPa",
    "Pa",
    "mbar",
    "mb",
    "MB",
    "kb",
    "KB",
    "gb",
    "GB",
    "tb",
    "TB",
    "T",
    "G",
    "M",
    "K",
    "%",
    "км",
    "км²",
    "км³",
    "м",
    "м²",
    "м³",
    "дм",
    "дм²",
    "дм³",
    "см",
    "см²",
    "см³",
    "мм",
    "мм²",
    "мм³",
    "нм",
    "кг",
    "г",
    "мг",
    "м/с",
    "км/ч",
    "кПа",
    "Па",
    "мбар",
    "Кб",
    "КБ",
    "кб",
    "Мб",
    "МБ",
    "мб",
    "Гб",
    "ГБ",
    "гб",
    "Тб",
    "ТБ",
    "тбكم",
    "كم²",
    "كم³",
    "م",
    "م²",
    "م³",
    "سم",
    "سم²",
    "سم³",
    "مم",
    "مم²",
    "مم³",
    "كم",
    "غرام",
    "جرام",
    "جم",
    "كغ",
    "ملغ",
    "كوب",
    "اكواب",
];

/// `+`, a currency symbol or a unit (what splits off a number it follows).
pub(super) fn is_unit_or_currency(tail: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| UNITS.iter().chain(CURRENCY).copied().collect());
    tail == "+" || (tail.len() <= 12 && SET.contains(tail))
}

/// Strings the tokenizer never splits (emoticons, a few abbreviations), as documented for
/// spaCy's base tokenizer exceptions. Only those with a character some rule would split are
/// listed; the rest come out as one token anyway.
pub(super) const SPECIALS: &[&str] = &[
    "'",
    "''",
    "(*_*)",
    "(-8",
    "(-:",
    "(-;",
    "(-_-)",
    "(._.)",
    "(:",
    "(;",
    "(=",
    "(>_<)",
    "(^_^)",
    "(o:",
    "(¬_¬)",
    "(ಠ_ಠ)",
    "(╯°□°）╯︵┻━┻",
    ")-:",
    "):",
    "-_-",
    "-__-",
    "._.",
    "0.0",
    "0.o",
    "0_0",
    "0_o",
    "8)",
    "8-)",
    "8-D",
    "8D",
    ":'(",
    ":')",
    ":'-(",
    ":'-)",
    ":(",
    ":((",
    ":(((",
    ":()",
    ":)",
    ":))",
    ":)))",
    ":*",
    ":-(",
    ":-((",
    ":-(((",
    ":-)",
    ":-))",
    ":-)))",
    ":-*",
    ":-/",
    ":-0",
    ":-3",
    ":->",
    ":-D",
    ":-O",
    ":-P",
    ":-X",
    ":-]",
    ":-o",
    ":-p",
    ":-x",
    ":-|",
    ":-}",
    ":/",
    ":0",
    ":1",
    ":3",
    ":>",
    ":D",
    ":O",
    ":P",
    ":X",
    ":]",
    ":o",
    ":o)",
    ":p",
    ":x",
    ":|",
    ":}",
    ":’(",
    ":’)",
    ":’-(",
    ":’-)",
    ";)",
    ";-)",
    ";-D",
    ";D",
    ";_;",
    "<.<",
    "</3",
    "<3",
    "<33",
    "<333",
    "<space>",
    "=(",
    "=)",
    "=/",
    "=3",
    "=D",
    "=[",
    "=]",
    "=|",
    ">.<",
    ">.>",
    ">:(",
    ">:o",
    "><(((*>",
    "@_@",
    "C++",
    "O.O",
    "O.o",
    "O_O",
    "O_o",
    "V.V",
    "V_V",
    "XD",
    "XDD",
    "[-:",
    "[:",
    "[=",
    "\\\")",
    "\\n",
    "\\t",
    "]=",
    "^_^",
    "^__^",
    "^___^",
    "a.",
    "b.",
    "c.",
    "d.",
    "e.",
    "f.",
    "g.",
    "h.",
    "i.",
    "j.",
    "k.",
    "l.",
    "m.",
    "n.",
    "o.",
    "o.0",
    "o.O",
    "o.o",
    "o_0",
    "o_O",
    "o_o",
    "p.",
    "q.",
    "r.",
    "s.",
    "t.",
    "u.",
    "v.",
    "v.v",
    "v_v",
    "w.",
    "x.",
    "xD",
    "xDD",
    "y.",
    "z.",
    "¯\\(ツ)/¯",
    "°C.",
    "°F.",
    "°K.",
    "°c.",
    "°f.",
    "°k.",
    "ä.",
    "ö.",
    "ü.",
    "ಠ_ಠ",
    "ಠ︵ಠ",
    "—",
    "’",
    "’’",
];

pub(super) fn is_special(s: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| SPECIALS.iter().copied().collect());
    static FIRST: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<char> = SPECIALS.iter().filter_map(|s| s.chars().next()).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    // Most chunks are words that no special starts like; only the few that do are looked up.
    // No special has an Arabic letter (lead bytes D8..DB).
    s.len() <= 24
        && s.chars()
            .next()
            .is_some_and(|c| FIRST.binary_search(&c).is_ok())
        && !s.bytes().any(|b| (0xD8..=0xDB).contains(&b))
        && SET.contains(s)
}

/// How the rules alone split a special string.
pub(super) fn special_parts(special: &str) -> Option<&'static [String]> {
    static PARTS: std::sync::LazyLock<std::collections::HashMap<&'static str, Vec<String>>> =
        std::sync::LazyLock::new(|| {
            SPECIALS
                .iter()
                .map(|sp| {
                    let mut v = Vec::new();
                    split_chunk(sp, &mut v, false);
                    (*sp, v.into_iter().map(String::from).collect())
                })
                .collect()
        });
    PARTS.get(special).map(Vec::as_slice)
}

/// Merges runs of adjacent tokens of one chunk that are a special string split by the rules
/// (spaCy matches its exceptions again on the tokens, so `برس):` ends in the emoticon `):`).
pub(super) fn merge_specials<'a>(chunk: &'a str, out: &mut Vec<&'a str>, from: usize) {
    if out.len() - from < 2 {
        return;
    }
    let base = chunk.as_ptr() as usize;
    let offset = |t: &str| t.as_ptr() as usize - base;
    let mut i = from;
    while i + 1 < out.len() {
        let start = offset(out[i]);
        let mut merged = false;
        for j in (i + 2..=out.len().min(i + 8)).rev() {
            let end = offset(out[j - 1]) + out[j - 1].len();
            let text = &chunk[start..end];
            if end - start <= 24
                && is_special(text)
                && special_parts(text).is_some_and(|parts| parts.iter().eq(out[i..j].iter()))
            {
                out.splice(i..j, std::iter::once(&chunk[start..end]));
                merged = true;
                break;
            }
        }
        if !merged || i + 1 < out.len() {
            i += 1;
        }
    }
}

/// Letters of scripts without case (Arabic among them) count as both lower and upper case in
/// the tokenizer's character classes.
pub(super) fn is_arabic_alpha(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D5}' | '\u{06E5}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08BD}' | '\u{FB50}'..='\u{FBB1}'
        | '\u{FBD3}'..='\u{FD3D}' | '\u{FD50}'..='\u{FDC7}' | '\u{FDF0}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}' | '\u{1EE00}'..='\u{1EEBB}')
}

pub(super) fn sp_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return is_arabic_alpha(c);
    }
    is_arabic_alpha(c) || (c.is_alphabetic() && !is_mark(c))
}

pub(super) fn sp_uncased(c: char) -> bool {
    sp_alpha(c) && !c.is_lowercase() && !c.is_uppercase()
}

pub(super) fn sp_lower(c: char) -> bool {
    c.is_lowercase() && sp_alpha(c) || sp_uncased(c)
}

pub(super) fn sp_upper(c: char) -> bool {
    c.is_uppercase() && sp_alpha(c) || sp_uncased(c)
}

/// Unicode general category M* (combining marks: Arabic diacritics among them).
pub fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::NonspacingMark | Gc::SpacingMark | Gc::EnclosingMark
    )
}

pub(super) fn is_icon(c: char) -> bool {
    !c.is_ascii() && get_general_category(c) == Gc::OtherSymbol
}

pub(super) fn first(s: &str) -> Option<char> {
    s.chars().next()
}

/// Length in bytes of the prefix the tokenizer splits off `s`, 0 for none.
pub(super) fn prefix_len(s: &str) -> usize {
    let Some(c) = first(s) else { return 0 };
    if c == '.' {
        let dots = s.bytes().take_while(|&b| b == b'.').count();
        return if dots >= 2 { dots } else { 0 };
    }
    if s.starts_with("US$") {
        return 3;
    }
    if s.starts_with("C$") || s.starts_with("A$") {
        return 2;
    }
    if c == '+' {
        return if s[1..].starts_with(|d: char| d.is_ascii_digit()) {
            0
        } else {
            1
        };
    }
    let single = matches!(c, '§' | '%' | '=' | '—' | '–')
        || PUNCT.contains(&c)
        || QUOTES.contains(&c)
        || CURRENCY_CHARS.contains(&c)
        || is_icon(c);
    if single {
        c.len_utf8()
    } else {
        0
    }
}

/// Length in bytes of the suffix the tokenizer splits off `s`, 0 for none: the leftmost start
/// from which one of the suffix rules matches to the end.
pub(super) fn suffix_len(s: &str) -> usize {
    // Candidate starts: the last few characters (units are at most 5 long) and a run of dots.
    let dots = s.bytes().rev().take_while(|&b| b == b'.').count();
    let mut best: Option<usize> = None;
    if dots >= 2 {
        best = Some(s.len() - dots);
    }
    let mut starts = [0usize; 6];
    let mut n_starts = 0;
    for (i, _) in s.char_indices().rev().take(6) {
        starts[n_starts] = i;
        n_starts += 1;
    }
    for &p in starts[..n_starts].iter().rev() {
        if best.is_some_and(|b| b <= p) {
            break;
        }
        let tail = &s[p..];
        let mut tc = tail.chars();
        let (Some(c), rest_empty) = (tc.next(), tc.next().is_none()) else {
            continue;
        };
        let before = &s[..p];
        let prev = before.chars().next_back();
        let ok = (rest_empty
            && (c == '…'
                || c == '—'
                || c == '–'
                || PUNCT.contains(&c)
                || QUOTES.contains(&c)
                || is_icon(c)))
            || matches!(tail, "'s" | "'S" | "’s" | "’S")
            || (prev.is_some_and(|d| d.is_ascii_digit()) && is_unit_or_currency(tail))
            || (tail == "." && {
                let mut b = before.chars().rev();
                let (x, y) = (b.next(), b.next());
                x.is_some_and(dot_may_follow)
                    || (matches!(x, Some('F' | 'f' | 'C' | 'c' | 'K' | 'k')) && y == Some('°'))
                    || matches!((x, y), (Some(x), Some(y)) if sp_upper(x) && sp_upper(y))
            });
        if ok {
            best = Some(p);
            break;
        }
    }
    best.map_or(0, |p| s.len() - p)
}

/// Characters after which a final full stop is split off: digits, lower-case and uncased
/// letters, `%²-+`, punctuation, quotes (and the literal `|():?` of the rule's character class).
pub(super) fn dot_may_follow(c: char) -> bool {
    c.is_ascii_digit()
        || sp_lower(c)
        || matches!(c, '%' | '²' | '-' | '+' | '|' | '(' | ')' | ':' | '?')
        || PUNCT.contains(&c)
        || QUOTES.contains(&c)
}

pub(super) fn hyphen_at(s: &str) -> usize {
    for h in ["-", "–", "—", "--", "---", "——", "~"] {
        if let Some(rest) = s.strip_prefix(h) {
            if first(rest).is_some_and(sp_alpha) {
                return h.len();
            }
        }
    }
    0
}

/// The infix matches in `s`, left to right, as byte ranges.
pub(super) fn infixes(s: &str, out: &mut Vec<(usize, usize)>) {
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let rest = &s[i..];
        let next = rest[c.len_utf8()..].chars().next();
        let mut len = 0;
        if c == '.' && next == Some('.') {
            len = rest.bytes().take_while(|&b| b == b'.').count();
        } else if c == '…' || is_icon(c) {
            len = c.len_utf8();
        } else if let Some(p) = prev {
            let arithmetic = p.is_ascii_digit()
                && matches!(c, '+' | '-' | '*' | '^')
                && next.is_some_and(|n| n.is_ascii_digit() || n == '-');
            let full_stop = c == '.'
                && (sp_lower(p) || QUOTES.contains(&p))
                && next.is_some_and(|n| sp_upper(n) || QUOTES.contains(&n));
            let comma = c == ',' && sp_alpha(p) && next.is_some_and(sp_alpha);
            if arithmetic || full_stop || comma {
                len = 1;
            } else if sp_alpha(p) && matches!(c, '-' | '–' | '—' | '~') {
                len = hyphen_at(rest);
            }
            if len == 0
                && (sp_alpha(p) || p.is_ascii_digit())
                && matches!(c, ':' | '<' | '>' | '=' | '/')
                && next.is_some_and(sp_alpha)
            {
                len = 1;
            }
        }
        if len > 0 {
            out.push((i, i + len));
            let end = i + len;
            let mut last = c;
            while let Some(&(j, d)) = it.peek() {
                if j >= end {
                    break;
                }
                last = d;
                it.next();
            }
            prev = Some(last);
        } else {
            prev = Some(c);
        }
    }
}

pub(super) fn spacy_words<'a>(text: &'a str, out: &mut Vec<&'a str>) {
    // One pass over the bytes finds the chunks between spaces and notes whether a chunk is
    // plain Arabic letters and marks, which no rule splits (most chunks of Arabic text).
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let len = space_len(b, i);
        if len > 0 {
            i += len;
            continue;
        }
        let start = i;
        let mut plain = true;
        while i < n {
            let c = b[i];
            // Most characters of Arabic text: a two-byte sequence led by D8..DB.
            if c & 0xFC == 0xD8 {
                let next = b.get(i + 1).copied().unwrap_or(0);
                plain &= PLAIN_ARABIC[(usize::from(c & 3) << 6) | usize::from(next & 0x3F)];
                i += 2;
                continue;
            }
            if c < 0x80 {
                if SPACE_CLASS[c as usize] == 1 {
                    break;
                }
                plain = false;
                i += 1;
                continue;
            }
            let next = b.get(i + 1).copied().unwrap_or(0);
            match c {
                0xD8 => plain &= next >= 0xA0,
                0xD9 => plain &= next <= 0x9F || next >= 0xB0,
                0xDA => {}
                0xDB => plain &= next <= 0x93,
                0xC2 | 0xE1 | 0xE2 | 0xE3 if space_len(b, i) > 0 => break,
                _ => plain = false,
            }
            i += utf8_len(c);
        }
        let Some(chunk) = text.get(start..i.min(n)) else {
            break;
        };
        if plain {
            out.push(chunk);
        } else {
            split_chunk(chunk, out, true);
        }
    }
}

/// For U+0600..=U+06FF, indexed by (lead byte - D8) * 64 + (continuation byte & 3F): is the
/// character one of the plain Arabic letters and marks (U+0620..=U+065F, U+0670..=U+06D3)?
pub(super) const PLAIN_ARABIC: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < 256 {
        let cp = 0x600 + k as u32;
        t[k] = (cp >= 0x620 && cp <= 0x65F) || (cp >= 0x670 && cp <= 0x6D3);
        k += 1;
    }
    t
};

/// Length of the UTF-8 sequence a lead byte starts.
#[inline]
pub(super) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The non-empty runs of `text` between characters for which Python's `isspace()` holds,
/// scanned on bytes: only a few lead bytes can start a non-ASCII space.
pub fn py_space_chunks(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Skip spaces.
        loop {
            if i >= b.len() {
                return None;
            }
            let n = space_len(b, i);
            if n == 0 {
                break;
            }
            i += n;
        }
        let start = i;
        while i < b.len() && space_len(b, i) == 0 {
            i += 1;
        }
        text.get(start..i)
    })
}

/// Per byte: 1 for an ASCII space, 2 for a lead byte that may start a non-ASCII space.
pub(super) const SPACE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0x09;
    while i <= 0x0d {
        t[i] = 1;
        i += 1;
    }
    let mut i = 0x1c;
    while i <= 0x20 {
        t[i] = 1;
        i += 1;
    }
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// Length in bytes of the space character starting at `b[i]`, 0 if none starts there.
#[inline]
pub(super) fn space_len(b: &[u8], i: usize) -> usize {
    match SPACE_CLASS[b[i] as usize] {
        0 => 0,
        1 => 1,
        _ => {
            if b[i] == 0xC2 {
                if matches!(b.get(i + 1), Some(0x85 | 0xA0)) {
                    2
                } else {
                    0
                }
            } else if text_char(b, i).is_some_and(is_py_space) {
                3
            } else {
                0
            }
        }
    }
}

pub(super) fn text_char(b: &[u8], i: usize) -> Option<char> {
    let s = b.get(i..i + 3)?;
    std::str::from_utf8(s).ok()?.chars().next()
}

/// Arabic letters and marks (no digits, no punctuation): no rule splits a chunk made of them.
pub(super) fn is_plain_arabic(chunk: &str) -> bool {
    // On the UTF-8 bytes: two-byte sequences led by D8..DB, looked up in the same table the
    // chunk scanner uses.
    let b = chunk.as_bytes();
    b.len().is_multiple_of(2)
        && b.chunks_exact(2).all(|p| {
            p[0] & 0xFC == 0xD8
                && PLAIN_ARABIC[(usize::from(p[0] & 3) << 6) | usize::from(p[1] & 0x3F)]
        })
}

/// The common case of an Arabic word with one opening mark before it and/or one closing mark
/// after it (`«الرياض»`, `الرياض،`, `(واس).` is not one): the rules give exactly the mark,
/// the word, the mark. Returns false, pushing nothing, for anything else.
pub(super) fn simple_affixes<'a>(chunk: &'a str, out: &mut Vec<&'a str>) -> bool {
    let mut start = 0;
    let mut end = chunk.len();
    let first = chunk.chars().next();
    if let Some(c @ ('(' | '«' | '"' | '[' | '“')) = first {
        start = c.len_utf8();
    }
    let last = chunk[start..].chars().next_back();
    let mut suffix_dot = false;
    if let Some(c) = last {
        if matches!(
            c,
            '،' | ':' | '؛' | '؟' | '!' | '?' | ',' | ';' | ')' | '"' | '»' | ']' | '”'
        ) {
            end -= c.len_utf8();
        } else if c == '.' {
            end -= 1;
            suffix_dot = true;
        }
    }
    if (start == 0 && end == chunk.len()) || start >= end {
        return false;
    }
    let core = &chunk[start..end];
    if !is_plain_arabic(core) {
        return false;
    }
    // A full stop splits off only after a letter (not after a diacritic).
    if suffix_dot && !core.chars().next_back().is_some_and(is_arabic_alpha) {
        return false;
    }
    if start > 0 {
        out.push(&chunk[..start]);
    }
    out.push(core);
    if end < chunk.len() {
        out.push(&chunk[end..]);
    }
    true
}

/// Splits one whitespace-free chunk; `specials` false gives the rules alone.
pub(super) fn split_chunk<'a>(chunk: &'a str, out: &mut Vec<&'a str>, specials: bool) {
    // All ASCII digits (a number) or all ASCII letters (a Latin word): no rule splits these.
    let b = chunk.as_bytes();
    if b.iter().all(u8::is_ascii_digit) || b.iter().all(u8::is_ascii_alphabetic) {
        out.push(chunk);
        return;
    }
    if simple_affixes(chunk, out) {
        return;
    }
    let is_special = |s: &str| specials && is_special(s);
    if is_special(chunk) {
        out.push(chunk);
        return;
    }
    let chunk_start = out.len();
    let mut suffixes: Vec<&'a str> = Vec::new();
    // Prefixes and suffixes, one of each per round, as long as something changes.
    let mut s = chunk;
    let mut last_len = usize::MAX;
    while !s.is_empty() && s.len() != last_len {
        if is_special(s) {
            break;
        }
        last_len = s.len();
        let pre = prefix_len(s);
        if pre != 0 && s.len() > pre && is_special(&s[pre..]) {
            out.push(&s[..pre]);
            s = &s[pre..];
            break;
        }
        let suf = suffix_len(&s[pre..]);
        if suf != 0 && s.len() > suf && is_special(&s[..s.len() - suf]) {
            suffixes.push(&s[s.len() - suf..]);
            s = &s[..s.len() - suf];
            break;
        }
        if pre != 0 && suf != 0 && pre + suf <= s.len() {
            out.push(&s[..pre]);
            suffixes.push(&s[s.len() - suf..]);
            s = &s[pre..s.len() - suf];
        } else if pre != 0 {
            out.push(&s[..pre]);
            s = &s[pre..];
        } else if suf != 0 {
            suffixes.push(&s[s.len() - suf..]);
            s = &s[..s.len() - suf];
        }
    }
    if !s.is_empty() {
        if is_special(s) || is_url(s) {
            out.push(s);
        } else {
            let mut infix_buf = Vec::new();
            infixes(s, &mut infix_buf);
            let mut start = 0;
            for &(a, b) in &infix_buf {
                if a == 0 {
                    continue;
                }
                if a != start {
                    out.push(&s[start..a]);
                }
                out.push(&s[a..b]);
                start = b;
            }
            if start < s.len() {
                out.push(&s[start..]);
            }
        }
    }
    out.extend(suffixes.drain(..).rev());
    if specials {
        merge_specials(chunk, out, chunk_start);
    }
}
