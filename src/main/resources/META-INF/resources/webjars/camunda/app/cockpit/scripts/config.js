// Cockpit's configuration for JTAI Response (replaces the webjar's own, whose settings are all commented out).
// The board of an inspection as a tab of its process instance view (issue 18): jtai/board-tab.js.
export default {
  customScripts: ['jtai/board-tab']
};
