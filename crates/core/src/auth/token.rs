//! The token endpoint: the form bodies the browser POSTs and the answers it gets.
//!
//! The request is a plain `application/x-www-form-urlencoded` POST with no custom headers, so
//! the browser sends no CORS preflight (as MSAL does).

use super::error::{AuthError, IdpError};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The Content-Type of a token request.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded;charset=utf-8";

/// The form body redeeming an authorization code with its PKCE verifier.
#[must_use]
pub fn code_redemption_form(
    client_id: &str,
    redirect_uri: &str,
    scopes: &[String],
    code: &str,
    code_verifier: &str,
    claims: Option<&str>,
) -> String {
    let mut f = url::form_urlencoded::Serializer::new(String::new());
    f.append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &scopes.join(" "))
        .append_pair("code", code)
        .append_pair("code_verifier", code_verifier)
        .append_pair("grant_type", "authorization_code");
    if let Some(c) = claims {
        f.append_pair("claims", c);
    }
    f.finish()
}

/// The form body renewing tokens with a refresh token.
#[must_use]
pub fn refresh_form(
    client_id: &str,
    redirect_uri: &str,
    scopes: &[String],
    refresh_token: &str,
    claims: Option<&str>,
) -> String {
    let mut f = url::form_urlencoded::Serializer::new(String::new());
    f.append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &scopes.join(" "))
        .append_pair("refresh_token", refresh_token)
        .append_pair("grant_type", "refresh_token");
    if let Some(c) = claims {
        f.append_pair("claims", c);
    }
    f.finish()
}

/// A successful token response.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The bearer token for the resource.
    pub access_token: String,
    /// `Bearer`.
    #[serde(default)]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[serde(deserialize_with = "seconds")]
    pub expires_in: u64,
    /// The scopes granted.
    #[serde(default)]
    pub scope: Option<String>,
    /// A refresh token (rotated on every use; always keep the newest).
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Seconds the refresh token has left (Entra sends it to SPAs).
    #[serde(default, deserialize_with = "opt_seconds")]
    pub refresh_token_expires_in: Option<u64>,
    /// The ID token (on sign-in, and usually on refresh).
    #[serde(default)]
    pub id_token: Option<String>,
}

// Tokens are secrets: keep them out of logs.
impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("has_id_token", &self.id_token.is_some())
            .finish_non_exhaustive()
    }
}

/// Entra has sent lifetimes both as numbers and as strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrString {
    Num(u64),
    Str(String),
}

fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match NumOrString::deserialize(d)? {
        NumOrString::Num(n) => Ok(n),
        NumOrString::Str(s) => s.trim().parse().map_err(serde::de::Error::custom),
    }
}

fn opt_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Option::<NumOrString>::deserialize(d)? {
        None => Ok(None),
        Some(NumOrString::Num(n)) => Ok(Some(n)),
        Some(NumOrString::Str(s)) => s.trim().parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// Reads the token endpoint's answer.
///
/// # Errors
/// [`AuthError::Idp`] for an OAuth error body; [`AuthError::InvalidResponse`] when the answer is
/// neither a token response nor an OAuth error.
pub fn parse_token_response(status: u16, body: &str) -> Result<TokenResponse, AuthError> {
    if (200..300).contains(&status) {
        let t: TokenResponse = serde_json::from_str(body)
            .map_err(|e| AuthError::InvalidResponse(format!("token response: {e}")))?;
        if !t.token_type.is_empty() && !t.token_type.eq_ignore_ascii_case("bearer") {
            return Err(AuthError::InvalidResponse(format!(
                "token type {:?} instead of Bearer",
                t.token_type
            )));
        }
        return Ok(t);
    }
    match serde_json::from_str::<IdpError>(body) {
        Ok(e) if !e.error.is_empty() => Err(AuthError::from(e)),
        _ => Err(AuthError::InvalidResponse(format!(
            "HTTP {status} from the token endpoint: {}",
            body.chars().take(200).collect::<String>()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> Vec<(String, String)> {
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect()
    }

    #[test]
    fn redemption_form_has_the_verifier_and_no_secret() {
        let scopes =
            vec!["https://management.azure.com/user_impersonation".into(), "openid".into()];
        let body =
            code_redemption_form("cid", "https://app.example/", &scopes, "c0de", "ver", None);
        assert_eq!(
            form(&body),
            [
                ("client_id", "cid"),
                ("redirect_uri", "https://app.example/"),
                ("scope", "https://management.azure.com/user_impersonation openid"),
                ("code", "c0de"),
                ("code_verifier", "ver"),
                ("grant_type", "authorization_code"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
        assert!(!body.contains("client_secret"));
    }

    #[test]
    fn refresh_form_carries_claims_when_asked() {
        let body = refresh_form("cid", "https://app.example/", &["a".into()], "rt", Some("{}"));
        let f = form(&body);
        assert!(f.contains(&("grant_type".into(), "refresh_token".into())));
        assert!(f.contains(&("refresh_token".into(), "rt".into())));
        assert!(f.contains(&("claims".into(), "{}".into())));
    }

    #[test]
    fn entra_token_response() {
        let t = parse_token_response(
            200,
            r#"{"token_type":"Bearer","scope":"https://management.azure.com/user_impersonation","expires_in":"4799","ext_expires_in":4799,"access_token":"at","refresh_token":"rt","refresh_token_expires_in":86399,"id_token":"it"}"#,
        )
        .unwrap();
        assert_eq!(t.expires_in, 4799);
        assert_eq!(t.refresh_token_expires_in, Some(86399));
        assert_eq!(t.refresh_token.as_deref(), Some("rt"));
        assert!(!format!("{t:?}").contains("\"at\""));
    }

    #[test]
    fn token_errors_keep_entras_details() {
        let e = parse_token_response(
            400,
            r#"{"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.","error_codes":[9002326],"trace_id":"t","correlation_id":"c"}"#,
        )
        .unwrap_err();
        let AuthError::Idp(idp) = &e else { panic!("{e:?}") };
        assert_eq!(idp.aadsts(), Some(9_002_326));
        assert_eq!(idp.correlation_id.as_deref(), Some("c"));
        assert!(e.user_message().contains("Single-page application"));
    }

    #[test]
    fn garbage_is_an_invalid_response() {
        assert!(matches!(parse_token_response(502, "<html>"), Err(AuthError::InvalidResponse(_))));
        assert!(matches!(parse_token_response(200, "{}"), Err(AuthError::InvalidResponse(_))));
        assert!(matches!(
            parse_token_response(200, r#"{"access_token":"a","token_type":"mac","expires_in":1}"#),
            Err(AuthError::InvalidResponse(_))
        ));
    }
}
