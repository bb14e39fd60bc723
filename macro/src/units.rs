//! Sizes (`"3MiB"`) and durations (`"250ms"`) written as strings in options, checked at compile
//! time and turned into plain numbers for the expansion.

use std::time::Duration;

/// `"512"`, `"512B"`, `"64KiB"`, `"3MiB"`, `"1GiB"`, and the decimal `"64KB"`, `"3MB"`, `"1GB"`.
pub(crate) fn parse_bytes(text: &str) -> Result<u128, String> {
    let (number, unit) = split_number(text)?;
    let scale: u128 = match unit {
        "" | "B" => 1,
        "KiB" => 1 << 10,
        "MiB" => 1 << 20,
        "GiB" => 1 << 30,
        "KB" | "kB" => 1_000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        _ => {
            return Err(format!(
                "unknown size unit `{unit}`; use `B`, `KiB`, `MiB` or `GiB` (or `KB`, `MB`, `GB`)"
            ));
        }
    };
    number
        .checked_mul(scale)
        .ok_or_else(|| "the size is too large".to_owned())
}

/// `"250ms"`, `"10s"`, `"2m"`, `"1h"`, `"500us"`, `"100ns"`.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = split_number(text)?;
    let too_large = || "the duration is too large".to_owned();
    let whole = |n: u128| u64::try_from(n).map_err(|_| too_large());
    match unit {
        "ns" => Ok(Duration::from_nanos(whole(number)?)),
        "us" | "µs" => Ok(Duration::from_micros(whole(number)?)),
        "ms" => Ok(Duration::from_millis(whole(number)?)),
        "s" => Ok(Duration::from_secs(whole(number)?)),
        "m" | "min" => Ok(Duration::from_secs(whole(
            number.checked_mul(60).ok_or_else(too_large)?,
        )?)),
        "h" => Ok(Duration::from_secs(whole(
            number.checked_mul(3600).ok_or_else(too_large)?,
        )?)),
        "" => Err("a duration needs a unit, such as `\"10s\"` or `\"250ms\"`".to_owned()),
        _ => Err(format!(
            "unknown duration unit `{unit}`; use `ns`, `us`, `ms`, `s`, `m` or `h`"
        )),
    }
}

/// `"  3 MiB "` -> `(3, "MiB")`; digits may be grouped with `_`.
fn split_number(text: &str) -> Result<(u128, &str), String> {
    let text = text.trim();
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(end);
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() {
        return Err(
            "expected a number followed by a unit, such as `\"3MiB\"` or `\"10s\"`".to_owned(),
        );
    }
    let number = digits
        .parse::<u128>()
        .map_err(|_| "the number is too large".to_owned())?;
    Ok((number, unit.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_bytes("3MiB"), Ok(3 * 1024 * 1024));
        assert_eq!(parse_bytes("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_bytes(" 64 KB "), Ok(64_000));
        assert_eq!(parse_bytes("4096"), Ok(4096));
        assert_eq!(parse_bytes("1_000B"), Ok(1000));
        // Every unit the docs list, each with its own scale.
        assert_eq!(parse_bytes("2GiB"), Ok(2 << 30));
        assert_eq!(parse_bytes("2kB"), Ok(2_000));
        assert_eq!(parse_bytes("2MB"), Ok(2_000_000));
        assert_eq!(parse_bytes("2GB"), Ok(2_000_000_000));
        assert_eq!(
            parse_bytes("340282366920938463463374607431768211455B"),
            Ok(u128::MAX)
        );
        assert_eq!(
            parse_bytes("340282366920938463463374607431768211455KiB"),
            Err("the size is too large".to_owned())
        );
        assert!(
            parse_bytes("3 mebibytes")
                .unwrap_err()
                .contains("unknown size unit")
        );
        assert!(parse_bytes("MiB").is_err());
        assert!(parse_bytes("-3MiB").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("7us"), Ok(Duration::from_micros(7)));
        assert_eq!(parse_duration("7µs"), Ok(Duration::from_micros(7)));
        assert_eq!(parse_duration("7ns"), Ok(Duration::from_nanos(7)));
        assert_eq!(parse_duration("3min"), Ok(Duration::from_secs(180)));
        assert!(parse_duration("10").unwrap_err().contains("needs a unit"));
        assert!(
            parse_duration("10 fortnights")
                .unwrap_err()
                .contains("unknown duration unit")
        );
        assert!(parse_duration("99999999999999999999999h").is_err());
    }
}
