import { h } from '../components/dom.js';
import { page, notice } from '../components/page.js';

// Placeholder: built in issue 6 (dues and payments).
export default {
  title: '会费缴纳申报确认单',
  auth: 'member',
  render() {
    return page('会费缴纳申报确认单', notice('会费缴纳申报确认单'));
  },
};
