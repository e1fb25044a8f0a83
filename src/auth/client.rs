//! The token source the ARM transport calls: one signed-in session, renewed on demand.

use super::browser::now;
use super::context::AuthStatus;
use super::http;
use super::store::SessionStore;
use anf_core::auth::authorize::request_scopes;
use anf_core::auth::claims::{with_client_capabilities, ClaimsChallenge};
use anf_core::auth::token::{parse_token_response, refresh_form};
use anf_core::auth::{
    Account, AuthError, Authority, IdTokenClaims, OpenIdConfiguration, Session, TokenDecision,
};
use anf_core::settings::AuthSettings;
use leptos::prelude::{ArcRwSignal, Set};
use std::cell::{Cell, RefCell};
use std::time::Duration;

/// "This client handles claims challenges" (continuous access evaluation), declared as MSAL's
/// `clientCapabilities: ["CP1"]` does.
pub(crate) const CLIENT_CAPABILITIES: [&str; 1] = ["CP1"];

/// What the transport should do after ARM answered 401.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub enum AfterUnauthorized {
    /// Ask [`AuthClient::access_token`] again and retry the call once.
    RetryWithNewToken,
    /// The browser is leaving to sign in again (claims challenge); the call is retried when the
    /// page comes back.
    RedirectingToSignIn,
    /// Nothing works without the user: show [`AuthStatus::SignInRequired`].
    SignInRequired,
}

/// Signs the user in with Entra ID and hands out access tokens for ARM.
pub struct AuthClient {
    pub(crate) client_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) post_logout_redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) authority: Authority,
    pub(crate) store: SessionStore,
    pub(crate) session: RefCell<Option<Session>>,
    discovery: RefCell<Vec<(String, OpenIdConfiguration)>>,
    /// Claims asked for by ARM's last challenge, until a token with them is obtained.
    pub(crate) pending_claims: RefCell<Option<String>>,
    /// One renewal at a time: refresh tokens rotate, and reusing a spent one fails.
    renewing: Cell<bool>,
    pub(crate) status: ArcRwSignal<AuthStatus>,
}

impl AuthClient {
    /// A client for these settings, with the session saved in this tab (if any).
    ///
    /// # Errors
    /// [`AuthError::InvalidConfig`] when the authority is unusable.
    pub fn new(settings: &AuthSettings) -> Result<Self, AuthError> {
        let authority = Authority::new(&settings.login_host, &settings.tenant)?;
        let redirect_uri = settings
            .redirect_uri
            .clone()
            .unwrap_or_else(|| format!("{}/", super::browser::origin()));
        let post_logout_redirect_uri =
            settings.post_logout_redirect_uri.clone().unwrap_or_else(|| redirect_uri.clone());
        let store = SessionStore::new(settings.token_storage, &settings.client_id);
        let session = store.load();
        let status = ArcRwSignal::new(match &session {
            Some(s) => AuthStatus::SignedIn(s.account.clone()),
            None => AuthStatus::SignedOut,
        });
        Ok(Self {
            client_id: settings.client_id.clone(),
            redirect_uri,
            post_logout_redirect_uri,
            scopes: request_scopes(&settings.scopes),
            authority,
            store,
            session: RefCell::new(session),
            discovery: RefCell::new(Vec::new()),
            pending_claims: RefCell::new(None),
            renewing: Cell::new(false),
            status,
        })
    }

    /// The sign-in state, for the UI.
    #[must_use]
    pub fn status(&self) -> ArcRwSignal<AuthStatus> {
        self.status.clone()
    }

    /// Who is signed in.
    #[must_use]
    pub fn account(&self) -> Option<Account> {
        self.session.borrow().as_ref().map(|s| s.account.clone())
    }

    /// The authority tokens come from now: the signed-in tenant's, else the configured one.
    #[must_use]
    pub fn current_authority(&self) -> Authority {
        self.session
            .borrow()
            .as_ref()
            .map_or_else(|| self.authority.clone(), |s| s.authority.clone())
    }

