// French titles, descriptions and fixes of the checks, keyed by check ID; English is shown where a text is absent.

import { frDnsChecks } from './fr/dns-checks.js';

/** What a language says about one check ID; only the title is required of every ID. */
export interface CheckTexts {
  readonly title: string;
  readonly description?: string;
  readonly remediation?: string;
}

export const frChecks: Readonly<Record<string, CheckTexts>> = {
  ...frDnsChecks,
  'scan.check-failed': {
    title: 'Un contrôle n’a pas pu aller jusqu’au bout',
    description:
      'Un contrôle s’est arrêté sur une erreur interne inattendue. Ses verdicts manquent dans ce rapport ; le reste de l’analyse n’est pas affecté. C’est un défaut de telltale, pas du domaine.',
    remediation:
      'Relancez l’analyse ; si le problème persiste, signalez-le aux mainteneurs de telltale avec le message affiché.',
  },
  'smtp.unreachable': { title: 'Une adresse de serveur de messagerie ne répond pas sur son port SMTP' },
  'smtp.banner-version': { title: 'La bannière SMTP révèle le logiciel et la version du serveur' },
  'smtp.starttls-missing': {
    title: 'Le serveur de messagerie ne propose pas de chiffrement fonctionnel (STARTTLS)',
  },
  'smtp.auth-before-tls': { title: 'L’authentification par mot de passe est proposée avant le chiffrement' },
  'smtp.auth-on-port-25': { title: 'L’authentification par mot de passe est proposée sur le port MX 25' },
  'smtp.ntlm-info-leak': { title: 'L’authentification NTLM révèle des noms Windows internes et la version' },
  'smtp.vrfy-enabled': { title: 'VRFY confirme quelles boîtes aux lettres existent' },
  'smtp.open-relay': { title: 'Le serveur relaie le courrier de n’importe qui (relais ouvert)' },
  'smtp.tls-legacy-protocol': { title: 'Le serveur de messagerie accepte SSLv3, TLS 1.0 ou TLS 1.1' },
  'smtp.tls-weak-cipher': {
    title:
      'Le serveur de messagerie accepte des suites de chiffrement faibles ou sans confidentialité persistante',
  },
  'smtp.cert-expired': {
    title: 'Le certificat du serveur de messagerie a expiré (ou n’est pas encore valide)',
  },
  'smtp.cert-expiring': { title: 'Le certificat du serveur de messagerie expire bientôt' },
  'smtp.cert-hostname-mismatch': {
    title: 'Le certificat du serveur de messagerie n’est pas valide pour le nom MX',
  },
  'smtp.cert-self-signed': { title: 'Le certificat du serveur de messagerie est auto-signé ou non reconnu' },
  'smtp.cert-weak-key': { title: 'Le certificat du serveur de messagerie a une clé ou une signature faible' },
  'dane.tlsa-mismatch': {
    title:
      'Les enregistrements TLSA ne correspondent pas au certificat présenté par le serveur de messagerie',
  },
  'dane.tlsa-without-dnssec': { title: 'Des enregistrements TLSA sont publiés dans une zone sans DNSSEC' },
  'smtp.ptr-missing': { title: 'Une adresse MX n’a pas de nom DNS inverse (PTR)' },
  'smtp.fcrdns-mismatch': { title: 'Le DNS inverse n’est pas confirmé dans le sens direct' },
  'dnsbl.listed': { title: 'Une adresse MX figure sur une liste de blocage DNS' },
  'exchange.detected': { title: 'Serveur Microsoft Exchange trouvé sur internet' },
  'exchange.not-found': { title: 'Aucun Exchange sur site trouvé' },
  'exchange.unreachable': { title: 'Un hôte n’a pas pu être vérifié pour Exchange' },
  'exchange.build-unknown': {
    title: 'La version d’Exchange n’a pas pu être déterminée, ou est plus récente que nos données',
  },
  'exchange.data-stale': { title: 'Les données de vulnérabilités Exchange ont dépassé leur date de revue' },
  'exchange.unsupported': { title: 'Version d’Exchange hors support' },
  'exchange.vulnerable': { title: 'Version d’Exchange exposée à une vulnérabilité connue' },
  'exchange.possibly-vulnerable': {
    title: 'Version d’Exchange peut-être exposée à une vulnérabilité connue',
  },
  'exchange.not-verifiable': { title: 'Vulnérabilité d’Exchange qui dépend de la configuration' },
  'exchange.mixed-builds': {
    title: 'Des serveurs Exchange en répartition de charge ont des versions différentes',
  },
  'exchange.internal-name-leak': { title: 'Les en-têtes d’Exchange révèlent des noms de serveurs internes' },
  'exchange.ntlm-info-leak': { title: 'Le challenge NTLM révèle des noms internes et la version de Windows' },
  'exchange.windows-unsupported': { title: 'Exchange tourne sur une version de Windows Server hors support' },
  'exchange.ecp-exposed': { title: 'Centre d’administration Exchange (ECP) accessible depuis internet' },
  'exchange.powershell-exposed': { title: 'PowerShell distant d’Exchange accessible depuis internet' },
  'exchange.tls-certificate': { title: 'Certificat HTTPS d’Exchange non valide' },
};
