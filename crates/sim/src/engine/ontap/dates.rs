//! ONTAP's ways of writing a time (all in UTC here), from published sessions: `Mon Mar 08
//! 14:09:37 2021` (creation times), `09/19 07:58:29` (SnapMirror progress and snapshots),
//! `8/30/2019 09:35:22` (cluster peer updates), `2019-09-19_0748` in snapshot names, and
//! durations as `64:17:2` (hours:minutes:seconds, unpadded, as `snapmirror show` prints lag).

use crate::timefmt::iso8601;
use anf_core::time::Timestamp;

const DAY_MS: u64 = 86_400_000;
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The parts of a time: year, month, day, hour, minute, second.
struct Parts {
    year: String,
    month: usize,
    day: String,
    hms: String,
}

fn parts(ms: u64) -> Parts {
    // `YYYY-MM-DDTHH:MM:SS.mmmZ`: the calendar arithmetic lives in `timefmt`.
    let iso = iso8601(Timestamp(ms));
    Parts {
        year: iso[..4].to_string(),
        month: iso[5..7].parse::<usize>().unwrap_or(1),
        day: iso[8..10].to_string(),
        hms: iso[11..19].to_string(),
    }
}

/// `Mon Mar 08 14:09:37 2021`.
#[must_use]
pub fn long_date(ms: u64) -> String {
    let p = parts(ms);
    let weekday = WEEKDAYS[usize::try_from((ms / DAY_MS) % 7).unwrap_or(0)];
    format!("{weekday} {} {} {} {}", MONTHS[p.month - 1], p.day, p.hms, p.year)
}

/// `09/19 07:58:29`.
#[must_use]
pub fn short_stamp(ms: u64) -> String {
    let p = parts(ms);
    format!("{:02}/{} {}", p.month, p.day, p.hms)
}

/// `8/30/2019 09:35:22`.
#[must_use]
pub fn us_date(ms: u64) -> String {
    let p = parts(ms);
    let day = p.day.trim_start_matches('0');
    format!("{}/{day}/{} {}", p.month, p.year, p.hms)
}

/// `2019-09-19_0748`, as scheduled snapshot names carry it; `with_seconds` adds `SS`
/// (`2019-09-19_074825`, as SnapMirror's snapshot names do).
#[must_use]
pub fn name_stamp(ms: u64, with_seconds: bool) -> String {
    let iso = iso8601(Timestamp(ms));
    let (date, time) = (&iso[..10], iso[11..19].replace(':', ""));
    let time = if with_seconds { &time[..] } else { &time[..4] };
    format!("{date}_{time}")
}

/// `64:17:2`.
#[must_use]
pub fn duration(secs: u64) -> String {
    format!("{}:{}:{}", secs / 3600, (secs % 3600) / 60, secs % 60)
}

/// Days since 1970-01-01 to the most recent Sunday on or before day `day`.
#[must_use]
pub fn last_sunday(day: u64) -> u64 {
    // Day 0 was a Thursday: Sunday is 3 days later, so (day + 4) % 7 counts days since Sunday.
    day - (day + 4) % 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_known_instants_as_ontap_does() {
        // 2021-03-08T14:09:37Z was a Monday.
        let t = 1_615_212_577_000;
        assert_eq!(long_date(t), "Mon Mar 08 14:09:37 2021");
        assert_eq!(short_stamp(t), "03/08 14:09:37");
        assert_eq!(us_date(t), "3/8/2021 14:09:37");
        assert_eq!(name_stamp(t, false), "2021-03-08_1409");
        assert_eq!(name_stamp(t, true), "2021-03-08_140937");
        assert_eq!(duration(231_422), "64:17:2");
        // 2021-03-07 was a Sunday.
        assert_eq!(last_sunday(t / DAY_MS) * DAY_MS, 1_615_075_200_000);
    }
}
