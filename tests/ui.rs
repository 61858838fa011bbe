//! Compile-time checks, read as a user reads them: each case under tests/ui
//! either compiles and runs, or fails with the committed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    // Passing cases make trybuild build (not only check) every case, which is
    // what surfaces the kernels' `const { assert!(..) }` failures.
    cases.pass("tests/ui/kernels/pass_*.rs");
    cases.compile_fail("tests/ui/kernels/fail_*.rs");
    cases.pass("tests/ui/network/pass_*.rs");
    cases.compile_fail("tests/ui/network/fail_*.rs");
    cases.compile_fail("tests/ui/lab/fail_*.rs");
}
