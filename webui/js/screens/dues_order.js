import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '订单详情',
  auth: 'member',
  render() {
    return page('订单详情', notice('订单详情'));
  },
};
