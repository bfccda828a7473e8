import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '缴费成功',
  auth: 'member',
  render() {
    return page('缴费成功', notice('缴费成功'));
  },
};
