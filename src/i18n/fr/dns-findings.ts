// French finding messages of the DNS checks (mx, spf, dmarc, dkim, mta-sts, tls-rpt, bimi, dnssec), with the
// same keys and parameters as src/i18n/en/dns-findings.ts; the compiler refuses a missing key.

import type { DnsFindingKey } from '../en/dns-findings.js';

export const frDnsFindings: Readonly<Record<DnsFindingKey, string>> = {
  // ---- mx ----
  'mx.dns-error.failed':
    'La recherche MX de {domain} a échoué ({reason} : {detail}) : impossible de savoir où va son courrier. Les serveurs expéditeurs qui rencontrent la même panne retardent le courrier et peuvent finir par le renvoyer à l’expéditeur.',
  'mx.dns-error.answered': 'La recherche MX de {domain} a obtenu une réponse.',
  'mx.missing.found':
    '{domain} publie {count, plural, one {# enregistrement MX} other {# enregistrements MX}}.',
  'mx.missing.found-many':
    '{domain} publie {count, plural, one {# enregistrement MX} other {# enregistrements MX}}. Seuls les {max} plus prioritaires ont été vérifiés : aucune installation de messagerie n’en a besoin d’autant.',
  'mx.missing.implicit':
    '{domain} ne publie aucun enregistrement MX : les expéditeurs livrent donc son courrier à l’adresse du domaine lui-même ({addresses}), en général le serveur web. C’est rarement voulu : publiez un MX qui désigne votre serveur de messagerie, ou un MX nul si le domaine ne reçoit pas de courrier.',
  'mx.missing.unchecked':
    '{domain} ne publie aucun enregistrement MX, et nous n’avons pas pu savoir s’il a une adresse pour recevoir le courrier à la place : {failures}.',
  'mx.missing.nxdomain':
    '{domain} n’existe pas dans le DNS (NXDOMAIN) : tout message envoyé à une adresse @{domain} est renvoyé à l’expéditeur. Si le domaine doit recevoir du courrier, publiez un enregistrement MX ; sinon, publiez un MX nul pour que les expéditeurs abandonnent tout de suite.',
  'mx.missing.no-address':
    '{domain} ne publie aucun enregistrement MX ni aucune adresse (A/AAAA) : tout message envoyé à une adresse @{domain} est renvoyé à l’expéditeur. Si le domaine doit recevoir du courrier, publiez un enregistrement MX ; sinon, publiez un MX nul pour que les expéditeurs abandonnent tout de suite.',
  'mx.null.mixed':
    '{domain} publie un MX nul (« n’accepte aucun courrier ») en même temps que {count, plural, one {# autre enregistrement MX} other {# autres enregistrements MX}} ({hosts}). La RFC 7505 §3 n’autorise un MX nul que s’il est le seul enregistrement MX : les expéditeurs réagiront chacun à leur façon à cette contradiction. Gardez l’un ou l’autre.',
  'mx.null.preference':
    '{domain} publie un MX nul avec la préférence {preference}. La RFC 7505 le définit comme exactement « 0 . » : les expéditeurs qui vérifient la préférence ne le reconnaîtront pas et tenteront de livrer à la racine du DNS.',
  'mx.null.pass':
    '{domain} déclare par un MX nul qu’il n’accepte aucun courrier : les expéditeurs renvoient immédiatement les messages qui lui sont destinés. C’est correct pour un domaine qui ne reçoit pas de courrier.',
  'mx.ip-literal.fail':
    'L’enregistrement MX « {preference} {host} » désigne une adresse IP et non un nom d’hôte. Les expéditeurs la cherchent comme un nom d’hôte, ne trouvent rien et ne peuvent pas livrer par cet enregistrement.',
  'mx.ip-literal.fail-unreachable':
    'L’enregistrement MX « {preference} {host} » désigne une adresse IP et non un nom d’hôte. Les expéditeurs la cherchent comme un nom d’hôte, ne trouvent rien et ne peuvent pas livrer par cet enregistrement (et de toute façon {address} n’est pas joignable depuis internet).',
  'mx.ip-literal.pass': 'Chaque enregistrement MX désigne un nom d’hôte, pas une adresse IP.',
  'mx.unresolvable.unchecked': 'Impossible de trouver l’adresse de l’hôte MX {host} : {failures}.',
  'mx.unresolvable.nxdomain-others':
    'L’hôte MX {host} n’existe pas (NXDOMAIN). Les expéditeurs l’ignorent et passent par les autres hôtes MX, mais chaque livraison perd du temps avec lui.',
  'mx.unresolvable.nxdomain-only':
    'L’hôte MX {host} n’existe pas (NXDOMAIN). Aucun hôte MX n’a d’adresse : le courrier destiné à ce domaine ne peut pas être livré.',
  'mx.unresolvable.no-address-others':
    'L’hôte MX {host} n’a aucun enregistrement d’adresse (ni A ni AAAA). Les expéditeurs l’ignorent et passent par les autres hôtes MX, mais chaque livraison perd du temps avec lui.',
  'mx.unresolvable.no-address-only':
    'L’hôte MX {host} n’a aucun enregistrement d’adresse (ni A ni AAAA). Aucun hôte MX n’a d’adresse : le courrier destiné à ce domaine ne peut pas être livré.',
  'mx.unresolvable.pass-one': 'L’hôte MX {host} a pour adresse {addresses}.',
  'mx.unresolvable.pass-many': '{count} hôtes MX, tous ont une adresse.',
  'mx.cname.unchecked': 'Impossible de vérifier si chaque hôte MX est un alias : {failures}.',
  'mx.cname.pass': 'Aucun hôte MX n’est un alias (CNAME).',
  'mx.cname.alias':
    'L’hôte MX {host} est un alias (CNAME) de {chain}. Un enregistrement MX doit désigner l’hôte lui-même (RFC 2181 §10.3) : la plupart des expéditeurs suivent l’alias, mais certains le refusent. Indiquez plutôt la cible de l’alias dans l’enregistrement MX.',
  'mx.duplicate-priority.repeated':
    '{host} figure dans {count} enregistrements MX de {domain}. Répéter un hôte n’apporte aucune redondance : cela cache souvent une faute de frappe ou un serveur de secours qui devait être là.',
  'mx.duplicate-priority.single': '{domain} a un seul hôte MX.',
  'mx.duplicate-priority.distinct': 'Chaque hôte MX a sa propre préférence.',
  'mx.duplicate-priority.shared':
    '{hosts} partagent la préférence {preference} : les expéditeurs répartissent le courrier entre eux au hasard (partage de charge), ce qui est correct.',
  'mx.duplicate-priority.shared-groups':
    'Certains hôtes MX partagent une préférence ({groups}) : les expéditeurs répartissent le courrier entre eux au hasard (partage de charge), ce qui est correct.',
  'mx.private-address.partly':
    'L’hôte MX {host} a {count, plural, one {une adresse injoignable} other {des adresses injoignables}} depuis internet : {addresses}. Les expéditeurs qui tombent dessus échouent à se connecter et doivent réessayer avec une autre adresse. Cela révèle aussi le plan d’adressage de votre réseau interne.',
  'mx.private-address.only':
    'L’hôte MX {host} a {count, plural, one {une adresse injoignable} other {des adresses injoignables}} depuis internet : {addresses}. Les expéditeurs sur internet ne peuvent pas s’y connecter. Cela révèle aussi le plan d’adressage de votre réseau interne.',
  'mx.private-address.unchecked': 'Impossible de vérifier toutes les adresses des hôtes MX : {failures}.',
  'mx.private-address.pass':
    '{count, plural, one {L’adresse des hôtes MX est joignable} other {Les # adresses des hôtes MX sont joignables}} depuis internet.',
  'mx.no-ipv6.pass':
    '{hosts} {count, plural, one {a} other {ont}} une adresse IPv6 : les expéditeurs qui n’ont que l’IPv6 peuvent livrer.',
  'mx.no-ipv6.unchecked': 'Impossible de vérifier si un hôte MX a une adresse IPv6 : {failures}.',
  'mx.no-ipv6.missing':
    'Aucun hôte MX n’a d’adresse IPv6 (AAAA) : les expéditeurs qui n’ont que l’IPv6 ne peuvent pas livrer de courrier à {domain}. Ils sont encore rares ; ajoutez l’IPv6 quand votre fournisseur le propose.',
};
