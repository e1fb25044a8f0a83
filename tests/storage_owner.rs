//! Each signed-in user's data is theirs: another user of the same tab or browser finds none of
//! it, sign-out removes the user's session data, and what belongs to nobody (the theme, tab
//! leases, sign-in's own keys) stays.
#![cfg(target_arch = "wasm32")]

use anf_migrate::storage::{self, Area};
use leptos::prelude::window;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn raw(area: Area, key: &str) -> Option<String> {
    let w = window();
    let s = match area {
        Area::Session => w.session_storage(),
        Area::Local => w.local_storage(),
    };
    s.unwrap().unwrap().get_item(key).unwrap()
}

#[wasm_bindgen_test]
fn one_users_data_is_not_another_users() {
    window().session_storage().unwrap().unwrap().clear().unwrap();
    storage::set_owner(Some(("tenant-a", "alice")));
    storage::save(Area::Session, "anf-migrate.operations", &vec![1, 2, 3]);
    storage::save(Area::Local, "anf-migrate.migration-ledger", &"alice's ledger");
    storage::save(Area::Local, "anf-migrate.theme", &"dark");

    storage::set_owner(Some(("tenant-a", "bob")));
    assert_eq!(storage::load::<Vec<u32>>(Area::Session, "anf-migrate.operations"), None);
    assert_eq!(storage::load::<String>(Area::Local, "anf-migrate.migration-ledger"), None);
    assert_eq!(
        storage::load::<String>(Area::Local, "anf-migrate.theme").as_deref(),
        Some("dark"),
        "the theme is the browser's, not a user's"
    );
    // The same user in another tenant is another owner too.
    storage::set_owner(Some(("tenant-b", "alice")));
    assert_eq!(storage::load::<Vec<u32>>(Area::Session, "anf-migrate.operations"), None);

    storage::set_owner(Some(("TENANT-A", "Alice")));
    assert_eq!(
        storage::load::<Vec<u32>>(Area::Session, "anf-migrate.operations"),
        Some(vec![1, 2, 3]),
        "ids compare case-insensitively"
    );
}

#[wasm_bindgen_test]
fn start_up_clears_other_users_session_data_and_sign_out_clears_ones_own() {
    let session = window().session_storage().unwrap().unwrap();
    session.clear().unwrap();
    // Left in the tab: a previous user's operations, data from before users were told apart,
    // sign-in's own pending request, and a tab lease.
    storage::set_owner(Some(("t", "previous")));
    storage::save(Area::Session, "anf-migrate.operations", &"previous user's");
    session.set_item("anf-migrate.cut-overs", "\"nobody's, from an older build\"").unwrap();
    session.set_item("anf-migrate.auth.pending.v1", "\"sign-in in progress\"").unwrap();
    session.set_item("anf-migrate.lease.cut-over.x", "\"a lease\"").unwrap();
    session.set_item("unrelated", "\"another app's\"").unwrap();

    storage::set_owner(Some(("t", "current")));
    storage::save(Area::Session, "anf-migrate.operations", &"mine");
    storage::forget_other_owners_session();
    assert_eq!(raw(Area::Session, "anf-migrate.operations@t.previous"), None);
    assert_eq!(raw(Area::Session, "anf-migrate.cut-overs"), None);
    assert!(raw(Area::Session, "anf-migrate.auth.pending.v1").is_some(), "sign-in's own key stays");
    assert!(raw(Area::Session, "anf-migrate.lease.cut-over.x").is_some(), "leases are nobody's");
    assert!(raw(Area::Session, "unrelated").is_some(), "only the app's keys are touched");
    assert_eq!(
        storage::load::<String>(Area::Session, "anf-migrate.operations").as_deref(),
        Some("mine")
    );

    storage::forget_owner_session();
    assert_eq!(storage::load::<String>(Area::Session, "anf-migrate.operations"), None);
    assert!(raw(Area::Session, "anf-migrate.auth.pending.v1").is_some());
    // While the page leaves for the sign-out, a late save (a timer, pagehide) writes nothing
    // back; localStorage (the ledger, preferences) is not the session's.
    storage::save(Area::Session, "anf-migrate.operations", &"written back");
    assert_eq!(raw(Area::Session, "anf-migrate.operations@t.current"), None);
    storage::save(Area::Local, "anf-migrate.migration-ledger", &"kept");
    assert!(raw(Area::Local, "anf-migrate.migration-ledger@t.current").is_some());
    storage::remove(Area::Local, "anf-migrate.migration-ledger");
    // Signed in again in the same page: saved again.
    storage::set_owner(Some(("t", "current")));
    storage::save(Area::Session, "anf-migrate.operations", &"mine again");
    assert!(raw(Area::Session, "anf-migrate.operations@t.current").is_some());
    storage::set_owner(None);
    session.clear().unwrap();
}

#[wasm_bindgen_test]
fn demo_mode_keys_are_bare() {
    storage::set_owner(None);
    storage::save(Area::Session, "anf-migrate.demo-world", &1u8);
    assert_eq!(raw(Area::Session, "anf-migrate.demo-world").as_deref(), Some("1"));
    storage::remove(Area::Session, "anf-migrate.demo-world");
}
