//! CORS for the configured origins only: a preflight from any other origin is refused, and
//! responses to other origins carry no CORS headers (so the browser blocks them).

use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Headers the app must be able to read from ARM's answers.
const EXPOSED: &str = "Azure-AsyncOperation, Location, Retry-After, retry-after-ms, x-ms-retry-after-ms, WWW-Authenticate, x-ms-request-id, x-ms-correlation-request-id, x-ms-ratelimit-remaining-subscription-reads, x-ms-ratelimit-remaining-subscription-writes, x-ms-ratelimit-remaining-subscription-deletes, x-ms-ratelimit-remaining-tenant-reads";

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req.headers().get("origin").and_then(|o| o.to_str().ok()).map(str::to_string);
    let allowed =
        origin.as_deref().filter(|o| state.origins.iter().any(|a| a.trim_end_matches('/') == *o));
    let preflight = req.method() == Method::OPTIONS
        && req.headers().contains_key("access-control-request-method");
    if preflight {
        let Some(origin) = allowed else {
            return (StatusCode::FORBIDDEN, "CORS: origin not allowed\n").into_response();
        };
        let requested = req.headers().get("access-control-request-headers").cloned();
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        let h = r.headers_mut();
        cors_headers(h, origin);
        h.insert(
            "access-control-allow-methods",
            HeaderValue::from_static("GET, PUT, POST, PATCH, DELETE, OPTIONS"),
        );
        h.insert(
            "access-control-allow-headers",
            requested.unwrap_or_else(|| HeaderValue::from_static("authorization, content-type, x-ms-client-request-id, x-ms-correlation-request-id")),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("600"));
        return r;
    }
    let allowed = allowed.map(str::to_string);
    let mut r = next.run(req).await;
    if let Some(origin) = allowed {
        cors_headers(r.headers_mut(), &origin);
    }
    r
}

fn cors_headers(h: &mut HeaderMap, origin: &str) {
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert("access-control-allow-origin", v);
    }
    h.insert("vary", HeaderValue::from_static("Origin"));
    h.insert("access-control-expose-headers", HeaderValue::from_static(EXPOSED));
}
