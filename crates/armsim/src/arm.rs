//! ARM's routes: every path the control API doesn't claim goes to the simulator, after the
//! fault switches and the bearer token check. Each call is recorded in armsim's request log as
//! the wire saw it.

use crate::connection::Connection;
use crate::fault_answers::{self, halves, with_ids};
use crate::faults::Fault;
use crate::request_log::Entry;
use crate::{now, AppState};
use anf_core::time::Timestamp;
use anf_core::transport::{self, ArmRequest, ArmResponse};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use base64::Engine;
use futures_util::StreamExt;
use serde_json::json;
use std::time::Duration;

/// One call on its way through.
struct Call {
    method: String,
    path: String,
    at: Timestamp,
    /// Switches that acted on it, for the log.
    faults: Vec<&'static str>,
}

impl Call {
    fn record(&self, state: &AppState, status: Option<u16>, handled: bool) {
        if let Ok(mut log) = state.log.lock() {
            log.push(Entry {
                method: self.method.clone(),
                path: self.path.clone(),
                status,
                at: self.at,
                faults: self.faults.clone(),
                handled,
            });
        }
    }
}

/// What the simulator (or the token check before it) made of a call.
struct Served {
    answer: ArmResponse,
    /// The simulator handled it (a token refusal or unreadable request did not reach it).
    handled: bool,
    /// It used up one of the simulator's operation switches.
    operation_fault: bool,
}

pub async fn handle(
    State(state): State<AppState>,
    ConnectInfo(connection): ConnectInfo<Connection>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let mut call =
        Call { method: method.to_string(), path: path.clone(), at: now(), faults: Vec::new() };
    let wire_method = transport::Method::parse(method.as_str());
    let take = |on_answer: bool| {
        let m = wire_method?;
        state.switches.lock().ok()?.take(m, &path, on_answer)
    };
    let arrival = take(false);
    if let Some(fault) = &arrival {
        call.faults.push(fault.name());
        let correlation = headers.get("x-ms-correlation-request-id").and_then(|v| v.to_str().ok());
        if let Some(answer) = answer_instead(&state, fault, wire_method, &path, correlation) {
            call.record(&state, Some(answer.status), false);
            return to_response(&answer);
        }
        if let Fault::Drop { apply: false, reset } = fault {
            call.record(&state, None, false);
            return drop_connection(&connection, *reset);
        }
    }
    let served = serve(&state, &method, &uri, &headers, &body).await;
    if served.operation_fault {
        call.faults.push("operation");
    }
    let status = served.answer.status;
    match arrival {
        Some(Fault::Drop { reset, .. }) => {
            call.record(&state, None, served.handled);
            drop_connection(&connection, reset)
        }
        Some(Fault::Slow { seconds, then_drop }) => {
            // Recorded on arrival, so the log keeps the order calls came in.
            call.record(&state, (!then_drop).then_some(status), served.handled);
            tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
            if then_drop {
                drop_connection(&connection, false)
            } else {
                to_response(&served.answer)
            }
        }
        _ => {
            // Only an answer with a body to cut uses up a truncation switch.
            let cut = halves(&served.answer.body).and_then(|h| Some((h, take(true)?)));
            match cut {
                Some(((first, _), Fault::Truncated { close })) => {
                    call.faults.push("truncated");
                    call.record(&state, Some(status), served.handled);
                    truncated(&served.answer, first, close, connection)
                }
                _ => {
                    call.record(&state, Some(status), served.handled);
                    to_response(&served.answer)
                }
            }
        }
    }
}

/// The answer a switch gives without the simulator, if it is one that answers.
fn answer_instead(
    state: &AppState,
    fault: &Fault,
    method: Option<transport::Method>,
    path: &str,
    correlation: Option<&str>,
) -> Option<ArmResponse> {
    let answer = match fault {
        Fault::Throttle { retry_after, retry_after_ms, x_ms_retry_after_ms, remaining } => {
            fault_answers::throttled(
                method?,
                path,
                retry_after.as_deref(),
                retry_after_ms.as_deref(),
                x_ms_retry_after_ms.as_deref(),
                *remaining,
            )
        }
        Fault::ServerError { status, retry_after } => {
            fault_answers::server_error(*status, retry_after.as_deref())
        }
        // A gateway's page carries none of ARM's headers.
        Fault::Html { status } => return Some(fault_answers::gateway_page(*status)),
        Fault::InvalidToken => unauthorized(
            &state.authority,
            "InvalidAuthenticationToken",
            "The access token is invalid.",
            None,
        ),
        Fault::ClaimsChallenge => {
            let cutoff = now().secs();
            if let Ok(mut revoked) = state.revoked_before.lock() {
                *revoked = Some(cutoff);
            }
            claims_challenge(state, cutoff)
        }
        Fault::Drop { .. } | Fault::Slow { .. } | Fault::Truncated { .. } => return None,
    };
    Some(with_ids(answer, correlation))
}

