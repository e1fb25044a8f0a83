//! A lease in localStorage that lets one tab of this browser act for a resource at a time.
//!
//! A duplicated tab copies sessionStorage, so both tabs find the same running cut-over and would
//! each send its sync and break. The tab holding the lease acts; the other waits until the
//! lease is released or runs out. The lease is long enough to outlast the minute-long timer
//! throttling of a hidden tab, so a tab in the background keeps it.

use crate::arm::browser_env::{now, sleep};
use crate::storage::{self, Area};
use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long a lease holds without renewal.
const LEASE_FOR: Duration = Duration::from_secs(150);
/// How long a tab waits after writing a lease before it trusts it: two tabs taking a free lease
/// at once both write, and the later write wins for both.
const SETTLE: Duration = Duration::from_millis(300);

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Lease {
    tab: String,
    until: Timestamp,
}

thread_local! {
    static TAB: String = format!("{:016x}", (js_sys::Math::random() * 1e16) as u64);
}

fn tab() -> String {
    TAB.with(Clone::clone)
}

fn storage_key(name: &str) -> String {
    format!("anf-migrate.lease.{name}")
}

fn read(name: &str) -> Option<Lease> {
    storage::load(Area::Local, &storage_key(name))
}

fn write(name: &str) {
    let lease = Lease { tab: tab(), until: now().plus(LEASE_FOR) };
    storage::save(Area::Local, &storage_key(name), &lease);
}

/// Whether another tab holds `name` now.
#[must_use]
pub fn held_elsewhere(name: &str) -> bool {
    read(name).is_some_and(|l| l.tab != tab() && l.until > now())
}

/// Takes or renews `name` at once, unless another tab holds it; true when this tab holds it.
/// For an action the user started here.
pub fn take_now(name: &str) -> bool {
    if held_elsewhere(name) {
        return false;
    }
    write(name);
    true
}

/// Renews `name` if this tab still holds it; false when it was lost (it ran out and another tab
/// took it).
pub fn renew(name: &str) -> bool {
    if let Some(l) = read(name).filter(|l| l.tab == tab()) {
        // Written again only past half its life: the callers renew every second or so, and
        // each write wakes every other tab with a storage event.
        if l.until.since(now()) < LEASE_FOR / 2 {
            write(name);
        }
        true
    } else {
        !held_elsewhere(name) && take_now(name)
    }
}

/// Takes `name` if it is free and keeps it once the write has settled; true when this tab
/// holds it. For work resumed by itself, which another tab may be resuming at the same moment.
pub async fn take(name: &str) -> bool {
    if read(name).is_some_and(|l| l.tab == tab()) {
        return renew(name);
    }
    if !take_now(name) {
        return false;
    }
    sleep(SETTLE).await;
    read(name).is_some_and(|l| l.tab == tab())
}

/// Lets every lease of `names` go when the page goes (a reload, a closed tab), so the reloaded
/// page doesn't wait for them to run out: its own tab is a new holder to the lease.
pub fn release_on_page_hide(names: impl Fn() -> Vec<String> + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let listener = Closure::<dyn Fn()>::new(move || {
        for name in names() {
            release(&name);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("pagehide", listener.as_ref().unchecked_ref());
    }
    // Lives as long as the page.
    listener.forget();
}

/// Lets `name` go, if this tab holds it.
pub fn release(name: &str) {
    if read(name).is_some_and(|l| l.tab == tab()) {
        storage::remove(Area::Local, &storage_key(name));
    }
}
