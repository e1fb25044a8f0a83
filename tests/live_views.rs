//! Live views in one browser share ARM's read budget (issue 14: two views open must not double
//! the reads): each counts the others from their entries in localStorage; a view gone stale or
//! gone away no longer counts.
#![cfg(target_arch = "wasm32")]

use anf_migrate::state::live::views::{self, KEY, STALE};
use anf_migrate::storage::{self, Area};
use std::collections::BTreeMap;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn entries() -> BTreeMap<String, u64> {
    storage::load(Area::Local, KEY).unwrap_or_default()
}

#[wasm_bindgen_test]
fn views_count_each_other_until_they_go_stale_or_leave() {
    storage::remove(Area::Local, KEY);
    let me = views::new_id();
    assert_eq!(views::polling(&me), 1, "alone");
    assert!(entries().contains_key(&me), "the entry is written");
    // Another tab's view polled a moment ago; a third's last poll is older than STALE.
    let mut e = entries();
    e.insert("other-tab".into(), now_ms() - 1_000);
    e.insert("gone-quiet".into(), now_ms() - STALE.as_millis() as u64 - 1_000);
    storage::save(Area::Local, KEY, &e);
    assert_eq!(views::polling(&me), 2, "the fresh one counts, the stale one doesn't");
    assert!(!entries().contains_key("gone-quiet"), "stale entries are dropped");
    // The other view goes away.
    views::left("other-tab");
    assert_eq!(views::polling(&me), 1);
    views::left(&me);
    assert!(entries().is_empty());
}

#[wasm_bindgen_test]
fn a_second_view_in_the_same_page_counts_too() {
    storage::remove(Area::Local, KEY);
    let (a, b) = (views::new_id(), views::new_id());
    assert_ne!(a, b);
    assert_eq!(views::polling(&a), 1);
    assert_eq!(views::polling(&b), 2);
    assert_eq!(views::polling(&a), 2);
    views::left(&a);
    views::left(&b);
}
