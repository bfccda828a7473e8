import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '订单处理',
  auth: 'staff',
  render() {
    return page('订单处理', notice('订单处理'));
  },
};
