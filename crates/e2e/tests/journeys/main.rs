//! WebDriver journeys against the release build. One test binary, one module per journey.

mod bad_input;
mod failures;
mod sign_in;
mod smoke;
mod throttling;
