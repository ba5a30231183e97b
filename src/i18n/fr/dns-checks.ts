// French titles, descriptions and fixes of the DNS checks (mx, spf, dmarc, dkim, mta-sts, tls-rpt, bimi,
// dnssec), keyed by check ID. Records and commands to type stay exactly as in the English CheckMeta.

import type { CheckTexts } from '../fr-checks.js';

export const frDnsChecks: Readonly<Record<string, CheckTexts>> = {
  // ---- mx ----
  'mx.dns-error': {
    title: 'La recherche MX a échoué',
    description:
      'La question MX pour le domaine n’a pas obtenu de réponse exploitable (délai dépassé, SERVFAIL, REFUSED…). Les serveurs expéditeurs qui rencontrent la même panne gardent le courrier en file d’attente et réessaient, puis le renvoient à l’expéditeur au bout de quelques jours. Les autres contrôles MX ne peuvent pas s’exécuter : le résultat est « erreur » et aucun autre verdict MX n’est donné.',
    remediation:
      'Vérifiez que chaque serveur de noms du domaine répond (`dig +norec example.com MX @ns1.example.com`), que la zone se charge sans erreur et, avec DNSSEC, que les signatures sont valides et que l’enregistrement DS correspond.',
  },
  'mx.missing': {
    title: 'Le domaine ne publie aucun enregistrement MX',
    description:
      'Les serveurs de messagerie trouvent où livrer le courrier d’un domaine grâce à ses enregistrements MX. S’il n’y en a aucun, la RFC 5321 §5.1 demande aux expéditeurs de se rabattre sur l’adresse du domaine lui-même (ses enregistrements A/AAAA), comme s’il existait un MX de préférence 0 désignant le domaine. Si le domaine n’a ni MX ni adresse, ou n’existe pas, tout message qui lui est envoyé est renvoyé à l’expéditeur : résultat « échec ». S’il a une adresse, le courrier part vers cette machine, le plus souvent le serveur web, qui accepte rarement du courrier : résultat « avertissement », car c’est presque toujours une erreur. Si la recherche d’adresse échoue, le résultat est « erreur » : on ne peut pas dire où irait le courrier. Un domaine qui ne doit recevoir aucun courrier doit le dire par un MX nul (voir mx.null) plutôt que de ne rien publier.',
    remediation:
      'Publiez un enregistrement MX qui désigne votre serveur de messagerie (un nom d’hôte qui a des enregistrements A et/ou AAAA) :\n  example.com.  3600  IN  MX  10 mail.example.com.\n  mail.example.com.  3600  IN  A  203.0.113.25\nSi le domaine ne reçoit jamais de courrier, publiez plutôt un MX nul :\n  example.com.  3600  IN  MX  0 .',
  },
  'mx.null': {
    title: 'MX nul : le domaine déclare n’accepter aucun courrier',
    description:
      'Un MX nul (`MX 0 .`, RFC 7505) déclare qu’un domaine n’accepte aucun courrier : les expéditeurs renvoient le message tout de suite au lieu de le garder en file d’attente et de réessayer pendant des jours. C’est correct pour un domaine qui n’héberge qu’un site web ou qui ne fait qu’envoyer : résultat « réussite ». La RFC 7505 §3 impose qu’un MX nul soit le seul enregistrement MX du domaine ; mélangé à d’autres MX, le message est contradictoire et les expéditeurs réagissent de façon imprévisible : résultat « échec ». Un MX nul avec une préférence autre que 0 donne un avertissement : la RFC le définit comme exactement `0 .`.',
    remediation:
      'Si le domaine doit recevoir du courrier, supprimez le MX nul et gardez les vrais enregistrements MX :\n  example.com.  3600  IN  MX  10 mail.example.com.\nS’il ne doit recevoir aucun courrier, gardez seulement :\n  example.com.  3600  IN  MX  0 .',
  },
  'mx.ip-literal': {
    title: 'Un enregistrement MX désigne une adresse IP au lieu d’un nom d’hôte',
    description:
      'Un enregistrement MX doit désigner un nom d’hôte, jamais une adresse (RFC 5321 §5.1). Un expéditeur prend « 192.0.2.1 » dans un MX pour un nom d’hôte, le cherche dans le DNS, ne trouve rien et ne peut pas livrer par cet enregistrement.',
    remediation:
      'Donnez au serveur de messagerie un nom avec un enregistrement d’adresse, et indiquez ce nom dans le MX :\n  mail.example.com.  3600  IN  A  203.0.113.25\n  example.com.  3600  IN  MX  10 mail.example.com.',
  },
  'mx.unresolvable': {
    title: 'Un hôte MX n’a pas d’adresse',
    description:
      'Chaque hôte désigné par un enregistrement MX a besoin d’un enregistrement A ou AAAA pour que les expéditeurs puissent s’y connecter. Un hôte qui n’existe pas (NXDOMAIN) ou qui n’a ni l’un ni l’autre donne un échec : de gravité élevée quand aucun hôte MX n’a d’adresse (le courrier ne peut pas être livré du tout), moyenne quand un autre hôte prend encore le courrier. Quand les recherches d’adresse échouent (délai dépassé, SERVFAIL…), le résultat est « erreur », avec l’hôte et la cause : nous n’avons pas pu vérifier, donc nous ne disons pas que c’est cassé.',
    remediation:
      'Publiez l’adresse de chaque hôte MX, ou supprimez les enregistrements MX des hôtes qui n’existent plus :\n  mail.example.com.  3600  IN  A     203.0.113.25\n  mail.example.com.  3600  IN  AAAA  2001:db8::25',
  },
  'mx.cname': {
    title: 'Un enregistrement MX pointe vers un alias (CNAME)',
    description:
      'L’hôte désigné par un enregistrement MX doit avoir ses propres enregistrements A/AAAA : la RFC 2181 §10.3 interdit de faire pointer un MX vers un alias, et la RFC 5321 §5.1 précise que le nom ne doit pas être un CNAME. La plupart des expéditeurs suivent quand même l’alias, mais certains le refusent, et la recherche supplémentaire fait dépendre la livraison d’une zone de plus. Un avertissement est donné pour chaque hôte MX atteint par un CNAME.',
    remediation:
      'Faites pointer le MX vers le nom canonique (la fin de la chaîne de CNAME), ou remplacez le CNAME par des enregistrements A/AAAA :\n  example.com.  3600  IN  MX  10 mail.provider.example.\nou\n  mail.example.com.  3600  IN  A  203.0.113.25',
  },
  'mx.duplicate-priority': {
    title: 'Des enregistrements MX partagent une préférence ou répètent un hôte',
    description:
      'Plusieurs enregistrements MX de même préférence font du partage de charge : la RFC 5321 §5.1 demande aux expéditeurs de choisir parmi eux au hasard, ce qui est légitime et courant ; le résultat est donc « réussite », avec une explication. Le même hôte cité deux fois donne un avertissement : la répétition n’apporte aucune redondance et cache souvent une faute de frappe ou un serveur de secours oublié.',
    remediation:
      'Citez chaque serveur de messagerie une seule fois. Pour un serveur principal et un serveur de secours, donnez-leur des préférences différentes :\n  example.com.  3600  IN  MX  10 mx1.example.com.\n  example.com.  3600  IN  MX  20 mx2.example.com.',
  },
  'mx.private-address': {
    title: 'Un hôte MX a une adresse privée ou non routable',
    description:
      'L’adresse d’un hôte MX doit être joignable depuis internet. Les adresses privées (RFC 1918, unique-local), de bouclage, lien-local, non spécifiées, partagées (100.64.0.0/10), multicast, de diffusion, de test de performance, réservées et des autres blocs non globaux des registres IANA d’adresses à usage spécial (RFC 6890 et suivantes) sont injoignables pour les expéditeurs, et les publier révèle à tous le plan d’adressage du réseau interne : résultat « échec ». Les blocs de documentation (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20) sont traités comme publics : ils n’apparaissent jamais sur le vrai internet, et le laboratoire de telltale s’en sert pour représenter des hôtes publics. Les adresses NAT64 (64:ff9b::/96), 6to4 et Teredo sont aussi acceptées : un résolveur DNS64 sur le réseau d’où part l’analyse fabrique lui-même des adresses NAT64. Si une recherche d’adresse échoue, le résultat est « erreur ».',
    remediation:
      'Publiez l’adresse publique que le pare-feu redirige vers le serveur de messagerie sur le port 25, et gardez les adresses internes dans une vue DNS interne :\n  mail.example.com.  3600  IN  A  203.0.113.25',
  },
  'mx.no-ipv6': {
    title: 'Aucun hôte MX n’a d’adresse IPv6',
    description:
      'Quand aucun hôte MX n’a d’enregistrement AAAA, les expéditeurs qui n’ont que l’IPv6 ne peuvent pas livrer de courrier. Ils sont encore peu nombreux : c’est un avertissement de faible gravité, et le contrôle réussit dès qu’un hôte MX a une adresse IPv6. Si une recherche AAAA échoue et qu’aucun hôte n’a d’IPv6 connue, le résultat est « erreur ».',
    remediation:
      'Donnez à au moins un hôte MX une adresse IPv6 qui accepte les connexions sur le port 25 :\n  mail.example.com.  3600  IN  AAAA  2001:db8::25',
  },
  // ---- spf ----
  'spf.missing': {
    title: 'Pas d’enregistrement SPF',
    description:
      'Sans enregistrement TXT v=spf1, les destinataires ne peuvent pas distinguer les serveurs du domaine de n’importe qui d’autre : les adresses MAIL FROM falsifiées obtiennent le résultat SPF « none » et DMARC ne peut pas s’appuyer sur l’alignement SPF. Élevée : c’est la première chose que regardent les usurpateurs et les filtres anti-spam.',
    remediation:
      'Publiez un enregistrement TXT sur le domaine qui liste les serveurs qui envoient son courrier, par exemple\n  example.com. TXT "v=spf1 mx include:spf.protection.outlook.com -all"\nUn domaine qui n’envoie aucun courrier publie : example.com. TXT "v=spf1 -all"',
  },
  'spf.multiple-records': {
    title: 'Plus d’un enregistrement SPF',
    description:
      'Deux enregistrements TXT ou plus commencent par v=spf1 : tous les destinataires renvoient permerror, donc aucun ne s’applique et DMARC voit SPF échouer. Élevée : cela désactive SPF sans bruit.',
    remediation:
      'Fusionnez les enregistrements en un seul : gardez un unique enregistrement TXT « v=spf1 … -all » qui contient tous les mécanismes.',
  },
  'spf.syntax-error': {
    title: 'Erreur de syntaxe dans l’enregistrement SPF',
    description:
      'Un terme que la grammaire de la RFC 7208 n’autorise pas fait de tout l’enregistrement un permerror chez chaque destinataire, y compris pour les termes situés avant l’erreur. Élevée : SPF ne protège plus le domaine.',
    remediation:
      'Corrigez le terme indiqué dans le résultat (orthographe du mécanisme, adresse, nom de domaine) et republiez l’enregistrement.',
  },
  'spf.too-many-lookups': {
    title: 'Plus de 10 termes qui interrogent le DNS',
    description:
      'Les destinataires s’arrêtent après 10 termes qui coûtent une recherche DNS (include, a, mx, ptr, exists, redirect, comptés sur tout l’arbre des include) et renvoient permerror : le courrier légitime échoue à SPF. Élevée : les fournisseurs ajoutent des include sans prévenir et l’enregistrement casse sans que personne ne le voie.',
    remediation:
      'Supprimez les include de services que vous n’utilisez plus, remplacez les termes a/mx de vos propres hôtes par des plages ip4:/ip6:, et demandez à vos fournisseurs des include plus ciblés. Gardez un total de 10 au plus (idéalement 8, pour garder de la marge).',
  },
  'spf.too-many-void-lookups': {
    title: 'Plus de 2 recherches DNS vides',
    description:
      'Les termes dont le nom répond NXDOMAIN ou sans aucun enregistrement sont des « recherches vides » ; les destinataires qui suivent la RFC 7208 renvoient permerror au-delà de la deuxième. Moyenne : cela dépend du destinataire, et ces noms périmés signalent aussi des hôtes oubliés que quelqu’un d’autre pourrait enregistrer.',
    remediation:
      'Supprimez les termes a:, mx:, exists: et include: qui désignent des hôtes ou des domaines qui n’existent plus.',
  },
  'spf.include-loop': {
    title: 'Boucle include/redirect',
    description:
      'Un enregistrement inclut un domaine (ou redirige vers lui) qui ramène à lui-même : l’évaluation tourne jusqu’à la limite de recherches et se termine en permerror. Élevée : SPF ne réussit jamais.',
    remediation: 'Supprimez le include: ou le redirect= qui renvoie vers le haut de la chaîne.',
  },
  'spf.include-missing': {
    title: 'include/redirect vers un domaine sans SPF',
    description:
      'include: ou redirect= désigne un domaine qui n’existe pas ou qui ne publie pas d’enregistrement SPF : les destinataires renvoient permerror pour chaque message qui atteint ce terme. Élevée : le courrier légitime échoue, et un domaine de fournisseur expiré peut être enregistré par quelqu’un d’autre.',
    remediation:
      'Supprimez le terme, ou corrigez le nom de domaine pour celui que documente votre fournisseur.',
  },
  'spf.all-pass': {
    title: 'SPF accepte n’importe quel hôte (+all)',
    description:
      '+all (ou ip4:0.0.0.0/0, ip6:::/0), dans l’enregistrement ou dans un enregistrement qu’il inclut, fait réussir SPF pour n’importe quel serveur sur internet. Critique : le courrier falsifié passe SPF et peut passer DMARC.',
    remediation:
      'Terminez l’enregistrement par -all (ou ~all le temps d’observer les rapports DMARC) : "v=spf1 mx … -all".',
  },
  'spf.all-neutral': {
    title: 'SPF se termine par ?all',
    description:
      '?all donne « neutral » aux expéditeurs non listés, ce que les destinataires traitent comme une absence de politique. Moyenne : SPF liste les serveurs mais ne fait rien contre les usurpateurs.',
    remediation: 'Remplacez ?all par -all (ou ~all le temps d’observer les rapports DMARC).',
  },
  'spf.no-all': {
    title: 'L’enregistrement SPF n’a ni all ni redirect',
    description:
      'Quand rien ne correspond et qu’il n’y a ni all ni redirect=, le résultat est « neutral » : les expéditeurs non listés ne sont pas refusés. Moyenne : la même faiblesse que ?all, le plus souvent par oubli.',
    remediation: 'Terminez l’enregistrement par -all (ou ~all le temps d’observer les rapports DMARC).',
  },
  'spf.ptr-used': {
    title: 'Mécanisme ptr utilisé',
    description:
      'ptr est lent, peu fiable et charge le DNS inverse de l’expéditeur ; la RFC 7208 recommande de ne pas l’utiliser (SHOULD NOT) et certains destinataires l’ignorent. Faible : le courrier peut échouer à SPF quand ptr était la seule correspondance.',
    remediation: 'Remplacez ptr par des plages ip4:/ip6: ou par les noms a: de vos hôtes d’envoi.',
  },
  'spf.redirect-ignored': {
    title: 'redirect= ignoré à cause de all',
    description:
      'Un enregistrement qui contient un mécanisme all n’atteint jamais son redirect= (all correspond toujours avant). Faible : la politique de redirection que le propriétaire voulait appliquer ne s’applique pas.',
    remediation:
      'Gardez l’un des deux : supprimez le terme all pour utiliser la redirection, ou supprimez redirect= si all est la fin voulue.',
  },
  'spf.record-too-long': {
    title: 'Enregistrement SPF de plus de 450 octets',
    description:
      'La RFC 7208 conseille de garder l’enregistrement assez petit pour que la réponse DNS tienne dans une réponse UDP de 512 octets ; au-delà, il faut TCP ou EDNS, qui échouent sur certains chemins et donnent temperror. Faible : la plupart des résolveurs s’en sortent.',
    remediation:
      'Regroupez les plages ip4: en préfixes plus larges, ou déplacez-en une partie dans un enregistrement include:_spf.example.com.',
  },
  'spf.spf-rr-type': {
    title: 'Type d’enregistrement SPF (99) abandonné',
    description:
      'La RFC 7208 a abandonné le type d’enregistrement SPF ; les destinataires ne lisent que les TXT. Faible : sans effet s’il est identique au TXT, trompeur quand les deux divergent.',
    remediation: 'Supprimez l’enregistrement de type SPF et gardez seulement l’enregistrement TXT.',
  },
  'spf.too-many-mx-names': {
    title: 'Le terme mx rencontre plus de 10 noms MX',
    description:
      'Un terme mx ne peut pas examiner plus de 10 enregistrements MX ; au-delà, les destinataires renvoient permerror. Élevée : SPF casse pour tout le courrier.',
    remediation:
      'Remplacez le terme mx par les plages ip4:/ip6: des hôtes qui envoient réellement le courrier.',
  },
  'spf.split-mistake': {
    title: 'Enregistrement découpé en chaînes au mauvais endroit',
    description:
      'Les chaînes d’un enregistrement TXT sont collées bout à bout sans rien entre elles : une frontière de chaîne sans espace soude deux termes en un seul (souvent invalide), et un espace mal placé en coupe un. Élevée : l’enregistrement est cassé ou dit autre chose que prévu.',
    remediation:
      'Republiez l’enregistrement pour que chaque chaîne se termine par un espace après un terme complet : "v=spf1 ip4:192.0.2.1 " "include:… -all".',
  },
  'spf.dns-error': {
    title: 'Erreur DNS à la lecture de la politique SPF',
    description:
      'Une recherche nécessaire pour évaluer la politique a dépassé le délai ou échoué : les destinataires qui rencontrent la même panne obtiennent temperror et diffèrent le courrier ou l’acceptent sans contrôle. Résultat « erreur » : les règles qui en dépendent n’ont pas pu être évaluées.',
    remediation:
      'Vérifiez les serveurs de noms du domaine indiqué dans le résultat (ils doivent répondre aux requêtes TXT, A et MX).',
  },
  // ---- dmarc ----
  'dmarc.missing': {
    title: 'Pas d’enregistrement DMARC',
    description:
      'Sans enregistrement DMARC à _dmarc.<domaine> (ni hérité du domaine organisationnel), les destinataires n’ont aucune consigne de votre part pour le courrier qui échoue à SPF et DKIM : n’importe qui peut envoyer du courrier qui prétend venir de votre domaine.',
    remediation:
      'Publiez un enregistrement DMARC, d’abord avec p=none le temps de lire les rapports, puis passez à p=reject : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.multiple-records': {
    title: 'Plus d’un enregistrement DMARC',
    description:
      'Quand _dmarc.<domaine> contient plus d’un enregistrement commençant par v=DMARC1, les destinataires les écartent tous : le domaine se comporte comme s’il n’avait aucun enregistrement DMARC.',
    remediation:
      'Gardez exactement un enregistrement TXT à _dmarc.<domaine> qui commence par v=DMARC1, par exemple _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.syntax-error': {
    title: 'Problèmes de syntaxe dans l’enregistrement DMARC',
    description:
      'Un enregistrement DMARC doit commencer par v=DMARC1 (exactement, en majuscules) et contenir des paires balise=valeur séparées par « ; ». Les destinataires ignorent les balises invalides, se rabattent sur p=none quand p, sp ou np est invalide, et ignorent tout l’enregistrement quand une balise est répétée ou que la version est fausse.',
    remediation:
      'Réécrivez l’enregistrement avec des balises valides uniquement, par exemple _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.policy-none': {
    title: 'Politique DMARC à none (surveillance seule)',
    description:
      'p=none demande aux destinataires de ne rien faire du courrier qui échoue à DMARC : le courrier usurpant votre identité est toujours livré. Cette valeur est prévue pour une courte phase de surveillance, le temps de lire les rapports agrégés.',
    remediation:
      'Quand les rapports montrent que votre propre courrier passe, changez la politique en reject : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.policy-quarantine': {
    title: 'Politique DMARC à quarantine, pas reject',
    description:
      'p=quarantine envoie le courrier falsifié dans les dossiers de spam ou de courrier indésirable, où les gens le trouvent et l’ouvrent encore. p=reject le fait refuser purement et simplement.',
    remediation:
      'Quand les rapports ne montrent plus de courrier légitime en échec, passez à reject : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.subdomain-policy-weaker': {
    title: 'Politique des sous-domaines plus faible que celle du domaine',
    description:
      'sp (sous-domaines existants) ou np (sous-domaines qui n’existent pas) demande moins que p : un attaquant peut alors envoyer du courrier au nom de n’importe-quoi.<domaine>, auquel la plupart des gens font autant confiance qu’au domaine lui-même.',
    remediation:
      'Supprimez sp et np (ils valent p par défaut), ou rendez-les aussi stricts que p : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.testing-mode': {
    title: 'Politique DMARC en mode test',
    description:
      't=y demande aux destinataires d’appliquer un niveau de moins que la politique (reject devient quarantine, quarantine devient none) ; pct inférieur à 100, supprimé par la RFC 9989, fait encore appliquer la politique à une partie seulement du courrier en échec par les destinataires RFC 7489.',
    remediation:
      'Supprimez t=y et pct une fois les essais terminés : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.no-reporting': {
    title: 'Aucun rapport DMARC agrégé demandé',
    description:
      'Sans adresse rua valide, personne ne reçoit les rapports agrégés quotidiens : personne ne voit qui envoie du courrier au nom de votre domaine, ni ne remarque quand votre propre courrier commence à échouer.',
    remediation:
      'Ajoutez une adresse rua que vous lisez (ou celle d’un service de rapports DMARC) : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.external-report-unauthorized': {
    title: 'Adresse de rapport externe non autorisée',
    description:
      'Les destinataires n’envoient des rapports à une adresse d’un autre domaine organisationnel que si ce domaine publie <votre domaine>._report._dmarc.<son domaine> TXT "v=DMARC1" (un enregistrement générique *._report._dmarc.<son domaine> convient aussi). Sans cela, les rapports ne partent pas, sans aucun message.',
    remediation:
      'Demandez au destinataire des rapports de publier example.com._report._dmarc.reports.example.net TXT "v=DMARC1", ou utilisez une adresse rua de votre propre domaine.',
  },
  'dmarc.report-domain-no-mx': {
    title: 'L’adresse de rapport DMARC ne peut pas recevoir de courrier',
    description:
      'Le domaine d’une adresse mailto: de rua/ruf n’a pas d’enregistrement MX (ou a un MX nul) : les rapports qui lui sont envoyés ne peuvent pas être livrés.',
    remediation:
      'Utilisez une adresse de rapport dont le domaine reçoit du courrier (a un enregistrement MX), ou ajoutez l’enregistrement MX.',
  },
  'dmarc.too-many-uris': {
    title: 'Plus de deux adresses de rapport',
    description:
      'Les destinataires ne sont tenus d’envoyer les rapports qu’à deux adresses par balise ; les adresses au-delà de la deuxième risquent de ne rien recevoir.',
    remediation: 'Gardez au plus deux adresses dans rua et dans ruf, la plus importante en premier.',
  },
  'dmarc.deprecated-tag': {
    title: 'Balises supprimées par la RFC 9989',
    description:
      'La RFC 9989 a supprimé pct, rf, ri et le suffixe !taille des adresses de rapport. Les nouveaux destinataires les ignorent, les plus anciens en tiennent encore compte : l’enregistrement ne veut donc pas dire la même chose pour tous.',
    remediation:
      'Supprimez pct, rf, ri et tout suffixe !taille : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.dns-error': {
    title: 'La recherche DMARC a échoué',
    description:
      'Une requête DNS nécessaire pour trouver la politique DMARC a échoué (délai dépassé, SERVFAIL, refus). Les destinataires qui rencontrent la même panne peuvent traiter votre courrier de façon incohérente ; telltale n’a pas pu évaluer la politique.',
    remediation:
      'Vérifiez que les serveurs de noms de votre domaine répondent vite et correctement aux requêtes TXT pour _dmarc.<domaine>.',
  },
  'dmarc.not-dmarc-record': {
    title: 'Un enregistrement TXT non DMARC répond à _dmarc',
    description:
      'Un enregistrement TXT à _dmarc.<domaine> qui ne commence pas par v=DMARC1 est ignoré par les destinataires. Un enregistrement SPF (v=spf1) à cet endroit vient presque toujours d’un TXT générique (*.<domaine>) ou d’un CNAME qui répond pour _dmarc : ce n’est pas un enregistrement DMARC.',
    remediation:
      'Publiez un enregistrement DMARC explicite à _dmarc.<domaine> (ce qui empêche aussi l’enregistrement générique d’y répondre) : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  // ---- dkim ----
  'dkim.key-found': {
    title: 'Clés DKIM trouvées',
    description:
      'Liste les sélecteurs où un enregistrement de clé DKIM a été trouvé. Les sélecteurs ne peuvent pas être listés depuis le DNS : seuls ceux donnés avec --dkim-selector et une liste intégrée de sélecteurs courants sont examinés.',
    remediation:
      'Rien à faire. Indiquez vos autres sélecteurs avec --dkim-selector pour que leurs clés soient aussi vérifiées.',
  },
  'dkim.none-found': {
    title: 'Aucune clé DKIM trouvée aux sélecteurs essayés',
    description:
      'Aucun des sélecteurs essayés n’a d’enregistrement de clé DKIM. Cela ne prouve pas que le domaine ne signe pas : les sélecteurs ne peuvent pas être listés, et un expéditeur peut utiliser un sélecteur que personne n’a deviné. Jamais signalé comme un échec.',
    remediation:
      'Regardez l’en-tête DKIM-Signature d’un message que vous avez envoyé (la balise s= est le sélecteur) et relancez avec --dkim-selector <s>. Si rien ne signe votre courrier, activez DKIM dans chaque service qui envoie pour vous. Publiez la clé en TXT à <selector>._domainkey.<domain> : "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" (découpée en chaînes de 255 octets ; les vérificateurs les recollent sans espace).',
  },
  'dkim.weak-key': {
    title: 'Clé DKIM trop courte',
    description:
      'Les clés RSA de moins de 1024 bits peuvent être factorisées et ne sont pas acceptées par les vérificateurs (la RFC 8301 exige au moins 1024 bits) ; les clés de 1024 bits se vérifient encore, mais la RFC 8301 recommande 2048. La taille est lue dans la clé elle-même.',
    remediation:
      'Générez une paire de clés RSA de 2048 bits (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048), publiez la clé publique à un NOUVEAU sélecteur, faites signer avec elle, attendez que les anciennes signatures ne servent plus, puis révoquez l’ancien sélecteur avec "v=DKIM1; p=". Microsoft 365, dans Exchange Online PowerShell : Rotate-DkimSigningConfig -KeySize 2048 -Identity example.com (les CNAME restent tels quels).',
  },
  'dkim.revoked': {
    title: 'Clé DKIM révoquée',
    description:
      'L’enregistrement de clé a un p= vide, ce qui révoque la clé : toutes les signatures faites avec ce sélecteur échouent. C’est la bonne façon de terminer une rotation de clé, et un problème seulement si quelque chose signe encore avec ce sélecteur.',
    remediation:
      'Si un service signe encore avec ce sélecteur, publiez-y sa clé publique actuelle ou faites-le passer à un sélecteur qui en a une. Publiez la clé en TXT à <selector>._domainkey.<domain> : "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" (découpée en chaînes de 255 octets ; les vérificateurs les recollent sans espace).',
  },
  'dkim.testing': {
    title: 'Clé DKIM en mode test (t=y)',
    description:
      'Avec t=y, les vérificateurs doivent traiter le courrier signé comme du courrier non signé : la signature n’apporte aucune protection.',
    remediation: 'Quand la signature fonctionne, retirez y de la balise t= : "v=DKIM1; k=rsa; p=<key>".',
  },
  'dkim.syntax-error': {
    title: 'Enregistrement de clé DKIM invalide',
    description:
      'Les vérificateurs ne peuvent pas utiliser l’enregistrement de clé : liste de balises incorrecte, v= autre que DKIM1 ou pas en premier, p= absent, données de clé qui ne se décodent pas, ou plusieurs enregistrements de clé au même nom. Toutes les signatures qui s’en servent échouent.',
    remediation:
      'Publiez la clé en TXT à <selector>._domainkey.<domain> : "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" (découpée en chaînes de 255 octets ; les vérificateurs les recollent sans espace).',
  },
  'dkim.sha1-only': {
    title: 'Clé DKIM limitée à SHA-1',
    description:
      'L’enregistrement de clé se limite à h=sha1, et la RFC 8301 interdit aux vérificateurs d’accepter les signatures rsa-sha1 : aucune signature faite avec cette clé ne se vérifie.',
    remediation: 'Signez en rsa-sha256 et supprimez la balise h= (ou mettez h=sha256).',
  },
  'dkim.unusable-key': {
    title: 'Clé DKIM inutilisable pour le courrier',
    description:
      'Les vérificateurs ignorent cette clé pour le courrier : son type k= ne fait pas partie de ceux qu’ils connaissent (rsa, ed25519), son type de service s= n’inclut ni email ni *, ou h= ne cite aucun algorithme de hachage qu’ils gèrent.',
    remediation:
      'Utilisez k=rsa (ou k=ed25519 à côté d’une clé RSA), et supprimez s= ou mettez s=email. Publiez la clé en TXT à <selector>._domainkey.<domain> : "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" (découpée en chaînes de 255 octets ; les vérificateurs les recollent sans espace).',
  },
  'dkim.wildcard': {
    title: 'Un joker répond à tous les sélecteurs DKIM',
    description:
      'Un sélecteur aléatoire que personne n’utilise a renvoyé un enregistrement de clé : un enregistrement générique publie donc une clé à chaque sélecteur. On ne peut pas savoir par le DNS quels sélecteurs sont vraiment utilisés, et les résultats des sélecteurs qui reçoivent l’enregistrement générique ne sont pas fiables.',
    remediation:
      'Supprimez l’enregistrement générique sous _domainkey (ou celui du domaine qui l’atteint) et publiez chaque clé à son propre sélecteur.',
  },
  'dkim.dns-error': {
    title: 'Le sélecteur DKIM n’a pas pu être interrogé',
    description:
      'La recherche DNS d’un sélecteur a échoué (délai dépassé, SERVFAIL, refus) : on ne sait donc pas s’il contient une clé.',
    remediation:
      'Vérifiez que les serveurs de noms du domaine répondent aux requêtes TXT sous _domainkey, puis relancez.',
  },
  // ---- mtasts ----
  'mtasts.missing': {
    title: 'Pas de politique MTA-STS',
    description:
      'Sans MTA-STS, les serveurs expéditeurs n’utilisent TLS vers votre MX que de façon opportuniste : un attaquant placé sur le chemin peut supprimer STARTTLS ou présenter n’importe quel certificat, et le courrier est livré en clair, ou à lui.',
    remediation:
      'Publiez un fichier de politique à https://mta-sts.<domaine>/.well-known/mta-sts.txt (un hébergement web avec un certificat reconnu publiquement pour mta-sts.<domaine>, servi en text/plain, sans redirection), qui liste chaque hôte MX :\n  version: STSv1\n  mode: testing\n  mx: mail.example.com\n  max_age: 604800\npuis l’enregistrement `_mta-sts.example.com. IN TXT "v=STSv1; id=20250101000000"` (changez l’id à chaque modification de la politique). Commencez en mode test avec les rapports TLS-RPT, puis passez à `mode: enforce` avec un max_age de plusieurs semaines (par exemple 1209600).',
  },
  'mtasts.record-invalid': {
    title: 'L’enregistrement TXT MTA-STS est invalide',
    description:
      'Les expéditeurs ne lisent la politique que s’il existe exactement un enregistrement TXT `_mta-sts` commençant par `v=STSv1` et qu’il est syntaxiquement valide (RFC 8461 §3.1) ; sinon ils font comme s’il n’y avait pas de politique.',
    remediation:
      'Gardez exactement un enregistrement : `_mta-sts.example.com. IN TXT "v=STSv1; id=20250101000000"` ; l’id compte de 1 à 32 lettres ou chiffres.',
  },
  'mtasts.policy-unreachable': {
    title: 'Le fichier de politique MTA-STS ne peut pas être récupéré',
    description:
      'L’enregistrement `_mta-sts` annonce une politique, mais https://mta-sts.<domaine>/.well-known/mta-sts.txt ne répond pas directement 200 (pas d’adresse, connexion refusée, redirection, code d’erreur) : les expéditeurs sans copie en cache ne sont pas protégés, et ceux qui en ont une ne peuvent pas la rafraîchir.',
    remediation:
      'Servez le fichier avec le code 200 et sans redirection (la RFC 8461 §3.3 interdit de les suivre) à https://mta-sts.<domaine>/.well-known/mta-sts.txt ; donnez un enregistrement A/AAAA à mta-sts.<domaine>.',
  },
  'mtasts.certificate-invalid': {
    title: 'Le certificat de l’hôte de politique MTA-STS n’est pas valide',
    description:
      'Les expéditeurs doivent valider le certificat de mta-sts.<domaine> (RFC 8461 §3.3) et ignorer la politique sinon : un certificat expiré, auto-signé ou au mauvais nom désactive MTA-STS.',
    remediation:
      'Installez un certificat d’une autorité publique dont les noms incluent mta-sts.<domaine> (par exemple Let’s Encrypt), avec la chaîne intermédiaire, et renouvelez-le automatiquement.',
  },
  'mtasts.policy-invalid': {
    title: 'Le fichier de politique MTA-STS est invalide',
    description:
      'Le fichier de politique doit être en text/plain, petit, et contenir `version: STSv1`, un `mode`, un `max_age` d’au plus 31557600 et des lignes `mx` (RFC 8461 §3.2) ; les expéditeurs écartent une politique qu’ils ne peuvent pas lire.',
    remediation:
      'Servez exactement :\n  version: STSv1\n  mode: enforce\n  mx: mail.example.com\n  max_age: 1209600\navec `Content-Type: text/plain`, une ligne `mx:` par hôte MX (ou `*.example.com` pour un seul niveau).',
  },
  'mtasts.testing-mode': {
    title: 'La politique MTA-STS n’est pas appliquée',
    description:
      'En `mode: testing`, les expéditeurs se contentent de signaler les échecs (à TLS-RPT) et livrent quand même par des connexions non protégées ; `mode: none` retire la politique.',
    remediation:
      'Quand les rapports TLS-RPT ne montrent plus d’échec, mettez `mode: enforce` dans le fichier de politique et changez l’`id` de l’enregistrement TXT `_mta-sts` pour que les expéditeurs la relisent.',
  },
  'mtasts.max-age-short': {
    title: 'max_age MTA-STS trop court',
    description:
      'Les expéditeurs gardent la politique en cache pendant max_age secondes. Une politique appliquée avec un max_age de moins d’un jour expire entre deux visites : un attaquant qui bloque la récupération de la politique peut dégrader la livraison suivante.',
    remediation:
      'Mettez `max_age: 1209600` (deux semaines) ou plus ; la RFC 8461 §3.2 recommande plusieurs semaines.',
  },
  'mtasts.mx-mismatch': {
    title: 'Hôte MX non couvert par la politique MTA-STS',
    description:
      'Avec une politique appliquée, les expéditeurs refusent de livrer à un hôte MX qui ne correspond à aucun motif `mx` (RFC 8461 §4.1) : le courrier vers cet hôte est renvoyé ou reste en attente. `*.example.com` couvre exactement un niveau.',
    remediation:
      'Ajoutez au fichier de politique une ligne `mx:` pour chaque hôte MX (ou un motif `*.` qui le couvre), puis changez l’`id` de l’enregistrement TXT `_mta-sts`.',
  },
  // ---- tlsrpt ----
  'tlsrpt.missing': {
    title: 'Pas d’enregistrement TLS-RPT',
    description:
      'Sans enregistrement `_smtp._tls`, les serveurs expéditeurs n’ont aucun endroit où vous signaler les livraisons TLS échouées ou dégradées : les problèmes MTA-STS ou DANE, et les attaques contre eux, passent inaperçus.',
    remediation:
      'Publiez `_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com"` avec une boîte aux lettres (ou une adresse https:) que quelqu’un ou un outil d’analyse des rapports lit.',
  },
  'tlsrpt.invalid': {
    title: 'L’enregistrement TLS-RPT est invalide',
    description:
      'Les expéditeurs n’utilisent l’enregistrement que s’il existe exactement un enregistrement TXT `_smtp._tls` commençant par `v=TLSRPTv1` et qu’il contient une liste `rua=` d’URI mailto: ou https: (RFC 8460 §3) ; sinon aucun rapport n’est envoyé.',
    remediation:
      'Gardez un seul enregistrement : `_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.com"` ; plusieurs destinations vont dans un seul rua, séparées par des virgules.',
  },
  // ---- bimi ----
  'bimi.missing': {
    title: 'Pas d’enregistrement BIMI',
    description:
      'BIMI est facultatif : il permet aux fournisseurs de messagerie d’afficher le logo de la marque à côté du courrier authentifié. Sans enregistrement `default._bimi`, les autres contrôles BIMI ne s’appliquent pas.',
    remediation:
      'Pour l’adopter, appliquez d’abord DMARC, puis publiez par exemple default._bimi.example.com. IN TXT "v=BIMI1; l=https://example.com/bimi/logo.svg; a=https://example.com/bimi/vmc.pem".',
  },
  'bimi.invalid': {
    title: 'L’enregistrement BIMI est invalide',
    description:
      'L’enregistrement doit être un unique enregistrement TXT à `default._bimi.<domaine>` commençant par `v=BIMI1`, avec `l=` (le logo, en https) et éventuellement `a=` (le certificat, en https) ; les destinataires ignorent tout le reste.',
    remediation:
      'Publiez exactement un enregistrement, par exemple default._bimi.example.com. IN TXT "v=BIMI1; l=https://example.com/bimi/logo.svg; a=https://example.com/bimi/vmc.pem".',
  },
  'bimi.logo-invalid': {
    title: 'Le logo BIMI est inutilisable',
    description:
      'Le logo doit être servi en HTTPS avec un certificat valide, en image/svg+xml au profil SVG Tiny Portable/Secure : racine `<svg baseProfile="tiny-ps" version="1.2">`, un `<title>`, aucun script, aucune référence externe, idéalement moins de 32 Kio.',
    remediation:
      'Exportez le logo en SVG Tiny PS (le BIMI Group publie des outils de conversion), carré, sur fond uni, et servez-le avec `Content-Type: image/svg+xml` depuis un hôte au certificat reconnu.',
  },
  'bimi.authority-missing': {
    title: 'L’enregistrement BIMI n’a pas de preuve d’autorité',
    description:
      'Sans `a=` (un certificat Verified Mark Certificate ou Common Mark Certificate), les plus grands fournisseurs de messagerie (Gmail, Apple Mail) n’affichent pas le logo.',
    remediation:
      'Obtenez un VMC ou un CMC pour le logo auprès d’un émetteur de certificats de marque et ajoutez `a=https://…/vmc.pem` à l’enregistrement.',
  },
  'bimi.requires-enforcing-dmarc': {
    title: 'BIMI exige une politique DMARC appliquée',
    description:
      'Les destinataires n’affichent un logo BIMI que si la politique DMARC du domaine est appliquée : p=quarantine ou p=reject, pour tout le courrier (pas de pct inférieur à 100, pas de t=y). Sinon, l’enregistrement BIMI est ignoré.',
    remediation:
      'Faites passer DMARC en application, par exemple `_dmarc.example.com. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"`, sans pct ni t=y.',
  },
  // ---- dnssec ----
  'dnssec.signed': {
    title: 'La zone est signée et se valide',
    description:
      'Un résolveur validant a positionné le bit AD (données authentifiées) sur la réponse : la zone est signée et la chaîne de confiance, de l’ancre de confiance du résolveur jusqu’à elle, est intacte ; les fausses réponses sont donc rejetées.',
    remediation:
      'Rien à faire. Gardez les signatures à jour et renouvelez les clés en même temps que l’enregistrement DS chez le parent.',
  },
  'dnssec.unsigned': {
    title: 'La zone n’est pas protégée par DNSSEC',
    description:
      'Le résolveur valide DNSSEC (il a authentifié une zone parente) mais n’a pas pu authentifier cette réponse : la zone n’est pas signée, ou son parent n’a pas d’enregistrement DS pour elle. Un attaquant placé sur le chemin d’un serveur expéditeur peut falsifier les enregistrements MX ou d’adresse, et DANE pour SMTP (RFC 7672) est inutilisable.',
    remediation:
      'Activez la signature DNSSEC de la zone chez son hébergeur DNS (la plupart des hébergeurs et bureaux d’enregistrement la proposent en un clic ; BIND : `dnssec-policy default;`, Knot : `dnssec-signing: on`, DNS Windows : « Signer la zone »). Publiez ensuite l’enregistrement DS que vous indique l’hébergeur DNS (par exemple `example.com. IN DS 12345 13 2 <digest>`) chez le bureau d’enregistrement du domaine, qui le place dans la zone parente. Vérifiez avec `dig +dnssec DS example.com` et `delv example.com MX` que la chaîne se valide.',
  },
  'dnssec.bogus': {
    title: 'Les signatures DNSSEC ne se valident pas (bogus)',
    description:
      'Le résolveur validant répond SERVFAIL, mais répond normalement quand on l’interroge avec la vérification désactivée (bit CD) : la zone est signée mais ses signatures ne se valident pas (RRSIG expirées ou pas encore valides, DS chez le parent qui ne correspond à aucune DNSKEY, enregistrements modifiés après la signature). Tous les résolveurs validants — ceux de la plupart des fournisseurs d’accès et les résolveurs publics — échouent alors à résoudre le nom : le courrier qui lui est destiné est retardé puis renvoyé.',
    remediation:
      'Re-signez la zone (ou redémarrez le signataire) pour que chaque RRset ait une RRSIG à jour ; vérifiez que l’enregistrement DS chez le bureau d’enregistrement correspond à la clé de signature de clés actuelle (`dig DS <zone> +short` comparé à `dig DNSKEY <zone>` et `ldns-key2ds`/`dnssec-dsfromkey`). Si la zone ne peut pas être réparée tout de suite, supprimez le DS chez le bureau d’enregistrement pour rendre la zone non sécurisée plutôt que cassée. https://dnsviz.net montre où la chaîne se rompt.',
  },
  'dnssec.unknown': {
    title: 'État DNSSEC inconnu : le résolveur ne valide pas',
    description:
      'Aucune réponse pour le nom, ni pour la clé DNSKEY d’aucune zone au-dessus jusqu’à la racine, n’est revenue authentifiée : le résolveur configuré ne valide pas DNSSEC (ou n’a pas d’ancre de confiance pour cette partie de l’arbre). Un tel résolveur ne distingue pas une zone signée d’une zone non signée : aucun verdict n’est donné.',
    remediation:
      'Lancez l’analyse avec un résolveur validant : `--resolver 127.0.0.1` avec un unbound local (paquet Debian `unbound`, qui valide par défaut) ou un autre résolveur qui positionne le bit AD (vérifiez avec `dig +dnssec . DNSKEY` : la réponse doit afficher `flags: ... ad`).',
  },
  'dnssec.dns-error': {
    title: 'État DNSSEC impossible à vérifier : erreur DNS',
    description:
      'La requête qui sert à lire l’état DNSSEC a échoué (délai dépassé, refus, ou SERVFAIL même avec la vérification désactivée) : on ne peut rien dire des signatures de la zone.',
    remediation:
      'Vérifiez que les serveurs faisant autorité pour le nom répondent (`dig +norecurse @<ns> <name>`) et que le résolveur est joignable, puis relancez l’analyse.',
  },
};
