//! What can go wrong in a sign-in, and what to tell the user about it.
//!
//! Entra answers errors as `error` + `error_description` (on the redirect) or as JSON with
//! `error_codes` (from the token endpoint). The `AADSTS` number says far more than the OAuth
//! code, so messages are chosen by it first; each message says what to do next.

use serde::{Deserialize, Serialize};

/// An error answered by the identity provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdpError {
    /// The OAuth error code, e.g. `interaction_required`.
    pub error: String,
    /// The provider's own text, often starting with `AADSTSnnnn:`.
    #[serde(default)]
    pub error_description: Option<String>,
    /// Entra's numeric codes (token endpoint only).
    #[serde(default)]
    pub error_codes: Vec<u64>,
    /// Entra's refinement of `error`, e.g. `consent_required`.
    #[serde(default)]
    pub suberror: Option<String>,
    /// Entra's trace id, for a support ticket.
    #[serde(default)]
    pub trace_id: Option<String>,
    /// Entra's correlation id, for a support ticket.
    #[serde(default)]
    pub correlation_id: Option<String>,
}

impl IdpError {
    /// An error with just a code and a description.
    #[must_use]
    pub fn new(error: &str, description: Option<&str>) -> Self {
        Self {
            error: error.to_owned(),
            error_description: description.map(str::to_owned),
            ..Self::default()
        }
    }

