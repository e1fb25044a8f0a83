//! The ARM client: typed operations over a [`Transport`](crate::transport::Transport), with
//! paging, long-running operations, retry and throttling, and ARM's errors kept whole.
//!
//! ```text
//! Client<T: Transport>            one typed async method per operation (ops/*)
//!   ├─ paging                     nextLink followed, api-version kept
//!   ├─ lro::Poller                serialisable state machine; Client::wait drives it
//!   ├─ retry                      RetryPolicy (pure) + RetryTransport (driver) + budget
//!   └─ error::ArmError            status, code, message, target, details, request ids
//! ```
//!
//! Typical use from the app (time and sleep come from the browser, never from the core):
//!
//! ```text
//! let client = Client::with_settings(RetryTransport::new(fetch, env), ClientSettings::from_config(endpoint, version)?);
//! let mut poller = client.peer_external_cluster(&volume_id, &addresses, now()).await?;
//! save(&poller);                                   // serde: resume after a reload
//! let outcome = client.wait_observed(&mut poller, sleep, now, save).await?;
//! let command: ClusterPeerCommand = outcome.into_result()?;
//!
//! // or the app's own loop, with the same budget-aware wait and a sign-in pause:
//! loop {
//!     sleep(client.next_poll_wait(&poller, now()).unwrap_or_default()).await;
//!     match client.poll_once(&mut poller, now()).await {
//!         Err(e) if e.needs_sign_in() => { save(&poller); wait_for_sign_in().await }
//!         ...
//!     }
//!     if let Some(o) = poller.overdue(now()) { tell(o.user_message()) }
//! }
//! ```

mod client;
pub mod error;
pub mod lro;
mod ops;
pub mod paging;
pub mod paths;
pub mod retry;
pub mod retry_after;

pub use client::{encode_segment, query_value, versions, Client, ClientSettings, DEFAULT_ENDPOINT};
pub use error::{AdditionalInfo, ArmError, ClientError, ErrorDetail};
pub use lro::{LroOutcome, OperationKind, PollState, Poller};
pub use ops::features::MIGRATION_FEATURE;
pub use retry::{RateLimitBudget, RetryPolicy, RetryTransport};
