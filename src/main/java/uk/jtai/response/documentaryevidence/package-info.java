/**
 * Documentary evidence from the announcement (bpmn/documentary-evidence.bpmn, guidance 7.11 to 7.13): each agency's
 * senior approves its evidence and the agency uploads it to its inspectorate's portal and the shared project space.
 */
package uk.jtai.response.documentaryevidence;
