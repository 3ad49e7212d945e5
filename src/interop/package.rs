//! QTI content packages (the zips Canvas, Blackboard and others export): `imsmanifest.xml`, item
//! files, and tests whose sections give the items' categories.
//!
//! Hostile zips: entries are read into memory only (never written to disk), so a `../` name cannot
//! escape anywhere; such names are still refused. The entry count and the total bytes actually
//! decompressed are capped (a declared size is never trusted), so a zip bomb stops early.

use super::InteropError;
use super::item::{Item, ReadOut};
use super::qti;
use super::text::xml_escape;
use super::xml;
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

pub const MAX_ENTRIES: usize = 10_000;
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;

pub fn read(path: &str, bytes: &[u8]) -> Result<ReadOut, InteropError> {
    read_capped(path, bytes, MAX_ENTRIES, MAX_UNZIPPED_BYTES)
}

pub fn read_capped(
    path: &str,
    bytes: &[u8],
    max_entries: usize,
    max_bytes: u64,
) -> Result<ReadOut, InteropError> {
    let bad = |m: String| InteropError::malformed(path, m);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable zip: {e}")))?;
    if zip.len() > max_entries {
        return Err(bad(format!(
            "{} entries in the zip, more than {max_entries}; refused",
            zip.len()
        )));
    }
    let mut files: Vec<(String, String)> = Vec::new();
    let mut total: u64 = 0;
    let mut out = ReadOut::default();
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| bad(format!("zip entry {i}: {e}")))?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        if f.enclosed_name().is_none() || name.contains("..") {
            out.notes
                .push((0, format!("zip entry `{name}` has an unsafe path; skipped")));
            continue;
        }
        if !name.to_ascii_lowercase().ends_with(".xml") {
            continue;
        }
        let mut buf = Vec::new();
        let left = max_bytes - total;
        (&mut f)
            .take(left + 1)
            .read_to_end(&mut buf)
            .map_err(|e| bad(format!("zip entry `{name}`: {e}")))?;
        total += buf.len() as u64;
        if total > max_bytes {
            return Err(bad(format!(
                "the zip unpacks to more than {max_bytes} bytes; refused"
            )));
        }
        match String::from_utf8(buf) {
            Ok(t) => files.push((name, t)),
            Err(_) => out
                .notes
                .push((0, format!("zip entry `{name}` is not UTF-8; skipped"))),
        }
    }
    // Categories from the tests' sections, keyed by the item file's path in the zip.
    let mut category: HashMap<String, String> = HashMap::new();
    let mut items = Vec::new();
    for (name, text) in &files {
        let root = match xml::parse(name, text) {
            Ok(r) => r,
            Err(e) => {
                out.notes.push((0, e.to_string()));
                continue;
            }
        };
        match root.name.as_str() {
            "assessmenttest" => {
                let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
                let mut sections = Vec::new();
                root.find_all("assessmentsection", &mut sections);
                for s in sections {
                    let title = s.attr("title").unwrap_or("").trim().to_string();
                    for r in s.elements().filter(|e| e.name == "assessmentitemref") {
                        if let Some(href) = r.attr("href") {
                            category.insert(join(dir, href), title.clone());
                        }
                    }
                }
            }
            "assessmentitem" => items.push((name.clone(), root)),
            _ => {}
        }
    }
    for (name, root) in items {
        let mut one = ReadOut::default();
        qti::read_item(
            &root,
            category
                .get(&name)
                .map(String::as_str)
                .filter(|s| !s.is_empty()),
            &mut one,
        );
        out.items.extend(one.items.into_iter().map(|mut i| {
            i.part = Some(name.clone());
            i
        }));
        out.refused.extend(one.refused.into_iter().map(|mut r| {
            r.part = Some(name.clone());
            r
        }));
    }
    if out.items.is_empty() && out.refused.is_empty() {
        return Err(bad("no QTI 2.1/3.0 items in the zip".into()));
    }
    Ok(out)
}

