//! Fault switches: each makes the next N ARM calls it matches (by path pattern and method) fail
//! in one way, at the HTTP layer (an error answer, a dropped connection, a slow or truncated
//! answer) or, for `operation`, in ARM's semantics through the simulator (the operation the
//! call starts ends `Failed` or `Canceled`). Switches apply oldest first, one per call.

use anf_core::transport::Method;
use anf_sim::faults::{OperationEnd, OperationFault, PathPattern};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The longest a slow answer may be held, in seconds.
pub const MAX_SLOW_SECS: f64 = 3600.0;

/// What a switch does to a call it matches.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// 429 `SubscriptionRequestsThrottled`; each header value sent verbatim, `None` not sent.
    Throttle {
        retry_after: Option<String>,
        retry_after_ms: Option<String>,
        x_ms_retry_after_ms: Option<String>,
        /// `x-ms-ratelimit-remaining-{subscription|tenant}-{reads|writes|deletes}`.
        remaining: u64,
    },
    /// An ARM error body with this 5xx status.
    ServerError { status: u16, retry_after: Option<String> },
    /// The connection closed without an answer; with `apply` the simulator handles the call
    /// first (a mutation takes effect), with `reset` the close is a TCP reset.
    Drop { apply: bool, reset: bool },
    /// The call is handled at once, its answer held `seconds`, then sent (or, with
    /// `then_drop`, the connection closed without it).
    Slow { seconds: f64, then_drop: bool },
    /// A gateway's HTML error page with this status.
    Html { status: u16 },
    /// The simulator's answer with its body cut in half: the JSON is incomplete. With `close`
    /// the full length is declared and the connection closed after the first half.
    Truncated { close: bool },
    /// 401 `WWW-Authenticate: Bearer ... error="invalid_token"`.
    InvalidToken,
    /// 401 `error="insufficient_claims"` with a claims challenge; revokes older tokens.
    ClaimsChallenge,
}

impl Fault {
    /// The switch's name in the control API and the request log.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Throttle { .. } => "throttle",
            Self::ServerError { .. } => "server-error",
            Self::Drop { .. } => "drop",
            Self::Slow { .. } => "slow",
            Self::Html { .. } => "html",
            Self::Truncated { .. } => "truncated",
            Self::InvalidToken => "invalid-token",
            Self::ClaimsChallenge => "claims-challenge",
        }
    }

    /// Whether it acts once the simulator's answer is known (truncation needs a body to cut);
    /// the others are chosen when the call arrives.
    #[must_use]
    pub const fn acts_on_answer(&self) -> bool {
        matches!(self, Self::Truncated { .. })
    }

    /// Its settings, for `GET /_sim/faults`.
    #[must_use]
    pub fn settings(&self) -> Value {
        match self {
            Self::Throttle { retry_after, retry_after_ms, x_ms_retry_after_ms, remaining } => {
                json!({ "retry-after": retry_after, "retry-after-ms": retry_after_ms,
                    "x-ms-retry-after-ms": x_ms_retry_after_ms, "remaining": remaining })
            }
            Self::ServerError { status, retry_after } => {
                json!({ "status": status, "retry-after": retry_after })
            }
            Self::Drop { apply, reset } => json!({ "apply": apply, "reset": reset }),
            Self::Slow { seconds, then_drop } => {
                json!({ "seconds": seconds, "then": if *then_drop { "drop" } else { "answer" } })
            }
            Self::Html { status } => json!({ "status": status }),
            Self::Truncated { close } => json!({ "close": close }),
            Self::InvalidToken | Self::ClaimsChallenge => json!({}),
        }
    }
}

/// An armed switch.
#[derive(Clone, Debug, PartialEq)]
pub struct Switch {
    pub id: u64,
    pub fault: Fault,
    pub path: Option<PathPattern>,
    /// Any method when empty.
    pub methods: Vec<Method>,
    /// Calls still to fault.
    pub left: u32,
}

impl Switch {
    fn matches(&self, method: Method, path: &str) -> bool {
        (self.methods.is_empty() || self.methods.contains(&method))
            && self.path.as_ref().is_none_or(|p| p.matches(path))
    }
}

/// The armed wire-level switches, oldest first.
#[derive(Debug, Default)]
pub struct Switches {
    armed: Vec<Switch>,
    next_id: u64,
}

impl Switches {
    /// Arms a switch; its id.
    pub fn arm(&mut self, fault: Fault, filter: Filter) -> u64 {
        self.next_id += 1;
        self.armed.push(Switch {
            id: self.next_id,
            fault,
            path: filter.path,
            methods: filter.methods,
            left: filter.count,
        });
        self.next_id
    }

