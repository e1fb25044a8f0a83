//! The interactive sign-in's code, in a chunk of its own in the split build: leaving for the
//! identity provider (the PKCE verifier, `state` and `nonce` drawn and saved), coming back (the
//! code redeemed), and the tenant switch. A signed-in user who opens the app, which is every
//! load but the first of a session, needs none of it: its chunk is fetched only when the
//! address bar carries a sign-in response or the user (or a claims challenge) asks to sign in.
//!
//! Each entry point takes the sign-in's state shared (`Rc`, since a split function's arguments
//! are passed by value) and gives back the future that does the work, so the work's code is
//! reached from the split function alone and lands in its chunk. Without the split (the browser
//! tests, `trunk serve`) the twins below call the same code directly.

use super::interactive;
use super::state::AuthState;
use super::types::SignInOptions;
use crate::lazy::ChunkError;
use anf_core::auth::AuthError;
use futures::future::LocalBoxFuture;
use std::rc::Rc;

/// What the chunk hands back: the work, to await in the caller.
type Work<T> = LocalBoxFuture<'static, Result<T, AuthError>>;

fn begin_work(state: Rc<AuthState>, options: SignInOptions) -> Work<()> {
    Box::pin(interactive::prepare_sign_in(&state, options))
}

fn complete_work(state: Rc<AuthState>) -> Work<Option<String>> {
    Box::pin(async move { interactive::complete_sign_in(&state).await })
}

fn switch_work(state: Rc<AuthState>, tenant: String) -> Work<()> {
    Box::pin(async move { interactive::switch_silently(&state, &tenant).await })
}

#[cfg(anf_split)]
#[leptos::wasm_split::wasm_split(sign_in, wasm_split_path = ::leptos::wasm_split, fallible)]
fn begin_loaded(state: Rc<AuthState>, options: SignInOptions) -> Result<Work<()>, ChunkError> {
    Ok(begin_work(state, options))
}

#[cfg(anf_split)]
#[leptos::wasm_split::wasm_split(sign_in, wasm_split_path = ::leptos::wasm_split, fallible)]
fn complete_loaded(state: Rc<AuthState>) -> Result<Work<Option<String>>, ChunkError> {
    Ok(complete_work(state))
}

#[cfg(anf_split)]
#[leptos::wasm_split::wasm_split(sign_in, wasm_split_path = ::leptos::wasm_split, fallible)]
fn switch_loaded(state: Rc<AuthState>, tenant: String) -> Result<Work<()>, ChunkError> {
    Ok(switch_work(state, tenant))
}

#[cfg(not(anf_split))]
#[allow(clippy::unused_async)] // the split build's twin awaits its chunk
async fn begin_loaded(
    state: Rc<AuthState>,
    options: SignInOptions,
) -> Result<Work<()>, ChunkError> {
    Ok(begin_work(state, options))
}

#[cfg(not(anf_split))]
#[allow(clippy::unused_async)] // the split build's twin awaits its chunk
async fn complete_loaded(state: Rc<AuthState>) -> Result<Work<Option<String>>, ChunkError> {
    Ok(complete_work(state))
}

#[cfg(not(anf_split))]
#[allow(clippy::unused_async)] // the split build's twin awaits its chunk
async fn switch_loaded(state: Rc<AuthState>, tenant: String) -> Result<Work<()>, ChunkError> {
    Ok(switch_work(state, tenant))
}

/// The sign-in's chunk did not arrive: said in the words the sign-in status shows.
fn not_loaded(ChunkError: ChunkError) -> AuthError {
    AuthError::Network(
        "the sign-in's code could not be loaded (offline, or a new version of the site replaced \
         it); reload the page"
            .into(),
    )
}

/// Leaves for the identity provider ([`interactive::prepare_sign_in`]).
pub(super) async fn begin(state: Rc<AuthState>, options: SignInOptions) -> Result<(), AuthError> {
    begin_loaded(state, options).await.map_err(not_loaded)?.await
}

/// Completes the sign-in response in the address bar ([`interactive::complete_sign_in`]); call
/// it only when there is one ([`interactive::response_in_address_bar`]).
pub(super) async fn complete(state: Rc<AuthState>) -> Result<Option<String>, AuthError> {
    complete_loaded(state).await.map_err(not_loaded)?.await
}

/// Switches tenant with the refresh token ([`interactive::switch_silently`]).
pub(super) async fn switch(state: Rc<AuthState>, tenant: String) -> Result<(), AuthError> {
    switch_loaded(state, tenant).await.map_err(not_loaded)?.await
}
