//! Finding each kind of identifier in a text: one function per kind, each adding candidate
//! spans that [`Pii::mask`] resolves (earliest first, longest first, overlaps dropped).

use super::checksums::{ascii_digits, ascii_text, egyptian_id, iban_len, luhn, saudi_id};
use super::{Kind, Pii};
use ghirbal_text::script::is_any_digit;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A candidate: its byte range in the text and its kind.
type Span = (usize, usize, Kind);

/// The first character boundary at or after `i` (slicing text at a byte offset found by
/// arithmetic must never split a character).
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A run of digits in the text, single separators (space, dot, dash, parentheses, slash)
/// allowed between them.
struct DigitRun {
    start: usize,
    end: usize,
    digits: usize,
}

fn digit_runs(text: &str) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut current: Option<DigitRun> = None;
    let mut separators = 0;
    for (i, c) in text.char_indices() {
        if is_any_digit(c) {
            let run = current.get_or_insert(DigitRun {
                start: i,
                end: i,
                digits: 0,
            });
            run.digits += 1;
            run.end = i + c.len_utf8();
            separators = 0;
        } else if current.is_some()
            && separators < 2
            && matches!(c, ' ' | '.' | '-' | '(' | ')' | '/' | '\u{2013}')
        {
            separators += 1;
        } else if let Some(run) = current.take() {
            runs.push(run);
            separators = 0;
        }
    }
    runs.extend(current);
    runs
}

fn ipv4_public(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || o[0] == 0
        || (o[0] == 100 && (64..128).contains(&o[1]))
        || o[0] >= 240)
}

fn ipv6_public(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] == 0x2001 && s[1] == 0x0db8)
        || ip.to_ipv4_mapped().is_some_and(|v4| !ipv4_public(v4)))
}

/// Whether `needle` occurs in `bytes`: a cheap test before a pattern runs over the text.
fn has(bytes: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(bytes, needle).is_some()
}

/// What the detectors of numbers share for one text: its digit runs and the spans of the URLs
/// in it.
struct Numbers<'a> {
    text: &'a str,
    runs: Vec<DigitRun>,
    urls: Vec<(usize, usize)>,
}

impl<'a> Numbers<'a> {
    fn in_url(&self, s: usize, e: usize) -> bool {
        self.urls.iter().any(|&(us, ue)| s < ue && e > us)
    }

    /// A number glued to more digits or Latin letters, or continued by a separator and more
    /// digits (2.063.000.000, 1,234,567), is part of something else.
    fn bounded(&self, s: usize, e: usize) -> bool {
        let inner =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || is_any_digit(c));
        let joins = |c: Option<char>| matches!(c, Some('.' | ',' | '-' | '/' | '٫' | '٬' | '،'));
        let mut before = self.text[..s].chars().rev();
        let mut after = self.text[e..].chars();
        let (b1, b2) = (before.next(), before.next());
        let (a1, a2) = (after.next(), after.next());
        let glued = inner(b1) || inner(a1);
        let continued = (joins(b1) && inner(b2)) || (joins(a1) && inner(a2));
        !glued && !continued
    }

    /// Windows (offset, slice) around runs of at least `min` digits, reaching `back` bytes
    /// before the run for prefixes such as "+" or a keyword.
    fn windows(&self, min: usize, back: usize) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        let text = self.text;
        self.runs
            .iter()
            .filter(move |r| r.digits >= min)
            .map(move |r| {
                let from = ceil_boundary(text, r.start.saturating_sub(back));
                let to = ceil_boundary(text, (r.end + 2).min(text.len()));
                (from, &text[from..to])
            })
    }
}

