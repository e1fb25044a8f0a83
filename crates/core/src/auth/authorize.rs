//! The authorize request, built as MSAL.js builds it, and what the tab must remember until the
//! browser comes back (the verifier, `state`, `nonce` and the route to restore).

use super::authority::Authority;
use super::error::AuthError;
use super::pkce::{random_token, Pkce};
use super::OIDC_SCOPES;
use crate::time::Timestamp;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// How long a started sign-in may take before its response is no longer accepted.
pub const PENDING_SIGN_IN_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Where the identity provider puts the code on the way back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseMode {
    /// After `#`: never sent to a server or written to its logs (MSAL's browser default).
    #[default]
    Fragment,
    /// After `?`.
    Query,
}

impl ResponseMode {
    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Fragment => "fragment",
            Self::Query => "query",
        }
    }
}

/// The `prompt` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Prompt {
    /// Ask for credentials even with a session.
    Login,
    /// Never show anything; fail with `interaction_required` instead.
    None,
    /// Show the consent page.
    Consent,
    /// Show the account picker.
    SelectAccount,
    /// Offer to create an account.
    Create,
}

impl Prompt {
    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::None => "none",
            Self::Consent => "consent",
            Self::SelectAccount => "select_account",
            Self::Create => "create",
        }
    }
}

/// What to ask for in one authorize request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizeParams {
    /// The app registration's client id.
    pub client_id: String,
    /// Where the browser comes back (registered as a SPA redirect URI).
    pub redirect_uri: String,
    /// The full scope list; see [`request_scopes`].
    pub scopes: Vec<String>,
    /// Fragment unless configured otherwise.
    pub response_mode: ResponseMode,
    /// `prompt`, if any.
    pub prompt: Option<Prompt>,
    /// Pre-fills the account (`preferred_username` of the last account).
    pub login_hint: Option<String>,
    /// Skips home-realm discovery.
    pub domain_hint: Option<String>,
    /// A claims request (JSON), e.g. from ARM's claims challenge.
    pub claims: Option<String>,
}

/// The resource scopes plus `openid profile offline_access`, each once, resource first.
#[must_use]
pub fn request_scopes(resource_scopes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in resource_scopes.iter().map(String::as_str).chain(OIDC_SCOPES) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

/// The one-time values of one sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInSecrets {
    /// Binds the response to this tab (CSRF).
    pub state: String,
    /// Binds the ID token to this sign-in (replay).
    pub nonce: String,
    /// Binds the code to this tab.
    pub pkce: Pkce,
    /// Sent as `client-request-id`; Entra logs it, so support can find the request.
    pub client_request_id: String,
}

impl SignInSecrets {
    /// Fresh random values.
    #[must_use]
    pub fn generate() -> Self {
        Self {
            state: random_token(),
            nonce: random_token(),
            pkce: Pkce::generate(),
            client_request_id: random_token(),
        }
    }
}

/// What the tab keeps (in sessionStorage) while the browser is away signing in.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The `state` sent.
    pub state: String,
    /// The `nonce` sent.
    pub nonce: String,
    /// The PKCE verifier, redeemed with the code.
    pub code_verifier: String,
    /// The authority signed in at.
    pub authority: Authority,
    /// The redirect URI sent (the token request must repeat it).
    pub redirect_uri: String,
    /// The scopes asked for.
    pub scopes: Vec<String>,
    /// The app route to restore afterwards (path, query and fragment of the app).
    pub return_to: String,
    /// When the sign-in started.
    pub started: Timestamp,
    /// The `client-request-id` sent.
    pub client_request_id: String,
    /// The claims request sent, if any.
    pub claims: Option<String>,
}

impl PendingSignIn {
    /// True when the response is too late to be accepted.
    #[must_use]
    pub fn is_stale(&self, now: Timestamp) -> bool {
        now.since(self.started) > PENDING_SIGN_IN_LIFETIME
    }

    /// Accepts the `state` that came back, or refuses a response this tab did not ask for.
    ///
    /// # Errors
    /// [`AuthError::StateMismatch`] when it differs.
    pub fn check_state(&self, returned: &str) -> Result<(), AuthError> {
        if constant_time_eq(self.state.as_bytes(), returned.as_bytes()) {
            Ok(())
        } else {
            Err(AuthError::StateMismatch)
        }
    }
}

// Secrets stay out of logs.
impl fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("authority", &self.authority)
            .field("return_to", &self.return_to)
            .field("started", &self.started)
            .finish_non_exhaustive()
    }
}

/// Compares without an early exit, so timing does not reveal how much of `state` matched.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Builds the authorize URL and what to remember for the way back.
///
/// # Errors
/// [`AuthError::InvalidConfig`] when the endpoint or redirect URI is not a URL.
pub fn begin_sign_in(
    authority: &Authority,
    authorization_endpoint: &str,
    params: &AuthorizeParams,
    secrets: SignInSecrets,
    return_to: &str,
    now: Timestamp,
) -> Result<(String, PendingSignIn), AuthError> {
    let url = authorize_url(authorization_endpoint, params, &secrets)?;
    let pending = PendingSignIn {
        state: secrets.state,
        nonce: secrets.nonce,
        code_verifier: secrets.pkce.verifier().to_owned(),
        authority: authority.clone(),
        redirect_uri: params.redirect_uri.clone(),
        scopes: params.scopes.clone(),
        return_to: return_to.to_owned(),
        started: now,
        client_request_id: secrets.client_request_id,
        claims: params.claims.clone(),
    };
    Ok((url, pending))
}