    /// The fault for a call, if an armed switch matches it and acts at this point (on the
    /// answer or on arrival); that switch has one fewer left.
    pub fn take(&mut self, method: Method, path: &str, on_answer: bool) -> Option<Fault> {
        let at = self
            .armed
            .iter()
            .position(|s| s.fault.acts_on_answer() == on_answer && s.matches(method, path))?;
        let switch = &mut self.armed[at];
        switch.left -= 1;
        let fault = switch.fault.clone();
        if switch.left == 0 {
            self.armed.remove(at);
        }
        Some(fault)
    }

    /// The armed switches, oldest first.
    #[must_use]
    pub fn armed(&self) -> &[Switch] {
        &self.armed
    }

    /// Disarms everything; how many switches were armed.
    pub fn clear(&mut self) -> usize {
        std::mem::take(&mut self.armed).len()
    }
}

/// Which calls a switch applies to, and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub path: Option<PathPattern>,
    pub methods: Vec<Method>,
    pub count: u32,
}

/// A switch as asked for by `POST /_sim/fault/{kind}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// One of armsim's own.
    Wire(Fault, Filter),
    /// The simulator's: the operations matching calls start end this way.
    Operation(OperationFault),
}

/// The switch kinds `POST /_sim/fault/{kind}` knows.
pub const KINDS: [&str; 9] = [
    "throttle",
    "server-error",
    "drop",
    "slow",
    "html",
    "truncated",
    "invalid-token",
    "claims-challenge",
    "operation",
];

/// Reads `POST /_sim/fault/{kind}`'s query: `count` (default 1), `path`, `method` (comma
/// separated), and the kind's own settings; anything else is refused, so a misspelt setting
/// is not silently ignored.
///
/// # Errors
/// An unknown kind or setting, or a value out of range, in words for the caller.
pub fn parse(kind: &str, q: &HashMap<String, String>) -> Result<Request, String> {
    let own: &[&str] = match kind {
        "throttle" => &["retry-after", "retry-after-ms", "x-ms-retry-after-ms", "remaining"],
        "server-error" => &["status", "retry-after"],
        "drop" => &["apply", "reset"],
        "slow" => &["seconds", "then"],
        "html" | "operation" => &["status"],
        "truncated" => &["close"],
        "invalid-token" | "claims-challenge" => &[],
        _ => return Err(format!("no fault named {kind:?}; known: {}", KINDS.join(", "))),
    };
    if let Some(unknown) = q
        .keys()
        .find(|k| !["count", "path", "method"].contains(&k.as_str()) && !own.contains(&k.as_str()))
    {
        let mut allowed = vec!["count", "path", "method"];
        allowed.extend(own);
        return Err(format!("{kind} takes no {unknown:?}; it takes {}", allowed.join(", ")));
    }
    let filter = filter(q)?;
    let text = |k: &str| q.get(k).cloned();
    let fault = match kind {
        "throttle" => Fault::Throttle {
            // Absent: ARM's usual small wait; empty: no header at all.
            retry_after: match q.get("retry-after") {
                None => Some("1".into()),
                Some(v) if v.is_empty() => None,
                Some(v) => Some(v.clone()),
            },
            retry_after_ms: text("retry-after-ms"),
            x_ms_retry_after_ms: text("x-ms-retry-after-ms"),
            remaining: number(q, "remaining", 0)?,
        },
        "server-error" => Fault::ServerError {
            status: status(q, 500, &[500, 502, 503, 504])?,
            retry_after: text("retry-after").filter(|v| !v.is_empty()),
        },
        "drop" => Fault::Drop { apply: flag(q, "apply")?, reset: flag(q, "reset")? },
        "slow" => Fault::Slow {
            seconds: q
                .get("seconds")
                .and_then(|s| s.parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s > 0.0 && *s <= MAX_SLOW_SECS)
                .ok_or(format!("slow needs seconds=D, more than 0 and at most {MAX_SLOW_SECS}"))?,
            then_drop: match q.get("then").map(String::as_str) {
                None | Some("answer") => false,
                Some("drop") => true,
                Some(other) => return Err(format!("then={other}: answer or drop")),
            },
        },
        "html" => Fault::Html { status: status(q, 502, &[500, 502, 503, 504])? },
        "truncated" => Fault::Truncated { close: flag(q, "close")? },
        "invalid-token" => Fault::InvalidToken,
        "claims-challenge" => Fault::ClaimsChallenge,
        _ => {
            let end = match q.get("status").map(|s| s.to_ascii_lowercase()).as_deref() {
                None | Some("failed") => OperationEnd::Failed,
                Some("canceled" | "cancelled") => OperationEnd::Canceled,
                Some(_) => return Err("operation takes status=Failed or status=Canceled".into()),
            };
            return Ok(Request::Operation(OperationFault {
                end,
                path: filter.path,
                methods: filter.methods,
                left: filter.count,
            }));
        }
    };
    Ok(Request::Wire(fault, filter))
}

