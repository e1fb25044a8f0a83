//! ONTAP's query values: every field of a `show` command filters its rows, with the
//! clustershell's operators (ONTAP 9 documentation, "Use query operators"): `*` matches any
//! text, `!` negates, `|` joins alternatives, `<`, `>`, `<=`, `>=` and `a..b` compare numbers
//! and sizes. Names compare without regard to case. Examples from the field:
//! `-vserver *`, `-volume !*_dest`, `-percent-used >90`, `-volume-style-extended flexgroup*`.

use crate::engine::ontap::fields::Kind;
use anf_core::wave::parse_ontap_size;
use std::cmp::Ordering;

/// Whether `value` (as a `show` command prints it) matches the query `pattern`.
#[must_use]
pub fn matches(kind: Kind, pattern: &str, value: &str) -> bool {
    pattern.split('|').any(|alt| matches_one(kind, alt.trim(), value))
}

fn matches_one(kind: Kind, pattern: &str, value: &str) -> bool {
    if let Some(rest) = pattern.strip_prefix('!') {
        return !matches_one(kind, rest, value);
    }
    for (op, wanted) in [
        ("<=", &[Ordering::Less, Ordering::Equal][..]),
        (">=", &[Ordering::Greater, Ordering::Equal][..]),
        ("<", &[Ordering::Less][..]),
        (">", &[Ordering::Greater][..]),
    ] {
        if let Some(bound) = pattern.strip_prefix(op) {
            return compare(kind, value, bound).is_some_and(|o| wanted.contains(&o));
        }
    }
    if let Some((low, high)) = pattern.split_once("..") {
        let above = compare(kind, value, low).is_some_and(|o| o != Ordering::Less);
        let below = compare(kind, value, high).is_some_and(|o| o != Ordering::Greater);
        return above && below;
    }
    if kind != Kind::Text && !pattern.contains('*') {
        if let Some(o) = compare(kind, value, pattern) {
            return o == Ordering::Equal;
        }
    }
    glob(&pattern.to_ascii_lowercase(), &value.to_ascii_lowercase())
}

/// `value` against `bound`, as numbers or sizes when the field holds them.
fn compare(kind: Kind, value: &str, bound: &str) -> Option<Ordering> {
    match kind {
        Kind::Size => {
            let v = parse_ontap_size(value).ok()??;
            let b = parse_ontap_size(bound).ok()??;
            Some(v.cmp(&b))
        }
        Kind::Number => {
            let num = |s: &str| s.trim().trim_end_matches('%').parse::<f64>().ok();
            num(value)?.partial_cmp(&num(bound)?)
        }
        Kind::Text => Some(value.to_ascii_lowercase().cmp(&bound.to_ascii_lowercase())),
    }
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_negation_and_alternatives() {
        assert!(matches(Kind::Text, "*", "svm_nfs"));
        assert!(matches(Kind::Text, "svm_*", "svm_nfs"));
        assert!(matches(Kind::Text, "SVM_NFS", "svm_nfs"));
        assert!(!matches(Kind::Text, "svm_", "svm_nfs"));
        assert!(matches(Kind::Text, "!*_dest", "vol_home"));
        assert!(!matches(Kind::Text, "!*_dest", "vol_home_dest"));
        assert!(matches(Kind::Text, "vol_a|vol_b", "vol_b"));
        assert!(matches(Kind::Text, "flexgroup*", "flexgroup"));
        assert!(!matches(Kind::Text, "flexgroup*", "flexvol"));
        assert!(matches(Kind::Text, "*home*", "vol_home_2"));
        assert!(!matches(Kind::Text, "a*b*c", "acb"));
    }

    #[test]
    fn sizes_and_numbers_compare_by_value() {
        assert!(matches(Kind::Size, ">1TB", "1.20TB"));
        assert!(!matches(Kind::Size, ">1TB", "900GB"));
        assert!(matches(Kind::Size, "1024GB", "1TB"));
        assert!(matches(Kind::Size, "100GB..2TB", "500GB"));
        assert!(!matches(Kind::Size, "100GB..2TB", "3TB"));
        assert!(matches(Kind::Number, ">90", "95%"));
        assert!(!matches(Kind::Number, ">90", "90%"));
        assert!(matches(Kind::Number, ">=90", "90%"));
        assert!(!matches(Kind::Size, ">1GB", "-"));
    }
}
