// Line icons for the home tiles, drawn as SVG (24×24 grid, stroked with currentColor).
const NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  member: ['M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z', 'M3.5 21c.8-4.3 4.2-7 8.5-7s7.7 2.7 8.5 7'],
  guide: ['M4 4.5C6.5 3.5 9.5 3.5 12 5.5c2.5-2 5.5-2 8-1V19c-2.5-1-5.5-1-8 1-2.5-2-5.5-2-8-1z', 'M12 5.5V20'],
  apply: ['M6 2.5h8l4 4V21.5H6z', 'M14 2.5v4h4', 'M9 11h6', 'M9 14.5h6', 'M9 18h3.5'],
  directory: ['M4 4h16v16H4z', 'M8 8.5h8', 'M8 12h8', 'M8 15.5h5'],
  jobs: ['M3.5 8h17v12h-17z', 'M9 8V5.5h6V8', 'M3.5 13h17'],
  faq: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5', 'M12 17.2v.3'],
  verify: ['M12 2.5l7.5 3v6c0 4.6-3.2 8.5-7.5 10-4.3-1.5-7.5-5.4-7.5-10v-6z', 'M8.5 12l2.5 2.5 4.5-5'],
  back: ['M15 5l-7 7 7 7'],
  home: ['M3.5 11L12 4l8.5 7', 'M6 9.5V20h12V9.5', 'M10 20v-5h4v5'],
  lock: ['M6 10.5h12V21H6z', 'M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3'],
  emblem: ['M12 2.5a9.5 9.5 0 1 0 0 19 9.5 9.5 0 0 0 0-19z', 'M12 6.5l1.6 3.4 3.7.4-2.8 2.5.8 3.7L12 14.6l-3.3 1.9.8-3.7-2.8-2.5 3.7-.4z'],
};

export function icon(name, className = 'icon') {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of PATHS[name] || []) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}