    /// The `AADSTS` number, from `error_codes` or from the description.
    #[must_use]
    pub fn aadsts(&self) -> Option<u64> {
        if let Some(code) = self.error_codes.first() {
            return Some(*code);
        }
        let d = self.error_description.as_deref()?;
        let digits: String =
            d[d.find("AADSTS")? + 6..].chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    /// True when only an interactive sign-in can help (a silent renewal will keep failing).
    #[must_use]
    pub fn needs_interaction(&self) -> bool {
        matches!(
            self.error.as_str(),
            "interaction_required"
                | "consent_required"
                | "login_required"
                | "invalid_grant"
                | "bad_token"
                | "access_denied"
        ) || matches!(self.aadsts(), Some(700_084 | 50_173 | 70_008 | 50_076 | 50_079))
    }

    /// Plain words: what happened and what to do.
    #[must_use]
    pub fn user_message(&self) -> String {
        let by_code = match self.aadsts() {
            Some(9_002_326) => Some(
                "Sign-in worked, but Entra ID refused to hand the token to this page: the app's \
                 redirect URI is registered under the \"Web\" platform. In the app registration, \
                 open Authentication and add the redirect URI under \"Single-page application\" \
                 (and remove it from \"Web\").",
            ),
            Some(7_000_218) => Some(
                "Entra ID treats this app as a confidential (Web) app. Register the redirect URI \
                 under \"Single-page application\" in the app registration's Authentication page.",
            ),
            Some(50_011) => Some(
                "This page's address is not a registered redirect URI of the app. Add it under \
                 \"Single-page application\" in the app registration, or set redirectUri in config.json.",
            ),
            Some(700_016) => Some(
                "The client id in config.json is not an app registration in this tenant. Check \
                 clientId and tenantId, or ask an administrator to make the app multi-tenant.",
            ),
            Some(700_084 | 50_173 | 70_008) => Some(
                "Your sign-in has expired (browser sessions last at most 24 hours). Sign in again; \
                 your work on this page is kept.",
            ),
            Some(65_001) => Some(
                "This app has not been granted access to Azure Resource Manager on your behalf. \
                 Sign in again and accept, or ask an administrator to grant consent for \
                 \"Azure Service Management / user_impersonation\".",
            ),
            Some(50_020) => Some(
                "Your account is not a member of this tenant. Choose another tenant, or ask to be \
                 invited as a guest.",
            ),
            Some(50_076 | 50_079) => Some(
                "Your organization requires multi-factor authentication here. Sign in again to \
                 complete it.",
            ),
            Some(90_072) => Some(
                "Your account does not exist in this tenant. Choose another tenant or account.",
            ),
            _ => None,
        };
        if let Some(m) = by_code {
            return m.to_owned();
        }
        let base = match self.error.as_str() {
            "interaction_required" => {
                "Your organization needs you to sign in again (for example for multi-factor \
                 authentication or a changed policy). Sign in to continue; your work is kept."
            }
            "consent_required" => {
                "Access to Azure Resource Manager has not been consented yet. Sign in again and \
                 accept, or ask an administrator to grant consent for the app."
            }
            "login_required" => "You are not signed in at Microsoft any more. Sign in again.",
            "access_denied" => "Sign-in was cancelled or access was denied. Sign in to try again.",
            "invalid_grant" | "bad_token" => {
                "Your sign-in is no longer valid. Sign in again; your work on this page is kept."
            }
            "invalid_client" | "unauthorized_client" => {
                "Entra ID does not accept this app's client id. Check clientId in config.json and \
                 the app registration."
            }
            "invalid_scope" => {
                "Entra ID refused the requested permissions. Check scopes in config.json and the \
                 app registration's API permissions (Azure Service Management, user_impersonation)."
            }
            "temporarily_unavailable" | "server_error" => {
                "The sign-in service is having trouble. Wait a moment and try again."
            }
            _ => "Sign-in failed.",
        };
        match &self.error_description {
            Some(d) if base == "Sign-in failed." => format!("{base} {}", first_line(d)),
            _ => base.to_owned(),
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Everything that stops the app from getting or using a token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AuthError {
    /// The identity provider answered with an error.
    #[error("identity provider error {}: {}", .0.error, .0.error_description.as_deref().unwrap_or(""))]
    Idp(Box<IdpError>),
    /// The redirect came back with a `state` this tab did not send: possibly forged.
    #[error("the sign-in response does not belong to this browser tab (state mismatch)")]
    StateMismatch,
    /// A sign-in response arrived but no sign-in was started in this tab.
    #[error("a sign-in response arrived but no sign-in was started in this tab")]
    NoPendingSignIn,
    /// The ID token's `nonce` is not the one sent: possibly replayed.
    #[error("the ID token was not issued for this sign-in (nonce mismatch)")]
    NonceMismatch,
    /// The ID token is for another app.
    #[error("the ID token is for another application (aud {found}, expected {expected})")]
    AudienceMismatch { expected: String, found: String },
    /// The ID token is from another issuer.
    #[error("the ID token is from another issuer ({found}, expected {expected})")]
    IssuerMismatch { expected: String, found: String },
    /// The ID token is past its `exp`.
    #[error("the ID token has expired")]
    IdTokenExpired,
    /// A response could not be understood.
    #[error("unexpected answer from the identity provider: {0}")]
    InvalidResponse(String),
    /// Settings or stored data are not usable.
    #[error("sign-in is misconfigured: {0}")]
    InvalidConfig(String),
    /// The identity provider could not be reached.
    #[error("could not reach the identity provider: {0}")]
    Network(String),
    /// No valid token can be had without the user: sign in interactively.
    #[error("sign-in required: {0}")]
    SignInRequired(String),
}

impl From<IdpError> for AuthError {
    fn from(e: IdpError) -> Self {
        Self::Idp(Box::new(e))
    }
}

impl AuthError {
    /// Plain words for the user: what happened and what to do.
    #[must_use]
    pub fn user_message(&self) -> String {
        match self {
            Self::Idp(e) => e.user_message(),
            Self::StateMismatch | Self::NoPendingSignIn | Self::NonceMismatch => {
                "The sign-in response did not match a sign-in started in this tab, so it was \
                 refused. Sign in again from this page."
                    .to_owned()
            }
            Self::AudienceMismatch { .. } | Self::IssuerMismatch { .. } => format!(
                "The sign-in answer came from the wrong place and was refused ({self}). Check the \
                 authority, tenantId and clientId in config.json."
            ),
            Self::IdTokenExpired => {
                "The sign-in answer was already expired. Check that this computer's clock is \
                 right, then sign in again."
                    .to_owned()
            }
            Self::InvalidResponse(_) | Self::InvalidConfig(_) => format!("{self}."),
            Self::Network(_) => format!("{self}. Check the network connection and try again."),
            Self::SignInRequired(why) => format!("{why} Sign in again; your work is kept."),
        }
    }

    /// True when the fix is an interactive sign-in.
    #[must_use]
    pub fn requires_sign_in(&self) -> bool {
        match self {
            Self::Idp(e) => e.needs_interaction(),
            Self::SignInRequired(_)
            | Self::StateMismatch
            | Self::NoPendingSignIn
            | Self::NonceMismatch
            | Self::IdTokenExpired => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aadsts_from_codes_or_description() {
        let e = IdpError {
            error: "invalid_request".into(),
            error_codes: vec![9_002_326],
            ..IdpError::default()
        };
        assert_eq!(e.aadsts(), Some(9_002_326));
        let e = IdpError::new(
            "invalid_request",
            Some("AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type."),
        );
        assert_eq!(e.aadsts(), Some(9_002_326));
        assert!(e.user_message().contains("Single-page application"));
        assert_eq!(IdpError::new("x", Some("no code here")).aadsts(), None);
    }

    #[test]
    fn interaction_errors_say_sign_in_again() {
        for code in ["interaction_required", "consent_required", "login_required"] {
            let e = IdpError::new(code, None);
            assert!(e.needs_interaction(), "{code}");
            assert!(e.user_message().to_lowercase().contains("sign in"), "{code}");
            assert!(AuthError::from(e).requires_sign_in());
        }
        let expired = IdpError::new("invalid_grant", Some("AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00"));
        assert!(expired.user_message().contains("24 hours"));
        assert!(!IdpError::new("temporarily_unavailable", None).needs_interaction());
    }

    #[test]
    fn unknown_errors_keep_the_providers_words() {
        let e = IdpError::new("weird", Some("Something odd\nTrace ID: 1"));
        assert_eq!(e.user_message(), "Sign-in failed. Something odd");
    }
}
