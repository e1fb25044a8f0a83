//! Auth in the Leptos tree: one context with the client and its status signal.

use super::client::AuthClient;
use super::types::{AuthStatus, SignInOptions};
use leptos::prelude::*;
use std::rc::Rc;

/// The auth context: a `Copy` handle to the client (browser-only, so kept as a local value) and
/// the status signal.
#[derive(Clone, Copy)]
pub struct AuthContext {
    client: StoredValue<Rc<AuthClient>, LocalStorage>,
    /// Where sign-in stands.
    pub status: RwSignal<AuthStatus>,
}

impl AuthContext {
    /// The client, for the ARM transport.
    #[must_use]
    pub fn client(&self) -> Rc<AuthClient> {
        self.client.get_value()
    }

    /// Starts an interactive sign-in (the page navigates away).
    pub fn sign_in(&self, options: SignInOptions) {
        let client = self.client();
        let status = self.status;
        leptos::task::spawn_local(async move {
            if let Err(e) = client.sign_in(options).await {
                status.set(AuthStatus::Error { message: e.user_message() });
            }
        });
    }

    /// Signs out (the page navigates to the identity provider's sign-out).
    pub fn sign_out(&self) {
        let client = self.client();
        let status = self.status;
        leptos::task::spawn_local(async move {
            if let Err(e) = client.sign_out().await {
                status.set(AuthStatus::Error { message: e.user_message() });
            }
        });
    }

    /// Switches tenant (silently if possible, else through a sign-in at that tenant).
    pub fn switch_tenant(&self, tenant: String) {
        let client = self.client();
        let status = self.status;
        leptos::task::spawn_local(async move {
            if let Err(e) = client.switch_tenant(&tenant).await {
                status.set(AuthStatus::Error { message: e.user_message() });
            }
        });
    }
}

/// Puts the client in context; returns the handle. Takes the client or an `Rc` of it (a
/// `LocalResource` hands out clones, so start-up code may hold it in an `Rc`).
pub fn provide_auth(client: impl Into<Rc<AuthClient>>) -> AuthContext {
    let client: Rc<AuthClient> = client.into();
    let status = RwSignal::from(client.status());
    let ctx = AuthContext { client: StoredValue::new_local(client), status };
    provide_context(ctx);
    ctx
}

/// The auth context, or `None` in demo mode.
#[must_use]
pub fn use_auth() -> Option<AuthContext> {
    use_context::<AuthContext>()
}
