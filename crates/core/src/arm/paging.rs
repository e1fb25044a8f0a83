//! Following `nextLink`: ARM's links are absolute and normally carry the api-version; when one
//! does not, the first request's api-version is added so the next page speaks the same version.

/// Upper bound on pages followed for one list, against a service that never stops paging.
pub const MAX_PAGES: usize = 200;

/// The URL to GET for a `nextLink`: made absolute against `endpoint` and given `api_version`
/// when it lacks one.
#[must_use]
pub fn next_url(endpoint: &str, next_link: &str, api_version: &str) -> String {
    let link = next_link.trim();
    let mut url = if link.starts_with('/') { format!("{endpoint}{link}") } else { link.to_owned() };
    if super::client::query_value(&url, "api-version").is_none() && !api_version.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str("api-version=");
        url.push_str(api_version);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_or_adds_api_version() {
        let e = "https://management.azure.com";
        assert_eq!(
            next_url(
                e,
                "https://management.azure.com/x?api-version=2025-12-01&$skiptoken=1",
                "2026-04-01"
            ),
            "https://management.azure.com/x?api-version=2025-12-01&$skiptoken=1"
        );
        assert_eq!(
            next_url(e, "https://management.azure.com/x?$skiptoken=1", "2026-04-01"),
            "https://management.azure.com/x?$skiptoken=1&api-version=2026-04-01"
        );
        assert_eq!(
            next_url(e, "/x", "2026-04-01"),
            "https://management.azure.com/x?api-version=2026-04-01"
        );
    }
}
