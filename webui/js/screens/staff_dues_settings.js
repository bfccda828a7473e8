import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '收款账户设置',
  auth: 'staff',
  render() {
    return page('收款账户设置', notice('收款账户设置'));
  },
};
