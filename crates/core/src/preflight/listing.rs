//! The scope picker's lists: filter by what the user types, show a page at a time, and link
//! each resource to the Azure portal.

/// Items shown at first, and added by each "Show more".
pub const PAGE_SIZE: usize = 20;

/// What a list shows after filtering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing<T> {
    /// The items to show, at most the limit.
    pub shown: Vec<T>,
    /// How many items match the filter.
    pub matching: usize,
    /// How many items there are.
    pub total: usize,
}

impl<T> Listing<T> {
    /// Matching items not shown yet.
    #[must_use]
    pub fn hidden(&self) -> usize {
        self.matching - self.shown.len()
    }
}

/// Whether every word of `query` appears in `text`, ignoring case.
#[must_use]
pub fn matches(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query.split_whitespace().all(|w| text.contains(&w.to_lowercase()))
}

/// The first `limit` items whose `text` matches `query`.
#[must_use]
pub fn filter_page<T: Clone>(
    items: &[T],
    text: impl Fn(&T) -> String,
    query: &str,
    limit: usize,
) -> Listing<T> {
    let matching: Vec<&T> = items.iter().filter(|i| matches(&text(i), query)).collect();
    Listing {
        shown: matching.iter().take(limit).map(|i| (*i).clone()).collect(),
        matching: matching.len(),
        total: items.len(),
    }
}

/// The Azure portal's overview of the resource `arm_id`, opened in `tenant` (the portal opens
/// the right directory from the `#@tenant` part; without a tenant, the user's default one).
#[must_use]
pub fn portal_url(tenant: &str, arm_id: &str) -> String {
    let id = if arm_id.starts_with('/') { arm_id.to_owned() } else { format!("/{arm_id}") };
    match tenant.trim() {
        "" => format!("https://portal.azure.com/#resource{id}/overview"),
        t => format!("https://portal.azure.com/#@{t}/resource{id}/overview"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_match_in_any_case() {
        assert!(matches("Contoso Migration 0f3c", "contoso mig"));
        assert!(matches("anything", "   "));
        assert!(!matches("Contoso Migration", "contoso landing"));
    }

    #[test]
    fn pages_the_matches() {
        let items: Vec<String> = (0..45).map(|i| format!("pool-{i}")).collect();
        let first = filter_page(&items, Clone::clone, "", PAGE_SIZE);
        assert_eq!((first.shown.len(), first.matching, first.total), (20, 45, 45));
        assert_eq!(first.hidden(), 25);
        let more = filter_page(&items, Clone::clone, "", PAGE_SIZE * 3);
        assert_eq!((more.shown.len(), more.hidden()), (45, 0));
        let some = filter_page(&items, Clone::clone, "pool-4", PAGE_SIZE);
        assert_eq!(some.matching, 6); // 4, 40..44
        assert_eq!(some.shown[0], "pool-4");
    }

    #[test]
    fn portal_links_name_the_tenant_and_the_resource() {
        assert_eq!(
            portal_url("t1", "/subscriptions/s/resourceGroups/rg"),
            "https://portal.azure.com/#@t1/resource/subscriptions/s/resourceGroups/rg/overview"
        );
        assert_eq!(
            portal_url("t1", "subscriptions/s"),
            "https://portal.azure.com/#@t1/resource/subscriptions/s/overview"
        );
        assert_eq!(
            portal_url(" ", "/subscriptions/s"),
            "https://portal.azure.com/#resource/subscriptions/s/overview"
        );
    }
}
