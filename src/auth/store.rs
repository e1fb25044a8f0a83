//! Where the session and the sign-in in progress are kept.
//!
//! Tokens go to sessionStorage (gone with the tab, survives a reload and the redirect) or, if
//! configured, memory only; never localStorage, the URL or a log. The sign-in in progress always
//! goes to sessionStorage: it must survive the trip to the identity provider.

use anf_core::auth::{PendingSignIn, Session};
use anf_core::settings::TokenStorage;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

const SESSION_KEY: &str = "anf-migrate.auth.session.v1";
const PENDING_KEY: &str = "anf-migrate.auth.pending.v1";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// A session as stored, with the client it belongs to (a changed config.json discards it).
#[derive(Serialize, Deserialize)]
struct Stored {
    client_id: String,
    session: Session,
}

/// The session's home, per the `tokenStorage` setting.
pub(crate) struct SessionStore {
    kind: TokenStorage,
    client_id: String,
    memory: RefCell<Option<Session>>,
}

impl SessionStore {
    pub(crate) fn new(kind: TokenStorage, client_id: &str) -> Self {
        Self { kind, client_id: client_id.to_owned(), memory: RefCell::new(None) }
    }

    /// The saved session of this client, if any.
    pub(crate) fn load(&self) -> Option<Session> {
        match self.kind {
            TokenStorage::Memory => self.memory.borrow().clone(),
            TokenStorage::Session => {
                let text = session_storage()?.get_item(SESSION_KEY).ok()??;
                let stored: Stored = serde_json::from_str(&text).ok()?;
                (stored.client_id == self.client_id).then_some(stored.session)
            }
        }
    }

    /// Saves (or with `None`, forgets) the session.
    pub(crate) fn save(&self, session: Option<&Session>) {
        match self.kind {
            TokenStorage::Memory => *self.memory.borrow_mut() = session.cloned(),
            TokenStorage::Session => {
                let Some(storage) = session_storage() else { return };
                match session {
                    None => {
                        let _ = storage.remove_item(SESSION_KEY);
                    }
                    Some(s) => {
                        let stored =
                            Stored { client_id: self.client_id.clone(), session: s.clone() };
                        if let Ok(text) = serde_json::to_string(&stored) {
                            let _ = storage.set_item(SESSION_KEY, &text);
                        }
                    }
                }
            }
        }
    }
}

/// Remembers the sign-in in progress until the browser comes back.
pub(crate) fn save_pending(pending: &PendingSignIn) -> bool {
    let (Some(storage), Ok(text)) = (session_storage(), serde_json::to_string(pending)) else {
        return false;
    };
    storage.set_item(PENDING_KEY, &text).is_ok()
}

/// Forgets the sign-in in progress without reading it (signing out).
pub(crate) fn forget_pending() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(PENDING_KEY);
    }
}

/// Takes the sign-in in progress out of storage: it can be completed once only.
pub(crate) fn take_pending() -> Option<PendingSignIn> {
    let storage = session_storage()?;
    let text = storage.get_item(PENDING_KEY).ok()??;
    let _ = storage.remove_item(PENDING_KEY);
    serde_json::from_str(&text).ok()
}
