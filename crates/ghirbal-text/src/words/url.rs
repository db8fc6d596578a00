//! URL-like tokens for the spaCy-compatible splitter.

use super::*;

// URL-like tokens, after the tokenizer's URL pattern: optional scheme, optional user info,
// a dotted host whose last label is two or more lower-case (or uncased, e.g. Arabic) letters,
// optional port, optional path. Host labels accept any character from U+00A1 to U+FFFF, which
// is why two Arabic words glued by a full stop count as a URL.

pub(super) fn label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

pub(super) fn is_url(s: &str) -> bool {
    // Every host has a dot (names and IP addresses alike).
    if !s.contains('.') {
        return false;
    }
    let mut rest = s;
    if let Some(i) = s.find("://") {
        let scheme = &s[..i];
        if scheme.chars().count() >= 2
            && scheme
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '+' | '-' | '.'))
        {
            rest = &s[i + 3..];
        }
    }
    if host_port_path(rest) {
        return true;
    }
    // User info: anything without spaces up to an `@`.
    rest.match_indices('@')
        .any(|(i, _)| i > 0 && host_port_path(&rest[i + 1..]))
}

pub(super) fn host_port_path(s: &str) -> bool {
    let host_end = s.find(['/', '?', '#']).unwrap_or(s.len());
    let (host_port, _path) = s.split_at(host_end);
    // The host region may not contain characters outside labels, dots and a port.
    let (host, port) = match host_port.rfind(':') {
        Some(i) => (&host_port[..i], Some(&host_port[i + 1..])),
        None => (host_port, None),
    };
    if let Some(p) = port {
        if !(2..=5).contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    if is_ip(host) {
        return true;
    }
    let mut labels = host.split('.');
    let Some(tld) = labels.next_back() else {
        return false;
    };
    let n_tld = tld.chars().count();
    if !(2..=63).contains(&n_tld) || !tld.chars().all(sp_lower) {
        return false;
    }
    let mut n = 0;
    for label in labels {
        n += 1;
        let mut cs = label.chars();
        let ok = match (cs.next(), cs.next_back()) {
            (None, _) => false,
            (Some(only), None) => label_char(only),
            (Some(a), Some(z)) => {
                label_char(a)
                    && label_char(z)
                    && cs.clone().count() <= 62
                    && cs.all(|c| label_char(c) || c == '_' || c == '-')
            }
        };
        if !ok {
            return false;
        }
    }
    n >= 1
}

pub(super) fn is_ip(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() != 4 {
        return false;
    }
    let mut nums = [0u32; 4];
    for (k, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        nums[k] = p.parse().unwrap_or(999);
    }
    let private = nums[0] == 10
        || nums[0] == 127
        || (nums[0] == 169 && nums[1] == 254)
        || (nums[0] == 192 && nums[1] == 168)
        || (nums[0] == 172 && (16..=31).contains(&nums[1]));
    !private
        && (1..=223).contains(&nums[0])
        && nums[1] <= 255
        && nums[2] <= 255
        && (1..=254).contains(&nums[3])
}
