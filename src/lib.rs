//! anf-migrate: the browser app.
//!
//! A thin Leptos layer over `anf-core` (the ARM client and every decision) and `anf-sim` (the
//! simulator behind demo mode). Pages live in `pages/`, shared pieces in `components/`.

pub mod app;
pub mod arm;
pub mod auth;
pub mod components;
pub mod download;
pub mod hooks;
pub mod lazy;
pub mod local_time;
pub mod pages;
pub mod settings_loader;
pub mod state;
pub mod storage;
pub mod theme;
pub mod user_timing;

pub use app::App;
