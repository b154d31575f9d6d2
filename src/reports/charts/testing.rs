//! Helpers the chart tests share: decoding PNGs and counting pixels.

use super::frame::ChartTitle;

/// A decoded RGB image.
pub(crate) struct Image {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// Decodes PNG bytes as the charts write them (8-bit RGB).
pub(crate) fn decode(png_bytes: &[u8]) -> Image {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let size = reader.output_buffer_size().expect("a sane size");
    let mut rgb = vec![0; size];
    let info = reader.next_frame(&mut rgb).expect("one frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    rgb.truncate(info.buffer_size());
    Image {
        width: info.width,
        height: info.height,
        rgb,
    }
}

impl Image {
    /// Pixels that are not (nearly) white.
    pub fn inked(&self) -> usize {
        self.rgb
            .chunks_exact(3)
            .filter(|p| p.iter().any(|&c| c < 240))
            .count()
    }

    /// Pixels whose channels differ enough to be a colour rather than grey.
    pub fn coloured(&self) -> usize {
        self.rgb
            .chunks_exact(3)
            .filter(|p| p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0) > 30)
            .count()
    }

    /// Pixels of exactly `colour`.
    pub fn count(&self, colour: (u8, u8, u8)) -> usize {
        self.rgb
            .chunks_exact(3)
            .filter(|p| (p[0], p[1], p[2]) == colour)
            .count()
    }

    /// Asserts the image has the size asked for and is not blank.
    pub fn assert_drawn(&self, (width, height): (u32, u32)) {
        assert_eq!((self.width, self.height), (width, height));
        assert!(self.inked() > 2_000, "only {} inked pixels", self.inked());
    }
}

/// A title like the reports put on campaign charts.
pub(crate) fn title(subject: &str) -> ChartTitle {
    ChartTitle {
        campaign: "EU CSIRT–LE cooperation 2025".to_owned(),
        tlp: "amber".to_owned(),
        n: 214,
        subject: subject.to_owned(),
        k: 3,
        provenance:
            "csirt-le-cooperation-csirt 1.4.0 scored with model: Liaison's own cooperation model"
                .to_owned(),
    }
}

/// The 27 EU member states' country codes.
pub(crate) const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The 45 SIM3 parameter ids, O-1 … P-17.
pub(crate) fn sim3_parameters() -> Vec<String> {
    [("O", 11), ("H", 7), ("T", 10), ("P", 17)]
        .iter()
        .flat_map(|(c, n)| (1..=*n).map(move |i| format!("{c}-{i}")))
        .collect()
}
