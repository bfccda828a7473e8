import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '选择缴费年份',
  auth: 'member',
  render() {
    return page('选择缴费年份', notice('选择缴费年份'));
  },
};
