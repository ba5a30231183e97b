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
  // ---- spf ----
  'spf.incomplete': 'Impossible de vérifier toutes les branches de la politique SPF : échec de {failures}.',
  'spf.too-many-lookups.fail':
    'La politique compte {total} termes qui interrogent le DNS dans son arbre d’include ; les destinataires s’arrêtent à 10 et renvoient permerror : le courrier de ce domaine échoue à SPF.{macros, plural, =0 {} one { # cible include/redirect contenant des macros n’a pas pu être suivie sans expéditeur : le vrai total peut être plus élevé.} other { # cibles include/redirect contenant des macros n’ont pas pu être suivies sans expéditeur : le vrai total peut être plus élevé.}}',
  'spf.too-many-lookups.limit':
    '10 termes sur 10 interrogent le DNS : à la limite, un include de plus chez n’importe quel fournisseur casse SPF.{macros, plural, =0 {} one { # cible include/redirect contenant des macros n’a pas pu être suivie sans expéditeur : le vrai total peut être plus élevé.} other { # cibles include/redirect contenant des macros n’ont pas pu être suivies sans expéditeur : le vrai total peut être plus élevé.}}',
  'spf.too-many-lookups.pass':
    '{total} termes sur 10 interrogent le DNS (include, a, mx, ptr, exists, redirect dans tout l’arbre).{macros, plural, =0 {} one { # cible include/redirect contenant des macros n’a pas pu être suivie sans expéditeur : le vrai total peut être plus élevé.} other { # cibles include/redirect contenant des macros n’ont pas pu être suivies sans expéditeur : le vrai total peut être plus élevé.}}',
  'spf.too-many-void-lookups.fail':
    '{count} termes désignent des domaines qui ne renvoient rien ({voids}) ; les destinataires renvoient permerror dès la troisième recherche vide.',
  'spf.too-many-void-lookups.pass':
    '{count, plural, one {# recherche vide} other {# recherches vides}} sur 2 autorisées.',
  'spf.too-many-void-lookups.pass-named':
    '{count, plural, one {# recherche vide} other {# recherches vides}} sur 2 autorisées ({names}).',
  'spf.too-many-mx-names.fail':
    '« {term} » rencontre {count} enregistrements MX à {name} ; au-delà de 10, les destinataires renvoient permerror pour chaque message.',
  'spf.too-many-mx-names.pass': 'Aucun terme mx ne rencontre plus de 10 noms MX.',
  'spf.include-loop.fail':
    '« {term} » ramène à sa propre chaîne ({chain}) : l’évaluation se termine en permerror.',
  'spf.include-loop.pass': 'Aucune boucle include/redirect.',
  'spf.include-missing.nxdomain':
    '« {term} » désigne {target}, qui n’existe pas : les destinataires renvoient permerror quand ils l’atteignent. Si ce domaine a expiré, celui qui le réenregistre décide qui peut envoyer du courrier au nom de {domain}.',
  'spf.include-missing.nodata':
    '« {term} » désigne {target}, qui n’a aucun enregistrement TXT : les destinataires renvoient permerror quand ils l’atteignent.',
  'spf.include-missing.no-spf':
    '« {term} » désigne {target}, qui ne publie aucun enregistrement SPF : les destinataires renvoient permerror quand ils l’atteignent.',
  'spf.include-missing.pass': 'Chaque cible include/redirect publie un enregistrement SPF.',
  'spf.syntax-error.included':
    'L’enregistrement SPF de {included}, inclus par {domain}, a une erreur de syntaxe à la colonne {column}. Les destinataires renvoient permerror quand ils l’atteignent.',
  'spf.syntax-error.included-term':
    'L’enregistrement SPF de {included}, inclus par {domain}, a une erreur de syntaxe dans « {term} », colonne {column}. Les destinataires renvoient permerror quand ils l’atteignent.',
  'spf.syntax-error.root':
    'Erreur de syntaxe à la colonne {column}. Les destinataires renvoient permerror pour tout l’enregistrement : SPF ne protège plus rien.',
  'spf.syntax-error.root-term':
    'Erreur de syntaxe dans « {term} », colonne {column}. Les destinataires renvoient permerror pour tout l’enregistrement : SPF ne protège plus rien.',
  'spf.syntax-error.pass': 'L’enregistrement respecte la grammaire de la RFC 7208.',
  'spf.multiple-records.included':
    '{included}, inclus par {domain}, publie {count} enregistrements v=spf1 : permerror quand les destinataires l’atteignent.',
  'spf.multiple-records.fail':
    '{domain} publie {count} enregistrements v=spf1 : tous les destinataires renvoient permerror, donc SPF ne protège rien et DMARC le voit échouer.',
  'spf.multiple-records.pass': 'Exactement un enregistrement v=spf1.',
  'spf.all-pass.root':
    '« {term} » dans cet enregistrement permet à n’importe quel serveur sur internet de passer SPF au nom de {domain} : le courrier falsifié est autorisé d’où qu’il vienne.',
  'spf.all-pass.included':
    '« {term} » dans {included}, inclus par {domain}, permet à n’importe quel serveur sur internet de passer SPF au nom de {domain} : le courrier falsifié est autorisé d’où qu’il vienne.',
  'spf.all-pass.pass': 'Aucun terme n’autorise toutes les adresses (+all, ip4:0.0.0.0/0, ip6:::/0).',
  'spf.all-neutral.fail':
    'La politique se termine par « {term} » : les serveurs non listés obtiennent « neutral », donc SPF ne fait pas refuser le courrier falsifié.',
  'spf.all-neutral.pass': 'La politique se termine par « {term} ».',
  'spf.no-all.unchecked':
    'L’enregistrement se termine par un redirect= dont la cible n’a pas pu être lue : on ne sait pas comment la politique se termine.',
  'spf.no-all.fail':
    'La politique n’a ni mécanisme all ni redirect= utilisable : les serveurs non listés obtiennent « neutral », donc SPF ne fait pas refuser le courrier falsifié.',
  'spf.no-all.pass': 'La politique se termine par un « {term} » explicite.',
  'spf.ptr-used.warn':
    '« {term} » dans {domain} : ptr dépend du DNS inverse de l’expéditeur, il est lent et certains destinataires l’ignorent.',
  'spf.ptr-used.pass': 'Aucun mécanisme ptr dans l’arbre de la politique.',
  'spf.redirect-ignored.warn':
    '« {term} » dans {domain} ne sert jamais : l’enregistrement a un mécanisme all, qui correspond toujours avant.',
  'spf.redirect-ignored.pass': 'Aucun redirect= n’est masqué par un mécanisme all.',
  'spf.record-too-long.warn':
    'L’enregistrement SPF fait {bytes} octets, au-delà des {advice} conseillés par la RFC 7208 : les réponses peuvent dépasser les 512 octets d’une réponse UDP et échouer sur certains réseaux.',
  'spf.record-too-long.pass': 'L’enregistrement SPF fait {bytes} octets (conseil : {advice} au plus).',
  'spf.spf-rr-type.only':
    'La politique SPF n’est publiée que sous le type d’enregistrement SPF (99), abandonné ; les destinataires ne lisent que les TXT, donc pour eux il n’y a pas de politique SPF.',
  'spf.spf-rr-type.beside':
    'Un enregistrement de type SPF (99) est publié à côté du TXT ; les destinataires l’ignorent, et il trompe celui qui modifie l’un sans l’autre.',
  'spf.spf-rr-type.error':
    'La requête de type SPF (99) pour {domain} a échoué ({reason}) ; seuls les TXT comptent pour les destinataires, cela n’affecte donc rien d’autre.',
  'spf.spf-rr-type.pass': 'Aucun enregistrement de type SPF (99) : TXT seulement, comme l’exige la RFC 7208.',
  'spf.split-mistake.fail':
    'Dans l’enregistrement TXT de {domain}, la frontière entre les chaînes « {before} » et « {after} » colle deux termes ensemble ou en coupe un en deux.',
  'spf.split-mistake.single': 'L’enregistrement tient en une seule chaîne.',
  'spf.split-mistake.pass':
    'Les {count} chaînes de l’enregistrement se joignent sans coller ni couper de terme.',
  'spf.missing.nxdomain-null-mx':
    'Pas d’enregistrement SPF ({domain} n’existe pas dans le DNS). Le domaine publie un MX nul, il n’envoie donc pas de courrier : sans « v=spf1 -all », n’importe qui peut quand même l’utiliser comme expéditeur et les destinataires ne peuvent pas refuser l’usurpation sur la base de SPF.',
  'spf.missing.nxdomain':
    'Pas d’enregistrement SPF ({domain} n’existe pas dans le DNS) : les destinataires ne peuvent pas distinguer les serveurs de ce domaine de ceux d’un usurpateur, et DMARC ne peut pas réussir grâce à SPF.',
  'spf.missing.nodata-null-mx':
    'Pas d’enregistrement SPF ({domain} n’a aucun enregistrement TXT). Le domaine publie un MX nul, il n’envoie donc pas de courrier : sans « v=spf1 -all », n’importe qui peut quand même l’utiliser comme expéditeur et les destinataires ne peuvent pas refuser l’usurpation sur la base de SPF.',
  'spf.missing.nodata':
    'Pas d’enregistrement SPF ({domain} n’a aucun enregistrement TXT) : les destinataires ne peuvent pas distinguer les serveurs de ce domaine de ceux d’un usurpateur, et DMARC ne peut pas réussir grâce à SPF.',
  'spf.missing.no-record-null-mx':
    'Pas d’enregistrement SPF (aucun enregistrement TXT de {domain} ne commence par « v=spf1 »). Le domaine publie un MX nul, il n’envoie donc pas de courrier : sans « v=spf1 -all », n’importe qui peut quand même l’utiliser comme expéditeur et les destinataires ne peuvent pas refuser l’usurpation sur la base de SPF.',
  'spf.missing.no-record':
    'Pas d’enregistrement SPF (aucun enregistrement TXT de {domain} ne commence par « v=spf1 ») : les destinataires ne peuvent pas distinguer les serveurs de ce domaine de ceux d’un usurpateur, et DMARC ne peut pas réussir grâce à SPF.',
  'spf.missing.found': 'Enregistrement SPF trouvé : {record}',
  'spf.dns-error.root':
    'La recherche TXT de {domain} a échoué ({reason}) : la politique SPF n’a pas pu être lue.',
  'spf.dns-error.lookup':
    'La recherche {type} de {name} a échoué ({reason}) : les destinataires qui rencontrent ce problème obtiennent temperror.',
  'spf.dns-error.lookup-term':
    'La recherche {type} de {name} (pour « {term} » dans {domain}) a échoué ({reason}) : les destinataires qui rencontrent ce problème obtiennent temperror.',
  'spf.dns-error.pass': 'Les {count} recherches DNS de l’arbre de la politique ont obtenu une réponse.',
  // ---- dmarc ----
  'dmarc.not-dmarc-record.pass': 'Chaque enregistrement TXT de {name} est un enregistrement DMARC.',
  'dmarc.syntax-error.version':
    '{name} a un enregistrement qui ressemble à DMARC mais ne commence pas exactement par « v=DMARC1 » ({records}) : les destinataires l’ignorent complètement.',
  'dmarc.not-dmarc-record.spf':
    '{name} répond avec un enregistrement SPF ({records}). Ce n’est pas un enregistrement DMARC : il vient presque toujours d’un enregistrement TXT générique (*.{domain}) ou d’un CNAME qui répond pour _dmarc, et les destinataires l’ignorent.',
  'dmarc.not-dmarc-record.other':
    '{name} contient aussi des enregistrements TXT qui ne sont pas DMARC ({records}) : les destinataires les ignorent, mais ils signalent en général un enregistrement générique ou mal placé.',
  'dmarc.syntax-error.invalid':
    'L’enregistrement DMARC de {where} est invalide : les destinataires l’ignorent ({count, plural, one {# erreur} other {# erreurs}} : {issues}).',
  'dmarc.syntax-error.skipped':
    'L’enregistrement DMARC de {where} contient des erreurs que les destinataires sautent ({issues}).{none, plural, =0 {} other { À cause d’elles, les destinataires traitent tout l’enregistrement comme p=none.}}',
  'dmarc.syntax-error.remarks':
    'L’enregistrement DMARC de {where} est valide, avec des remarques ({issues}).',
  'dmarc.syntax-error.pass': 'L’enregistrement DMARC de {where} est bien formé.',
  'dmarc.policy-none.fail':
    'La politique DMARC de {domain} est none{inherited, plural, =0 {} other { (héritée de {where}, balise {tag}{noSp, plural, =0 {} other { (sans sp)}})}}{invalid, plural, =0 {} other {, parce que p, sp ou np est absent ou invalide}} : le courrier falsifié qui se fait passer pour vous est toujours livré. Elle ne vous apporte que des rapports.',
  'dmarc.policy-none.pass-quarantine':
    'La politique DMARC de {domain} est quarantine{inherited, plural, =0 {} other { (héritée de {where}, balise {tag}{noSp, plural, =0 {} other { (sans sp)}})}} : le courrier qui échoue à DMARC est placé en spam ou en quarantaine{testing, plural, =0 {} other { (mais voir t=y : les destinataires appliquent {applied})}}.',
  'dmarc.policy-none.pass-reject':
    'La politique DMARC de {domain} est reject{inherited, plural, =0 {} other { (héritée de {where}, balise {tag}{noSp, plural, =0 {} other { (sans sp)}})}} : le courrier qui échoue à DMARC est refusé{testing, plural, =0 {} other { (mais voir t=y : les destinataires appliquent {applied})}}.',
  'dmarc.policy-quarantine.warn':
    'La politique DMARC de {domain} est quarantine{inherited, plural, =0 {} other { (héritée de {where}, balise {tag}{noSp, plural, =0 {} other { (sans sp)}})}} : le courrier falsifié arrive dans les dossiers de spam, où l’on peut encore l’ouvrir. Avec reject, il est refusé.',
  'dmarc.policy-quarantine.pass':
    'La politique DMARC de {domain} est reject{inherited, plural, =0 {} other { (héritée de {where}, balise {tag}{noSp, plural, =0 {} other { (sans sp)}})}} : le courrier falsifié est refusé.',
  'dmarc.subdomain-policy-weaker.pass':
    'Les sous-domaines de {domain} sont aussi bien protégés que le domaine (sp={sp}, np={np}).',
  'dmarc.subdomain-policy-weaker.sp':
    'Les sous-domaines sont moins protégés que {domain} : les sous-domaines existants ont sp={sp} alors que {domain} a p={p}. Le courrier falsifié venant de noms inventés comme billing.{domain} est traité avec plus d’indulgence.',
  'dmarc.subdomain-policy-weaker.np':
    'Les sous-domaines sont moins protégés que {domain} : les sous-domaines qui n’existent pas ont {npTag}={np} alors que {domain} a p={p}. Le courrier falsifié venant de noms inventés comme billing.{domain} est traité avec plus d’indulgence.',
  'dmarc.subdomain-policy-weaker.both':
    'Les sous-domaines sont moins protégés que {domain} : les sous-domaines existants ont sp={sp} alors que {domain} a p={p} ; les sous-domaines qui n’existent pas ont {npTag}={np} alors que {domain} a p={p}. Le courrier falsifié venant de noms inventés comme billing.{domain} est traité avec plus d’indulgence.',
  'dmarc.subdomain-policy-weaker.not-org':
    '{domain} n’est pas son propre domaine organisationnel (c’est {org}) : les destinataires ignorent les balises sp et np de {where}, et ses sous-domaines reçoivent la politique de {org}.',
  'dmarc.testing-mode.pass': 'La politique DMARC de {domain} n’est pas en mode test.',
  'dmarc.testing-mode.t':
    'La politique DMARC n’est appliquée qu’en partie : t=y demande aux destinataires d’appliquer {applied} au lieu de {p}.',
  'dmarc.testing-mode.pct':
    'La politique DMARC n’est appliquée qu’en partie : avec pct={pct}, les destinataires plus anciens (RFC 7489) n’appliquent {p} qu’à {pct} % du courrier en échec, et une politique plus faible au reste.',
  'dmarc.testing-mode.both':
    'La politique DMARC n’est appliquée qu’en partie : t=y demande aux destinataires d’appliquer {applied} au lieu de {p} ; avec pct={pct}, les destinataires plus anciens (RFC 7489) n’appliquent {p} qu’à {pct} % du courrier en échec, et une politique plus faible au reste.',
  'dmarc.deprecated-tag.pass': 'L’enregistrement DMARC n’utilise aucune balise supprimée par la RFC 9989.',
  'dmarc.deprecated-tag.warn': 'L’enregistrement DMARC utilise ce que la RFC 9989 a supprimé ({removed}).',
  'dmarc.too-many-uris.pass': 'rua et ruf listent chacune deux adresses au plus.',
  'dmarc.too-many-uris.warn':
    '{tag} liste {count} adresses ; les destinataires ne sont tenus d’envoyer les rapports qu’aux deux premières, donc {ignored} risque de ne rien recevoir',
  'dmarc.too-many-uris.warn-both':
    'rua liste {ruaCount} adresses et ruf {rufCount} ; les destinataires ne sont tenus d’envoyer les rapports qu’aux deux premières de chaque liste, donc {ruaIgnored} et {rufIgnored} risquent de ne rien recevoir',
  'dmarc.no-reporting.pass': 'Les rapports agrégés partent vers {addresses}.',
  'dmarc.no-reporting.warn':
    'L’enregistrement DMARC ne demande aucun rapport agrégé (pas de rua valide) : personne ne voit qui envoie du courrier au nom de votre domaine, ni ne remarque quand votre propre courrier commence à échouer à DMARC.',
  'dmarc.external-report-unauthorized.error':
    'Impossible de vérifier si {dest} accepte les rapports DMARC de {policyDomain} ({uses}) : la recherche TXT de {name} a échoué ({failure}).',
  'dmarc.external-report-unauthorized.pass':
    '{dest} accepte les rapports DMARC de {policyDomain} ({uses}) : {name} contient v=DMARC1.',
  'dmarc.external-report-unauthorized.fail':
    'Les rapports de {policyDomain} partent vers le domaine d’une autre organisation, {dest} ({uses}), qui n’a pas publié {name} TXT "v=DMARC1" : les destinataires n’enverront pas ces rapports.',
  'dmarc.report-domain-no-mx.error':
    'Impossible de vérifier si {dest} reçoit du courrier ({uses}) : la recherche MX de {dest} a échoué ({failure}).',
  'dmarc.report-domain-no-mx.null-mx':
    '{dest} publie un MX nul (il n’accepte aucun courrier) : les rapports DMARC qui lui sont adressés ({uses}) ne peuvent pas être livrés.',
  'dmarc.report-domain-no-mx.pass':
    '{dest} a des enregistrements MX : les rapports DMARC ({uses}) peuvent être livrés.',
  'dmarc.report-domain-no-mx.nxdomain':
    '{dest} n’existe pas : les rapports DMARC qui lui sont adressés ({uses}) ne sont jamais livrés.',
  'dmarc.report-domain-no-mx.implicit':
    '{dest} n’a pas d’enregistrement MX ; le courrier qui lui est adressé, rapports DMARC compris ({uses}), part vers sa propre adresse (le MX implicite de la RFC 5321 §5.1), souvent un serveur web qui n’accepte pas de courrier.',
  'dmarc.report-domain-no-mx.implicit-error':
    '{dest} n’a pas d’enregistrement MX, et on ne sait pas s’il a une adresse pour recevoir du courrier : la recherche a échoué ({failure}).',
  'dmarc.report-domain-no-mx.none':
    '{dest} n’a ni enregistrement MX ni adresse : les rapports DMARC qui lui sont adressés ({uses}) ne peuvent pas être livrés.',
  'dmarc.multiple-records.fail':
    '{name} a {count} enregistrements DMARC ; les destinataires les écartent tous, donc votre domaine se comporte comme s’il n’en avait aucun.',
  'dmarc.multiple-records.pass': '{name} a exactement un enregistrement DMARC.',
  'dmarc.dns-error.own':
    'Impossible de déterminer la politique DMARC de {domain} : la recherche TXT de {name} a échoué ({failure}). Cela ne prouve pas que DMARC est absent.',
  'dmarc.dns-error.parent':
    'Impossible de déterminer la politique DMARC de {domain} : la recherche TXT de {name} a échoué ({failure}) ({domain} n’a pas d’enregistrement DMARC à lui, la politique viendrait donc d’un domaine parent). Cela ne prouve pas que DMARC est absent.',
  'dmarc.missing.broken':
    '{domain} n’a aucun enregistrement DMARC utilisable (voir les autres résultats DMARC) et n’en hérite d’aucun : n’importe qui peut envoyer du courrier en se faisant passer pour {domain}, et les destinataires n’ont aucune consigne pour l’arrêter.',
  'dmarc.missing.fail':
    '{domain} n’a pas d’enregistrement DMARC à {name} et n’en hérite d’aucun domaine parent : n’importe qui peut envoyer du courrier en se faisant passer pour {domain}, et les destinataires n’ont aucune consigne pour l’arrêter.',
  'dmarc.missing.own': '{domain} publie son propre enregistrement DMARC. Domaine organisationnel : {org}.',
  'dmarc.missing.inherited':
    '{domain} n’a pas d’enregistrement utilisable à lui et hérite de la politique de {parent} (son domaine organisationnel). Domaine organisationnel : {org}.',
  'dmarc.missing.inherited-psd':
    '{domain} n’a pas d’enregistrement utilisable à lui et hérite de la politique de {parent} (un domaine de suffixe public, psd=y). Domaine organisationnel : {org}.',
  // ---- mta-sts ----
  'mtasts.policy-unreachable.no-address':
    'L’hôte de politique {host} n’a pas d’adresse ({detail}) : aucun expéditeur ne peut récupérer la politique.',
  'mtasts.policy-unreachable.error': 'Impossible de récupérer {url} ({reason}) : {detail}.',
  'mtasts.certificate-invalid.fail':
    'Le certificat de {host} n’est pas valide : {error}. Les expéditeurs ignorent la politique.',
  'mtasts.certificate-invalid.pass': 'Le certificat de {host} est valide pour ce nom et reconnu.',
  'mtasts.policy-unreachable.redirect':
    '{url} a répondu par une redirection vers {location}, que les expéditeurs ne doivent pas suivre.',
  'mtasts.policy-unreachable.redirect-nowhere':
    '{url} a répondu par une redirection, que les expéditeurs ne doivent pas suivre.',
  'mtasts.policy-unreachable.status': '{url} a répondu avec le code {status}.',
  'mtasts.policy-unreachable.pass': '{url} a répondu 200.',
  'mtasts.policy-invalid.too-large':
    'Le fichier de politique dépasse {max} octets : ce n’est pas une politique.',
  'mtasts.policy-invalid.content-type':
    'La politique est servie comme « {type} » ; les expéditeurs exigent text/plain.',
  'mtasts.policy-invalid.no-content-type':
    'La politique est servie sans Content-Type ; les expéditeurs exigent text/plain.',
  'mtasts.policy-invalid.fail':
    'Le fichier de politique est invalide ({count, plural, one {# problème} other {# problèmes}}, voir les preuves). Les expéditeurs l’écartent.',
  'mtasts.policy-invalid.pass': 'Le fichier de politique est valide.',
  'mtasts.testing-mode.enforce': 'La politique est appliquée (mode: enforce).',
  'mtasts.testing-mode.testing':
    'La politique est en mode test : les échecs sont signalés, mais le courrier est toujours livré sans protection.',
  'mtasts.testing-mode.none': 'La politique indique mode: none : MTA-STS est retiré et ne protège rien.',
  'mtasts.mx-mismatch.error':
    'Impossible de lire les enregistrements MX de {domain} ({reason}) pour les comparer à la politique.',
  'mtasts.mx-mismatch.no-mx': '{domain} n’a pas d’enregistrement MX ({outcome}) : aucun hôte MX à comparer.',
  'mtasts.mx-mismatch.null-mx':
    '{domain} publie un MX nul : il ne reçoit pas de courrier, aucun hôte MX n’a donc à correspondre.',
  'mtasts.mx-mismatch.pass':
    'Chaque hôte MX ({hosts}) correspond aux motifs mx de la politique ({patterns}).',
  'mtasts.mx-mismatch.enforce':
    '{count, plural, one {L’hôte MX {hosts} ne correspond} other {Les hôtes MX {hosts} ne correspondent}} à aucun motif mx de la politique ({patterns}). Les expéditeurs qui respectent MTA-STS ne leur livreront pas de courrier.',
  'mtasts.mx-mismatch.testing':
    '{count, plural, one {L’hôte MX {hosts} ne correspond} other {Les hôtes MX {hosts} ne correspondent}} à aucun motif mx de la politique ({patterns}). En mode test, cela n’apparaît que dans les rapports TLS, mais passer en mode enforce maintenant casserait la livraison vers eux.',
  'mtasts.missing.error':
    'Impossible de lire _mta-sts.{domain} TXT ({reason}) : MTA-STS n’a pas pu être vérifié.',
  'mtasts.missing.fail': '{domain} ne publie aucun enregistrement MTA-STS à _mta-sts.{domain}.',
  'mtasts.missing.fail-other':
    '{domain} ne publie aucun enregistrement MTA-STS à _mta-sts.{domain} ({count, plural, one {# enregistrement TXT présent, qui ne commence pas} other {# enregistrements TXT présents, aucun ne commençant}} par « v=STSv1; »).',
  'mtasts.missing.pass': 'Un enregistrement MTA-STS est publié à _mta-sts.{domain}.',
  'mtasts.record-invalid.multiple':
    '{count} enregistrements TXT commencent par v=STSv1 : les expéditeurs ignorent alors complètement MTA-STS.',
  'mtasts.record-invalid.fail':
    'L’enregistrement MTA-STS est invalide ({count, plural, one {# problème} other {# problèmes}}, voir les preuves). Les expéditeurs l’ignorent.',
  'mtasts.record-invalid.pass': 'L’enregistrement MTA-STS est valide (id={id}).',
  'mtasts.max-age-short.warn':
    'max_age vaut {maxAge} s, moins d’une journée : la politique appliquée expire entre deux livraisons.',
  'mtasts.max-age-short.pass': 'max_age vaut {maxAge} s.',
  // ---- tls-rpt, bimi ----
  'tlsrpt.missing.error':
    'Impossible de lire _smtp._tls.{domain} TXT ({reason}) : TLS-RPT n’a pas pu être vérifié.',
  'tlsrpt.missing.fail':
    '{domain} ne publie aucun enregistrement TLS-RPT à _smtp._tls.{domain} : personne ne reçoit les rapports d’échec TLS.',
  'tlsrpt.missing.pass': 'Un enregistrement TLS-RPT est publié à _smtp._tls.{domain}.',
  'tlsrpt.invalid.multiple':
    '{count} enregistrements TXT commencent par v=TLSRPTv1 : les expéditeurs n’envoient alors aucun rapport.',
  'tlsrpt.invalid.fail':
    'L’enregistrement TLS-RPT est invalide ({count, plural, one {# problème} other {# problèmes}}, voir les preuves).',
  'tlsrpt.invalid.pass': 'L’enregistrement TLS-RPT est valide ; les rapports partent vers {addresses}.',
  'bimi.logo-invalid.no-address': 'L’hôte du logo n’a pas d’adresse ({detail}).',
  'bimi.logo-invalid.error': 'Impossible de récupérer le logo {url} ({reason}) : {detail}.',
  'bimi.logo-invalid.certificate': 'Le certificat de l’hôte du logo n’est pas valide : {error}.',
  'bimi.logo-invalid.status': '{url} a répondu avec le code {status} au lieu de 200.',
  'bimi.logo-invalid.too-large': 'Le logo dépasse {max} octets.',
  'bimi.logo-invalid.not-tiny-ps':
    'Le logo n’est pas au format SVG Tiny PS ({count, plural, one {# problème} other {# problèmes}}, voir les preuves).',
  'bimi.logo-invalid.remarks':
    'Le logo respecte les bases de SVG Tiny PS, avec {count, plural, one {# remarque} other {# remarques}} (voir les preuves).',
  'bimi.logo-invalid.pass': 'Le logo est servi en HTTPS valide et respecte les bases de SVG Tiny PS.',
  'bimi.logo-invalid.empty': 'L’enregistrement a un l= vide : il n’y a aucun logo à afficher.',
  'bimi.requires-enforcing-dmarc.error':
    'Impossible de lire {name} TXT : la politique DMARC dont dépend BIMI est inconnue.',
  'bimi.requires-enforcing-dmarc.none-found':
    '{domain} n’a pas de politique DMARC : les destinataires ignorent son enregistrement BIMI.',
  'bimi.requires-enforcing-dmarc.policy':
    'DMARC à {where} n’est pas appliqué : la politique applicable est {policy}{testing, plural, =0 {} other { avec t=y (appliquée comme none)}}. Les destinataires n’affichent pas le logo BIMI.',
  'bimi.requires-enforcing-dmarc.pct':
    'DMARC à {where} n’est pas appliqué : pct={pct} ne l’applique qu’à une partie du courrier. Les destinataires n’affichent pas le logo BIMI.',
  'bimi.requires-enforcing-dmarc.pass': 'DMARC à {where} est appliqué ({policy}).',
  'bimi.missing.error':
    'Impossible de lire default._bimi.{domain} TXT ({reason}) : BIMI n’a pas pu être vérifié.',
  'bimi.missing.none':
    '{domain} ne publie aucun enregistrement BIMI (facultatif) : aucun logo n’apparaît à côté de ses messages.',
  'bimi.missing.pass': 'Un enregistrement BIMI est publié à default._bimi.{domain}.',
  'bimi.invalid.multiple':
    '{count} enregistrements TXT commencent par v=BIMI1 : les destinataires les ignorent tous.',
  'bimi.invalid.fail':
    'L’enregistrement BIMI est invalide ({count, plural, one {# problème} other {# problèmes}}, voir les preuves).',
  'bimi.invalid.declined': 'L’enregistrement BIMI refuse BIMI (l= et a= vides) : aucun logo n’est souhaité.',
  'bimi.invalid.pass': 'L’enregistrement BIMI est valide.',
  'bimi.authority-missing.warn':
    'L’enregistrement n’a pas de preuve d’autorité a= (VMC/CMC) : Gmail et Apple Mail n’afficheront pas le logo.',
  'bimi.authority-missing.pass': 'La preuve d’autorité est publiée à {url}.',
  // ---- dnssec ----
  'dnssec.signed.domain':
    'Le résolveur a validé les enregistrements MX de {name} (bit AD positionné) : la zone est signée et sa chaîne de confiance est intacte.',
  'dnssec.signed.host':
    'Le résolveur a validé l’adresse de l’hôte MX {name} (bit AD positionné) : la zone est signée et sa chaîne de confiance est intacte.',
  'dnssec.unsigned.domain':
    'Le résolveur valide DNSSEC (la clé DNSKEY de {anchor} est revenue authentifiée) mais n’a pas authentifié les enregistrements MX de {name} : la zone n’est pas signée ou n’a pas d’enregistrement DS chez son parent. Les expéditeurs ne peuvent pas détecter de fausses réponses MX pour ce domaine.',
  'dnssec.unsigned.host':
    'Le résolveur valide DNSSEC (la clé DNSKEY de {anchor} est revenue authentifiée) mais n’a pas authentifié l’adresse de l’hôte MX {name} : la zone n’est pas signée ou n’a pas d’enregistrement DS chez son parent. DANE pour SMTP ne peut pas protéger le courrier vers cet hôte.',
  'dnssec.bogus.fail':
    'Le résolveur répond SERVFAIL pour {asked} mais répond quand la vérification est désactivée (CD=1) : les signatures DNSSEC ne se valident pas, donc aucun résolveur validant ne parvient à le résoudre et le courrier est retardé ou renvoyé.',
  'dnssec.unknown.one':
    'Impossible de savoir si {name} est signé : ni {asked} ni la clé DNSKEY d’aucune zone au-dessus jusqu’à la racine ne sont revenus authentifiés ; le résolveur ne valide donc pas DNSSEC (ou n’a pas d’ancre de confiance pour ce nom). Utilisez --resolver avec un résolveur validant.',
  'dnssec.unknown.many':
    'Impossible de savoir si {names} sont signés : aucune réponse pour eux, ni la clé DNSKEY d’aucune zone au-dessus jusqu’à la racine, n’est revenue authentifiée ; le résolveur ne valide donc pas DNSSEC. Utilisez --resolver avec un résolveur validant.',
  'dnssec.dns-error.failed': 'Impossible de lire l’état DNSSEC de {name} : {failure}.',
  'dnssec.dns-error.failed-cd':
    'Impossible de lire l’état DNSSEC de {name} : {failure} ; {asked} avec la vérification désactivée : {cdFailure}.',
  // ---- dkim ----
  'dkim.weak-key.ed25519':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : clé Ed25519 (RFC 8463). Les vérificateurs qui ne gèrent pas Ed25519 ont aussi besoin d’une clé RSA à un autre sélecteur.',
  'dkim.weak-key.too-short':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : clé RSA de {bits} bits{pkcs1, plural, =0 {} other {, publiée en RSAPublicKey {format} brute}}. En dessous de 1024 bits, les vérificateurs rejettent la clé (RFC 8301) et elle peut être factorisée, ce qui permet à n’importe qui de signer du courrier au nom de ce domaine.',
  'dkim.weak-key.minimum':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : clé RSA de {bits} bits{pkcs1, plural, =0 {} other {, publiée en RSAPublicKey {format} brute}}. La RFC 8301 exige au moins 1024 bits et recommande 2048.',
  'dkim.weak-key.pass':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : clé RSA de {bits} bits{pkcs1, plural, =0 {} other {, publiée en RSAPublicKey {format} brute}}.',
  'dkim.unusable-key.service':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : s={services} n’inclut ni email ni *, donc les vérificateurs ignorent cette clé pour le courrier.',
  'dkim.sha1-only.fail':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : h=sha1 n’autorise que SHA-1, que la RFC 8301 interdit aux vérificateurs d’accepter : aucune signature faite avec cette clé ne se vérifie.',
  'dkim.unusable-key.hash':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : h={hashes} ne cite aucun algorithme de hachage que les vérificateurs gèrent (sha256).',
  'dkim.testing.warn':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : t=y marque la clé comme en test, donc les vérificateurs traitent le courrier signé comme du courrier non signé.',
  'dkim.syntax-error.invalid':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : l’enregistrement de clé est invalide ({count, plural, one {# problème} other {# problèmes}}, voir les preuves). Toutes les signatures faites avec ce sélecteur échouent.',
  'dkim.revoked.warn':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : la clé est révoquée (p= vide). Le courrier encore signé avec ce sélecteur échoue à DKIM ; c’est sans conséquence si plus rien ne l’utilise.',
  'dkim.unusable-key.key-type':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : k={keyType} n’est pas un type de clé connu des vérificateurs (rsa, ed25519), ils ne peuvent donc pas vérifier avec.',
  'dkim.syntax-error.multiple':
    'Sélecteur {selector}{aliased, plural, =0 {} other { (via le CNAME → {alias})}} : {count} enregistrements de clé au même nom ; les vérificateurs peuvent utiliser n’importe lequel (RFC 6376 §3.6.2.2), donc les signatures échouent de façon imprévisible.',
  'dkim.wildcard.error':
    'Impossible de tester la présence d’un enregistrement générique : la recherche du sélecteur aléatoire {selector} a échoué ({reason} : {detail}). Les clés trouvées ci-dessous peuvent être des réponses d’un enregistrement générique.',
  'dkim.wildcard.pass':
    'Pas d’enregistrement générique : le sélecteur aléatoire {selector} n’a pas de clé, donc chaque clé trouvée est publiée à son propre nom.',
  'dkim.wildcard.warn':
    'Le sélecteur aléatoire {selector} a renvoyé un enregistrement de clé DKIM : un enregistrement générique répond pour tous les sélecteurs, donc trouver une clé ne montre pas quels sélecteurs sont utilisés.{echoCount, plural, =0 { Aucun sélecteur essayé n’a reçu l’enregistrement générique.} other { Résultats peu fiables (ils reçoivent l’enregistrement générique) : {echoes}.}}{ownCount, plural, =0 {} other { Sélecteurs qui ont leur propre enregistrement, différent : {own}.}}',
  'dkim.dns-error.one':
    'Sélecteur {selector} : la recherche TXT de {name} a échoué ({reason} : {detail}) ; on ne sait donc pas s’il contient une clé.',
  'dkim.dns-error.grouped':
    '{count} recherches de sélecteurs ont échoué ({reason}) ; on ne sait donc pas s’ils contiennent des clés. La première : {detail}.',
  'dkim.key-found.pass':
    'Enregistrements de clé DKIM trouvés à {count, plural, one {# sélecteur} other {# sélecteurs}} : {selectors}.{failed, plural, =0 {} one { # sélecteur n’a pas pu être interrogé (voir dkim.dns-error).} other { # sélecteurs n’ont pas pu être interrogés (voir dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME vers un nom qui n’existe pas : {dangling}{microsoft, plural, =0 {} other { (Microsoft 365 : la signature DKIM n’est pas encore activée pour ce domaine)}}.}}{rejectedCount, plural, =0 {} other { Ignorés car ce ne sont pas des sélecteurs valides : {rejected}.}}{pruned, plural, =0 {} other { {prunedName} n’existe pas (NXDOMAIN), donc aucun sélecteur ne peut exister en dessous (RFC 8020 §2) ; seuls vos sélecteurs et les plus courants ont encore été essayés, au cas où le serveur de noms répondrait NXDOMAIN à tort.}}',
  'dkim.none-found.error':
    'Impossible de chercher les clés DKIM : les {count} recherches de sélecteurs ont toutes échoué.{failed, plural, =0 {} one { # sélecteur n’a pas pu être interrogé (voir dkim.dns-error).} other { # sélecteurs n’ont pas pu être interrogés (voir dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME vers un nom qui n’existe pas : {dangling}{microsoft, plural, =0 {} other { (Microsoft 365 : la signature DKIM n’est pas encore activée pour ce domaine)}}.}}{rejectedCount, plural, =0 {} other { Ignorés car ce ne sont pas des sélecteurs valides : {rejected}.}}{pruned, plural, =0 {} other { {prunedName} n’existe pas (NXDOMAIN), donc aucun sélecteur ne peut exister en dessous (RFC 8020 §2) ; seuls vos sélecteurs et les plus courants ont encore été essayés, au cas où le serveur de noms répondrait NXDOMAIN à tort.}}',
  'dkim.none-found.warn':
    'Aucune clé DKIM trouvée parmi {count, plural, one {le # sélecteur essayé} other {les # sélecteurs essayés}}.{wildcard, plural, =0 {} other { Seul l’enregistrement générique a répondu (voir dkim.wildcard).}} Cela ne prouve pas que le domaine ne signe pas : les sélecteurs ne peuvent pas être listés, et un expéditeur peut en utiliser un autre. Indiquez la valeur s= d’un en-tête DKIM-Signature avec --dkim-selector.{failed, plural, =0 {} one { # sélecteur n’a pas pu être interrogé (voir dkim.dns-error).} other { # sélecteurs n’ont pas pu être interrogés (voir dkim.dns-error).}}{danglingCount, plural, =0 {} other { CNAME vers un nom qui n’existe pas : {dangling}{microsoft, plural, =0 {} other { (Microsoft 365 : la signature DKIM n’est pas encore activée pour ce domaine)}}.}}{rejectedCount, plural, =0 {} other { Ignorés car ce ne sont pas des sélecteurs valides : {rejected}.}}{pruned, plural, =0 {} other { {prunedName} n’existe pas (NXDOMAIN), donc aucun sélecteur ne peut exister en dessous (RFC 8020 §2) ; seuls vos sélecteurs et les plus courants ont encore été essayés, au cas où le serveur de noms répondrait NXDOMAIN à tort.}}',
};
