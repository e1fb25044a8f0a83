//! Hooks: reactive helpers over browser facilities, torn down with their owner.

mod use_page_visible;
mod use_polled;

pub use use_page_visible::{page_hidden, use_page_visible};
pub use use_polled::{
    use_polled, use_polled_with_options, NextPoll, UsePolledOptions, UsePolledReturn,
};
