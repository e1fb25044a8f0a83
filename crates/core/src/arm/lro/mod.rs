//! Long-running operations: ARM's `201/202` + `Azure-AsyncOperation` / `Location` protocol.
//!
//! [`Poller`] is a pure state machine: it says which request to send next and when, and takes
//! each response with the time it arrived. Its state serialises, so the browser can store it and
//! resume after a reload. [`Client::wait`](super::Client::wait) drives it with injected sleep and
//! clock functions.

mod kind;
mod pace;
mod poller;
mod reading;
mod status;
mod wait;
mod watchdog;

pub use kind::OperationKind;
pub use pace::{PollPace, POLLS_PER_SECOND, POLL_BURST};
pub use poller::{LroOutcome, PollState, Poller, DEFAULT_POLL_INTERVAL, MAX_TRANSIENT_ERRORS};
pub use status::{OperationStatus, OperationStatusBody};
pub use wait::next_poll_wait;
pub use watchdog::{Overdue, OverdueAction, CREATE_GIVE_UP_AFTER, PEER_RERUN_AFTER};
