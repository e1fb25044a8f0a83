//! WebDriver journeys against the release build. One test binary, one module per journey.

mod armsim_migration;
mod bad_input;
mod demo_migration;
mod failures;
mod faults_create;
mod faults_operations;
mod faults_sign_in;
mod reload;
mod sign_in;
mod smoke;
mod throttling;
mod users_apart;
mod ux_tour;
mod volume_kinds;
mod wave_armsim;
mod wave_demo;
