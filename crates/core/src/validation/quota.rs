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

/// A size as typed, split into its number and unit (`"1.5 TiB"`: whole 1, fraction "5").
struct Typed {
    whole: u64,
    frac: u64,
    /// Digits after the decimal point.
    frac_digits: u32,
    unit: SizeUnit,
}

impl Typed {
    /// Reads `"600"`, `"600 GiB"`, `"1.5 TiB"`, `"2t"`, `"1,024 g"`; bare numbers are in
    /// `unit`. Errors say what to type instead.
    fn read(text: &str, unit: SizeUnit) -> Result<Self, String> {
        let t = text.trim().replace(',', "");
        if t.is_empty() {
            return Err("Enter a size.".into());
        }
        if t.starts_with('-') {
            return Err("A size is a positive number.".into());
        }
        let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
        let (num, suffix) = t.split_at(split);
        if !num.chars().any(|c| c.is_ascii_digit()) {
            // "abc" is not a unit the person got wrong: there is no number at all.
            return Err(format!(
                "Enter a number, such as 500 or 1.5 TiB (\"{}\" is not one).",
                text.trim()
            ));
        }
        let unit = match suffix.trim().to_ascii_lowercase().as_str() {
            "" => unit,
            // ONTAP prints GB and TB for its binary units.
            "g" | "gb" | "gib" => SizeUnit::GiB,
            "t" | "tb" | "tib" => SizeUnit::TiB,
            other => return Err(format!("Use GiB or TiB, not \"{other}\".")),
        };
        let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
        if frac.contains('.') {
            return Err(format!("\"{}\" is not a number.", text.trim()));
        }
        if frac.len() > 6 {
            return Err("Use at most six decimals.".into());
        }
        let parse = |s: &str| if s.is_empty() { Ok(0) } else { s.parse::<u64>() };
        let (Ok(whole), Ok(frac_value)) = (parse(whole), parse(frac)) else {
            return Err("That size is far too large.".into());
        };
        let frac_digits = u32::try_from(frac.len()).unwrap_or(0);
        Ok(Self { whole, frac: frac_value, frac_digits, unit })
    }

    /// The size in bytes, and whether it is exact (no fraction of a byte was dropped).
    fn bytes(&self) -> Result<(u64, bool), String> {
        let unit = self.unit.bytes();
        let scale = 10u64.pow(self.frac_digits);
        let frac_bytes = self.frac.checked_mul(unit);
        let bytes = self
            .whole
            .checked_mul(unit)
            .and_then(|b| b.checked_add(frac_bytes? / scale))
            .ok_or_else(|| "That size is far too large.".to_owned())?;
        Ok((bytes, frac_bytes.is_some_and(|f| f % scale == 0)))
    }
}

/// Reads `"600"`, `"600 GiB"`, `"1.5 TiB"`, `"2t"`, `"100g"`; bare numbers are in `unit`.
///
/// # Errors
/// A [`FieldError`] on `quota` when the text is not a size or not a whole number of GiB.
pub fn parse_size(text: &str, unit: SizeUnit) -> Result<u64, FieldError> {
    let err = |m: String| FieldError::new(fields::QUOTA, m);
    let (bytes, exact) = Typed::read(text, unit).and_then(|t| t.bytes()).map_err(err)?;
    if !exact || bytes % GIB != 0 {
        return Err(err("Use a whole number of GiB.".into()));
    }
    Ok(bytes)
}

/// Reads the source volume's logical size (ONTAP's `logical-used`), the number the new
/// volume's quota is sized from: a positive size in GiB or TiB, decimals allowed as ONTAP
/// prints them (`42.13GB`), rounded up to a whole byte.
///
/// # Errors
/// A [`FieldError`] on `field` for an empty field, text that is not a number, another unit,
/// 0, or more than the largest volume Azure NetApp Files has (2400 TiB).
pub fn parse_source_size(
    text: &str,
    unit: SizeUnit,
    field: &'static str,
) -> Result<u64, FieldError> {
    let err = |m: String| FieldError::new(field, m);
    if text.trim().is_empty() {
        return Err(err(
            "Enter the source volume's logical size (volume show -fields logical-used).".into(),
        ));
    }
    let (bytes, exact) = Typed::read(text, unit).and_then(|t| t.bytes()).map_err(err)?;
    let bytes = bytes + u64::from(!exact);
    if bytes == 0 {
        return Err(err(
            "The source volume's logical size is more than 0: enter the logical-used size ONTAP reports.".into(),
        ));
    }
    if bytes > MAX_QUOTA_BYTES {
        return Err(err(format!(
            "{} is more than the largest Azure NetApp Files volume (2400 TiB) can hold.",
            format_size(bytes)
        )));
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
    fn a_word_is_not_a_unit_mistake() {
        let e = parse_size("abc", SizeUnit::GiB).unwrap_err();
        assert!(e.message.starts_with("Enter a number"), "{}", e.message);
        assert!(parse_size("-5", SizeUnit::GiB).unwrap_err().message.contains("positive"));
        assert!(parse_size("GiB", SizeUnit::GiB).unwrap_err().message.contains("Enter a number"));
    }

    #[test]
    fn the_source_size_is_a_positive_number_with_a_unit() {
        const F: &str = "sourceSize";
        let read = |t: &str| parse_source_size(t, SizeUnit::GiB, F);
        assert_eq!(read("42"), Ok(42 * GIB));
        assert_eq!(read("1.5 TiB"), Ok(1536 * GIB));
        // As ONTAP prints logical-used: GB is its binary unit; fractions round up to a byte.
        assert_eq!(read("42.5GB"), Ok(42 * GIB + GIB / 2));
        assert_eq!(read("0.3"), Ok(322_122_548));
        assert_eq!(parse_source_size("2", SizeUnit::TiB, F), Ok(2 * TIB));
        for (text, says) in [
            ("", "logical size"),
            ("abc", "Enter a number"),
            ("0", "more than 0"),
            ("0.0 TiB", "more than 0"),
            ("-3", "positive"),
            ("5 PB", "GiB or TiB"),
            ("3000 TiB", "2400 TiB"),
            ("1.2.3", "not a number"),
            ("1.1234567", "six decimals"),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!(e.field, F);
            assert!(e.message.contains(says), "{text:?}: {}", e.message);
        }
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
