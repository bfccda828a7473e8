import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '减免申请',
  auth: 'member',
  render() {
    return page('减免申请', notice('减免申请'));
  },
};
