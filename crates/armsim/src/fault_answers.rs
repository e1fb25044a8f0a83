//! What the fault switches answer in place of the simulator: ARM's throttling and server
//! errors (its error envelope and headers), a gateway's HTML page, and the halves of a
//! truncated body.

use anf_core::transport::{ArmResponse, Method};
use anf_sim::http::ApiError;
use std::sync::atomic::{AtomicU64, Ordering};

/// ARM's 429: `SubscriptionRequestsThrottled`, the remaining-budget header of the call's scope
/// and kind, and each `Retry-After` flavour given, verbatim.
#[must_use]
pub fn throttled(
    method: Method,
    path: &str,
    retry_after: Option<&str>,
    retry_after_ms: Option<&str>,
    x_ms_retry_after_ms: Option<&str>,
    remaining: u64,
) -> ArmResponse {
    let kind = match method {
        Method::Get => "reads",
        Method::Delete => "deletes",
        _ => "writes",
    };
    let subscription = path
        .strip_prefix('/')
        .and_then(|p| p.split_once('/'))
        .filter(|(first, _)| first.eq_ignore_ascii_case("subscriptions"))
        .map(|(_, rest)| rest.split('/').next().unwrap_or_default().to_string());
    let (level, message) = match &subscription {
        Some(sub) => (
            "subscription",
            format!(
                "Number of '{}' requests for subscription '{sub}' exceeded the limit. Please try again after '{}' seconds.",
                &kind[..kind.len() - 1],
                retry_after.unwrap_or("a few")
            ),
        ),
        None => (
            "tenant",
            format!(
                "Number of '{}' requests for the tenant exceeded the limit. Please try again after '{}' seconds.",
                &kind[..kind.len() - 1],
                retry_after.unwrap_or("a few")
            ),
        ),
    };
    let mut r = ApiError::new(429, "SubscriptionRequestsThrottled", message)
        .response()
        .with_header(format!("x-ms-ratelimit-remaining-{level}-{kind}"), remaining.to_string());
    for (name, value) in [
        ("Retry-After", retry_after),
        ("retry-after-ms", retry_after_ms),
        ("x-ms-retry-after-ms", x_ms_retry_after_ms),
    ] {
        if let Some(v) = value {
            r = r.with_header(name, v);
        }
    }
    r
}

/// ARM's 5xx error envelope for `status`, with `Retry-After` when given.
#[must_use]
pub fn server_error(status: u16, retry_after: Option<&str>) -> ArmResponse {
    let (code, message) = match status {
        502 => ("BadGateway", "The gateway did not receive a valid response from the service."),
        503 => (
            "ServiceUnavailable",
            "The service is currently unavailable. Please retry the request later.",
        ),
        504 => (
            "GatewayTimeout",
            "The gateway did not receive a response within the specified time period.",
        ),
        _ => {
            ("InternalServerError", "Encountered internal server error. Please retry the request.")
        }
    };
    let r = ApiError::new(status, code, message).response();
    match retry_after {
        Some(v) => r.with_header("Retry-After", v),
        None => r,
    }
}

/// The page an Azure Application Gateway in front of a service shows when the service behind
/// it fails: HTML, not ARM's JSON.
#[must_use]
pub fn gateway_page(status: u16) -> ArmResponse {
    let reason = match status {
        500 => "Internal Server Error",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "Bad Gateway",
    };
    let body = format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n"
    );
    ArmResponse::new(status, body).with_header("Content-Type", "text/html")
}

/// A body cut in half, and its missing second half: the first is what a truncated answer
/// sends. `None` for a body too short to cut (under two bytes).
#[must_use]
pub fn halves(body: &str) -> Option<(String, String)> {
    if body.len() < 2 {
        return None;
    }
    let mut cut = body.len() / 2;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    Some((body[..cut].to_string(), body[cut..].to_string()))
}

/// Adds ARM's request id and the caller's correlation id (or a new one) to an answer armsim
/// gives without the simulator.
#[must_use]
pub fn with_ids(r: ArmResponse, correlation: Option<&str>) -> ArmResponse {
    let correlation = correlation.map_or_else(new_id, str::to_string);
    r.with_header("x-ms-request-id", new_id())
        .with_header("x-ms-correlation-request-id", correlation)
}

/// An id shaped like ARM's (a version-4 UUID): unique in this process, from a counter and the
/// clock, so the simulator's seeded sequence of ids is left alone.
fn new_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let t = crate::now().millis();
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        t >> 16 & 0xffff_ffff,
        t & 0xffff,
        (n >> 48) & 0xfff,
        (n >> 36) & 0xfff,
        n & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_names_the_scope_and_kind_and_keeps_headers_verbatim() {
        let r = throttled(
            Method::Put,
            "/subscriptions/s1/resourceGroups/rg",
            Some("1e20"),
            None,
            Some("-5"),
            0,
        );
        assert_eq!(r.status, 429);
        assert_eq!(r.header("x-ms-ratelimit-remaining-subscription-writes"), Some("0"));
        assert_eq!(r.header("Retry-After"), Some("1e20"));
        assert_eq!(r.header("x-ms-retry-after-ms"), Some("-5"));
        assert_eq!(r.header("retry-after-ms"), None);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["error"]["code"], "SubscriptionRequestsThrottled");
        assert!(v["error"]["message"].as_str().unwrap().contains("'s1'"));
        let t = throttled(Method::Get, "/tenants", None, None, None, 3);
        assert_eq!(t.header("x-ms-ratelimit-remaining-tenant-reads"), Some("3"));
        assert_eq!(t.header("Retry-After"), None);
    }

    #[test]
    fn halves_cut_on_a_character_boundary() {
        let (a, b) = halves(r#"{"name":"é"}"#).unwrap();
        assert_eq!(format!("{a}{b}"), r#"{"name":"é"}"#);
        assert!(serde_json::from_str::<serde_json::Value>(&a).is_err());
        assert_eq!(halves("x"), None);
    }

    #[test]
    fn ids_are_uuid_shaped_and_distinct() {
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
    }
}
