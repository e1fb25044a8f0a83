//! WebDriver journeys against the release build. One test binary, one module per journey.

mod sign_in;
mod smoke;
