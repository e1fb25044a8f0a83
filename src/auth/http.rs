//! The two requests auth sends itself: the discovery document and token-endpoint form POSTs.
//!
//! No custom headers and a CORS-safelisted Content-Type, so the browser sends no preflight;
//! no credentials, so no cookie goes to the identity provider from this page.

use anf_core::auth::token::FORM_CONTENT_TYPE;
use anf_core::auth::AuthError;
use gloo_net::http::{Request, Response};

async fn answer(response: Response) -> Result<(u16, String), AuthError> {
    let status = response.status();
    let text = response.text().await.map_err(|e| AuthError::Network(e.to_string()))?;
    Ok((status, text))
}

/// GETs `url`; the status and body text.
pub(crate) async fn get(url: &str) -> Result<(u16, String), AuthError> {
    let response =
        Request::get(url).send().await.map_err(|e| AuthError::Network(format!("{url}: {e}")))?;
    answer(response).await
}

/// POSTs a urlencoded form; the status and body text.
pub(crate) async fn post_form(url: &str, body: String) -> Result<(u16, String), AuthError> {
    let request = Request::post(url)
        .header("Content-Type", FORM_CONTENT_TYPE)
        .body(body)
        .map_err(|e| AuthError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| AuthError::Network(format!("{url}: {e}")))?;
    answer(response).await
}
