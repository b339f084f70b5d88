//! Files that are either the old version or the complete new one, never half written: the
//! content goes to a temporary file in the same directory, which is then renamed over the
//! target (a rename within one filesystem is atomic). A crash or Ctrl-C mid-write
//! therefore never leaves a corrupt checkpoint.

use std::path::{Path, PathBuf};

use crate::train_error::{Result, TrainError};

/// Calls `write` with a temporary path beside `path`, then renames it to `path`.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&Path) -> std::result::Result<(), String>,
) -> Result<()> {
    let write_error = |reason: String| TrainError::Write {
        path: path.to_owned(),
        reason,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| write_error(e.to_string()))?;
    }
    let tmp = temporary_path(path);
    if let Err(reason) = write(&tmp) {
        // The target is untouched; the partial temporary file is only clutter.
        let _ = std::fs::remove_file(&tmp);
        return Err(write_error(reason));
    }
    std::fs::rename(&tmp, path).map_err(|e| write_error(e.to_string()))
}

/// Writes `contents` to `path` atomically.
pub fn write_file_atomically(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomically(path, |tmp| {
        std::fs::write(tmp, contents).map_err(|e| e.to_string())
    })
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checkpoint.bin");
        write_file_atomically(&path, b"complete").unwrap();
        let error = write_atomically(&path, |tmp| {
            std::fs::write(tmp, b"half").unwrap();
            Err("disk full".to_owned())
        })
        .unwrap_err();
        assert!(error.to_string().contains("disk full"));
        assert_eq!(std::fs::read(&path).unwrap(), b"complete");
        assert!(!temporary_path(&path).exists());
        write_file_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
