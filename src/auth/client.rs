//! The token source the ARM transport calls: one signed-in session, renewed on demand, and the
//! public face of sign-in for the rest of the app.

use super::browser::now;
use super::http;
use super::interactive;
use super::sign_in_chunk;
use super::state::{AuthState, CLIENT_CAPABILITIES};
use super::types::{AfterUnauthorized, AuthStatus, SignInOptions, StartOutcome};
use anf_core::auth::claims::{with_client_capabilities, ClaimsChallenge};
use anf_core::auth::token::{parse_token_response, refresh_form};
use anf_core::auth::{Account, AuthError, Authority, IdTokenClaims, TokenDecision};
use anf_core::settings::AuthSettings;
use futures::channel::oneshot;
use leptos::prelude::{ArcRwSignal, Set};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Signs the user in with Entra ID and hands out access tokens for ARM.
pub struct AuthClient {
    /// Shared with the sign-in's chunk, whose entry points take their arguments by value.
    state: Rc<AuthState>,
    /// One renewal at a time: refresh tokens rotate, and reusing a spent one fails.
    renewing: Cell<bool>,
    /// Calls waiting for the renewal in progress; woken when it ends.
    waiting: RefCell<Vec<oneshot::Sender<()>>>,
}

/// The renewal in progress; its end (or the drop of the future that ran it) wakes the calls
/// waiting for it, so a renewal abandoned half-way can't hold them for ever.
struct Renewing<'a>(&'a AuthClient);

impl<'a> Renewing<'a> {
    fn start(client: &'a AuthClient) -> Self {
        client.renewing.set(true);
        Self(client)
    }
}

impl Drop for Renewing<'_> {
    fn drop(&mut self) {
        self.0.renewing.set(false);
        for waiter in self.0.waiting.borrow_mut().drain(..) {
            let _ = waiter.send(());
        }
    }
}

/// Builds the client and completes a sign-in response if the page carries one. Call it before
/// the router is mounted.
///
/// # Errors
/// [`AuthError::InvalidConfig`] when the settings cannot work.
pub async fn start(settings: &AuthSettings) -> Result<(AuthClient, StartOutcome), AuthError> {
    let client = AuthClient::new(settings)?;
    let outcome = match client.complete_sign_in().await {
        Ok(None) => StartOutcome::NoResponse,
        Ok(Some(return_to)) => StartOutcome::SignedIn { return_to },
        Err(e) => {
            client.state.status.set(if e.requires_sign_in() {
                AuthStatus::SignInRequired { message: e.user_message() }
            } else {
                AuthStatus::Error { message: e.user_message() }
            });
            StartOutcome::Failed(e)
        }
    };
    Ok((client, outcome))
}

impl AuthClient {
    /// A client for these settings, with the session saved in this tab (if any).
    ///
    /// # Errors
    /// [`AuthError::InvalidConfig`] when the authority is unusable.
    pub fn new(settings: &AuthSettings) -> Result<Self, AuthError> {
        Ok(Self {
            state: Rc::new(AuthState::new(settings)?),
            renewing: Cell::new(false),
            waiting: RefCell::new(Vec::new()),
        })
    }

    /// The sign-in state, for the UI.
    #[must_use]
    pub fn status(&self) -> ArcRwSignal<AuthStatus> {
        self.state.status.clone()
    }

    /// Who is signed in.
    #[must_use]
    pub fn account(&self) -> Option<Account> {
        self.state.account()
    }

    /// The authority tokens come from now: the signed-in tenant's, else the configured one.
    #[must_use]
    pub fn current_authority(&self) -> Authority {
        self.state.current_authority()
    }

    /// Leaves for the identity provider. The route and the PKCE verifier, `state` and `nonce`
    /// are saved in sessionStorage first.
    ///
    /// # Errors
    /// When discovery fails or the browser refuses to store or navigate.
    pub async fn sign_in(&self, options: SignInOptions) -> Result<(), AuthError> {
        sign_in_chunk::begin(self.state.clone(), options).await
    }

    /// Completes a sign-in response in the address bar: checks `state`, redeems the code with
    /// the verifier, checks the ID token, stores the session, removes the code from the address
    /// bar and restores the saved route. `Ok(None)` when the page carries no response.
    ///
    /// # Errors
    /// [`AuthError::StateMismatch`] and [`AuthError::NoPendingSignIn`] for responses this tab did
    /// not ask for; the identity provider's error; ID token check failures.
    pub async fn complete_sign_in(&self) -> Result<Option<String>, AuthError> {
        // Every start asks; only a page coming back from the identity provider loads the code.
        if !interactive::response_in_address_bar() {
            return Ok(None);
        }
        sign_in_chunk::complete(self.state.clone()).await
    }

    /// Switches to another tenant: silently with the refresh token when Entra allows it, else
    /// by signing in at that tenant's authority.
    ///
    /// # Errors
    /// When the redirect cannot start.
    pub async fn switch_tenant(&self, tenant: &str) -> Result<(), AuthError> {
        match sign_in_chunk::switch(self.state.clone(), tenant.to_owned()).await {
            // The data the page holds is the other tenant's (kept under its owner key): start
            // the page again as the user in this tenant.
            Ok(()) => super::browser::reload(),
            Err(_) => {
                let options =
                    SignInOptions { tenant: Some(tenant.to_owned()), ..Default::default() };
                self.sign_in(options).await
            }
        }
    }

