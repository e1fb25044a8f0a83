//! armsim: the ANF simulator on loopback, speaking ARM's wire format.

fn main() {}
