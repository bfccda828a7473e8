import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '待缴费清单',
  auth: 'member',
  render() {
    return page('待缴费清单', notice('待缴费清单'));
  },
};
