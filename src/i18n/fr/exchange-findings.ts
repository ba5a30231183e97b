// French finding messages of the exchange.* checks, keyed by `Finding.messageKey`, with the same
// parameters as the English templates in src/i18n/en/exchange-findings.ts.

import type { ExchangeFindingKey } from '../en/exchange-findings.js';

const productFr =
  '{identification, select, known-build {{product}} unlisted-build {{product} {level} (mise à jour non répertoriée, postérieure à {closest})} ' +
  'newer-than-data {{product}{level, select, none {} other { {level}}} (plus récent que nos données)} ' +
  'cu-only {{product} {level} (mise à jour de sécurité invisible)} unknown-level {{product} (CU inconnue)} ' +
  'product-only {{product}} other {un produit inconnu}}';

const reasonFr =
  '{reason, select, level-never-fixed {{level} n’a jamais reçu le correctif} below-fix {la version est antérieure au correctif {fixBuild}} ' +
  'at-or-above-fix {la version est égale ou postérieure au correctif {fixBuild}} level-includes-fix {{level} et les suivantes contiennent le correctif} ' +
  'cu-needs-update {seule la CU est visible ; elle n’est corrigée qu’à partir de {fixBuild}} ' +
  'source-conflict {les sources divergent sur la version corrective ({lowerBuild} ou {fixBuild})} ' +
  'product-not-affected {le produit n’est pas concerné} product-not-assessed {Microsoft n’évalue plus {product}} ' +
  'configuration-default {tout dépend de la configuration ; cette version protège par défaut, sauf si la protection a été désactivée} ' +
  'configuration {tout dépend de la configuration{note, select, none {} other { (note en anglais : {note})}}} ' +
  'unknown-level {la CU ne figure pas dans nos données} newer-than-data {la version est plus récente que nos données} ' +
  'other {seul le produit est connu}}';

const cveFr =
  '{cve}{aka, select, none {} other { ({aka})}}{kev, select, yes {, au catalogue CISA KEV (exploitée dans la nature)} other {}}' +
  '{login, select, none {, sans authentification} other {}}{cvss, select, none {} other {, CVSS {cvss}}}';

const httpsErrorFr =
  '{error, select, timeout {pas de réponse à temps} no-address {le nom n’a pas d’adresse} dns {la recherche DNS a échoué} ' +
  'connect {la connexion a échoué} tls {la négociation TLS a échoué} protocol {la réponse n’est pas du HTTP valide} other {la requête a échoué}}';

const certFr =
  '{code, select, CERT_HAS_EXPIRED {expiré} ERR_TLS_CERT_ALTNAME_INVALID {émis pour un autre nom} ' +
  'DEPTH_ZERO_SELF_SIGNED_CERT {auto-signé} SELF_SIGNED_CERT_IN_CHAIN {chaîne aboutissant à une racine non reconnue} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {émetteur inconnu ou certificat intermédiaire manquant} none {pas de session TLS} other {{code}}}';

export const frExchangeFindings: Readonly<Record<ExchangeFindingKey, string>> = {
  'exchange.detected': `Microsoft Exchange sur {subject} : ${productFr}, version {version}. Vulnérabilités connues : {certain, plural, one {# certaine} other {# certaines}}, jusqu’à {possible, plural, one {# possible} other {# possibles}}.`,
  'exchange.not-found':
    'Aucun serveur Exchange sur site n’a répondu parmi les hôtes examinés{notExchange, select, none {} other { ; pas Exchange : {notExchange}}}' +
    '{noServer, select, none {} other { ; pas de serveur HTTPS : {noServer}}}.',
  'exchange.unreachable': `Impossible de vérifier si {host} est un serveur Exchange : ${httpsErrorFr}.`,
  'exchange.build-unknown':
    'Exchange sur {subject} : {why, select, ' +
    'newer-than-data {la version {version} est plus récente que la plus récente de nos données ({newest}) : mettez telltale à jour} ' +
    'unknown-level {la version {version} correspond à une CU que nos données ne répertorient pas} ' +
    'other {aucun numéro de version visible (ni chemin de ressources OWA, ni en-tête X-OWA-Version, ni manifeste de l’outil d’export)}}' +
    ' ; on ne sait pas quelles CVE s’appliquent.',
  'exchange.data-stale':
    'Les données de vulnérabilités Exchange ({dataVersion}) devaient être revues le {reviewBy}, il y a {days, plural, one {# jour} other {# jours}} : les mises à jour et CVE plus récentes sont inconnues de ce rapport.',
  'exchange.unsupported':
    '{subject} utilise {product}, hors support depuis le {endedOn}.{esu, select, ' +
    'observed { La mise à jour installée est réservée aux clients ESU : l’organisation participe (ou a participé) au programme payant.} ' +
    'not-visible { Impossible de voir de l’extérieur si l’organisation paie les mises à jour de sécurité étendues (ESU).} other {}}',
  'exchange.level-not-current':
    '{subject} utilise {product} sur une CU qui ne reçoit plus de mises à jour (CU maintenues : {levels}).',
  'exchange.vulnerable': `{subject} est exposé à ${cveFr} : ${reasonFr}. Impact (d’après les données, en anglais) : {impact}`,
  'exchange.possibly-vulnerable': `{subject} est peut-être exposé à ${cveFr} : ${reasonFr}. Impact (d’après les données, en anglais) : {impact}`,
  'exchange.not-verifiable': `${cveFr} sur {subject} ne peut pas être vérifiée de l’extérieur : ${reasonFr}.`,
  'exchange.mixed-builds': 'Les serveurs frontaux derrière {host} n’ont pas la même version : {servers}.',
  'exchange.internal-name-leak': '{host} révèle des noms internes dans ses en-têtes : {names}.',
  'exchange.ntlm-info-leak':
    '{host} répond à une négociation NTLM anonyme avec des noms internes ({names}) et ' +
    '{windows, select, none {sans version de Windows} other {Windows {windows}{release, select, none {} other { ({release}, ' +
    '{support, select, out-of-support {hors support} mainstream {support standard} other {support étendu}})}}}}.',
  'exchange.windows-unsupported':
    'Exchange sur {host} tourne sur {release}, hors support depuis le {extendedEnd}.' +
    '{esu, select, yes { Des mises à jour de sécurité étendues (ESU) payantes peuvent encore le couvrir ; cela ne se voit pas de l’extérieur.} other {}}',
  'exchange.ecp-exposed':
    'Le Centre d’administration Exchange répond sur https://{host}/ecp/ (HTTP {status}).',
  'exchange.ecp-blocked': 'https://{host}/ecp/ est bloqué depuis internet (HTTP {status}).',
  'exchange.powershell-exposed':
    'PowerShell distant d’Exchange répond sur https://{host}/powershell/ (HTTP {status}).',
  'exchange.powershell-blocked': 'https://{host}/powershell/ est bloqué depuis internet (HTTP {status}).',
  'exchange.surface-error': `Impossible de savoir si {url} est accessible : ${httpsErrorFr}.`,
  'exchange.tls-certificate': `Le certificat HTTPS de {host} n’est pas valide (${certFr}) ; l’empreinte a quand même été lue.`,
};
