//! Link-time choices for the `cgen` binary that Cargo.toml cannot express.
//!
//! On Linux with glibc the standard library links the unwinder from `libgcc_s.so.1`. Loading
//! that library costs every process a file open, four mappings, symbol lookups and its
//! constructor, which probes the CPU with CPUID instructions (a virtual-machine exit each).
//! Every CLI command is a fresh process and `cgen status` has a 2 ms budget, so the same
//! unwinder is linked statically from gcc's `libgcc_eh.a` instead: it is searched before
//! `-lgcc_s`, and `--as-needed` then drops the shared library. Panics, unwinding and
//! backtraces work as before (the tests exercise them).

fn main() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let crt_static = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" && !crt_static
    {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
