//! Times shown to people, in the browser's local time and one format everywhere: `14:05:09`
//! for today, `2026-12-05 14:05:09` for another day, so a time in a list never hides its day.
//! Twenty-four hours and ISO dates rather than the locale's own style: the same time reads the
//! same on the activity log, a check, the migrations page and a copied runbook.

use anf_core::time::Timestamp;

/// `t` as local time: the time of day, with the date when it isn't today.
#[must_use]
pub fn local_time(t: Timestamp) -> String {
    #[allow(clippy::cast_precision_loss)]
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.millis() as f64));
    let today = js_sys::Date::new_0();
    let clock = format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds());
    let same_day = d.get_full_year() == today.get_full_year()
        && d.get_month() == today.get_month()
        && d.get_date() == today.get_date();
    if same_day {
        clock
    } else {
        format!("{:04}-{:02}-{:02} {clock}", d.get_full_year(), d.get_month() + 1, d.get_date())
    }
}
