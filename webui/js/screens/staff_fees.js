import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '会费标准',
  auth: 'staff',
  render() {
    return page('会费标准', notice('会费标准'));
  },
};
