//! Sign-in with Microsoft Entra ID, the pure part: authorization code + PKCE as MSAL.js does it.
//!
//! The browser glue (redirects, storage, fetch) lives in the app; everything that can be decided
//! without a browser is decided here, with `now` passed in, so it is tested natively:
//! URLs ([`authority`], [`authorize`]), the redirect response ([`redirect`]), the token endpoint
//! ([`token`]), the ID token checks ([`id_token`]), the session and its renewal ([`session`]),
//! ARM's claims challenge ([`claims`]) and the identity provider's errors in plain words
//! ([`error`]).

pub mod authority;
pub mod authorize;
pub mod claims;
pub mod error;
pub mod id_token;
pub mod pkce;
pub mod redirect;
pub mod session;
pub mod token;

pub use authority::{Authority, OpenIdConfiguration};
pub use authorize::{AuthorizeParams, PendingSignIn, Prompt, ResponseMode, SignInSecrets};
pub use claims::ClaimsChallenge;
pub use error::{AuthError, IdpError};
pub use id_token::IdTokenClaims;
pub use pkce::Pkce;
pub use redirect::RedirectResponse;
pub use session::{Account, Session, TokenDecision};
pub use token::TokenResponse;

/// The scopes every sign-in asks for besides the resource's: an ID token, the user's name and a
/// refresh token (MSAL adds the same three).
pub const OIDC_SCOPES: [&str; 3] = ["openid", "profile", "offline_access"];