/// Cuts the connection: hyper's write of the placeholder returned here fails, so the client
/// gets no answer at all.
fn drop_connection(connection: &Connection, reset: bool) -> Response {
    connection.cut(reset);
    Response::new(Body::empty())
}

/// `answer` with only `first` of its body. Without `close` the length sent is the first
/// half's (a complete HTTP answer whose JSON is incomplete); with it the full length is
/// declared, the first half sent, and the connection cut (the body read fails).
fn truncated(answer: &ArmResponse, first: String, close: bool, connection: Connection) -> Response {
    let mut short = ArmResponse { body: first.clone(), ..answer.clone() };
    if !close {
        return to_response(&short);
    }
    short.body.clear();
    let mut r = to_response(&short);
    let head =
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(first)) });
    let cut = futures_util::stream::once(async move {
        // Give hyper time to flush the first half before the connection goes.
        tokio::time::sleep(Duration::from_millis(100)).await;
        connection.cut(false);
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "cut mid-body"))
    });
    *r.body_mut() = Body::from_stream(head.chain(cut));
    r.headers_mut().insert("content-length", HeaderValue::from(answer.body.len()));
    r
}

/// The token check, then the simulator.
async fn serve(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Served {
    let refused = |answer| Served { answer, handled: false, operation_fault: false };
    if let Some(refusal) = check_token(state, headers).await {
        return refused(refusal);
    }
    let Some(m) = transport::Method::parse(method.as_str()) else {
        return refused(
            anf_sim::http::ApiError::new(
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
        match serde_json::from_slice(body) {
            Ok(v) => Some(v),
            Err(e) => {
                let err = anf_sim::http::ApiError::new(
                    400,
                    "InvalidRequestContent",
                    format!("The request content was invalid and could not be deserialized: {e}"),
                );
                return refused(err.response());
            }
        }
    };
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    let mut req = ArmRequest::new(m, format!("http://{host}{uri}"));
    req.body = body;
    for (name, value) in headers {
        if name != "authorization" && name != "cookie" {
            if let Ok(v) = value.to_str() {
                req.headers.push((name.as_str().to_string(), v.to_string()));
            }
        }
    }
    let Ok(mut sim) = state.sim.lock() else {
        return refused(ArmResponse::new(500, "simulator state poisoned"));
    };
    let armed = |s: &anf_sim::Simulator| -> u64 {
        s.operation_faults().iter().map(|f| u64::from(f.left)).sum()
    };
    let before = armed(&sim);
    let answer = sim.handle(&req, now());
    let operation_fault = armed(&sim) < before;
    Served { answer, handled: true, operation_fault }
}

/// The refusal for a missing, invalid, expired or revoked token; `None` if it passes (or
/// tokens aren't checked).
async fn check_token(state: &AppState, headers: &HeaderMap) -> Option<ArmResponse> {
    let verifier = state.verifier.as_ref()?;
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
    let Some(token) = token else {
        return Some(unauthorized(
            &state.authority,
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing.",
            None,
        ));
    };
    match verifier.verify(token.trim()).await {
        Err(r) => {
            let code =
                if r.expired { "ExpiredAuthenticationToken" } else { "InvalidAuthenticationToken" };
            Some(unauthorized(&state.authority, code, &r.description, Some(&r.description)))
        }
        Ok(issued) => {
            let revoked = state.revoked_before.lock().ok().and_then(|r| *r);
            match (revoked, issued) {
                (Some(cutoff), Some(iat)) if iat < cutoff => Some(claims_challenge(state, cutoff)),
                _ => None,
            }
        }
    }
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

fn unauthorized(
    authority: &str,
    code: &str,
    message: &str,
    description: Option<&str>,
) -> ArmResponse {
    let desc = description.unwrap_or(message).replace('"', "'");
    let header = format!("Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"{desc}\"");
    challenge(header, code, message)
}

fn challenge(header: String, code: &str, message: &str) -> ArmResponse {
    let body = json!({ "error": { "code": code, "message": message } }).to_string();
    ArmResponse::new(401, body)
        .with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("WWW-Authenticate", header)
}

/// The challenge asking for a token issued at or after `cutoff`.
fn claims_challenge(state: &AppState, cutoff: u64) -> ArmResponse {
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
