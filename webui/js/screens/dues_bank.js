import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '转账汇款',
  auth: 'member',
  render() {
    return page('转账汇款', notice('转账汇款'));
  },
};
