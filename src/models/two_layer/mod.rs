//! Online SGD in two-layer networks, teacher and student: the engine of several pages.
//!
//! A student network with K hidden units learns from a teacher with M hidden units, one fresh
//! Gaussian example per step. As N → ∞ the overlaps of the student's and the teacher's weights
//! obey closed ODEs (Saad & Solla 1995; Goldt et al. 2019). This module holds what every page on
//! the model shares: the Gaussian integrals, the ODEs (with feedback alignment, dropout, label
//! noise and several teachers), the finite-N SGD, and a run that records both on one time axis.
//!
//! ## Reference
//! D. Saad and S. A. Solla, Phys. Rev. E 52, 4225 (1995); S. Goldt, M. S. Advani, A. M. Saxe,
//! F. Krzakala and L. Zdeborová, NeurIPS 2019 (arXiv:1906.08632).

pub mod equations;
pub mod integrals;
pub mod ode;
pub mod page;
pub mod setup;
pub mod sgd;
pub mod trajectory;
