//! JSON values in the browser's Web Storage.
//!
//! sessionStorage holds what must survive a reload or the sign-in redirect but not outlive the
//! tab (drafts, running operations, cut-overs, the demo world, the activity log);
//! localStorage holds what must still be there tomorrow and is no secret: preferences (theme,
//! chosen scope), the migration ledger, each migration's checklist and notes, and the tab
//! leases. Tokens never come through here.

use serde::{de::DeserializeOwned, Serialize};

/// Which Web Storage area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Per tab; survives reloads and redirects.
    Session,
    /// Per origin; survives closing the browser.
    Local,
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
    let text = storage(area)?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Stores a value. A full or disabled storage only means it is not kept.
pub fn save<T: Serialize>(area: Area, key: &str, value: &T) {
    if let (Some(s), Ok(text)) = (storage(area), serde_json::to_string(value)) {
        let _ = s.set_item(key, &text);
    }
}

/// Removes a value.
pub fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}
