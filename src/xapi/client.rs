//! The LRS over HTTP(S) (ureq with rustls): POST statements in batches, GET them back following
//! the `more` links. Errors say what the user can do (wrong credentials, no permission, LRS down,
//! a statement refused and why) and never contain the password.

use base64::Engine;
use serde_json::Value;
use std::time::Duration;
use thiserror::Error;

pub const XAPI_VERSION: &str = "1.0.3";
/// The longest LRS answer read (one page of statements is far smaller).
const BODY_CAP: u64 = 64 * 1024 * 1024;
/// A page of a class's statements, as many as the LRS allows.
const PAGE: usize = 500;
/// Paging stops after this many pages (a loop in `more` links must not run forever).
const MAX_PAGES: usize = 100_000;

#[derive(Debug, Error)]
pub enum LrsError {
    #[error(
        "the LRS at {endpoint} refused the credentials (401): check PROCTOR_LRS_USER / PROCTOR_LRS_PASSWORD or `proctor sync --configure`"
    )]
    Unauthorized { endpoint: String },
    #[error(
        "the LRS at {endpoint} does not allow this account to {what} (403): ask its administrator for that permission"
    )]
    Forbidden {
        endpoint: String,
        what: &'static str,
    },
    #[error("the LRS at {endpoint} could not be reached ({why})")]
    Unreachable { endpoint: String, why: String },
    #[error("the LRS at {endpoint} refused the statements ({status}): {reason}")]
    Rejected {
        endpoint: String,
        status: u16,
        reason: String,
    },
    #[error("the LRS at {endpoint} answered something that is not xAPI: {what}")]
    Garbled { endpoint: String, what: String },
    #[error(
        "the LRS address {0} is not an http(s) URL without a password in it (give credentials in PROCTOR_LRS_USER / PROCTOR_LRS_PASSWORD)"
    )]
    BadUrl(String),
}

pub struct Lrs {
    agent: ureq::Agent,
    /// Ends with `/`.
    endpoint: String,
    auth: Option<String>,
}

impl Lrs {
    pub fn new(
        endpoint: &str,
        user: Option<&str>,
        password: Option<&str>,
    ) -> Result<Lrs, LrsError> {
        let authority = endpoint
            .split_once("://")
            .map(|(_, rest)| rest.split('/').next().unwrap_or(""));
        let scheme_ok = endpoint.starts_with("https://") || endpoint.starts_with("http://");
        if !scheme_ok || authority.is_none_or(|a| a.is_empty() || a.contains('@')) {
            return Err(LrsError::BadUrl(redact(endpoint)));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .timeout_connect(Some(Duration::from_secs(10)))
            .build()
            .into();
        let auth = user.map(|u| {
            let raw = format!("{u}:{}", password.unwrap_or(""));
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            )
        });
        Ok(Lrs {
            agent,
            endpoint: format!("{}/", endpoint.trim_end_matches('/')),
            auth,
        })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Every request carries the xAPI version and, when set, the credentials.
    fn versioned<B>(&self, req: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        let req = req.header("X-Experience-API-Version", XAPI_VERSION);
        match &self.auth {
            Some(a) => req.header("Authorization", a),
            None => req,
        }
    }

    fn unreachable(&self, e: ureq::Error) -> LrsError {
        LrsError::Unreachable {
            endpoint: self.endpoint.clone(),
            why: e.to_string(),
        }
    }

    fn status_error(&self, status: u16, body: &str, what: &'static str) -> LrsError {
        match status {
            401 => LrsError::Unauthorized {
                endpoint: self.endpoint.clone(),
            },
            403 => LrsError::Forbidden {
                endpoint: self.endpoint.clone(),
                what,
            },
            _ => LrsError::Rejected {
                endpoint: self.endpoint.clone(),
                status,
                reason: reason(body),
            },
        }
    }

    /// Stores a batch of statements. An LRS that already holds a statement id keeps it unchanged
    /// (xAPI 1.0.3, 2.1.3), so a batch sent twice is harmless.
    pub fn post(&self, batch: &[Value]) -> Result<(), LrsError> {
        let body = serde_json::to_vec(batch).expect("JSON values serialize");
        let req = self
            .agent
            .post(format!("{}statements", self.endpoint))
            .header("Content-Type", "application/json");
        let mut resp = self
            .versioned(req)
            .send(body)
            .map_err(|e| self.unreachable(e))?;
        let status = resp.status().as_u16();
        let text = capped_text(&mut resp).unwrap_or_default();
        match status {
            200..=299 => Ok(()),
            _ => Err(self.status_error(status, &text, "write statements")),
        }
    }

    /// Every statement matching `params` (xAPI query parameters), page after page.
    pub fn query(&self, params: &[(&str, String)]) -> Result<Vec<Value>, LrsError> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let req = match &next {
                None => {
                    let mut r = self.agent.get(format!("{}statements", self.endpoint));
                    for (k, v) in params {
                        r = r.query(*k, v);
                    }
                    r.query("limit", PAGE.to_string())
                }
                Some(url) => self.agent.get(url),
            };
            let mut resp = self
                .versioned(req)
                .call()
                .map_err(|e| self.unreachable(e))?;
            let status = resp.status().as_u16();
            let text = capped_text(&mut resp).map_err(|e| self.unreachable(e))?;
            if !(200..=299).contains(&status) {
                return Err(self.status_error(status, &text, "read statements"));
            }
            let garbled = |what: String| LrsError::Garbled {
                endpoint: self.endpoint.clone(),
                what,
            };
            let v: Value = serde_json::from_str(&text).map_err(|e| garbled(e.to_string()))?;
            let page = v
                .get("statements")
                .and_then(Value::as_array)
                .ok_or_else(|| garbled("no `statements` list".into()))?;
            out.extend(page.iter().cloned());
            match v
                .get("more")
                .and_then(Value::as_str)
                .filter(|m| !m.is_empty())
            {
                Some(more) if !page.is_empty() => next = Some(self.resolve(more)),
                _ => return Ok(out),
            }
        }
        Err(LrsError::Garbled {
            endpoint: self.endpoint.clone(),
            what: format!("more than {MAX_PAGES} pages"),
        })
    }

    /// A `more` link is an IRL relative to the LRS's host (or absolute).
    fn resolve(&self, more: &str) -> String {
        if more.starts_with("http://") || more.starts_with("https://") {
            return more.to_string();
        }
        let (scheme, rest) = self.endpoint.split_once("://").unwrap_or(("http", ""));
        let host = rest.split('/').next().unwrap_or("");
        format!("{scheme}://{host}/{}", more.trim_start_matches('/'))
    }
}

