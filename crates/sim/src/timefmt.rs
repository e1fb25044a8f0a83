//! Wall-clock formatting without a time crate: ARM timestamps (ISO 8601, UTC) and ONTAP's
//! durations.

use anf_core::time::Timestamp;

/// `2026-11-26T10:00:00.000Z`, the form ARM uses for `startTime`/`endTime`.
#[must_use]
pub fn iso8601(ts: Timestamp) -> String {
    let millis = ts.millis();
    let secs = millis / 1000;
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60,
        millis % 1000
    )
}

/// ONTAP's lag format, `h:mm:ss`.
#[must_use]
pub fn hms(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, (secs % 3600) / 60, secs % 60)
}

/// Days since 1970-01-01 to (year, month, day); Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso8601(Timestamp(0)), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(Timestamp(1_709_251_199_123)), "2024-02-29T23:59:59.123Z");
        assert_eq!(hms(3725), "1:02:05");
    }
}
