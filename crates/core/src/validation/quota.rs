//! Volume size: typed in GiB or TiB, checked against the spec's byte range, the regular/large
//! volume limits, and the source's logical size (at least 20 % headroom is recommended).

use super::{fields, FieldError};
use serde::Serialize;

/// 1 GiB.
pub const GIB: u64 = 1 << 30;
/// 1 TiB.
pub const TIB: u64 = 1 << 40;
/// The spec's `usageThreshold` minimum (50 GiB).
pub const MIN_QUOTA_BYTES: u64 = 53_687_091_200;
/// The spec's `usageThreshold` maximum (2400 TiB).
pub const MAX_QUOTA_BYTES: u64 = 2_638_827_906_662_400;
/// Largest regular volume (100 TiB).
pub const MAX_REGULAR_BYTES: u64 = 100 * TIB;
/// Smallest large volume on an exception basis (2400 GiB).
pub const MIN_LARGE_BYTES: u64 = 2400 * GIB;
/// Usual large-volume range without an exception: 100 TiB to 500 TiB.
pub const USUAL_LARGE_RANGE: (u64, u64) = (100 * TIB, 500 * TIB);

/// The unit a bare number is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SizeUnit {
    /// Gibibytes.
    GiB,
    /// Tebibytes.
    TiB,
}

impl SizeUnit {
    const fn bytes(self) -> u64 {
        match self {
            Self::GiB => GIB,
            Self::TiB => TIB,
        }
    }
}

/// A size that passed, with a warning worth showing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuotaCheck {
    /// The quota in bytes (a whole number of GiB).
    pub bytes: u64,
    /// Something to point out that does not block (headroom, exception range).
    pub warning: Option<FieldError>,
}

/// Formats bytes as GiB or TiB for messages (`600 GiB`, `1.5 TiB`).
#[must_use]
pub fn format_size(bytes: u64) -> String {
    let ten = u128::from(bytes) * 10;
    if bytes >= TIB && ten % u128::from(TIB) == 0 {
        let tenths = u64::try_from(ten / u128::from(TIB)).unwrap_or(u64::MAX);
        if tenths % 10 == 0 {
            format!("{} TiB", tenths / 10)
        } else {
            format!("{}.{} TiB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} GiB", bytes.div_ceil(GIB))
    }
}

/// Reads `"600"`, `"600 GiB"`, `"1.5 TiB"`, `"2t"`, `"100g"`; bare numbers are in `unit`.
///
/// # Errors
/// A [`FieldError`] on `quota` when the text is not a size or not a whole number of GiB.
pub fn parse_size(text: &str, unit: SizeUnit) -> Result<u64, FieldError> {
    let t = text.trim().replace(',', "");
    if t.is_empty() {
        return Err(FieldError::new(fields::QUOTA, "Enter a size."));
    }
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, suffix) = t.split_at(split);
    let unit = match suffix.trim().to_ascii_lowercase().as_str() {
        "" => unit,
        "g" | "gb" | "gib" => SizeUnit::GiB,
        "t" | "tb" | "tib" => SizeUnit::TiB,
        other => {
            return Err(FieldError::new(
                fields::QUOTA,
                format!("Use GiB or TiB, not \"{other}\"."),
            ));
        }
    };
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() && frac.is_empty() {
        return Err(FieldError::new(fields::QUOTA, format!("\"{}\" is not a size.", text.trim())));
    }
    if frac.len() > 6 || frac.contains('.') {
        return Err(FieldError::new(fields::QUOTA, "Use at most six decimals."));
    }
    let parse = |s: &str| if s.is_empty() { Ok(0) } else { s.parse::<u64>() };
    let (Ok(w), Ok(f)) = (parse(whole), parse(frac)) else {
        return Err(FieldError::new(fields::QUOTA, format!("\"{}\" is not a size.", text.trim())));
    };
    let scale = 10u64.pow(u32::try_from(frac.len()).unwrap_or(0));
    let bytes = w
        .checked_mul(unit.bytes())
        .and_then(|b| b.checked_add(f.checked_mul(unit.bytes())? / scale))
        .ok_or_else(|| FieldError::new(fields::QUOTA, "That size is far too large."))?;
    if f.checked_mul(unit.bytes()).is_some_and(|x| x % scale != 0) || bytes % GIB != 0 {
        return Err(FieldError::new(fields::QUOTA, "Use a whole number of GiB."));
    }
    Ok(bytes)
}

