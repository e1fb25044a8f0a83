//! Faults of the front door: short bursts of server errors, drawn from the seeded RNG, for the
//! server-errors scenario; and the switches a test arms so that the next operations started by
//! matching requests end `Failed` or `Canceled`, with the path filter those switches (and
//! armsim's wire faults) use.

use crate::http::ApiError;
use crate::rng::Rng;
use anf_core::transport::{ArmResponse, Method};
use serde::{Deserialize, Serialize};

/// The 5xx burst generator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faults {
    /// Chance per request (per mille) that a burst starts.
    pub burst_per_mille: u64,
    burst_left: u32,
}

impl Faults {
    /// No faults.
    #[must_use]
    pub fn none() -> Self {
        Self { burst_per_mille: 0, burst_left: 0 }
    }

    /// Bursts start on about one request in `1000 / per_mille`.
    #[must_use]
    pub fn bursts(per_mille: u64) -> Self {
        Self { burst_per_mille: per_mille, burst_left: 0 }
    }

    /// A failure for this request, if one is due.
    pub fn next(&mut self, rng: &mut Rng) -> Option<ArmResponse> {
        if self.burst_left == 0 {
            if self.burst_per_mille == 0 || !rng.chance(self.burst_per_mille) {
                return None;
            }
            // One to three consecutive failures, as a flapping front end produces.
            self.burst_left = 1 + rng.below(3) as u32;
        }
        self.burst_left -= 1;
        let err = if rng.chance(500) {
            ApiError::new(500, "InternalServerError", "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id '', request correlation id ''.")
        } else {
            ApiError::new(
                503,
                "ServiceUnavailable",
                "The service is currently unavailable. Please retry the request later.",
            )
        };
        Some(err.response().with_header("Retry-After", "1"))
    }
}

/// Which requests a fault switch applies to, by path (without the query string), ignoring case:
/// with a `*` the whole path must match, each `*` standing for any run of characters (slashes
/// included), so `*/volumes/*` is anything below a volume; without one the pattern matches any
/// path containing it, so `replicationStatus` is every replication status read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PathPattern(String);

impl PathPattern {
    /// The pattern as given.
    #[must_use]
    pub fn new(pattern: &str) -> Self {
        Self(pattern.to_string())
    }

    /// The pattern as given.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `path` is one the pattern names.
    #[must_use]
    pub fn matches(&self, path: &str) -> bool {
        let (pattern, path) = (self.0.to_ascii_lowercase(), path.to_ascii_lowercase());
        if !pattern.contains('*') {
            return path.contains(&pattern);
        }
        let parts: Vec<&str> = pattern.split('*').collect();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        // Checked first, so the slice below falls on character boundaries.
        if !path.starts_with(first)
            || !path.ends_with(last)
            || path.len() < first.len() + last.len()
        {
            return false;
        }
        // The middle pieces, leftmost first, between the fixed start and end.
        let mut rest = &path[first.len()..path.len() - last.len()];
        for piece in &parts[1..parts.len() - 1] {
            match rest.find(piece) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}

/// How an operation armed by an [`OperationFault`] ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OperationEnd {
    Failed,
    Canceled,
}

impl OperationEnd {
    /// The status value ARM reports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Failed => "Failed",
            Self::Canceled => "Canceled",
        }
    }
}

/// A switch: the next `left` asynchronous operations started by requests it matches end as
/// `end` when their work would be done, without doing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationFault {
    pub end: OperationEnd,
    /// Only requests with a path it matches; any path when `None`.
    pub path: Option<PathPattern>,
    /// Only requests with one of these methods; any when empty.
    pub methods: Vec<Method>,
    /// Operations still to end this way.
    pub left: u32,
}

impl OperationFault {
    /// Whether a request with `method` and `path` is one the switch applies to.
    #[must_use]
    pub fn matches(&self, method: Method, path: &str) -> bool {
        (self.methods.is_empty() || self.methods.contains(&method))
            && self.path.as_ref().is_none_or(|p| p.matches(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_without_a_star_is_a_substring_and_with_stars_a_whole_path_glob() {
        let status = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v1/replicationStatus";
        assert!(PathPattern::new("replicationstatus").matches(status));
        assert!(PathPattern::new("*/volumes/*").matches(status));
        assert!(PathPattern::new("*/VOLUMES/*/replicationStatus").matches(status));
        assert!(PathPattern::new("/subscriptions/*").matches(status));
        assert!(!PathPattern::new("*/volumes/*/breakReplication").matches(status));
        assert!(!PathPattern::new("*/volumes").matches(status), "the whole path must match");
        assert!(!PathPattern::new("/volumes/*").matches(status), "anchored at the start");
        assert!(!PathPattern::new("peerExternalCluster").matches(status));
        let volume = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v1";
        assert!(PathPattern::new("*/volumes/*").matches("/s/volumes/"), "a star may match nothing");
        assert!(PathPattern::new("*/volumes/*").matches(volume));
        assert!(PathPattern::new("*v1*v1").matches("/v1/v1"));
        assert!(!PathPattern::new("*v1*v1").matches("/v1"), "pieces don't overlap");
        assert!(PathPattern::new("*").matches("/anything"));
    }

    #[test]
    fn an_operation_fault_matches_its_methods_and_path_only() {
        let f = OperationFault {
            end: OperationEnd::Failed,
            path: Some(PathPattern::new("*/volumes/*")),
            methods: vec![Method::Put],
            left: 1,
        };
        assert!(f.matches(Method::Put, "/x/volumes/v"));
        assert!(!f.matches(Method::Delete, "/x/volumes/v"));
        assert!(!f.matches(Method::Put, "/x/capacityPools/p"));
        let any = OperationFault { path: None, methods: Vec::new(), ..f };
        assert!(any.matches(Method::Post, "/anything"));
    }

    #[test]
    fn bursts_come_from_the_seed_and_none_never_fails() {
        let mut rng = Rng::new(3);
        let mut none = Faults::none();
        assert!((0..1000).all(|_| none.next(&mut rng).is_none()));
        let run = |seed| {
            let mut rng = Rng::new(seed);
            let mut f = Faults::bursts(100);
            (0..200).map(|_| f.next(&mut rng).map(|r| r.status)).collect::<Vec<_>>()
        };
        let a = run(9);
        assert_eq!(a, run(9));
        let failures = a.iter().flatten().count();
        assert!(failures > 5 && failures < 120, "{failures}");
        assert!(a.iter().flatten().all(|s| *s == 500 || *s == 503));
    }
}
