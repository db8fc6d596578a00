//! The pure checks a candidate number must pass before it is masked: the Luhn digit of cards
//! and Saudi ids, the country length and mod-97 of IBANs, the birth date and governorate of
//! Egyptian ids. Each works on ASCII digits, whatever script the text wrote them in.

use ghirbal_text::script::ascii_digit;

/// IBAN lengths by country (ISO 13616 registry; the Arab world and common European ones).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("SA", 24),
    ("AE", 23),
    ("KW", 30),
    ("QA", 29),
    ("BH", 22),
    ("OM", 23),
    ("JO", 30),
    ("LB", 28),
    ("PS", 29),
    ("IQ", 23),
    ("EG", 29),
    ("LY", 25),
    ("TN", 24),
    ("DZ", 26),
    ("MA", 28),
    ("MR", 27),
    ("SD", 18),
    ("SY", 0),
    ("YE", 0),
    ("TR", 26),
    ("IL", 23),
    ("FR", 27),
    ("DE", 22),
    ("GB", 22),
    ("ES", 24),
    ("IT", 27),
    ("NL", 18),
    ("BE", 16),
    ("CH", 21),
    ("AT", 20),
    ("SE", 24),
    ("NO", 15),
    ("DK", 18),
    ("FI", 18),
    ("IE", 22),
    ("PT", 25),
    ("GR", 27),
    ("PL", 28),
    ("RO", 24),
    ("LU", 20),
    ("PK", 24),
    ("IR", 26),
];

/// The digits of `s` in ASCII, whatever script wrote them; other characters are dropped.
pub(super) fn ascii_digits(s: &str) -> String {
    s.chars().filter_map(ascii_digit).collect()
}

/// `s` with every digit, in any script, written as its ASCII digit, and the rest unchanged.
pub(super) fn ascii_text(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

/// Whether `digits` (ASCII) ends in a valid Luhn check digit.
pub(super) fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// The length in bytes of the valid IBAN at the start of `raw`, if any: the country's length
/// of characters (spaces allowed between them, digits in any script) with a mod-97 of 1. A
/// match that runs on into following words is cut back to that length.
pub(super) fn iban_len(raw: &str) -> Option<usize> {
    let country = raw.get(..2)?;
    let &(_, len) = IBAN_LENGTHS.iter().find(|(cc, _)| *cc == country)?;
    if len == 0 {
        return None;
    }
    let mut compact = String::with_capacity(len);
    let mut end = 0;
    for (i, c) in raw.char_indices() {
        if c == ' ' {
            continue;
        }
        let c = if c.is_ascii_alphanumeric() {
            c
        } else {
            ascii_digits(&c.to_string()).chars().next()?
        };
        compact.push(c.to_ascii_uppercase());
        if compact.len() == len {
            end = i + raw[i..].chars().next().map_or(1, char::len_utf8);
            break;
        }
    }
    if compact.len() != len {
        return None;
    }
    let (head, tail) = compact.split_at(4);
    let mut rem: u32 = 0;
    for b in tail.bytes().chain(head.bytes()) {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    (rem == 1).then_some(end)
}

/// An Egyptian national id: century digit 2 or 3, a real birth date, a governorate code.
pub(super) fn egyptian_id(d: &str) -> bool {
    if d.len() != 14 {
        return false;
    }
    let b = d.as_bytes();
    let num = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let (month, day, gov) = (num(3), num(5), num(7));
    matches!(b[0], b'2' | b'3')
        && (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && matches!(gov, 1..=4 | 11..=19 | 21..=29 | 31..=35 | 88)
}

/// A Saudi national (1…) or resident (2…) id: ten digits with a Luhn check digit.
pub(super) fn saudi_id(d: &str) -> bool {
    d.len() == 10 && matches!(d.as_bytes()[0], b'1' | b'2') && luhn(d)
}
