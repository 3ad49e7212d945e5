use super::*;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A plain load of the same roots, as `validate` would read them (no cache at all).
fn plain(roots: &Roots) -> (Catalog, LoadReport) {
    let mut diags = Vec::new();
    let files = sources(roots, &mut diags);
    let (catalog, mut report) = Catalog::load(&files, false);
    diags.append(&mut report.diagnostics);
    report.diagnostics = diags;
    (catalog, report)
}

fn assert_same(a: &(Catalog, LoadReport), b: &(Catalog, LoadReport), what: &str) {
    assert_eq!(a.1.diagnostics, b.1.diagnostics, "{what}");
    assert_eq!(a.1.rejected, b.1.rejected, "{what}");
    assert_eq!(a.1.files, b.1.files, "{what}");
    assert_eq!(a.0.blueprints, b.0.blueprints, "{what}");
    assert_eq!(
        a.0.heads().collect::<Vec<_>>(),
        b.0.heads().collect::<Vec<_>>(),
        "{what}"
    );
    assert_eq!(
        a.0.banks().collect::<Vec<_>>(),
        b.0.banks().collect::<Vec<_>>(),
        "{what}"
    );
}

fn load_once(data: &Path, roots: &Roots) -> ((Catalog, LoadReport), usize) {
    let mut cache = BankCache::open_salted(data, 5);
    let out = load_settled(roots, &mut cache, Duration::ZERO);
    cache.save();
    (out, cache.misses())
}

#[test]
fn a_summary_hit_gives_the_plain_load_and_decodes_no_bank_until_asked() {
    let (user, extra) = (fixtures("demo"), vec![fixtures("invalid")]);
    let roots = Roots {
        user: &user,
        extra: &extra,
    };
    let expected = plain(&roots);
    assert!(
        expected.1.errors() > 0,
        "the invalid fixtures have findings"
    );
    let data = tempfile::tempdir().unwrap();
    let (cold, misses) = load_once(data.path(), &roots);
    assert!(misses > 0);
    assert_same(&cold, &expected, "cold");
    let (warm, misses) = load_once(data.path(), &roots);
    assert_eq!(misses, 0, "nothing changed: the summary is used");
    assert_eq!(warm.0.decoded_banks(), 0, "a start decodes no bank");
    let demo = warm.0.blueprint("DEMO").unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    assert_eq!(
        format!("{:?}", warm.0.capacity(demo, day)),
        format!("{:?}", expected.0.capacity(demo, day))
    );
    assert_eq!(warm.0.decoded_banks(), 0, "capacity comes from the heads");
    assert!(warm.0.questions_for_exam("DEMO").next().is_some());
    let decoded = warm.0.decoded_banks();
    assert!(
        decoded > 0 && decoded < warm.0.heads().count(),
        "only DEMO's banks"
    );
    let all = warm.0.heads().count();
    assert!(!warm.0.indexed(), "a start builds no id index");
    std::thread::spawn(warm.0.prefetch().expect("banks left to decode"))
        .join()
        .unwrap();
    assert_eq!(warm.0.decoded_banks(), all, "the prefetch decodes the rest");
    assert!(
        warm.0.indexed(),
        "and builds the id index before Enter needs it"
    );
    assert!(warm.0.prefetch().is_none());
    assert_same(&warm, &expected, "warm");
    // The per-file cache gone: the banks not decoded yet are read from their files again.
    let (again, _) = load_once(data.path(), &roots);
    std::fs::remove_file(data.path().join("cache/banks.bin")).unwrap();
    assert_same(&again, &expected, "banks.bin deleted after start-up");
}

#[test]
fn an_edited_file_misses_the_summary_even_at_the_same_size() {
    let data = tempfile::tempdir().unwrap();
    let user = data.path().join("banks");
    std::fs::create_dir_all(&user).unwrap();
    for e in std::fs::read_dir(fixtures("demo")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), user.join(e.file_name())).unwrap();
    }
    let roots = Roots {
        user: &user,
        extra: &[],
    };
    load_once(data.path(), &roots);
    let (bank_file, text) = std::fs::read_dir(&user)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find_map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            t.contains("stem: |\n").then_some((p, t))
        })
        .unwrap();
    // The last letter of the first stem's first line: same size, same inode, new text.
    let at = text.find("stem: |\n").unwrap() + "stem: |\n".len();
    let stem_char = at + text[at..].find('\n').unwrap() - 1;
    let old = text.as_bytes()[stem_char];
    let mut edited = text.into_bytes();
    edited[stem_char] = if old == b'x' { b'y' } else { b'x' };
    std::thread::sleep(std::time::Duration::from_millis(30));
    std::fs::write(&bank_file, &edited).unwrap();
    let ((catalog, _), misses) = load_once(data.path(), &roots);
    assert!(misses > 0, "the edit is seen");
    assert_same(
        &(catalog, plain(&roots).1),
        &plain(&roots),
        "after the edit",
    );
}

#[test]
fn a_damaged_summary_is_never_trusted_and_is_rebuilt() {
    let user = fixtures("demo");
    let roots = Roots {
        user: &user,
        extra: &[],
    };
    let data = tempfile::tempdir().unwrap();
    load_once(data.path(), &roots);
    let p = data.path().join("cache/library.bin");
    let mut bytes = std::fs::read(&p).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x40;
    std::fs::write(&p, &bytes).unwrap();
    let mut cache = BankCache::open_salted(data.path(), 5);
    assert!(cache.rejected().unwrap().contains("damaged"));
    let out = load_settled(&roots, &mut cache, Duration::ZERO);
    cache.save();
    assert_same(&out, &plain(&roots), "after damage");
    let (_, misses) = load_once(data.path(), &roots);
    assert_eq!(misses, 0, "rebuilt");
}
