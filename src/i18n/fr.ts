// The French catalogue: the same keys as the English one, which the compiler and a test both enforce.

import type { Catalogue } from './en.js';

export const fr: Catalogue = {
  'report.heading': 'telltale {version} — {domain}',
  'report.scanned': 'Analyse du {startedAt} en {seconds} s · résolveurs : {resolvers}',
  'report.resolversNone': 'aucun',
  'count.fail': '{count} en échec',
  'count.error': '{count} non vérifiable(s)',
  'count.warn': '{count} avertissement(s)',
  'count.pass': '{count} conforme(s)',
  'count.skipped': '{count} ignoré(s)',
  'report.uncheckedNote':
    "{count, plural, one {# résultat n'a pas pu être vérifié} other {# résultats n'ont pas pu être vérifiés}} (voir ERREUR ci-dessus) : inconnus, pas absents, ils ne comptent ni pour ni contre le domaine.",
  'report.untranslatedNote':
    '{count, plural, one {# texte est affiché} other {# textes sont affichés}} en anglais : traduction à venir.',
  'report.staleDataset':
    'Les données {name} (version {dataVersion}) ont dépassé leur date de révision ({reviewBy}) : les verdicts peuvent ignorer ce qui a été publié depuis. Mettez telltale à jour, ou rafraîchissez les données (voir la documentation).',

  'status.fail': 'ÉCHEC',
  'status.error': 'ERREUR',
  'status.warn': 'ALERTE',
  'status.pass': 'ok',
  'status.skipped': 'ignoré',
  'statusWord.fail': 'échec',
  'statusWord.error': 'non vérifiable',
  'statusWord.warn': 'avertissement',
  'statusWord.pass': 'conforme',
  'statusWord.skipped': 'ignoré',
  'severity.info': 'info',
  'severity.low': 'faible',
  'severity.medium': 'moyenne',
  'severity.high': 'élevée',
  'severity.critical': 'critique',

  'finding.evidence': 'Preuves',
  'finding.labelled': '{label} : {value}',
  'finding.fix': 'Correction',
  'finding.see': 'Voir',
  'finding.subject': 'Objet',
  'finding.check': 'Contrôle',
  'finding.dnssecValidated': '(validé par DNSSEC)',
  'finding.spfCounts': '[{lookups} ici, {branch} dans la branche]',
  'finding.spfCountsVoid': '[{lookups} ici, {branch} dans la branche, {void} vides]',
  'quiet.passed': '{count} conforme(s) :',
  'quiet.skipped': '{count} ignoré(s) :',

  'grade.overall': 'Global',
  'grade.grade': 'Note',
  'grade.light': 'Voyant',
  'grade.area': 'Domaine',
  'grade.problems': 'Problèmes',
  'grade.notChecked': 'non vérifié',
  'light.green': 'vert',
  'light.amber': 'orange',
  'light.red': 'rouge',
  'light.none': 'inconnu',
  'confidence.full': 'entièrement vérifié',
  'confidence.partial':
    "vérifié en partie : {count, plural, one {# résultat n'a pas pu être vérifié} other {# résultats n'ont pas pu être vérifiés}}",
  'confidence.none': 'impossible à vérifier',
  'grade.cap.known-exploited':
    'Plafonné à F : {checkId} sur {subject} est une vulnérabilité activement exploitée (catalogue CISA KEV).',
  'grade.cap.critical': 'Plafonné à F : problème critique {checkId} sur {subject}.',
  'gradeArea.exchange': 'Exposition d’Exchange',
  'gradeArea.connectors': 'Connecteurs et TLS',
  'gradeArea.authentication': 'Authentification de l’expéditeur (SPF, DKIM, DMARC, BIMI)',
  'gradeArea.transport': 'Sécurité du transport (MTA-STS, TLS-RPT, DANE, DNSSEC)',
  'gradeArea.reputation': 'Réputation (listes de blocage, DNS inverse)',
  'gradeArea.routing': 'Acheminement du courrier (MX)',

  'summary.title': 'Synthèse pour la direction',
  'summary.overall': 'Voyant global : {light} · note {grade}',
  'summary.overallUnknown': 'Voyant global : inconnu, rien n’a pu être vérifié',
  'summary.todo':
    '{count, plural, =0 {Rien d’urgent à faire} one {La première chose à faire} other {Les # premières choses à faire}}',
  'summary.attack': 'Ce qu’un attaquant pourrait faire',
  'summary.cost': 'Ce que cela pourrait coûter',
  'summary.owner': 'Qui',
  'summary.effort': 'Effort',
  'summary.right': 'Ce qui est déjà en ordre',
  'summary.rightArea': '{area} : en ordre',
  'summary.rightNone': 'Aucun domaine n’est encore entièrement en ordre.',
  'summary.unchecked': 'Ce qui n’a pas pu être vérifié',
  'summary.uncheckedNone': 'Tout ce qui a été tenté a pu être vérifié.',
  'summary.legalTitle': 'Pourquoi c’est important : RGPD et NIS2',
  'summary.art32':
    'RGPD art. 32 (sécurité du traitement) : des mesures techniques appropriées sont exigées pour les données personnelles ; le courrier électronique en transporte, et les mesures ci-dessus sont l’état de l’art usuel.',
  'summary.art33':
    'RGPD art. 33 : une violation de données personnelles (par exemple une boîte aux lettres lue par un intrus) doit être notifiée à l’autorité de contrôle dans les meilleurs délais et, si possible, 72 heures au plus tard après en avoir pris connaissance.',
  'summary.art34':
    'RGPD art. 34 : lorsque la violation est susceptible d’engendrer un risque élevé pour les personnes concernées, celles-ci doivent en être informées dans les meilleurs délais.',
  'summary.art83':
    'RGPD art. 83 : les manquements aux art. 32 à 34 peuvent être sanctionnés jusqu’à 10 millions d’euros ou 2 % du chiffre d’affaires annuel mondial (art. 83(4)) ; les violations des principes de base, dont l’intégrité et la confidentialité (art. 5(1)(f)), jusqu’à 20 millions d’euros ou 4 % (art. 83(5)), le montant le plus élevé étant retenu.',
  'summary.nis2':
    'NIS2 (directive (UE) 2022/2555), si votre organisation est une entité essentielle ou importante : l’art. 21 exige des mesures de gestion des risques de cybersécurité (dont la sécurité de la messagerie), et l’art. 23 impose une alerte précoce en cas d’incident important dans les 24 heures, une notification dans les 72 heures et un rapport final dans un délai d’un mois.',
  'summary.disclaimer':
    'Cette synthèse traduit des constats techniques en termes réglementaires ; ce n’est pas un conseil juridique. Interrogez votre délégué à la protection des données ou votre conseil sur vos obligations.',

  'owner.dns': 'Le gestionnaire de votre zone DNS (équipe informatique ou hébergeur)',
  'owner.mail': 'L’administrateur de votre serveur de messagerie',
  'owner.provider': 'Votre prestataire informatique',
  'owner.management': 'La direction, avec l’équipe informatique',
  'effort.minutes': 'Moins d’une heure',
  'effort.hours': 'Quelques heures',
  'effort.days': 'Quelques jours, en changement planifié',

  'impact.spoofing.attack':
    'Envoyer des courriels qui semblent venir de votre entreprise : fausses factures, demandes de changement de RIB, hameçonnage de vos clients.',
  'impact.spoofing.cost':
    'Des virements détournés, la confiance de vos clients perdue, et une violation de données à gérer si des données personnelles sont obtenues.',
  'impact.spoofing-unenforced.attack':
    'Continuer à envoyer des courriels en votre nom : les destinataires sont invités à livrer quand même le courrier falsifié.',
  'impact.spoofing-unenforced.cost':
    'Fraude au président et aux fausses factures contre vos clients et vos salariés ; atteinte à la réputation.',
  'impact.forged-signature.attack':
    'Falsifier ou affaiblir la signature cryptographique qui prouve que vos courriels sont authentiques.',
  'impact.forged-signature.cost':
    'Des courriels falsifiés qui passent les contrôles ; la confiance dans votre messagerie perdue.',
  'impact.mail-loss.attack':
    'Rien à faire : le courrier adressé à votre entreprise est déjà perdu ou retardé.',
  'impact.mail-loss.cost':
    'Commandes, factures et notifications légales manquées ; des clients qui ne peuvent pas vous joindre.',
  'impact.interception.attack':
    'Lire ou modifier les courriels en transit en dégradant ou en détournant la connexion chiffrée.',
  'impact.interception.cost':
    'Des données confidentielles et personnelles divulguées en transit : une violation à notifier (RGPD art. 33).',
  'impact.blind.attack':
    'Attaquer votre messagerie sans que personne dans votre entreprise n’en soit averti.',
  'impact.blind.cost': 'Des problèmes découverts tard, quand le mal est fait.',
  'impact.delivery.attack':
    'Rien à faire : vos propres courriels sont rejetés ou classés en indésirables par les destinataires.',
  'impact.delivery.cost':
    'Des échanges commerciaux perdus et du temps passé à relancer des courriels non remis.',
  'impact.server-takeover.attack':
    'Prendre le contrôle du serveur de messagerie : lire toutes les boîtes, déposer un rançongiciel, rebondir sur le reste du réseau.',
  'impact.server-takeover.cost':
    'Une violation de données complète à notifier sous 72 heures, une interruption d’activité, des coûts de remise en état et d’éventuelles amendes.',
  'impact.tls-weakness.attack': 'Lire les courriels en transit grâce à un chiffrement faible ou non vérifié.',
  'impact.tls-weakness.cost': 'Des données confidentielles et personnelles divulguées en transit.',
  'impact.listed.attack':
    'Rien à faire : votre serveur est déjà considéré comme douteux par les destinataires.',
  'impact.listed.cost': 'Des courriels rejetés par vos clients et partenaires jusqu’au retrait de la liste.',

  'doc.title': 'Rapport telltale — {domains}',
  'doc.findings': 'Constats',
  'doc.chartTitle': 'Résultats par domaine',
  'doc.references': 'Références',
  'doc.generated': 'Produit par telltale {version} le {date}.',
  'doc.noProblems': 'Aucun problème dans ce domaine.',
  'doc.passedChecks': 'Conformes : {ids}',
};
