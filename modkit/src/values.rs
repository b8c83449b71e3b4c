//! Values the caller supplies at build: the type list of `AppBuilder` and its checks.

use std::marker::PhantomData;

use crate::Module;

/// Position markers of [`Has`].
pub enum Here {}
/// See [`Here`].
pub struct There<I>(PhantomData<I>);

/// The type list `Self` (built by `AppBuilder::value`) holds a `T` (at position `I`).
#[diagnostic::on_unimplemented(
    message = "the app needs the value `{T}`, and it was not supplied",
    label = "this build has no `{T}`",
    note = "a module of this app lists `{T}` in its `values = [..]`: the caller hands it in when building",
    note = "fix: `App::<Root>::builder().value(/* a {T} */).build()` (`.build_sync()` for a sync app)"
)]
pub trait Has<T, I> {}
impl<T, R> Has<T, Here> for (T, R) {}
impl<T, H, R: Has<T, I>, I> Has<T, There<I>> for (H, R) {}

/// Every value the module graph below a module declares is in the list `L` (`I` are positions).
/// Implemented on the module's wiring type; a module whose chain stopped ([`crate::__private::Unwired`])
/// accepts any list.
pub trait Values<L, I> {}
impl<L> Values<L, ()> for crate::module::Unwired {}

/// The `K`-th value the graph below a module declares (named in its importers' [`Values`] impls);
/// `K` is a position type, as in [`crate::__private::ExportAt`].
pub trait ValueAt<K, I>: Module {
    /// The value's type.
    type Ty;
}
