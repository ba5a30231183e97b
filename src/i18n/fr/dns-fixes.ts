// French fixes of the DNS checks, with the same keys and parameters as src/i18n/en/dns-fixes.ts; records and
// commands are parameters and stay exactly as the check wrote them.

import type { DnsFixKey } from '../en/dns-fixes.js';

export const frDnsFixes: Readonly<Record<DnsFixKey, string>> = {
  // ---- mx ----
  'mx.fix.add-mx': '{mxRecord}\nou, pour un domaine qui ne reçoit pas de courrier :\n{nullMxRecord}',
  'mx.fix.remove-null-mx': 'Supprimez l’enregistrement "{record}" si le domaine reçoit du courrier.',
  'mx.fix.ip-literal-placeholder':
    '{name}.  3600  IN  {type}  <adresse publique du serveur de messagerie>\n{mxRecord}',
  'mx.fix.add-address':
    '{host}.  3600  IN  A  <adresse publique du serveur de messagerie>\nou supprimez "{record}"',
  'mx.fix.internal-address':
    '{host}.  3600  IN  A  <adresse publique redirigée vers le serveur de messagerie>  (et supprimez l’adresse interne)',
  // ---- spf ----
  'spf.fix.publish':
    '{record}   (indiquez chaque service qui envoie du courrier au nom de {domain} ; un domaine qui n’envoie aucun courrier utilise "v=spf1 -all")',
  'spf.fix.merge': 'Fusionnez-les en un seul enregistrement : "v=spf1 <tous les mécanismes des deux> -all"',
  // ---- dmarc ----
  'dmarc.fix.external-authorization':
    '{record} (à publier par le gestionnaire de {dest}), ou utilisez une adresse de rapport en @{policyDomain}',
  'dmarc.fix.keep-one': 'Supprimez-les tous sauf un ; gardez par exemple : {record}',
  // ---- dkim ----
  'dkim.fix.rotate-microsoft': 'Dans Exchange Online PowerShell : {command}',
  'dkim.fix.rotate':
    'Publiez une clé de 2048 bits sous un nouveau sélecteur : <nouveau>._domainkey.{domain} TXT "v=DKIM1; k=rsa; p=<clé publique en base64>", signez avec elle, puis remplacez {subject} par "v=DKIM1; p=".',
  'dkim.fix.remove-s': 'Supprimez la balise s= ou mettez s=email.',
  'dkim.fix.sha256-sign': 'Signez en rsa-sha256 et supprimez h= (ou mettez h=sha256).',
  'dkim.fix.sha256': 'Supprimez h= ou mettez h=sha256.',
  'dkim.fix.testing': 'Retirez y de la balise t= dès que la signature fonctionne.',
  'dkim.fix.record-shape':
    'Publiez la clé en TXT à <sélecteur>._domainkey.<domaine> : "v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo en base64>" ' +
    '(découpée en chaînes de 255 octets ; les vérificateurs les recollent sans espace).',
  'dkim.fix.key-type': 'Utilisez k=rsa ou k=ed25519.',
  'dkim.fix.one-record': 'Gardez exactement un enregistrement de clé par sélecteur.',
  // ---- mta-sts ----
  'mtasts.fix.enforce':
    'Dans le fichier de politique, mettez `mode: enforce` ; puis changez l’id de l’enregistrement TXT _mta-sts.',
  'mtasts.fix.add-mx': 'Ajoutez au fichier de politique : {lines} ; puis changez l’id de _mta-sts.',
  'mtasts.fix.publish':
    'Servez à {url} (Content-Type: text/plain) :\n{policy}\nPuis publiez : {record}\n' +
    'Passez à mode: enforce quand les rapports TLS-RPT ne signalent plus d’échec.',
  'mtasts.fix.keep-one': 'N’en gardez qu’un : {record}',
  'mtasts.fix.replace': 'Remplacez-le par : {record}',
  'mtasts.fix.serve': 'Servez plutôt :\n{policy}',
  'mtasts.fix.max-age': 'Mettez `max_age: 1209600` et changez l’id de _mta-sts.',
  // ---- tls-rpt ----
  'tlsrpt.fix.publish': 'Publiez : {record}',
  'tlsrpt.fix.merge': 'Fusionnez-les en un seul enregistrement, par exemple {record}',
  'tlsrpt.fix.replace': 'Remplacez-le par : {record}',
  // ---- bimi ----
  'bimi.fix.dmarc': 'Publiez (ou renforcez jusqu’à) : {record}',
  'bimi.fix.one-record': 'Publiez un seul enregistrement : {record}',
  // ---- dnssec ----
  'dnssec.fix.sign':
    'Signez la zone {zone} chez son hébergeur DNS et publiez son enregistrement DS chez le bureau d’enregistrement (registrar).',
  'dnssec.fix.resign':
    'Signez de nouveau la zone {zone} et faites correspondre le DS publié dans la zone parente à sa clé actuelle (ou retirez le DS en attendant).',
};
