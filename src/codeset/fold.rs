//! Text as it is searched: case, common accents and apostrophes do not matter, and anything not a
//! letter or digit separates words. Descriptions and queries go through the same folding.

/// Appends `text` as searched: lowercase, common Latin accents removed ("Sjögren" is found by
/// "sjogren"), apostrophes dropped ("Alzheimer's" is one word), anything else not a letter or digit
/// a space.
pub(super) fn fold_into(text: &str, out: &mut String) {
    let mut bytes = Vec::with_capacity(text.len());
    fold_bytes(text, &mut bytes);
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// `fold_into` on bytes, for the index: descriptions are nearly all ASCII, and a byte table is
/// several times faster than pushing chars. Only ASCII bytes and whole encoded characters are
/// appended, so `out` stays UTF-8.
pub(super) fn fold_bytes(text: &str, out: &mut Vec<u8>) {
    if text.is_ascii() && !text.contains('\'') {
        out.extend(text.bytes().map(|b| ASCII_FOLD[b as usize]));
        return;
    }
    let mut buf = [0u8; 4];
    for ch in text.chars() {
        let folded = match ch {
            'a'..='z' | '0'..='9' => ch,
            'A'..='Z' => ch.to_ascii_lowercase(),
            '\'' | '\u{2019}' => continue,
            c if c.is_ascii() => ' ',
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ü' => 'u',
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
                continue;
            }
            _ => ' ',
        };
        out.extend_from_slice(folded.encode_utf8(&mut buf).as_bytes());
    }
}

/// ASCII as folded: letters lowercased, digits kept, everything else a space.
const ASCII_FOLD: [u8; 256] = {
    let mut t = [b' '; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_digit() || c.is_ascii_lowercase() {
            t[b] = c;
        } else if c.is_ascii_uppercase() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The words of folded text. A plain byte scan: `str::split` costs a searcher set-up per word,
/// and building the index splits about a million of them.
pub(super) fn words(folded: &str) -> impl Iterator<Item = &str> {
    let b = folded.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        (start < i).then(|| &folded[start..i])
    })
}