    /// Signs out: forgets the session in this tab and goes to the identity provider's sign-out,
    /// which comes back to the post-logout redirect URI.
    ///
    /// # Errors
    /// When the browser refuses to navigate.
    pub async fn sign_out(&self) -> Result<(), AuthError> {
        // The next person at this browser must find nothing of this user's in the tab.
        crate::storage::forget_owner_session();
        let left = interactive::sign_out(&self.state).await;
        if left.is_err() {
            crate::storage::reopen_owner_session();
        }
        left
    }

    /// A valid access token for ARM, renewed first when due.
    ///
    /// # Errors
    /// [`AuthError::SignInRequired`] (or an identity provider error that needs the user) when no
    /// token can be had silently; the status then says so. Other errors are passing (network).
    pub async fn access_token(&self) -> Result<String, AuthError> {
        loop {
            // Another call is renewing: wait for its end instead of spending the same refresh
            // token twice (woken by it, not by polling a flag).
            if self.renewing.get() {
                let (tx, rx) = oneshot::channel();
                self.waiting.borrow_mut().push(tx);
                let _ = rx.await;
                continue;
            }
            let at = now();
            let (decision, current) = match self.state.session() {
                None => (TokenDecision::SignIn, None),
                Some(s) => {
                    let claims_due =
                        self.state.pending_claims.borrow().is_some() && s.can_refresh(at);
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
                    // No session at all is "not signed in" (the status stays SignedOut, whose
                    // notice invites a first sign-in); only a session that ran out needs one again.
                    let Some(s) = self.state.session() else {
                        return Err(AuthError::SignInRequired("You are not signed in.".into()));
                    };
                    let error =
                        s.why_no_renewal(at).unwrap_or(AuthError::SignInRequired(String::new()));
                    self.state.require_sign_in(&error);
                    return Err(error);
                }
                TokenDecision::Renew { still_valid } => {
                    if self.renewing.get() {
                        continue;
                    }
                    let result = {
                        let _renewing = Renewing::start(self);
                        self.renew().await
                    };
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
            self.state.with_session_mut(|s| {
                if let Some(s) = s {
                    s.forget_refresh_token();
                }
            });
        }
        if let Some(claims) = self.state.pending_claims.borrow_mut().take() {
            self.redirect_with_claims(claims);
        } else {
            self.state.require_sign_in(&error);
        }
        error
    }

    /// Leaves for an interactive sign-in asking for `claims`. Synchronous callers can't await,
    /// so the navigation is spawned; it owns everything it needs.
    fn redirect_with_claims(&self, claims: String) {
        let options = SignInOptions { claims: Some(claims), ..Default::default() };
        let start = sign_in_chunk::begin(self.state.clone(), options);
        let status = self.state.status.clone();
        leptos::task::spawn_local(async move {
            if let Err(e) = start.await {
                status.set(AuthStatus::Error { message: e.user_message() });
            }
        });
    }

    /// Renews the session with its refresh token (with ARM's pending claims, if any).
    async fn renew(&self) -> Result<String, AuthError> {
        let Some(session) = self.state.session() else {
            return Err(AuthError::SignInRequired("You are not signed in.".into()));
        };
        let at = now();
        if let Some(e) = session.why_no_renewal(at) {
            return Err(e);
        }
        let config = self.state.discovery(&session.authority).await?;
        let claims = with_client_capabilities(
            self.state.pending_claims.borrow().as_deref(),
            &CLIENT_CAPABILITIES,
        );
        let body = refresh_form(
            &self.state.client_id,
            &self.state.redirect_uri,
            &session.scopes,
            session.refresh_token().unwrap_or_default(),
            claims.as_deref(),
        );
        let (status, text) = http::post_form(&config.token_endpoint, body).await?;
        let response = parse_token_response(status, &text)?;
        if let Some(id) = &response.id_token {
            let c = IdTokenClaims::decode(id)?;
            c.validate(&config.issuer, &self.state.client_id, None, now())?;
        }
        let mut session = session;
        session.apply_refresh(response, now());
        let token = session.access_token().to_owned();
        self.state.set_session(Some(session));
        *self.state.pending_claims.borrow_mut() = None;
        Ok(token)
    }

    /// Called by the transport when ARM answered 401 with this `WWW-Authenticate` header (empty
    /// if none). A claims challenge is remembered so the next token carries those claims.
    pub fn on_unauthorized(&self, www_authenticate: &str) -> AfterUnauthorized {
        let challenge = ClaimsChallenge::parse(www_authenticate);
        if let Some(c) = &challenge {
            *self.state.pending_claims.borrow_mut() = Some(c.claims.clone());
        }
        let decision = self.state.with_session_mut(|s| match s {
            Some(s) => s.on_unauthorized(now()),
            None => TokenDecision::SignIn,
        });
        match (decision, challenge) {
            (TokenDecision::Renew { .. } | TokenDecision::Use, _) => {
                AfterUnauthorized::RetryWithNewToken
            }
            (TokenDecision::SignIn, Some(c)) => {
                *self.state.pending_claims.borrow_mut() = None;
                self.redirect_with_claims(c.claims);
                AfterUnauthorized::RedirectingToSignIn
            }
            (TokenDecision::SignIn, None) => {
                let error = AuthError::SignInRequired("Azure refused the sign-in.".into());
                self.state.require_sign_in(&error);
                AfterUnauthorized::SignInRequired
            }
        }
    }
}
