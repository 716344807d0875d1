//! An S3-compatible object store (AWS S3, Cloudflare R2, Backblaze B2, Garage, MinIO) as a sync
//! transport, behind the cargo feature `s3`: requests are signed with `rusty-s3` (presigned URLs,
//! no HTTP of its own) and sent with `ureq` (small, blocking, rustls). The phone apps do not use
//! it: they bring their own HTTP stack through the bindings' transport trait.

use std::time::Duration;

use rusty_s3::actions::ListObjectsV2;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use super::transport::Transport;
use super::{SyncFailure, sync_error};
use crate::error::{GutskinError, Result};

/// How long a signed request stays valid.
const SIGNED_FOR: Duration = Duration::from_secs(15 * 60);

/// A bucket, and a prefix in it under which the objects live.
pub struct S3Transport {
    bucket: Bucket,
    credentials: Option<Credentials>,
    prefix: String,
    agent: ureq::Agent,
}

impl std::fmt::Debug for S3Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Transport").field("bucket", &self.bucket.name()).field("prefix", &self.prefix).finish()
    }
}

fn failure(detail: impl Into<String>) -> GutskinError {
    sync_error(SyncFailure::Transport, detail)
}

/// Where and how to reach a bucket.
#[derive(Debug, Clone, Default)]
pub struct S3Config {
    /// e.g. `https://s3.eu-central-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`,
    /// `http://127.0.0.1:9000`. Path-style addressing (`endpoint/bucket/key`) is used.
    pub endpoint: String,
    pub region: String,
    pub bucket: String,
    /// Objects live under this prefix (no leading or trailing slash needed).
    pub prefix: String,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub session_token: Option<String>,
}

impl S3Config {
    /// Reads `s3://bucket/prefix` and the environment: `GUTSKIN_S3_ENDPOINT` (default: AWS in the
    /// region), `AWS_REGION` or `AWS_DEFAULT_REGION` (default `us-east-1`), `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
    pub fn from_url_and_env(url: &str) -> Result<S3Config> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| GutskinError::invalid("s3", format!("{url:?} is not an s3://bucket/prefix URL")))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(GutskinError::invalid("s3", "the URL names no bucket"));
        }
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let region = env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION")).unwrap_or_else(|| "us-east-1".into());
        let endpoint = env("GUTSKIN_S3_ENDPOINT").unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com"));
        Ok(S3Config {
            endpoint,
            region,
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
            access_key_id: env("AWS_ACCESS_KEY_ID"),
            secret_access_key: env("AWS_SECRET_ACCESS_KEY"),
            session_token: env("AWS_SESSION_TOKEN"),
        })
    }
}

impl S3Transport {
    pub fn new(config: &S3Config) -> Result<S3Transport> {
        let endpoint = url::Url::parse(&config.endpoint)
            .map_err(|e| GutskinError::invalid("s3_endpoint", format!("{:?}: {e}", config.endpoint)))?;
        let bucket = Bucket::new(endpoint, UrlStyle::Path, config.bucket.clone(), config.region.clone())
            .map_err(|e| GutskinError::invalid("s3_endpoint", e))?;
        let credentials = match (&config.access_key_id, &config.secret_access_key) {
            (Some(id), Some(secret)) => Some(match &config.session_token {
                Some(token) => Credentials::new_with_token(id, secret, token),
                None => Credentials::new(id, secret),
            }),
            _ => None,
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        let prefix = if config.prefix.is_empty() { String::new() } else { format!("{}/", config.prefix) };
        Ok(S3Transport { bucket, credentials, prefix, agent })
    }

    fn full(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn read_body(response: &mut ureq::http::Response<ureq::Body>) -> Result<Vec<u8>> {
        response
            .body_mut()
            .with_config()
            .limit(1 << 31)
            .read_to_vec()
            .map_err(|e| failure(format!("reading the response: {e}")))
    }

    fn check(what: &str, key: &str, response: &mut ureq::http::Response<ureq::Body>) -> Result<()> {
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let body = Self::read_body(response).unwrap_or_default();
        let text = String::from_utf8_lossy(&body);
        let code = text.split("<Code>").nth(1).and_then(|s| s.split("</Code>").next()).unwrap_or("");
        Err(failure(format!("{what} {key}: HTTP {} {code}", status.as_u16())))
    }
}

impl Transport for S3Transport {
    fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let full_prefix = self.full(prefix);
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut action = self.bucket.list_objects_v2(self.credentials.as_ref());
            action.with_prefix(full_prefix.as_str());
            if let Some(token) = &token {
                action.with_continuation_token(token.as_str());
            }
            let url = action.sign(SIGNED_FOR);
            let mut response = self.agent.get(url.as_str()).call().map_err(|e| failure(format!("list: {e}")))?;
            Self::check("list", prefix, &mut response)?;
            let body = Self::read_body(&mut response)?;
            let parsed = ListObjectsV2::parse_response(&body).map_err(|e| failure(format!("list: {e}")))?;
            for object in parsed.contents {
                if let Some(key) = object.key.strip_prefix(&self.prefix) {
                    keys.push(key.to_string());
                }
            }
            match parsed.next_continuation_token {
                Some(next) if !next.is_empty() => token = Some(next),
                _ => return Ok(keys),
            }
        }
    }

    fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let url = self.bucket.get_object(self.credentials.as_ref(), &self.full(key)).sign(SIGNED_FOR);
        let mut response = self.agent.get(url.as_str()).call().map_err(|e| failure(format!("get {key}: {e}")))?;
        if response.status().as_u16() == 404 {
            return Ok(None);
        }
        Self::check("get", key, &mut response)?;
        Self::read_body(&mut response).map(Some)
    }

    fn put(&self, key: &str, data: &[u8]) -> Result<()> {
        let url = self.bucket.put_object(self.credentials.as_ref(), &self.full(key)).sign(SIGNED_FOR);
        let mut response = self.agent.put(url.as_str()).send(data).map_err(|e| failure(format!("put {key}: {e}")))?;
        Self::check("put", key, &mut response)
    }

    fn delete(&self, key: &str) -> Result<()> {
        let url = self.bucket.delete_object(self.credentials.as_ref(), &self.full(key)).sign(SIGNED_FOR);
        let mut response = self.agent.delete(url.as_str()).call().map_err(|e| failure(format!("delete {key}: {e}")))?;
        if response.status().as_u16() == 404 {
            return Ok(());
        }
        Self::check("delete", key, &mut response)
    }
}
