/**
 * What the product's own tables share: the claimable queue that the outbox and the reminders are
 * drained through, and how instants are bound. Part of the shared kernel; it knows no feature.
 */
package uk.jtai.response.store;
