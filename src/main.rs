//! bounce-doctor CLI (placeholder until the CLI lands).
fn main() {
    use std::io::Read;
    let mut buf = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut buf);
    match bounce_doctor::diagnose(&buf) {
        Ok(r) => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
        Err(e) => { eprintln!("bounce-doctor: {e}"); std::process::exit(2) }
    }
}
