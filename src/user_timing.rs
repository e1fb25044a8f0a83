//! Named timings of the app's heavier steps in the browser's User Timing API
//! (`performance.measure`), so they show in the DevTools Performance panel and the benchmarks
//! read the real figure in the page (`performance.getEntriesByName`) instead of timing from
//! outside, which adds the checks and the rendering that follow.

/// The prefix of every measure's name.
pub const PREFIX: &str = "anf-migrate: ";

/// Runs `f`, recorded as the measure `anf-migrate: {name}`. Without a `performance` object (or
/// if the browser refuses a mark) `f` just runs.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let perf = web_sys::window().and_then(|w| w.performance());
    let Some(perf) = perf else { return f() };
    let start = format!("{PREFIX}{name} start");
    let end = format!("{PREFIX}{name} end");
    let _ = perf.mark(&start);
    let out = f();
    let _ = perf.mark(&end);
    let _ = perf.measure_with_start_mark_and_end_mark(&format!("{PREFIX}{name}"), &start, &end);
    // The marks served the measure; the measure stays (the browser keeps at most what it keeps).
    perf.clear_marks_with_mark_name(&start);
    perf.clear_marks_with_mark_name(&end);
    out
}
