import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '导入银行流水',
  auth: 'staff',
  render() {
    return page('导入银行流水', notice('导入银行流水'));
  },
};