impl Pii {
    /// Whether `digits` (ASCII, separators removed) has the shape of an Arab-world national
    /// phone number with its leading 0.
    fn national_phone_shape(digits: &str) -> bool {
        let b = digits.as_bytes();
        if b.first() != Some(&b'0') {
            return false;
        }
        match (b.len(), b.get(1), b.get(2)) {
            // Egypt mobile 010/011/012/015 + 8; Egypt landline 02/03 + 8.
            (11, Some(b'1'), Some(b'0' | b'1' | b'2' | b'5')) => true,
            (10, Some(b'2' | b'3'), _) => true,
            // Gulf, Jordan, Maghreb mobiles: 05/06/07 + 8.
            (10, Some(b'5' | b'6' | b'7'), _) => true,
            // Saudi, Gulf, Levant, Maghreb landlines: 01–09 + 7 (9 digits).
            (9, Some(b'1'..=b'9'), _) => true,
            _ => false,
        }
    }

    /// Candidate spans (byte ranges) with their kind; overlaps are resolved later. The kinds
    /// are looked for in a fixed order, which decides between equal spans.
    ///
    /// Every kind but e-mail needs a run of digits, so the text is scanned once for digit runs
    /// (digits of any script, with single separators between them) and the digit patterns run
    /// only on small windows around runs long enough for them: most of a document's bytes are
    /// never seen by a regex.
    pub(super) fn find(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let bytes = text.as_bytes();
        if self.opts.email {
            self.emails(text, &mut spans);
        }
        let runs = digit_runs(text);
        if runs.is_empty() {
            return spans;
        }
        let urls: Vec<(usize, usize)> = if has(bytes, b"http") || has(bytes, b"www.") {
            self.url
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect()
        } else {
            Vec::new()
        };
        let numbers = Numbers { text, runs, urls };
        if self.opts.ip {
            self.ips(&numbers, &mut spans);
        }
        if self.opts.iban && bytes.iter().any(u8::is_ascii_uppercase) {
            self.ibans(&numbers, &mut spans);
        }
        if self.opts.national_id {
            self.national_ids(&numbers, &mut spans);
        }
        if self.opts.card {
            self.cards(&numbers, &mut spans);
        }
        if self.opts.phone {
            self.phones(&numbers, &mut spans);
        }
        spans
    }

    /// E-mail addresses, plain or obfuscated (`name [at] domain [dot] com`).
    fn emails(&self, text: &str, spans: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        if memchr::memchr(b'@', bytes).is_some() {
            for m in self.email.find_iter(text) {
                spans.push((m.start(), m.end(), Kind::Email));
            }
        }
        let obfuscated = ["at]", "at)", "at}", "AT]", "AT)", "At]", "At)", "@]", "@)"]
            .iter()
            .any(|n| has(bytes, n.as_bytes()));
        if obfuscated {
            for m in self.email_obfuscated.find_iter(text) {
                spans.push((m.start(), m.end(), Kind::Email));
            }
        }
    }

    /// Public IPv4 and IPv6 addresses (and phone numbers written as dotted pairs after a
    /// phone word, which the IPv4 pattern also matches).
    fn ips(&self, numbers: &Numbers, spans: &mut Vec<Span>) {
        let text = numbers.text;
        let bytes = text.as_bytes();
        for (off, w) in numbers.windows(4, 0) {
            for m in self.ipv4.find_iter(w) {
                let (s, e) = (off + m.start(), off + m.end());
                let dotted: String = m
                    .as_str()
                    .split('.')
                    .map(ascii_digits)
                    .collect::<Vec<_>>()
                    .join(".");
                let public = dotted.parse::<Ipv4Addr>().is_ok_and(ipv4_public);
                if public && numbers.bounded(s, e) && !numbers.in_url(s, e) {
                    // Eight digits in dotted pairs after a phone word is a phone number
                    // written the Maghreb way (70.101.300, 81.10.77.77), not an address.
                    let pairs = m.as_str().split('.').all(|o| o.chars().count() == 2);
                    let from = ceil_boundary(text, s.saturating_sub(80));
                    let phone = pairs && self.phone_context.is_match(&text[from..s]);
                    spans.push((s, e, if phone { Kind::Phone } else { Kind::Ip }));
                }
            }
        }
        let colons = memchr::memchr_iter(b':', bytes).take(7).count();
        if has(bytes, b"::") || colons >= 7 {
            for m in self.ipv6.find_iter(text) {
                let ascii = ascii_text(m.as_str());
                let public = ascii.parse::<Ipv6Addr>().is_ok_and(ipv6_public);
                if public && ascii.len() >= 6 && numbers.bounded(m.start(), m.end()) {
                    spans.push((m.start(), m.end(), Kind::Ip));
                }
            }
        }
    }

