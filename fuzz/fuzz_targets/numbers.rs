//! The number, date, duration and relative-expression parsers on the tokens of arbitrary UTF-8,
//! at every start position, for every built-in language; parsed dates are resolved.
#![no_main]

use std::sync::OnceLock;

use factlint::extract::parse;
use factlint::extract::resolve;
use factlint::lang::token::tokenize;
use factlint::lang::Knowledge;
use libfuzzer_sys::fuzz_target;

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge::builtin().expect("built-in knowledge loads"))
}

fn pub_dates() -> [jiff::civil::Date; 4] {
    [
        jiff::civil::date(2023, 9, 13),
        jiff::civil::date(2024, 2, 29),
        jiff::civil::date(-9999, 1, 1),
        jiff::civil::date(9999, 12, 31),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let k = knowledge();
    let toks = tokenize(text, 0);
    for t in &toks {
        assert!(t.start < t.end && t.end <= text.len());
        assert_eq!(t.text, &text[t.start..t.end]);
    }
    for lex in &k.langs {
        for i in 0..toks.len() {
            let here = &toks[i..];
            let left = |rest: &[_]| {
                assert!(rest.len() <= here.len());
            };
            if let Ok((rest, (v, _, _))) = parse::number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0, "number {v}");
                assert!(rest.len() < here.len());
            }
            if let Ok((rest, v)) = parse::digit_number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0);
            }
            if let Ok((rest, (v, _))) = parse::word_number(lex)(here) {
                left(rest);
                assert!(v.is_finite() && v >= 0.0);
            }
            if let Ok((rest, d)) = parse::written_date(lex)(here) {
                left(rest);
                assert!(d.day.is_none_or(|x| (1..=31).contains(&x)));
                assert!(d.month.is_none_or(|x| (1..=12).contains(&x)));
                if let Some(y) = d.year {
                    let _ = resolve::calendar(y, d.month, d.day);
                }
                for p in pub_dates() {
                    let _ = resolve::partial(p, d.month, d.day, false);
                    let _ = resolve::partial(p, d.month, d.day, true);
                }
            }
            if let Ok((rest, off)) = parse::relative(lex)(here) {
                left(rest);
                for p in pub_dates() {
                    let _ = resolve::relative(p, &off);
                }
            }
            if let Ok((rest, _)) = parse::unit(lex)(here) {
                left(rest);
            }
            if let Ok((rest, m)) = parse::month(lex)(here) {
                left(rest);
                assert!((1..=12).contains(&m));
            }
            if let Ok((rest, w)) = parse::weekday(lex)(here) {
                left(rest);
                for p in pub_dates() {
                    let _ = resolve::weekday(p, w, false);
                    let _ = resolve::weekday(p, w, true);
                }
            }
            if let Ok((rest, y)) = parse::year(here) {
                left(rest);
                assert!((1000..=2999).contains(&y));
            }
        }
    }
});
