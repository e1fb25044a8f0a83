//! The ID token: who signed in, and the checks that bind it to this sign-in.
//!
//! The browser got the token straight from the token endpoint over TLS, so (as MSAL.js) the
//! signature is not checked here; `nonce`, `aud`, `iss` and `exp` are.

use super::authorize::constant_time_eq;
use super::error::AuthError;
use crate::time::Timestamp;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize};

/// Clock difference tolerated between this computer and the identity provider.
pub const CLOCK_SKEW_SECS: u64 = 300;

/// The claims the app reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer.
    pub iss: String,
    /// Audiences (the client id).
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    #[serde(default)]
    pub iat: Option<u64>,
    /// The nonce sent with the authorize request.
    #[serde(default)]
    pub nonce: Option<String>,
    /// Subject (pairwise per app).
    #[serde(default)]
    pub sub: String,
    /// The tenant the user signed in to.
    #[serde(default)]
    pub tid: Option<String>,
    /// The user's object id in that tenant.
    #[serde(default)]
    pub oid: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The sign-in name (UPN or email).
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// An opaque hint for a later sign-in or sign-out.
    #[serde(default)]
    pub login_hint: Option<String>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Aud::deserialize(d)? {
        Aud::One(s) => vec![s],
        Aud::Many(v) => v,
    })
}

/// Decodes the payload of a compact JWT without checking its signature.
///
/// # Errors
/// [`AuthError::InvalidResponse`] when it is not a JWT with a JSON payload.
pub fn decode_payload<T: serde::de::DeserializeOwned>(jwt: &str) -> Result<T, AuthError> {
    let bad = |why: String| AuthError::InvalidResponse(format!("token: {why}"));
    let mut parts = jwt.split('.');
    let payload = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(p), Some(_), None) => p,
        _ => return Err(bad("not a JWT".into())),
    };
    let bytes =
        URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|e| bad(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))
}

impl IdTokenClaims {
    /// Decodes an ID token.
    ///
    /// # Errors
    /// [`AuthError::InvalidResponse`] when it is not a JWT with the needed claims.
    pub fn decode(jwt: &str) -> Result<Self, AuthError> {
        decode_payload(jwt)
    }

    /// Checks that this token is for this app, from this authority, fresh and (on sign-in)
    /// for this sign-in.
    ///
    /// `issuer` is the discovery document's, possibly with `{tenantid}`, which is filled in
    /// from the `tid` claim. `nonce` is `None` on a refresh (no nonce was sent).
    ///
    /// # Errors
    /// The first check that fails.
    pub fn validate(
        &self,
        issuer: &str,
        client_id: &str,
        nonce: Option<&str>,
        now: Timestamp,
    ) -> Result<(), AuthError> {
        if let Some(expected) = nonce {
            let got = self.nonce.as_deref().unwrap_or("");
            if !constant_time_eq(expected.as_bytes(), got.as_bytes()) {
                return Err(AuthError::NonceMismatch);
            }
        }
        if !self.aud.iter().any(|a| a == client_id) {
            return Err(AuthError::AudienceMismatch {
                expected: client_id.to_owned(),
                found: self.aud.join(" "),
            });
        }
        let expected_iss = match (&self.tid, issuer.contains("{tenantid}")) {
            (Some(tid), true) => issuer.replace("{tenantid}", tid),
            _ => issuer.to_owned(),
        };
        if self.iss != expected_iss {
            return Err(AuthError::IssuerMismatch {
                expected: expected_iss,
                found: self.iss.clone(),
            });
        }
        if self.exp.saturating_add(CLOCK_SKEW_SECS) < now.secs() {
            return Err(AuthError::IdTokenExpired);
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    /// An unsigned JWT with that payload (the signature is not checked in the browser).
    pub(crate) fn jwt(payload: &serde_json::Value) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(payload.to_string())
        )
    }

    fn claims() -> IdTokenClaims {
        IdTokenClaims::decode(&jwt(&serde_json::json!({
            "iss": "https://login.microsoftonline.com/t1/v2.0",
            "aud": "cid", "exp": 1000, "iat": 900, "nonce": "n1",
            "sub": "s", "tid": "t1", "oid": "o1", "name": "Ada",
            "preferred_username": "ada@contoso.com"
        })))
        .unwrap()
    }

    #[test]
    fn a_good_token_passes() {
        let c = claims();
        assert_eq!(c.aud, ["cid"]);
        assert_eq!(c.preferred_username.as_deref(), Some("ada@contoso.com"));
        let iss = "https://login.microsoftonline.com/t1/v2.0";
        assert_eq!(c.validate(iss, "cid", Some("n1"), Timestamp::from_secs(1000)), Ok(()));
        // On refresh there is no nonce to compare.
        assert_eq!(c.validate(iss, "cid", None, Timestamp::from_secs(1000)), Ok(()));
    }

    #[test]
    fn nonce_mismatch_is_refused() {
        let iss = "https://login.microsoftonline.com/t1/v2.0";
        let now = Timestamp::from_secs(1000);
        assert_eq!(claims().validate(iss, "cid", Some("n2"), now), Err(AuthError::NonceMismatch));
        let mut c = claims();
        c.nonce = None;
        assert_eq!(c.validate(iss, "cid", Some("n1"), now), Err(AuthError::NonceMismatch));
    }

    #[test]
    fn audience_issuer_and_expiry_are_checked() {
        let now = Timestamp::from_secs(1000);
        let iss = "https://login.microsoftonline.com/t1/v2.0";
        assert!(matches!(
            claims().validate(iss, "other", Some("n1"), now),
            Err(AuthError::AudienceMismatch { .. })
        ));
        assert!(matches!(
            claims().validate("https://login.microsoftonline.com/t2/v2.0", "cid", Some("n1"), now),
            Err(AuthError::IssuerMismatch { .. })
        ));
        assert_eq!(
            claims().validate(
                iss,
                "cid",
                Some("n1"),
                Timestamp::from_secs(1000 + CLOCK_SKEW_SECS + 1)
            ),
            Err(AuthError::IdTokenExpired)
        );
    }

    #[test]
    fn multi_tenant_issuer_template_uses_tid() {
        let template = "https://login.microsoftonline.com/{tenantid}/v2.0";
        let now = Timestamp::from_secs(1000);
        assert_eq!(claims().validate(template, "cid", Some("n1"), now), Ok(()));
        let mut c = claims();
        c.tid = Some("t2".into());
        assert!(matches!(
            c.validate(template, "cid", Some("n1"), now),
            Err(AuthError::IssuerMismatch { .. })
        ));
    }

    #[test]
    fn not_a_jwt() {
        assert!(IdTokenClaims::decode("abc").is_err());
        assert!(IdTokenClaims::decode("a.!!!.c").is_err());
        assert!(IdTokenClaims::decode(&jwt(&serde_json::json!({"aud": 1}))).is_err());
    }
}