    /// IBANs whose country length and mod-97 checksum hold, cut to that length.
    fn ibans(&self, numbers: &Numbers, spans: &mut Vec<Span>) {
        for m in self.iban.find_iter(numbers.text) {
            if let Some(len) = iban_len(m.as_str()) {
                if numbers.bounded(m.start(), m.start() + len) {
                    spans.push((m.start(), m.start() + len, Kind::Iban));
                }
            }
        }
    }

    /// Egyptian and Saudi national ids, only right after an id keyword.
    fn national_ids(&self, numbers: &Numbers, spans: &mut Vec<Span>) {
        for (off, w) in numbers.windows(10, 80) {
            for c in self.id_keyed.captures_iter(w) {
                let Some(m) = c.get(1) else { continue };
                let (s, e) = (off + m.start(), off + m.end());
                let d = ascii_digits(m.as_str());
                if numbers.bounded(s, e) && (egyptian_id(&d) || saudi_id(&d)) {
                    spans.push((s, e, Kind::NationalId));
                }
            }
        }
    }

    /// Payment card numbers: 13–19 digits, a known issuer prefix (not an ISBN's 978/979),
    /// Luhn verified.
    fn cards(&self, numbers: &Numbers, spans: &mut Vec<Span>) {
        for (off, w) in numbers.windows(13, 0) {
            for m in self.card.find_iter(w) {
                let (s, e) = (off + m.start(), off + m.end());
                let d = ascii_digits(m.as_str());
                let issuer = matches!(d.as_bytes()[0], b'2'..=b'6')
                    && !d.starts_with("978")
                    && !d.starts_with("979");
                if issuer
                    && (13..=19).contains(&d.len())
                    && luhn(&d)
                    && numbers.bounded(s, e)
                    && !numbers.in_url(s, e)
                {
                    spans.push((s, e, Kind::Card));
                }
            }
        }
    }

    /// Phone numbers: international with an Arab-world country code, national with a leading
    /// 0 (not after "ISBN"), and any 7–12 digits right after a phone word.
    fn phones(&self, numbers: &Numbers, spans: &mut Vec<Span>) {
        let text = numbers.text;
        let not_isbn = |s: usize| {
            let from = ceil_boundary(text, s.saturating_sub(24));
            !self.isbn.is_match(&text[from..s])
        };
        for (off, w) in numbers.windows(9, 4) {
            for m in self.phone_international.find_iter(w) {
                let (s, e) = (off + m.start(), off + m.end());
                let d = ascii_digits(m.as_str());
                if (9..=15).contains(&d.len()) && !numbers.in_url(s, e) && numbers.bounded(s, e) {
                    spans.push((s, e, Kind::Phone));
                }
            }
            for m in self.phone_national.find_iter(w) {
                let (s, e) = (off + m.start(), off + m.end());
                let d = ascii_digits(m.as_str());
                if Self::national_phone_shape(&d)
                    && numbers.bounded(s, e)
                    && !numbers.in_url(s, e)
                    && not_isbn(s)
                {
                    spans.push((s, e, Kind::Phone));
                }
            }
        }
        for (off, w) in numbers.windows(7, 60) {
            for c in self.phone_keyed.captures_iter(w) {
                let Some(m) = c.get(1) else { continue };
                let (s, e) = (off + m.start(), off + m.end());
                let d = ascii_digits(m.as_str());
                if (7..=12).contains(&d.len()) && numbers.bounded(s, e) && !numbers.in_url(s, e) {
                    spans.push((s, e, Kind::Phone));
                }
            }
        }
    }
}
