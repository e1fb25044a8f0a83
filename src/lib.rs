//! anf-migrate: the browser app.

pub mod auth;
