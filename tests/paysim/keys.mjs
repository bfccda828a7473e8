// Loads the keys the simulator holds, as the real gateways would: our (the merchant's / app's)
// public keys to check requests, and the gateways' private keys to sign answers and notifications.
// See tests/fixtures/pay/README.md for who holds which file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';

export const WECHAT_MCHID = '1900000001';
export const WECHAT_APPID = 'wx8a5f0c1d2e3b4a59';
export const WECHAT_PUBKEY_ID = 'PUB_KEY_ID_0119000000012026120300000000000001';
export const ALIPAY_APP_ID = '2021000000000001';
export const ALIPAY_SELLER_ID = '2088000000000001';
export const MERCHANT_NAME = '中华全国专利代理师协会';

export function loadKeys(dir) {
  const read = (p) => readFileSync(join(dir, p));
  // Serials come from the certificates themselves, so a regenerated fixture cannot drift from a
  // constant written here.
  const merchantSerial = new X509Certificate(read('wechat/merchant_cert.pem')).serialNumber.toUpperCase();
  const platformSerial = new X509Certificate(read('wechat/platform_cert.pem')).serialNumber.toUpperCase();
  let apiv3 = read('wechat/apiv3.key');
  if (apiv3.length !== 32) apiv3 = Buffer.from(apiv3.toString('utf8').trim(), 'utf8');
  if (apiv3.length !== 32) throw new Error(`wechat/apiv3.key must hold 32 bytes, has ${apiv3.length}`);
  return {
    wechat: {
      merchantSerial,
      merchantPublic: createPublicKey(read('wechat/merchant_public.pem')),
      // The two ways WeChat Pay signs: the older platform certificate and the newer 微信支付公钥.
      signers: {
        cert: { serial: platformSerial, key: createPrivateKey(read('wechat/platform_key.pem')) },
        pubkey: { serial: WECHAT_PUBKEY_ID, key: createPrivateKey(read('wechat/pubkey_key.pem')) },
      },
      apiv3,
    },
    alipay: {
      appPublic: createPublicKey(read('alipay/app_public.pem')),
      alipayKey: createPrivateKey(read('alipay/alipay_key.pem')),
    },
  };
}

// A key nobody else knows, for the "forge" switch: a signature that parses but cannot verify.
// Generated once per process (2048-bit generation takes a noticeable fraction of a second).
let forgeKey = null;
export function forgeryKey() {
  if (!forgeKey) forgeKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return forgeKey;
}
