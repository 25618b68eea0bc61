/**
 * How {@link dev.seedbank.Seedbank} does its work: the networks that keep Seedbank's listeners, the run recorder,
 * the shuffle buffer, configuration seeding. Not part of the public API: it may change in any release.
 */
package dev.seedbank.internal;
