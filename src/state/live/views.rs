//! How many live views poll in this browser for the signed-in user, so that they share ARM's
//! read budget instead of each taking all of it (the Migrations page in one tab and a wave's
//! page in another would otherwise read twice as much; ARM counts the reads of the user, not
//! of the tab).
//!
//! Each view keeps, under [`KEY`] in the user's localStorage, the time it last polled; a view
//! counts the entries newer than [`STALE`]. A view stops renewing its entry when its tab is
//! hidden (its poll loop pauses) and removes it when it goes away, so the others' share grows
//! back within [`STALE`].

use crate::arm::browser_env::now;
use crate::storage::{self, Area};
use std::collections::BTreeMap;
use std::time::Duration;

/// Where the views' last polls are kept (per user, like the rest of the user's data).
pub const KEY: &str = "anf-migrate.live-views";
/// An entry older than this is a view that went away without saying so (a crash, a closed
/// laptop) or whose tab is hidden.
pub const STALE: Duration = Duration::from_secs(15);
/// How often a view renews its entry (a write to localStorage each second would be wasteful).
const RENEW: Duration = Duration::from_secs(5);

type Entries = BTreeMap<String, u64>;

/// A new view's id.
#[must_use]
pub fn new_id() -> String {
    format!("{:x}-{:08x}", now().millis(), (js_sys::Math::random() * 4e9) as u64)
}

fn fresh(entries: &mut Entries, at: u64) {
    let stale = u64::try_from(STALE.as_millis()).unwrap_or(u64::MAX);
    entries.retain(|_, t| at.saturating_sub(*t) < stale && *t <= at.saturating_add(stale));
}

/// This view polls now: its entry is renewed (when due) and the views polling are counted,
/// this one included.
#[must_use]
pub fn polling(id: &str) -> u32 {
    let at = now().millis();
    let mut entries: Entries = storage::load(Area::Local, KEY).unwrap_or_default();
    let renew = u64::try_from(RENEW.as_millis()).unwrap_or(u64::MAX);
    let due = entries.get(id).is_none_or(|t| at.saturating_sub(*t) >= renew);
    let before = entries.len();
    fresh(&mut entries, at);
    if due || entries.len() != before {
        entries.insert(id.to_owned(), at);
        storage::save(Area::Local, KEY, &entries);
    }
    let others = entries.keys().filter(|k| k.as_str() != id).count();
    u32::try_from(others + 1).unwrap_or(u32::MAX)
}

/// This view went away.
pub fn left(id: &str) {
    let mut entries: Entries = storage::load(Area::Local, KEY).unwrap_or_default();
    if entries.remove(id).is_some() {
        storage::save(Area::Local, KEY, &entries);
    }
}