/// What the LRS said was wrong: a JSON `detail`/`message`/`error` if there is one, else the text,
/// cut short.
/// A response body, read no further than [`BODY_CAP`]: an LRS cannot exhaust memory.
fn capped_text(resp: &mut ureq::http::Response<ureq::Body>) -> Result<String, ureq::Error> {
    resp.body_mut()
        .with_config()
        .limit(BODY_CAP)
        .read_to_string()
}

fn reason(body: &str) -> String {
    let from_json = serde_json::from_str::<Value>(body).ok().and_then(|v| {
        ["detail", "message", "error"]
            .iter()
            .find_map(|k| v.get(*k).cloned())
            .map(|d| match d {
                Value::String(s) => s,
                other => other.to_string(),
            })
    });
    let text = from_json.unwrap_or_else(|| body.trim().to_string());
    let short: String = text.chars().take(600).collect();
    if short.is_empty() {
        "no reason given".into()
    } else {
        short
    }
}

/// An endpoint for messages, without any `user:password@`.
pub fn redact(endpoint: &str) -> String {
    match endpoint.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority.rsplit('@').next().unwrap_or(authority);
            format!("{scheme}://{host}{path}")
        }
        None => "(not a URL)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_refused_and_never_echoed() {
        let e = Lrs::new("https://ana:pw123@lrs.example.org/xAPI/", None, None)
            .err()
            .unwrap();
        assert!(!e.to_string().contains("pw123"), "{e}");
        assert!(Lrs::new("ftp://x/", None, None).is_err());
        assert!(Lrs::new("http://127.0.0.1:1/xAPI", None, None).is_ok());
    }

    #[test]
    fn the_lrs_reason_is_read_from_its_json() {
        assert_eq!(reason(r#"{"detail":"bad verb"}"#), "bad verb");
        assert_eq!(reason("plain text "), "plain text");
        assert_eq!(reason(""), "no reason given");
    }

    #[test]
    fn more_links_resolve_against_the_host() {
        let l = Lrs::new("http://127.0.0.1:8100/xAPI", None, None).unwrap();
        assert_eq!(
            l.resolve("/xAPI/statements?a=1"),
            "http://127.0.0.1:8100/xAPI/statements?a=1"
        );
    }

    #[test]
    fn an_unreachable_lrs_is_a_clean_error() {
        // Port 1 on loopback: nothing listens there.
        let l = Lrs::new("http://127.0.0.1:1/xAPI/", Some("u"), Some("secret-pw")).unwrap();
        let e = l.post(&[serde_json::json!({})]).unwrap_err();
        assert!(matches!(e, LrsError::Unreachable { .. }), "{e}");
        assert!(!e.to_string().contains("secret-pw"));
    }
}
