// The lab's certificate authority: a root and leaf certificates made in memory at lab start, with the
// defects scenarios need (expired, not yet valid, wrong name, self-signed, weak key). Never written to disk.

import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyAlgorithm = 'rsa-2048' | 'rsa-1024' | 'ecdsa-p256';

export interface IssueOptions {
  /** DNS names (or IP addresses) in the subjectAltName; the first is also the subject CN. */
  readonly names: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Defaults to RSA 2048. */
  readonly keyAlgorithm?: KeyAlgorithm;
  /** Signed by its own key instead of the lab root: a chain no client trusts. */
  readonly selfSigned?: boolean;
}

export interface IssuedCertificate {
  /** Leaf first, then the root when CA-signed: what a server sends. */
  readonly chainPem: string;
  readonly certificatePem: string;
  readonly keyPem: string;
  readonly names: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface TestCa {
  /** The root certificate, to pass as an extra trusted CA (`ca: [rootPem]`). */
  readonly rootPem: string;
  issue(options: IssueOptions): Promise<IssuedCertificate>;
}

const day = 24 * 60 * 60 * 1000;

function algorithmParams(
  algorithm: KeyAlgorithm,
): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  switch (algorithm) {
    case 'rsa-2048':
    case 'rsa-1024':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        hash: 'SHA-256',
        modulusLength: algorithm === 'rsa-2048' ? 2048 : 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
      };
    case 'ecdsa-p256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
  }
}

function signingAlgorithm(algorithm: KeyAlgorithm): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return algorithm === 'ecdsa-p256' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
}

async function generateKeys(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithmParams(algorithm), true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

const isIpAddress = (name: string): boolean => /^[\d.]+$/.test(name) || name.includes(':');

function subjectAltName(names: readonly string[]): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(
    names.map((name) => ({ type: isIpAddress(name) ? 'ip' : 'dns', value: name })),
  );
}

/** A fresh root CA. Leaf keys are generated once per algorithm and shared: RSA generation is slow and key reuse changes nothing a check sees. */
export async function createTestCa(commonName = 'telltale lab root CA'): Promise<TestCa> {
  const rootKeys = await generateKeys('rsa-2048');
  const now = Date.now();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys: rootKeys,
    notBefore: new Date(now - day),
    notAfter: new Date(now + 3650 * day),
    signingAlgorithm: signingAlgorithm('rsa-2048'),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const rootPem = root.toString('pem');
  const leafKeys = new Map<KeyAlgorithm, Promise<CryptoKeyPair>>();
  const keysFor = (algorithm: KeyAlgorithm): Promise<CryptoKeyPair> => {
    let keys = leafKeys.get(algorithm);
    if (keys === undefined) {
      keys = generateKeys(algorithm);
      leafKeys.set(algorithm, keys);
    }
    return keys;
  };

  async function issue(options: IssueOptions): Promise<IssuedCertificate> {
    const first = options.names[0];
    if (first === undefined) throw new Error('test CA: a certificate needs at least one name');
    const algorithm = options.keyAlgorithm ?? 'rsa-2048';
    const keys = await keysFor(algorithm);
    const notBefore = options.notBefore ?? new Date(Date.now() - day);
    const notAfter = options.notAfter ?? new Date(Date.now() + 90 * day);
    const extensions = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      subjectAltName(options.names),
    ];
    const leaf = options.selfSigned
      ? await x509.X509CertificateGenerator.createSelfSigned({
          name: `CN=${first}`,
          keys,
          notBefore,
          notAfter,
          signingAlgorithm: signingAlgorithm(algorithm),
          extensions,
        })
      : await x509.X509CertificateGenerator.create({
          subject: `CN=${first}`,
          issuer: root.subject,
          publicKey: keys.publicKey,
          signingKey: rootKeys.privateKey,
          notBefore,
          notAfter,
          signingAlgorithm: signingAlgorithm('rsa-2048'),
          extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(root)],
        });
    const certificatePem = leaf.toString('pem');
    return {
      chainPem: options.selfSigned ? certificatePem : `${certificatePem}\n${rootPem}`,
      certificatePem,
      keyPem: await privateKeyPem(keys.privateKey),
      names: [...options.names],
      notBefore,
      notAfter,
    };
  }

  return { rootPem, issue };
}