fn join(dir: &str, href: &str) -> String {
    let mut parts: Vec<&str> = if dir.is_empty() {
        vec![]
    } else {
        dir.split('/').collect()
    };
    for p in href.split('/') {
        match p {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A QTI 2.1 content package: one file per item, a test with a section per category, a manifest.
pub fn write(items: &[Item]) -> Result<Vec<u8>, InteropError> {
    let err = |e: zip::result::ZipError| InteropError::Io {
        path: "zip".into(),
        message: e.to_string(),
    };
    let ioerr = |e: std::io::Error| InteropError::Io {
        path: "zip".into(),
        message: e.to_string(),
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut hrefs = Vec::new();
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ident = item
            .id
            .clone()
            .unwrap_or_else(|| format!("item-{:04}", i + 1));
        let file_ident = format!("item{:04}", i + 1);
        let href = format!("items/{file_ident}.xml");
        zip.start_file(&href, opts).map_err(err)?;
        zip.write_all(qti::write_item(item, &ident).as_bytes())
            .map_err(ioerr)?;
        let cat = item.category.clone().unwrap_or_default();
        match sections.last_mut() {
            Some((c, refs)) if *c == cat => refs.push((file_ident.clone(), href.clone())),
            _ => sections.push((cat, vec![(file_ident.clone(), href.clone())])),
        }
        hrefs.push((file_ident, href));
    }
    let mut test = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessmentTest xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"proctor-export\" title=\"proctor export\">\n  <testPart identifier=\"part1\" navigationMode=\"nonlinear\" submissionMode=\"simultaneous\">\n",
    );
    for (n, (cat, refs)) in sections.iter().enumerate() {
        test.push_str(&format!(
            "    <assessmentSection identifier=\"section{}\" title=\"{}\" visible=\"true\">\n",
            n + 1,
            xml_escape(cat)
        ));
        for (ident, href) in refs {
            test.push_str(&format!(
                "      <assessmentItemRef identifier=\"{ident}\" href=\"../{href}\"/>\n"
            ));
        }
        test.push_str("    </assessmentSection>\n");
    }
    test.push_str("  </testPart>\n</assessmentTest>\n");
    zip.start_file("tests/test.xml", opts).map_err(err)?;
    zip.write_all(test.as_bytes()).map_err(ioerr)?;
    let mut manifest = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"proctor-export-manifest\">\n  <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>\n  <organizations/>\n  <resources>\n    <resource identifier=\"test\" type=\"imsqti_test_xmlv2p1\" href=\"tests/test.xml\">\n      <file href=\"tests/test.xml\"/>\n",
    );
    for (ident, _) in &hrefs {
        manifest.push_str(&format!("      <dependency identifierref=\"{ident}\"/>\n"));
    }
    manifest.push_str("    </resource>\n");
    for (ident, href) in &hrefs {
        manifest.push_str(&format!(
            "    <resource identifier=\"{ident}\" type=\"imsqti_item_xmlv2p1\" href=\"{href}\">\n      <file href=\"{href}\"/>\n    </resource>\n"
        ));
    }
    manifest.push_str("  </resources>\n</manifest>\n");
    zip.start_file("imsmanifest.xml", opts).map_err(err)?;
    zip.write_all(manifest.as_bytes()).map_err(ioerr)?;
    Ok(zip.finish().map_err(err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::Choice;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn package_round_trip_keeps_categories() {
        let items = vec![Item {
            id: Some("Q1".into()),
            category: Some("Claims".into()),
            stem: "Which?".into(),
            choices: vec![
                Choice {
                    text: "a".into(),
                    correct: true,
                    feedback: None,
                },
                Choice {
                    text: "b".into(),
                    correct: false,
                    feedback: Some("no".into()),
                },
            ],
            ..Item::default()
        }];
        let r = read("p.zip", &write(&items).unwrap()).unwrap();
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].category.as_deref(), Some("Claims"));
        assert_eq!(r.items[0].part.as_deref(), Some("items/item0001.xml"));
    }

    #[test]
    fn bombs_and_traversal_are_refused() {
        let big = vec![b' '; 200_000];
        let bomb = zip_of(&[("a.xml", &big)]);
        assert!(read_capped("b.zip", &bomb, 10, 100_000).is_err());
        let many = zip_of(&[("a.xml", b"<a/>"), ("b.xml", b"<a/>"), ("c.xml", b"<a/>")]);
        assert!(read_capped("m.zip", &many, 2, 1_000_000).is_err());
        let item = br#"<assessmentItem identifier="E"><itemBody><extendedTextInteraction responseIdentifier="R"/></itemBody></assessmentItem>"#;
        let trav = zip_of(&[("../../evil.xml", item), ("ok.xml", item)]);
        let r = read("t.zip", &trav).unwrap();
        assert_eq!(r.refused.len(), 1);
        assert!(r.notes.iter().any(|(_, m)| m.contains("unsafe path")));
        assert!(read("junk.zip", b"PK\x03\x04garbage").is_err());
    }
}
