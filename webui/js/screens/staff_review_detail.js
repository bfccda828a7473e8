import { S } from '../strings.zh.js';
import { page, notice } from '../components/page.js';

export default {
  title: S.staffTitle,
  auth: 'staff',
  render() { return page(S.staffTitle, notice(S.comingSoonBody)); },
};
