//! ARM's routes: every path the control API doesn't claim goes to the simulator, after the
//! claims-challenge fault and the bearer token check.

use crate::{now, AppState};
use anf_core::transport::{ArmRequest, ArmResponse};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use base64::Engine;
use serde_json::json;

pub async fn handle(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(challenge) = take_claims_challenge(&state) {
        return challenge;
    }
    if let Some(verifier) = &state.verifier {
        let token = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
        let Some(token) = token else {
            return unauthorized(
                &state.authority,
                "AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is missing.",
                None,
            );
        };
        match verifier.verify(token.trim()).await {
            Err(r) => {
                let code = if r.expired {
                    "ExpiredAuthenticationToken"
                } else {
                    "InvalidAuthenticationToken"
                };
                return unauthorized(&state.authority, code, &r.description, Some(&r.description));
            }
            Ok(issued) => {
                let revoked = state.revoked_before.lock().ok().and_then(|r| *r);
                if let (Some(cutoff), Some(iat)) = (revoked, issued) {
                    if iat < cutoff {
                        return claims_challenge(&state, cutoff);
                    }
                }
            }
        }
    }
    let Some(m) = anf_core::transport::Method::parse(method.as_str()) else {
        return to_response(
            &anf_sim::http::ApiError::new(
                405,
                "MethodNotAllowed",
                format!("Method {method} is not supported."),
            )
            .response(),
        );
    };
    let body = if body.is_empty() {
        None
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => Some(v),
            Err(e) => {
                let err = anf_sim::http::ApiError::new(
                    400,
                    "InvalidRequestContent",
                    format!("The request content was invalid and could not be deserialized: {e}"),
                );
                return to_response(&err.response());
            }
        }
    };
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let mut req = ArmRequest::new(m, format!("http://{host}{uri}"));
    req.body = body;
    for (name, value) in &headers {
        if name != "authorization" && name != "cookie" {
            if let Ok(v) = value.to_str() {
                req.headers.push((name.as_str().to_string(), v.to_string()));
            }
        }
    }
    let resp = match state.sim.lock() {
        Ok(mut sim) => sim.handle(&req, now()),
        Err(_) => ArmResponse::new(500, "simulator state poisoned"),
    };
    to_response(&resp)
}

/// An `ArmResponse` as HTTP.
pub fn to_response(r: &ArmResponse) -> Response {
    let mut resp = Response::new(Body::from(r.body.clone()));
    *resp.status_mut() =
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in &r.headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(v))
        {
            resp.headers_mut().append(name, value);
        }
    }
    resp
}

fn unauthorized(authority: &str, code: &str, message: &str, description: Option<&str>) -> Response {
    let desc = description.unwrap_or(message).replace('"', "'");
    let header = format!("Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"{desc}\"");
    challenge(header, code, message)
}

fn challenge(header: String, code: &str, message: &str) -> Response {
    let body = json!({ "error": { "code": code, "message": message } }).to_string();
    let mut r = to_response(
        &ArmResponse::new(401, body).with_header("Content-Type", "application/json; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&header) {
        r.headers_mut().insert("www-authenticate", v);
    }
    r
}

/// Answers with a continuous-access-evaluation claims challenge if one is pending.
fn take_claims_challenge(state: &AppState) -> Option<Response> {
    let mut left = state.claims_challenges.lock().ok()?;
    if *left == 0 {
        return None;
    }
    *left -= 1;
    let cutoff = now().secs();
    if let Ok(mut revoked) = state.revoked_before.lock() {
        *revoked = Some(cutoff);
    }
    Some(claims_challenge(state, cutoff))
}

/// The challenge asking for a token issued at or after `cutoff`.
fn claims_challenge(state: &AppState, cutoff: u64) -> Response {
    let claims =
        json!({ "access_token": { "nbf": { "essential": true, "value": cutoff.to_string() } } })
            .to_string();
    let encoded = base64::engine::general_purpose::STANDARD.encode(claims);
    let header = format!(
        "Bearer authorization_uri=\"{}\", error=\"insufficient_claims\", claims=\"{encoded}\"",
        state.authority
    );
    challenge(header, "InvalidAuthenticationToken", "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokensRevoked")
}
