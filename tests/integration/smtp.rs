//! A real SMTP server on loopback for the tests that read mail: aiosmtpd
//! (PyPI, installed by `scripts/bootstrap --test`) writing every message
//! into a maildir.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// aiosmtpd on a free port; killed when dropped.
pub struct SmtpServer {
    child: std::process::Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> PathBuf {
    let tools = std::env::var("BAZAAR_TOOLS").unwrap_or_else(|_| "/opt/bazaar-tools".into());
    Path::new(&tools).join("py/bin/python")
}

impl SmtpServer {
    /// Start one; `None` (test skipped) without aiosmtpd, except in the
    /// full suite, where it must be there.
    pub async fn start() -> Option<SmtpServer> {
        if !python().exists() {
            assert!(
                std::env::var("BAZAAR_REQUIRE_POSTGRES").is_err(),
                "the full suite needs aiosmtpd: run scripts/bootstrap --test"
            );
            eprintln!("skipping: no aiosmtpd (run scripts/bootstrap --test)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(dir.path().join("maildir"))
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Some(SmtpServer { child, port, dir });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start");
    }

    /// The `BAZAAR_SMTP_URL` that reaches it.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message's headers and body as delivered.
    pub fn delivered(&self) -> Vec<String> {
        let new = self.dir.path().join("maildir/new");
        std::fs::read_dir(new)
            .map(|d| d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect())
            .unwrap_or_default()
    }

    /// Wait (up to 15 s) until `count` delivered messages match `pred`; returns them.
    pub async fn wait_for(&self, count: usize, pred: impl Fn(&str) -> bool) -> Vec<String> {
        let mut found = Vec::new();
        for _ in 0..150 {
            found = self.delivered().into_iter().filter(|m| pred(m)).collect();
            if found.len() >= count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        found
    }
}
