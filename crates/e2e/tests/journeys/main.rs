//! WebDriver journeys against the release build. One test binary, one module per journey.

mod armsim_migration;
mod bad_input;
mod demo_migration;
mod failures;
mod reload;
mod sign_in;
mod smoke;
mod throttling;
mod wave_armsim;
mod wave_demo;
