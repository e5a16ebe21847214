// "Where each agency stands": a tab on a JTAI inspection's process instance view in Cockpit (Camunda 7's frontend
// plugin point cockpit.processInstance.runtime.tab). It shows the inspection's board page, /inspections/{reference}/board,
// which reads the board with the signed-in user's own rights (coordinators every row; 403 for anyone else), steps and
// times only. The reference is the instance's business key; a called stage shares it, so its tab shows the same board.
export default {
  id: 'jtai-inspection-board',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 20,
  label: 'Where each agency stands',
  render: (node, { api, processInstanceId }) => {
    node.innerHTML = '<p>Loading the inspection\'s board...</p>';
    fetch(api.engineApi + '/process-instance/' + encodeURIComponent(processInstanceId), {
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken }
    })
      .then(response => response.ok ? response.json() : Promise.reject(response.status))
      .then(instance => {
        if (!instance.businessKey) {
          node.innerHTML = '<p>This process is not an inspection: it has no board.</p>';
          return;
        }
        const frame = document.createElement('iframe');
        frame.title = 'Where each agency stands: ' + instance.businessKey;
        frame.className = 'jtai-board';
        frame.src = '/inspections/' + encodeURIComponent(instance.businessKey) + '/board';
        frame.style.width = '100%';
        frame.style.height = '70vh';
        frame.style.border = '0';
        node.innerHTML = '';
        node.appendChild(frame);
      })
      .catch(status => {
        node.innerHTML = '<p>The board could not be read (' + status + ').</p>';
      });
  }
};
