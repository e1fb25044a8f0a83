//! The demo and training controls.

pub mod ontap_console;
pub mod scenario_picker;
pub mod speed_control;