    pub(crate) fn set_session(&self, session: Option<Session>) {
        self.store.save(session.as_ref());
        self.status.set(match &session {
            Some(s) => AuthStatus::SignedIn(s.account.clone()),
            None => AuthStatus::SignedOut,
        });
        *self.session.borrow_mut() = session;
    }

    pub(crate) fn require_sign_in(&self, error: &AuthError) {
        self.status.set(AuthStatus::SignInRequired { message: error.user_message() });
    }

    /// The discovery document of `authority`, fetched once per page.
    ///
    /// # Errors
    /// [`AuthError::Network`] or [`AuthError::InvalidResponse`].
    pub(crate) async fn discovery(
        &self,
        authority: &Authority,
    ) -> Result<OpenIdConfiguration, AuthError> {
        if let Some(c) = self.cached_discovery(authority) {
            return Ok(c);
        }
        let config = fetch_discovery(authority).await?;
        self.discovery.borrow_mut().push((authority.url(), config.clone()));
        Ok(config)
    }

    /// The discovery document of `authority` if this page has it already.
    pub(crate) fn cached_discovery(&self, authority: &Authority) -> Option<OpenIdConfiguration> {
        let key = authority.url();
        self.discovery.borrow().iter().find(|(k, _)| *k == key).map(|(_, c)| c.clone())
    }

