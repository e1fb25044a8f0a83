//! What the sign-in code hands to the rest of the app: where sign-in stands, how to sign in,
//! and what to do after ARM refused a token.

use anf_core::auth::{Account, AuthError, Prompt};

/// Where sign-in stands, for the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthStatus {
    /// Nobody is signed in in this tab.
    SignedOut,
    /// Signed in.
    SignedIn(Account),
    /// Tokens can't be renewed without the user: offer "Sign in" (work on the page is kept).
    SignInRequired {
        /// What happened and what to do, in plain words.
        message: String,
    },
    /// Sign-in failed; say why.
    Error {
        /// What happened and what to do, in plain words.
        message: String,
    },
}

/// How to sign in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInOptions {
    /// `prompt` (e.g. [`Prompt::SelectAccount`] to pick another account).
    pub prompt: Option<Prompt>,
    /// Sign in to this tenant instead of the current one.
    pub tenant: Option<String>,
    /// A claims request (from ARM's claims challenge).
    pub claims: Option<String>,
    /// Pre-fill this account; defaults to the signed-in one.
    pub login_hint: Option<String>,
}

/// What [`crate::auth::start`] found in the address bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartOutcome {
    /// No sign-in response: an ordinary page load.
    NoResponse,
    /// Signed in; the address bar now shows `return_to`, the route saved before leaving.
    SignedIn {
        /// The restored route (path, query, fragment).
        return_to: String,
    },
    /// The response was refused or the sign-in failed; the status says why.
    Failed(AuthError),
}

/// What the transport should do after ARM answered 401.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub enum AfterUnauthorized {
    /// Ask for a token again and retry the call once.
    RetryWithNewToken,
    /// The browser is leaving to sign in again (claims challenge); the call is retried when the
    /// page comes back.
    RedirectingToSignIn,
    /// Nothing works without the user: show [`AuthStatus::SignInRequired`].
    SignInRequired,
}
