//! `Retry-After` under hostile input: thousands of malformed, huge and odd values from a seeded
//! generator. None may panic (the app is built with `panic = "abort"`), and none may ask for
//! more than the cap (a frozen throttle gate stops every ARM call).

use anf_core::arm::retry_after::{
    parse_retry_after, parse_retry_after_ms, read_retry_after, retry_after, MAX_RETRY_AFTER,
};
use anf_core::time::Timestamp;
use anf_core::transport::ArmResponse;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

/// A clock in 2027: dates around it are past, near and far future.
const NOW: Timestamp = Timestamp::from_secs(1_800_000_000);

/// xorshift64*: deterministic, so a failure names a value that reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Pieces values are made of: numbers in every float spelling, signs, date parts in all three
/// HTTP date formats (with years the date type cannot hold), whitespace, non-ASCII.
const PIECES: &[&str] = &[
    "0",
    "1",
    "7",
    "9",
    "30",
    "300",
    "301",
    "86400",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    ".",
    "-",
    "+",
    "e",
    "E",
    "1e20",
    "1e308",
    "1e309",
    "-0",
    "0.0001",
    "inf",
    "infinity",
    "NaN",
    "-inf",
    " ",
    "\t",
    "\u{a0}",
    "GMT",
    ",",
    ":",
    "Mon, ",
    "Sunday, ",
    "Fri ",
    "Jan",
    "Dec",
    "-Nov-",
    " 06 Nov 1994 ",
    "08:49:37",
    "99:99:99",
    "1969",
    "1970",
    "9999",
    "10000",
    "2027",
    "31",
    "00",
    "é",
    "日本",
    "١٢٣",
    "\u{0}",
    "\u{feff}",
    "\u{1F600}",
    "🕐",
];

/// Whole values that must parse in a known way, or at least never panic.
const EDGES: &[&str] = &[
    "",
    "   ",
    "1e20",
    "-1",
    "-0.0",
    "NaN",
    "inf",
    "1.7976931348623157e308",
    "4.9e-324",
    "0.0000000001",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999999999",
    "18446744073709551.615",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sat, 01 Jan 10000 00:00:00 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Wed, 31 Dec 1969 23:59:59 GMT",
    "Fri, 15 Jan 2027 08:00:42 GMT",
    "Friday, 15-Jan-27 08:00:42 GMT",
    "Fri Jan 15 08:00:42 2027",
    "Fri Jan 15 08:00:42 9999",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "Mon, 30 Feb 2027 00:00:00 GMT",
    "Fri, 15 Jan 2027 08:00:42 CET",
    "Fri, 15 Jan 2027 08:00:42 GMT\u{1F600}",
    "１２３",
];

fn random_value(rng: &mut Rng) -> String {
    let n = 1 + rng.below(6);
    let mut s: String = (0..n).map(|_| rng.pick(PIECES)).collect();
    // Now and then a raw char anywhere in the Unicode range, to hit odd code points.
    if rng.below(4) == 0 {
        let c = char::from_u32(u32::try_from(rng.next() % 0x11_0000).unwrap_or(0x41))
            .unwrap_or('\u{fffd}');
        s.insert(0, c);
    }
    s
}

/// Every way a value reaches the parser: each header alone, and all three together.
fn responses(value: &str) -> Vec<ArmResponse> {
    let r = || ArmResponse::new(429, "");
    vec![
        r().with_header("Retry-After", value),
        r().with_header("retry-after-ms", value),
        r().with_header("x-ms-retry-after-ms", value),
        r().with_header("retry-after-ms", value)
            .with_header("x-ms-retry-after-ms", value)
            .with_header("Retry-After", value),
    ]
}

fn check(value: &str) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        for response in responses(value) {
            for now in [Timestamp(0), NOW, Timestamp(u64::MAX)] {
                if let Some(wait) = retry_after(&response, now) {
                    assert!(wait <= MAX_RETRY_AFTER, "{value:?} asks {wait:?}");
                }
                if let Some(r) = read_retry_after(&response, now) {
                    assert!(r.wait <= MAX_RETRY_AFTER, "{value:?} asks {r:?}");
                    assert!(!r.capped || r.wait == MAX_RETRY_AFTER, "{value:?}: {r:?}");
                }
            }
        }
        let direct = [parse_retry_after(value, NOW), parse_retry_after_ms(value)];
        for r in direct.into_iter().flatten() {
            assert!(r.wait <= MAX_RETRY_AFTER, "{value:?} asks {r:?}");
        }
    }));
    assert!(outcome.is_ok(), "Retry-After {value:?} panicked");
}

#[test]
fn no_value_panics_or_waits_past_the_cap() {
    for v in EDGES {
        check(v);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        check(&random_value(&mut rng));
    }
}

#[test]
fn huge_and_far_future_values_wait_the_cap_and_say_capped() {
    for v in ["1e20", "18446744073709551616", "Fri, 31 Dec 9999 23:59:59 GMT", "86400"] {
        let r = parse_retry_after(v, NOW).unwrap_or_else(|| panic!("{v} is a wait"));
        assert_eq!((r.wait, r.capped), (MAX_RETRY_AFTER, true), "{v}");
    }
    let r = read_retry_after(&ArmResponse::new(429, "").with_header("retry-after-ms", "1e20"), NOW);
    assert_eq!(r.map(|r| (r.wait, r.capped)), Some((MAX_RETRY_AFTER, true)));
}

#[test]
fn well_formed_values_are_read_exactly() {
    let mut rng = Rng(42);
    for _ in 0..2_000 {
        let secs = rng.next() % 301;
        assert_eq!(
            parse_retry_after(&secs.to_string(), NOW).map(|r| (r.wait, r.capped)),
            Some((Duration::from_secs(secs), false))
        );
        let ms = rng.next() % 300_001;
        assert_eq!(parse_retry_after_ms(&ms.to_string()).map(|r| r.wait), Some(ms_dur(ms)));
    }
    // A date in the past is "now", not a negative wait.
    let past = parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", NOW).unwrap();
    assert_eq!((past.wait, past.capped), (Duration::ZERO, false));
}

fn ms_dur(ms: u64) -> Duration {
    Duration::from_millis(ms)
}
