//! `GET .../capacityPools/{pool}/volumes`: paged by 100 with `nextLink`, as ARM lists are.

use super::{netapp_api, only, require_pool, Names, Req};
use crate::engine::wire::volume_json;
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::url::encode;
use anf_core::transport::Method;
use serde_json::{json, Value};

/// Volumes per page.
pub const PAGE: usize = 100;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    let api = netapp_api(req)?;
    let pool = require_pool(engine, n)?;
    let prefix = format!("{pool}/volumes/");
    // The skip token is the last volume name of the previous page: stable while volumes change.
    let start = match req.url.query("$skipToken") {
        Some(t) => format!("{prefix}{}\u{0}", t.to_ascii_lowercase()),
        None => prefix.clone(),
    };
    let mut page: Vec<(&String, &crate::model::netapp::Volume)> = engine
        .world()
        .volumes
        .range(start..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .take(PAGE + 1)
        .collect();
    let more = page.len() > PAGE;
    page.truncate(PAGE);
    let mut body = json!({ "value": page.iter().map(|(_, v)| volume_json(engine.world(), v, api)).collect::<Vec<Value>>() });
    if more {
        let last = page.last().map(|(k, _)| &k[prefix.len()..]).unwrap_or_default();
        body["nextLink"] = json!(format!(
            "{}{}?api-version={}&$skipToken={}",
            req.base,
            req.url.path,
            api.as_str(),
            encode(last)
        ));
    }
    Ok(json_response(200, &body))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};
    use anf_core::time::Timestamp;

    #[test]
    fn pages_with_next_link_when_many() {
        let mut k = Kit::new();
        k.sim.add_bulk_volumes(&k.pool_path(), 250, Timestamp(k.now));
        let mut url = format!("{}/volumes?api-version={A26}", k.pool_path());
        let mut names = Vec::new();
        loop {
            let v = json_of(&k.get(&url));
            names.extend(
                v["value"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["name"].as_str().unwrap().to_string()),
            );
            match v["nextLink"].as_str() {
                Some(next) => {
                    url = next.trim_start_matches("https://management.azure.com").to_string()
                }
                None => break,
            }
        }
        assert_eq!(names.len(), 250);
        let mut sorted = names.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), 250);
    }

    #[test]
    fn empty_pool_lists_nothing_without_next_link() {
        let mut k = Kit::new();
        let v = json_of(&k.get(&format!("{}/volumes?api-version={A26}", k.pool_path())));
        assert_eq!(v["value"].as_array().unwrap().len(), 0);
        assert!(v.get("nextLink").is_none());
    }

    #[test]
    fn missing_pool_is_not_found_and_bad_version_refused() {
        let mut k = Kit::new();
        let r =
            k.get(&format!("{}/capacityPools/nope/volumes?api-version={A26}", k.account_path()));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
        assert_eq!(k.get(&format!("{}/volumes?api-version=2019-01-01", k.pool_path())).status, 400);
    }
}
