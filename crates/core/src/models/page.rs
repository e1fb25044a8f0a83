//! One page of an ARM list: `{ "value": [...], "nextLink": "..." }`.

use serde::{Deserialize, Serialize};

/// One page of a pageable ARM list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items on this page (absent is read as empty).
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    /// Absolute URL of the next page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
}

impl<T> Page<T> {
    /// The next page's URL, treating an empty string as "no more pages".
    #[must_use]
    pub fn next(&self) -> Option<&str> {
        self.next_link.as_deref().filter(|s| !s.trim().is_empty())
    }
}
