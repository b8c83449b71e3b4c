//! The storage of a request scope.

use std::any::Any;
use std::sync::{Arc, OnceLock};

/// The storage of one request scope: one cell per request-scoped provider of the app (each
/// module owns a contiguous range, given out by [`BuildCtx::cells`](crate::build::BuildCtx::cells)).
pub struct Cells {
    inline: [Cell; INLINE_CELLS],
    spill: Box<[Cell]>,
}

type Cell = OnceLock<Arc<dyn Any + Send + Sync>>;

/// Cells held in the scope itself: an app with at most this many request-scoped providers opens
/// a scope without allocating.
const INLINE_CELLS: usize = 4;

impl Cells {
    #[inline]
    pub(crate) fn new(n: usize) -> Cells {
        Cells {
            inline: [const { OnceLock::new() }; INLINE_CELLS],
            spill: if n > INLINE_CELLS {
                (INLINE_CELLS..n).map(|_| OnceLock::new()).collect()
            } else {
                Box::default()
            },
        }
    }

    #[inline]
    fn cell(&self, i: usize) -> &Cell {
        match i.checked_sub(INLINE_CELLS) {
            None => &self.inline[i],
            Some(j) => &self.spill[j],
        }
    }

    /// The scope's instance in cell `i`, made by `make` the first time.
    #[inline]
    pub fn get_or_init<T: Send + Sync + 'static>(
        &self,
        i: usize,
        make: impl FnOnce() -> Arc<T>,
    ) -> Arc<T> {
        // Racing threads of one scope wait for the first to finish: each request provider is
        // made once per scope. Waiting cannot deadlock: a provider's dependencies never lead back
        // to it (modules and providers form acyclic graphs, checked at compile time).
        let any = self.cell(i).get_or_init(|| make());
        match Arc::clone(any).downcast::<T>() {
            Ok(a) => a,
            Err(_) => unreachable!("modkit: a request cell holds another type"),
        }
    }

    /// [`Cells::get_or_init`] for a trait object (a request-scoped binding): the cell holds the
    /// `Arc<dyn Trait>` in an `Arc` of its own.
    #[inline]
    pub fn get_or_init_dyn<T: ?Sized + Send + Sync + 'static>(
        &self,
        i: usize,
        make: impl FnOnce() -> Arc<T>,
    ) -> Arc<T> {
        let any = self.cell(i).get_or_init(|| Arc::new(make()));
        match any.downcast_ref::<Arc<T>>() {
            Some(a) => Arc::clone(a),
            None => unreachable!("modkit: a request cell holds another type"),
        }
    }
}
