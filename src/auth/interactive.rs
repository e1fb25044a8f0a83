//! The interactive parts of sign-in: leaving for the identity provider, coming back,
//! switching tenant silently, signing out. Free functions over the sign-in's state, so the
//! token logic can start a sign-in (a claims challenge) without the two owning each other.

use super::browser::{navigate, now, origin, page_url, replace_url, route};
use super::http;
use super::state::{fetch_discovery, AuthState, CLIENT_CAPABILITIES};
use super::store::{forget_pending, save_pending, take_pending};
use super::types::SignInOptions;
use anf_core::auth::authority::logout_url;
use anf_core::auth::authorize::begin_sign_in;
use anf_core::auth::claims::with_client_capabilities;
use anf_core::auth::redirect::{clean_url, parse_redirect};
use anf_core::auth::token::{code_redemption_form, parse_token_response};
use anf_core::auth::{
    AuthError, AuthorizeParams, IdTokenClaims, RedirectResponse, ResponseMode, Session,
    SignInSecrets,
};
use std::future::Future;

/// Everything a sign-in needs, taken now, so it can run after `self` is gone (spawned).
pub(crate) fn prepare_sign_in(
    state: &AuthState,
    options: SignInOptions,
) -> impl Future<Output = Result<(), AuthError>> + 'static {
    let authority = match &options.tenant {
        Some(t) => state.authority.with_tenant(t),
        None => state.current_authority(),
    };
    let cached = state.cached_discovery(&authority);
    let params = AuthorizeParams {
        client_id: state.client_id.clone(),
        redirect_uri: state.redirect_uri.clone(),
        scopes: state.scopes.clone(),
        response_mode: ResponseMode::Fragment,
        prompt: options.prompt,
        login_hint: options.login_hint.or_else(|| state.account().and_then(|a| a.username.clone())),
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

/// Whether the address bar carries a sign-in response ([`complete_sign_in`] has work to do).
pub(crate) fn response_in_address_bar() -> bool {
    parse_redirect(&page_url()).is_some()
}

/// Completes a sign-in response in the address bar: checks `state`, redeems the code with
/// the verifier, checks the ID token, stores the session, removes the code from the address
/// bar and restores the saved route. `Ok(None)` when the page carries no response.
///
/// # Errors
/// [`AuthError::StateMismatch`] and [`AuthError::NoPendingSignIn`] for responses this tab did
/// not ask for; the identity provider's error; ID token check failures.
pub(crate) async fn complete_sign_in(state: &AuthState) -> Result<Option<String>, AuthError> {
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
    let config = state.discovery(&pending.authority).await?;
    let body = code_redemption_form(
        &state.client_id,
        &pending.redirect_uri,
        &pending.scopes,
        &code,
        &pending.code_verifier,
        pending.claims.as_deref(),
    );
    let (status, text) = http::post_form(&config.token_endpoint, body).await?;
    let tokens = parse_token_response(status, &text)?;
    let id = tokens
        .id_token
        .as_deref()
        .ok_or_else(|| AuthError::InvalidResponse("no ID token in the sign-in answer".into()))?;
    IdTokenClaims::decode(id)?.validate(
        &config.issuer,
        &state.client_id,
        Some(&pending.nonce),
        now(),
    )?;
    let session = Session::from_sign_in(&pending.authority, pending.scopes, tokens, now())?;
    state.set_session(Some(session));
    *state.pending_claims.borrow_mut() = None;
    Ok(Some(pending.return_to))
}

/// Switches to `tenant` with the refresh token (refresh tokens work across tenants in Entra).
pub(crate) async fn switch_silently(state: &AuthState, tenant: &str) -> Result<(), AuthError> {
    let Some(old) = state.session() else {
        return Err(AuthError::SignInRequired("You are not signed in.".into()));
    };
    if let Some(e) = old.why_no_renewal(now()) {
        return Err(e);
    }
    let target = old.authority.with_tenant(tenant);
    let config = state.discovery(&target).await?;
    let claims = with_client_capabilities(None, &CLIENT_CAPABILITIES);
    let body = anf_core::auth::token::refresh_form(
        &state.client_id,
        &state.redirect_uri,
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
    IdTokenClaims::decode(id)?.validate(&config.issuer, &state.client_id, None, now())?;
    let mut session = Session::from_sign_in(&target, old.scopes.clone(), tokens, now())?;
    // The refresh token's 24 hours started at the interactive sign-in, not now.
    session.refresh_deadline = match (old.refresh_deadline, session.refresh_deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    state.set_session(Some(session));
    Ok(())
}

/// Signs out: forgets the session in this tab and goes to the identity provider's sign-out,
/// which comes back to the post-logout redirect URI.
///
/// # Errors
/// When the browser refuses to navigate.
pub(crate) async fn sign_out(state: &AuthState) -> Result<(), AuthError> {
    let authority = state.current_authority();
    let hint = state.session().and_then(|s| s.account.login_hint);
    let end = match state.discovery(&authority).await {
        Ok(c) => c.logout_endpoint_or(&authority),
        Err(_) => authority.logout_endpoint(),
    };
    state.set_session(None);
    *state.pending_claims.borrow_mut() = None;
    forget_pending();
    navigate(&logout_url(&end, &state.post_logout_redirect_uri, hint.as_deref(), &state.client_id))
}
