//! The workspace root: owns the behaviour tests and the examples.
