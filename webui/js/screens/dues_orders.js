import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '我的缴费订单',
  auth: 'member',
  render() {
    return page('我的缴费订单', notice('我的缴费订单'));
  },
};
