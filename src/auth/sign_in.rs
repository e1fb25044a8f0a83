//! The interactive parts: leaving for the identity provider, coming back, switching tenant and
//! signing out.

use super::browser::{navigate, now, origin, page_url, replace_url, route};
use super::client::{fetch_discovery, AuthClient, CLIENT_CAPABILITIES};
use super::context::AuthStatus;
use super::http;
use super::store::{save_pending, take_pending};
use anf_core::auth::authority::logout_url;
use anf_core::auth::authorize::begin_sign_in;
use anf_core::auth::claims::with_client_capabilities;
use anf_core::auth::redirect::{clean_url, parse_redirect};
use anf_core::auth::token::{code_redemption_form, parse_token_response};
use anf_core::auth::{
    AuthError, AuthorizeParams, IdTokenClaims, Prompt, RedirectResponse, ResponseMode, Session,
    SignInSecrets,
};
use anf_core::settings::AuthSettings;
use leptos::prelude::Set;
use std::future::Future;

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

/// What [`start`] found in the address bar.
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
            client.status.set(if e.requires_sign_in() {
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
    /// Leaves for the identity provider. The route and the PKCE verifier, `state` and `nonce`
    /// are saved in sessionStorage first.
    ///
    /// # Errors
    /// When discovery fails or the browser refuses to store or navigate.
    pub async fn sign_in(&self, options: SignInOptions) -> Result<(), AuthError> {
        self.prepare_sign_in(options).await
    }

    /// Everything a sign-in needs, taken now, so it can run after `self` is gone (spawned).
    pub(crate) fn prepare_sign_in(
        &self,
        options: SignInOptions,
    ) -> impl Future<Output = Result<(), AuthError>> + 'static {
        let authority = match &options.tenant {
            Some(t) => self.authority.with_tenant(t),
            None => self.current_authority(),
        };
        let cached = self.cached_discovery(&authority);
        let params = AuthorizeParams {
            client_id: self.client_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            scopes: self.scopes.clone(),
            response_mode: ResponseMode::Fragment,
            prompt: options.prompt,
            login_hint: options
                .login_hint
                .or_else(|| self.account().and_then(|a| a.username.clone())),
            domain_hint: None,
            claims: with_client_capabilities(options.claims.as_deref(), &CLIENT_CAPABILITIES),
        };
        async move {
            let config = match cached {
                Some(c) => c,
                None => fetch_discovery(&authority).await?,
            };
            let (url, pending) = begin_sign_in(
                &authority,
                &config.authorization_endpoint,
                &params,
                SignInSecrets::generate(),
                &route(),
                now(),
            )?;
            if !save_pending(&pending) {
                return Err(AuthError::InvalidConfig(
                    "this browser does not allow sessionStorage, which sign-in needs".into(),
                ));
            }
            navigate(&url)
        }
    }

    /// Completes a sign-in response in the address bar: checks `state`, redeems the code with
    /// the verifier, checks the ID token, stores the session, removes the code from the address
    /// bar and restores the saved route. `Ok(None)` when the page carries no response.
    ///
    /// # Errors
    /// [`AuthError::StateMismatch`] and [`AuthError::NoPendingSignIn`] for responses this tab did
    /// not ask for; the identity provider's error; ID token check failures.
    pub async fn complete_sign_in(&self) -> Result<Option<String>, AuthError> {
        let url = page_url();
        let Some(response) = parse_redirect(&url) else { return Ok(None) };
        let Some(pending) = take_pending() else {
            replace_url(&clean_url(&url));
            return Err(AuthError::NoPendingSignIn);
        };
        // Whatever happens next, the code leaves the address bar and the user's route is back.
        replace_url(&format!("{}{}", origin(), pending.return_to));
        pending.check_state(response.state().unwrap_or(""))?;
        if pending.is_stale(now()) {
            return Err(AuthError::SignInRequired("The sign-in took too long.".into()));
        }
        let code = match response {
            RedirectResponse::Error { error, .. } => return Err(error.into()),
            RedirectResponse::Code { code, .. } => code,
        };
        let config = self.discovery(&pending.authority).await?;
        let body = code_redemption_form(
            &self.client_id,
            &pending.redirect_uri,
            &pending.scopes,
            &code,
            &pending.code_verifier,
            pending.claims.as_deref(),
        );
        let (status, text) = http::post_form(&config.token_endpoint, body).await?;
        let tokens = parse_token_response(status, &text)?;
        let id = tokens.id_token.as_deref().ok_or_else(|| {
            AuthError::InvalidResponse("no ID token in the sign-in answer".into())
        })?;
        IdTokenClaims::decode(id)?.validate(
            &config.issuer,
            &self.client_id,
            Some(&pending.nonce),
            now(),
        )?;
        let session = Session::from_sign_in(&pending.authority, pending.scopes, tokens, now())?;
        self.set_session(Some(session));
        *self.pending_claims.borrow_mut() = None;
        Ok(Some(pending.return_to))
    }

    /// Switches to another tenant: silently with the refresh token when Entra allows it (refresh
    /// tokens work across tenants), else by signing in at that tenant's authority.
    ///
    /// # Errors
    /// When the redirect cannot start.
    pub async fn switch_tenant(&self, tenant: &str) -> Result<(), AuthError> {
        match self.switch_silently(tenant).await {
            Ok(()) => Ok(()),
            Err(_) => {
                self.sign_in(SignInOptions {
                    tenant: Some(tenant.to_owned()),
                    ..Default::default()
                })
                .await
            }
        }
    }

    async fn switch_silently(&self, tenant: &str) -> Result<(), AuthError> {
        let Some(old) = self.session.borrow().clone() else {
            return Err(AuthError::SignInRequired("You are not signed in.".into()));
        };
        if let Some(e) = old.why_no_renewal(now()) {
            return Err(e);
        }
        let target = old.authority.with_tenant(tenant);
        let config = self.discovery(&target).await?;
        let claims = with_client_capabilities(None, &CLIENT_CAPABILITIES);
        let body = anf_core::auth::token::refresh_form(
            &self.client_id,
            &self.redirect_uri,
            &old.scopes,
            old.refresh_token().unwrap_or_default(),
            claims.as_deref(),
        );
        let (status, text) = http::post_form(&config.token_endpoint, body).await?;
        let tokens = parse_token_response(status, &text)?;
        let id = tokens
            .id_token
            .as_deref()
            .ok_or_else(|| AuthError::InvalidResponse("no ID token for the new tenant".into()))?;
        IdTokenClaims::decode(id)?.validate(&config.issuer, &self.client_id, None, now())?;
        let mut session = Session::from_sign_in(&target, old.scopes.clone(), tokens, now())?;
        // The refresh token's 24 hours started at the interactive sign-in, not now.
        session.refresh_deadline = match (old.refresh_deadline, session.refresh_deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.set_session(Some(session));
        Ok(())
    }

    /// Signs out: forgets the session in this tab and goes to the identity provider's sign-out,
    /// which comes back to the post-logout redirect URI.
    ///
    /// # Errors
    /// When the browser refuses to navigate.
    pub async fn sign_out(&self) -> Result<(), AuthError> {
        let authority = self.current_authority();
        let hint = self.session.borrow().as_ref().and_then(|s| s.account.login_hint.clone());
        let end = match self.discovery(&authority).await {
            Ok(c) => c.logout_endpoint_or(&authority),
            Err(_) => authority.logout_endpoint(),
        };
        self.set_session(None);
        *self.pending_claims.borrow_mut() = None;
        let _ = take_pending();
        navigate(&logout_url(
            &end,
            &self.post_logout_redirect_uri,
            hint.as_deref(),
            &self.client_id,
        ))
    }
}
