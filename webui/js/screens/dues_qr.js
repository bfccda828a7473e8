import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '扫码支付',
  auth: 'member',
  render() {
    return page('扫码支付', notice('扫码支付'));
  },
};