    /// A valid access token for ARM, renewed first when due.
    ///
    /// # Errors
    /// [`AuthError::SignInRequired`] (or an identity provider error that needs the user) when no
    /// token can be had silently; the status then says so. Other errors are passing (network).
    pub async fn access_token(&self) -> Result<String, AuthError> {
        loop {
            // Another call is renewing: wait for its result instead of spending the same
            // refresh token twice.
            while self.renewing.get() {
                gloo_timers::future::sleep(Duration::from_millis(20)).await;
            }
            let at = now();
            let (decision, current) = match self.session.borrow().as_ref() {
                None => (TokenDecision::SignIn, None),
                Some(s) => {
                    let claims_due = self.pending_claims.borrow().is_some() && s.can_refresh(at);
                    let d = if claims_due {
                        TokenDecision::Renew { still_valid: false }
                    } else {
                        s.decide(at)
                    };
                    (d, Some(s.access_token().to_owned()))
                }
            };
            match decision {
                TokenDecision::Use => {
                    if let Some(token) = current {
                        return Ok(token);
                    }
                }
                TokenDecision::SignIn => {
                    let session = self.session.borrow().clone();
                    // No session at all is "not signed in" (the status stays SignedOut, whose
                    // notice invites a first sign-in); only a session that ran out needs one again.
                    let Some(s) = session else {
                        return Err(AuthError::SignInRequired("You are not signed in.".into()));
                    };
                    let error =
                        s.why_no_renewal(at).unwrap_or(AuthError::SignInRequired(String::new()));
                    self.require_sign_in(&error);
                    return Err(error);
                }
                TokenDecision::Renew { still_valid } => {
                    if self.renewing.get() {
                        continue;
                    }
                    self.renewing.set(true);
                    let result = self.renew().await;
                    self.renewing.set(false);
                    match result {
                        Ok(token) => return Ok(token),
                        Err(e) if e.requires_sign_in() => return Err(self.after_failed_renewal(e)),
                        Err(_) if still_valid => {
                            if let Some(token) = current {
                                return Ok(token);
                            }
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }

    /// Renewal is impossible: a pending claims challenge goes to an interactive sign-in at once
    /// (as MSAL does); otherwise the user is asked, so nothing they typed is lost by surprise.
    fn after_failed_renewal(&self, error: AuthError) -> AuthError {
        if matches!(error, AuthError::Idp(_)) {
            // The identity provider refused the refresh token: don't spend a request on it again.
            let mut session = self.session.borrow().clone();
            if let Some(s) = session.as_mut() {
                s.forget_refresh_token();
                self.store.save(Some(s));
            }
            *self.session.borrow_mut() = session;
        }
        if let Some(claims) = self.pending_claims.borrow_mut().take() {
            self.redirect_with_claims(claims);
        } else {
            self.require_sign_in(&error);
        }
        error
    }

    /// Leaves for an interactive sign-in asking for `claims`. Synchronous callers can't await,
    /// so the navigation is spawned; it owns everything it needs.
    fn redirect_with_claims(&self, claims: String) {
        let options = super::sign_in::SignInOptions { claims: Some(claims), ..Default::default() };
        let start = self.prepare_sign_in(options);
        let status = self.status.clone();
        leptos::task::spawn_local(async move {
            if let Err(e) = start.await {
                status.set(AuthStatus::Error { message: e.user_message() });
            }
        });
    }

    /// Renews the session with its refresh token (with ARM's pending claims, if any).
    async fn renew(&self) -> Result<String, AuthError> {
        let Some(session) = self.session.borrow().clone() else {
            return Err(AuthError::SignInRequired("You are not signed in.".into()));
        };
        let at = now();
        if let Some(e) = session.why_no_renewal(at) {
            return Err(e);
        }
        let config = self.discovery(&session.authority).await?;
        let claims =
            with_client_capabilities(self.pending_claims.borrow().as_deref(), &CLIENT_CAPABILITIES);
        let body = refresh_form(
            &self.client_id,
            &self.redirect_uri,
            &session.scopes,
            session.refresh_token().unwrap_or_default(),
            claims.as_deref(),
        );
        let (status, text) = http::post_form(&config.token_endpoint, body).await?;
        let response = parse_token_response(status, &text)?;
        if let Some(id) = &response.id_token {
            let c = IdTokenClaims::decode(id)?;
            c.validate(&config.issuer, &self.client_id, None, now())?;
        }
        let mut session = session;
        session.apply_refresh(response, now());
        let token = session.access_token().to_owned();
        self.set_session(Some(session));
        *self.pending_claims.borrow_mut() = None;
        Ok(token)
    }

    /// Called by the transport when ARM answered 401 with this `WWW-Authenticate` header (empty
    /// if none). A claims challenge is remembered so the next token carries those claims.
    pub fn on_unauthorized(&self, www_authenticate: &str) -> AfterUnauthorized {
        let challenge = ClaimsChallenge::parse(www_authenticate);
        if let Some(c) = &challenge {
            *self.pending_claims.borrow_mut() = Some(c.claims.clone());
        }
        let decision = match self.session.borrow_mut().as_mut() {
            Some(s) => s.on_unauthorized(now()),
            None => TokenDecision::SignIn,
        };
        match (decision, challenge) {
            (TokenDecision::Renew { .. } | TokenDecision::Use, _) => {
                AfterUnauthorized::RetryWithNewToken
            }
            (TokenDecision::SignIn, Some(c)) => {
                *self.pending_claims.borrow_mut() = None;
                self.redirect_with_claims(c.claims);
                AfterUnauthorized::RedirectingToSignIn
            }
            (TokenDecision::SignIn, None) => {
                let error = AuthError::SignInRequired("Azure refused the sign-in.".into());
                self.require_sign_in(&error);
                AfterUnauthorized::SignInRequired
            }
        }
    }
}

/// Fetches the OpenID discovery document of `authority`.
///
/// # Errors
/// [`AuthError::Network`] or [`AuthError::InvalidResponse`].
pub(crate) async fn fetch_discovery(
    authority: &Authority,
) -> Result<OpenIdConfiguration, AuthError> {
    let url = authority.discovery_url();
    let (status, body) = http::get(&url).await?;
    if status != 200 {
        return Err(AuthError::InvalidResponse(format!("HTTP {status} from {url}")));
    }
    OpenIdConfiguration::parse(&body)
}
