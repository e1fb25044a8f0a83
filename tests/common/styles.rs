//! The app's stylesheets in the test page, for tests of layout (the runner loads none): the
//! global ones as they are, and component ones with their class names hashed as stylance
//! hashes them, so the rules under test are the shipped ones.
#![allow(dead_code)] // each test file uses its own subset

use leptos::prelude::document;

const GLOBAL: [&str; 3] = [
    include_str!("../../style/tokens.css"),
    include_str!("../../style/base.css"),
    include_str!("../../style/controls.css"),
];

/// A component stylesheet: its text, and one of its classes as written and as the component
/// sees it (`import_crate_style!` in the test gives the latter), from which the file's hash is
/// read.
pub struct Module<'a> {
    pub css: &'a str,
    pub class: &'a str,
    pub hashed: &'a str,
}

/// `css` with every class selector `.name` written `.name-{hash}`.
fn hash_classes(css: &str, hash: &str) -> String {
    // Comments first: their words are not selectors.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut out = String::with_capacity(text.len() * 2);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let starts_name = chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == '_');
        if c == '.' && !after_digit && starts_name {
            let mut j = i + 1;
            while j < chars.len() && ident(chars[j]) {
                out.push(chars[j]);
                j += 1;
            }
            out.push('-');
            out.push_str(hash);
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// Adds the global stylesheets and `modules` to the page, once each.
pub fn load_styles(modules: &[Module<'_>]) {
    let head = document().head().unwrap();
    let add = |id: &str, css: &str| {
        if document().get_element_by_id(id).is_some() {
            return;
        }
        let style = document().create_element("style").unwrap();
        style.set_id(id);
        style.set_text_content(Some(css));
        head.append_child(&style).unwrap();
    };
    for (i, css) in GLOBAL.iter().enumerate() {
        add(&format!("test-global-css-{i}"), css);
    }
    for m in modules {
        let hash = m
            .hashed
            .strip_prefix(&format!("{}-", m.class))
            .unwrap_or_else(|| panic!("{} is not {}-<hash>", m.hashed, m.class));
        add(&format!("test-module-css-{hash}"), &hash_classes(m.css, hash));
    }
}
