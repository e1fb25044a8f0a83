//! ANF names: the volume resource name and the `creationToken` (export path).

use super::{describe_char, fields, FieldError};
use crate::api_version::ApiVersion;

/// The spec's `volumeName` path pattern (both api-versions).
pub const VOLUME_NAME_PATTERN: &str = "^[a-zA-Z][a-zA-Z0-9\\-_]{0,63}$";

/// The spec's `creationToken` pattern for an api-version (2026-04-01 allows underscores).
#[must_use]
pub const fn creation_token_pattern(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V2025_12_01 => "^[a-zA-Z][a-zA-Z0-9\\-]{0,79}$",
        ApiVersion::V2026_04_01 => "^[a-zA-Z][a-zA-Z0-9\\-_]{0,79}$",
    }
}

/// Checks `value` against "a letter, then up to `max - 1` of letters, digits and `extra`".
fn check_name(
    field: &'static str,
    what: &str,
    value: &str,
    max: usize,
    extra: &[char],
    allowed_words: &str,
) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, format!("Enter a {what}.")));
    }
    let len = v.chars().count();
    if len > max {
        return Err(FieldError::new(
            field,
            format!("A {what} has at most {max} characters; this one has {len}."),
        ));
    }
    if !v.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(FieldError::new(field, format!("A {what} starts with a letter.")));
    }
    if let Some(bad) = v.chars().find(|c| !(c.is_ascii_alphanumeric() || extra.contains(c))) {
        return Err(FieldError::new(
            field,
            format!(
                "A {what} can contain only {allowed_words}; {} is not allowed.",
                describe_char(bad)
            ),
        ));
    }
    Ok(v.to_owned())
}

/// An ANF volume name: 1–64 characters, a letter first, then letters, digits, `-` and `_`.
///
/// # Errors
/// A [`FieldError`] on `volumeName` saying what is wrong.
pub fn validate_volume_name(value: &str) -> Result<String, FieldError> {
    check_name(
        fields::VOLUME_NAME,
        "volume name",
        value,
        64,
        &['-', '_'],
        "letters, digits, hyphens (-) and underscores (_)",
    )
}

/// A `creationToken` (the export path clients mount): 1–80 characters, a letter first, then
/// letters, digits and `-` (and `_` from api-version 2026-04-01).
///
/// # Errors
/// A [`FieldError`] on `creationToken` saying what is wrong.
pub fn validate_creation_token(value: &str, version: ApiVersion) -> Result<String, FieldError> {
    if version.creation_token_allows_underscore() {
        check_name(
            fields::CREATION_TOKEN,
            "file path",
            value,
            80,
            &['-', '_'],
            "letters, digits, hyphens (-) and underscores (_)",
        )
    } else {
        let hint = if value.contains('_') {
            "letters, digits and hyphens (-) with api-version 2025-12-01 (underscores need 2026-04-01)"
        } else {
            "letters, digits and hyphens (-)"
        };
        check_name(fields::CREATION_TOKEN, "file path", value, 80, &['-'], hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_names() {
        for good in ["a", "mig-app01", "Vol_2", &format!("v{}", "x".repeat(63))] {
            assert_eq!(validate_volume_name(good).as_deref(), Ok(good), "{good}");
        }
        assert_eq!(validate_volume_name("  padded ").unwrap(), "padded");
        let cases = [
            ("", "Enter a volume name."),
            ("1vol", "starts with a letter"),
            ("-vol", "starts with a letter"),
            ("my vol", "a space is not allowed"),
            ("vol.1", "'.' is not allowed"),
        ];
        for (bad, msg) in cases {
            let e = validate_volume_name(bad).unwrap_err();
            assert_eq!(e.field, fields::VOLUME_NAME);
            assert!(e.message.contains(msg), "{bad}: {}", e.message);
        }
        let long = format!("v{}", "x".repeat(64));
        assert!(validate_volume_name(&long).unwrap_err().message.contains("at most 64"));
    }

    #[test]
    fn creation_token_depends_on_api_version() {
        assert!(validate_creation_token("app_01", ApiVersion::V2026_04_01).is_ok());
        let e = validate_creation_token("app_01", ApiVersion::V2025_12_01).unwrap_err();
        assert_eq!(e.field, fields::CREATION_TOKEN);
        assert!(e.message.contains("2026-04-01"), "{}", e.message);
        assert!(validate_creation_token("app-01", ApiVersion::V2025_12_01).is_ok());
        let max = format!("a{}", "b".repeat(79));
        assert!(validate_creation_token(&max, ApiVersion::V2025_12_01).is_ok());
        let over = format!("a{}", "b".repeat(80));
        assert!(validate_creation_token(&over, ApiVersion::V2026_04_01)
            .unwrap_err()
            .message
            .contains("at most 80"));
        assert!(validate_creation_token("9path", ApiVersion::V2026_04_01).is_err());
        assert!(validate_creation_token("a/b", ApiVersion::V2026_04_01)
            .unwrap_err()
            .message
            .contains("'/'"));
    }
}