/// The authorize URL alone, with the parameters MSAL.js sends.
///
/// # Errors
/// [`AuthError::InvalidConfig`] when the endpoint or redirect URI is not a URL.
pub fn authorize_url(
    authorization_endpoint: &str,
    params: &AuthorizeParams,
    secrets: &SignInSecrets,
) -> Result<String, AuthError> {
    let auth_url = AuthUrl::new(authorization_endpoint.to_owned())
        .map_err(|e| AuthError::InvalidConfig(format!("authorize endpoint: {e}")))?;
    let redirect = RedirectUrl::new(params.redirect_uri.clone())
        .map_err(|e| AuthError::InvalidConfig(format!("redirect URI: {e}")))?;
    let client = BasicClient::new(ClientId::new(params.client_id.clone()))
        .set_auth_uri(auth_url)
        .set_redirect_uri(redirect);
    // The challenge is recomputed from the verifier: oauth2's challenge type is not Clone.
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(
        secrets.pkce.verifier().to_owned(),
    ));
    let state = secrets.state.clone();
    let mut req = client
        .authorize_url(|| CsrfToken::new(state))
        .add_scopes(params.scopes.iter().cloned().map(Scope::new))
        .set_pkce_challenge(challenge)
        .add_extra_param("nonce", secrets.nonce.clone())
        .add_extra_param("response_mode", params.response_mode.as_str())
        .add_extra_param("client-request-id", secrets.client_request_id.clone());
    if let Some(p) = params.prompt {
        req = req.add_extra_param("prompt", p.as_str());
    }
    if let Some(h) = &params.login_hint {
        req = req.add_extra_param("login_hint", h.clone());
    }
    if let Some(h) = &params.domain_hint {
        req = req.add_extra_param("domain_hint", h.clone());
    }
    if let Some(c) = &params.claims {
        req = req.add_extra_param("claims", c.clone());
    }
    Ok(req.url().0.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn params() -> AuthorizeParams {
        AuthorizeParams {
            client_id: "11111111-2222-3333-4444-555555555555".into(),
            redirect_uri: "https://app.example/".into(),
            scopes: request_scopes(&["https://management.azure.com/user_impersonation".into()]),
            response_mode: ResponseMode::Fragment,
            prompt: Some(Prompt::SelectAccount),
            login_hint: Some("ada@contoso.com".into()),
            domain_hint: None,
            claims: Some(r#"{"access_token":{"acrs":{"essential":true,"value":"c1"}}}"#.into()),
        }
    }

    fn secrets() -> SignInSecrets {
        SignInSecrets {
            state: "st".into(),
            nonce: "no".into(),
            pkce: Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap(),
            client_request_id: "crid".into(),
        }
    }

    fn query(url: &str) -> HashMap<String, String> {
        url::Url::parse(url).unwrap().query_pairs().into_owned().collect()
    }

    #[test]
    fn msal_parameters_are_all_there() {
        let a = Authority::new("https://login.microsoftonline.com", "organizations").unwrap();
        let (url, pending) = begin_sign_in(
            &a,
            &a.authorize_endpoint(),
            &params(),
            secrets(),
            "/volumes?x=1",
            Timestamp(5),
        )
        .unwrap();
        assert!(url
            .starts_with("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"));
        let q = query(&url);
        assert_eq!(q["client_id"], "11111111-2222-3333-4444-555555555555");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "https://app.example/");
        assert_eq!(
            q["scope"],
            "https://management.azure.com/user_impersonation openid profile offline_access"
        );
        assert_eq!(q["state"], "st");
        assert_eq!(q["nonce"], "no");
        assert_eq!(q["code_challenge"], "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["response_mode"], "fragment");
        assert_eq!(q["prompt"], "select_account");
        assert_eq!(q["login_hint"], "ada@contoso.com");
        assert_eq!(q["client-request-id"], "crid");
        assert_eq!(q["claims"], params().claims.unwrap());
        assert!(!q.contains_key("domain_hint"));
        assert_eq!(pending.code_verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(pending.return_to, "/volumes?x=1");
        assert!(!format!("{pending:?}").contains("dBjft"));
    }

    #[test]
    fn scopes_are_not_repeated() {
        let s = request_scopes(&["openid".into(), "https://management.azure.com/.default".into()]);
        assert_eq!(
            s,
            ["openid", "https://management.azure.com/.default", "profile", "offline_access"]
        );
    }

    #[test]
    fn state_mismatch_is_refused_and_old_sign_ins_go_stale() {
        let a = Authority::new("https://login.microsoftonline.com", "common").unwrap();
        let (_, p) =
            begin_sign_in(&a, &a.authorize_endpoint(), &params(), secrets(), "/", Timestamp(0))
                .unwrap();
        assert_eq!(p.check_state("st"), Ok(()));
        assert_eq!(p.check_state("sT"), Err(AuthError::StateMismatch));
        assert_eq!(p.check_state(""), Err(AuthError::StateMismatch));
        assert!(!p.is_stale(Timestamp::from_secs(3600)));
        assert!(p.is_stale(Timestamp::from_secs(3601)));
    }

    #[test]
    fn a_bad_endpoint_is_a_config_error() {
        assert!(matches!(
            authorize_url("not a url", &params(), &secrets()),
            Err(AuthError::InvalidConfig(_))
        ));
    }
}
