//! "Download everything": the files of one build of a campaign's reports as one ZIP
//! archive, made when asked from the build current at that moment, so it always holds one
//! build's files and never needs a copy on disk. Files go in a folder named like the
//! archive, so unpacking it lays out nothing loose.

use std::io::{Seek, Write};
use std::path::Path;

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::error::ReportError;
use crate::campaigns::Tlp;
use crate::ids::CampaignId;

/// What a download of the campaign's reports is called, with its TLP label in the name so
/// a saved copy keeps it: `campaign-3-TLP-AMBER-reports.zip` for `extension` "zip".
pub fn bundle_name(campaign: CampaignId, tlp: Tlp, extension: &str) -> String {
    format!(
        "campaign-{campaign}-TLP-{}-reports.{extension}",
        tlp.as_str()
    )
}

/// Writes `files` (paths inside the build folder `dir`, such as `scores.csv` or
/// `radars/12.png`) into a ZIP archive on `out`, under the folder `folder`. A file the
/// build does not have is left out. Returns the paths it holds. Blocking.
pub fn write_archive<W: Write + Seek>(
    dir: &Path,
    folder: &str,
    files: &[String],
    out: W,
) -> Result<(W, Vec<String>), ReportError> {
    let fail = |e: &dyn std::fmt::Display| ReportError::Bundle(format!("archive: {e}"));
    let mut zip = ZipWriter::new(out);
    let mut held = Vec::new();
    for name in files {
        let path = dir.join(name);
        let mut file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(ReportError::Corrupt(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        // Pictures are compressed already: deflating them again costs time and saves nothing.
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(file.metadata().map(|m| m.len()).unwrap_or(0) >= u64::from(u32::MAX));
        zip.start_file(format!("{folder}/{name}"), options)
            .map_err(|e| fail(&e))?;
        std::io::copy(&mut file, &mut zip).map_err(|e| fail(&e))?;
        held.push(name.clone());
    }
    let out = zip.finish().map_err(|e| fail(&e))?;
    Ok((out, held))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    #[test]
    fn the_name_carries_the_campaign_and_its_tlp_label() {
        assert_eq!(
            bundle_name(CampaignId(3), Tlp::Amber, "zip"),
            "campaign-3-TLP-AMBER-reports.zip"
        );
    }

    #[test]
    fn the_archive_holds_the_files_there_are_in_one_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("scores.csv"), "a,b\n1,2\n").expect("written");
        std::fs::create_dir(dir.path().join("radars")).expect("a folder");
        std::fs::write(dir.path().join("radars/7.png"), b"\x89PNG").expect("written");
        let files = ["scores.csv", "gap.png", "radars/7.png"].map(str::to_owned);
        let (out, held) =
            write_archive(dir.path(), "reports", &files, Cursor::new(Vec::new())).expect("zip");
        assert_eq!(held, ["scores.csv", "radars/7.png"]);
        let mut zip = zip::ZipArchive::new(Cursor::new(out.into_inner())).expect("it opens");
        assert_eq!(zip.len(), 2);
        let mut scores = String::new();
        zip.by_name("reports/scores.csv")
            .expect("scores.csv")
            .read_to_string(&mut scores)
            .expect("read");
        assert_eq!(scores, "a,b\n1,2\n");
        assert!(zip.by_name("reports/radars/7.png").is_ok());
    }
}
