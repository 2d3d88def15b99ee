//! Where uploaded files live: a directory (`BAZAAR_MEDIA_URL`, a path or
//! `file://path`; default `data/media`). Files are written to a temporary
//! name and renamed, so a reader never sees half a picture. Keys are made
//! here from media ids, never from anything a person typed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A handle on the media directory; cheap to clone.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: Arc<PathBuf>,
}

impl MediaStore {
    /// Open (and create) the store `url` names.
    pub fn open(url: &str) -> std::io::Result<Self> {
        if url.contains("://") && !url.starts_with("file://") {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                format!("BAZAAR_MEDIA_URL={url:?}: only a directory (or file://directory) is supported"),
            ));
        }
        let root = PathBuf::from(url.trim_start_matches("file://"));
        std::fs::create_dir_all(&root)?;
        Ok(Self { root: Arc::new(root) })
    }

    /// The key for a media id and file extension: `ab/<id>.jpg`, spread
    /// over folders by the id's last characters (its random part).
    pub fn key_for(id: &str, extension: &str) -> String {
        let tail = id.get(id.len().saturating_sub(2)..).unwrap_or("00");
        format!("{tail}/{id}.{extension}")
    }

    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != ".."
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            });
        if !safe {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad media key"));
        }
        Ok(self.root.join(Path::new(key)))
    }

    pub async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::now_v7().simple()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)?).await
    }

    /// Write a long file piece by piece: a temporary file to fill, then
    /// [`MediaStore::publish`] it under `key` (readers never see it half
    /// written). Returns the temporary file's path.
    pub async fn create(&self, key: &str) -> std::io::Result<(tokio::fs::File, PathBuf)> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp-{}", uuid::Uuid::now_v7().simple()));
        Ok((tokio::fs::File::create(&tmp).await?, tmp))
    }

    /// Put a file made by [`MediaStore::create`] in place.
    pub async fn publish(&self, tmp: &Path, key: &str) -> std::io::Result<()> {
        tokio::fs::rename(tmp, self.path(key)?).await
    }

    /// A stored file to read piece by piece, and its size.
    pub async fn open_file(&self, key: &str) -> std::io::Result<(tokio::fs::File, u64)> {
        let file = tokio::fs::File::open(self.path(key)?).await?;
        let len = file.metadata().await?.len();
        Ok((file, len))
    }

    /// Remove a file; one already gone is fine.
    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_round_trip_and_keys_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::open(&format!("file://{}", dir.path().display())).unwrap();
        let key = MediaStore::key_for("0193-abcd", "png");
        assert_eq!(key, "cd/0193-abcd.png");
        store.put(&key, b"picture").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), b"picture");
        store.delete(&key).await.unwrap();
        store.delete(&key).await.unwrap();
        assert!(store.get("../../etc/passwd").await.is_err());
        assert!(store.put("/abs", b"x").await.is_err());
        assert!(MediaStore::open("s3://bucket/prefix").is_err());
    }
}