/// Checks a size typed by a person: the spec's range, the regular/large volume limits, and
/// (when known) the source's logical size: smaller is an error, under 20 % headroom a warning.
///
/// # Errors
/// A [`FieldError`] on `quota`.
pub fn validate_quota(
    text: &str,
    unit: SizeUnit,
    is_large_volume: bool,
    source_logical_bytes: Option<u64>,
) -> Result<QuotaCheck, FieldError> {
    let bytes = parse_size(text, unit)?;
    let err = |m: String| Err(FieldError::new(fields::QUOTA, m));
    if bytes < MIN_QUOTA_BYTES {
        return err(format!("A volume is at least 50 GiB; {} is too small.", format_size(bytes)));
    }
    if bytes > MAX_QUOTA_BYTES {
        return err(format!("A volume is at most 2400 TiB; {} is too large.", format_size(bytes)));
    }
    if !is_large_volume && bytes > MAX_REGULAR_BYTES {
        return err(format!(
            "A regular volume is at most 100 TiB; for {} choose a large volume.",
            format_size(bytes)
        ));
    }
    if is_large_volume && bytes < MIN_LARGE_BYTES {
        return err(format!(
            "A large volume is at least 2400 GiB; {} fits a regular volume.",
            format_size(bytes)
        ));
    }
    let mut warning = None;
    if is_large_volume && !(USUAL_LARGE_RANGE.0..=USUAL_LARGE_RANGE.1).contains(&bytes) {
        warning = Some(FieldError::new(
            fields::QUOTA,
            "Large volumes outside 100–500 TiB need an exception from Microsoft.",
        ));
    }
    if let Some(source) = source_logical_bytes.filter(|s| *s > 0) {
        if bytes < source {
            return err(format!(
                "The source holds {} of data; the volume must be at least that large.",
                format_size(source)
            ));
        }
        // 20 % headroom, rounded up to whole GiB.
        let recommended = (source.saturating_mul(6).div_ceil(5)).div_ceil(GIB) * GIB;
        if bytes < recommended {
            warning = Some(FieldError::new(
                fields::QUOTA,
                format!(
                    "Microsoft recommends at least 20% more than the source's {} of data: {} or more.",
                    format_size(source),
                    format_size(recommended)
                ),
            ));
        }
    }
    Ok(QuotaCheck { bytes, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_decimals() {
        assert_eq!(parse_size("600", SizeUnit::GiB), Ok(600 * GIB));
        assert_eq!(parse_size("600 GiB", SizeUnit::TiB), Ok(600 * GIB));
        assert_eq!(parse_size("1.5 TiB", SizeUnit::GiB), Ok(1536 * GIB));
        assert_eq!(parse_size("2t", SizeUnit::GiB), Ok(2 * TIB));
        assert_eq!(parse_size("1,024 g", SizeUnit::TiB), Ok(1024 * GIB));
        assert!(parse_size("0.3", SizeUnit::GiB)
            .unwrap_err()
            .message
            .contains("whole number of GiB"));
        assert!(parse_size("ten", SizeUnit::GiB).is_err());
        assert!(parse_size("5 PB", SizeUnit::GiB).unwrap_err().message.contains("GiB or TiB"));
        assert!(parse_size("", SizeUnit::GiB).is_err());
        assert!(parse_size("1.2.3", SizeUnit::GiB).is_err());
        assert!(parse_size("99999999999999 TiB", SizeUnit::GiB).is_err());
    }

    #[test]
    fn enforces_spec_range_and_volume_kinds() {
        assert_eq!(
            validate_quota("50", SizeUnit::GiB, false, None).unwrap().bytes,
            MIN_QUOTA_BYTES
        );
        assert!(validate_quota("49", SizeUnit::GiB, false, None)
            .unwrap_err()
            .message
            .contains("at least 50 GiB"));
        assert!(validate_quota("100", SizeUnit::TiB, false, None).is_ok());
        assert!(validate_quota("101", SizeUnit::TiB, false, None)
            .unwrap_err()
            .message
            .contains("large volume"));
        assert!(validate_quota("2401", SizeUnit::TiB, true, None)
            .unwrap_err()
            .message
            .contains("2400 TiB"));
        assert!(validate_quota("2399", SizeUnit::GiB, true, None)
            .unwrap_err()
            .message
            .contains("2400 GiB"));
        let ok = validate_quota("300", SizeUnit::TiB, true, None).unwrap();
        assert!(ok.warning.is_none());
        let exc = validate_quota("800", SizeUnit::TiB, true, None).unwrap();
        assert!(exc.warning.unwrap().message.contains("exception"));
    }

    #[test]
    fn headroom_over_source_size() {
        let source = 500 * GIB;
        assert!(validate_quota("499", SizeUnit::GiB, false, Some(source))
            .unwrap_err()
            .message
            .contains("500 GiB"));
        let tight = validate_quota("550", SizeUnit::GiB, false, Some(source)).unwrap();
        assert_eq!(tight.warning.unwrap().message, "Microsoft recommends at least 20% more than the source's 500 GiB of data: 600 GiB or more.");
        assert!(validate_quota("600", SizeUnit::GiB, false, Some(source))
            .unwrap()
            .warning
            .is_none());
    }

    #[test]
    fn formats_sizes() {
        assert_eq!(format_size(600 * GIB), "600 GiB");
        assert_eq!(format_size(2 * TIB), "2 TiB");
        assert_eq!(format_size(1536 * GIB), "1.5 TiB");
        assert_eq!(format_size(GIB + 1), "2 GiB");
    }
}
