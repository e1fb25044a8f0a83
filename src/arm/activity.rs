//! The Activity log: every ARM call this session made, as the user (or a support case) needs it.
//!
//! It is a transport wrapper, so nothing can call ARM without being logged, and each retry
//! attempt shows as its own line. Entries are kept in sessionStorage so a reload keeps them.

use super::browser_env::now;
use crate::storage::{self, Area};
use anf_core::arm::ArmError;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "anf-migrate.activity";
/// Entries kept; the oldest go first.
pub const CAPACITY: usize = 1000;

/// One ARM call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityEntry {
    /// Sequence number in this session.
    pub seq: u64,
    /// When it was sent.
    pub at: Timestamp,
    /// HTTP method.
    pub method: String,
    /// Path and query, without the host.
    pub path: String,
    /// HTTP status, or `None` when no answer came.
    pub status: Option<u16>,
    /// Milliseconds until the answer.
    pub duration_ms: u64,
    /// `x-ms-request-id`.
    pub request_id: Option<String>,
    /// `x-ms-correlation-request-id`.
    pub correlation_id: Option<String>,
    /// ARM's error code, or the network error.
    pub error: Option<String>,
    /// ARM's error message.
    pub message: Option<String>,
}

impl ActivityEntry {
    /// A failed call (no answer, or 4xx/5xx).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.status.is_none_or(|s| s >= 400)
    }
}

/// The log, shared by the transport and the Activity page.
#[derive(Clone, Copy)]
pub struct ActivityLog {
    entries: RwSignal<Vec<ActivityEntry>>,
    save_pending: RwSignal<bool>,
}

impl ActivityLog {
    /// The log, restored from this tab's earlier pages.
    #[must_use]
    pub fn restore() -> Self {
        let entries = storage::load(Area::Session, STORAGE_KEY).unwrap_or_default();
        Self { entries: RwSignal::new(entries), save_pending: RwSignal::new(false) }
    }

    /// The entries, oldest first.
    #[must_use]
    pub fn entries(&self) -> RwSignal<Vec<ActivityEntry>> {
        self.entries
    }

    /// Empties the log.
    pub fn clear(&self) {
        self.entries.set(Vec::new());
        storage::remove(Area::Session, STORAGE_KEY);
    }

    fn push(&self, mut entry: ActivityEntry) {
        // An answer can arrive after the app was unmounted (tests, a route torn down): then
        // there is no log to write to, and that is fine.
        let logged = self.entries.try_update(|list| {
            entry.seq = list.last().map_or(1, |e| e.seq + 1);
            if list.len() >= CAPACITY {
                list.remove(0);
            }
            list.push(entry);
        });
        if logged.is_none() {
            return;
        }
        // Saving on every call would serialise the whole log on the polling path: coalesce.
        if !self.save_pending.get_untracked() {
            self.save_pending.set(true);
            let this = *self;
            leptos::task::spawn_local(async move {
                super::browser_env::sleep(std::time::Duration::from_secs(1)).await;
                if this.save_pending.try_update(|p| *p = false).is_some() {
                    this.entries
                        .try_with_untracked(|e| storage::save(Area::Session, STORAGE_KEY, e));
                }
            });
        }
    }
}

/// Path and query of an absolute URL.
#[must_use]
pub fn path_of(url: &str) -> String {
    url.find("://")
        .and_then(|i| url[i + 3..].find('/').map(|j| url[i + 3 + j..].to_owned()))
        .unwrap_or_else(|| url.to_owned())
}

/// Logs every call that passes through to `inner`.
pub struct LoggingTransport<T> {
    inner: T,
    log: ActivityLog,
}

impl<T> LoggingTransport<T> {
    /// Wraps `inner`.
    pub fn new(inner: T, log: ActivityLog) -> Self {
        Self { inner, log }
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }
}

impl<T: Transport> Transport for LoggingTransport<T> {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        let started = now();
        let method = request.method.as_str().to_owned();
        let path = path_of(&request.url);
        let result = self.inner.send(request).await;
        let duration_ms = now().since(started).as_millis().try_into().unwrap_or(u64::MAX);
        let mut entry = ActivityEntry {
            seq: 0,
            at: started,
            method,
            path,
            status: None,
            duration_ms,
            request_id: None,
            correlation_id: None,
            error: None,
            message: None,
        };
        match &result {
            Ok(response) => {
                entry.status = Some(response.status);
                entry.request_id = response.header("x-ms-request-id").map(str::to_owned);
                entry.correlation_id =
                    response.header("x-ms-correlation-request-id").map(str::to_owned);
                if !response.is_success() {
                    let error = ArmError::from_response(response);
                    entry.error =
                        error.code.clone().or_else(|| Some(format!("HTTP {}", response.status)));
                    entry.message = Some(error.message.clone());
                }
            }
            Err(e) => entry.error = Some(e.to_string()),
        }
        self.log.push(entry);
        result
    }
}
