//! Where a user's waves are kept: localStorage under [`WavePlan::storage_key`] for the signed-in
//! tenant and user (the ID token's `tid` and `oid`), or a fixed "demo" user in demo mode.
//!
//! Several tabs may show the same waves, and one of them drives each running wave (a tab
//! lease). So no tab writes back a copy it holds: every change is a read-modify-write of the
//! stored value. To spare parsing hundreds of volumes for every change, each save also writes a
//! small version stamp; a tab whose last save is still the stored version uses its own copy.
//! Another tab's save shows here through the `storage` event.

use crate::arm::browser_env::now;
use crate::storage::{self, Area};
use anf_core::wave::saved::WaveStore;
use anf_core::wave::WavePlan;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The user of demo mode (the simulator has one tenant and no sign-in).
pub const DEMO_USER: &str = "demo";

/// The storage key of a user's waves; `None` when nobody is signed in (nothing is kept then).
#[must_use]
pub fn owner_key(demo: bool, account: Option<&anf_core::auth::Account>) -> Option<String> {
    if demo {
        return Some(WavePlan::storage_key(DEMO_USER, DEMO_USER));
    }
    let account = account?;
    // The object id is the user; an ID token without one (a guest in an old tenant) falls back
    // to the sign-in name, which is still this user's.
    let user = account.object_id.clone().or_else(|| account.username.clone())?;
    Some(WavePlan::storage_key(&account.tenant_id, &user))
}

fn version_key(key: &str) -> String {
    format!("{key}.version")
}

thread_local! {
    /// The version this tab last saved or loaded, per key.
    static SEEN: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn seen(key: &str) -> Option<String> {
    SEEN.with(|s| s.borrow().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

fn set_seen(key: &str, version: String) {
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(k, _)| k != key);
        s.push((key.to_owned(), version));
    });
}

fn stored_version(key: &str) -> String {
    storage::load::<String>(Area::Local, &version_key(key)).unwrap_or_default()
}

/// The stored waves.
#[must_use]
pub fn load(key: &str) -> WaveStore {
    set_seen(key, stored_version(key));
    storage::load(Area::Local, key).unwrap_or_default()
}

/// Whether `copy` (this tab's, last saved or loaded here) is still what is stored.
#[must_use]
pub fn is_current(key: &str) -> bool {
    seen(key).is_some_and(|v| v == stored_version(key))
}

/// Saves the waves with a new version stamp.
pub fn save(key: &str, store: &WaveStore) {
    storage::save(Area::Local, key, store);
    stamp(key);
}

/// Forgets the stored waves, with a new version stamp: another tab's copy is then not current,
/// and it hears of the change (without the waves' JSON: the service may not be set up here).
pub fn forget(key: &str) {
    storage::remove(Area::Local, key);
    stamp(key);
}

fn stamp(key: &str) {
    let version = format!("{}-{:08x}", now().millis(), (js_sys::Math::random() * 4e9) as u64);
    storage::save(Area::Local, &version_key(key), &version);
    set_seen(key, version);
}

/// Calls `changed` when another tab saves waves under `key`.
pub fn on_other_tab_save(key: String, changed: impl Fn() + 'static) {
    let watched = version_key(&key);
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(watched.as_str()) {
                changed();
            }
        });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    // The app's services live as long as the page.
    listener.forget();
}
