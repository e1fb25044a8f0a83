//! Sign-in with Microsoft Entra ID in the browser: the redirect round trip, the token session and
//! its storage, renewal, claims challenges, tenant switch and sign-out.
//!
//! Every decision is made by `anf_core::auth` (pure, tested natively); this folder only does what
//! needs a browser: storage, navigation, `fetch` and the clock.
//!
//! Start-up order matters (MSAL's rule against redirect loops): call [`start`] before the router
//! is mounted, so the sign-in response in the address bar is consumed and the saved route put back
//! before any route (or redirect) runs.

//! Modules, from the leaves up (each imports only those above it): `types`, `browser`, `http`,
//! `store` -> `state` -> `interactive` -> `sign_in_chunk` (the interactive parts, a chunk of
//! their own in the split build) -> `client` -> `context`.

mod browser;
mod client;
mod context;
mod http;
mod interactive;
mod sign_in_chunk;
mod state;
mod store;
mod types;

pub use anf_core::auth::{Account, AuthError};
pub use client::{start, AuthClient};
pub use context::{provide_auth, use_auth, AuthContext};
pub use types::{AfterUnauthorized, AuthStatus, SignInOptions, StartOutcome};

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
