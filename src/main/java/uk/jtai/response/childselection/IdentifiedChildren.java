package uk.jtai.response.childselection;

import java.util.List;

/**
 * The children whose identifying details LAIM recorded on the product's page (childselection/identity, which
 * implements this): the first selection must be the same children. An interface here so the dependency runs
 * one way, from the identity pages to the selection.
 */
public interface IdentifiedChildren {

  /** The child references (MOSAIC numbers) of the recorded identifying details; empty when none are recorded. */
  List<String> childReferences(String reference);
}
