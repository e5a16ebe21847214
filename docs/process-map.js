// Draws docs/process-map.svg from bpmn/jtai-inspection.bpmn with bpmn-js, as Camunda Modeler draws the
// model, and writes in blue at the top of each call activity the id of the process it calls.
// Run it after changing the model's diagram, outside the build (nothing here is part of the product):
//   mkdir /tmp/render && cd /tmp/render && npm init -y && PUPPETEER_SKIP_DOWNLOAD=1 npm install bpmn-js@18 puppeteer-core
//   NODE_PATH=/tmp/render/node_modules node docs/process-map.js bpmn/jtai-inspection.bpmn docs/process-map.svg [preview.png]
// It uses Debian's /usr/bin/chromium (no browser is downloaded). Look at the preview before committing.
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');
(async () => {
  const [,, bpmnFile, outSvg, outPng] = process.argv;
  const xml = fs.readFileSync(bpmnFile, 'utf8');
  const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new']});
  const page = await browser.newPage();
  page.on('console', m => console.log('page:', m.text()));
  await page.setViewport({width: 2400, height: 1400});
  const dist = path.join(require.resolve('bpmn-js/package.json'), '..', 'dist');
  await page.setContent('<html><body style="margin:0"><div id="c" style="width:2400px;height:1400px"></div></body></html>');
  await page.addScriptTag({path: dist + '/bpmn-viewer.production.min.js'});
  const svg = await page.evaluate(async (xml, source) => {
    const viewer = new BpmnJS({container: '#c'});
    const {warnings} = await viewer.importXML(xml);
    if (warnings.length) console.log(warnings.length + ' import warnings');
    const {svg} = await viewer.saveSVG();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const NS = 'http://www.w3.org/2000/svg';
    // invisible hit areas serve clicks in the modeler only
    doc.querySelectorAll('.djs-hit').forEach(e => e.remove());
    const registry = viewer.get('elementRegistry');
    const text = (parent, x, y, s, style) => {
      const t = doc.createElementNS(NS, 'text');
      t.setAttribute('x', x); t.setAttribute('y', y); t.setAttribute('text-anchor', 'middle');
      t.setAttribute('style', style); t.textContent = s; parent.appendChild(t);
    };
    const idStyle = 'font-family: DejaVu Sans Mono, Consolas, monospace; font-size: 11px; fill: #1a5fb4;';
    registry.filter(e => e.type === 'bpmn:CallActivity').forEach(e => {
      const g = doc.querySelector(`[data-element-id="${e.id}"] .djs-visual`);
      text(g, e.width / 2, 15, e.businessObject.calledElement, idStyle);
    });
    const root = doc.documentElement;
    const [x, y, w, h] = root.getAttribute('viewBox').split(' ').map(Number);
    root.setAttribute('viewBox', `${x} ${y - 40} ${w} ${h + 40}`);
    root.setAttribute('height', h + 40);
    const bg = doc.createElementNS(NS, 'rect');
    bg.setAttribute('x', x); bg.setAttribute('y', y - 40); bg.setAttribute('width', w); bg.setAttribute('height', h + 40);
    bg.setAttribute('fill', 'white');
    root.insertBefore(bg, root.firstChild);
    const title = doc.createElementNS(NS, 'text');
    title.setAttribute('x', x + 10); title.setAttribute('y', y - 14);
    title.setAttribute('style', 'font-family: Arial, sans-serif; font-size: 15px; fill: rgb(34, 36, 42);');
    title.innerHTML = `<tspan font-weight="bold">jtai-inspection</tspan> (${source}), as drawn in the model. `
      + `<tspan style="${idStyle} font-size: 13px;">blue</tspan>: the process each stage calls.`;
    root.appendChild(title);
    let out = new XMLSerializer().serializeToString(doc);
    // bpmn-js names arrow markers at random: number them in order, so that a redraw changes only what changed
    [...new Set(out.match(/marker-[a-z0-9]{12,}/g) || [])].forEach((id, i) => { out = out.split(id).join('marker-' + (i + 1)); });
    return out;
  }, xml, bpmnFile.replace(/^.*\/(bpmn\/)/, '$1'));
  fs.writeFileSync(outSvg, svg.replace(/^<\?xml[^>]*>\s*/, '<?xml version="1.0" encoding="utf-8"?>\n') + '\n');
  if (outPng) {
    const p2 = await browser.newPage();
    await p2.setViewport({width: 1800, height: 1000});
    await p2.goto('file://' + path.resolve(outSvg));
    await p2.screenshot({path: outPng, fullPage: true});
  }
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