fn filter(q: &HashMap<String, String>) -> Result<Filter, String> {
    let count =
        match q.get("count") {
            None => 1,
            Some(s) => s.parse::<u32>().ok().filter(|n| *n > 0).ok_or(
                "count=N: a whole number of calls, at least 1 (DELETE /_sim/faults disarms)",
            )?,
        };
    let methods = match q.get("method") {
        None => Vec::new(),
        Some(list) => list
            .split(',')
            .map(|m| {
                Method::parse(m.trim())
                    .ok_or(format!("method={m}: GET, PUT, POST, PATCH or DELETE"))
            })
            .collect::<Result<_, _>>()?,
    };
    let path = q.get("path").filter(|p| !p.is_empty()).map(|p| PathPattern::new(p));
    Ok(Filter { path, methods, count })
}

fn number(q: &HashMap<String, String>, key: &str, default: u64) -> Result<u64, String> {
    q.get(key).map_or(Ok(default), |s| s.parse().map_err(|_| format!("{key}={s}: a whole number")))
}

fn status(q: &HashMap<String, String>, default: u16, allowed: &[u16]) -> Result<u16, String> {
    let s = q.get("status").map_or(Ok(default), |s| s.parse::<u16>().map_err(|_| s.clone()));
    match s {
        Ok(s) if allowed.contains(&s) => Ok(s),
        Ok(s) => Err(format!("status={s}: one of {allowed:?}")),
        Err(s) => Err(format!("status={s}: one of {allowed:?}")),
    }
}

fn flag(q: &HashMap<String, String>, key: &str) -> Result<bool, String> {
    match q.get(key).map(String::as_str) {
        None | Some("false" | "0") => Ok(false),
        Some("" | "true" | "1") => Ok(true),
        Some(other) => Err(format!("{key}={other}: true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect()
    }

    #[test]
    fn retry_after_is_kept_verbatim_and_an_empty_one_is_not_sent() {
        for raw in ["1e20", "-5", "soon", "Fri, 31 Dec 9999 23:59:59 GMT"] {
            let Ok(Request::Wire(Fault::Throttle { retry_after, .. }, _)) =
                parse("throttle", &query(&[("retry-after", raw)]))
            else {
                panic!("parsed");
            };
            assert_eq!(retry_after.as_deref(), Some(raw));
        }
        let Ok(Request::Wire(Fault::Throttle { retry_after, .. }, _)) =
            parse("throttle", &query(&[("retry-after", "")]))
        else {
            panic!("parsed");
        };
        assert_eq!(retry_after, None);
    }

    #[test]
    fn misspelt_settings_and_bad_values_are_refused() {
        assert!(parse("throttle", &query(&[("retry_after", "5")])).is_err());
        assert!(parse("nope", &query(&[])).is_err());
        assert!(parse("drop", &query(&[("count", "0")])).is_err());
        assert!(parse("drop", &query(&[("method", "FETCH")])).is_err());
        assert!(parse("slow", &query(&[])).is_err());
        assert!(parse("slow", &query(&[("seconds", "inf")])).is_err());
        assert!(parse("server-error", &query(&[("status", "404")])).is_err());
        assert!(parse("operation", &query(&[("status", "Succeeded")])).is_err());
        let Ok(Request::Operation(op)) = parse(
            "operation",
            &query(&[("status", "Canceled"), ("method", "put,POST"), ("count", "2")]),
        ) else {
            panic!("parsed");
        };
        assert_eq!(
            (op.end, op.methods, op.left),
            (OperationEnd::Canceled, vec![Method::Put, Method::Post], 2)
        );
    }

    #[test]
    fn switches_apply_oldest_first_to_matching_calls_and_count_down() {
        let mut s = Switches::default();
        let only_puts = Filter {
            path: Some(PathPattern::new("*/volumes/*")),
            methods: vec![Method::Put],
            count: 2,
        };
        s.arm(Fault::InvalidToken, only_puts);
        s.arm(Fault::Html { status: 502 }, Filter { path: None, methods: Vec::new(), count: 1 });
        s.arm(
            Fault::Truncated { close: false },
            Filter { path: None, methods: Vec::new(), count: 1 },
        );
        assert_eq!(s.take(Method::Get, "/a/volumes/v", false), Some(Fault::Html { status: 502 }));
        assert_eq!(s.take(Method::Get, "/a/volumes/v", false), None, "html used up; puts only");
        assert_eq!(s.take(Method::Put, "/a/volumes/v", false), Some(Fault::InvalidToken));
        assert_eq!(s.take(Method::Put, "/a/pools/p", false), None);
        assert_eq!(s.take(Method::Put, "/a/volumes/v", false), Some(Fault::InvalidToken));
        assert_eq!(s.armed().len(), 1);
        assert_eq!(s.take(Method::Get, "/x", true), Some(Fault::Truncated { close: false }));
        assert_eq!(s.clear(), 0);
    }
}
