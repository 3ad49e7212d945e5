//! Stable names: activity IRIs for exams, domains, questions and attempts, the learner's identity
//! (an xAPI agent), and statement ids derived from the record (UUID v5), so sending the same
//! history twice produces the same statements and an LRS stores each once.

use serde_json::{Value, json};
use uuid::Uuid;

/// The namespace of every UUID proctor derives (registrations and statement ids).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x7c0f_58a2_4a1e_4f0b_9d8e_2b6a_5c3e_1f20);

/// The prefix of every activity IRI. URNs are IRIs: they need no web server behind them.
pub const IRI_BASE: &str = "urn:proctor:";

/// The learner's identity as the LRS knows it: an e-mail (`mbox`) or an account on the school's
/// system. Given as `mailto:ana@example.org` or `https://lms.example.org#ana`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Learner {
    Mbox(String),
    Account { home_page: String, name: String },
}

impl Learner {
    /// `mailto:ADDRESS`, or `HOMEPAGE#NAME` with an http(s) home page.
    pub fn parse(s: &str) -> Result<Learner, String> {
        let s = s.trim();
        if let Some(addr) = s.strip_prefix("mailto:") {
            if addr.contains('@') && !addr.contains(char::is_whitespace) {
                return Ok(Learner::Mbox(s.to_string()));
            }
            return Err(format!("`{s}` is not an e-mail address"));
        }
        if let Some((home, name)) = s.rsplit_once('#')
            && (home.starts_with("https://") || home.starts_with("http://"))
            && !name.is_empty()
        {
            return Ok(Learner::Account {
                home_page: home.to_string(),
                name: name.to_string(),
            });
        }
        Err(format!(
            "`{s}` is not a learner identity: use mailto:you@example.org or https://your-school-system#your-account"
        ))
    }

    /// The identity as written in settings and reports (`mailto:…` or `HOMEPAGE#NAME`).
    pub fn key(&self) -> String {
        match self {
            Learner::Mbox(m) => m.clone(),
            Learner::Account { home_page, name } => format!("{home_page}#{name}"),
        }
    }

    /// The xAPI Agent.
    pub fn actor(&self) -> Value {
        match self {
            Learner::Mbox(m) => json!({ "objectType": "Agent", "mbox": m }),
            Learner::Account { home_page, name } => json!({
                "objectType": "Agent",
                "account": { "homePage": home_page, "name": name }
            }),
        }
    }

    /// The learner an actor names, if it is an agent identified by mbox or account.
    pub fn from_actor(actor: &Value) -> Option<Learner> {
        if let Some(m) = actor.get("mbox").and_then(Value::as_str) {
            return Some(Learner::Mbox(m.to_string()));
        }
        let acc = actor.get("account")?;
        Some(Learner::Account {
            home_page: acc.get("homePage")?.as_str()?.to_string(),
            name: acc.get("name")?.as_str()?.to_string(),
        })
    }
}

/// Percent-encodes everything but unreserved characters, so any bank id fits in an IRI.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`encode`]; `None` for a malformed escape.
pub fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn exam_iri(exam: &str) -> String {
    format!("{IRI_BASE}exam:{}", encode(exam))
}

pub fn domain_iri(exam: &str, domain: &str) -> String {
    format!("{IRI_BASE}domain:{}:{}", encode(exam), encode(domain))
}

pub fn question_iri(question: &str) -> String {
    format!("{IRI_BASE}question:{}", encode(question))
}

pub fn attempt_iri(registration: &Uuid) -> String {
    format!("{IRI_BASE}attempt:{registration}")
}

/// The question id an IRI names, if it is a question IRI.
pub fn question_of(iri: &str) -> Option<String> {
    decode(iri.strip_prefix(IRI_BASE)?.strip_prefix("question:")?)
}

/// The (exam, domain) a domain IRI names.
pub fn domain_of(iri: &str) -> Option<(String, String)> {
    let rest = iri.strip_prefix(IRI_BASE)?.strip_prefix("domain:")?;
    let (exam, domain) = rest.split_once(':')?;
    Some((decode(exam)?, decode(domain)?))
}

/// The attempt's registration: one per learner and history record, whatever machine sends it.
pub fn registration(learner: &Learner, record_id: &str) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("attempt\n{}\n{record_id}", learner.key()).as_bytes(),
    )
}

/// A statement's id: the attempt's registration, the kind of statement and its position.
pub fn statement_id(registration: &Uuid, kind: &str, index: usize) -> Uuid {
    Uuid::new_v5(
        &NAMESPACE,
        format!("statement\n{registration}\n{kind}\n{index}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_parse_and_round_trip_through_the_actor() {
        let m = Learner::parse("mailto:ana@example.org").unwrap();
        assert_eq!(Learner::from_actor(&m.actor()), Some(m.clone()));
        let a = Learner::parse("https://lms.example.org/users#ana42").unwrap();
        assert_eq!(
            a,
            Learner::Account {
                home_page: "https://lms.example.org/users".into(),
                name: "ana42".into()
            }
        );
        assert_eq!(Learner::from_actor(&a.actor()), Some(a));
        assert!(Learner::parse("ana").is_err());
        assert!(Learner::parse("mailto:nobody").is_err());
    }

    #[test]
    fn iris_encode_any_id_and_decode_back() {
        let q = "CPB-001/a b:c";
        assert_eq!(question_of(&question_iri(q)).as_deref(), Some(q));
        assert_eq!(
            domain_of(&domain_iri("CPB", "claims:x")),
            Some(("CPB".into(), "claims:x".into()))
        );
        assert!(!question_iri(q).contains(' '));
    }

    #[test]
    fn ids_are_stable_and_differ_by_learner_and_record() {
        let ana = Learner::parse("mailto:ana@example.org").unwrap();
        let ben = Learner::parse("mailto:ben@example.org").unwrap();
        let r = registration(&ana, "20261122T090000Z");
        assert_eq!(r, registration(&ana, "20261122T090000Z"));
        assert_ne!(r, registration(&ben, "20261122T090000Z"));
        assert_ne!(r, registration(&ana, "20261122T090000Z-2"));
        assert_eq!(
            statement_id(&r, "answered", 3),
            statement_id(&r, "answered", 3)
        );
        assert_ne!(
            statement_id(&r, "answered", 3),
            statement_id(&r, "answered", 4)
        );
    }
}
