//! `--state FILE`: the whole store, the project's credentials, the signing key and the clock
//! in one JSON document, read at start and written (atomically: a temporary file beside it,
//! then a rename) on request.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::jwt::SigningKeys;
use crate::state::Data;

/// Bumped when the layout changes in a way older files cannot be read as.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
pub struct Snapshot {
    pub format: u32,
    pub project_id: String,
    pub secret: String,
    pub signing_key_id: String,
    /// PKCS#8 DER, base64url.
    pub signing_key: String,
    pub clock_offset_ms: i64,
    pub data: Data,
}

impl Snapshot {
    /// The signing key the snapshot holds.
    pub fn keys(&self) -> io::Result<SigningKeys> {
        SigningKeys::import(self.signing_key_id.clone(), &self.signing_key)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

fn invalid(path: &Path, why: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{} is not an emulator state file ({why}); it was left as it is",
            path.display()
        ),
    )
}

/// Reads a snapshot; `Ok(None)` when the file does not exist yet. Never changes the file.
pub fn load(path: &Path) -> io::Result<Option<Snapshot>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(io::Error::new(
                e.kind(),
                format!("cannot read {}: {e}", path.display()),
            ))
        }
    };
    let mut snapshot: Snapshot = serde_json::from_slice(&bytes).map_err(|e| invalid(path, e))?;
    if snapshot.format != FORMAT {
        return Err(invalid(
            path,
            format!("format {}, this emulator reads {FORMAT}", snapshot.format),
        ));
    }
    snapshot.keys().map_err(|e| invalid(path, e))?;
    snapshot.data.reindex();
    Ok(Some(snapshot))
}

/// Writes the emulator's state to `path`: to a temporary file in the same directory first,
/// flushed to disk, then renamed over `path`, so a crash never leaves half a file.
pub fn save(app: &App, path: &Path) -> io::Result<()> {
    let (signing_key_id, signing_key) = app.keys.export();
    let json = {
        let data = app.store.lock();
        let snapshot = SnapshotRef {
            format: FORMAT,
            project_id: &app.project_id,
            secret: &app.secret,
            signing_key_id: &signing_key_id,
            signing_key: &signing_key,
            clock_offset_ms: app.clock.offset_ms(),
            data: &data,
        };
        serde_json::to_vec_pretty(&snapshot).map_err(io::Error::other)?
    };
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the state path names no file")
    })?;
    let mut tmp_name = file_name.to_os_string();
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let written = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(&json)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// [`Snapshot`] borrowing from the running emulator, for writing.
#[derive(Serialize)]
struct SnapshotRef<'a> {
    format: u32,
    project_id: &'a str,
    secret: &'a str,
    signing_key_id: &'a str,
    signing_key: &'a str,
    clock_offset_ms: i64,
    data: &'a Data,
}
