//! The body of an async-operation status URL.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// An operation's status; strings compared case-insensitively. Succeeded, Failed, Canceled
/// (and the British "Cancelled") are terminal; anything else means it is still running. An
/// empty string parses as `Running("")`; the poller reads it as no status at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationStatus {
    /// Done.
    Succeeded,
    /// Ended in failure.
    Failed,
    /// Canceled.
    Canceled,
    /// Still running, with the service's word for it (`InProgress`, `Accepted`, ...).
    Running(String),
}

impl OperationStatus {
    /// Parses a status string.
    #[must_use]
    pub fn parse(s: &str) -> Self {
        let t = s.trim();
        if t.eq_ignore_ascii_case("succeeded") {
            Self::Succeeded
        } else if t.eq_ignore_ascii_case("failed") {
            Self::Failed
        } else if t.eq_ignore_ascii_case("canceled") || t.eq_ignore_ascii_case("cancelled") {
            Self::Canceled
        } else {
            Self::Running(t.to_owned())
        }
    }

    /// Whether the operation has ended.
    #[must_use]
    pub fn is_terminal(&self) -> bool {
        !matches!(self, Self::Running(_))
    }

    /// The status as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Succeeded => "Succeeded",
            Self::Failed => "Failed",
            Self::Canceled => "Canceled",
            Self::Running(s) => s,
        }
    }
}

impl Serialize for OperationStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OperationStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

/// `{id, name, status, percentComplete, startTime, endTime, properties, error}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationStatusBody {
    /// Operation id.
    #[serde(default)]
    pub id: Option<String>,
    /// Operation name.
    #[serde(default)]
    pub name: Option<String>,
    /// Status.
    pub status: OperationStatus,
    /// 0 to 100.
    #[serde(default)]
    pub percent_complete: Option<f64>,
    /// RFC 3339.
    #[serde(default)]
    pub start_time: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    pub end_time: Option<String>,
    /// The operation's result (ANF puts peering commands here).
    #[serde(default)]
    pub properties: Option<Value>,
    /// ARM error when failed or canceled.
    #[serde(default)]
    pub error: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_case_insensitive_and_both_spellings_cancel() {
        assert_eq!(OperationStatus::parse("SUCCEEDED"), OperationStatus::Succeeded);
        assert_eq!(OperationStatus::parse("failed"), OperationStatus::Failed);
        assert_eq!(OperationStatus::parse("Cancelled"), OperationStatus::Canceled);
        assert_eq!(OperationStatus::parse("canceled"), OperationStatus::Canceled);
        let r = OperationStatus::parse("InProgress");
        assert!(!r.is_terminal());
        assert_eq!(r.as_str(), "InProgress");
    }
}
