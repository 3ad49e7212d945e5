//! Where the LRS is and who the learner is: `lrs.json` in the data folder (written 0600, since it
//! may hold a password), overridden by the environment (`PROCTOR_LRS_URL`, `PROCTOR_LRS_USER`,
//! `PROCTOR_LRS_PASSWORD`, `PROCTOR_LEARNER`), the endpoint by `--lrs`. With no endpoint nothing
//! is ever sent. The password is never printed: `Debug` hides it.

use crate::store::StoreError;
use crate::store::atomic::write_atomic;
use crate::store::read::{ReadError, read_capped};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const SCHEMA: u32 = 1;
/// The settings file is a few hundred bytes.
pub const CAP: u64 = 64 * 1024;
pub const FILE: &str = "lrs.json";

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default = "schema")]
    pub schema: u32,
    /// The xAPI endpoint, e.g. `https://lrs.school.edu/xAPI/` (statements live at `statements`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `mailto:…` or `HOMEPAGE#NAME` (see [`super::Learner::parse`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learner: Option<String>,
}

fn schema() -> u32 {
    SCHEMA
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("endpoint", &self.endpoint)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("learner", &self.learner)
            .finish()
    }
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

impl Settings {
    /// The settings file, or empty settings when there is none. An unreadable file is an error
    /// (never silently ignored: the user meant to configure something).
    pub fn load(data_dir: &Path) -> Result<Settings, String> {
        let p = path(data_dir);
        match read_capped(&p, CAP) {
            Err(ReadError::NotFound) => Ok(Settings::default()),
            Err(e) => Err(format!("{}: {e}", p.display())),
            Ok(b) => match serde_json::from_slice::<Settings>(&b) {
                Ok(s) if s.schema == SCHEMA => Ok(s),
                Ok(s) => Err(format!(
                    "{}: schema {}, this proctor reads {SCHEMA}",
                    p.display(),
                    s.schema
                )),
                Err(e) => Err(format!("{}: {e}", p.display())),
            },
        }
    }

    /// Writes the file atomically, readable by its owner only.
    pub fn save(&self, data_dir: &Path) -> Result<PathBuf, StoreError> {
        let p = path(data_dir);
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| StoreError::Encode {
            path: p.display().to_string(),
            what: e.to_string(),
        })?;
        // The temporary file is created 0600 and renamed into place, so the secret is never
        // readable by others, not even for a moment.
        write_atomic(&p, &bytes)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600))
                .map_err(crate::store::io_err(&p))?;
        }
        Ok(p)
    }

    /// The environment over the file, then `--lrs` over both.
    pub fn resolve(
        self,
        env: impl Fn(&str) -> Option<String>,
        lrs_flag: Option<String>,
    ) -> Settings {
        let pick = |name: &str, old: Option<String>| env(name).filter(|v| !v.is_empty()).or(old);
        Settings {
            schema: SCHEMA,
            endpoint: lrs_flag.or_else(|| pick("PROCTOR_LRS_URL", self.endpoint)),
            user: pick("PROCTOR_LRS_USER", self.user),
            password: pick("PROCTOR_LRS_PASSWORD", self.password),
            learner: pick("PROCTOR_LEARNER", self.learner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_owner_only_and_the_password_never_in_debug() {
        let d = tempfile::tempdir().unwrap();
        let s = Settings {
            schema: SCHEMA,
            endpoint: Some("https://lrs.example.org/xAPI/".into()),
            user: Some("u".into()),
            password: Some("s3cret-pw".into()),
            learner: Some("mailto:ana@example.org".into()),
        };
        let p = s.save(d.path()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(Settings::load(d.path()).unwrap(), s);
        assert!(!format!("{s:?}").contains("s3cret-pw"));
    }

    #[test]
    fn environment_over_file_and_flag_over_both() {
        let file = Settings {
            endpoint: Some("https://file/".into()),
            learner: Some("mailto:file@example.org".into()),
            ..Default::default()
        };
        let env = |k: &str| (k == "PROCTOR_LRS_URL").then(|| "https://env/".to_string());
        let r = file.clone().resolve(env, None);
        assert_eq!(r.endpoint.as_deref(), Some("https://env/"));
        assert_eq!(r.learner.as_deref(), Some("mailto:file@example.org"));
        let r = file.resolve(env, Some("https://flag/".into()));
        assert_eq!(r.endpoint.as_deref(), Some("https://flag/"));
        assert_eq!(
            Settings::load(tempfile::tempdir().unwrap().path()).unwrap(),
            Settings::default()
        );
    }
}
