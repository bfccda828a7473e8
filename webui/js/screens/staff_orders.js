import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '缴费订单',
  auth: 'staff',
  render() {
    return page('缴费订单', notice('缴费订单'));
  },
};
