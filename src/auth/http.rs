//! The two requests auth sends itself: the discovery document and token-endpoint form POSTs.
//!
//! No custom headers and a CORS-safelisted Content-Type, so the browser sends no preflight;
//! no credentials, so no cookie goes to the identity provider from this page. Each has a time
//! limit: a renewal that never answers would otherwise hold every ARM call waiting for its
//! token.

use crate::arm::abort::{AbortGuard, READ_TIMEOUT};
use anf_core::auth::token::FORM_CONTENT_TYPE;
use anf_core::auth::AuthError;
use gloo_net::http::{Request, RequestBuilder, Response};

/// Sends `request` (with `body`, if any) within [`READ_TIMEOUT`], reading the whole answer;
/// a request that fails, times out or is cut off is a network error (passing: renewals are
/// retried).
async fn fetch(
    url: &str,
    request: RequestBuilder,
    body: Option<String>,
) -> Result<(u16, String), AuthError> {
    let guard = AbortGuard::new(READ_TIMEOUT);
    let signal = guard.signal();
    let failed = |e: gloo_net::Error| {
        if guard.timed_out() {
            AuthError::Network(format!("{url}: no answer within {} s", READ_TIMEOUT.as_secs()))
        } else {
            AuthError::Network(format!("{url}: {e}"))
        }
    };
    let request = request.abort_signal(signal.as_ref());
    let sent = match body {
        Some(body) => request.body(body).map_err(failed)?.send().await,
        None => request.send().await,
    };
    let response: Response = sent.map_err(failed)?;
    let status = response.status();
    let text = response.text().await.map_err(failed)?;
    Ok((status, text))
}

/// GETs `url`; the status and body text.
pub(crate) async fn get(url: &str) -> Result<(u16, String), AuthError> {
    fetch(url, Request::get(url), None).await
}

/// POSTs a urlencoded form; the status and body text.
pub(crate) async fn post_form(url: &str, body: String) -> Result<(u16, String), AuthError> {
    fetch(url, Request::post(url).header("Content-Type", FORM_CONTENT_TYPE), Some(body)).await
}
