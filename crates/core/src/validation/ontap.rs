//! Names on the ONTAP side, as ONTAP accepts them: cluster, SVM and volume.

use super::{describe_char, fields, FieldError};

#[allow(clippy::too_many_arguments)] // one flat rule description reads better than a struct here
fn check(
    field: &'static str,
    what: &str,
    value: &str,
    max: usize,
    first_ok: fn(char) -> bool,
    first_words: &str,
    rest_ok: fn(char) -> bool,
    rest_words: &str,
) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, format!("Enter the {what}.")));
    }
    let len = v.chars().count();
    if len > max {
        return Err(FieldError::new(
            field,
            format!("ONTAP allows at most {max} characters for the {what}; this has {len}."),
        ));
    }
    if !v.starts_with(first_ok) {
        return Err(FieldError::new(
            field,
            format!("ONTAP requires the {what} to start with {first_words}."),
        ));
    }
    if let Some(bad) = v.chars().find(|c| !rest_ok(*c)) {
        return Err(FieldError::new(
            field,
            format!(
                "The {what} can contain only {rest_words}; {} is not allowed.",
                describe_char(bad)
            ),
        ));
    }
    Ok(v.to_owned())
}

/// The source cluster's name (`cluster identity show`): up to 44 characters, a letter first,
/// then letters, digits, `-`, `_` and `.`.
///
/// # Errors
/// A [`FieldError`] on `clusterName`.
pub fn validate_cluster_name(value: &str) -> Result<String, FieldError> {
    check(
        fields::CLUSTER_NAME,
        "cluster name",
        value,
        44,
        |c| c.is_ascii_alphabetic(),
        "a letter",
        |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
        "letters, digits, hyphens, underscores and periods",
    )
}

/// The source SVM's name (`vserver show`): up to 47 characters of letters, digits, `-`, `_`
/// and `.`, starting with a letter or underscore.
///
/// # Errors
/// A [`FieldError`] on `svmName`.
pub fn validate_svm_name(value: &str) -> Result<String, FieldError> {
    check(
        fields::SVM_NAME,
        "SVM name",
        value,
        47,
        |c| c.is_ascii_alphabetic() || c == '_',
        "a letter or an underscore",
        |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
        "letters, digits, hyphens, underscores and periods",
    )
}

/// The source volume's name (`volume show`): up to 203 characters of letters, digits and `_`,
/// starting with a letter or underscore.
///
/// # Errors
/// A [`FieldError`] on `sourceVolumeName`.
pub fn validate_ontap_volume_name(value: &str) -> Result<String, FieldError> {
    check(
        fields::SOURCE_VOLUME,
        "source volume name",
        value,
        203,
        |c| c.is_ascii_alphabetic() || c == '_',
        "a letter or an underscore",
        |c| c.is_ascii_alphanumeric() || c == '_',
        "letters, digits and underscores",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_names() {
        assert_eq!(validate_cluster_name(" cluster-1.prod ").unwrap(), "cluster-1.prod");
        assert!(validate_cluster_name("1cluster")
            .unwrap_err()
            .message
            .contains("start with a letter"));
        assert!(validate_cluster_name(&"c".repeat(45)).unwrap_err().message.contains("at most 44"));
        assert!(validate_cluster_name("my cluster").unwrap_err().message.contains("a space"));
        assert_eq!(validate_cluster_name("").unwrap_err().field, fields::CLUSTER_NAME);
    }

    #[test]
    fn svm_names() {
        assert!(validate_svm_name("svm_nfs01").is_ok());
        assert!(validate_svm_name("_svm.example.com").is_ok());
        assert!(validate_svm_name(&"s".repeat(47)).is_ok());
        assert!(validate_svm_name(&"s".repeat(48)).is_err());
        assert!(validate_svm_name("-svm").is_err());
        assert!(validate_svm_name("svm/1").unwrap_err().message.contains("'/'"));
    }

    #[test]
    fn ontap_volume_names() {
        assert!(validate_ontap_volume_name("app01_data").is_ok());
        assert!(validate_ontap_volume_name("_root").is_ok());
        assert!(validate_ontap_volume_name(&"v".repeat(203)).is_ok());
        assert!(validate_ontap_volume_name(&"v".repeat(204)).is_err());
        let e = validate_ontap_volume_name("app-01").unwrap_err();
        assert_eq!(e.field, fields::SOURCE_VOLUME);
        assert!(e.message.contains("'-'"));
        assert!(validate_ontap_volume_name("9vol").is_err());
    }
}
