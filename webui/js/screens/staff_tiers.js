import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '会员单位级别',
  auth: 'staff',
  render() {
    return page('会员单位级别', notice('会员单位级别'));
  },
};
