//! JSON values in the browser's Web Storage, kept apart per signed-in user.
//!
//! sessionStorage holds what must survive a reload or the sign-in redirect but not outlive the
//! tab (drafts, running operations, cut-overs, the demo world, the activity log);
//! localStorage holds what must still be there tomorrow and is no secret: preferences (theme,
//! chosen scope), the migration ledger, each migration's checklist and notes, and the tab
//! leases. Tokens never come through here.
//!
//! A shared PC, or a second account signed in in the same tab, must never see or act on what
//! the previous user left (ASVS V3.3.1, V8.2). So in Azure mode every key but the few that are
//! nobody's (the theme, the tab leases) carries the signed-in user's tenant and object id
//! ([`set_owner`]): another user's operations, cut-overs, ledger and drafts are simply not
//! there for this one. Sign-out removes the user's session data ([`forget_owner_session`]) and
//! takes no more of it while the page leaves (a late save would write it back),
//! and a start-up removes whatever other users left in this tab's sessionStorage
//! ([`forget_other_owners_session`]). Demo mode has no users: its keys are bare.

use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;

/// Which Web Storage area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Per tab; survives reloads and redirects.
    Session,
    /// Per origin; survives closing the browser.
    Local,
}

/// Every key the app writes starts with this.
const PREFIX: &str = "anf-migrate.";
/// What separates a key from its owner.
const OWNER_MARK: &str = "@";
/// Keys that belong to nobody: the theme is the browser's, a lease names a tab, not a user.
/// Sign-in's own keys (the session and a sign-in in progress) are kept apart by `auth::store`.
const UNOWNED: [&str; 3] = ["anf-migrate.theme", "anf-migrate.lease.", "anf-migrate.auth."];

thread_local! {
    static OWNER: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Signed out: nothing more goes into sessionStorage for the owner who left (a timer or a
    /// `pagehide` save while the page leaves for the sign-out would write their data back).
    static SESSION_SEALED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whose data the app reads and writes from now on: `tenant` + `user` (the ID token's `tid`
/// and `oid`), or `None` for demo mode.
pub fn set_owner(owner: Option<(&str, &str)>) {
    let owner =
        owner.map(|(t, u)| format!("{}.{}", t.to_ascii_lowercase(), u.to_ascii_lowercase()));
    OWNER.with(|o| *o.borrow_mut() = owner);
    // Someone is signed in (again): their session data may be kept.
    SESSION_SEALED.with(|s| s.set(false));
}

/// The current owner's mark, as appended to keys.
#[must_use]
pub fn owner() -> Option<String> {
    OWNER.with(|o| o.borrow().clone())
}

/// The key as stored: with the owner's mark unless it belongs to nobody.
#[must_use]
pub fn owned_key(key: &str) -> String {
    match owner() {
        Some(o) if !UNOWNED.iter().any(|u| key.starts_with(u)) => format!("{key}{OWNER_MARK}{o}"),
        _ => key.to_owned(),
    }
}

fn storage(area: Area) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Session => window.session_storage().ok().flatten(),
        Area::Local => window.local_storage().ok().flatten(),
    }
}

/// Reads and parses a value; anything missing or unreadable is `None` (start afresh).
#[must_use]
pub fn load<T: DeserializeOwned>(area: Area, key: &str) -> Option<T> {
    let text = storage(area)?.get_item(&owned_key(key)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Whether a value is stored under `key` (without reading it).
#[must_use]
pub fn exists(area: Area, key: &str) -> bool {
    storage(area).is_some_and(|s| s.get_item(&owned_key(key)).ok().flatten().is_some())
}

/// Stores a value. A full or disabled storage only means it is not kept.
pub fn save<T: Serialize>(area: Area, key: &str, value: &T) {
    if area == Area::Session && SESSION_SEALED.with(std::cell::Cell::get) {
        return;
    }
    if let (Some(s), Ok(text)) = (storage(area), serde_json::to_string(value)) {
        let _ = s.set_item(&owned_key(key), &text);
    }
}

/// Removes a value.
pub fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(&owned_key(key));
    }
}

/// Removes the app's keys in `area` whose owner `remove` picks.
fn remove_where(area: Area, remove: impl Fn(Option<&str>) -> bool) {
    let Some(s) = storage(area) else { return };
    let keys: Vec<String> =
        (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).collect();
    for key in keys {
        if !key.starts_with(PREFIX) || UNOWNED.iter().any(|u| key.starts_with(u)) {
            continue;
        }
        let owner = key.split_once(OWNER_MARK).map(|(_, o)| o);
        if remove(owner) {
            let _ = s.remove_item(&key);
        }
    }
}

/// Sign-out: removes the signed-in user's session data from this tab (operations, cut-overs,
/// drafts, wizard steps, the activity log). Their localStorage (ledger, notes) stays theirs,
/// keyed to them, for their next sign-in.
pub fn forget_owner_session() {
    if let Some(mine) = owner() {
        remove_where(Area::Session, |o| o == Some(mine.as_str()));
        SESSION_SEALED.with(|s| s.set(true));
    }
}

/// The sign-out did not leave the page (the browser refused to navigate): the user is still
/// here, and their session data is saved again.
pub fn reopen_owner_session() {
    SESSION_SEALED.with(|s| s.set(false));
}

/// Start-up: removes what other users (or an earlier session without a user) left in this
/// tab's sessionStorage, so it can't be shown or resumed for the one signed in now.
pub fn forget_other_owners_session() {
    let mine = owner();
    remove_where(Area::Session, |o| o != mine.as_deref());
}
