//! Product illustrations as small SVG files, drawn from a seed so the same
//! product always gets the same picture. Served from our own origin.

use std::fmt::Write;

/// Tiny deterministic generator so drawings depend only on the seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as f64) / f64::from(u32::MAX >> 1)
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

fn parse_hex(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128);
    (p(0), p(2), p(4))
}

/// Blend `hex` toward white (`amount` > 0) or black (`amount` < 0).
pub fn shade(hex: &str, amount: f64) -> String {
    let (r, g, b) = parse_hex(hex);
    let mix = |c: u8| {
        let c = f64::from(c);
        let v = if amount >= 0.0 { c + (255.0 - c) * amount } else { c * (1.0 + amount) };
        v.round().clamp(0.0, 255.0) as u8
    };
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

fn frame(background: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 800\" width=\"800\" height=\"800\">\
<defs><radialGradient id=\"bg\" cx=\"50%\" cy=\"40%\" r=\"75%\"><stop offset=\"0\" stop-color=\"{}\"/>\
<stop offset=\"1\" stop-color=\"{}\"/></radialGradient></defs>\
<rect width=\"800\" height=\"800\" fill=\"url(#bg)\"/>\
<ellipse cx=\"400\" cy=\"700\" rx=\"230\" ry=\"26\" fill=\"#000\" opacity=\".08\"/>{body}</svg>",
        shade(background, 0.85),
        shade(background, 0.6)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A skincare package (`pump`, `dropper`, `jar`, `tube`, `bottle`, `stick`)
/// in `colour`, with a label carrying `label`.
pub fn beauty_package(shape: &str, colour: &str, label: &str, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let body = shade(colour, -0.05);
    let dark = shade(colour, -0.35);
    let light = shade(colour, 0.5);
    let tilt = rng.range(-4.0, 4.0);
    let mut s = String::new();
    let _ = write!(s, "<g transform=\"rotate({tilt:.1} 400 700)\">");
    let (label_y, label_w) = match shape {
        "jar" => {
            let _ = write!(
                s,
                "<rect x=\"230\" y=\"430\" width=\"340\" height=\"260\" rx=\"40\" fill=\"{body}\"/>\
                <rect x=\"215\" y=\"370\" width=\"370\" height=\"90\" rx=\"24\" fill=\"{dark}\"/>\
                <rect x=\"250\" y=\"450\" width=\"30\" height=\"210\" rx=\"15\" fill=\"#fff\" opacity=\".25\"/>"
            );
            (530.0, 260.0)
        }
        "tube" => {
            let _ = write!(
                s,
                "<path d=\"M300 170 L500 170 L470 600 L330 600 Z\" fill=\"{body}\"/>\
                <rect x=\"290\" y=\"150\" width=\"220\" height=\"34\" rx=\"8\" fill=\"{light}\"/>\
                <rect x=\"330\" y=\"596\" width=\"140\" height=\"100\" rx=\"18\" fill=\"{dark}\"/>"
            );
            (360.0, 150.0)
        }
        "dropper" => {
            let _ = write!(
                s,
                "<rect x=\"300\" y=\"380\" width=\"200\" height=\"310\" rx=\"36\" fill=\"{body}\" opacity=\".92\"/>\
                <rect x=\"345\" y=\"300\" width=\"110\" height=\"90\" rx=\"10\" fill=\"{dark}\"/>\
                <rect x=\"365\" y=\"180\" width=\"70\" height=\"130\" rx=\"35\" fill=\"#3b3b3b\"/>\
                <rect x=\"318\" y=\"400\" width=\"22\" height=\"250\" rx=\"11\" fill=\"#fff\" opacity=\".3\"/>"
            );
            (520.0, 150.0)
        }
        "stick" => {
            let _ = write!(
                s,
                "<rect x=\"345\" y=\"240\" width=\"110\" height=\"120\" rx=\"50\" fill=\"{light}\"/>\
                <rect x=\"330\" y=\"340\" width=\"140\" height=\"350\" rx=\"22\" fill=\"{body}\"/>\
                <rect x=\"330\" y=\"340\" width=\"140\" height=\"40\" fill=\"{dark}\"/>"
            );
            (520.0, 110.0)
        }
        "bottle" => {
            let _ = write!(
                s,
                "<rect x=\"290\" y=\"300\" width=\"220\" height=\"390\" rx=\"30\" fill=\"{body}\"/>\
                <rect x=\"360\" y=\"230\" width=\"80\" height=\"80\" fill=\"{dark}\"/>\
                <rect x=\"345\" y=\"170\" width=\"110\" height=\"70\" rx=\"12\" fill=\"{dark}\"/>\
                <rect x=\"308\" y=\"320\" width=\"24\" height=\"340\" rx=\"12\" fill=\"#fff\" opacity=\".25\"/>"
            );
            (500.0, 170.0)
        }
        _ => {
            // pump
            let _ = write!(
                s,
                "<rect x=\"290\" y=\"320\" width=\"220\" height=\"370\" rx=\"34\" fill=\"{body}\"/>\
                <rect x=\"350\" y=\"260\" width=\"100\" height=\"70\" rx=\"8\" fill=\"{dark}\"/>\
                <rect x=\"388\" y=\"190\" width=\"24\" height=\"80\" fill=\"{dark}\"/>\
                <path d=\"M360 180 h110 a14 14 0 0 1 0 28 h-110 z\" fill=\"{dark}\"/>\
                <rect x=\"308\" y=\"340\" width=\"24\" height=\"320\" rx=\"12\" fill=\"#fff\" opacity=\".25\"/>"
            );
            (510.0, 170.0)
        }
    };
    let x = 400.0 - label_w / 2.0;
    let _ = write!(
        s,
        "<rect x=\"{x}\" y=\"{label_y}\" width=\"{label_w}\" height=\"90\" rx=\"6\" fill=\"#fffdf8\" opacity=\".92\"/>\
         <text x=\"400\" y=\"{}\" text-anchor=\"middle\" font-family=\"Georgia, serif\" font-size=\"22\" fill=\"#3a3a3a\">{}</text>\
         <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"3\" fill=\"{dark}\"/></g>",
        label_y + 42.0,
        escape(label),
        x + 20.0,
        label_y + 60.0,
        label_w - 40.0
    );
    frame(colour, &s)
}

/// A close-up texture swatch for a skincare product's second photo.
pub fn beauty_swatch(colour: &str, seed: u64) -> String {
    let mut rng = Lcg(seed ^ 0x5bd1_e995);
    let c = shade(colour, 0.25);
    let d = shade(colour, -0.15);
    let mut s = format!(
        "<path d=\"M170 430 C200 260 420 220 560 300 C690 370 660 520 540 560 C420 600 300 640 220 580 C160 540 150 480 170 430 Z\" fill=\"{c}\"/>\
         <path d=\"M250 420 C320 330 460 320 540 380\" stroke=\"#fff\" stroke-width=\"18\" stroke-linecap=\"round\" fill=\"none\" opacity=\".55\"/>"
    );
    for _ in 0..5 {
        let _ = write!(
            s,
            "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"{:.0}\" fill=\"{d}\" opacity=\".7\"/>",
            rng.range(180.0, 640.0),
            rng.range(620.0, 700.0),
            rng.range(8.0, 22.0)
        );
    }
    frame(colour, &s)
}

fn bloom(s: &mut String, x: f64, y: f64, r: f64, colour: &str, rose: bool) {
    let dark = shade(colour, -0.2);
    let _ = write!(s, "<circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{r:.0}\" fill=\"{colour}\"/>");
    if rose {
        let _ = write!(
            s,
            "<circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{:.0}\" fill=\"none\" stroke=\"{dark}\" stroke-width=\"4\"/>\
             <circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{:.0}\" fill=\"none\" stroke=\"{dark}\" stroke-width=\"4\"/>",
            r * 0.62,
            r * 0.3
        );
    } else {
        let _ = write!(s, "<circle cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{:.0}\" fill=\"{dark}\"/>", r * 0.28);
    }
}

fn leaf(s: &mut String, x: f64, y: f64, angle: f64, len: f64, colour: &str) {
    let _ = write!(
        s,
        "<ellipse cx=\"{x:.0}\" cy=\"{y:.0}\" rx=\"{:.0}\" ry=\"{:.0}\" fill=\"{colour}\" transform=\"rotate({angle:.0} {x:.0} {y:.0})\"/>",
        len,
        len * 0.35
    );
}

/// A floral arrangement: `bouquet`, `roses`, `dried`, `wreath`, `plant` or `orchid`.
pub fn floral(shape: &str, colours: &[&str], seed: u64) -> String {
    let mut rng = Lcg(seed);
    let pick = |rng: &mut Lcg| colours[(rng.next() * colours.len() as f64) as usize % colours.len().max(1)];
    let greens = ["#5f8a5b", "#7aa374", "#4d7a55", "#8fb08a"];
    let mut s = String::new();
    match shape {
        "plant" | "orchid" => {
            let _ = write!(
                s,
                "<path d=\"M290 520 L510 520 L480 690 L320 690 Z\" fill=\"#c8734f\"/>\
                <rect x=\"280\" y=\"500\" width=\"240\" height=\"40\" rx=\"8\" fill=\"#b5623f\"/>"
            );
            if shape == "orchid" {
                let _ = write!(
                    s,
                    "<path d=\"M400 510 C390 380 420 260 540 210\" stroke=\"#5f7a4f\" stroke-width=\"8\" fill=\"none\"/>"
                );
                for i in 0..6 {
                    let t = f64::from(i) / 5.0;
                    bloom(
                        &mut s,
                        400.0 + 140.0 * t + rng.range(-10.0, 10.0),
                        430.0 - 220.0 * t,
                        38.0,
                        pick(&mut rng),
                        false,
                    );
                }
                leaf(&mut s, 340.0, 500.0, -20.0, 90.0, greens[0]);
                leaf(&mut s, 460.0, 500.0, 20.0, 90.0, greens[2]);
            } else {
                for i in 0..9u32 {
                    let a = -70.0 + f64::from(i) * 17.5;
                    let x = 400.0 + a * 2.2;
                    leaf(
                        &mut s,
                        x,
                        rng.range(330.0, 430.0),
                        a + 90.0,
                        rng.range(90.0, 150.0),
                        greens[i as usize % 4],
                    );
                }
                if colours.first().is_some_and(|c| *c != "#c7a17a") {
                    for _ in 0..5 {
                        bloom(
                            &mut s,
                            rng.range(300.0, 500.0),
                            rng.range(280.0, 380.0),
                            34.0,
                            pick(&mut rng),
                            false,
                        );
                    }
                }
            }
        }
        "wreath" => {
            for i in 0..28 {
                let a = f64::from(i) / 28.0 * std::f64::consts::TAU;
                let (x, y) = (400.0 + 210.0 * a.cos(), 400.0 + 210.0 * a.sin());
                leaf(&mut s, x, y, a.to_degrees() + 90.0, 60.0, "#b9a57f");
                if i % 3 == 0 {
                    bloom(&mut s, x, y, 26.0, pick(&mut rng), false);
                }
            }
        }
        "dried" => {
            for i in 0..9 {
                let x = 300.0 + f64::from(i) * 25.0;
                let top = rng.range(170.0, 300.0);
                let _ = write!(
                    s,
                    "<path d=\"M400 640 L{x:.0} {top:.0}\" stroke=\"#a58b5c\" stroke-width=\"5\"/>"
                );
                let _ = write!(
                    s,
                    "<ellipse cx=\"{x:.0}\" cy=\"{top:.0}\" rx=\"26\" ry=\"70\" fill=\"{}\" opacity=\".9\"/>",
                    shade(pick(&mut rng), 0.2)
                );
            }
            let _ = write!(s, "<path d=\"M340 560 L460 560 L440 700 L360 700 Z\" fill=\"#e9dcc4\"/>");
        }
        _ => {
            // bouquet and roses: blooms over leaves, in a kraft wrap
            for i in 0..8u32 {
                let a = -80.0 + f64::from(i) * 22.0;
                leaf(
                    &mut s,
                    400.0 + a * 2.4,
                    rng.range(240.0, 380.0),
                    a + 90.0,
                    110.0,
                    greens[i as usize % 4],
                );
            }
            let rose = shape == "roses";
            let count = if rose { 11 } else { 13 };
            for _ in 0..count {
                let r = if rose { rng.range(40.0, 52.0) } else { rng.range(34.0, 60.0) };
                bloom(&mut s, rng.range(260.0, 540.0), rng.range(220.0, 420.0), r, pick(&mut rng), rose);
            }
            let _ = write!(
                s,
                "<path d=\"M230 380 L570 380 L430 720 L370 720 Z\" fill=\"#d8b98c\"/>\
                <path d=\"M230 380 L400 470 L570 380\" fill=\"none\" stroke=\"#c19d6c\" stroke-width=\"6\"/>\
                <rect x=\"360\" y=\"560\" width=\"80\" height=\"24\" fill=\"#f1e6d2\"/>"
            );
        }
    }
    frame(colours.first().copied().unwrap_or("#c7a17a"), &s)
}

/// A single large bloom: the floral product's second photo.
pub fn floral_detail(colour: &str, seed: u64) -> String {
    let mut rng = Lcg(seed ^ 0x27d4_eb2f);
    let mut s = String::new();
    leaf(&mut s, 250.0, 560.0, -35.0, 170.0, "#6f9468");
    leaf(&mut s, 560.0, 580.0, 30.0, 160.0, "#5f8a5b");
    for i in 0..8 {
        let a = f64::from(i) / 8.0 * std::f64::consts::TAU + rng.range(-0.1, 0.1);
        let (x, y) = (400.0 + 120.0 * a.cos(), 400.0 + 120.0 * a.sin());
        let _ = write!(
            s,
            "<ellipse cx=\"{x:.0}\" cy=\"{y:.0}\" rx=\"120\" ry=\"80\" fill=\"{}\" transform=\"rotate({:.0} {x:.0} {y:.0})\"/>",
            shade(colour, rng.range(-0.1, 0.15)),
            a.to_degrees()
        );
    }
    bloom(&mut s, 400.0, 400.0, 95.0, &shade(colour, -0.1), true);
    frame(colour, &s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_are_deterministic_and_escaped() {
        let a = beauty_package("jar", "#7fa88a", "A & B", 7);
        assert_eq!(a, beauty_package("jar", "#7fa88a", "A & B", 7));
        assert!(a.starts_with("<svg") && a.contains("A &amp; B"));
        assert!(floral("roses", &["#c0392b"], 3).len() < 8_000);
    }

    #[test]
    fn shade_blends() {
        assert_eq!(shade("#000000", 1.0), "#ffffff");
        assert_eq!(shade("#ffffff", -1.0), "#000000");
    }
}
