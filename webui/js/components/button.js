import { h } from './dom.js';

// A touch button (>= 48 CSS px, see .btn in theme.css).
// variant: 'primary' | 'secondary' | 'ghost' | 'danger' ; size: 'lg' | undefined
export function button(label, { variant = 'secondary', size, onClick, type = 'button', disabled, attrs, className } = {}) {
  return h('button', {
    type,
    class: ['btn', `btn-${variant}`, size && `btn-${size}`, className],
    disabled: !!disabled,
    attrs,
    onclick: onClick,
  }, label);
}
