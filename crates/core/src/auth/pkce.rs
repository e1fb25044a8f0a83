//! PKCE (RFC 7636) and the other one-time secrets of a sign-in, all drawn from the `oauth2`
//! crate's generator (the OS or the browser's `crypto.getRandomValues`).

use super::error::AuthError;
use oauth2::{CsrfToken, PkceCodeChallenge, PkceCodeVerifier};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A code verifier and its S256 challenge.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pkce {
    verifier: String,
    challenge: String,
}

impl Pkce {
    /// A fresh verifier of 32 random bytes (43 characters), as MSAL makes it.
    #[must_use]
    pub fn generate() -> Self {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        Self { verifier: verifier.secret().clone(), challenge: challenge.as_str().to_owned() }
    }

    /// The pair for a known verifier (one read back from storage, or a test vector).
    ///
    /// # Errors
    /// [`AuthError::InvalidConfig`] when the verifier is not 43 to 128 characters of
    /// `[A-Za-z0-9-._~]`: the `oauth2` crate would panic on it, and the server would refuse it.
    pub fn from_verifier(verifier: &str) -> Result<Self, AuthError> {
        let ok_len = (43..=128).contains(&verifier.len());
        let ok_chars = verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        if !(ok_len && ok_chars) {
            return Err(AuthError::InvalidConfig(
                "a PKCE code verifier must be 43 to 128 unreserved characters".into(),
            ));
        }
        let challenge =
            PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier.into()));
        Ok(Self { verifier: verifier.to_owned(), challenge: challenge.as_str().to_owned() })
    }

    /// The secret sent to the token endpoint.
    #[must_use]
    pub fn verifier(&self) -> &str {
        &self.verifier
    }

    /// The hash sent to the authorize endpoint.
    #[must_use]
    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

// The verifier is a secret: keep it out of logs.
impl fmt::Debug for Pkce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkce").field("challenge", &self.challenge).finish_non_exhaustive()
    }
}

/// A random URL-safe token (16 bytes, base64url) for `state`, `nonce` and `client-request-id`.
#[must_use]
pub fn random_token() -> String {
    CsrfToken::new_random().secret().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        let p = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        assert_eq!(p.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn generated_pairs_are_fresh_and_consistent() {
        let a = Pkce::generate();
        let b = Pkce::generate();
        assert_ne!(a.verifier(), b.verifier());
        assert_eq!(a.verifier().len(), 43);
        assert_eq!(Pkce::from_verifier(a.verifier()).unwrap(), a);
        assert_ne!(random_token(), random_token());
    }

    #[test]
    fn bad_verifiers_are_refused_not_panicked_on() {
        assert!(Pkce::from_verifier("short").is_err());
        assert!(Pkce::from_verifier(&"a".repeat(129)).is_err());
        assert!(Pkce::from_verifier(&format!("{}+", "a".repeat(43))).is_err());
    }

    #[test]
    fn debug_hides_the_verifier() {
        let p = Pkce::generate();
        assert!(!format!("{p:?}").contains(p.verifier()));
    }
}
